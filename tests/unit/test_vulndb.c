/*
 * The database and its importers: every shared advisory source imports
 * with counts that agree with the files, re-imports do not duplicate,
 * names and ecosystems normalise, and bad input fails with the file named
 * while a rolled-back import leaves nothing behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "vuln/vulndb.h"

#include "vulndbtest.h"

static char tmpdir[] = "/tmp/hull-test-vulndb-XXXXXX";

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static long long
sql_count(const char *dbpath, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(
	    sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Files in dir (recursively) whose names end with suffix. */
static long
count_files(const char *dir, const char *prefix, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	long n = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR)
			n += count_files(p, prefix, suffix);
		else if (str_starts_with(de->d_name, prefix) &&
			 str_ends_with(de->d_name, suffix))
			n++;
		free(p);
	}
	closedir(d);
	return n;
}

static long
count_lines_starting(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "r");
	char line[65536];
	long n = 0;

	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp))
		if (line[0] == '[' && strstr(line, needle) &&
		    strstr(line, needle) < line + 16)
			n++;
	fclose(fp);
	return n;
}

static void
import_all(const char *dbpath, const char *const *paths, size_t n)
{
	vulndb_close(testdb_import(dbpath, paths, n));
}

static void
every_shared_source_imports_with_file_counts(void **state)
{
	const char *adv = HULL_TEST_DATA "/advisories";
	const char *paths[] = {
		HULL_TEST_DATA "/advisories/alpine-secdb",
		HULL_TEST_DATA "/advisories/alpine-3.10-vulnlist",
		HULL_TEST_DATA "/advisories/go-vulndb",
		HULL_TEST_DATA "/advisories/pypa-osv",
		HULL_TEST_DATA "/advisories/debian-tracker",
	};
	char *dbpath = tmp_path("all.db");
	char *go = xasprintf("%s/go-vulndb", adv);
	char *py = xasprintf("%s/pypa-osv", adv);

	(void)state;
	if (access(adv, F_OK)) {
		print_message("skipped: ../shared/data is absent\n");
		skip();
	}
	import_all(dbpath, paths, ARRAY_SIZE(paths));
	assert_int_equal(sql_count(dbpath, "SELECT count(*) FROM advisories "
					   "WHERE name LIKE 'GO-%'"),
			 count_files(go, "GO-", ".json"));
	assert_int_equal(count_files(go, "GO-", ".json"), 4291);
	assert_int_equal(sql_count(dbpath, "SELECT count(*) FROM advisories "
					   "WHERE name LIKE 'PYSEC-%'"),
			 count_files(py, "PYSEC-", ".yaml"));
	assert_int_equal(count_files(py, "PYSEC-", ".yaml"), 2661);
	assert_int_equal(
	    sql_count(dbpath, "SELECT count(*) FROM advisories WHERE name "
			      "LIKE 'DSA-%' AND source = 'debian-tracker'"),
	    count_lines_starting(HULL_TEST_DATA
				 "/advisories/debian-tracker/DSA.list",
				 "] DSA-"));
	assert_int_equal(
	    sql_count(dbpath, "SELECT count(*) FROM advisories WHERE name "
			      "LIKE 'DLA-%'"),
	    count_lines_starting(HULL_TEST_DATA
				 "/advisories/debian-tracker/DLA.list",
				 "] DLA-"));
	/* Alpine: every branch v3.3 .. v3.11 is present. */
	assert_int_equal(sql_count(dbpath, "SELECT count(DISTINCT release) "
					   "FROM affected WHERE ecosystem = "
					   "'alpine'"),
			 9);
	/* The "0" fixed version (never affected) is not stored. */
	assert_int_equal(sql_count(dbpath,
				   "SELECT count(*) FROM affected WHERE ranges "
				   "LIKE '%fixed\t0\n%'"),
			 0);
	/* Debian codenames are stored as release numbers. */
	assert_true(sql_count(dbpath,
			      "SELECT count(*) FROM affected WHERE "
			      "ecosystem = 'debian' AND release = '11'") > 0);
	assert_int_equal(sql_count(dbpath, "SELECT count(*) FROM affected "
					   "WHERE release = 'bullseye'"),
			 0);
	/* Withdrawn entries are kept and marked: 17 Go and 10 PyPI files
	 * carry a "withdrawn" field. */
	assert_int_equal(sql_count(dbpath, "SELECT count(*) FROM advisories "
					   "WHERE withdrawn IS NOT NULL"),
			 27);
	free(go);
	free(py);
	free(dbpath);
}

static void
reimport_does_not_duplicate(void **state)
{
	const char *paths[] = { HULL_TEST_DATA "/advisories/alpine-secdb/v3.10",
				HULL_TEST_DATA
				"/advisories/alpine-secdb/v3.10" };
	char *dbpath = tmp_path("twice.db");
	long long once;

	(void)state;
	if (access(paths[0], F_OK)) {
		print_message("skipped: ../shared/data is absent\n");
		skip();
	}
	import_all(dbpath, paths, 1);
	once = sql_count(dbpath, "SELECT count(*) FROM affected");
	assert_true(once > 0);
	import_all(dbpath, paths, 2);
	assert_int_equal(sql_count(dbpath, "SELECT count(*) FROM affected"),
			 once);
	free(dbpath);
}

static void
names_and_ecosystems_normalise(void **state)
{
	static const char *const names[][3] = {
		{ "pypi", "Django_REST..framework", "django-rest-framework" },
		{ "npm", "Lodash", "lodash" },
		{ "crates.io", "My_Crate", "my-crate" },
		{ "go", "github.com/Foo/Bar", "github.com/Foo/Bar" },
		{ "maven", "org.Example:Lib", "org.Example:Lib" },
	};
	static const char *const ecos[][3] = {
		{ "Alpine:v3.10", "alpine", "3.10" },
		{ "alpine:3.10.4", "alpine", "3.10" },
		{ "Debian:12", "debian", "12" },
		{ "debian:bookworm", "debian", "12" },
		{ "debian:11.8", "debian", "11" },
		{ "Ubuntu:22.04:LTS", "ubuntu", "22.04" },
		{ "PyPI", "pypi", "" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char *n = vulndb_normalise_name(names[i][0], names[i][1]);

		assert_string_equal(n, names[i][2]);
		free(n);
	}
	for (size_t i = 0; i < ARRAY_SIZE(ecos); i++) {
		char base[64], rel[64];

		vulndb_split_ecosystem(ecos[i][0], base, sizeof(base), rel,
				       sizeof(rel));
		assert_string_equal(base, ecos[i][1]);
		assert_string_equal(rel, ecos[i][2]);
	}
}

static void
write_file(const char *name, const char *data, size_t len)
{
	char *p = tmp_path(name);
	FILE *fp = fopen(p, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
	free(p);
}

static void
bad_input_fails_naming_the_file_and_rolls_back(void **state)
{
	static const struct {
		const char *name, *data, *msg;
	} bad[] = {
		{ "broken.json", "{\"id\": \"X-1\", \"affected\": [",
		  "invalid JSON" },
		{ "noid.json", "{\"affected\": [], \"modified\": \"x\"}",
		  "not a known advisory format" },
		{ "emptyid.json", "{\"id\": \"\", \"affected\": []}",
		  "without an id" },
		{ "bad.yaml", "id: [unclosed\n", "bad.yaml" },
		{ "trunc.zip", "PK\003\004\024\000\000\000\010\000",
		  "trunc.zip" },
		{ "what.txt", "hello", "not a known advisory format" },
		{ "list", "[01 Apr 2023] \n", "header without an id" },
	};
	const char good[] =
	    "{\"id\":\"GOOD-1\",\"modified\":\"x\",\"affected\":"
	    "[{\"package\":{\"ecosystem\":\"npm\",\"name\":"
	    "\"a\"},\"versions\":[\"1.0.0\"]}]}";

	(void)state;
	write_file("good.json", good, strlen(good));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char *dbpath = xasprintf("%s/bad-%zu.db", tmpdir, i);
		char *goodp = tmp_path("good.json");
		char *badp = tmp_path(bad[i].name);
		struct vulndb_stats st = { 0 };
		struct err e = ERR_INIT;
		struct vulndb *db;

		write_file(bad[i].name, bad[i].data, strlen(bad[i].data));
		assert_int_equal(vulndb_open(&db, dbpath, VULNDB_CREATE, &e),
				 0);
		assert_int_equal(vulndb_begin(db, &e), 0);
		assert_int_equal(vulndb_import_path(db, goodp, &st, &e), 0);
		if (vulndb_import_path(db, badp, &st, &e) != -1)
			fail_msg("'%s' was accepted", bad[i].name);
		if (!strstr(e.msg, bad[i].name) || !strstr(e.msg, bad[i].msg))
			fail_msg("'%s': unexpected message '%s'", bad[i].name,
				 e.msg);
		vulndb_rollback(db);
		vulndb_close(db);
		assert_int_equal(
		    sql_count(dbpath, "SELECT count(*) FROM advisories"), 0);
		free(dbpath);
		free(goodp);
		free(badp);
	}
}

/*
 * OSV entries whose parts have the wrong shape still import; each part
 * left out is counted by kind, and the note names the file and the first.
 */
static void
wrong_shapes_are_counted_not_silent(void **state)
{
	static const struct {
		const char *json;
		size_t affected, skip_affected, skip_field;
		const char *note;
	} k[] = {
		{ "{\"id\":\"S-1\",\"affected\":{\"x\":1}}", 0, 1, 0,
		  "S-1: 'affected' is not a list" },
		{ "{\"id\":\"S-2\",\"affected\":[\"a\",\"b\"]}", 0, 2, 0,
		  "S-2: affected[0] is not an object" },
		{ "{\"id\":\"S-3\",\"affected\":[{\"package\":{\"ecosystem\":"
		  "\"npm\",\"name\":\"a\"},\"ranges\":\"x\"}]}",
		  0, 1, 1, "S-3: affected[0]: 'ranges' is not a list" },
		{ "{\"id\":\"S-4\",\"affected\":[{\"package\":{\"ecosystem\":"
		  "7,\"name\":[\"a\"]},\"versions\":[\"1.0.0\"]}]}",
		  0, 1, 0,
		  "affected[0] has no package 'ecosystem' and 'name'" },
		/* a bad range goes whole; the good one and versions stay */
		{ "{\"id\":\"S-5\",\"affected\":[{\"package\":{\"ecosystem\":"
		  "\"npm\",\"name\":\"a\"},\"ranges\":[{\"type\":\"SEMVER\","
		  "\"events\":[{\"introduced\":0},{\"fixed\":\"2.0.0\"}]},"
		  "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"3.0.0\"},"
		  "\"str\"]},{\"type\":\"SEMVER\",\"events\":[{\"introduced\":"
		  "\"5.0.0\"}]}],\"versions\":[\"1.0.0\",2,null]}]}",
		  1, 0, 4, "S-5: affected[0]: ranges[0] is malformed" },
		{ "{\"id\":\"S-6\",\"aliases\":{\"a\":1},\"severity\":[{\"type\":"
		  "\"CVSS_V3\",\"score\":12345}],\"affected\":[{\"package\":{"
		  "\"ecosystem\":\"npm\",\"name\":\"a\"},\"versions\":[\"1\"]}]}",
		  1, 0, 2, "S-6: severity[0] has no 'type' and 'score'" },
		/* well formed: nothing skipped */
		{ "{\"id\":\"S-7\",\"aliases\":[\"CVE-1\"],\"affected\":[{"
		  "\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},"
		  "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":"
		  "\"0\"},{\"fixed\":\"1.0.0\"}]}]}]}",
		  1, 0, 0, NULL },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(k); i++) {
		char *dbpath = xasprintf("%s/shape-%zu.db", tmpdir, i);
		char name[32];
		char *path;
		struct vulndb_stats st = { 0 };
		struct err e = ERR_INIT;
		struct vulndb *db;

		snprintf(name, sizeof(name), "shape-%zu.json", i);
		write_file(name, k[i].json, strlen(k[i].json));
		path = tmp_path(name);
		assert_int_equal(vulndb_open(&db, dbpath, VULNDB_CREATE, &e),
				 0);
		assert_int_equal(vulndb_begin(db, &e), 0);
		if (vulndb_import_path(db, path, &st, &e))
			fail_msg("%s: %s", name, e.msg);
		assert_int_equal(vulndb_commit(db, &e), 0);
		vulndb_close(db);
		assert_int_equal(st.advisories, 1);
		if (st.affected != k[i].affected ||
		    st.skipped[VULNDB_SKIP_AFFECTED] != k[i].skip_affected ||
		    st.skipped[VULNDB_SKIP_FIELD] != k[i].skip_field)
			fail_msg("%s: %zu stored, %zu affected and %zu fields "
				 "skipped; want %zu, %zu, %zu",
				 name, st.affected,
				 st.skipped[VULNDB_SKIP_AFFECTED],
				 st.skipped[VULNDB_SKIP_FIELD], k[i].affected,
				 k[i].skip_affected, k[i].skip_field);
		if (!k[i].note)
			assert_string_equal(st.first_skip, "");
		else if (!strstr(st.first_skip, k[i].note) ||
			 !strstr(st.first_skip, name))
			fail_msg("%s: note '%s'", name, st.first_skip);
		assert_int_equal(
		    sql_count(dbpath, "SELECT count(*) FROM affected"),
		    (long long)k[i].affected);
		free(dbpath);
		free(path);
	}
	/* S-5 kept the good range and the good version only. */
	{
		char *dbpath = xasprintf("%s/shape-4.db", tmpdir);

		assert_int_equal(
		    sql_count(dbpath,
			      "SELECT count(*) FROM affected WHERE ranges = "
			      "'SEMVER\tintroduced\t5.0.0\n' AND versions = "
			      "'1.0.0\n'"),
		    1);
		free(dbpath);
	}
}

static void
opening_a_missing_or_foreign_file_fails(void **state)
{
	char *missing = tmp_path("missing.db");
	char *foreign = tmp_path("foreign.db");
	struct vulndb *db;
	struct err e = ERR_INIT;
	sqlite3 *s;

	(void)state;
	assert_int_equal(vulndb_open(&db, missing, VULNDB_READ, &e), -1);
	assert_non_null(strstr(e.msg, "missing.db"));
	assert_int_equal(sqlite3_open(foreign, &s), SQLITE_OK);
	sqlite3_exec(s, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(s);
	assert_int_equal(vulndb_open(&db, foreign, VULNDB_READ, &e), -1);
	assert_non_null(strstr(e.msg, "foreign.db"));
	/* Nor is anything written into it. */
	err_clear(&e);
	assert_int_equal(vulndb_open(&db, foreign, VULNDB_CREATE, &e), -1);
	assert_non_null(strstr(e.msg, "refusing to write"));
	assert_true(vulndb_is_foreign(foreign));
	assert_int_equal(sqlite3_open(foreign, &s), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(s, "SELECT * FROM meta", NULL, NULL, NULL),
	    SQLITE_ERROR);
	sqlite3_close(s);
	write_file("junk.db", "this is not sqlite at all, not even close....",
		   45);
	free(foreign);
	foreign = tmp_path("junk.db");
	err_clear(&e);
	assert_int_equal(vulndb_open(&db, foreign, VULNDB_READ, &e), -1);
	assert_non_null(strstr(e.msg, "is damaged or not a database"));
	assert_false(vulndb_is_foreign(foreign));
	free(missing);
	free(foreign);
}

static void
default_path_follows_xdg(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	p = vulndb_default_path();
	assert_string_equal(p, "/x/cache/hull/vuln.db");
	free(p);
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/home/u", 1);
	p = vulndb_default_path();
	assert_string_equal(p, "/home/u/.cache/hull/vuln.db");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_shared_source_imports_with_file_counts),
		cmocka_unit_test(reimport_does_not_duplicate),
		cmocka_unit_test(names_and_ecosystems_normalise),
		cmocka_unit_test(
		    bad_input_fails_naming_the_file_and_rolls_back),
		cmocka_unit_test(wrong_shapes_are_counted_not_silent),
		cmocka_unit_test(opening_a_missing_or_foreign_file_fails),
		cmocka_unit_test(default_path_follows_xdg),
	};
	char cmd[128];
	int rc;

	if (!mkdtemp(tmpdir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		rc = rc ? rc : 1;
	return rc;
}
