/*
 * The database file: schema, statements, sources and totals.
 */
#include <errno.h>
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
	[STMT_FIND_AFFECTED] =
	    "SELECT f.advisory, f.status, f.ranges, f.versions, f.severity"
	    " FROM affected f JOIN advisories a ON a.id = f.advisory"
	    " WHERE f.ecosystem = ?1 AND f.package = ?2"
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

int
vulndb_sql_err(struct vulndb *db, struct err *e, const char *what)
{
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

static int
vulndb_check_schema(struct vulndb *db, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int ok;

	if (sqlite3_prepare_v2(db->db,
			       "SELECT value FROM meta WHERE key = 'schema'",
			       -1, &st, NULL) != SQLITE_OK)
		return err_set(e, ERR_INPUT,
			       "'%s' is not a hull vulnerability database",
			       db->path);
	ok = sqlite3_step(st) == SQLITE_ROW &&
	     sqlite3_column_int(st, 0) == VULNDB_SCHEMA_VERSION;
	sqlite3_finalize(st);
	if (!ok)
		return err_set(e, ERR_INPUT,
			       "database '%s' has an unknown schema version; "
			       "run 'hull db update'",
			       db->path);
	return 0;
}

int
vulndb_open(struct vulndb **out, const char *path, unsigned flags,
	    struct err *e)
{
	struct vulndb *db = xcalloc(1, sizeof(*db));
	int oflags = SQLITE_OPEN_READONLY;

	*out = NULL;
	db->path = xstrdup(path);
	if (flags & VULNDB_CREATE) {
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		if (make_parent_dirs(path, e))
			goto fail;
	} else if (access(path, F_OK)) {
		err_set(e, ERR_INPUT,
			"no vulnerability database at '%s'; run 'hull db "
			"update' or 'hull db import'",
			path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &db->db, oflags, NULL) != SQLITE_OK) {
		vulndb_sql_err(db, e, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(db->db, 5000);
	/* A 64 MiB page cache and memory-mapped reads: the database is
	 * read far more than written. */
	sqlite3_exec(db->db,
		     "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;",
		     NULL, NULL, NULL);
	if (flags & VULNDB_CREATE) {
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
	if (vulndb_check_schema(db, e) || vulndb_prepare(db, e))
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

	if (sqlite3_prepare_v2(db->db,
			       "SELECT name, url, etag, last_modified, "
			       "imported_at, advisories, affected FROM sources "
			       "ORDER BY name",
			       -1, &st, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot read sources");
	while (sqlite3_step(st) == SQLITE_ROW) {
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
	sqlite3_finalize(st);
	return 0;
}

static size_t
count_of(struct vulndb *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;

	if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
vulndb_info(struct vulndb *db, const struct vulndb_info_cb *cb,
	    struct vulndb_totals *t, struct err *e)
{
	sqlite3_stmt *st = NULL;

	memset(t, 0, sizeof(*t));
	if (info_sources(db, cb, t, e))
		return -1;
	t->advisories = count_of(db, "SELECT count(*) FROM advisories");
	t->aliases = count_of(db, "SELECT count(*) FROM aliases");
	t->affected = count_of(db, "SELECT count(*) FROM affected");
	if (sqlite3_prepare_v2(db->db,
			       "SELECT ecosystem, count(DISTINCT advisory), "
			       "count(DISTINCT package) FROM affected GROUP BY "
			       "ecosystem ORDER BY ecosystem",
			       -1, &st, NULL) != SQLITE_OK)
		return vulndb_sql_err(db, e, "cannot count ecosystems");
	while (sqlite3_step(st) == SQLITE_ROW)
		if (cb && cb->ecosystem)
			cb->ecosystem(cb->ctx,
				      (const char *)sqlite3_column_text(st, 0),
				      (size_t)sqlite3_column_int64(st, 1),
				      (size_t)sqlite3_column_int64(st, 2));
	sqlite3_finalize(st);
	return 0;
}

long
vulndb_age_days(struct vulndb *db, time_t now)
{
	struct vulndb_totals t;

	if (vulndb_info(db, NULL, &t, NULL) || !t.newest_import)
		return -1;
	if (now <= t.newest_import)
		return 0;
	return (long)((now - t.newest_import) / 86400);
}
