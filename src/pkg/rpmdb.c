/*
 * The rpm databases.  Each reader finds the header blobs in a database
 * held in memory and hands them to a callback; nothing is written.
 *
 * NDB (rpm's lib/backend/ndb/rpmpkg.c), little-endian: a 32-byte header
 * ("RpmP", version 0, generation, number of slot pages), then 16-byte
 * slots ("Slot", package index, block offset, block count) filling those
 * pages; a slot's blob sits at block offset * 16 behind a 16-byte blob
 * header ("BlbS", package index, checksum, length).
 *
 * Berkeley DB hash (the Packages file of rpm < 4.16): fixed-size pages;
 * page 0 is the metadata page (magic 0x061561, page size, last page).
 * Hash pages hold key/value items through an offset table; rpm's values
 * are "off-page" items that name the first of a chain of overflow pages
 * holding the blob.  The byte order is the writer's, told by the magic.
 *
 * SQLite (rpm >= 4.16): table Packages (hnum, blob), opened read-only
 * from memory.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "pkg/rpm.h"

/* Blobs in one database: a distro's whole repository is ~60k. */
#define RPMDB_MAX_BLOBS 500000

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

/* NDB */

#define NDB_MAGIC 0x506d7052u	   /* "RpmP" */
#define NDB_SLOT_MAGIC 0x746f6c53u /* "Slot" */
#define NDB_BLOB_MAGIC 0x53626c42u /* "BlbS" */
#define NDB_PAGE 4096
#define NDB_BLK 16
/* Slot pages: each holds 256 slots, so 4096 pages is a million packages. */
#define NDB_MAX_SLOT_PAGES 4096

static int
ndb_each(const char *name, const uint8_t *d, size_t len, rpmdb_blob_fn fn,
	 void *ctx, struct err *e)
{
	uint32_t npages;
	size_t nslots, delivered = 0;

	if (len < 32 || le32(d + 4) != 0)
		return err_set(e, ERR_INPUT, "'%s': not an NDB database", name);
	npages = le32(d + 12);
	if (npages == 0 || npages > NDB_MAX_SLOT_PAGES ||
	    (size_t)npages * NDB_PAGE > len)
		return err_set(e, ERR_INPUT, "'%s': %u slot pages do not fit",
			       name, npages);
	/* The first two slot positions hold the database header. */
	nslots = (size_t)npages * (NDB_PAGE / 16) - 2;
	for (size_t i = 0; i < nslots; i++) {
		const uint8_t *s = d + 32 + i * 16;
		uint32_t pkgidx = le32(s + 4), blkoff = le32(s + 8);
		uint64_t off = (uint64_t)blkoff * NDB_BLK;
		uint32_t blen;

		if (le32(s) != NDB_SLOT_MAGIC)
			return err_set(e, ERR_INPUT, "'%s': bad slot %zu", name,
				       i);
		if (pkgidx == 0)
			continue;
		if (off + 16 > len || le32(d + off) != NDB_BLOB_MAGIC ||
		    le32(d + off + 4) != pkgidx)
			return err_set(e, ERR_INPUT,
				       "'%s': bad blob for "
				       "package %u",
				       name, pkgidx);
		blen = le32(d + off + 12);
		if (blen > len - off - 16)
			return err_set(e, ERR_INPUT,
				       "'%s': blob of package "
				       "%u is truncated",
				       name, pkgidx);
		if (++delivered > RPMDB_MAX_BLOBS)
			return err_set(e, ERR_INPUT, "'%s': too many packages",
				       name);
		if (fn(ctx, d + off + 16, blen) < 0)
			break;
	}
	return 0;
}

/* Berkeley DB hash */

#define BDB_HASH_MAGIC 0x061561u
#define BDB_PAGE_HEADER 26
#define BDB_P_HASH_UNSORTED 2
#define BDB_P_HASH 13
#define BDB_H_OFFPAGE 3
/* Overflow pages in one chain: a 256 MiB header over 512-byte pages. */
#define BDB_MAX_CHAIN (RPM_HEADER_MAX_DATA / 512 + 1)

struct bdb {
	const uint8_t *d;
	size_t len;
	bool swap; /* big-endian writer */
	uint32_t pagesize;
	uint32_t last;
};

static uint32_t
bdb32(const struct bdb *b, const uint8_t *p)
{
	return b->swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			     (uint32_t)p[2] << 8 | p[3]
		       : le32(p);
}

static uint16_t
bdb16(const struct bdb *b, const uint8_t *p)
{
	return b->swap ? (uint16_t)(p[0] << 8 | p[1])
		       : (uint16_t)(p[1] << 8 | p[0]);
}

static const uint8_t *
bdb_page(const struct bdb *b, uint32_t pgno)
{
	uint64_t off = (uint64_t)pgno * b->pagesize;

	if (pgno > b->last || off + b->pagesize > b->len)
		return NULL;
	return b->d + off;
}

/* Follow an overflow chain from pgno into out. */
static int
bdb_chain(const struct bdb *b, uint32_t pgno, uint32_t total, struct buf *out)
{
	size_t hops = 0;

	buf_reset(out);
	while (pgno) {
		const uint8_t *pg = bdb_page(b, pgno);
		uint32_t next;
		size_t n;

		if (!pg || ++hops > BDB_MAX_CHAIN)
			return -1;
		next = bdb32(b, pg + 16);
		/* On the last page, hf_offset says how much is used. */
		n = next ? b->pagesize - BDB_PAGE_HEADER : bdb16(b, pg + 22);
		if (n > b->pagesize - BDB_PAGE_HEADER)
			return -1;
		buf_add(out, pg + BDB_PAGE_HEADER, n);
		if (out->len >
		    RPM_HEADER_MAX_DATA + (size_t)RPM_HEADER_MAX_TAGS * 16)
			return -1;
		pgno = next;
	}
	return total && out->len != total ? -1 : 0;
}

static int
bdb_each(const char *name, const uint8_t *d, size_t len, rpmdb_blob_fn fn,
	 void *ctx, struct err *e)
{
	struct bdb b = { d, len, false, 0, 0 };
	struct buf blob = BUF_INIT;
	size_t delivered = 0;
	int rc = 0;

	b.swap = le32(d + 12) != BDB_HASH_MAGIC;
	b.pagesize = bdb32(&b, d + 20);
	b.last = bdb32(&b, d + 32);
	if (b.pagesize < 512 || b.pagesize > 65536 ||
	    (b.pagesize & (b.pagesize - 1)))
		return err_set(e, ERR_INPUT, "'%s': bad page size %u", name,
			       b.pagesize);
	for (uint32_t pg = 1; pg <= b.last && rc == 0; pg++) {
		const uint8_t *p = bdb_page(&b, pg);
		uint16_t nent;

		if (!p)
			break;
		if (p[25] != BDB_P_HASH && p[25] != BDB_P_HASH_UNSORTED)
			continue;
		nent = bdb16(&b, p + 20);
		if (BDB_PAGE_HEADER + (size_t)nent * 2 > b.pagesize)
			continue;
		for (unsigned i = 1; i < nent; i += 2) {
			uint16_t off =
			    bdb16(&b, p + BDB_PAGE_HEADER + (size_t)i * 2);

			if ((size_t)off + 12 > b.pagesize ||
			    p[off] != BDB_H_OFFPAGE)
				continue;
			if (bdb_chain(&b, bdb32(&b, p + off + 4),
				      bdb32(&b, p + off + 8), &blob) < 0) {
				rc = err_set(e, ERR_INPUT,
					     "'%s': broken "
					     "overflow chain on page %u",
					     name, pg);
				break;
			}
			if (++delivered > RPMDB_MAX_BLOBS) {
				rc = err_set(e, ERR_INPUT,
					     "'%s': too many "
					     "packages",
					     name);
				break;
			}
			if (fn(ctx, (const uint8_t *)blob.data, blob.len) < 0)
				goto out;
		}
	}
out:
	buf_release(&blob);
	return rc;
}

/* SQLite */

static int
sqlite_each(const char *name, const uint8_t *d, size_t len, rpmdb_blob_fn fn,
	    void *ctx, struct err *e)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t delivered = 0;
	unsigned char *copy = NULL;
	int rc = -1, src;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		err_set(e, ERR_INTERNAL, "cannot open sqlite in memory");
		goto out;
	}
	/*
	 * rpm keeps its database in WAL mode, which an in-memory database
	 * cannot open; a private copy marked as a rollback-journal file
	 * (file format bytes 18 and 19) reads the same pages.
	 */
	copy = xmalloc(len);
	memcpy(copy, d, len);
	if (len > 19 && copy[18] == 2 && copy[19] == 2)
		copy[18] = copy[19] = 1;
	if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len,
				(sqlite3_int64)len,
				SQLITE_DESERIALIZE_READONLY) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT blob FROM Packages", -1, &st,
			       NULL) != SQLITE_OK) {
		err_set(e, ERR_INPUT, "'%s': %s", name, sqlite3_errmsg(db));
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);

		if (!blob || n <= 0)
			continue;
		if (++delivered > RPMDB_MAX_BLOBS) {
			err_set(e, ERR_INPUT, "'%s': too many packages", name);
			goto out;
		}
		if (fn(ctx, blob, (size_t)n) < 0)
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		err_set(e, ERR_INPUT, "'%s': %s", name, sqlite3_errmsg(db));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(copy);
	return rc;
}

int
rpmdb_each(const char *name, const uint8_t *data, size_t len, rpmdb_blob_fn fn,
	   void *ctx, struct err *e)
{
	if (len >= 16 && !memcmp(data, "SQLite format 3", 16))
		return sqlite_each(name, data, len, fn, ctx, e);
	if (len >= 32 && le32(data) == NDB_MAGIC)
		return ndb_each(name, data, len, fn, ctx, e);
	if (len >= 512 &&
	    (le32(data + 12) == BDB_HASH_MAGIC ||
	     ((uint32_t)data[12] << 24 | (uint32_t)data[13] << 16 |
	      (uint32_t)data[14] << 8 | data[15]) == BDB_HASH_MAGIC))
		return bdb_each(name, data, len, fn, ctx, e);
	return err_set(e, ERR_INPUT,
		       "'%s': not an rpm database (SQLite, "
		       "Berkeley DB hash or NDB)",
		       name);
}
