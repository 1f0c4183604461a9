/*
 * The vulnerability database: one SQLite file.
 *
 * Tables:
 *   meta(key, value)               schema version, build time
 *   sources(name, url, etag, last_modified, imported_at, advisories,
 *           affected)              where the data came from
 *   advisories(id, name, source, summary, details, published, modified,
 *           withdrawn, severity, cvss_v2, cvss_v3, cvss_v4)
 *                                  one per (advisory id, source)
 *   aliases(advisory, alias)       CVE and GHSA ids of each advisory
 *   affected(advisory, ecosystem, release, package, status, ranges,
 *           versions, severity)    per package (and distro release)
 *
 * `ecosystem` is lowercased and has no release ("alpine", "debian",
 * "npm", "pypi", "go", "maven", "crates.io", "rubygems", "rocky linux");
 * `release` is the distro release ("3.10", "12", "22.04") or "".  Package
 * names are stored normalised for their ecosystem (vulndb_normalise_name).
 * `ranges` holds OSV range events one per line, "TYPE\tEVENT\tVERSION",
 * with a line "--" between ranges;
 * `versions` explicit affected versions one per line.  `status` is
 * "affected" (ranges decide), "will_not_fix" or "unfixed".
 *
 * Ownership: struct vulndb owns its connection and statements;
 * vulndb_close() releases everything.  Nothing here prints.
 */
#ifndef HULL_VULN_VULNDB_H
#define HULL_VULN_VULNDB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/err.h"

struct vulndb;

#define VULNDB_SCHEMA_VERSION 1

enum vulndb_open_flags {
	VULNDB_READ = 0,
	VULNDB_CREATE = 1,	/* create the file and schema when absent */
	VULNDB_VERIFY = 2,	/* check every page first (vulndb_verify) */
	VULNDB_VERIFY_ONCE = 4, /* the same, unless stamped (see below) */
};

/*
 * The default database path: $XDG_CACHE_HOME/hull/vuln.db, else
 * $HOME/.cache/hull/vuln.db.  Returns a fresh string, or NULL when
 * neither variable is set.
 */
char *vulndb_default_path(void);

/*
 * Open the database at path.  With VULNDB_READ the file must exist and
 * hold hull's schema; with VULNDB_CREATE it may also be absent or hold no
 * tables, and is then given the schema.  Fails with ERR_INPUT naming the
 * file when it is a directory, is damaged or not an SQLite file, or is
 * an SQLite database of some other kind (which hull never writes to).
 *
 * Reads check each b-tree cell as they go, so damage in the pages a
 * lookup touches is an error from that lookup (naming the file) rather
 * than rows that go missing.  VULNDB_VERIFY adds vulndb_verify(),
 * VULNDB_VERIFY_ONCE vulndb_verify_once().
 */
int vulndb_open(struct vulndb **out, const char *path, unsigned flags,
		struct err *e);
void vulndb_close(struct vulndb *db);

/* Whether path is an SQLite database of some other kind than hull's
 * (one that vulndb_open() refuses to write to). */
bool vulndb_is_foreign(const char *path);

/*
 * Check every page of the database (SQLite's quick_check).  Returns 0,
 * or -1 with ERR_INPUT saying the file is damaged and how to rebuild it.
 * Takes about 1.5 ms per MiB of database; the import and update
 * commands and 'hull db info' run it every time.
 */
int vulndb_verify(struct vulndb *db, struct err *e);

/*
 * vulndb_verify() once per version of the file, for scans: a stamp in
 * the sidecar file PATH.verified records the size, mtime (ns), inode
 * and device the file had when it last passed.  When the stamp matches
 * the file's current state, returns 0 without reading the file;
 * otherwise checks it and, when it passes, writes the stamp (when the
 * folder is read-only, nothing is written and every scan checks).
 * A stamp cannot see damage that keeps size, mtime and inode (bytes
 * rewritten in place and the mtime set back).
 */
int vulndb_verify_once(struct vulndb *db, struct err *e);

/*
 * Record that the database file at path, as it is now, passed
 * vulndb_verify() (import and update call it after their own check and
 * commit).  Returns 0, or -1 when the stamp could not be written (not
 * an error: the next scan checks the file instead).
 */
int vulndb_stamp_file(const char *path);

/* One transaction around a whole import; rollback undoes it. */
int vulndb_begin(struct vulndb *db, struct err *e);
int vulndb_commit(struct vulndb *db, struct err *e);
void vulndb_rollback(struct vulndb *db);

/* Why something read was not imported, as vulndb_stats counts it. */
enum vulndb_skip {
	VULNDB_SKIP_FILE,     /* a file of no advisory format in a walk */
	VULNDB_SKIP_RECORD,   /* a record or line that cannot be used */
	VULNDB_SKIP_AFFECTED, /* an affected-package entry not stored */
	VULNDB_SKIP_FIELD,    /* a malformed part left out of a kept entry */
	VULNDB_SKIP_KINDS,
};

/* Room for the note on the first skip: the file and what was wrong. */
#define VULNDB_SKIP_NOTE_MAX 200

/* What one import added, and what it passed over. */
struct vulndb_stats {
	size_t files;
	size_t advisories; /* advisories written (new or updated) */
	size_t affected;   /* affected-package rows written */
	size_t skipped[VULNDB_SKIP_KINDS];
	/* The first thing skipped, naming its file ("'a.json': affected[1]
	 * is not an object"); "" when nothing was. */
	char first_skip[VULNDB_SKIP_NOTE_MAX];
};

/* Everything skipped, of every kind. */
size_t vulndb_stats_skipped(const struct vulndb_stats *st);

/* Add the counts of `from` to `to`; the first note seen is kept. */
void vulndb_stats_add(struct vulndb_stats *to, const struct vulndb_stats *from);

/*
 * Import a file or a directory (recursively): OSV JSON or YAML, zip or
 * tar archives of them, Alpine secdb YAML, aquasecurity vuln-list Alpine
 * JSON, Debian security tracker DSA/DLA lists and its JSON export.  The
 * format is found from the content.  A file that cannot be read or parsed
 * fails the import with an error naming it; files of other kinds found
 * while walking a directory, and entries or parts of entries of the wrong
 * shape (an OSV "affected" that is not a list of objects, a range whose
 * events are not strings...) are counted in st->skipped by kind, with a
 * note on the first.  Call inside vulndb_begin/commit.
 */
int vulndb_import_path(struct vulndb *db, const char *path,
		       struct vulndb_stats *st, struct err *e);

/* The same for bytes already in memory; `name` is for messages and for
 * guessing the format from its extension. */
int vulndb_import_data(struct vulndb *db, const char *name, const char *data,
		       size_t len, struct vulndb_stats *st, struct err *e);

/* A source of data, as recorded in the sources table. */
struct vulndb_source {
	const char *name;
	const char *url;
	const char *etag;	   /* may be NULL */
	const char *last_modified; /* may be NULL */
	time_t imported_at;
	size_t advisories;
	size_t affected;
};

int vulndb_source_put(struct vulndb *db, const struct vulndb_source *src,
		      struct err *e);

/*
 * Read the stored ETag and Last-Modified of the source called `name`
 * into fresh strings (NULL when none).  Returns 1 when the source is
 * known, 0 when not, -1 on error.
 */
int vulndb_source_get(struct vulndb *db, const char *name, char **etag,
		      char **last_modified, struct err *e);

/* Callbacks for vulndb_info(). */
struct vulndb_info_cb {
	void (*source)(void *ctx, const struct vulndb_source *src);
	void (*ecosystem)(void *ctx, const char *ecosystem, size_t advisories,
			  size_t packages);
	void *ctx;
};

/* Totals, and each source and ecosystem through the callbacks. */
struct vulndb_totals {
	size_t advisories;
	size_t aliases;
	size_t affected;
	time_t newest_import; /* 0 when nothing was imported */
};

int vulndb_info(struct vulndb *db, const struct vulndb_info_cb *cb,
		struct vulndb_totals *t, struct err *e);

/*
 * Age of the data in whole days at `now` (from the newest import), -1
 * when the database records no import, or -2 with the reason in e when
 * the record of imports cannot be read (a damaged file says so).  A
 * scanning command compares it with policy.db_max_age_days and warns.
 */
long vulndb_age_days(struct vulndb *db, time_t now, struct err *e);

/*
 * Normalise a package name for its (lowercase base) ecosystem into a
 * fresh string: PyPI per PEP 503 (lowercase, runs of "-_." become "-"),
 * npm lowercase, crates.io lowercase with '_' as '-'; others unchanged.
 */
char *vulndb_normalise_name(const char *ecosystem, const char *name);

/*
 * Split an ecosystem string ("Alpine:v3.10", "alpine:3.10.4", "Debian:12",
 * "debian:bookworm", "npm") into its lowercase base and its release,
 * normalised so that advisories and packages agree: Alpine "3.10" (a "v"
 * and any patch level dropped), Debian the release number (codenames
 * mapped), others as given.  Both are written to caller buffers.
 */
void vulndb_split_ecosystem(const char *eco, char *base, size_t base_size,
			    char *release, size_t release_size);

#endif
