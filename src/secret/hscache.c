/*
 * A cache of the compiled trigger database.
 *
 * Compiling the ~50 triggers takes about 80 ms of CPU, as long as
 * scanning 150 MB of text: every `hull secrets` run and every image scan
 * would pay it.  Hyperscan can serialize a compiled database and load it
 * back in well under a millisecond, so the first run stores it under
 * $XDG_CACHE_HOME/hull (else ~/.cache/hull) and later runs load it.
 *
 * The file name holds a hash of the Hyperscan version and of every
 * trigger with its id and flags, so a changed rule table or library
 * never loads a stale database.  Hyperscan itself checks the magic,
 * version, target platform and checksum of what it loads; a file that
 * fails is ignored and rewritten.  Writes go to a temporary file renamed
 * into place, so concurrent runs see a whole file or none.  Nothing here
 * is required: without a cache directory, or with HULL_SECRET_CACHE=0,
 * the database is compiled every time.
 */
#include "secret/hscache.h"

#ifdef HULL_HAVE_HYPERSCAN
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"

/*
 * Largest cache file read back: the database is about 200 KiB; a file
 * far larger is not ours.
 */
#define HSCACHE_MAX_FILE (16u * 1024 * 1024)

static uint64_t
fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t
hscache_key(const char *const *pats, const unsigned *flags, const unsigned *ids,
	    unsigned n, unsigned mode)
{
	uint64_t h = 0xcbf29ce484222325ull;
	const char *v = hs_version();

	h = fnv1a(h, v, strlen(v) + 1);
	h = fnv1a(h, &mode, sizeof(mode));
	for (unsigned i = 0; i < n; i++) {
		h = fnv1a(h, pats[i], strlen(pats[i]) + 1);
		h = fnv1a(h, &flags[i], sizeof(flags[i]));
		h = fnv1a(h, &ids[i], sizeof(ids[i]));
	}
	return h;
}

/* The cache directory, created if needed; NULL when there is none. */
static char *
hscache_dir(void)
{
	const char *env = getenv("HULL_SECRET_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;

	if (env && !strcmp(env, "0"))
		return NULL;
	if (xdg && *xdg == '/')
		buf_addstr(&b, xdg);
	else if (home && *home == '/')
		buf_addf(&b, "%s/.cache", home);
	else
		return NULL;
	if (mkdir(b.data, 0700) && errno != EEXIST)
		goto fail;
	buf_addstr(&b, "/hull");
	if (mkdir(b.data, 0700) && errno != EEXIST)
		goto fail;
	return buf_detach(&b, NULL);
fail:
	buf_release(&b);
	return NULL;
}

static hs_database_t *
hscache_load(const char *path)
{
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;
	hs_database_t *db = NULL;

	if (file_read(path, HSCACHE_MAX_FILE, &b, &e) == 0 &&
	    hs_deserialize_database(b.data, b.len, &db) != HS_SUCCESS)
		db = NULL;
	buf_release(&b);
	return db;
}

static void
hscache_store(const char *path, const hs_database_t *db)
{
	char *bytes = NULL;
	size_t len = 0;

	if (hs_serialize_database(db, &bytes, &len) != HS_SUCCESS)
		return;
	/* A cache: losing it costs one compile. */
	(void)file_write_replace(path, bytes, len);
	free(bytes);
}

int
hscache_compile(const char *const *pats, const unsigned *flags,
		const unsigned *ids, unsigned n, unsigned mode,
		hs_database_t **db, hs_compile_error_t **cerr)
{
	char *dir = hscache_dir();
	char *path = NULL;
	int rc;

	*cerr = NULL;
	if (dir) {
		struct buf b = BUF_INIT;

		buf_addf(
		    &b, "%s/secret-triggers-%016llx.hsdb", dir,
		    (unsigned long long)hscache_key(pats, flags, ids, n, mode));
		path = buf_detach(&b, NULL);
		if ((*db = hscache_load(path))) {
			rc = HS_SUCCESS;
			goto out;
		}
	}
	rc = hs_compile_multi(pats, flags, ids, n, mode, NULL, db, cerr);
	if (rc == HS_SUCCESS && path)
		hscache_store(path, *db);
out:
	free(path);
	free(dir);
	return rc;
}
#endif
