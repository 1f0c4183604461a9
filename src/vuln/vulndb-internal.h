/*
 * What the database, its importers and the matcher share.
 */
#ifndef HULL_VULN_VULNDB_INTERNAL_H
#define HULL_VULN_VULNDB_INTERNAL_H

#include <sqlite3.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "vuln/vulndb.h"

/* Largest single advisory file or archive member hull imports. */
#define VULNDB_MAX_FILE (256u * 1024 * 1024)
/* Largest archive member; OSV exports hold many small files. */
#define VULNDB_MAX_MEMBER (64u * 1024 * 1024)
/* Most bytes decompressed from one archive: well above the largest real OSV
 * export, and a stop for zip bombs. */
#define VULNDB_MAX_ARCHIVE_BYTES (4ull * 1024 * 1024 * 1024)
/* Most members read from one archive. */
#define VULNDB_MAX_MEMBERS 2000000
/* Deepest directory walk on import. */
#define VULNDB_MAX_DEPTH 32

enum vulndb_stmt {
	STMT_PUT_ADV,
	STMT_DEL_ALIASES,
	STMT_DEL_AFFECTED,
	STMT_PUT_ALIAS,
	STMT_PUT_AFFECTED,
	STMT_FIND_AFFECTED,
	STMT_GET_ADV,
	STMT_GET_ALIASES,
	STMT_RATED,
	STMT_COUNT
};

struct vulndb {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[STMT_COUNT];
	/* Advisory details already resolved by the matcher, by row id.
	 * Emptied whenever a write transaction starts. */
	struct strmap adv_cache;
	/* Best rating of every rated advisory, under its name and each of
	 * its aliases (severity + 1, so that 0 means absent).  Loaded on
	 * the first alias lookup. */
	struct strmap rated;
	bool rated_loaded;
};

/* Drop the matcher's advisory cache (match.c). */
void match_cache_release(struct vulndb *db);

/* One advisory as an importer hands it over.  NULL fields are unknown. */
struct vulndb_adv {
	const char *name; /* "CVE-2020-1967", "GO-2022-0969", "DSA-5380-1" */
	const char *source;
	const char *summary;
	const char *details;
	const char *published;
	const char *modified;
	const char *withdrawn;
	const char *severity; /* the source's own rating, as it spells it */
	const char *cvss_v2, *cvss_v3, *cvss_v4;
};

/* One affected package of an advisory. */
struct vulndb_aff {
	const char *ecosystem; /* raw: "Alpine:v3.10", "debian:12", "npm" */
	const char *package;
	const char *status; /* "affected", "unfixed", "will_not_fix" */
	const char *ranges; /* "TYPE\tEVENT\tVERSION\n"... */
	const char *versions;
	const char *severity; /* a per-package rating (Debian urgency) */
};

/*
 * Add or update an advisory (keyed by name and source) and return its row
 * id (>0), or -1.  With `replace`, its aliases and affected rows are
 * dropped first, as when a newer copy of an OSV file arrives.
 */
long long vulndb_put_advisory(struct vulndb *db, const struct vulndb_adv *a,
			      bool replace, struct err *e);
int vulndb_put_alias(struct vulndb *db, long long adv, const char *alias,
		     struct err *e);
int vulndb_put_affected(struct vulndb *db, long long adv,
			const struct vulndb_aff *a, struct err *e);

/* Count one thing skipped; the first one skipped also gets the note
 * (printf-style), which should name the file. */
void vulndb_skip(struct vulndb_stats *st, enum vulndb_skip kind,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Record an SQLite failure as an error naming the database; damage
 * (SQLITE_CORRUPT, SQLITE_NOTADB) as vulndb_damaged() does. */
int vulndb_sql_err(struct vulndb *db, struct err *e, const char *what);

/* Record that the database at path is damaged (`why`, quoted) with how
 * to rebuild it.  Returns -1. */
int vulndb_damaged(const char *path, struct err *e, const char *why);

/* The importers, one per format.  Each counts into st. */
int import_osv_json(struct vulndb *db, const char *name, const char *data,
		    size_t len, struct vulndb_stats *st, struct err *e);
int import_yaml(struct vulndb *db, const char *name, const char *data,
		size_t len, struct vulndb_stats *st, struct err *e);
int import_debian_list(struct vulndb *db, const char *name, const char *data,
		       size_t len, struct vulndb_stats *st, struct err *e);

struct json_t;
/* Import an already parsed JSON document of any supported kind. */
int import_json_doc(struct vulndb *db, const char *name, struct json_t *doc,
		    struct vulndb_stats *st, struct err *e);

#endif
