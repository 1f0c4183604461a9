/*
 * CVSS base scores from vectors.
 *
 * Versions 3.0 and 3.1 ("CVSS:3.1/AV:N/AC:L/...") are scored with the
 * specification's base formula (3.0 and 3.1 differ only in rounding), and
 * version 2 ("AV:N/AC:L/Au:N/C:P/I:P/A:P", optionally in parentheses) with
 * its own.  Temporal and environmental metrics are accepted and ignored:
 * hull reports base scores.
 *
 * NEEDSWORK: CVSS 4.0 scoring needs the specification's macrovector
 * lookup table, which hull does not carry yet.  A 4.0 vector is parsed
 * and validated, and cvss_score() returns CVSS_UNSCORED for it so that
 * the caller falls back to the rating the source gives.
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

/* cvss_score() result for a valid vector hull cannot score (4.0). */
#define CVSS_UNSCORED 1

/*
 * Parse `vector` and compute its base score into *score (0.0 to 10.0) and
 * its version into *version (may be NULL).  Returns 0; CVSS_UNSCORED for
 * a valid 4.0 vector (score left 0); -1 with ERR_INPUT when the vector is
 * malformed: unknown version, a base metric missing or repeated, an
 * unknown metric value.
 */
int cvss_score(const char *vector, double *score, enum cvss_version *version,
	       struct err *e);

/* The qualitative rating of a score: 0 is UNKNOWN (CVSS "None"),
 * 0.1-3.9 LOW, 4.0-6.9 MEDIUM, 7.0-8.9 HIGH, 9.0-10.0 CRITICAL.  Version 2
 * has no CRITICAL band: pass is_v2 to cap at HIGH. */
enum severity cvss_severity(double score, bool is_v2);

#endif
