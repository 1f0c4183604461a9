/*
 * .dockerignore: which files of a build context Docker leaves out.
 *
 * Docker's rules: one pattern a line, '#' comments, leading and trailing
 * whitespace trimmed, paths cleaned (filepath.Clean) and taken relative to
 * the context root whether or not they start with '/', Go filepath.Match
 * syntax plus '**' for any number of directories, '!' to re-include, the
 * last matching pattern wins, and a pattern that matches a directory
 * excludes everything under it.
 */
#ifndef HULL_PARSE_DOCKERIGNORE_H
#define HULL_PARSE_DOCKERIGNORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct dockerignore_pattern {
	char *pattern; /* cleaned, without '!' */
	bool negate;
	unsigned line;
};

struct dockerignore {
	struct dockerignore_pattern *v;
	size_t n, cap;
	bool present; /* a file was found */
};

#define DOCKERIGNORE_INIT                                                      \
	{                                                                      \
		NULL, 0, 0, false                                              \
	}

/* Parse the text of a .dockerignore. */
void dockerignore_parse(struct dockerignore *di, const char *text, size_t len);
/*
 * Load <context_dir>/.dockerignore, or the <Dockerfile>.dockerignore that
 * BuildKit prefers when `dockerfile` is given.  An absent file is not an
 * error: `present` stays false and nothing is excluded.
 */
int dockerignore_load(struct dockerignore *di, const char *context_dir,
		      const char *dockerfile, struct err *e);
/* Is `relpath` (relative to the context, '/' separated) excluded? */
bool dockerignore_excludes(const struct dockerignore *di, const char *relpath);
void dockerignore_release(struct dockerignore *di);

#endif
