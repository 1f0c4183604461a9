/*
 * The package analyzer and the directory walker.
 */
#include "pkg/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"

/* In parse order within a phase. */
static const struct cataloger *const catalogers[] = {
	&cataloger_osrelease,	 &cataloger_apk,  &cataloger_dpkg,
	&cataloger_dpkg_extra,	 &cataloger_rpm,  &cataloger_npm,
	&cataloger_python,	 &cataloger_java, &cataloger_gobin,
	&cataloger_bottlerocket,
};

/* The latest copy of one wanted file. */
struct catalog_file {
	const struct cataloger *cat;
	char *path;
	struct buf data;	/* raw bytes, unless parse_early */
	struct pkg_list *early; /* packages, when parse_early */
	char *problem;		/* why it could not be kept or parsed early */
	struct strvec warnings; /* what the early parse skipped */
	int layer_index;
	char *layer_digest;
};

void
pkg_file_warn(const struct pkg_file *f, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (!f->warnings)
		return;
	buf_addf(&b, "'%s': ", f->path);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	strvec_push_nodup(f->warnings, buf_detach(&b, NULL));
}

bool
text_next_line(const char **p, const char *end, const char **line, size_t *n)
{
	const char *s = *p, *nl;

	if (s >= end)
		return false;
	nl = memchr(s, '\n', (size_t)(end - s));
	*line = s;
	*n = (size_t)((nl ? nl : end) - s);
	if (*n && s[*n - 1] == '\r')
		(*n)--;
	*p = nl ? nl + 1 : end;
	return true;
}

void
catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof(*c));
	pkg_list_init(&c->pkgs);
}

static void
file_free(void *v)
{
	struct catalog_file *f = v;

	if (!f)
		return;
	buf_release(&f->data);
	if (f->early) {
		pkg_list_release(f->early);
		free(f->early);
	}
	free(f->problem);
	strvec_release(&f->warnings);
	free(f->path);
	free(f->layer_digest);
	free(f);
}

void
catalog_release(struct catalog *c)
{
	strmap_release(&c->files, file_free);
	strmap_release(&c->dirs, NULL);
	pkg_list_release(&c->pkgs);
	strvec_release(&c->problems);
	strvec_release(&c->errors);
	memset(c, 0, sizeof(*c));
}

/*
 * The cataloger of a file; for anything else at a path a package
 * database belongs, that database's cataloger, so that it can say the
 * database is not a file.  Links are not followed: a link at a
 * database path is a warning (its target, when it is another database
 * path, is read there).
 */
static const struct cataloger *
cataloger_for(const struct layer_entry *e)
{
	for (size_t i = 0; i < ARRAY_SIZE(catalogers); i++) {
		const struct cataloger *cat = catalogers[i];

		if (e->type != ENTRY_FILE && !cat->database)
			continue;
		if (cat->wants(e->path, e->mode, e->size))
			return cat;
	}
	return NULL;
}

/*
 * The reason in a parser's message: parsers write "'path': reason", and
 * the catalog names the path (and the layer) itself.
 */
static const char *
reason_of(const char *path, const char *msg)
{
	size_t n = strlen(path);

	if (!msg || !*msg)
		return "unknown error";
	if (msg[0] == '\'' && !strncmp(msg + 1, path, n) &&
	    !strncmp(msg + 1 + n, "': ", 3))
		return msg + n + 4;
	return msg;
}

/*
 * Record why f (or part of it) was not read: an error when it is a
 * package database, so that the run says its inventory is incomplete;
 * a warning otherwise.
 */
static void
catalog_report(struct catalog *c, const struct cataloger *cat, const char *path,
	       int layer_index, const char *layer_digest, const char *why)
{
	why = reason_of(path, why);
	if (!cat->database)
		strvec_pushf(&c->problems, "'%s': %s", path, why);
	else if (layer_digest)
		strvec_pushf(&c->errors,
			     "cannot read package database '%s' "
			     "(layer %d, %s): %s",
			     path, layer_index, layer_digest, why);
	else
		strvec_pushf(&c->errors,
			     "cannot read package database '%s': %s", path,
			     why);
}

static const char *
entry_type_name(enum entry_type t)
{
	switch (t) {
	case ENTRY_DIR:
		return "a directory";
	default:
		return "a device or a fifo";
	}
}

static bool
catalog_wants(void *self, const struct layer_entry *e)
{
	return cataloger_for(e) != NULL;
}

/*
 * Count kept files per folder, for every folder above `path`, so that a
 * deleted folder holding none of them costs one lookup instead of a
 * walk over every kept file.
 */
static void
dirs_adjust(struct catalog *c, const char *path, int delta)
{
	char *d = xstrdup(path);

	for (char *slash = strrchr(d, '/'); slash; slash = strrchr(d, '/')) {
		uintptr_t n;

		*slash = '\0';
		n = (uintptr_t)strmap_get(&c->dirs, d);
		strmap_put(&c->dirs, d,
			   (void *)(n + (uintptr_t)(intptr_t)delta));
	}
	free(d);
}

/* Drop the kept copy of path (the map keeps a NULL value). */
static void
catalog_forget(struct catalog *c, const char *path)
{
	struct catalog_file *f = strmap_get(&c->files, path);

	if (!f)
		return;
	dirs_adjust(c, path, -1);
	c->kept_bytes -= f->data.len;
	file_free(f);
	strmap_put(&c->files, path, NULL);
}

static void
catalog_parse_early(struct catalog_file *f)
{
	struct pkg_file pf = { f->path,	       f->data.data,	f->data.len,
			       f->layer_index, f->layer_digest, &f->warnings };
	struct err e = ERR_INIT;

	f->early = xcalloc(1, sizeof(*f->early));
	pkg_list_init(f->early);
	if (f->cat->parse(f->early, &pf, &e) < 0)
		f->problem = xstrdup(e.msg);
	buf_release(&f->data);
}

/* Read the first bytes into out and ask the cataloger; true to go on. */
static bool
catalog_sniff(const struct cataloger *cat, struct entry_reader *r,
	      struct buf *out)
{
	unsigned char head[CATALOGER_SNIFF_BYTES];
	size_t got = 0;

	while (got < sizeof(head)) {
		ssize_t n = r->read(r, head + got, sizeof(head) - got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf_add(out, head, got);
	return cat->sniff(head, got);
}

static struct catalog_file *
file_new(const struct cataloger *cat, const struct layer_entry *le)
{
	struct catalog_file *f = xcalloc(1, sizeof(*f));

	f->cat = cat;
	f->path = xstrdup(le->path);
	f->layer_index = le->layer_index;
	f->layer_digest = le->layer_digest ? xstrdup(le->layer_digest) : NULL;
	buf_init(&f->data);
	return f;
}

/* Keep f as the latest copy of its path. */
static void
catalog_keep(struct catalog *c, struct catalog_file *f)
{
	c->kept_bytes += f->data.len;
	strmap_put(&c->files, f->path, f);
	dirs_adjust(c, f->path, 1);
}

/* Read the content of a wanted file into f; false (and f->problem)
 * when it is not worth keeping or cannot be read. */
static bool
catalog_read(struct catalog *c, struct catalog_file *f,
	     const struct layer_entry *le, struct entry_reader *r)
{
	const struct cataloger *cat = f->cat;
	struct err e = ERR_INIT;

	if (le->size > cat->max_size ||
	    c->kept_bytes + le->size > CATALOG_MAX_KEPT_BYTES) {
		f->problem = xasprintf("%llu bytes, more than the %zu the %s "
				       "cataloger reads, skipped",
				       (unsigned long long)le->size,
				       cat->max_size, cat->name);
		return false;
	}
	if (cat->sniff && !catalog_sniff(cat, r, &f->data))
		return false;
	if (entry_read_all(r, cat->max_size, &f->data, &e) < 0) {
		f->problem = xstrdup(e.msg);
		buf_release(&f->data);
		return false;
	}
	return true;
}

static int
catalog_entry(void *self, const struct layer_entry *le, struct entry_reader *r)
{
	struct catalog *c = self;
	const struct cataloger *cat = cataloger_for(le);
	struct catalog_file *f;

	if (!cat)
		return 0;
	catalog_forget(c, le->path);
	/* NEEDSWORK: a hard link's content went by with its target, which
	 * no cataloger kept (dpkg links status-old to status); keeping
	 * every link target would cost memory for a rare case. */
	if (le->type == ENTRY_SYMLINK || le->type == ENTRY_HARDLINK) {
		strvec_pushf(&c->problems, "'%s': a %s link to '%s', not read",
			     le->path,
			     le->type == ENTRY_SYMLINK ? "symbolic" : "hard",
			     le->linkname ? le->linkname : "");
		return 0;
	}
	if (c->files.n >= CATALOG_MAX_FILES &&
	    !strmap_has(&c->files, le->path)) {
		strvec_pushf(cat->database ? &c->errors : &c->problems,
			     "'%s': more than %d package files, "
			     "skipped",
			     le->path, CATALOG_MAX_FILES);
		return 0;
	}
	f = file_new(cat, le);
	if (le->type != ENTRY_FILE) {
		f->problem =
		    xasprintf("%s, not a file", entry_type_name(le->type));
	} else if (!catalog_read(c, f, le, r)) {
		if (!f->problem) { /* the sniff said no */
			file_free(f);
			return 0;
		}
	} else if (cat->parse_early) {
		catalog_parse_early(f);
	}
	/* Kept even when unread, so that a later layer that deletes or
	 * replaces it takes its problem away too. */
	catalog_keep(c, f);
	return 0;
}

static void
catalog_removed(void *self, const char *path, int layer_index)
{
	struct catalog *c = self;
	size_t plen = strlen(path), iter = 0;
	const char *key;
	void *v;

	if (plen && strmap_get(&c->files, path)) {
		catalog_forget(c, path);
		return;
	}
	if (plen && !strmap_get(&c->dirs, path))
		return; /* no kept file lies below it */
	while (strmap_next(&c->files, &iter, &key, &v)) {
		if (!v)
			continue;
		if (!plen || (!strncmp(key, path, plen) &&
			      (key[plen] == '\0' || key[plen] == '/')))
			catalog_forget(c, key);
	}
}

static int
file_cmp(const void *a, const void *b)
{
	const struct catalog_file *x = *(struct catalog_file *const *)a;
	const struct catalog_file *y = *(struct catalog_file *const *)b;

	return strcmp(x->path, y->path);
}

static void
pkgs_stamp(struct pkg_list *l, size_t from, const struct catalog_file *f)
{
	for (size_t i = from; i < l->n; i++) {
		struct pkg *p = l->v[i];

		if (!p->path)
			p->path = arena_strdup(&l->arena, f->path);
		p->layer_index = f->layer_index;
		if (f->layer_digest)
			p->layer_digest =
			    arena_strdup(&l->arena, f->layer_digest);
	}
}

static void
catalog_parse_one(struct catalog *c, struct catalog_file *f)
{
	struct pkg_file pf = { f->path,	       f->data.data,	f->data.len,
			       f->layer_index, f->layer_digest, &f->warnings };
	struct err e = ERR_INIT;
	size_t from = c->pkgs.n;

	if (f->early) {
		/* The fragment stays owned by f until catalog_release. */
		for (size_t i = 0; i < f->early->n; i++) {
			ALLOC_GROW(c->pkgs.v, c->pkgs.n + 1, c->pkgs.cap);
			c->pkgs.v[c->pkgs.n++] = f->early->v[i];
		}
	} else if (!f->problem && f->cat->parse(&c->pkgs, &pf, &e) < 0) {
		f->problem = xstrdup(e.msg);
	}
	if (f->problem)
		catalog_report(c, f->cat, f->path, f->layer_index,
			       f->layer_digest, f->problem);
	for (size_t i = 0; i < f->warnings.n; i++)
		strvec_push(&c->problems, f->warnings.v[i]);
	pkgs_stamp(&c->pkgs, from, f);
}

void
catalog_finish(struct catalog *c)
{
	struct catalog_file **v = NULL;
	size_t n = 0, cap = 0, iter = 0;
	const char *key;
	void *val;

	if (c->finished)
		return;
	c->finished = true;
	while (strmap_next(&c->files, &iter, &key, &val)) {
		if (!val)
			continue;
		ALLOC_GROW(v, n + 1, cap);
		v[n++] = val;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), file_cmp);
	for (int phase = CATALOGER_PHASE_MAIN;
	     phase <= CATALOGER_PHASE_DECORATE; phase++)
		for (size_t i = 0; i < n; i++)
			if ((int)v[i]->cat->phase == phase)
				catalog_parse_one(c, v[i]);
	free(v);
	pkg_list_finalize(&c->pkgs);
}

static void
catalog_analyzer_finish(void *self, struct findings *out)
{
	catalog_finish(self);
}

static const struct analyzer_ops catalog_ops = {
	.name = "packages",
	.wants = catalog_wants,
	.entry = catalog_entry,
	.removed = catalog_removed,
	.finish = catalog_analyzer_finish,
};

void
catalog_analyzer(struct catalog *c, struct analyzer *an)
{
	an->ops = &catalog_ops;
	an->self = c;
}

/* The directory walker. */

struct fd_reader {
	int fd;
	const char *path;
};

static ssize_t
fd_read(struct entry_reader *r, void *buf, size_t n)
{
	struct fd_reader *fr = r->state;
	ssize_t got;

	do
		got = read(fr->fd, buf, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		err_errno(&r->e, ERR_INPUT, errno, "cannot read '%s'",
			  fr->path);
	return got;
}

struct walk {
	struct analyzer *an;
	size_t entries;
	size_t skipped;
	int rootfd;
};

static void
walk_offer(struct walk *w, int dirfd, const char *name, const char *rel,
	   const struct stat *st)
{
	struct layer_entry le = { 0 };
	struct fd_reader fr;
	struct entry_reader r = { 0 };
	char link[4096];

	le.path = rel;
	layer_entry_from_stat(&le, st, dirfd, name, link, sizeof(link));
	if (!w->an->ops->wants || !w->an->ops->wants(w->an->self, &le))
		return;
	fr.fd = -1;
	if (le.type == ENTRY_FILE) {
		fr.fd = openat(dirfd, name,
			       O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fr.fd < 0) {
			w->skipped++;
			return;
		}
	}
	fr.path = rel;
	r.read = fd_read;
	r.state = &fr;
	w->an->ops->entry(w->an->self, &le, &r);
	if (fr.fd >= 0)
		close(fr.fd);
}

static void
walk_dir(struct walk *w, int dirfd, const char *rel, int depth)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *de;

	if (!d) {
		close(dirfd);
		w->skipped++;
		return;
	}
	while ((de = readdir(d)) && w->entries < CATALOG_WALK_MAX_ENTRIES) {
		struct stat st;
		char *child;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		w->entries++;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			w->skipped++;
			continue;
		}
		child = *rel ? xasprintf("%s/%s", rel, de->d_name)
			     : xstrdup(de->d_name);
		walk_offer(w, dirfd, de->d_name, child, &st);
		if (S_ISDIR(st.st_mode) && depth < CATALOG_WALK_MAX_DEPTH) {
			int fd = openat(dirfd, de->d_name,
					O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					    O_CLOEXEC);
			if (fd >= 0)
				walk_dir(w, fd, child, depth + 1);
			else
				w->skipped++;
		} else if (S_ISDIR(st.st_mode)) {
			w->skipped++;
		}
		free(child);
	}
	closedir(d);
}

int
catalog_walk_dir(const char *root, struct analyzer *an, size_t *skipped,
		 struct err *e)
{
	struct walk w = { an, 0, 0, -1 };
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return err_errno(e, ERR_INPUT, errno, "cannot read '%s'", root);
	walk_dir(&w, fd, "", 0);
	if (skipped)
		*skipped = w.skipped;
	if (w.entries >= CATALOG_WALK_MAX_ENTRIES)
		return err_set(e, ERR_INPUT,
			       "'%s': more than %d entries, stopped", root,
			       CATALOG_WALK_MAX_ENTRIES);
	return 0;
}

int
catalog_scan_dir(struct catalog *c, const char *root, struct err *e)
{
	struct analyzer an;
	size_t skipped = 0;
	int rc;

	catalog_analyzer(c, &an);
	rc = catalog_walk_dir(root, &an, &skipped, e);
	if (skipped)
		strvec_pushf(&c->problems,
			     "'%s': %zu entries could not be "
			     "read",
			     root, skipped);
	catalog_finish(c);
	return rc;
}
