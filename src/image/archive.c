/*
 * Image archives: docker save output (legacy, OCI-style and kaniko's) and
 * OCI layouts in a tar.
 *
 * The outer tar is indexed once by reading its headers (a few KiB of I/O
 * whatever the image size); each member is then a byte range of the file
 * that the stream reads with pread, in whatever order the manifest says.
 * A compressed outer archive is first inflated into an anonymous temp
 * file, because a compressed stream cannot be read out of order.
 *
 * The header parser is hull's own, small and strict: ustar and old-style
 * headers with their checksum, GNU long names ('L') and pax path/size
 * records ('x').  Only regular members are indexed.
 */
#include <archive.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "image/limits.h"
#include "image/source.h"

#define TAR_BLOCK 512

struct tar_member {
	uint64_t off;
	uint64_t size;
};

struct tar_store {
	int fd;
	char *name; /* the archive's path, for messages */
	uint64_t file_size;
	struct strmap members; /* cleaned name -> struct tar_member */
};

void
blob_release(struct blob *b)
{
	if (b->owned && b->fd >= 0)
		close(b->fd);
	b->fd = -1;
	b->owned = false;
}

int
blob_read_all(const struct blob *b, size_t max, struct buf *out, struct err *e)
{
	uint64_t done = 0;

	if (b->size > max)
		return err_set(e, ERR_INPUT,
			       "blob of %llu bytes is over the %zu-byte limit",
			       (unsigned long long)b->size, max);
	buf_grow(out, (size_t)b->size + 1);
	while (done < b->size) {
		ssize_t n =
		    pread(b->fd, out->data + out->len + done,
			  (size_t)(b->size - done), (off_t)(b->off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_errno(e, ERR_INPUT, errno, "cannot read");
		if (n == 0)
			return err_set(e, ERR_INPUT, "unexpected end of file");
		done += (uint64_t)n;
	}
	buf_setlen(out, out->len + (size_t)b->size);
	return 0;
}

int
tmpfile_anon(struct err *e)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	tmpl = xasprintf("%s/hull-XXXXXX", dir);
	fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd >= 0)
		unlink(tmpl);
	else
		err_errno(e, ERR_INTERNAL, errno,
			  "cannot create a temporary file in '%s'", dir);
	free(tmpl);
	return fd;
}

/* Octal (space or NUL terminated) or base-256 numeric field. */
static int
tar_number(const unsigned char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if (p[0] & 0x80) {
		if (p[0] != 0x80)
			return -1; /* negative or too large */
		for (i = 1; i < n; i++) {
			if (v >> 56)
				return -1;
			v = (v << 8) | p[i];
		}
		*out = v;
		return 0;
	}
	while (i < n && p[i] == ' ')
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) {
		if (v >> 60)
			return -1;
		v = v * 8 + (uint64_t)(p[i] - '0');
	}
	if (i < n && p[i] != ' ' && p[i] != '\0')
		return -1;
	*out = v;
	return 0;
}

static bool
tar_checksum_ok(const unsigned char *h)
{
	uint64_t want;
	unsigned long sum = 0;

	if (tar_number(h + 148, 8, &want))
		return false;
	for (int i = 0; i < TAR_BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return sum == want;
}

static bool
block_zero(const unsigned char *h)
{
	for (int i = 0; i < TAR_BLOCK; i++)
		if (h[i])
			return false;
	return true;
}

static int
pread_full(int fd, void *buf, size_t n, uint64_t off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = pread(fd, (char *)buf + done, n - done,
				  (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

/* Member names are compared without "./" or a leading "/". */
static const char *
member_clean(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			return name;
	}
}

/* Pull "path" and "size" out of a pax extended header. */
static void
pax_parse(const char *rec, size_t len, struct buf *path, uint64_t *size,
	  bool *has_size)
{
	size_t pos = 0;

	while (pos < len) {
		uint64_t n = 0;
		size_t i = pos;
		const char *kv, *eq;

		while (i < len && rec[i] >= '0' && rec[i] <= '9' && n < len)
			n = n * 10 + (uint64_t)(rec[i++] - '0');
		if (i >= len || rec[i] != ' ' || n == 0 || pos + n > len)
			return;
		kv = rec + i + 1;
		eq = memchr(kv, '=', (size_t)(rec + pos + n - kv));
		if (eq && rec[pos + n - 1] == '\n') {
			size_t vlen = (size_t)(rec + pos + n - 1 - (eq + 1));

			if (eq - kv == 4 && !memcmp(kv, "path", 4)) {
				buf_reset(path);
				buf_add(path, eq + 1, vlen);
			} else if (eq - kv == 4 && !memcmp(kv, "size", 4)) {
				char tmp[32];

				if (vlen < sizeof(tmp)) {
					long long v;

					memcpy(tmp, eq + 1, vlen);
					tmp[vlen] = '\0';
					if (!str_to_ll(tmp, 0, INT64_MAX, &v)) {
						*size = (uint64_t)v;
						*has_size = true;
					}
				}
			}
		}
		pos += n;
	}
}

static void
member_free(void *v)
{
	free(v);
}

/* Read a special member's body (long name, pax record), capped. */
static int
tar_read_meta(struct tar_store *ts, uint64_t off, uint64_t size,
	      struct buf *out, struct err *e)
{
	if (size > IMAGE_MAX_PATH * 4)
		return err_set(e, ERR_INPUT,
			       "'%s': tar metadata record too large", ts->name);
	buf_reset(out);
	buf_grow(out, (size_t)size + 1);
	if (pread_full(ts->fd, out->data, (size_t)size, off))
		return err_set(e, ERR_INPUT, "'%s': truncated tar", ts->name);
	buf_setlen(out, (size_t)size);
	return 0;
}

static int
tar_index(struct tar_store *ts, struct err *e)
{
	unsigned char h[TAR_BLOCK];
	struct buf longname = BUF_INIT, meta = BUF_INIT;
	uint64_t off = 0, pax_size = 0;
	bool has_pax_size = false, have_long = false;
	size_t count = 0;
	int rc = -1;

	while (off + TAR_BLOCK <= ts->file_size) {
		uint64_t size;
		char type;
		const char *name;
		struct buf full = BUF_INIT;

		if (pread_full(ts->fd, h, TAR_BLOCK, off))
			break;
		if (block_zero(h))
			break;
		if (!tar_checksum_ok(h) || tar_number(h + 124, 12, &size)) {
			if (off == 0)
				err_set(e, ERR_INPUT, "'%s': not a tar archive",
					ts->name);
			else
				err_set(e, ERR_INPUT,
					"'%s': bad tar header at offset %llu",
					ts->name, (unsigned long long)off);
			goto out;
		}
		if (has_pax_size)
			size = pax_size;
		type = (char)h[156];
		if (off + TAR_BLOCK + size > ts->file_size) {
			err_set(e, ERR_INPUT,
				"'%s': truncated tar (member at "
				"offset %llu runs past the end)",
				ts->name, (unsigned long long)off);
			goto out;
		}
		if (++count > IMAGE_MAX_ARCHIVE_MEMBERS) {
			err_set(e, ERR_INPUT, "'%s': more than %u members",
				ts->name, IMAGE_MAX_ARCHIVE_MEMBERS);
			goto out;
		}
		if (type == 'L' || type == 'x') {
			if (tar_read_meta(ts, off + TAR_BLOCK, size, &meta, e))
				goto out;
			if (type == 'L') {
				buf_reset(&longname);
				buf_add(&longname, meta.data,
					strnlen(meta.data, meta.len));
			} else {
				pax_parse(meta.data, meta.len, &longname,
					  &pax_size, &has_pax_size);
			}
			have_long = longname.len > 0;
			off += TAR_BLOCK + ((size + TAR_BLOCK - 1) & ~511ull);
			continue;
		}
		if (have_long) {
			buf_add(&full, longname.data, longname.len);
		} else {
			if (!memcmp(h + 257, "ustar", 5) && h[345]) {
				buf_add(&full, h + 345,
					strnlen((char *)h + 345, 155));
				buf_addch(&full, '/');
			}
			buf_add(&full, h, strnlen((char *)h, 100));
		}
		name = member_clean(full.data);
		if ((type == '0' || type == '\0' || type == '7') && *name &&
		    full.len <= IMAGE_MAX_PATH) {
			struct tar_member *m = xmalloc(sizeof(*m));

			m->off = off + TAR_BLOCK;
			m->size = size;
			free(strmap_put(&ts->members, name, m));
		}
		buf_release(&full);
		buf_reset(&longname);
		have_long = has_pax_size = false;
		off += TAR_BLOCK + ((size + TAR_BLOCK - 1) & ~511ull);
	}
	if (!ts->members.n) {
		err_set(e, ERR_INPUT, "'%s': not a tar archive or empty",
			ts->name);
		goto out;
	}
	rc = 0;
out:
	buf_release(&longname);
	buf_release(&meta);
	return rc;
}

int
tar_store_open(struct tar_store **out, int fd, const char *name, struct err *e)
{
	struct tar_store *ts = xcalloc(1, sizeof(*ts));
	struct stat st;

	ts->fd = fd;
	ts->name = xstrdup(name);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		tar_store_free(ts);
		return err_set(e, ERR_INPUT, "'%s': not a regular file", name);
	}
	ts->file_size = (uint64_t)st.st_size;
	if (tar_index(ts, e) < 0) {
		tar_store_free(ts);
		return -1;
	}
	*out = ts;
	return 0;
}

void
tar_store_free(struct tar_store *ts)
{
	if (!ts)
		return;
	if (ts->fd >= 0)
		close(ts->fd);
	strmap_release(&ts->members, member_free);
	free(ts->name);
	free(ts);
}

static int
tar_store_blob(void *self, const char *name, struct blob *b, struct err *e)
{
	struct tar_store *ts = self;
	struct tar_member *m = strmap_get(&ts->members, member_clean(name));

	if (!m)
		return err_set(e, ERR_INPUT, "'%s' has no member '%s'",
			       ts->name, name);
	b->fd = ts->fd;
	b->owned = false;
	b->off = m->off;
	b->size = m->size;
	return 0;
}

struct blob_store
tar_store_as_store(struct tar_store *ts)
{
	struct blob_store st = { tar_store_blob, ts };

	return st;
}

bool
tar_store_has(struct tar_store *ts, const char *name)
{
	return strmap_has(&ts->members, name);
}

/* Inflate a compressed archive into a temp file, capped. */
static int
inflate_to_tmp(int fd, const char *name, struct err *e)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ae;
	uint64_t total = 0;
	int out = -1;

	archive_read_support_filter_all(a);
	archive_read_support_format_raw(a);
	if (lseek(fd, 0, SEEK_SET) < 0 ||
	    archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK ||
	    archive_read_next_header(a, &ae) != ARCHIVE_OK) {
		err_set(e, ERR_INPUT, "'%s': %s", name,
			archive_error_string(a) ? archive_error_string(a)
						: "cannot read");
		goto fail;
	}
	out = tmpfile_anon(e);
	if (out < 0)
		goto fail;
	for (;;) {
		const void *p;
		size_t n;
		la_int64_t o;
		int r = archive_read_data_block(a, &p, &n, &o);

		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK) {
			err_set(e, ERR_INPUT, "'%s': %s", name,
				archive_error_string(a));
			goto fail;
		}
		total += n;
		if (total > IMAGE_MAX_IMAGE_BYTES) {
			err_set(e, ERR_INPUT, "'%s': inflates past %llu bytes",
				name,
				(unsigned long long)IMAGE_MAX_IMAGE_BYTES);
			goto fail;
		}
		if (write(out, p, n) != (ssize_t)n) {
			err_errno(e, ERR_INTERNAL, errno,
				  "cannot write a temporary file");
			goto fail;
		}
	}
	archive_read_free(a);
	return out;
fail:
	if (out >= 0)
		close(out);
	archive_read_free(a);
	return -1;
}

int
archive_plain_fd(int fd, const char *name, struct err *e)
{
	unsigned char magic[6] = { 0 };

	if (pread(fd, magic, sizeof(magic), 0) < 2)
		return err_set(e, ERR_INPUT, "'%s': empty or unreadable", name);
	if ((magic[0] == 0x1f && magic[1] == 0x8b) ||
	    (magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f &&
	     magic[3] == 0xfd) ||
	    (magic[0] == 0xfd && !memcmp(magic + 1, "7zXZ", 4)) ||
	    (magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h'))
		return inflate_to_tmp(fd, name, e);
	return fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

/* Sources over an archive file. */

struct archive_state {
	struct tar_store *ts;
	struct blob_store store;
};

static int
archive_open_store(struct image *img, const char *path, struct err *e)
{
	struct archive_state *as = xcalloc(1, sizeof(*as));
	int fd, plain;

	img->src_state = as;
	fd = file_open_regular(path, e);
	if (fd < 0)
		return -1;
	plain = archive_plain_fd(fd, path, e);
	close(fd);
	if (plain < 0)
		return -1;
	if (tar_store_open(&as->ts, plain, path, e) < 0)
		return -1;
	as->store = tar_store_as_store(as->ts);
	return 0;
}

static int
docker_archive_open(struct image *img, const char *arg, struct err *e)
{
	struct archive_state *as;

	if (archive_open_store(img, arg, e) < 0)
		return -1;
	as = img->src_state;
	/* The newer docker save carries both; manifest.json is simpler. */
	if (tar_store_has(as->ts, "manifest.json"))
		return layout_docker_save(img, &as->store, e);
	if (tar_store_has(as->ts, "index.json"))
		return layout_oci(img, &as->store, NULL, e);
	return err_set(e, ERR_INPUT,
		       "'%s' is not an image: no manifest.json or index.json "
		       "in the archive",
		       arg);
}

static int
oci_archive_open(struct image *img, const char *arg, struct err *e)
{
	struct archive_state *as;
	char *path = xstrdup(arg);
	char *colon = strrchr(path, ':');
	const char *tag = NULL;
	int rc;

	/* oci-archive:PATH:TAG, when PATH itself does not exist. */
	if (colon && access(path, F_OK) != 0) {
		*colon = '\0';
		tag = colon + 1;
	}
	rc = archive_open_store(img, path, e);
	as = img->src_state;
	if (!rc && !tar_store_has(as->ts, "index.json"))
		rc = err_set(e, ERR_INPUT,
			     "'%s' is not an OCI archive: no index.json", path);
	if (!rc)
		rc = layout_oci(img, &as->store, tag, e);
	free(path);
	return rc;
}

static int
archive_layer_open(struct image *img, size_t i, struct blob *b, struct err *e)
{
	struct archive_state *as = img->src_state;

	return as->store.open(as->store.self, img->facts.layers[i].member, b,
			      e);
}

static void
archive_close(struct image *img)
{
	struct archive_state *as = img->src_state;

	if (!as)
		return;
	tar_store_free(as->ts);
	free(as);
	img->src_state = NULL;
}

const struct image_source_ops image_source_docker_archive = {
	.scheme = "docker-archive",
	.open = docker_archive_open,
	.layer_open = archive_layer_open,
	.close = archive_close,
};

const struct image_source_ops image_source_oci_archive = {
	.scheme = "oci-archive",
	.open = oci_archive_open,
	.layer_open = archive_layer_open,
	.close = archive_close,
};
