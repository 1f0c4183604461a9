/*
 * The rpm header blob: index entries and the data store they point into
 * (rpm's lib/header.c documents the layout; rpmtag.h the tags).
 */
#include "pkg/rpm.h"

#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"

enum rpm_type {
	RPM_NULL = 0,
	RPM_CHAR = 1,
	RPM_INT8 = 2,
	RPM_INT16 = 3,
	RPM_INT32 = 4,
	RPM_INT64 = 5,
	RPM_STRING = 6,
	RPM_BIN = 7,
	RPM_STRING_ARRAY = 8,
	RPM_I18NSTRING = 9,
};

enum rpm_tag {
	TAG_SIGMD5 = 261,
	TAG_NAME = 1000,
	TAG_VERSION = 1001,
	TAG_RELEASE = 1002,
	TAG_EPOCH = 1003,
	TAG_SUMMARY = 1004,
	TAG_INSTALLTIME = 1008,
	TAG_SIZE = 1009,
	TAG_VENDOR = 1011,
	TAG_LICENSE = 1014,
	TAG_ARCH = 1022,
	TAG_OLDFILENAMES = 1027,
	TAG_FILESIZES = 1028,
	TAG_FILEMODES = 1030,
	TAG_FILEDIGESTS = 1035,
	TAG_FILEFLAGS = 1037,
	TAG_FILEUSERNAME = 1039,
	TAG_FILEGROUPNAME = 1040,
	TAG_SOURCERPM = 1044,
	TAG_DIRINDEXES = 1116,
	TAG_BASENAMES = 1117,
	TAG_DIRNAMES = 1118,
	TAG_LONGFILESIZES = 5008,
	TAG_LONGSIZE = 5009,
	TAG_MODULARITYLABEL = 5096,
};

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

int
rpm_header_load(struct rpm_header *h, const void *blob, size_t len,
		struct err *e)
{
	const uint8_t *b = blob;
	uint32_t il, dl;

	if (len < 8)
		return err_set(e, ERR_INPUT, "rpm header shorter than 8 bytes");
	il = be32(b);
	dl = be32(b + 4);
	if (il == 0 || il > RPM_HEADER_MAX_TAGS || dl > RPM_HEADER_MAX_DATA)
		return err_set(e, ERR_INPUT,
			       "rpm header with %u tags and %u "
			       "bytes of data is not valid",
			       il, dl);
	if ((uint64_t)il * 16 + dl + 8 > len)
		return err_set(e, ERR_INPUT,
			       "rpm header truncated: %zu bytes "
			       "for %u tags and %u bytes of data",
			       len, il, dl);
	h->il = il;
	h->dl = dl;
	h->index = b + 8;
	h->data = b + 8 + (size_t)il * 16;
	return 0;
}

/* Size of one element of a fixed-size type, 0 for the others. */
static size_t
type_size(uint32_t type)
{
	switch (type) {
	case RPM_CHAR:
	case RPM_INT8:
	case RPM_BIN:
		return 1;
	case RPM_INT16:
		return 2;
	case RPM_INT32:
		return 4;
	case RPM_INT64:
		return 8;
	default:
		return 0;
	}
}

/* The entry for tag, bounds-checked: data at *off, *count elements. */
static bool
header_find(const struct rpm_header *h, uint32_t tag, uint32_t *type,
	    uint32_t *off, uint32_t *count)
{
	for (uint32_t i = 0; i < h->il; i++) {
		const uint8_t *ent = h->index + (size_t)i * 16;
		size_t sz;

		if (be32(ent) != tag)
			continue;
		*type = be32(ent + 4);
		*off = be32(ent + 8);
		*count = be32(ent + 12);
		if (*off >= h->dl || *count == 0)
			return false;
		sz = type_size(*type);
		if (sz && (uint64_t)sz * *count > h->dl - *off)
			return false;
		return true;
	}
	return false;
}

/* A NUL-terminated string inside the store at off, or NULL. */
static const char *
store_str(const struct rpm_header *h, uint32_t off, uint32_t *next)
{
	const uint8_t *nul;

	if (off >= h->dl)
		return NULL;
	nul = memchr(h->data + off, 0, h->dl - off);
	if (!nul)
		return NULL;
	if (next)
		*next = (uint32_t)(nul - h->data) + 1;
	return (const char *)h->data + off;
}

static const char *
header_str(const struct rpm_header *h, uint32_t tag, struct arena *a)
{
	uint32_t type, off, count;
	const char *s;

	if (!header_find(h, tag, &type, &off, &count))
		return NULL;
	if (type != RPM_STRING && type != RPM_I18NSTRING &&
	    type != RPM_STRING_ARRAY)
		return NULL;
	s = store_str(h, off, NULL);
	return s ? arena_strdup(a, s) : NULL;
}

/* The big-endian integer of `type` at p, or `dflt` when `type` is not an
 * integer type hull reads (header_find has checked the bounds). */
static long long
int_decode(const uint8_t *p, uint32_t type, long long dflt)
{
	switch (type) {
	case RPM_INT16:
		return (long long)((unsigned)p[0] << 8 | p[1]);
	case RPM_INT32:
		return (long long)be32(p);
	case RPM_INT64:
		return (long long)be64(p);
	default:
		return dflt;
	}
}

/* The first element of an integer tag, or `dflt`. */
static long long
header_int(const struct rpm_header *h, uint32_t tag, long long dflt)
{
	uint32_t type, off, count;

	if (!header_find(h, tag, &type, &off, &count))
		return dflt;
	return int_decode(h->data + off, type, dflt);
}

int
rpm_header_pkg(const struct rpm_header *h, struct arena *a, struct rpm_pkg *out,
	       struct err *e)
{
	uint32_t type, off, count;

	memset(out, 0, sizeof(*out));
	out->name = header_str(h, TAG_NAME, a);
	out->version = header_str(h, TAG_VERSION, a);
	if (!out->name || !out->version)
		return err_set(e, ERR_INPUT, "rpm header without a %s",
			       out->name ? "version" : "name");
	out->release = header_str(h, TAG_RELEASE, a);
	out->epoch = header_int(h, TAG_EPOCH, -1);
	out->arch = header_str(h, TAG_ARCH, a);
	out->sourcerpm = header_str(h, TAG_SOURCERPM, a);
	out->license = header_str(h, TAG_LICENSE, a);
	out->vendor = header_str(h, TAG_VENDOR, a);
	out->modularitylabel = header_str(h, TAG_MODULARITYLABEL, a);
	out->summary = header_str(h, TAG_SUMMARY, a);
	out->install_time = header_int(h, TAG_INSTALLTIME, -1);
	out->size = (unsigned long long)header_int(
	    h, TAG_LONGSIZE, header_int(h, TAG_SIZE, 0) & 0xffffffffLL);
	if (header_find(h, TAG_SIGMD5, &type, &off, &count) &&
	    type == RPM_BIN && count == 16)
		for (int i = 0; i < 16; i++)
			snprintf(out->sigmd5 + 2 * i, 3, "%02x",
				 h->data[off + i]);
	return 0;
}

/* A string array tag of exactly n elements (n = 0: any), in v. */
static int
header_strs(const struct rpm_header *h, uint32_t tag, uint32_t n,
	    const char ***v, uint32_t *count, struct arena *a)
{
	uint32_t type, off, cnt;

	*v = NULL;
	*count = 0;
	if (!header_find(h, tag, &type, &off, &cnt))
		return 0;
	if (type != RPM_STRING_ARRAY || (n && cnt != n) || cnt > RPM_MAX_FILES)
		return -1;
	*v = arena_alloc(a, sizeof(**v) * cnt);
	for (uint32_t i = 0; i < cnt; i++)
		if (!((*v)[i] = store_str(h, off, &off)))
			return -1;
	*count = cnt;
	return 0;
}

/* Element i of an integer array tag that holds n elements, else dflt. */
static long long
header_int_at(const struct rpm_header *h, uint32_t tag, uint32_t n, uint32_t i,
	      long long dflt)
{
	uint32_t type, off, count;

	if (!header_find(h, tag, &type, &off, &count) || count != n)
		return dflt;
	return int_decode(h->data + off + (size_t)i * type_size(type), type,
			  dflt);
}

/* Paths from BASENAMES + DIRNAMES[DIRINDEXES], or OLDFILENAMES. */
static int
file_paths(const struct rpm_header *h, struct arena *a, const char ***paths,
	   uint32_t *n, struct err *e)
{
	const char **base, **dirs;
	uint32_t nb, nd, type, off, cnt;

	if (header_strs(h, TAG_BASENAMES, 0, &base, &nb, a) < 0)
		return err_set(e, ERR_INPUT, "rpm header: bad file names");
	if (!nb) {
		if (header_strs(h, TAG_OLDFILENAMES, 0, paths, n, a) < 0)
			return err_set(e, ERR_INPUT,
				       "rpm header: bad old file names");
		return 0;
	}
	if (header_strs(h, TAG_DIRNAMES, 0, &dirs, &nd, a) < 0 || !nd)
		return err_set(e, ERR_INPUT, "rpm header: bad directory names");
	if (!header_find(h, TAG_DIRINDEXES, &type, &off, &cnt) ||
	    type != RPM_INT32 || cnt != nb)
		return err_set(e, ERR_INPUT,
			       "rpm header: %u file names but "
			       "no matching directory indexes",
			       nb);
	*paths = arena_alloc(a, sizeof(**paths) * nb);
	for (uint32_t i = 0; i < nb; i++) {
		uint32_t di = be32(h->data + off + (size_t)i * 4);

		if (di >= nd)
			return err_set(e, ERR_INPUT,
				       "rpm header: directory "
				       "index %u out of range (%u "
				       "directories)",
				       di, nd);
		(*paths)[i] = arena_printf(a, "%s%s", dirs[di], base[i]);
	}
	*n = nb;
	return 0;
}

int
rpm_header_files(const struct rpm_header *h, struct arena *a,
		 struct rpm_file **files, size_t *n, struct err *e)
{
	const char **paths, **digests, **users, **groups;
	uint32_t np = 0, nx;

	*files = NULL;
	*n = 0;
	if (file_paths(h, a, &paths, &np, e) < 0)
		return -1;
	if (!np)
		return 0;
	if (header_strs(h, TAG_FILEDIGESTS, np, &digests, &nx, a) < 0 ||
	    header_strs(h, TAG_FILEUSERNAME, np, &users, &nx, a) < 0 ||
	    header_strs(h, TAG_FILEGROUPNAME, np, &groups, &nx, a) < 0)
		return err_set(e, ERR_INPUT,
			       "rpm header: file attributes do "
			       "not match the %u files",
			       np);
	*files = arena_alloc(a, sizeof(**files) * np);
	for (uint32_t i = 0; i < np; i++) {
		struct rpm_file *f = &(*files)[i];
		long long sz = header_int_at(h, TAG_LONGFILESIZES, np, i, -1);

		f->path = paths[i];
		f->mode = (unsigned)header_int_at(h, TAG_FILEMODES, np, i, 0);
		f->size =
		    (unsigned long long)(sz >= 0
					     ? sz
					     : header_int_at(h, TAG_FILESIZES,
							     np, i, 0));
		f->flags = (unsigned)header_int_at(h, TAG_FILEFLAGS, np, i, 0);
		f->digest = digests ? digests[i] : "";
		f->user = users ? users[i] : "";
		f->group = groups ? groups[i] : "";
	}
	*n = np;
	return 0;
}
