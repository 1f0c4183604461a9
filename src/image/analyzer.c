#include "image/analyzer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static enum entry_type
entry_type_from_mode(mode_t mode)
{
	if (S_ISREG(mode))
		return ENTRY_FILE;
	if (S_ISDIR(mode))
		return ENTRY_DIR;
	if (S_ISLNK(mode))
		return ENTRY_SYMLINK;
	return ENTRY_OTHER;
}

void
layer_entry_from_stat(struct layer_entry *le, const struct stat *st, int dirfd,
		      const char *name, char *link, size_t linklen)
{
	le->type = entry_type_from_mode(st->st_mode);
	le->mode = st->st_mode & 07777;
	le->uid = st->st_uid;
	le->gid = st->st_gid;
	le->size = le->type == ENTRY_FILE ? (uint64_t)st->st_size : 0;
	le->mtime = st->st_mtime;
	if (le->type == ENTRY_SYMLINK) {
		ssize_t n = readlinkat(dirfd, name, link, linklen - 1);

		link[n > 0 ? n : 0] = '\0';
		le->linkname = link;
	}
}

int
entry_read_all(struct entry_reader *r, size_t max, struct buf *out,
	       struct err *e)
{
	size_t start = out->len;

	for (;;) {
		ssize_t n;

		buf_grow(out, 65536);
		n = r->read(r, out->data + out->len, 65536);
		if (n < 0) {
			if (e)
				*e = r->e;
			return -1;
		}
		if (n == 0)
			return 0;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len - start > max)
			return err_set(e, ERR_INPUT,
				       "file larger than the %zu bytes read",
				       max);
	}
}
