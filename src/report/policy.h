/*
 * struct policy: what the user asked to see and what fails the run.
 *
 * Built from defaults, then the config file (.hull.yaml, found upward
 * from the target, or --config), then an --ignore-file, then the command
 * line, each overriding the one before.  Analyzers read the settings they
 * need (trusted registries, secret allowlists, image age); policy_apply()
 * decides which findings stay.
 *
 * The config file:
 *
 *	severity: [CRITICAL, HIGH, MEDIUM, LOW, INFO]   # what to show
 *	fail-on: medium                                 # or "never"
 *	rules:
 *	  DF004: off            # disable (hull id or any alias)
 *	  DL3008: high          # override the severity
 *	ignore:
 *	  - id: CVE-2023-1234   # rule id, alias or advisory id
 *	    reason: not reachable from the network   # required
 *	    expires: 2027-01-31 # optional; after it the ignore stops working
 *	    path: "deploy/Dockerfile.*" # optional glob on the finding's file or
 *path trusted-registries: [docker.io, ghcr.io] secrets: allow-paths:
 *["testdata*"] allow-patterns: ["EXAMPLE"] image: max-age-days: 90 db: path:
 * /var/cache/hull/vuln.db max-age-days: 7 sources:
 *["https://example.org/osv/alpine.zip"]
 *
 * Ownership: the policy owns all its strings; policy_release() frees them.
 */
#ifndef HULL_REPORT_POLICY_H
#define HULL_REPORT_POLICY_H

#include <stdbool.h>
#include <time.h>

#include "core/err.h"
#include "core/util.h"
#include "report/finding.h"

#define POLICY_CONFIG_NAME ".hull.yaml"
/* Largest config or ignore file hull reads. */
#define POLICY_MAX_FILE (4u * 1024 * 1024)

struct policy_ignore {
	char *id;
	char *path;    /* NULL: everywhere */
	char *reason;  /* never NULL */
	char *expires; /* "YYYY-MM-DD" or NULL */
	char *source;  /* "file:line" where it was written */
};

struct policy_override {
	char *id;
	bool disable;
	bool enable;
	bool has_severity;
	enum severity severity;
};

struct policy {
	unsigned show_mask; /* bit (1 << severity) for each shown */
	enum severity fail_on;
	bool fail_never;
	bool ignore_unfixed;

	struct strvec only; /* --rule: when not empty, only these */
	struct strvec skip; /* --skip */

	struct policy_override *overrides;
	size_t n_overrides, cap_overrides;
	struct policy_ignore *ignores;
	size_t n_ignores, cap_ignores;

	struct strvec trusted_registries;
	struct strvec secret_allow_paths;
	struct strvec secret_allow_patterns;
	long image_max_age_days;
	char *db_path;
	long db_max_age_days;
	struct strvec db_sources;

	char *config_path; /* the config file read, or NULL */
	time_t now;	   /* "today" for expiry and age checks */
};

void policy_init(struct policy *p);
void policy_release(struct policy *p);

/*
 * Look for .hull.yaml in `start` (a file's directory or a directory) and
 * each parent.  Returns a fresh path or NULL.
 */
char *policy_find_config(const char *start);

/* Read a config file into p. */
int policy_load_config(struct policy *p, const char *path, struct err *e);
/* The same for text already in memory; `path` is used in messages. */
int policy_load_config_text(struct policy *p, const char *path,
			    const char *data, size_t len, struct err *e);

/*
 * Read an ignore file: either YAML with an `ignore:` list as in the config,
 * or plain lines "ID reason..." ('#' starts a comment).  A line without a
 * reason is an error: every ignore says why.
 */
int policy_load_ignore_file(struct policy *p, const char *path, struct err *e);

/* Parse "CRITICAL,HIGH" into a show mask. */
int policy_parse_severities(const char *list, unsigned *mask, struct err *e);

/*
 * Apply the policy: mark suppressed what is disabled, skipped, ignored,
 * unfixed (with --ignore-unfixed) or below the shown severities, and apply
 * severity overrides.  Warns (log_warn) about ignores that have expired.
 */
void policy_apply(const struct policy *p, struct findings *fs);

/* True when the shown findings include one at or above fail-on. */
bool policy_fails(const struct policy *p, const struct findings *fs);

/* Is this finding's rule enabled at all (for analyzers that want to skip
 * work)? */
bool policy_rule_enabled(const struct policy *p, const char *id);

#endif
