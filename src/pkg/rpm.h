/*
 * rpm: the header blob format and the three database formats that hold
 * installed headers.
 *
 * A header blob (rpm's "header import" format, as stored in an rpmdb) is
 * big-endian: a count of index entries `il`, the size of the data store
 * `dl`, `il` 16-byte entries (tag, type, offset, count), then `dl` bytes
 * of data the entries point into.  Everything here is checked against
 * those bounds before it is read.
 *
 * The databases: SQLite (rpm >= 4.16, rpmdb.sqlite, table Packages),
 * Berkeley DB hash (Packages, older rpm) and NDB (Packages.db, SUSE).
 */
#ifndef HULL_PKG_RPM_H
#define HULL_PKG_RPM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

/* rpm's own cap on index entries (HEADER_TAGS_MAX) and data size
 * (HEADER_DATA_MAX, 256 MiB). */
#define RPM_HEADER_MAX_TAGS 0xffff
#define RPM_HEADER_MAX_DATA (256u * 1024 * 1024)
/* Files in one package: texlive's largest have ~100k. */
#define RPM_MAX_FILES 1000000

/* A validated header: pointers into the caller's blob. */
struct rpm_header {
	const uint8_t *index;
	uint32_t il;
	const uint8_t *data;
	uint32_t dl;
};

/* What a package header says, strings in an arena (NULL when absent). */
struct rpm_pkg {
	const char *name;
	const char *version;
	const char *release;
	long long epoch; /* -1 when the header has none */
	const char *arch;
	const char *sourcerpm;
	const char *license;
	const char *vendor;
	const char *modularitylabel;
	const char *summary;
	unsigned long long size;
	long long install_time; /* -1 when absent */
	char sigmd5[33];	/* hex, "" when absent */
};

struct rpm_file {
	const char *path;
	unsigned mode;
	unsigned long long size;
	const char *digest;
	const char *user;
	const char *group;
	unsigned flags;
};

/* Check the blob's structure; 0 or -1 with the reason. */
int rpm_header_load(struct rpm_header *h, const void *blob, size_t len,
		    struct err *e);
/* The package fields; fails when NAME or VERSION is missing. */
int rpm_header_pkg(const struct rpm_header *h, struct arena *a,
		   struct rpm_pkg *out, struct err *e);
/*
 * The installed files, from BASENAMES, DIRNAMES and DIRINDEXES (or the
 * old FILENAMES) plus the per-file arrays.  Fails when the arrays
 * disagree or an index points outside DIRNAMES.  *n may be 0.
 */
int rpm_header_files(const struct rpm_header *h, struct arena *a,
		     struct rpm_file **files, size_t *n, struct err *e);

/* Called with each header blob of a database; return <0 to stop. */
typedef int (*rpmdb_blob_fn)(void *ctx, const uint8_t *blob, size_t len);

/*
 * Walk every header blob of an rpm database held in memory, whatever
 * its format (told by its magic).  `name` is used in messages.  Returns
 * 0, or -1 with the reason when the format is unknown or the database is
 * damaged (blobs already delivered stay delivered).
 */
int rpmdb_each(const char *name, const uint8_t *data, size_t len,
	       rpmdb_blob_fn fn, void *ctx, struct err *e);

#endif
