/*
 * The npm cataloger against pkgdb/npm: ten lock files with the packages
 * and dependency graph trivy's parser test expects.  Packages compare as
 * a set by id: name, version, dev flag (when given), direct or indirect
 * (v2/v3), licences, and every expected dependency edge.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"

static struct pkg *
find_id(struct pkg_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, id))
			return l->v[i];
	return NULL;
}

static void
check_package(struct pkg *p, json_t *w, const char *file)
{
	const char *id = json_string_value(json_object_get(w, "ID"));
	const char *rel = json_string_value(json_object_get(w, "Relationship"));
	json_t *dev = json_object_get(w, "Dev");

	if (!p)
		fail_msg("%s: %s missing", file, id);
	expect_str("name", id, json_object_get(w, "Name"), p->name);
	expect_str("version", id, json_object_get(w, "Version"), p->version);
	if (dev && json_is_true(dev) != p->dev)
		fail_msg("%s: %s: dev %d", file, id, p->dev);
	if (rel && !strcmp(rel, "direct") && p->indirect)
		fail_msg("%s: %s: want direct", file, id);
	if (rel && !strcmp(rel, "indirect") && !p->indirect)
		fail_msg("%s: %s: want indirect", file, id);
	if (json_object_get(w, "Licenses"))
		expect_strs("licenses", id, json_object_get(w, "Licenses"),
			    &p->licenses);
	else if (p->licenses.n)
		fail_msg("%s: %s: unexpected licence %s", file, id,
			 p->licenses.v[0]);
}

static void
check_case(json_t *c)
{
	const char *file = json_string_value(json_object_get(c, "file"));
	char *rel = xasprintf("npm/%s", file);
	char *path = pkgdb_path(rel);
	json_t *want = json_object_get(c, "want");
	json_t *deps = json_object_get(c, "wantDeps"), *w;
	struct pkg_list l;
	struct err e = ERR_INIT;
	size_t i, edges = 0;

	pkg_list_init(&l);
	assert_int_equal(
	    parse_as(&cataloger_npm, &l, path, "app/package-lock.json", &e), 0);
	if (l.n != json_array_size(want))
		fail_msg("%s: want %zu packages, got %zu", file,
			 json_array_size(want), l.n);
	json_array_foreach(want, i, w) check_package(
	    find_id(&l, json_string_value(json_object_get(w, "ID"))), w, file);
	json_array_foreach(deps, i, w)
	{
		const char *id = json_string_value(json_object_get(w, "ID"));
		struct pkg *p = find_id(&l, id);
		json_t *on = json_object_get(w, "DependsOn"), *d;
		size_t j;

		assert_non_null(p);
		if (p->depends_on.n != json_array_size(on))
			fail_msg("%s: %s: want %zu dependencies, got %zu", file,
				 id, json_array_size(on), p->depends_on.n);
		json_array_foreach(
		    on, j,
		    d) if (!pkg_strs_has(&p->depends_on, json_string_value(d)))
		    fail_msg("%s: %s: no edge to %s", file, id,
			     json_string_value(d));
		edges += p->depends_on.n;
	}
	/*
	 * Packages with no entry in wantDeps must have no edges either.  A
	 * case whose wantDeps is null (the workspace-as-object lock) states
	 * no graph upstream; hull's edge testapp -> lodash there follows
	 * the lock's own "dependencies" and is not compared.
	 */
	for (i = 0; json_is_array(deps) && i < l.n; i++) {
		bool listed = false;
		size_t j;

		json_array_foreach(deps, j, w) listed |= !strcmp(
		    json_string_value(json_object_get(w, "ID")), l.v[i]->id);
		if (!listed && l.v[i]->depends_on.n)
			fail_msg("%s: %s: unexpected edge to %s", file,
				 l.v[i]->id, l.v[i]->depends_on.v[0]);
	}
	pkg_list_release(&l);
	free(path);
	free(rel);
}

static void
run(const char *file)
{
	char *path = pkgdb_path("npm/expected.json");
	json_t *root, *c;
	size_t i;
	bool found = false;

	REQUIRE_DATA(path);
	root = json_load_or_fail(path);
	json_array_foreach(
	    json_object_get(root, "cases"), i,
	    c) if (!strcmp(json_string_value(json_object_get(c, "file")), file))
	{
		check_case(c);
		found = true;
	}
	assert_true(found);
	json_decref(root);
	free(path);
}

#define CASE(n, f)                                                             \
	static void npm_##n(void **state)                                      \
	{                                                                      \
		(void)state;                                                   \
		run(f);                                                        \
	}
CASE(v1, "package-lock_v1.json")
CASE(v2, "package-lock_v2.json")
CASE(v3, "package-lock_v3.json")
CASE(v3_broken_link, "package-lock_v3_broken_link.json")
CASE(v3_same_dev, "package-lock_v3_with-same-dev-and-non-dev.json")
CASE(v3_legacy_licenses, "package-lock_v3_with_legacy_licenses.json")
CASE(v3_peer, "package-lock_v3_with_peer.json")
CASE(v3_workspace, "package-lock_v3_with_workspace.json")
CASE(v3_workspace_object, "package-lock_v3_with_workspace_as_object.json")
CASE(v3_no_root_deps, "package-lock_v3_without_root_deps_field.json")

static void
scoped_names_get_encoded_purls(void **state)
{
	static const char lock[] =
	    "{\"lockfileVersion\":3,\"packages\":{\"\":{\"dependencies\":"
	    "{\"@babel/core\":\"1\"}},\"node_modules/@babel/core\":"
	    "{\"version\":\"7.0.0+b\"}}}";
	struct pkg_file f = {
		"package-lock.json", lock, sizeof(lock) - 1, 0, NULL, NULL
	};
	struct pkg_list l;
	struct err e = ERR_INIT;

	(void)state;
	pkg_list_init(&l);
	assert_int_equal(cataloger_npm.parse(&l, &f, &e), 0);
	assert_int_equal(l.n, 1);
	pkg_list_finalize(&l);
	assert_string_equal(l.v[0]->purl, "pkg:npm/%40babel/core@7.0.0%2Bb");
	pkg_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(npm_v1),
		cmocka_unit_test(npm_v2),
		cmocka_unit_test(npm_v3),
		cmocka_unit_test(npm_v3_broken_link),
		cmocka_unit_test(npm_v3_same_dev),
		cmocka_unit_test(npm_v3_legacy_licenses),
		cmocka_unit_test(npm_v3_peer),
		cmocka_unit_test(npm_v3_workspace),
		cmocka_unit_test(npm_v3_workspace_object),
		cmocka_unit_test(npm_v3_no_root_deps),
		cmocka_unit_test(scoped_names_get_encoded_purls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
