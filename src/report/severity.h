/*
 * Severities, ordered so that a larger value is worse.  UNKNOWN is for
 * advisories that carry no rating at all; it sorts below INFO so that
 * `--fail-on low` is not tripped by data that says nothing.
 */
#ifndef HULL_REPORT_SEVERITY_H
#define HULL_REPORT_SEVERITY_H

enum severity {
	SEV_UNKNOWN = 0,
	SEV_INFO = 1,
	SEV_LOW = 2,
	SEV_MEDIUM = 3,
	SEV_HIGH = 4,
	SEV_CRITICAL = 5,
};

#define SEV_COUNT 6

/* "CRITICAL", "HIGH", ... */
const char *severity_name(enum severity s);
/* Case-insensitive; returns 0 and sets *out, or -1 for an unknown name. */
int severity_parse(const char *name, enum severity *out);

#endif
