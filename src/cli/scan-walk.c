/*
 * hull scan: the walk of the project tree.
 *
 * One walk lists every entry in sorted, depth-first order.  Directory
 * symlinks are never followed (they could loop or leave the tree); the
 * insides of .git are not entered, but the .git directory itself is
 * recorded because a build context that holds it sends the whole history;
 * node_modules and the --skip-dir directories are left out altogether.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/scan-internal.h"
#include "core/file.h"
#include "core/xalloc.h"

const char *const scan_compose_names[] = {
	"compose.yaml",
	"compose.yml",
	"docker-compose.yaml",
	"docker-compose.yml",
};

const char *const scan_compose_override_names[] = {
	"compose.override.yaml",
	"compose.override.yml",
	"docker-compose.override.yaml",
	"docker-compose.override.yml",
};

char *
scan_path(const struct scan *s, const char *rel)
{
	return *rel ? path_join(s->dir, rel) : xstrdup(s->dir);
}

char *
scan_path_clean(const char *rel)
{
	char *copy = xstrdup(rel), *save = copy, *out;
	struct strvec parts = STRVEC_INIT;
	struct buf b = BUF_INIT;
	bool bad = *rel == '/';

	for (char *p = copy; !bad && p;) {
		char *slash = strchr(p, '/');

		if (slash)
			*slash = '\0';
		if (!strcmp(p, "..")) {
			if (!parts.n)
				bad = true;
			else
				free(parts.v[--parts.n]);
		} else if (*p && strcmp(p, ".")) {
			strvec_push(&parts, p);
		}
		p = slash ? slash + 1 : NULL;
	}
	for (size_t i = 0; !bad && i < parts.n; i++)
		buf_addf(&b, "%s%s", i ? "/" : "", parts.v[i]);
	out = bad ? NULL : buf_detach(&b, NULL);
	buf_release(&b);
	/* strvec_release expects v[n] == NULL after the pops */
	if (parts.v)
		parts.v[parts.n] = NULL;
	strvec_release(&parts);
	free(save);
	return out;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
entry_add(struct scan *s, const char *rel, enum scan_kind kind)
{
	ALLOC_GROW(s->v, s->n + 1, s->cap);
	s->v[s->n].rel = xstrdup(rel);
	s->v[s->n].kind = kind;
	s->n++;
}

static bool
skipped_dir(const struct scan *s, const char *name, const char *rel)
{
	if (!strcmp(name, "node_modules"))
		return true;
	for (size_t i = 0; i < s->skip_dirs.n; i++) {
		const char *g = s->skip_dirs.v[i];

		if (!fnmatch(g, rel, FNM_PATHNAME) || !fnmatch(g, name, 0))
			return true;
	}
	return false;
}

static void
input_error(struct scan *s, const char *fmt, const char *path, int errnum)
{
	struct err e = ERR_INIT;

	err_errno(&e, ERR_INPUT, errnum, fmt, path);
	cli_input_error(s->c, &e);
}

/* The sorted names of a directory, without "." and "..". */
static int
dir_names(struct scan *s, const char *rel, struct strvec *names)
{
	char *path = scan_path(s, rel);
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d) {
		input_error(s, "cannot open directory '%s'", path, errno);
		free(path);
		return -1;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			strvec_push(names, de->d_name);
	closedir(d);
	free(path);
	if (names->n)
		qsort(names->v, names->n, sizeof(*names->v), cmp_str);
	return 0;
}

static bool walk_dir(struct scan *s, const char *rel, int depth);

/* One entry of a directory; false when the walk must stop. */
static bool
walk_entry(struct scan *s, const char *name, const char *rel, int depth)
{
	char *path = scan_path(s, rel);
	struct stat st;
	bool go_on = true;

	if (strlen(path) >= PATH_MAX) {
		cli_warn("a path under '%s' is longer than %d bytes; skipped",
			 s->dir, PATH_MAX);
	} else if (lstat(path, &st)) {
		input_error(s, "cannot read '%s'", path, errno);
	} else if (S_ISDIR(st.st_mode) && !strcmp(name, ".git")) {
		entry_add(s, rel, SCAN_GITDIR);
	} else if (S_ISDIR(st.st_mode)) {
		if (!skipped_dir(s, name, rel))
			go_on = walk_dir(s, rel, depth + 1);
	} else {
		entry_add(s, rel,
			  S_ISREG(st.st_mode)	? SCAN_FILE
			  : S_ISLNK(st.st_mode) ? SCAN_LINK
						: SCAN_SPECIAL);
	}
	free(path);
	return go_on;
}

static bool
walk_dir(struct scan *s, const char *rel, int depth)
{
	struct strvec names = STRVEC_INIT;
	bool go_on = true;

	if (depth > SCAN_MAX_DEPTH) {
		cli_warn("'%s': deeper than %d directories, skipped", rel,
			 SCAN_MAX_DEPTH);
		return true;
	}
	if (dir_names(s, rel, &names))
		return true;
	for (size_t i = 0; go_on && i < names.n; i++) {
		char *child = *rel ? xasprintf("%s/%s", rel, names.v[i])
				   : xstrdup(names.v[i]);

		if (s->n >= SCAN_MAX_ENTRIES) {
			cli_warn("'%s': more than %d entries; the rest are "
				 "not scanned",
				 s->dir, SCAN_MAX_ENTRIES);
			go_on = false;
		} else {
			go_on = walk_entry(s, names.v[i], child, depth);
		}
		free(child);
	}
	strvec_release(&names);
	return go_on;
}

int
scan_walk(struct scan *s)
{
	struct stat st;

	if (stat(s->dir, &st)) {
		input_error(s, "cannot read '%s'", s->dir, errno);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		struct err e = ERR_INIT;

		err_set(&e, ERR_INPUT, "'%s' is not a directory", s->dir);
		cli_input_error(s->c, &e);
		return -1;
	}
	walk_dir(s, "", 0);
	return 0;
}

void
scan_entries_release(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].rel);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void
scan_file_error(struct scan *s, const char *path, const struct err *e)
{
	if (strmap_has(&s->unreadable, path))
		return;
	strmap_put(&s->unreadable, path, NULL);
	cli_input_error(s->c, e);
}

int
scan_open(struct scan *s, const char *path, bool follow)
{
	struct stat st;
	struct err e = ERR_INIT;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
			    (follow ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		err_errno(&e, ERR_INPUT, errno, "cannot open '%s'", path);
		scan_file_error(s, path, &e);
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		err_set(&e, ERR_INPUT, "cannot read '%s': not a regular file",
			path);
		scan_file_error(s, path, &e);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}
