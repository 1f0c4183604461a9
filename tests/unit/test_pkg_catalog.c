/*
 * The package analyzer as the layer stream drives it: the latest copy of
 * a file wins, a deleted file or directory takes its packages with it,
 * oversized files are reported, and the directory walker never follows
 * a symlink.  Also the Bottlerocket inventory against pkgdb/bottlerocket.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <unistd.h>

#include "pkgtest.h"
#include "pkg/catalog.h"

struct mem_reader {
	const char *data;
	size_t len, off;
};

static ssize_t
mem_read(struct entry_reader *r, void *buf, size_t n)
{
	struct mem_reader *m = r->state;
	size_t left = m->len - m->off;

	if (n > left)
		n = left;
	memcpy(buf, m->data + m->off, n);
	m->off += n;
	return (ssize_t)n;
}

/* Offer one file of one layer, as the layer stream would. */
static void
offer(struct analyzer *an, int layer, const char *path, const char *data)
{
	struct layer_entry le = { 0 };
	struct mem_reader m = { data, strlen(data), 0 };
	struct entry_reader r = { mem_read, &m, ERR_INIT };

	le.path = path;
	le.type = ENTRY_FILE;
	le.mode = 0644;
	le.size = strlen(data);
	le.layer_index = layer;
	le.layer_digest = layer ? "sha256:22" : "sha256:11";
	if (an->ops->wants(an->self, &le))
		assert_int_equal(an->ops->entry(an->self, &le, &r), 0);
}

static const char apk1[] = "P:musl\nV:1.0-r0\nA:x86_64\n\n";
static const char apk2[] = "P:musl\nV:1.1-r0\nA:x86_64\n\nP:zlib\nV:1-r0\n\n";
static const char osrel[] = "ID=alpine\nVERSION_ID=3.19.1\n";

static void
later_layer_replaces_and_whiteout_removes(void **state)
{
	struct catalog cat;
	struct analyzer an;

	(void)state;
	catalog_init(&cat);
	catalog_analyzer(&cat, &an);
	offer(&an, 0, "etc/os-release", osrel);
	offer(&an, 0, "lib/apk/db/installed", apk1);
	offer(&an, 0, "app/node_modules/left/package.json",
	      "{\"name\":\"left\",\"version\":\"1.0.0\"}");
	offer(&an, 0, "usr/bin/ls", "not wanted");
	offer(&an, 1, "lib/apk/db/installed", apk2);
	an.ops->removed(an.self, "app/node_modules", 1);
	an.ops->finish(an.self, NULL);

	assert_int_equal(cat.pkgs.n, 2);
	assert_string_equal(cat.pkgs.v[0]->version, "1.1-r0");
	assert_int_equal(cat.pkgs.v[0]->layer_index, 1);
	assert_string_equal(cat.pkgs.v[0]->layer_digest, "sha256:22");
	assert_string_equal(cat.pkgs.v[0]->path, "lib/apk/db/installed");
	assert_string_equal(cat.pkgs.v[0]->purl,
			    "pkg:apk/alpine/musl@1.1-r0?arch=x86_64&"
			    "distro=alpine-3.19.1");
	catalog_release(&cat);
}

static void
deleted_database_leaves_nothing(void **state)
{
	struct catalog cat;
	struct analyzer an;

	(void)state;
	catalog_init(&cat);
	catalog_analyzer(&cat, &an);
	offer(&an, 0, "lib/apk/db/installed", apk2);
	an.ops->removed(an.self, "lib/apk/db/installed", 1);
	catalog_finish(&cat);
	assert_int_equal(cat.pkgs.n, 0);
	catalog_release(&cat);
}

static void
bad_files_are_reported_and_the_rest_goes_on(void **state)
{
	struct catalog cat;
	struct analyzer an;

	(void)state;
	catalog_init(&cat);
	catalog_analyzer(&cat, &an);
	offer(&an, 0, "app/package-lock.json", "{not json");
	offer(&an, 0, "lib/apk/db/installed", apk1);
	catalog_finish(&cat);
	assert_int_equal(cat.pkgs.n, 1);
	assert_int_equal(cat.problems.n, 1);
	assert_non_null(strstr(cat.problems.v[0], "app/package-lock.json"));
	catalog_release(&cat);
}

static void
run_or_fail(const char *fmt, const char *arg)
{
	char *cmd = xasprintf(fmt, arg);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void
walker_does_not_follow_symlinks(void **state)
{
	char tmpl[] = "/tmp/hull-walk-XXXXXX";
	char *dir = mkdtemp(tmpl), *p, *root;
	struct catalog cat;
	struct err e = ERR_INIT;
	FILE *fp;

	(void)state;
	assert_non_null(dir);
	p = xasprintf("%s/outside-installed", dir);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(apk1, fp);
	fclose(fp);
	free(p);
	run_or_fail("mkdir -p '%s/root/lib/apk/db'", dir);
	p = xasprintf("%s/root/lib/apk/db/installed", dir);
	assert_int_equal(symlink("../../../../outside-installed", p), 0);
	root = xasprintf("%s/root", dir);
	catalog_init(&cat);
	assert_int_equal(catalog_scan_dir(&cat, root, &e), 0);
	assert_int_equal(cat.pkgs.n, 0);
	catalog_release(&cat);
	run_or_fail("rm -rf '%s'", dir);
	free(root);
	free(p);
}

static void
bottlerocket_inventory_matches_expected_json(void **state)
{
	char *path = pkgdb_path("bottlerocket/expected.json");
	json_t *root, *c, *w;
	size_t i, j;

	(void)state;
	REQUIRE_DATA(path);
	root = json_load_or_fail(path);
	json_array_foreach(json_object_get(root, "cases"), i, c)
	{
		const char *file =
		    json_string_value(json_object_get(c, "file"));
		char *rel = xasprintf("bottlerocket/%s", file);
		char *fp = pkgdb_path(rel);
		json_t *want = json_object_get(c, "wantPkgs");
		struct pkg_list l;
		struct err e = ERR_INIT;

		pkg_list_init(&l);
		assert_int_equal(parse_as(&cataloger_bottlerocket, &l, fp,
					  "usr/share/bottlerocket/"
					  "application-inventory.json",
					  &e),
				 0);
		pkg_list_finalize(&l);
		assert_int_equal(l.n, json_array_size(want));
		json_array_foreach(want, j, w)
		{
			const char *id =
			    json_string_value(json_object_get(w, "ID"));
			bool found = false;

			for (size_t k = 0; k < l.n; k++)
				if (!strcmp(l.v[k]->id, id)) {
					found = true;
					expect_str("arch", id,
						   json_object_get(w, "Arch"),
						   l.v[k]->arch);
				}
			if (!found)
				fail_msg("%s: %s missing", file, id);
		}
		pkg_list_release(&l);
		free(fp);
		free(rel);
	}
	json_decref(root);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(later_layer_replaces_and_whiteout_removes),
		cmocka_unit_test(deleted_database_leaves_nothing),
		cmocka_unit_test(bad_files_are_reported_and_the_rest_goes_on),
		cmocka_unit_test(walker_does_not_follow_symlinks),
		cmocka_unit_test(bottlerocket_inventory_matches_expected_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
