/*
 * hull dockerfile PATH...: lint Dockerfiles and Containerfiles.
 *
 * Each PATH is a file, "-" for standard input, or a directory searched
 * recursively (skipping .git and node_modules) for Dockerfile,
 * Containerfile, Dockerfile.*, Containerfile.*, *.dockerfile and
 * *.Dockerfile, in sorted order.  The .dockerignore beside each file is
 * the build context's, for the whole-context-copy rule.  A walk that
 * could not look everywhere (too deep, unreadable, too many files) says
 * where and ends in exit 3.
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

/*
 * Deeper trees than this are not source trees; stop descending.  A
 * directory left unsearched is an error (exit 3), since a CI gate must
 * not pass on a scan that may have missed Dockerfiles.
 */
#define WALK_MAX_DEPTH 48
/* More Dockerfiles than this under one directory is a runaway walk; the
 * rest are not linted, which is an error for the same reason. */
#define WALK_MAX_FILES 100000

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a directory walk found, and what it could not look at. */
struct walk {
	struct cli *cli;
	struct strvec found;
	bool truncated;	   /* WALK_MAX_FILES reached */
	size_t too_deep;   /* directories below WALK_MAX_DEPTH */
	char *first_deep;  /* the first of them, for the message */
	size_t unreadable; /* directories that could not be opened */
};

/* What a path that is neither a directory nor a regular file is. */
static const char *
file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISDIR(m))
		return "a directory";
	return "not a regular file";
}

static void walk_dir(struct walk *w, const char *dir, int depth);

/*
 * One directory entry.  Only regular files are ever opened later: a
 * FIFO named Dockerfile would block a reader forever, and a device or
 * socket is no Dockerfile.  stat() follows a symlinked file, never a
 * symlinked directory (lstat first), which could loop.
 */
static void
walk_entry(struct walk *w, const char *p, const char *name, int depth)
{
	struct stat st;

	if (lstat(p, &st))
		return;
	if (S_ISDIR(st.st_mode)) {
		walk_dir(w, p, depth + 1);
		return;
	}
	if (!dockerfile_name_matches(name) || stat(p, &st))
		return;
	if (!S_ISREG(st.st_mode)) {
		cli_warn("'%s' is %s, not a Dockerfile; skipped", p,
			 file_kind(st.st_mode));
		return;
	}
	if (w->found.n < WALK_MAX_FILES)
		strvec_push(&w->found, p);
	else
		w->truncated = true;
}

static void
walk_dir(struct walk *w, const char *dir, int depth)
{
	struct strvec names = STRVEC_INIT;
	DIR *d;
	struct dirent *de;

	if (depth > WALK_MAX_DEPTH) {
		if (!w->too_deep++)
			w->first_deep = xstrdup(dir);
		return;
	}
	d = opendir(dir);
	if (!d) {
		cli_warn("cannot open directory '%s': %s", dir,
			 strerror(errno));
		w->unreadable++;
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, ".git") &&
		    strcmp(de->d_name, "node_modules"))
			strvec_push(&names, de->d_name);
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (size_t i = 0; i < names.n && !w->truncated; i++) {
		char *p = path_join(dir, names.v[i]);

		walk_entry(w, p, names.v[i], depth);
		free(p);
	}
	strvec_release(&names);
}

/*
 * Say what the walk of `root` left out.  Each case is an input error:
 * the report is still written, and the exit code is 3.
 */
static void
walk_report(struct walk *w, const char *root)
{
	struct err e = ERR_INIT;

	if (w->too_deep) {
		err_set(&e, ERR_INPUT,
			"'%s': not searched, deeper than %d directory levels "
			"below '%s' (%zu such director%s); Dockerfiles there "
			"were not linted",
			w->first_deep, WALK_MAX_DEPTH, root, w->too_deep,
			w->too_deep == 1 ? "y" : "ies");
		cli_input_error(w->cli, &e);
	}
	if (w->unreadable) {
		err_set(&e, ERR_INPUT,
			"'%s': %zu director%s could not be opened; Dockerfiles "
			"there were not linted",
			root, w->unreadable, w->unreadable == 1 ? "y" : "ies");
		cli_input_error(w->cli, &e);
	}
	if (w->truncated) {
		err_set(&e, ERR_INPUT,
			"'%s': more than %u Dockerfiles; the rest were not "
			"linted",
			root, WALK_MAX_FILES);
		cli_input_error(w->cli, &e);
	}
	if (!w->found.n && !w->too_deep && !w->unreadable) {
		err_set(&e, ERR_INPUT,
			"no Dockerfile or Containerfile found under '%s'",
			root);
		cli_input_error(w->cli, &e);
	}
}

/* Turn the PATH arguments into the list of files to lint. */
static void
collect_targets(struct cli *c, struct strvec *files)
{
	for (size_t i = 0; i < c->args.n; i++) {
		const char *a = c->args.v[i];
		struct walk w = { c, STRVEC_INIT, false, 0, NULL, 0 };

		if (strcmp(a, "-") && path_is_dir(a)) {
			walk_dir(&w, a, 0);
			walk_report(&w, a);
			for (size_t k = 0; k < w.found.n; k++)
				strvec_push(files, w.found.v[k]);
			strvec_release(&w.found);
			free(w.first_deep);
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

/*
 * --build-arg NAME=VALUE, or NAME alone for the value in the environment
 * (as docker build does; an unset NAME is no value at all).
 */
static int
opt_build_arg(void *ctx, const char *arg)
{
	struct strmap *args = ctx;
	const char *eq = strchr(arg, '=');
	char *name;
	const char *v;

	if (eq == arg || !*arg) {
		cli_error("--build-arg wants NAME=VALUE, not '%s'", arg);
		return -1;
	}
	name = eq ? xstrndup(arg, (size_t)(eq - arg)) : xstrdup(arg);
	v = eq ? eq + 1 : getenv(name);
	if (v)
		free(strmap_put(args, name, xstrdup(v)));
	free(name);
	return 0;
}

static const struct cli_opt dockerfile_opts[] = {
	{ "build-arg", 0, true, opt_build_arg,
	  "NAME=VALUE for an ARG, as docker build takes it (repeatable)" },
	{ NULL, 0, false, NULL, NULL },
};

static void
lint_one(struct cli *c, const char *path, const struct strmap *build_args)
{
	struct dockerfile df;
	struct dockerignore di = DOCKERIGNORE_INIT;
	struct err e = ERR_INIT;

	strvec_push(&c->report.targets, path);
	if (dockerfile_load_args(&df, path, build_args, &e) < 0) {
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
	struct strmap build_args = STRMAP_INIT;
	struct cli c;
	int rc;

	cli_init(&c, "dockerfile");
	if (cli_parse(&c, argc, argv, dockerfile_opts, &build_args)) {
		strmap_release(&build_args, free);
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (!c.args.n) {
		cli_error("usage: hull dockerfile [OPTIONS] PATH... "
			  "('-' reads standard input)");
		strmap_release(&build_args, free);
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if ((rc = cli_setup_policy(&c, strcmp(c.args.v[0], "-") ? c.args.v[0]
								: "."))) {
		strmap_release(&build_args, free);
		cli_release(&c);
		return rc;
	}
	collect_targets(&c, &files);
	for (size_t i = 0; i < files.n; i++)
		lint_one(&c, files.v[i], &build_args);
	rc = cli_finish(&c);
	strvec_release(&files);
	strmap_release(&build_args, free);
	cli_release(&c);
	return rc;
}
