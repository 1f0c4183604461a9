/*
 * The database file: schema, statements, sources and totals.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "vuln/vulndb-internal.h"

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS sources(name TEXT PRIMARY KEY, url TEXT,"
    " etag TEXT, last_modified TEXT, imported_at INTEGER,"
    " advisories INTEGER, affected INTEGER);"
    "CREATE TABLE IF NOT EXISTS advisories(id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL, source TEXT NOT NULL, summary TEXT, details TEXT,"
    " published TEXT, modified TEXT, withdrawn TEXT, severity TEXT,"
    " cvss_v2 TEXT, cvss_v3 TEXT, cvss_v4 TEXT, UNIQUE(name, source));"
    "CREATE TABLE IF NOT EXISTS aliases(advisory INTEGER NOT NULL,"
    " alias TEXT NOT NULL, UNIQUE(advisory, alias));"
    "CREATE INDEX IF NOT EXISTS aliases_alias ON aliases(alias);"
    "CREATE TABLE IF NOT EXISTS affected(advisory INTEGER NOT NULL,"
    " ecosystem TEXT NOT NULL, release TEXT NOT NULL, package TEXT NOT NULL,"
    " status TEXT NOT NULL, ranges TEXT NOT NULL, versions TEXT NOT NULL,"
    " severity TEXT,"
    " UNIQUE(ecosystem, package, release, advisory, ranges, versions,"
    " status));"
    "CREATE INDEX IF NOT EXISTS affected_advisory ON affected(advisory);"
    "INSERT OR IGNORE INTO meta VALUES('schema', '1');";

static const char *const stmt_sql[STMT_COUNT] = {
	[STMT_PUT_ADV] =
	    "INSERT INTO advisories(name, source, summary, details, published,"
	    " modified, withdrawn, severity, cvss_v2, cvss_v3, cvss_v4)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
	    " ON CONFLICT(name, source) DO UPDATE SET"
	    " summary = coalesce(excluded.summary, summary),"
	    " details = coalesce(excluded.details, details),"
	    " published = coalesce(excluded.published, published),"
	    " modified = coalesce(excluded.modified, modified),"
	    " withdrawn = excluded.withdrawn,"
	    " severity = coalesce(excluded.severity, severity),"
	    " cvss_v2 = coalesce(excluded.cvss_v2, cvss_v2),"
	    " cvss_v3 = coalesce(excluded.cvss_v3, cvss_v3),"
	    " cvss_v4 = coalesce(excluded.cvss_v4, cvss_v4)"
	    " RETURNING id",
	[STMT_DEL_ALIASES] = "DELETE FROM aliases WHERE advisory = ?1",
	[STMT_DEL_AFFECTED] = "DELETE FROM affected WHERE advisory = ?1",
	[STMT_PUT_ALIAS] = "INSERT OR IGNORE INTO aliases VALUES(?1, ?2)",
	[STMT_PUT_AFFECTED] =
	    "INSERT OR IGNORE INTO affected VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8)",
	/* A LEFT JOIN, so that a row whose advisory cannot be found (only
	 * a damaged file has one) shows up with a NULL a.id. */
	[STMT_FIND_AFFECTED] =
	    "SELECT f.advisory, f.status, f.ranges, f.versions, f.severity,"
	    " a.id FROM affected f LEFT JOIN advisories a"
	    " ON a.id = f.advisory WHERE f.ecosystem = ?1 AND f.package = ?2"
	    " AND (f.release = ?3 OR f.release = '')"
	    " AND a.withdrawn IS NULL ORDER BY a.name, f.rowid",
	[STMT_GET_ADV] =
	    "SELECT name, source, summary, published, severity, cvss_v2,"
	    " cvss_v3, cvss_v4 FROM advisories WHERE id = ?1",
	[STMT_GET_ALIASES] =
	    "SELECT alias FROM aliases WHERE advisory = ?1 ORDER BY alias",
	/* Every advisory with a rating, once per name and alias. */
	[STMT_RATED] =
	    "SELECT a.severity, a.cvss_v2, a.cvss_v3, a.cvss_v4, a.name,"
	    " x.alias FROM advisories a LEFT JOIN aliases x"
	    " ON x.advisory = a.id WHERE a.severity IS NOT NULL"
	    " OR a.cvss_v2 IS NOT NULL OR a.cvss_v3 IS NOT NULL"
	    " OR a.cvss_v4 IS NOT NULL",
};

/* How much of SQLite's or quick_check's own words a message quotes. */
#define VULNDB_WHY_MAX 200

int
vulndb_damaged(const char *path, struct err *e, const char *why)
{
	return err_set(e, ERR_INPUT,
		       "vulnerability database '%s' is damaged or not a "
		       "database (%.*s); rebuild it with 'hull db update', or "
		       "remove it and run 'hull db import PATH...'",
		       path, VULNDB_WHY_MAX, why);
}

static bool
code_is_damage(int code)
{
	code &= 0xff;
	return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

int
vulndb_sql_err(struct vulndb *db, struct err *e, const char *what)
{
	char why[VULNDB_WHY_MAX + 1];

	if (code_is_damage(sqlite3_errcode(db->db))) {
		snprintf(why, sizeof(why), "%s: %s", what,
			 sqlite3_errmsg(db->db));
		return vulndb_damaged(db->path, e, why);
	}
	return err_set(e, ERR_INPUT, "database '%s': %s: %s", db->path, what,
		       sqlite3_errmsg(db->db));
}

char *
vulndb_default_path(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg)
		return xasprintf("%s/hull/vuln.db", xdg);
	if (home && *home)
		return xasprintf("%s/.cache/hull/vuln.db", home);
	return NULL;
}

/* mkdir -p of the directory that will hold path. */
static int
make_parent_dirs(const char *path, struct err *e)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			rc = err_errno(e, ERR_INPUT, errno,
				       "cannot create directory '%s'", dir);
		*p = '/';
		if (rc)
			break;
	}
	free(dir);
	return rc;
}

static int
vulndb_prepare(struct vulndb *db, struct err *e)
{
	for (int i = 0; i < STMT_COUNT; i++)
		if (sqlite3_prepare_v2(db->db, stmt_sql[i], -1, &db->stmt[i],
				       NULL) != SQLITE_OK)
			return vulndb_sql_err(db, e,
					      "cannot prepare statement");
	return 0;
}

static int vulndb_check_path(const char *path, bool creating, struct err *e);

/* What a file opened as a database holds. */
enum vulndb_kind {
	VULNDB_KIND_EMPTY,   /* no tables: a new or empty file */
	VULNDB_KIND_HULL,    /* hull's schema, this version */
	VULNDB_KIND_FOREIGN, /* tables, but not hull's */
	VULNDB_KIND_VERSION, /* hull's, another schema version */
};

/* The single integer an SQL query returns into *v: 1 with a row, 0
 * without, -1 with the error in e. */
static int
query_int(struct vulndb *db, const char *sql, long long *v, const char *what,
	  struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, what);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		vulndb_sql_err(db, e, what);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static const char read_schema[] = "cannot read the schema";

static int
vulndb_kind_of(struct vulndb *db, enum vulndb_kind *kind, long long *version,
	       struct err *e)
{
	long long n = 0;
	int r;

	if (query_int(db, "SELECT count(*) FROM sqlite_master", &n, read_schema,
		      e) < 0)
		return -1;
	*kind = VULNDB_KIND_EMPTY;
	if (!n)
		return 0;
	*kind = VULNDB_KIND_FOREIGN;
	/* hull's meta table, with the columns it reads. */
	if (query_int(db,
		      "SELECT count(*) FROM sqlite_master m,"
		      " pragma_table_info(m.name) c WHERE m.type = 'table'"
		      " AND m.name = 'meta' AND c.name IN ('key', 'value')",
		      &n, read_schema, e) < 0)
		return -1;
	if (n != 2)
		return 0;
	r = query_int(db, "SELECT value FROM meta WHERE key = 'schema'",
		      version, read_schema, e);
	if (r < 0)
		return -1;
	if (r > 0)
		*kind = *version == VULNDB_SCHEMA_VERSION ? VULNDB_KIND_HULL
							  : VULNDB_KIND_VERSION;
	return 0;
}

/*
 * Accept only a file that holds hull's schema, or, when creating, one
 * that holds no tables at all: hull never adds its tables to someone
 * else's database.
 */
static int
vulndb_check_schema(struct vulndb *db, bool creating, struct err *e)
{
	enum vulndb_kind kind;
	long long version = 0;

	if (vulndb_kind_of(db, &kind, &version, e))
		return -1;
	switch (kind) {
	case VULNDB_KIND_HULL:
		return 0;
	case VULNDB_KIND_EMPTY:
		if (creating)
			return 0;
		return err_set(e, ERR_INPUT,
			       "'%s' holds no vulnerability data; run 'hull db "
			       "import PATH...' or 'hull db update'",
			       db->path);
	case VULNDB_KIND_VERSION:
		return err_set(e, ERR_INPUT,
			       "vulnerability database '%s' has schema version "
			       "%lld, this hull reads version %d; rebuild it "
			       "with 'hull db update', or remove it and run "
			       "'hull db import PATH...'",
			       db->path, version, VULNDB_SCHEMA_VERSION);
	case VULNDB_KIND_FOREIGN:
		break;
	}
	if (creating)
		return err_set(e, ERR_INPUT,
			       "'%s' is an SQLite database but not a hull "
			       "vulnerability database; refusing to write to "
			       "it",
			       db->path);
	return err_set(e, ERR_INPUT,
		       "'%s' is not a hull vulnerability database", db->path);
}

bool
vulndb_is_foreign(const char *path)
{
	struct vulndb db = { 0 };
	enum vulndb_kind kind = VULNDB_KIND_EMPTY;
	long long version;

	if (vulndb_check_path(path, false, NULL))
		return false;
	db.path = (char *)path;
	if (sqlite3_open_v2(path, &db.db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK)
		vulndb_kind_of(&db, &kind, &version, NULL);
	sqlite3_close(db.db);
	return kind == VULNDB_KIND_FOREIGN;
}

int
vulndb_verify(struct vulndb *db, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char why[VULNDB_WHY_MAX + 1] = "";
	int rc;

	/* quick_check: every page and record is well formed, without
	 * cross-checking index contents against their tables. */
	if (sqlite3_prepare_v2(db->db, "PRAGMA quick_check(1)", -1, &st,
			       NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot check the database");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(why, sizeof(why), "%s",
			 (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW)
		snprintf(why, sizeof(why), "%s", sqlite3_errmsg(db->db));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && !strcmp(why, "ok"))
		return 0;
	/* quick_check reports a problem on two lines. */
	for (char *p = why; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return vulndb_damaged(db->path, e, why);
}

/* The checks that need no SQLite: the path names a file, or nothing. */
static int
vulndb_check_path(const char *path, bool creating, struct err *e)
{
	struct stat sb;

	if (stat(path, &sb)) {
		if (errno == ENOENT && creating)
			return 0;
		if (errno == ENOENT)
			return err_set(e, ERR_INPUT,
				       "no vulnerability database at '%s'; run "
				       "'hull db update' or 'hull db import'",
				       path);
		return err_errno(e, ERR_INPUT, errno, "cannot open '%s'", path);
	}
	if (S_ISDIR(sb.st_mode))
		return err_set(e, ERR_INPUT,
			       "'%s' is a directory, not a vulnerability "
			       "database file",
			       path);
	if (!S_ISREG(sb.st_mode))
		return err_set(e, ERR_INPUT,
			       "'%s' is not a regular file, so not a "
			       "vulnerability database",
			       path);
	return 0;
}

int
vulndb_open(struct vulndb **out, const char *path, unsigned flags,
	    struct err *e)
{
	struct vulndb *db = xcalloc(1, sizeof(*db));
	bool creating = flags & VULNDB_CREATE;
	int oflags = SQLITE_OPEN_READONLY;

	*out = NULL;
	db->path = xstrdup(path);
	if (vulndb_check_path(path, creating, e))
		goto fail;
	if (creating) {
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		if (make_parent_dirs(path, e))
			goto fail;
	}
	if (sqlite3_open_v2(path, &db->db, oflags, NULL) != SQLITE_OK) {
		vulndb_sql_err(db, e, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(db->db, 5000);
	/* A 64 MiB page cache and memory-mapped reads: the database is
	 * read far more than written.  cell_size_check makes SQLite check
	 * each b-tree cell as it reads it, so that a damaged page is an
	 * error (SQLITE_CORRUPT) rather than rows that silently go
	 * missing. */
	sqlite3_exec(db->db,
		     "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
		     "PRAGMA cell_size_check=ON;",
		     NULL, NULL, NULL);
	if (vulndb_check_schema(db, creating, e))
		goto fail;
	if ((flags & VULNDB_VERIFY) && vulndb_verify(db, e))
		goto fail;
	if ((flags & VULNDB_VERIFY_ONCE) && !(flags & VULNDB_VERIFY) &&
	    vulndb_verify_once(db, e))
		goto fail;
	if (creating) {
		sqlite3_exec(db->db,
			     "PRAGMA journal_mode=DELETE;"
			     "PRAGMA synchronous=OFF;",
			     NULL, NULL, NULL);
		if (sqlite3_exec(db->db, schema_sql, NULL, NULL, NULL) !=
		    SQLITE_OK) {
			vulndb_sql_err(db, e, "cannot create the schema");
			goto fail;
		}
	}
	if (vulndb_prepare(db, e))
		goto fail;
	*out = db;
	return 0;
fail:
	vulndb_close(db);
	return -1;
}

void
vulndb_close(struct vulndb *db)
{
	if (!db)
		return;
	match_cache_release(db);
	for (int i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(db->stmt[i]);
	sqlite3_close(db->db);
	free(db->path);
	free(db);
}

int
vulndb_begin(struct vulndb *db, struct err *e)
{
	match_cache_release(db);
	if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot start a transaction");
	return 0;
}

int
vulndb_commit(struct vulndb *db, struct err *e)
{
	if (sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot commit");
	return 0;
}

void
vulndb_rollback(struct vulndb *db)
{
	sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Run a statement that returns nothing; reset it either way. */
static int
step_done(struct vulndb *db, sqlite3_stmt *st, struct err *e, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return vulndb_sql_err(db, e, what);
	return 0;
}

long long
vulndb_put_advisory(struct vulndb *db, const struct vulndb_adv *a, bool replace,
		    struct err *e)
{
	sqlite3_stmt *st = db->stmt[STMT_PUT_ADV];
	const char *v[] = { a->name,	  a->source,	a->summary,
			    a->details,	  a->published, a->modified,
			    a->withdrawn, a->severity,	a->cvss_v2,
			    a->cvss_v3,	  a->cvss_v4 };
	long long id = -1;

	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		bind_text(st, (int)i + 1, v[i]);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (id < 0) {
		vulndb_sql_err(db, e, "cannot store an advisory");
		return -1;
	}
	if (!replace)
		return id;
	for (int k = STMT_DEL_ALIASES; k <= STMT_DEL_AFFECTED; k++) {
		sqlite3_bind_int64(db->stmt[k], 1, id);
		if (step_done(db, db->stmt[k], e, "cannot replace an advisory"))
			return -1;
	}
	return id;
}

int
vulndb_put_alias(struct vulndb *db, long long adv, const char *alias,
		 struct err *e)
{
	sqlite3_stmt *st = db->stmt[STMT_PUT_ALIAS];

	sqlite3_bind_int64(st, 1, adv);
	bind_text(st, 2, alias);
	return step_done(db, st, e, "cannot store an alias");
}

int
vulndb_put_affected(struct vulndb *db, long long adv,
		    const struct vulndb_aff *a, struct err *e)
{
	sqlite3_stmt *st = db->stmt[STMT_PUT_AFFECTED];
	char base[64], release[64];
	char *name;
	int rc;

	vulndb_split_ecosystem(a->ecosystem, base, sizeof(base), release,
			       sizeof(release));
	name = vulndb_normalise_name(base, a->package);
	sqlite3_bind_int64(st, 1, adv);
	bind_text(st, 2, base);
	bind_text(st, 3, release);
	bind_text(st, 4, name);
	bind_text(st, 5, a->status ? a->status : "affected");
	bind_text(st, 6, a->ranges ? a->ranges : "");
	bind_text(st, 7, a->versions ? a->versions : "");
	bind_text(st, 8, a->severity);
	rc = step_done(db, st, e, "cannot store an affected package");
	free(name);
	return rc;
}

int
vulndb_source_put(struct vulndb *db, const struct vulndb_source *src,
		  struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db->db,
			       "INSERT OR REPLACE INTO sources VALUES(?1, ?2, "
			       "?3, ?4, ?5, ?6, ?7)",
			       -1, &st, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot record a source");
	bind_text(st, 1, src->name);
	bind_text(st, 2, src->url);
	bind_text(st, 3, src->etag);
	bind_text(st, 4, src->last_modified);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)src->imported_at);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)src->advisories);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)src->affected);
	rc = step_done(db, st, e, "cannot record a source");
	sqlite3_finalize(st);
	return rc;
}

static char *
column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? xstrdup((const char *)s) : NULL;
}

int
vulndb_source_get(struct vulndb *db, const char *name, char **etag,
		  char **last_modified, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	*etag = *last_modified = NULL;
	if (sqlite3_prepare_v2(db->db,
			       "SELECT etag, last_modified FROM sources WHERE "
			       "name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot read sources");
	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*etag = column_dup(st, 0);
		*last_modified = column_dup(st, 1);
		rc = 1;
	}
	sqlite3_finalize(st);
	return rc;
}

static int
info_sources(struct vulndb *db, const struct vulndb_info_cb *cb,
	     struct vulndb_totals *t, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db->db,
			       "SELECT name, url, etag, last_modified, "
			       "imported_at, advisories, affected FROM sources "
			       "ORDER BY name",
			       -1, &st, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot read sources");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct vulndb_source s = {
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(time_t)sqlite3_column_int64(st, 4),
			(size_t)sqlite3_column_int64(st, 5),
			(size_t)sqlite3_column_int64(st, 6),
		};

		if (s.imported_at > t->newest_import)
			t->newest_import = s.imported_at;
		if (cb && cb->source)
			cb->source(cb->ctx, &s);
	}
	if (rc != SQLITE_DONE)
		vulndb_sql_err(db, e, "cannot read sources");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
vulndb_info(struct vulndb *db, const struct vulndb_info_cb *cb,
	    struct vulndb_totals *t, struct err *e)
{
	sqlite3_stmt *st = NULL;
	long long n[3] = { 0, 0, 0 };
	static const char *const count_sql[3] = {
		"SELECT count(*) FROM advisories",
		"SELECT count(*) FROM aliases",
		"SELECT count(*) FROM affected",
	};
	int rc;

	memset(t, 0, sizeof(*t));
	if (info_sources(db, cb, t, e))
		return -1;
	for (int i = 0; i < 3; i++)
		if (query_int(db, count_sql[i], &n[i], "cannot count rows", e) <
		    0)
			return -1;
	t->advisories = (size_t)n[0];
	t->aliases = (size_t)n[1];
	t->affected = (size_t)n[2];
	if (sqlite3_prepare_v2(db->db,
			       "SELECT ecosystem, count(DISTINCT advisory), "
			       "count(DISTINCT package) FROM affected GROUP BY "
			       "ecosystem ORDER BY ecosystem",
			       -1, &st, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot count ecosystems");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (cb && cb->ecosystem)
			cb->ecosystem(cb->ctx,
				      (const char *)sqlite3_column_text(st, 0),
				      (size_t)sqlite3_column_int64(st, 1),
				      (size_t)sqlite3_column_int64(st, 2));
	if (rc != SQLITE_DONE)
		vulndb_sql_err(db, e, "cannot count ecosystems");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

long
vulndb_age_days(struct vulndb *db, time_t now, struct err *e)
{
	struct vulndb_totals t;

	if (vulndb_info(db, NULL, &t, e))
		return -2;
	if (!t.newest_import)
		return -1;
	if (now <= t.newest_import)
		return 0;
	return (long)((now - t.newest_import) / 86400);
}
