/*
 * The Python cataloger against pkgdb/python: the eleven metadata files
 * of expected.json (trivy's packaging parser test), and the
 * site-packages tree (dist-info, egg-info directories and a zipped egg)
 * through the directory walker.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"
#include "pkg/catalog.h"

static void
metadata_files_match_expected_json(void **state)
{
	char *path = pkgdb_path("python/expected.json");
	json_t *root, *c;
	size_t i;
	int n = 0;

	(void)state;
	REQUIRE_DATA(path);
	root = json_load_or_fail(path);
	json_array_foreach(json_object_get(root, "cases"), i, c)
	{
		const char *file =
		    json_string_value(json_object_get(c, "file"));
		char *rel = xasprintf("python/%s", file);
		char *fp = pkgdb_path(rel);
		json_t *want = json_array_get(json_object_get(c, "want"), 0);
		struct pkg_list l;
		struct err e = ERR_INIT;
		int rc;

		pkg_list_init(&l);
		/* Each file as what it is: the name says which format. */
		rc = parse_as(&cataloger_python, &l, fp,
			      "usr/lib/python3/site-packages/x.dist-info/"
			      "METADATA",
			      &e);
		if (json_is_true(json_object_get(c, "wantErr"))) {
			if (rc == 0)
				fail_msg("%s: want an error", file);
		} else {
			if (rc != 0 || l.n != 1)
				fail_msg("%s: %s", file, e.msg);
			expect_str("name", file, json_object_get(want, "Name"),
				   l.v[0]->name);
			expect_str("version", file,
				   json_object_get(want, "Version"),
				   l.v[0]->version);
			expect_strs("licenses", file,
				    json_object_get(want, "Licenses"),
				    &l.v[0]->licenses);
		}
		n++;
		pkg_list_release(&l);
		free(fp);
		free(rel);
	}
	assert_int_equal(n, 11);
	json_decref(root);
	free(path);
}

/* The tree holds no expectation file: the values below are the Name,
 * Version and licence headers of the files themselves. */
static void
site_packages_tree_is_catalogued(void **state)
{
	static const char *const want[][4] = {
		{ "classifier-license-dist/setuptools-51.3.3.dist-info/METADATA",
		  "setuptools", "51.3.3", "MIT License" },
		{ "classifier-license-egg/setuptools-51.3.3.egg-info/PKG-INFO",
		  "setuptools", "51.3.3", "MIT License" },
		{ "egg-zip-with-license-file/sample_package.egg",
		  "sample_package", "0.1", "file://EGG-INFO/LICENSE.txt" },
		/* Both distlib files end their headers at the blank line
		 * after Description: the classifiers are body text there. */
		{ "happy-dist/distlib-0.3.1.dist-info/METADATA", "distlib",
		  "0.3.1", "Python license" },
		{ "happy-egg/distlib-0.3.1.egg-info/PKG-INFO", "distlib",
		  "0.3.1", "Python license" },
		{ "license-file-dist/typing_extensions-4.4.0.dist-info/"
		  "METADATA",
		  "typing_extensions", "4.4.0", "file://licenses/LICENSE.txt" },
	};
	char *root = pkgdb_path("python/site-packages");
	struct catalog cat;
	struct err e = ERR_INIT;

	(void)state;
	REQUIRE_DATA(root);
	catalog_init(&cat);
	assert_int_equal(catalog_scan_dir(&cat, root, &e), 0);
	for (size_t i = 0; i < cat.problems.n; i++)
		printf("problem: %s\n", cat.problems.v[i]);
	assert_int_equal(cat.pkgs.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		struct pkg *p = cat.pkgs.v[i];

		assert_string_equal(p->path, want[i][0]);
		assert_string_equal(p->name, want[i][1]);
		assert_string_equal(p->version, want[i][2]);
		assert_int_equal(p->licenses.n, 1);
		assert_string_equal(p->licenses.v[0], want[i][3]);
	}
	assert_string_equal(cat.pkgs.v[0]->purl, "pkg:pypi/setuptools@51.3.3");
	assert_string_equal(cat.pkgs.v[5]->purl,
			    "pkg:pypi/typing-extensions@4.4.0");
	catalog_release(&cat);
	free(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(metadata_files_match_expected_json),
		cmocka_unit_test(site_packages_tree_is_catalogued),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
