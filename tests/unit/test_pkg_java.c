/*
 * The Java cataloger against pkgdb/java (trivy's jar parser test).
 * hull never searches Maven Central, so the cases that need trivy's
 * mocked sha1 or artifactId search are counted and skipped; every other
 * case, offline or not, must match exactly: group:artifact, version,
 * the archive path (nested ones too) and licences.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"
#include "pkg/parsers.h"

/* The two cases whose answer comes from the mocked online search. */
static bool
needs_search(json_t *c)
{
	const char *test = json_string_value(json_object_get(c, "test"));

	return !json_is_true(json_object_get(c, "offline")) &&
	       (!strcmp(test, "sha1 search") ||
		!strcmp(test, "artifactId search"));
}

static void
check_case(json_t *c)
{
	const char *file = json_string_value(json_object_get(c, "file"));
	char *rel = xasprintf("java/%s", file);
	char *path = pkgdb_path(rel);
	char *as = xasprintf("testdata/%s", file);
	json_t *want = json_object_get(c, "want"), *w;
	struct buf b = BUF_INIT;
	struct pkg_list l;
	struct err e = ERR_INIT;
	size_t i;

	read_or_fail(path, &b);
	pkg_list_init(&l);
	if (jar_parse(&l, as, b.data, b.len, NULL, &e) < 0)
		fail_msg("%s: %s", file, e.msg);
	if (l.n != json_array_size(want))
		fail_msg("%s: want %zu packages, got %zu", file,
			 json_array_size(want), l.n);
	json_array_foreach(want, i, w)
	{
		const char *name =
		    json_string_value(json_object_get(w, "Name"));
		const char *ver =
		    json_string_value(json_object_get(w, "Version"));
		const char *fp =
		    json_string_value(json_object_get(w, "FilePath"));
		struct pkg *p = NULL;

		for (size_t j = 0; j < l.n; j++) {
			char *gn =
			    xasprintf("%s:%s", l.v[j]->group, l.v[j]->name);

			if (!strcmp(gn, name) &&
			    !strcmp(l.v[j]->version, ver) &&
			    !strcmp(l.v[j]->path, fp))
				p = l.v[j];
			free(gn);
		}
		if (!p)
			fail_msg("%s: %s %s in %s missing", file, name, ver,
				 fp);
		expect_strs("licenses", name, json_object_get(w, "Licenses"),
			    &p->licenses);
	}
	pkg_list_release(&l);
	buf_release(&b);
	free(as);
	free(path);
	free(rel);
}

static void
jars_match_expected_json(void **state)
{
	char *path = pkgdb_path("java/expected.json");
	json_t *root, *c;
	size_t i;
	int checked = 0, skipped = 0;

	(void)state;
	REQUIRE_DATA(path);
	root = json_load_or_fail(path);
	json_array_foreach(json_object_get(root, "cases"), i, c)
	{
		if (needs_search(c)) {
			printf("skipped: %s (%s): needs an online Maven "
			       "search\n",
			       json_string_value(json_object_get(c, "file")),
			       json_string_value(json_object_get(c, "test")));
			skipped++;
			continue;
		}
		check_case(c);
		checked++;
	}
	assert_int_equal(checked, 7);
	assert_int_equal(skipped, 2);
	json_decref(root);
	free(path);
}

static void
garbage_is_an_error_not_a_crash(void **state)
{
	struct pkg_list l;
	struct err e = ERR_INIT;

	(void)state;
	pkg_list_init(&l);
	assert_int_equal(jar_parse(&l, "x.jar", "PK\3\4garbage", 11, NULL, &e),
			 -1);
	assert_non_null(strstr(e.msg, "x.jar"));
	assert_int_equal(l.n, 0);
	pkg_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jars_match_expected_json),
		cmocka_unit_test(garbage_is_an_error_not_a_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
