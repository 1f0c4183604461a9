/*
 * The apk cataloger against pkgdb/apk: trivy's installed database with
 * its expected packages, and the two Alpine images' databases against
 * their package lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"

static void
trivy_installed_matches_expected_json(void **state)
{
	char *db = pkgdb_path("apk/trivy-installed");
	char *exp = pkgdb_path("apk/trivy-installed.expected.json");
	struct pkg_list l;
	struct err e = ERR_INIT;
	json_t *root, *want, *w;
	size_t i, nfiles = 0;

	(void)state;
	REQUIRE_DATA(exp);
	pkg_list_init(&l);
	assert_int_equal(
	    parse_as(&cataloger_apk, &l, db, "lib/apk/db/installed", &e), 0);
	root = json_load_or_fail(exp);
	want = json_object_get(root, "packages");
	assert_int_equal(l.n, json_array_size(want));
	pkg_list_finalize(&l);
	json_array_foreach(want, i, w)
	{
		struct pkg *p = l.v[i];
		const char *id = json_string_value(json_object_get(w, "ID"));

		expect_str("id", id, json_object_get(w, "ID"), p->id);
		expect_str("name", id, json_object_get(w, "Name"), p->name);
		expect_str("version", id, json_object_get(w, "Version"),
			   p->version);
		expect_str("source", id, json_object_get(w, "SrcName"),
			   p->src_name);
		expect_str("source version", id,
			   json_object_get(w, "SrcVersion"), p->src_version);
		expect_str("arch", id, json_object_get(w, "Arch"), p->arch);
		expect_str("maintainer", id, json_object_get(w, "Maintainer"),
			   p->maintainer);
		expect_str("digest", id, json_object_get(w, "Digest"),
			   p->digest);
		expect_strs("licenses", id, json_object_get(w, "Licenses"),
			    &p->licenses);
		expect_strs("depends", id, json_object_get(w, "DependsOn"),
			    &p->depends_on);
		expect_strs("files", id, json_object_get(w, "InstalledFiles"),
			    &p->files);
		nfiles += p->files.n;
	}
	assert_int_equal(nfiles,
			 json_array_size(json_object_get(root, "files")));
	assert_int_equal(nfiles, 76);
	json_decref(root);
	pkg_list_release(&l);
	free(db);
	free(exp);
}

static void
image_db_matches_tsv(const char *name)
{
	char *db = pkgdb_path(name);
	char *tsvname = xasprintf("%s.packages.tsv", name);
	char *tsv = pkgdb_path(tsvname);
	struct buf b = BUF_INIT;
	struct pkg_list l;
	struct err e = ERR_INIT;
	char *line, *save = NULL;
	size_t row = 0;

	REQUIRE_DATA(tsv);
	pkg_list_init(&l);
	assert_int_equal(
	    parse_as(&cataloger_apk, &l, db, "lib/apk/db/installed", &e), 0);
	read_or_fail(tsv, &b);
	strtok_r(b.data, "\n", &save);
	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[4];

		assert_int_equal(tsv_split(line, f, 4), 4);
		assert_true(row < l.n);
		assert_string_equal(l.v[row]->name, f[0]);
		assert_string_equal(l.v[row]->version, f[1]);
		assert_string_equal(l.v[row]->src_name, f[2]);
		assert_string_equal(l.v[row]->arch, f[3]);
		row++;
	}
	assert_int_equal(row, l.n);
	assert_int_equal(row, 14);
	buf_release(&b);
	pkg_list_release(&l);
	free(db);
	free(tsv);
	free(tsvname);
}

static void
alpine_310_matches_tsv(void **state)
{
	(void)state;
	image_db_matches_tsv("apk/alpine-3.10.4-installed");
}

static void
alpine_311_matches_tsv(void **state)
{
	(void)state;
	image_db_matches_tsv("apk/alpine-3.11.5-installed");
}

/* Hostile input: truncated records, no versions, binary noise. */
static void
malformed_records_are_skipped(void **state)
{
	static const char db[] = "P:a\nV:1\n\nP:novers\n\nV:2\n\nX\n:\nP:"
				 "\nV:\nR:orphan\nF:\n\n\xff\xfe:\nP:b\nV:2\n"
				 "D:a so:missing !c\n";
	struct pkg_file f = {
		"lib/apk/db/installed", db, sizeof(db) - 1, 0, NULL, NULL
	};
	struct pkg_list l;
	struct err e = ERR_INIT;

	(void)state;
	pkg_list_init(&l);
	assert_int_equal(cataloger_apk.parse(&l, &f, &e), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0]->name, "a");
	assert_string_equal(l.v[1]->name, "b");
	assert_int_equal(l.v[1]->depends_on.n, 1);
	assert_string_equal(l.v[1]->depends_on.v[0], "a@1");
	pkg_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trivy_installed_matches_expected_json),
		cmocka_unit_test(alpine_310_matches_tsv),
		cmocka_unit_test(alpine_311_matches_tsv),
		cmocka_unit_test(malformed_records_are_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
