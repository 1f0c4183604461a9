/*
 * The rpm header parser and the three database formats against
 * pkgdb/rpm: NDB (SLE 15 BCI), SQLite (CBL-Mariner 2.0) and Berkeley DB
 * hash (libuuid), each against rpm 4.18's listing and the upstream
 * expectations, and the raw header blob whose file list is broken.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"
#include "pkg/rpm.h"

struct collect {
	struct arena a;
	struct rpm_pkg *v;
	struct buf *blobs; /* copies, for the file lists */
	size_t n, cap;
};

static int
collect_blob(void *vctx, const uint8_t *blob, size_t len)
{
	struct collect *c = vctx;
	struct rpm_header h;
	struct err e = ERR_INIT;

	if (rpm_header_load(&h, blob, len, &e) < 0)
		fail_msg("%s", e.msg);
	if (c->n == c->cap) {
		c->cap = c->cap * 2 + 16;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
		c->blobs = xreallocarray(c->blobs, c->cap, sizeof(*c->blobs));
	}
	if (rpm_header_pkg(&h, &c->a, &c->v[c->n], &e) < 0)
		fail_msg("%s", e.msg);
	buf_init(&c->blobs[c->n]);
	buf_add(&c->blobs[c->n], blob, len);
	c->n++;
	return 0;
}

static void
collect_db(const char *rel, struct collect *c)
{
	char *path = pkgdb_path(rel);
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;

	memset(c, 0, sizeof(*c));
	read_or_fail(path, &b);
	if (rpmdb_each(rel, (const uint8_t *)b.data, b.len, collect_blob, c,
		       &e) < 0)
		fail_msg("%s", e.msg);
	buf_release(&b);
	free(path);
}

static void
collect_release(struct collect *c)
{
	for (size_t i = 0; i < c->n; i++)
		buf_release(&c->blobs[i]);
	free(c->blobs);
	free(c->v);
	arena_release(&c->a);
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* Every row of an rpm listing (name epoch version release arch
 * sourcerpm size license vendor modularitylabel summary sigmd5) must
 * match one header exactly, and the counts must agree. */
static void
db_matches_tsv(const char *db, const char *tsvrel, size_t want_rows)
{
	char *tsv = pkgdb_path(tsvrel);
	struct collect c;
	struct buf b = BUF_INIT;
	char *line, *save = NULL;
	size_t rows = 0;

	REQUIRE_DATA(tsv);
	collect_db(db, &c);
	read_or_fail(tsv, &b);
	strtok_r(b.data, "\n", &save);
	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[12], epoch[32], size[32];
		struct rpm_pkg *p = NULL;

		assert_int_equal(tsv_split(line, f, 12), 12);
		for (size_t i = 0; i < c.n; i++)
			if (!strcmp(c.v[i].name, f[0]) &&
			    !strcmp(c.v[i].version, f[2]) &&
			    !strcmp(nz(c.v[i].release), f[3]) &&
			    !strcmp(nz(c.v[i].arch), f[4]))
				p = &c.v[i];
		if (!p)
			fail_msg("%s: %s-%s-%s missing", db, f[0], f[2], f[3]);
		snprintf(epoch, sizeof(epoch), "%lld", p->epoch);
		snprintf(size, sizeof(size), "%llu", p->size);
		assert_string_equal(p->epoch < 0 ? "" : epoch, f[1]);
		assert_string_equal(nz(p->sourcerpm), f[5]);
		assert_string_equal(size, f[6]);
		assert_string_equal(nz(p->license), f[7]);
		assert_string_equal(nz(p->vendor), f[8]);
		assert_string_equal(nz(p->modularitylabel), f[9]);
		assert_string_equal(nz(p->summary), f[10]);
		assert_string_equal(p->sigmd5, f[11]);
		rows++;
	}
	assert_int_equal(rows, want_rows);
	assert_int_equal(c.n, want_rows);
	buf_release(&b);
	collect_release(&c);
	free(tsv);
}

static void
ndb_sle15_matches_tsv(void **state)
{
	(void)state;
	db_matches_tsv("rpm/sle15-bci/Packages.db",
		       "rpm/sle15-bci/expected-packages.tsv", 35);
}

static void
sqlite_mariner_matches_tsv(void **state)
{
	(void)state;
	db_matches_tsv("rpm/cbl-mariner-2.0/rpmdb.sqlite",
		       "rpm/cbl-mariner-2.0/packages.rpm-4.18.tsv", 129);
}

static void
bdb_libuuid_matches_tsv(void **state)
{
	(void)state;
	db_matches_tsv("rpm/libuuid/Packages",
		       "rpm/libuuid/packages.rpm-4.18.tsv", 1);
}

/* One package of a database against its upstream JSON, files too. */
static void
db_package_matches_json(const char *db, const char *jsonrel)
{
	char *jp = pkgdb_path(jsonrel);
	struct collect c;
	json_t *w, *files, *wf;
	struct rpm_pkg *p = NULL;
	struct rpm_header h;
	struct rpm_file *got;
	size_t nf, i, idx = 0;
	struct err e = ERR_INIT;
	char mode[16];

	REQUIRE_DATA(jp);
	w = json_load_or_fail(jp);
	collect_db(db, &c);
	for (i = 0; i < c.n; i++)
		if (!strcmp(c.v[i].name,
			    json_string_value(json_object_get(w, "Name"))))
			p = &c.v[i], idx = i;
	assert_non_null(p);
	expect_str("version", p->name, json_object_get(w, "Version"),
		   p->version);
	expect_str("release", p->name, json_object_get(w, "Release"),
		   p->release);
	expect_str("arch", p->name, json_object_get(w, "Arch"), p->arch);
	expect_str("sourcerpm", p->name, json_object_get(w, "SourceRpm"),
		   p->sourcerpm);
	expect_str("license", p->name, json_object_get(w, "License"),
		   p->license);
	expect_str("vendor", p->name, json_object_get(w, "Vendor"), p->vendor);
	expect_str("summary", p->name, json_object_get(w, "Summary"),
		   p->summary);
	expect_str("sigmd5", p->name, json_object_get(w, "SigMD5"), p->sigmd5);
	assert_int_equal(p->size,
			 json_integer_value(json_object_get(w, "Size")));
	assert_int_equal(p->install_time,
			 json_integer_value(json_object_get(w, "InstallTime")));

	assert_int_equal(
	    rpm_header_load(&h, c.blobs[idx].data, c.blobs[idx].len, &e), 0);
	assert_int_equal(rpm_header_files(&h, &c.a, &got, &nf, &e), 0);
	files = json_object_get(w, "InstalledFiles");
	assert_int_equal(nf, json_array_size(files));
	json_array_foreach(files, i, wf)
	{
		snprintf(mode, sizeof(mode), "0%o", got[i].mode);
		expect_str("path", p->name, json_object_get(wf, "path"),
			   got[i].path);
		expect_str("mode", p->name, json_object_get(wf, "mode"), mode);
		expect_str("digest", p->name, json_object_get(wf, "digest"),
			   got[i].digest);
		expect_str("user", p->name, json_object_get(wf, "user"),
			   got[i].user);
		expect_str("group", p->name, json_object_get(wf, "group"),
			   got[i].group);
		assert_int_equal(got[i].size, json_integer_value(
						  json_object_get(wf, "size")));
		assert_int_equal(
		    got[i].flags,
		    json_integer_value(json_object_get(wf, "flags")));
	}
	collect_release(&c);
	json_decref(w);
	free(jp);
}

static void
sqlite_curl_matches_upstream(void **state)
{
	(void)state;
	db_package_matches_json("rpm/cbl-mariner-2.0/rpmdb.sqlite",
				"rpm/cbl-mariner-2.0/expected-curl.json");
}

static void
bdb_libuuid_matches_upstream(void **state)
{
	(void)state;
	db_package_matches_json("rpm/libuuid/Packages",
				"rpm/libuuid/expected-libuuid.json");
}

static void
blob_parses_but_its_files_do_not(void **state)
{
	char *path = pkgdb_path("rpm/blob.bin");
	struct buf b = BUF_INIT;
	struct rpm_header h;
	struct rpm_pkg p;
	struct rpm_file *files;
	struct arena a = ARENA_INIT;
	struct err e = ERR_INIT;
	size_t n;

	(void)state;
	REQUIRE_DATA(path);
	read_or_fail(path, &b);
	assert_int_equal(rpm_header_load(&h, b.data, b.len, &e), 0);
	assert_int_equal(rpm_header_pkg(&h, &a, &p, &e), 0);
	assert_string_equal(p.name, "publicsuffix-list-dafsa");
	assert_string_equal(p.version, "20210518");
	assert_string_equal(p.release, "2.fc35");
	assert_string_equal(p.arch, "noarch");
	assert_int_equal(p.epoch, -1);
	assert_int_equal(rpm_header_files(&h, &a, &files, &n, &e), -1);
	assert_non_null(strstr(e.msg, "out of range"));
	arena_release(&a);
	buf_release(&b);
	free(path);
}

static void
truncated_and_garbage_headers_fail_cleanly(void **state)
{
	static const uint8_t huge[] = { 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t bad_off[] = {
		0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 3,   232, 0,   0,
		0, 6, 0, 0, 0, 9, 0, 0, 0, 1, 'a', 'b', 'c', 'd',
	};
	struct rpm_header h;
	struct rpm_pkg p;
	struct arena a = ARENA_INIT;
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(rpm_header_load(&h, huge, sizeof(huge), &e), -1);
	assert_int_equal(rpm_header_load(&h, bad_off, sizeof(bad_off), &e), 0);
	/* NAME points past the store and is unterminated: no name. */
	assert_int_equal(rpm_header_pkg(&h, &a, &p, &e), -1);
	assert_int_equal(rpmdb_each("x", huge, sizeof(huge), NULL, NULL, &e),
			 -1);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ndb_sle15_matches_tsv),
		cmocka_unit_test(sqlite_mariner_matches_tsv),
		cmocka_unit_test(bdb_libuuid_matches_tsv),
		cmocka_unit_test(sqlite_curl_matches_upstream),
		cmocka_unit_test(bdb_libuuid_matches_upstream),
		cmocka_unit_test(blob_parses_but_its_files_do_not),
		cmocka_unit_test(truncated_and_garbage_headers_fail_cleanly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
