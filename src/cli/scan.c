/*
 * hull scan [--skip-dir GLOB]... [DIR]: audit a whole project in one run.
 *
 * One walk of DIR (default ".") finds what the project holds, and each
 * kind goes to the analyzer `hull` has for it:
 *
 *  1. compose files (compose.yaml, compose.yml, docker-compose.yaml,
 *     docker-compose.yml), each directory's first one merged with its
 *     override file as docker compose does, through the runtime rules;
 *     the other compose files of a directory are audited alone;
 *  2. Dockerfiles and Containerfiles (the names `hull dockerfile` knows,
 *     plus any file a compose `build:` names), linted with the
 *     .dockerignore of their build context: the compose service's
 *     `build.context` when one builds the file, else the file's directory;
 *  3. each build context: the secret-bearing files it would send to the
 *     daemon (DF084) and a missing .dockerignore (DF085);
 *  4. docker run lines in scripts, Makefiles and CI files (scan-text.c),
 *     through the runtime rules;
 *  5. the secret scanner over every text file.
 *
 * Duplicates.  A literal secret in a Dockerfile ENV or a compose
 * environment entry is found twice: by the Dockerfile or runtime rule
 * that knows what the line does (DF032, RT022, ...) and by the secret
 * scanner.  The rule's finding says more, so a secret scanner finding is
 * dropped when a Dockerfile or runtime finding that carries a redacted
 * secret (its evidence) sits at the same file and line.  Every other
 * secret scanner finding is kept.
 *
 * Paths in the report are DIR as given joined with the path inside it
 * ("Dockerfile" for DIR ".", "app/Dockerfile" for DIR "app").  One
 * .hull.yaml (DIR's, or the first one above it) applies to everything.
 * An unreadable file or directory is an input error (exit 3) and the scan
 * goes on with the rest.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/scan-internal.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "parse/compose.h"
#include "parse/dockerfile.h"
#include "parse/dockerignore.h"
#include "rules/context.h"
#include "rules/dockerfile.h"
#include "rules/runtime.h"

static int
opt_skip_dir(void *ctx, const char *arg)
{
	strvec_push(&((struct scan *)ctx)->skip_dirs, arg);
	return 0;
}

static const struct cli_opt scan_opts[] = {
	{ "skip-dir", 0, true, opt_skip_dir,
	  "leave out directories with this name or DIR-relative path "
	  "(a glob; repeatable)" },
	{ NULL, 0, false, NULL, NULL },
};

/* Is the file at path one the scan may read (a regular file, or a link
 * to one, that opens)?  Reports an input error (once) when not. */
static bool
readable_file(struct scan *s, const char *path)
{
	int fd = scan_open(s, path, true);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* ---- compose ---- */

static const struct scan_entry *
entry_find(const struct strmap *index, const char *rel)
{
	return strmap_get(index, rel);
}

static char *
rel_join(const char *dir, const char *name)
{
	return *dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
}

/* A compose service builds a Dockerfile: remember its context. */
static void
claim_dockerfile(struct scan *s, const struct strmap *index,
		 const char *compose_dir, const struct container_spec *cs)
{
	const char *ctx = cs->build_context;
	char *joined, *ctx_rel, *df_rel = NULL;
	const struct scan_entry *en;

	/* remote contexts (git, URLs) are not in the tree */
	if (strstr(ctx, "://") || str_starts_with(ctx, "git@"))
		return;
	joined = rel_join(compose_dir, ctx);
	ctx_rel = scan_path_clean(joined);
	free(joined);
	if (!ctx_rel)
		return; /* absolute, or outside DIR */
	joined = rel_join(ctx_rel, cs->build_dockerfile ? cs->build_dockerfile
							: "Dockerfile");
	df_rel = scan_path_clean(joined);
	free(joined);
	en = df_rel ? entry_find(index, df_rel) : NULL;
	if (en && en->kind != SCAN_GITDIR &&
	    !strvec_contains(&s->dockerfiles, df_rel)) {
		strvec_push(&s->dockerfiles, df_rel);
		strvec_push(&s->contexts, ctx_rel);
	}
	free(df_rel);
	free(ctx_rel);
}

static void
compose_project(struct scan *s, const struct strmap *index,
		const struct strvec *rels)
{
	struct compose_opts opts = { NULL, NULL };
	struct spec_list specs = SPEC_LIST_INIT;
	struct strvec paths = STRVEC_INIT, problems = STRVEC_INIT;
	struct err e = ERR_INIT;
	char *dir = path_dirname(rels->v[0]);

	for (size_t i = 0; i < rels->n; i++) {
		char *p = scan_path(s, rels->v[i]);

		if (!readable_file(s, p)) {
			free(p);
			goto out;
		}
		strvec_push_nodup(&paths, p);
	}
	if (compose_load(&specs, (const char *const *)paths.v, paths.n, &opts,
			 &problems, &e))
		cli_input_error(s->c, &e);
	for (size_t i = 0; i < problems.n; i++) {
		struct err pe = ERR_INIT;

		err_set(&pe, ERR_INPUT, "%s", problems.v[i]);
		cli_input_error(s->c, &pe);
	}
	for (size_t i = 0; i < specs.n; i++) {
		runtime_check(specs.v[i], s->secrets, &s->c->report.findings);
		if (specs.v[i]->build_context)
			claim_dockerfile(s, index, strcmp(dir, ".") ? dir : "",
					 specs.v[i]);
	}
out:
	free(dir);
	strvec_release(&problems);
	strvec_release(&paths);
	spec_list_release(&specs);
}

/* The compose files of directory `dir` (rel) as projects. */
static void
compose_dir(struct scan *s, const struct strmap *index, const char *dir)
{
	struct strvec project = STRVEC_INIT;
	int base = -1, over = -1;

	for (int k = 0; k < SCAN_COMPOSE_NAMES; k++) {
		char *b = rel_join(dir, scan_compose_names[k]);
		char *o = rel_join(dir, scan_compose_override_names[k]);

		if (entry_find(index, b) && base < 0)
			base = k;
		if (entry_find(index, o) && over < 0)
			over = k;
		free(b);
		free(o);
	}
	/* the project docker compose would run here */
	if (base >= 0)
		strvec_push_nodup(&project,
				  rel_join(dir, scan_compose_names[base]));
	if (over >= 0)
		strvec_push_nodup(
		    &project, rel_join(dir, scan_compose_override_names[over]));
	compose_project(s, index, &project);
	strvec_release(&project);
	/* every other base file of the directory, alone */
	for (int k = base + 1; base >= 0 && k < SCAN_COMPOSE_NAMES; k++) {
		char *b = rel_join(dir, scan_compose_names[k]);

		if (entry_find(index, b)) {
			strvec_push(&project, b);
			compose_project(s, index, &project);
			strvec_release(&project);
		}
		free(b);
	}
}

static bool
is_compose_name(const char *base)
{
	for (int k = 0; k < SCAN_COMPOSE_NAMES; k++)
		if (!strcmp(base, scan_compose_names[k]) ||
		    !strcmp(base, scan_compose_override_names[k]))
			return true;
	return false;
}

static void
compose_all(struct scan *s, const struct strmap *index)
{
	struct strvec done = STRVEC_INIT;

	for (size_t i = 0; i < s->n; i++) {
		char *dir;

		if (s->v[i].kind == SCAN_GITDIR ||
		    !is_compose_name(path_basename(s->v[i].rel)))
			continue;
		dir = path_dirname(s->v[i].rel);
		if (!strcmp(dir, ".")) {
			free(dir);
			dir = xstrdup("");
		}
		if (!strvec_contains(&done, dir)) {
			compose_dir(s, index, dir);
			strvec_push(&done, dir);
		}
		free(dir);
	}
	strvec_release(&done);
}

/* ---- Dockerfiles and their build contexts ---- */

static void
dockerfiles_discover(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const char *rel = s->v[i].rel;
		char *dir;

		if (s->v[i].kind == SCAN_GITDIR ||
		    !dockerfile_name_matches(path_basename(rel)) ||
		    strvec_contains(&s->dockerfiles, rel))
			continue;
		dir = path_dirname(rel);
		strvec_push(&s->dockerfiles, rel);
		strvec_push(&s->contexts, strcmp(dir, ".") ? dir : "");
		free(dir);
	}
}

static void
context_run(struct scan *s, const char *ctx_rel, const char *df_path,
	    const struct dockerignore *di)
{
	struct context_files cf = { 0 };
	const char **files = NULL;
	size_t n = 0, cap = 0, plen = strlen(ctx_rel);
	char *ctx_path = scan_path(s, ctx_rel);

	for (size_t i = 0; i < s->n; i++) {
		const char *rel = s->v[i].rel;

		if (s->v[i].kind != SCAN_FILE && s->v[i].kind != SCAN_GITDIR)
			continue;
		if (plen && (strncmp(rel, ctx_rel, plen) || rel[plen] != '/'))
			continue;
		ALLOC_GROW(files, n + 1, cap);
		files[n++] = plen ? rel + plen + 1 : rel;
	}
	cf.dir = ctx_path;
	cf.dockerfile = df_path;
	cf.ignore = di;
	cf.files = files;
	cf.n = n;
	context_check(&cf, &s->c->report.findings);
	free(files);
	free(ctx_path);
}

static void
dockerfile_one(struct scan *s, const char *rel, const char *ctx_rel,
	       struct strvec *contexts_done)
{
	struct dockerfile df;
	struct dockerignore di = DOCKERIGNORE_INIT;
	struct err e = ERR_INIT;
	char *path = scan_path(s, rel), *ctx = scan_path(s, ctx_rel);
	char *own_ignore = xasprintf("%s.dockerignore", path), *key;

	if (!readable_file(s, path))
		goto out;
	if (dockerfile_load(&df, path, &e) < 0) {
		if (e.kind == ERR_NONE)
			err_set(&e, ERR_INPUT, "cannot read '%s'", path);
		scan_file_error(s, path, &e);
		dockerfile_release(&df);
		goto out;
	}
	if (dockerignore_load(&di, ctx, path, &e) < 0)
		cli_warn("%s", e.msg);
	dockerfile_lint(&df, &s->c->policy, &di, &s->c->report.findings);
	dockerfile_release(&df);
	/* a context is checked once per .dockerignore it is used with */
	key = path_is_file(own_ignore) ? xasprintf("%s\n%s", ctx_rel, rel)
				       : xasprintf("%s\n", ctx_rel);
	if (!strvec_contains(contexts_done, key)) {
		context_run(s, ctx_rel, path, &di);
		strvec_push(contexts_done, key);
	}
	free(key);
out:
	dockerignore_release(&di);
	free(own_ignore);
	free(ctx);
	free(path);
}

static void
dockerfiles_all(struct scan *s)
{
	struct strvec done = STRVEC_INIT;

	for (size_t i = 0; i < s->dockerfiles.n; i++)
		dockerfile_one(s, s->dockerfiles.v[i], s->contexts.v[i], &done);
	strvec_release(&done);
}

/* ---- the run ---- */

static int
scan_setup(struct scan *s, struct cli *c, int argc, char **argv)
{
	struct err e = ERR_INIT;
	int rc;

	if (cli_parse(c, argc, argv, scan_opts, s))
		return HULL_EXIT_USAGE;
	if (c->args.n > 1) {
		cli_error("usage: hull scan [OPTIONS] [DIR]");
		return HULL_EXIT_USAGE;
	}
	s->c = c;
	s->dir = c->args.n ? c->args.v[0] : ".";
	if ((rc = cli_setup_policy(c, s->dir)))
		return rc;
	s->secrets = cli_secret_scanner_new(c, &e);
	if (!s->secrets)
		return cli_exit_for(&e);
	s->chunk = xmalloc(SCAN_READ_CHUNK);
	return 0;
}

static void
scan_run(struct scan *s)
{
	struct strmap index = STRMAP_INIT;

	strvec_push(&s->c->report.targets, s->dir);
	if (scan_walk(s))
		return;
	for (size_t i = 0; i < s->n; i++)
		strmap_put(&index, s->v[i].rel, &s->v[i]);
	compose_all(s, &index);
	dockerfiles_discover(s);
	dockerfiles_all(s);
	scan_text_files(s);
	scan_secrets_merge(s);
	strmap_release(&index, NULL);
}

int
cmd_scan(int argc, char **argv)
{
	struct scan s = { 0 };
	struct cli c;
	int rc;

	cli_init(&c, "scan");
	rc = scan_setup(&s, &c, argc, argv);
	if (!rc) {
		scan_run(&s);
		rc = cli_finish(&c);
	}
	findings_release(&s.se);
	scan_entries_release(&s);
	strvec_release(&s.dockerfiles);
	strvec_release(&s.contexts);
	strvec_release(&s.skip_dirs);
	strmap_release(&s.unreadable, NULL);
	secret_scanner_free(s.secrets);
	free(s.chunk);
	cli_release(&c);
	return rc;
}
