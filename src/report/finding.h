/*
 * Findings: what every analyzer produces and every reporter prints.
 *
 * A struct findings owns every finding in it and every string of each
 * finding; findings_add*() copy what they are given.  Analyzers add
 * findings; policy (report/policy.h) later marks some suppressed; reporters
 * print the rest.
 */
#ifndef HULL_REPORT_FINDING_H
#define HULL_REPORT_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"
#include "report/severity.h"

struct rule;

/*
 * Where a finding came from.  Text inputs fill file/line/column; image
 * findings fill target, layer_* and path; runtime findings name the
 * service or container in `target`.  Unused string fields are NULL, unused
 * numbers 0 (layer_index is -1 when the finding is not about a layer).
 */
struct location {
	const char *file;
	unsigned line;	 /* 1-based, 0 when unknown */
	unsigned column; /* 1-based, 0 when unknown */
	unsigned end_line;
	const char *target; /* image reference, service, container */
	int layer_index;    /* 0-based from the bottom, -1 for none */
	const char *layer_digest;
	const char *layer_created_by; /* history entry of that layer */
	const char *path;	      /* path inside an image */
	const char *instruction;      /* Dockerfile instruction for a layer */
};

#define LOCATION_INIT                                                          \
	{                                                                      \
		.layer_index = -1                                              \
	}

/* Deep-copy src (NULL: an empty location) into dst, which then owns its
 * strings; location_release() frees them. */
void location_copy(struct location *dst, const struct location *src);
void location_release(struct location *loc);

/* Vulnerability details, present only on vulnerability findings. */
struct vuln_detail {
	char *pkg_name;
	char *pkg_version;
	char *fixed_version; /* NULL when there is no fix */
	char *status;	     /* "fixed", "affected", "will_not_fix", ... */
	char *ecosystem;
	char *purl;
	char *pkg_path;	   /* file that recorded the package */
	double cvss_score; /* 0 when unknown */
	char *cvss_vector;
	char *published;
};

struct finding {
	char *id;		 /* rule id or advisory id */
	const struct rule *rule; /* NULL for vulnerabilities */
	enum severity severity;
	char *title;
	char *message;
	char *remediation;
	char *evidence; /* already redacted; never a whole secret */
	struct strvec aliases;
	struct strvec references;

	/* Owned copies of the struct location strings. */
	struct location loc;

	struct vuln_detail *vuln;

	bool suppressed;
	bool filtered;	     /* hidden by --severity, not by an ignore */
	char *suppressed_by; /* e.g. "inline pragma", ".hull.yaml: reason" */
};

struct findings {
	struct finding *v;
	size_t n;
	size_t cap;
};

#define FINDINGS_INIT                                                          \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * Add a finding for `rule` at `loc` (copied; may be NULL).  Id, severity,
 * title, remediation and aliases come from the rule; the message is
 * formatted from fmt.  Returns the new finding for the caller to add
 * evidence to.  The pointer is valid until the next add.
 */
struct finding *findings_add_rule(struct findings *fs, const struct rule *rule,
				  const struct location *loc, const char *fmt,
				  ...) __attribute__((format(printf, 4, 5)));

/* Add a finding that is not tied to a rule (an advisory, an input error). */
struct finding *findings_add(struct findings *fs, const char *id,
			     enum severity sev, const char *title,
			     const struct location *loc, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Replace the evidence of f with a copy of s (the caller redacts). */
void finding_set_evidence(struct finding *f, const char *s);
/* Allocate f->vuln if needed and return it. */
struct vuln_detail *finding_vuln(struct finding *f);

/* Move every finding of src to the end of dst, leaving src empty. */
void findings_move(struct findings *dst, struct findings *src);

/* Stable order: file, line, column, then worst severity first, then id. */
void findings_sort(struct findings *fs);

/* Number of unsuppressed findings per severity, into counts[SEV_COUNT]. */
void findings_count(const struct findings *fs, size_t counts[SEV_COUNT]);

void findings_release(struct findings *fs);

/* Free what one finding owns and zero it (for a caller that drops a
 * finding from a list and closes the gap itself). */
void finding_release(struct finding *f);

/*
 * Redact a secret for display: keep a short prefix that helps a person
 * find it and replace the rest with stars.  Returns a fresh string.
 * Secrets of 8 characters or fewer are starred out entirely.
 */
char *redact_secret(const char *secret, size_t len);

#endif
