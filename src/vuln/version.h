/*
 * Version ordering, one scheme per ecosystem.
 *
 * Each scheme is a struct version_scheme in one table: a name ("apk",
 * "dpkg", "rpm", "semver", "pep440", "go", "maven"), a validity check and
 * a comparison.  compare() returns <0, 0 or >0 like strcmp(); it must be
 * given strings that valid() accepted, except for schemes marked
 * `lenient`, which order any pair of strings (apk-tools falls back to a
 * byte-wise sort for strings outside its grammar, and so do we).
 *
 * Every compare() is total and never reads past the terminating NUL, so it
 * is safe on hostile input once valid() has passed.
 */
#ifndef HULL_VULN_VERSION_H
#define HULL_VULN_VERSION_H

#include <stdbool.h>

/* Longer version strings are rejected by every scheme: no ecosystem uses
 * them and they only make comparison slower. */
#define VERSION_MAX_LEN 256

struct version_scheme {
	const char *name;
	int (*compare)(const char *a, const char *b);
	bool (*valid)(const char *v);
	bool lenient; /* compare() orders invalid strings too */
};

/* The scheme called `name` (case-insensitive, with aliases such as
 * "debian", "npm", "pypi"), or NULL. */
const struct version_scheme *version_scheme_find(const char *name);

/* The scheme that orders versions of an OSV ecosystem name such as
 * "Alpine:v3.19", "Debian:12", "npm", "PyPI", "Go", "Maven", or NULL. */
const struct version_scheme *version_scheme_for_ecosystem(const char *eco);

/* The table, NULL-terminated, for listing. */
extern const struct version_scheme *const version_schemes[];

/*
 * Compare a and b under s.  Returns 0 and sets *cmp to -1, 0 or 1; or -1
 * when either string is not a valid version of s (lenient schemes never
 * fail).
 */
int version_compare(const struct version_scheme *s, const char *a,
		    const char *b, int *cmp);

#endif
