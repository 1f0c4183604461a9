/*
 * The build-context rules: secret-bearing files that `docker build`
 * would send to the daemon.
 */
#include "rules/context.h"

#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "secret/secret.h"

#define CONTEXT_REF "https://docs.docker.com/build/concepts/context/"

/* Name endings that mark a template, shipped on purpose without values. */
static const char *const template_suffixes[] = {
	".example", ".sample", ".template", ".dist", ".tmpl", ".tpl", NULL,
};

bool
context_path_is_secret(const char *relpath)
{
	const char *base = path_basename(relpath);

	if (!strcmp(base, ".git"))
		return true;
	for (const char *const *s = template_suffixes; *s; s++)
		if (str_iends_with(base, *s))
			return false;
	return secret_path_is_sensitive(relpath);
}

const struct rule context_rule_secret_file = {
	.id = "DF084",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "Secret-bearing file sent with the build context",
	.why = "docker build sends every file of the context that "
	       ".dockerignore does not exclude to the builder.  A .env, a "
	       "private key, an .npmrc with a token or the .git directory "
	       "then sits in the builder's cache, and one `COPY . .` puts "
	       "it into a layer that everyone who pulls the image can "
	       "read, even if a later step deletes it.",
	.remediation = "Exclude it in the context's .dockerignore (.env*, "
		       "*.pem, *.key, id_*, .git, .npmrc) and pass what the "
		       "build needs as a BuildKit secret "
		       "(RUN --mount=type=secret).",
	.bad = "app/.env   # beside app/Dockerfile, no .dockerignore entry",
	.good = "# app/.dockerignore\n.env*\n.git\n*.pem\n*.key\nid_*",
	.aliases = NULL,
	.references = (const char *const[]){ CONTEXT_REF, NULL },
	.check.dockerfile = NULL,
};

const struct rule context_rule_no_ignore = {
	.id = "DF085",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Build context holds secret files and has no .dockerignore",
	.why = "Without a .dockerignore, docker build sends the whole "
	       "context directory, secret files included, and nothing "
	       "stops the next `COPY . .` from baking them into the image.",
	.remediation = "Add a .dockerignore beside the Dockerfile (or "
		       "<Dockerfile>.dockerignore) that excludes at least "
		       ".git, .env*, *.pem, *.key, id_* and credential files.",
	.bad = "Dockerfile, .env, id_rsa and no .dockerignore",
	.good = "# .dockerignore\n.git\n.env*\n*.pem\n*.key\nid_*",
	.aliases = NULL,
	.references = (const char *const[]){ CONTEXT_REF, NULL },
	.check.dockerfile = NULL,
};

static void
report_file(const struct context_files *cf, const char *rel,
	    struct findings *out)
{
	struct location loc = LOCATION_INIT;
	char *path = path_join(cf->dir, rel);

	loc.file = path;
	findings_add_rule(out, &context_rule_secret_file, &loc,
			  "'%s' is sent to the daemon with the build context "
			  "of '%s'%s",
			  rel, cf->dockerfile,
			  cf->ignore && cf->ignore->present
			      ? "; .dockerignore does not exclude it"
			      : "; there is no .dockerignore");
	free(path);
}

size_t
context_check(const struct context_files *cf, struct findings *out)
{
	size_t sent = 0, secret = 0;

	for (size_t i = 0; i < cf->n; i++) {
		if (!context_path_is_secret(cf->files[i]))
			continue;
		secret++;
		if (cf->ignore &&
		    dockerignore_excludes(cf->ignore, cf->files[i]))
			continue;
		report_file(cf, cf->files[i], out);
		sent++;
	}
	if (secret && !(cf->ignore && cf->ignore->present)) {
		struct location loc = LOCATION_INIT;

		loc.file = cf->dockerfile;
		findings_add_rule(out, &context_rule_no_ignore, &loc,
				  "the build context '%s' holds %zu "
				  "secret-bearing file%s and has no "
				  ".dockerignore",
				  cf->dir, secret, secret == 1 ? "" : "s");
	}
	return sent;
}
