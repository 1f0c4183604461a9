/*
 * What a build context sends to the daemon.
 *
 * `docker build` packs the whole context directory, minus what its
 * .dockerignore excludes, and sends it to the builder; every file in it
 * can then be copied into a layer by a careless COPY, and sits in the
 * builder's cache either way.  These rules read the list of files a
 * context holds, which only a project scan has: they are Dockerfile rules
 * (their findings sit beside the Dockerfile's) without a per-Dockerfile
 * check, and hull scan runs them through context_check().
 *
 *	DF084  a secret-bearing file is sent with the build context
 *	DF085  a context holds secret-bearing files and has no .dockerignore
 */
#ifndef HULL_RULES_CONTEXT_H
#define HULL_RULES_CONTEXT_H

#include <stddef.h>

#include "parse/dockerignore.h"
#include "report/finding.h"
#include "rules/rule.h"

extern const struct rule context_rule_secret_file;
extern const struct rule context_rule_no_ignore;

/* One build context as the caller found it. */
struct context_files {
	const char *dir;	/* the context directory, as reported */
	const char *dockerfile; /* the Dockerfile built in it, as reported */
	const struct dockerignore *ignore; /* its .dockerignore (loaded) */
	const char *const *files; /* paths relative to dir, '/' separated */
	size_t n;
};

/*
 * True when `relpath` (relative to a context) names a file that holds
 * credentials by convention (secret/secret.h's list, plus a .git
 * directory, which carries the whole history) and is not a template
 * such as .env.example.
 */
bool context_path_is_secret(const char *relpath);

/*
 * Add a DF084 finding for every secret-bearing file of `cf` that its
 * .dockerignore does not exclude (located at the file, dir-joined), and
 * one DF085 at the Dockerfile when there is no .dockerignore and at least
 * one such file.  Returns how many files are sent.
 */
size_t context_check(const struct context_files *cf, struct findings *out);

#endif
