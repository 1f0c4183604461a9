/*
 * hull db update: download every configured source and rebuild the
 * database from them, atomically.
 *
 * A source is a URL (https://, http:// or file://), optionally followed
 * by "#sha256=HEX", the digest the downloaded bytes must have.  Each
 * source is fetched with a conditional request (If-None-Match with the
 * stored ETag, If-Modified-Since with the stored Last-Modified).  The
 * bytes of each source are kept in a cache directory next to the
 * database ("<db>.sources/"), so that a source that answers 304 Not
 * Modified can still be imported when another one changed.
 *
 * The new database is built in "<db>.new" and renamed over the old one
 * only when every source was fetched, checked and imported.  On any
 * failure the old database and the cache are left as they were.
 */
#ifndef HULL_VULN_UPDATE_H
#define HULL_VULN_UPDATE_H

#include <stddef.h>

#include "core/err.h"
#include "core/util.h"
#include "vuln/vulndb.h"

/* Largest download accepted from one source. */
#define UPDATE_MAX_DOWNLOAD (1024u * 1024 * 1024)
/* Give up on a source that sends nothing for this long (seconds). */
#define UPDATE_STALL_SECONDS 60

struct update_result {
	size_t sources;
	size_t downloaded;   /* sources with new data */
	size_t not_modified; /* sources that answered 304 */
	bool rebuilt;	     /* a new database was put in place */
	struct vulndb_stats stats;
};

/*
 * Update the database at db_path from `sources`.  Returns 0 (with *res
 * filled), or -1 with ERR_NETWORK for a download failure, ERR_INPUT for
 * data that fails its digest or does not import, ERR_USAGE for a bad
 * source entry.
 */
int vulndb_update(const char *db_path, const struct strvec *sources,
		  struct update_result *res, struct err *e);

#endif
