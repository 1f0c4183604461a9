/*
 * dir:DIR, a root filesystem on the host, read as one layer.
 *
 * The walk goes through directory descriptors (openat, fstatat with
 * AT_SYMLINK_NOFOLLOW), so a symlink inside the tree is reported as a
 * symlink and never followed, and nothing outside DIR is opened.  File
 * contents are opened only when an analyzer reads them, with O_NOFOLLOW
 * and a check that the file is still the one that was listed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "image/limits.h"
#include "image/source.h"

/* Directory descriptors held open at once by the walk; deeper trees are
 * not root filesystems (and would run the process out of descriptors). */
#define DIRWALK_MAX_DEPTH 256

struct dir_state {
	char *path;
};

struct file_reader {
	int dirfd;
	const char *name;
	const struct stat *st;
	int fd;
};

static ssize_t
file_read(struct entry_reader *r, void *buf, size_t n)
{
	struct file_reader *fr = r->state;
	ssize_t got;

	if (fr->fd < 0) {
		struct stat st;

		fr->fd = openat(fr->dirfd, fr->name,
				O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fr->fd < 0) {
			err_errno(&r->e, ERR_INPUT, errno, "cannot open");
			return -1;
		}
		if (fstat(fr->fd, &st) < 0 || !S_ISREG(st.st_mode) ||
		    st.st_ino != fr->st->st_ino ||
		    st.st_dev != fr->st->st_dev) {
			err_set(&r->e, ERR_INPUT,
				"file changed during the scan");
			return -1;
		}
	}
	do
		got = read(fr->fd, buf, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		err_errno(&r->e, ERR_INPUT, errno, "read error");
	return got;
}

static int walk_dir(struct layer_feed *feed, int dirfd, struct buf *path,
		    int depth, struct err *e);

static int
walk_one(struct layer_feed *feed, int dirfd, const char *name, struct buf *path,
	 int depth, struct err *e)
{
	struct stat st;
	struct layer_entry le = { 0 };
	struct file_reader fr = { dirfd, name, &st, -1 };
	struct entry_reader rd = { file_read, &fr, ERR_INIT };
	char link[IMAGE_MAX_PATH + 1];
	size_t mark = path->len;
	int rc = 0;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0; /* vanished */
	if (path->len)
		buf_addch(path, '/');
	buf_addstr(path, name);
	le.path = path->data;
	layer_entry_from_stat(&le, &st, dirfd, name, link, sizeof(link));
	rc = layer_feed_entry(feed, &le, le.type == ENTRY_FILE ? &rd : NULL, e);
	if (fr.fd >= 0)
		close(fr.fd);
	if (!rc && le.type == ENTRY_DIR) {
		int sub =
		    openat(dirfd, name,
			   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (sub >= 0)
			rc = walk_dir(feed, sub, path, depth + 1, e);
	}
	buf_setlen(path, mark);
	return rc;
}

/* Takes ownership of dirfd. */
static int
walk_dir(struct layer_feed *feed, int dirfd, struct buf *path, int depth,
	 struct err *e)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (depth > DIRWALK_MAX_DEPTH) {
		close(dirfd);
		return err_set(e, ERR_INPUT,
			       "directories nested deeper than %d",
			       DIRWALK_MAX_DEPTH);
	}
	d = fdopendir(dirfd);
	if (!d) {
		close(dirfd);
		return 0;
	}
	while (!rc && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		rc = walk_one(feed, dirfd, de->d_name, path, depth, e);
	}
	closedir(d);
	return rc;
}

static int
dir_open(struct image *img, const char *arg, struct err *e)
{
	struct dir_state *ds = xcalloc(1, sizeof(*ds));
	struct stat st;

	img->src_state = ds;
	ds->path = xstrdup(arg);
	if (stat(arg, &st) < 0)
		return err_errno(e, ERR_INPUT, errno, "cannot read '%s'", arg);
	if (!S_ISDIR(st.st_mode))
		return err_set(e, ERR_INPUT, "'%s' is not a directory", arg);
	img->facts.layers =
	    arena_alloc(&img->arena, sizeof(struct image_layer));
	img->facts.n_layers = 1;
	img->facts.layers[0].member = arena_strdup(&img->arena, arg);
	return 0;
}

static int
dir_walk(struct image *img, size_t i, struct layer_feed *feed, struct err *e)
{
	struct dir_state *ds = img->src_state;
	struct buf path = BUF_INIT;
	int fd, rc;

	(void)i;
	fd = open(ds->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return err_errno(e, ERR_INPUT, errno, "cannot open '%s'",
				 ds->path);
	rc = walk_dir(feed, fd, &path, 0, e);
	buf_release(&path);
	return rc;
}

static void
dir_close(struct image *img)
{
	struct dir_state *ds = img->src_state;

	if (!ds)
		return;
	free(ds->path);
	free(ds);
	img->src_state = NULL;
}

const struct image_source_ops image_source_dir = {
	.scheme = "dir",
	.open = dir_open,
	.layer_walk = dir_walk,
	.close = dir_close,
};
