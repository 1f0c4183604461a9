/*
 * struct report: the result of one run, and the writers that render it.
 *
 * A report owns its findings, its error messages and its target names.
 * Writers render into a struct buf; cli/ decides where the bytes go.
 * Suppressed findings are never rendered; they are counted.
 */
#ifndef HULL_REPORT_REPORT_H
#define HULL_REPORT_REPORT_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/util.h"
#include "report/finding.h"

enum report_format {
	REPORT_TABLE,
	REPORT_JSON,
	REPORT_SARIF,
	REPORT_GITHUB,
	REPORT_CYCLONEDX,
	REPORT_SPDX,
};

struct report {
	const char *command;   /* "dockerfile", "image", ... */
	struct strvec targets; /* what was scanned, in order */
	struct strvec errors;  /* inputs that could not be read */
	struct findings findings;
};

#define REPORT_INIT                                                            \
	{                                                                      \
		NULL, STRVEC_INIT, STRVEC_INIT, FINDINGS_INIT                  \
	}

struct report_style {
	bool color;
	bool verbose; /* table: show remediation and evidence */
};

void report_release(struct report *r);

/* Parse a --format value; -1 for an unknown one. */
int report_format_parse(const char *name, enum report_format *out);

void report_table(const struct report *r, const struct report_style *st,
		  struct buf *out);
void report_json(const struct report *r, struct buf *out);
void report_sarif(const struct report *r, struct buf *out);
void report_github(const struct report *r, struct buf *out);

/* The "Total: N (CRITICAL: a, HIGH: b, ...)" line, without newline. */
void report_totals(const struct findings *fs, struct buf *out);

#endif
