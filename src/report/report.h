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

/*
 * Whether a command checked vulnerabilities, and against what.  Only
 * commands that match packages set `applies`; the writers then say how
 * many vulnerabilities there are, or that none were looked for and why,
 * so that a clean report is never mistaken for a checked one.
 * SARIF says it as a warning notification of the run's invocation,
 * GitHub output as a ::warning command.
 */
struct report_vulns {
	bool applies;	   /* this command checks vulnerabilities */
	bool checked;	   /* a database was read and matched */
	char *database;	   /* its path, or NULL */
	long age_days;	   /* age of its data, -1 when unknown */
	char *not_checked; /* why not, when !checked */
};

struct report {
	const char *command;   /* "dockerfile", "image", ... */
	struct strvec targets; /* what was scanned, in order */
	struct strvec errors;  /* inputs that could not be read */
	struct findings findings;
	struct report_vulns vulns;
};

#define REPORT_INIT                                                            \
	{                                                                      \
		NULL, STRVEC_INIT, STRVEC_INIT, FINDINGS_INIT,                 \
		{                                                              \
			0                                                      \
		}                                                              \
	}

struct report_style {
	bool color;
	bool verbose; /* table: show remediation and evidence */
};

void report_release(struct report *r);

/*
 * Text from scanned files and images (paths, names, versions, messages)
 * may hold escape sequences; a report read on a terminal or in a CI log
 * must not let them act.  report_add_printable_at() appends the
 * character at s (a non-empty string) and returns the bytes it took: C0
 * controls and DEL become \xNN, a UTF-8 C1 control (U+0080..U+009F)
 * \xc2\xNN, anything else is copied.  report_add_printable() does so
 * for all of s.  Every human-facing writer, and every message on stderr,
 * goes through them.
 */
size_t report_add_printable_at(struct buf *out, const char *s);
void report_add_printable(struct buf *out, const char *s);

/*
 * For columns of such text: report_printable_len() is the length of s
 * once escaped (0 for NULL), measured in `scratch`, which it overwrites;
 * report_add_printable_cell() appends s escaped (nothing for NULL) and
 * pads it with spaces to `width` escaped bytes.
 */
size_t report_printable_len(const char *s, struct buf *scratch);
void report_add_printable_cell(struct buf *out, const char *s, size_t width);

/* Parse a --format value; -1 for an unknown one. */
int report_format_parse(const char *name, enum report_format *out);

void report_table(const struct report *r, const struct report_style *st,
		  struct buf *out);
void report_json(const struct report *r, struct buf *out);
void report_sarif(const struct report *r, struct buf *out);
void report_github(const struct report *r, struct buf *out);

/* The "Total: N (CRITICAL: a, HIGH: b, ...)" line, without newline. */
void report_totals(const struct findings *fs, struct buf *out);

/*
 * The same counts over the shown vulnerability findings only, as
 * "Vulnerabilities: N (CRITICAL: a, ...)", or "Vulnerabilities: not
 * checked (why)"; nothing when r->vulns.applies is false.  With a
 * newline.
 */
void report_vuln_totals(const struct report *r, struct buf *out);

/* Unsuppressed vulnerability findings per severity, into counts[SEV_COUNT]. */
void report_vuln_count(const struct findings *fs, size_t counts[SEV_COUNT]);

#endif
