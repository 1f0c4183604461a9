/*
 * CVSS scores from vectors.
 *
 * Version 4.0 ("CVSS:4.0/AV:N/AC:L/AT:N/...") is scored as FIRST's 4.0
 * specification defines it: macrovector lookup and severity distances,
 * with the threat metric (E) and the environmental metrics (CR/IR/AR and
 * the modified base metrics) taking part when the vector defines them,
 * which makes the score a CVSS-BT, CVSS-BE or CVSS-BTE one.  Supplemental
 * metrics are validated and do not change the score.
 *
 * Versions 3.0 and 3.1 ("CVSS:3.1/AV:N/AC:L/...") are scored with the
 * specification's base formula (3.0 and 3.1 differ only in rounding), and
 * version 2 ("AV:N/AC:L/Au:N/C:P/I:P/A:P", optionally in parentheses) with
 * its own.  Their temporal and environmental metrics are checked and do
 * not change the score: for these versions hull reports base scores.
 */
#ifndef HULL_VULN_CVSS_H
#define HULL_VULN_CVSS_H

#include <stdbool.h>

#include "core/err.h"
#include "report/severity.h"

/* Longest vector accepted; real ones are under 200 characters. */
#define CVSS_MAX_VECTOR 512

enum cvss_version {
	CVSS_V2 = 2,
	CVSS_V30 = 30,
	CVSS_V31 = 31,
	CVSS_V40 = 40,
};

/* What a vector scores. */
struct cvss {
	enum cvss_version version;
	double score; /* 0.0 to 10.0, one decimal */
	/* 4.0: "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE", after the
	 * metric groups the vector defines; NULL for other versions.
	 * Static storage. */
	const char *nomenclature;
};

/*
 * Parse `vector` and score it into *out.  Returns 0, or -1 with ERR_INPUT
 * when the vector is malformed, the same way for every version: unknown
 * version, an unknown metric, a metric repeated, a value the metric does
 * not have, a base metric missing, an empty name or value, a trailing '/'.
 * Metrics may come in any order.
 */
int cvss_compute(const char *vector, struct cvss *out, struct err *e);

/* cvss_compute() for callers that want the score and the version only;
 * `version` may be NULL. */
int cvss_score(const char *vector, double *score, enum cvss_version *version,
	       struct err *e);

/* The qualitative rating of a score, the same bands for 3.x and 4.0:
 * 0 is UNKNOWN (CVSS "None"), 0.1-3.9 LOW, 4.0-6.9 MEDIUM, 7.0-8.9 HIGH,
 * 9.0-10.0 CRITICAL.  Version 2 has no CRITICAL band: pass is_v2 to cap
 * at HIGH. */
enum severity cvss_severity(double score, bool is_v2);

#endif
