/*
 * hull dockerfile PATH...: lint Dockerfiles and Containerfiles.
 *
 * Each PATH is a file, "-" for standard input, or a directory searched
 * recursively (skipping .git and node_modules) for Dockerfile,
 * Containerfile, Dockerfile.*, Containerfile.*, *.dockerfile and
 * *.Dockerfile, in sorted order.  The .dockerignore beside each file is
 * the build context's, for the whole-context-copy rule.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "parse/dockerfile.h"
#include "parse/dockerignore.h"
#include "rules/dockerfile.h"

/* Deeper trees than this are not source trees; stop descending. */
#define WALK_MAX_DEPTH 48
/* More Dockerfiles than this under one directory is a runaway walk. */
#define WALK_MAX_FILES 100000

static bool
is_dockerfile_name(const char *name)
{
	return !strcmp(name, "Dockerfile") || !strcmp(name, "Containerfile") ||
	       !strcasecmp(name, "dockerfile") ||
	       str_starts_with(name, "Dockerfile.") ||
	       str_starts_with(name, "Containerfile.") ||
	       str_ends_with(name, ".dockerfile") ||
	       str_ends_with(name, ".Dockerfile");
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct walk {
	struct strvec found;
	bool truncated;
};

static void
walk_dir(struct walk *w, const char *dir, int depth)
{
	struct strvec names = STRVEC_INIT;
	DIR *d;
	struct dirent *de;

	if (depth > WALK_MAX_DEPTH || !(d = opendir(dir)))
		return;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, ".git") &&
		    strcmp(de->d_name, "node_modules"))
			strvec_push(&names, de->d_name);
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		char *p = path_join(dir, names.v[i]);
		struct stat st;

		/* lstat: a symlinked directory could loop forever. */
		if (!lstat(p, &st) && S_ISDIR(st.st_mode)) {
			walk_dir(w, p, depth + 1);
		} else if (is_dockerfile_name(names.v[i]) && !stat(p, &st) &&
			   S_ISREG(st.st_mode)) {
			if (w->found.n < WALK_MAX_FILES)
				strvec_push(&w->found, p);
			else
				w->truncated = true;
		}
		free(p);
	}
	strvec_release(&names);
}

/* Turn the PATH arguments into the list of files to lint. */
static void
collect_targets(struct cli *c, struct strvec *files)
{
	for (size_t i = 0; i < c->args.n; i++) {
		const char *a = c->args.v[i];
		struct walk w = { STRVEC_INIT, false };
		struct err e = ERR_INIT;

		if (strcmp(a, "-") && path_is_dir(a)) {
			walk_dir(&w, a, 0);
			if (w.truncated)
				cli_warn("'%s': more than %u Dockerfiles; the "
					 "rest are skipped",
					 a, WALK_MAX_FILES);
			if (!w.found.n) {
				err_set(&e, ERR_INPUT,
					"no Dockerfile or Containerfile found "
					"under '%s'",
					a);
				cli_input_error(c, &e);
			}
			for (size_t k = 0; k < w.found.n; k++)
				strvec_push(files, w.found.v[k]);
			strvec_release(&w.found);
		} else {
			strvec_push(files, a);
		}
	}
}

static void
load_ignore(const char *path, struct dockerignore *di)
{
	struct err e = ERR_INIT;
	char *dir;

	if (!strcmp(path, "-"))
		return;
	dir = path_dirname(path);
	if (dockerignore_load(di, dir, path, &e) < 0)
		cli_warn("%s", e.msg);
	free(dir);
}

static void
lint_one(struct cli *c, const char *path)
{
	struct dockerfile df;
	struct dockerignore di = DOCKERIGNORE_INIT;
	struct err e = ERR_INIT;

	strvec_push(&c->report.targets, path);
	if (dockerfile_load(&df, path, &e) < 0) {
		if (e.kind == ERR_NONE)
			err_set(&e, ERR_INPUT, "cannot read '%s'", path);
		cli_input_error(c, &e);
		dockerfile_release(&df);
		return;
	}
	load_ignore(path, &di);
	dockerfile_lint(&df, &c->policy, strcmp(path, "-") ? &di : NULL,
			&c->report.findings);
	dockerignore_release(&di);
	dockerfile_release(&df);
}

int
cmd_dockerfile(int argc, char **argv)
{
	struct strvec files = STRVEC_INIT;
	struct cli c;
	int rc;

	cli_init(&c, "dockerfile");
	if (cli_parse(&c, argc, argv, NULL, NULL)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (!c.args.n) {
		cli_error("usage: hull dockerfile [OPTIONS] PATH... "
			  "('-' reads standard input)");
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (cli_setup_policy(&c,
			     strcmp(c.args.v[0], "-") ? c.args.v[0] : ".")) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	collect_targets(&c, &files);
	for (size_t i = 0; i < files.n; i++)
		lint_one(&c, files.v[i]);
	rc = cli_finish(&c);
	strvec_release(&files);
	cli_release(&c);
	return rc;
}
