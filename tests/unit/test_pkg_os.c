/*
 * OS detection against the release files in pkgdb/os-release: the 27
 * os-release files of expected.tsv, the Red Hat, Debian and Ubuntu
 * cases of expected-other.json, and the two Alpine images.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"
#include "pkg/catalog.h"
#include "pkg/osrelease.h"

/* Parse `file` as if it sat at `as`. */
static int
detect(const char *file, const char *as, struct arena *a, struct distro *d,
       struct err *e)
{
	struct buf b = BUF_INIT;
	int rank, rc;

	read_or_fail(file, &b);
	rc = os_release_parse(as, b.data, b.len, a, d, &rank, e);
	buf_release(&b);
	return rc;
}

static void
os_release_files_match_expected_tsv(void **state)
{
	char *dir = pkgdb_path("os-release/release");
	char *tsv = pkgdb_path("os-release/release/expected.tsv");
	struct buf b = BUF_INIT;
	char *line, *save = NULL;
	int rows = 0;

	(void)state;
	REQUIRE_DATA(tsv);
	read_or_fail(tsv, &b);
	line = strtok_r(b.data, "\n", &save); /* header */
	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[5], *file;
		struct arena a = ARENA_INIT;
		struct distro d;
		struct err e = ERR_INIT;
		int rc;

		assert_int_equal(tsv_split(line, f, 5), 5);
		file = xasprintf("%s/%s", dir, f[0]);
		rc = detect(file, "etc/os-release", &a, &d, &e);
		if (!strcmp(f[3], "ok")) {
			if (rc != 1)
				fail_msg("%s: no OS detected", f[0]);
			if (strcmp(d.family, f[1]) || strcmp(d.version, f[2]))
				fail_msg("%s: want %s %s, got %s %s", f[0],
					 f[1], f[2], d.family, d.version);
		} else if (rc == 1) {
			fail_msg("%s: want no OS, got %s %s", f[0], d.family,
				 d.version);
		}
		rows++;
		free(file);
		arena_release(&a);
	}
	assert_int_equal(rows, 27);
	buf_release(&b);
	free(dir);
	free(tsv);
}

/* The cases upstream asserts; the others say "not asserted". */
static void
other_release_files_match_expected_json(void **state)
{
	char *path = pkgdb_path("os-release/expected-other.json");
	json_t *root, *c;
	size_t i;
	int checked = 0;

	(void)state;
	REQUIRE_DATA(path);
	root = json_load_or_fail(path);
	json_array_foreach(json_object_get(root, "cases"), i, c)
	{
		const char *rel = json_string_value(json_object_get(c, "file"));
		const char *as =
		    json_string_value(json_object_get(c, "as_path"));
		const char *an =
		    json_string_value(json_object_get(c, "analyzer"));
		json_t *want = json_object_get(c, "want");
		json_t *werr = json_object_get(c, "wantErr");
		json_t *os = json_object_get(want, "OS");
		char *file = pkgdb_pathf("os-release/%s", rel);
		struct arena a = ARENA_INIT;
		struct distro d;
		struct err e = ERR_INIT;
		int rc;

		if (json_is_string(want))
			goto next; /* "not asserted by the upstream test" */
		if (!as)
			as = !strcmp(an, "redhatbase") ? "etc/redhat-release"
			     : !strcmp(an, "debian")   ? "etc/debian_version"
						       : "etc/lsb-release";
		rc = detect(file, as, &a, &d, &e);
		if (json_is_string(werr)) {
			if (rc >= 0)
				fail_msg("%s: want an error", rel);
		} else if (!json_is_object(os)) {
			if (rc != 0)
				fail_msg("%s: want nothing, got %d", rel, rc);
		} else {
			json_t *ext = json_object_get(os, "Extended");

			if (rc != 1)
				fail_msg("%s: %s", rel, e.msg);
			expect_str("family", rel, json_object_get(os, "Family"),
				   d.family);
			if (json_object_get(os, "Name"))
				expect_str("version", rel,
					   json_object_get(os, "Name"),
					   d.version);
			if (ext)
				assert_int_equal(d.extended, json_is_true(ext));
		}
		checked++;
	next:
		arena_release(&a);
		free(file);
	}
	assert_int_equal(checked, 10);
	json_decref(root);
	free(path);
}

/* The release lines upstream does not assert still say what they are. */
static void
redhat_lines_name_family_and_version(void **state)
{
	static const char *const cases[][3] = {
		{ "redhatbase/centos/centos-release", "centos", "7.6.1810" },
		{ "redhatbase/fedora_29/fedora-release", "fedora", "29" },
		{ "redhatbase/oracle_7/oracle-release", "oracle", "7.6" },
		{ "redhatbase/rocky/rocky-release", "rocky", "8.4" },
		{ "redhatbase/alma/almalinux-release", "alma", "8.4" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *file = pkgdb_pathf("os-release/%s", cases[i][0]);
		struct arena a = ARENA_INIT;
		struct distro d;
		struct err e = ERR_INIT;

		REQUIRE_DATA(file);
		assert_int_equal(detect(file, "etc/redhat-release", &a, &d, &e),
				 1);
		assert_string_equal(d.family, cases[i][1]);
		assert_string_equal(d.version, cases[i][2]);
		arena_release(&a);
		free(file);
	}
}

/* A whole tree: os-release wins, and apk packages get the distro. */
static void
alpine_image_release_gives_purl_distro(void **state)
{
	char *file = pkgdb_path("os-release/alpine-image/alpine-3.10.4");
	struct pkg_list l;
	struct err e = ERR_INIT;
	struct pkg *p;

	(void)state;
	REQUIRE_DATA(file);
	pkg_list_init(&l);
	assert_int_equal(
	    parse_as(&cataloger_osrelease, &l, file, "etc/os-release", &e), 0);
	assert_true(l.has_os);
	assert_string_equal(l.os.family, "alpine");
	assert_string_equal(l.os.version, "3.10.4");
	p = pkg_list_add(&l, PKG_APK);
	p->name = "musl";
	p->version = "1.1.22-r3";
	p->arch = "x86_64";
	pkg_list_finalize(&l);
	assert_string_equal(p->purl, "pkg:apk/alpine/musl@1.1.22-r3"
				     "?arch=x86_64&distro=alpine-3.10.4");
	pkg_list_release(&l);
	free(file);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(os_release_files_match_expected_tsv),
		cmocka_unit_test(other_release_files_match_expected_json),
		cmocka_unit_test(redhat_lines_name_family_and_version),
		cmocka_unit_test(alpine_image_release_gives_purl_distro),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
