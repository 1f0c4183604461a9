/*
 * The one pass over an image: every layer read once, bottom to top.
 *
 * A layer blob goes through two libarchive readers: the first only
 * decompresses (format "raw", any filter), the second reads tar from what
 * the first gives it.  Between them sits our own callback, which hashes
 * the uncompressed bytes (the layer's diff_id), counts them against the
 * size limits and the compression ratio, and so sees every byte exactly
 * once.  After the tar's end, the rest of the stream is drained into the
 * hash too (estargz keeps its index there).
 *
 * Each entry is cleaned, checked against the path index (whiteouts,
 * replacements, writes through symlinks) and handed to the analyzers that
 * want it.  Nothing is written to disk and no path from the image is
 * opened on the host.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "image/limits.h"
#include "image/source.h"
#include "image/stream.h"

/* Bytes read from a blob per call. */
#define STREAM_READ_CHUNK (256u * 1024)

struct layer_feed {
	struct image *img;
	const struct analyzer *an;
	size_t n_an;
	bool *wants;
	int layer;
	struct image_layer *l;
	struct buf path;
	struct buf link;
	struct buf shared;
	struct err *e;
};

/* The compressed side: a blob read with pread. */
struct raw_src {
	const struct blob *b;
	uint64_t pos;
	struct sha256 *hash; /* NULL when the blob digest is not checked */
	char *chunk;
};

/* The uncompressed side, between the two readers. */
struct tar_src {
	struct archive *raw;
	struct raw_src *rs;
	struct layer_feed *feed;
	struct sha256 *hash;
	uint64_t bytes;
	bool eof;
	struct err lim; /* why a limit stopped the layer */
};

int
image_path_clean(const char *in, struct buf *out)
{
	const char *p = in;

	buf_reset(out);
	while (*p) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;

			if (!out->len)
				return -1;
			slash = strrchr(out->data, '/');
			buf_setlen(out,
				   slash ? (size_t)(slash - out->data) : 0);
		} else {
			if (out->len)
				buf_addch(out, '/');
			buf_add(out, p, n);
		}
		p += n;
	}
	return 0;
}

static void
bad_entry(struct layer_feed *f, const char *path, const char *why)
{
	struct image_facts *fa = &f->img->facts;

	if (fa->n_bad_entries >= IMAGE_MAX_FINDINGS_PER_RULE) {
		fa->bad_entries_dropped++;
		return;
	}
	if (!fa->n_bad_entries)
		fa->bad_entries = xcalloc(IMAGE_MAX_FINDINGS_PER_RULE,
					  sizeof(*fa->bad_entries));
	fa->bad_entries[fa->n_bad_entries].path =
	    arena_strndup(&f->img->arena, path, strnlen(path, IMAGE_MAX_PATH));
	fa->bad_entries[fa->n_bad_entries].why =
	    arena_strdup(&f->img->arena, why);
	fa->bad_entries[fa->n_bad_entries].layer = f->layer;
	fa->n_bad_entries++;
}

static void
notify_removed(struct layer_feed *f, const char *path)
{
	for (size_t i = 0; i < f->n_an; i++)
		if (f->an[i].ops->removed)
			f->an[i].ops->removed(f->an[i].self, path, f->layer);
}

static void
node_drop(struct layer_feed *f, struct path_node *node)
{
	notify_removed(f, node->path);
	path_index_remove(&f->img->facts.fs, node);
}

/* An opaque directory: whatever lower layers put below it is gone. */
static void
opaque_prune(struct layer_feed *f, struct path_node *dir)
{
	struct path_node *c = dir->child;

	while (c) {
		struct path_node *next = c->next;

		if (c->layer < f->layer)
			node_drop(f, c);
		else if (c->type == ENTRY_DIR)
			opaque_prune(f, c);
		c = next;
	}
}

/* Returns true when the entry was a whiteout (and is consumed). */
static bool
whiteout_apply(struct layer_feed *f, const char *path)
{
	struct path_index *idx = &f->img->facts.fs;
	const char *base = strrchr(path, '/');
	size_t dirlen = base ? (size_t)(base - path) : 0;
	struct path_node *node;
	char *target;

	base = base ? base + 1 : path;
	if (strncmp(base, ".wh.", 4))
		return false;
	if (!strcmp(base, ".wh..wh..opq")) {
		char *dir = xstrndup(path, dirlen);

		node = path_index_get(idx, dir);
		if (node && node->type == ENTRY_DIR)
			opaque_prune(f, node);
		free(dir);
		return true;
	}
	if (!base[4] || !strcmp(base + 4, ".") || !strcmp(base + 4, ".."))
		return true;
	target = dirlen ? xasprintf("%.*s/%s", (int)dirlen, path, base + 4)
			: xstrdup(base + 4);
	node = path_index_get(idx, target);
	if (node)
		node_drop(f, node);
	free(target);
	return true;
}

/* Is any ancestor of path a symlink?  Non-directories in the way are
 * replaced (and reported removed) as a real filesystem would. */
static bool
through_symlink(struct layer_feed *f, const char *path)
{
	struct path_index *idx = &f->img->facts.fs;
	const char *slash = strrchr(path, '/');
	struct path_node *parent;
	char *tmp;
	bool bad = false;

	if (!slash)
		return false;
	tmp = xstrndup(path, (size_t)(slash - path));
	parent = path_index_get(idx, tmp);
	if (parent && parent->type == ENTRY_DIR)
		goto out;
	for (char *p = tmp;; p++) {
		if (*p == '/' || !*p) {
			char c = *p;
			struct path_node *n;

			*p = '\0';
			n = path_index_get(idx, tmp);
			if (n && n->type == ENTRY_SYMLINK) {
				bad = true;
				goto out;
			}
			if (n && n->type != ENTRY_DIR)
				node_drop(f, n);
			*p = c;
			if (!c)
				break;
		}
	}
out:
	free(tmp);
	return bad;
}

struct shared_reader {
	const struct buf *data;
	size_t pos;
	bool truncated;
};

static ssize_t
shared_read(struct entry_reader *r, void *buf, size_t n)
{
	struct shared_reader *sr = r->state;
	size_t left = sr->data->len - sr->pos;

	if (!left && sr->truncated) {
		err_set(&r->e, ERR_INPUT,
			"file larger than the %u bytes shared between "
			"analyzers",
			IMAGE_SHARED_READ_MAX);
		return -1;
	}
	if (n > left)
		n = left;
	memcpy(buf, sr->data->data + sr->pos, n);
	sr->pos += n;
	return (ssize_t)n;
}

static ssize_t
empty_read(struct entry_reader *r, void *buf, size_t n)
{
	(void)r, (void)buf, (void)n;
	return 0;
}

static void
analyzer_failed(struct layer_feed *f, const struct analyzer *an,
		const char *path, const struct err *e)
{
	if (f->img->facts.notes.n < IMAGE_MAX_FINDINGS_PER_RULE)
		strvec_pushf(&f->img->facts.notes, "%s could not read '%s': %s",
			     an->ops->name, path, e->msg);
}

static int
dispatch(struct layer_feed *f, const struct layer_entry *le,
	 struct entry_reader *r)
{
	struct entry_reader empty = { empty_read, NULL, ERR_INIT };
	size_t k = 0, last = 0;

	for (size_t i = 0; i < f->n_an; i++) {
		f->wants[i] = f->an[i].ops->wants &&
			      f->an[i].ops->wants(f->an[i].self, le);
		if (f->wants[i])
			k++, last = i;
	}
	if (!k)
		return 0;
	if (!r)
		r = &empty;
	if (k == 1) {
		if (f->an[last].ops->entry(f->an[last].self, le, r) < 0)
			analyzer_failed(f, &f->an[last], le->path, &r->e);
		return 0;
	}

	/* Several want it: read it once, replay it to each. */
	struct shared_reader sr = { &f->shared, 0, false };

	buf_reset(&f->shared);
	for (;;) {
		ssize_t n;

		if (f->shared.len >= IMAGE_SHARED_READ_MAX) {
			sr.truncated = true;
			break;
		}
		buf_grow(&f->shared, 65536);
		n = r->read(r, f->shared.data + f->shared.len, 65536);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		buf_setlen(&f->shared, f->shared.len + (size_t)n);
	}
	for (size_t i = 0; i < f->n_an; i++) {
		struct entry_reader rr = { shared_read, &sr, ERR_INIT };

		if (!f->wants[i])
			continue;
		sr.pos = 0;
		if (f->an[i].ops->entry(f->an[i].self, le, &rr) < 0)
			analyzer_failed(f, &f->an[i], le->path, &rr.e);
	}
	return 0;
}

int
layer_feed_entry(struct layer_feed *f, struct layer_entry *le,
		 struct entry_reader *r, struct err *e)
{
	struct image *img = f->img;
	struct path_index *idx = &img->facts.fs;
	struct path_node *old;

	if (strlen(le->path) > IMAGE_MAX_PATH) {
		bad_entry(f, le->path, "path longer than the limit");
		return 0;
	}
	if (image_path_clean(le->path, &f->path) < 0) {
		bad_entry(f, le->path, "path leaves the image root");
		return 0;
	}
	if (!f->path.len)
		return 0; /* the root itself */
	if (++f->l->entries > IMAGE_MAX_LAYER_ENTRIES)
		return err_set(e, ERR_INPUT, "more than %u entries in a layer",
			       IMAGE_MAX_LAYER_ENTRIES);
	if (++img->total_entries > IMAGE_MAX_TOTAL_ENTRIES)
		return err_set(e, ERR_INPUT,
			       "more than %u entries in the image",
			       IMAGE_MAX_TOTAL_ENTRIES);
	le->path = f->path.data;
	le->layer_index = f->layer;
	le->layer_digest = f->l->digest ? f->l->digest : f->l->diff_id;
	le->created_by = f->l->created_by;

	if (whiteout_apply(f, le->path))
		return 0;
	if (le->type == ENTRY_HARDLINK) {
		struct path_node *target;

		if (!le->linkname ||
		    image_path_clean(le->linkname, &f->link) < 0) {
			bad_entry(f, le->path,
				  "hard link leaves the image root");
			return 0;
		}
		le->linkname = f->link.data;
		target = path_index_get(idx, f->link.data);
		if (target && target->type != ENTRY_DIR) {
			le->mode = target->mode;
			le->uid = target->uid;
			le->gid = target->gid;
			le->size = target->size;
		}
	}
	if (through_symlink(f, le->path)) {
		bad_entry(f, le->path, "written through a symlink");
		return 0;
	}

	/* A lower copy replaced by this one is gone for the analyzers. */
	old = path_index_get(idx, le->path);
	if (old && !(old->type == ENTRY_DIR && le->type == ENTRY_DIR)) {
		if (old->type == ENTRY_DIR)
			node_drop(f, old);
		else
			notify_removed(f, le->path);
	}
	path_index_put(idx, le);
	return dispatch(f, le, r);
}

/* libarchive callbacks. */

static la_ssize_t
raw_read(struct archive *a, void *ctx, const void **out)
{
	struct raw_src *rs = ctx;
	uint64_t left = rs->b->size - rs->pos;
	size_t n = left > STREAM_READ_CHUNK ? STREAM_READ_CHUNK : (size_t)left;
	ssize_t got;

	if (!n)
		return 0;
	do
		got = pread(rs->b->fd, rs->chunk, n,
			    (off_t)(rs->b->off + rs->pos));
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		archive_set_error(a, errno, "read error");
		return -1;
	}
	if (rs->hash)
		sha256_update(rs->hash, rs->chunk, (size_t)got);
	rs->pos += (uint64_t)got;
	*out = rs->chunk;
	return got;
}

static int
limits_check(struct tar_src *ts, size_t n)
{
	struct image *img = ts->feed->img;
	uint64_t in = ts->rs->pos;

	ts->bytes += n;
	img->total_bytes += n;
	if (ts->bytes > IMAGE_MAX_LAYER_BYTES)
		return err_set(&ts->lim, ERR_INPUT,
			       "layer inflates past %llu bytes",
			       (unsigned long long)IMAGE_MAX_LAYER_BYTES);
	if (img->total_bytes > IMAGE_MAX_IMAGE_BYTES)
		return err_set(&ts->lim, ERR_INPUT,
			       "image inflates past %llu bytes",
			       (unsigned long long)IMAGE_MAX_IMAGE_BYTES);
	if (ts->bytes > IMAGE_RATIO_FLOOR && in &&
	    ts->bytes / in > IMAGE_MAX_RATIO)
		return err_set(&ts->lim, ERR_INPUT,
			       "compression ratio over %u:1 after %llu bytes "
			       "(a decompression bomb?)",
			       IMAGE_MAX_RATIO, (unsigned long long)ts->bytes);
	return 0;
}

static la_ssize_t
tar_read(struct archive *a, void *ctx, const void **out)
{
	struct tar_src *ts = ctx;
	size_t n;
	la_int64_t off;
	int r;

	if (ts->eof)
		return 0;
	r = archive_read_data_block(ts->raw, out, &n, &off);
	if (r == ARCHIVE_EOF) {
		ts->eof = true;
		return 0;
	}
	if (r < ARCHIVE_WARN) {
		archive_set_error(a, EIO, "%s",
				  archive_error_string(ts->raw)
				      ? archive_error_string(ts->raw)
				      : "decompression failed");
		return -1;
	}
	if (limits_check(ts, n) < 0) {
		archive_set_error(a, EIO, "%s", ts->lim.msg);
		return -1;
	}
	sha256_update(ts->hash, *out, n);
	return (la_ssize_t)n;
}

static ssize_t
archive_entry_read(struct entry_reader *r, void *buf, size_t n)
{
	struct archive *a = r->state;
	la_ssize_t got = archive_read_data(a, buf, n);

	if (got < 0) {
		err_set(&r->e, ERR_INPUT, "%s",
			archive_error_string(a) ? archive_error_string(a)
						: "read error");
		return -1;
	}
	return got;
}

static enum entry_type
entry_type_of(struct archive_entry *ae)
{
	if (archive_entry_hardlink(ae))
		return ENTRY_HARDLINK;
	switch (archive_entry_filetype(ae)) {
	case AE_IFREG:
		return ENTRY_FILE;
	case AE_IFDIR:
		return ENTRY_DIR;
	case AE_IFLNK:
		return ENTRY_SYMLINK;
	default:
		return ENTRY_OTHER;
	}
}

static int
tar_entries(struct layer_feed *f, struct archive *tar, struct err *e)
{
	struct archive_entry *ae;

	for (;;) {
		struct layer_entry le = { 0 };
		struct entry_reader rd = { archive_entry_read, tar, ERR_INIT };
		const char *name;
		int r = archive_read_next_header(tar, &ae);

		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN)
			return err_set(e, ERR_INPUT, "%s",
				       archive_error_string(tar)
					   ? archive_error_string(tar)
					   : "unreadable tar");
		name = archive_entry_pathname(ae);
		if (!name) {
			bad_entry(f, "(unnamed)", "entry without a path");
			continue;
		}
		le.path = name;
		le.type = entry_type_of(ae);
		le.mode = (unsigned)archive_entry_perm(ae) & 07777;
		le.uid = archive_entry_uid(ae);
		le.gid = archive_entry_gid(ae);
		le.size = le.type == ENTRY_FILE && archive_entry_size(ae) > 0
			      ? (uint64_t)archive_entry_size(ae)
			      : 0;
		le.mtime = archive_entry_mtime(ae);
		le.linkname = le.type == ENTRY_HARDLINK
				  ? archive_entry_hardlink(ae)
				  : archive_entry_symlink(ae);
		if (layer_feed_entry(f, &le, le.type == ENTRY_FILE ? &rd : NULL,
				     e) < 0)
			return -1;
	}
}

/* Read what follows the tar's end so the hashes cover every byte. */
static int
drain(struct tar_src *ts, struct archive *tar)
{
	const void *p;

	while (!ts->eof) {
		if (tar_read(tar, ts, &p) < 0)
			return -1;
	}
	return 0;
}

static void
digest_check(struct layer_feed *f, const char *want, const char *got)
{
	struct image_layer *l = f->l;

	if (!want || !strcmp(want, got))
		return;
	l->diff_id_bad = true;
	l->actual_diff_id = arena_strdup(&f->img->arena, got);
}

static int
layer_read_blob(struct layer_feed *f, const struct blob *b, struct err *e)
{
	struct raw_src rs = { b, 0, NULL, xmalloc(STREAM_READ_CHUNK) };
	struct tar_src ts = { 0 };
	struct archive *raw = archive_read_new();
	struct archive *tar = archive_read_new();
	char got[72];
	int rc = -1;

	/* The blob digest is checked only when no diff_id covers it. */
	if (!f->l->diff_id && f->l->digest)
		rs.hash = sha256_new();
	ts.raw = raw;
	ts.rs = &rs;
	ts.feed = f;
	ts.hash = sha256_new();
	archive_read_support_filter_all(raw);
	archive_read_support_format_raw(raw);
	archive_read_support_format_tar(tar);
	if (archive_read_open(raw, &rs, NULL, raw_read, NULL) != ARCHIVE_OK) {
		err_set(e, ERR_INPUT, "%s", archive_error_string(raw));
		goto out;
	}
	{
		struct archive_entry *ae;

		if (archive_read_next_header(raw, &ae) != ARCHIVE_OK) {
			err_set(e, ERR_INPUT, "%s",
				archive_error_string(raw)
				    ? archive_error_string(raw)
				    : "empty layer blob");
			goto out;
		}
	}
	if (archive_read_open(tar, &ts, NULL, tar_read, NULL) != ARCHIVE_OK) {
		err_set(e, ERR_INPUT, "not a tar: %s",
			archive_error_string(tar) ? archive_error_string(tar)
						  : "unreadable");
		goto out;
	}
	if (tar_entries(f, tar, e) < 0 || drain(&ts, tar) < 0) {
		if (ts.lim.kind)
			err_set(e, ERR_INPUT, "%s", ts.lim.msg);
		else if (!e->kind)
			err_set(e, ERR_INPUT, "%s", archive_error_string(tar));
		goto out;
	}
	f->l->bytes = ts.bytes;
	sha256_final_hex(ts.hash, got);
	digest_check(f, f->l->diff_id, got);
	if (rs.hash) {
		/* Whatever the decompressor left unread. */
		while (rs.pos < b->size) {
			const void *p;

			if (raw_read(raw, &rs, &p) <= 0)
				break;
		}
		sha256_final_hex(rs.hash, got);
		digest_check(f, f->l->digest, got);
	}
	rc = 0;
out:
	archive_read_free(tar);
	archive_read_free(raw);
	sha256_free(ts.hash);
	sha256_free(rs.hash);
	free(rs.chunk);
	return rc;
}

static void
layer_fail(struct layer_feed *f, const struct err *e)
{
	f->l->read_failed = true;
	f->l->error = arena_strdup(&f->img->arena, e->msg);
}

static int
layer_read(struct layer_feed *f, size_t i)
{
	struct image *img = f->img;
	struct blob b = BLOB_INIT;
	struct err e = ERR_INIT;
	int rc;

	if (f->l->skipped)
		return 0;
	if (img->src->layer_walk) {
		rc = img->src->layer_walk(img, i, f, &e);
	} else {
		rc = img->src->layer_open(img, i, &b, &e);
		/* A blob of another size than its descriptor says is not
		 * the blob the manifest meant, whatever its digest. */
		if (!rc && f->l->has_size && b.size != f->l->size)
			rc = err_set(&e, ERR_INPUT,
				     "the blob is %llu bytes but its "
				     "descriptor says %llu (size mismatch)",
				     (unsigned long long)b.size,
				     (unsigned long long)f->l->size);
		if (!rc)
			rc = layer_read_blob(f, &b, &e);
		blob_release(&b);
	}
	if (rc < 0)
		layer_fail(f, &e);
	return rc;
}

int
image_stream(struct image *img, const struct analyzer *an, size_t n_an,
	     struct err *e)
{
	struct layer_feed f = { 0 };
	size_t ok = 0;

	f.img = img;
	f.an = an;
	f.n_an = n_an;
	f.wants = xcalloc(n_an ? n_an : 1, sizeof(*f.wants));
	f.e = e;
	for (size_t i = 0; i < img->facts.n_layers; i++) {
		f.layer = (int)i;
		f.l = &img->facts.layers[i];
		if (layer_read(&f, i) == 0)
			ok++;
	}
	img->facts.scanned = true;
	buf_release(&f.path);
	buf_release(&f.link);
	buf_release(&f.shared);
	free(f.wants);
	if (!ok && img->facts.n_layers) {
		const struct image_layer *l0 = &img->facts.layers[0];

		return err_set(e, ERR_INPUT, "no layer could be read: %s",
			       l0->error ? l0->error : "all layers skipped");
	}
	return 0;
}
