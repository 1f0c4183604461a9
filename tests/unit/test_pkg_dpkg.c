/*
 * The dpkg cataloger against pkgdb/dpkg: trivy's six status cases with
 * their expected packages, the copyright cases, and this machine's
 * Debian 12 status file against dpkg-query's listing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"
#include "pkg/catalog.h"
#include "pkg/dpkg.h"

/* trivy splits versions; rebuild "epoch:version-release". */
static char *
full_version(json_t *w, const char *v, const char *r, const char *ep)
{
	json_t *e = json_object_get(w, ep);
	const char *ver = json_string_value(json_object_get(w, v));
	const char *rel = json_string_value(json_object_get(w, r));
	struct buf b = BUF_INIT;

	if (e)
		buf_addf(&b, "%lld:", (long long)json_integer_value(e));
	buf_addstr(&b, ver ? ver : "");
	if (rel)
		buf_addf(&b, "-%s", rel);
	return buf_detach(&b, NULL);
}

/* trivy sorts its result; the set is what must match. */
static struct pkg *
find_id(struct pkg_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, id))
			return l->v[i];
	fail_msg("%s: missing", id);
	return NULL;
}

static void
check_case(const char *name, json_t *c)
{
	char *root = pkgdb_path(name);
	json_t *info = json_array_get(
	    json_object_get(json_object_get(c, "want"), "PackageInfos"), 0);
	json_t *want = json_object_get(info, "Packages"), *w;
	struct catalog cat;
	struct err e = ERR_INIT;
	size_t i;

	REQUIRE_DATA(root);
	catalog_init(&cat);
	assert_int_equal(catalog_scan_dir(&cat, root, &e), 0);
	if (cat.pkgs.n != json_array_size(want))
		fail_msg("%s: want %zu packages, got %zu", name,
			 json_array_size(want), cat.pkgs.n);
	json_array_foreach(want, i, w)
	{
		const char *id = json_string_value(json_object_get(w, "ID"));
		struct pkg *p = find_id(&cat.pkgs, id);
		char *v = full_version(w, "Version", "Release", "Epoch");
		char *sv =
		    full_version(w, "SrcVersion", "SrcRelease", "SrcEpoch");
		json_t *files = json_object_get(w, "InstalledFiles");

		expect_str("id", id, json_object_get(w, "ID"), p->id);
		expect_str("name", id, json_object_get(w, "Name"), p->name);
		assert_string_equal(p->version, v);
		expect_str("source", id, json_object_get(w, "SrcName"),
			   p->src_name);
		assert_string_equal(p->src_version, sv);
		expect_str("arch", id, json_object_get(w, "Arch"), p->arch);
		expect_str("maintainer", id, json_object_get(w, "Maintainer"),
			   p->maintainer);
		expect_str("digest", id, json_object_get(w, "Digest"),
			   p->digest);
		expect_strs("depends", id, json_object_get(w, "DependsOn"),
			    &p->depends_on);
		if (files) {
			/* trivy keeps the leading slash; hull's paths are
			 * relative to the root like every image path. */
			assert_int_equal(json_array_size(files), p->files.n);
			for (size_t j = 0; j < p->files.n; j++)
				assert_string_equal(
				    json_string_value(
					json_array_get(files, j)) +
					1,
				    p->files.v[j]);
		}
		assert_string_equal(p->path, "var/lib/dpkg/status");
		free(v);
		free(sv);
	}
	catalog_release(&cat);
	free(root);
}

static void
run_case(const char *name)
{
	char *path = pkgdb_path("dpkg/expected.json");
	char *dir = xasprintf("dpkg/%s", name);
	json_t *root;

	REQUIRE_DATA(path);
	root = json_load_or_fail(path);
	check_case(dir, json_object_get(json_object_get(root, "cases"), name));
	json_decref(root);
	free(dir);
	free(path);
}

#define CASE(n, dir)                                                           \
	static void dpkg_case_##n(void **state)                                \
	{                                                                      \
		(void)state;                                                   \
		run_case(dir);                                                 \
	}
CASE(valid, "valid")
CASE(corrupsed, "corrupsed")
CASE(only_apt, "only-apt")
CASE(digest, "digest")
CASE(md5sums, "md5sums")
CASE(third_party, "third-party")

static void
copyright_files_match_expected_json(void **state)
{
	char *path = pkgdb_path("dpkg/copyright/expected.json");
	json_t *root, *c;
	size_t i;

	(void)state;
	REQUIRE_DATA(path);
	root = json_load_or_fail(path);
	json_array_foreach(json_object_get(root, "cases"), i, c)
	{
		const char *file =
		    json_string_value(json_object_get(c, "file"));
		char *rel = xasprintf("dpkg/copyright/%s", file);
		char *fp = pkgdb_path(rel);
		json_t *lic = json_array_get(
		    json_object_get(json_object_get(c, "want"), "Licenses"), 0);
		json_t *finds = json_object_get(lic, "Findings"), *fnd;
		struct strvec got = STRVEC_INIT;
		struct buf b = BUF_INIT;
		size_t j;

		read_or_fail(fp, &b);
		dpkg_copyright_licenses(b.data, b.len, &got);
		if (got.n != json_array_size(finds))
			fail_msg("%s: want %zu licences, got %zu", file,
				 json_array_size(finds), got.n);
		json_array_foreach(finds, j, fnd) assert_string_equal(
		    json_string_value(json_object_get(fnd, "Name")), got.v[j]);
		strvec_release(&got);
		buf_release(&b);
		free(fp);
		free(rel);
	}
	json_decref(root);
	free(path);
}

static void
debian12_status_matches_dpkg_query(void **state)
{
	char *db = pkgdb_path("dpkg/debian-12-status");
	char *tsv = pkgdb_path("dpkg/debian-12-status.packages.tsv");
	struct buf b = BUF_INIT;
	struct pkg_list l;
	struct err e = ERR_INIT;
	char *line, *save = NULL;
	size_t rows = 0;

	(void)state;
	REQUIRE_DATA(tsv);
	pkg_list_init(&l);
	assert_int_equal(
	    parse_as(&cataloger_dpkg, &l, db, "var/lib/dpkg/status", &e), 0);
	read_or_fail(tsv, &b);
	strtok_r(b.data, "\n", &save);
	while ((line = strtok_r(NULL, "\n", &save))) {
		char *f[6];
		struct pkg *p = NULL;

		assert_int_equal(tsv_split(line, f, 6), 6);
		/* dpkg-query sorts by name; multi-arch names repeat. */
		for (size_t i = 0; i < l.n; i++)
			if (!strcmp(l.v[i]->name, f[0]) &&
			    !strcmp(l.v[i]->arch, f[2]))
				p = l.v[i];
		if (!p)
			fail_msg("%s:%s missing", f[0], f[2]);
		assert_string_equal(p->version, f[1]);
		assert_string_equal(p->src_name, f[3]);
		assert_string_equal(p->src_version, f[4]);
		rows++;
	}
	assert_int_equal(rows, 848);
	assert_int_equal(l.n, 848);
	buf_release(&b);
	pkg_list_release(&l);
	free(db);
	free(tsv);
}

static void
distroless_status_d_counts_without_status(void **state)
{
	static const char para[] = "Package: base-files\nVersion: 12.4\n"
				   "Architecture: amd64\nSource: base-files "
				   "(12.4+deb12u5)\n";
	struct pkg_list l;
	struct err e = ERR_INIT;
	struct pkg_file f = { "var/lib/dpkg/status.d/base",
			      para,
			      sizeof(para) - 1,
			      0,
			      NULL,
			      NULL };

	(void)state;
	pkg_list_init(&l);
	assert_int_equal(cataloger_dpkg.parse(&l, &f, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0]->src_version, "12.4+deb12u5");
	l.has_os = true;
	l.os.family = "debian";
	l.os.version = "12";
	pkg_list_finalize(&l);
	assert_string_equal(l.v[0]->purl, "pkg:deb/debian/base-files@12.4"
					  "?arch=amd64&distro=debian-12");
	pkg_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dpkg_case_valid),
		cmocka_unit_test(dpkg_case_corrupsed),
		cmocka_unit_test(dpkg_case_only_apt),
		cmocka_unit_test(dpkg_case_digest),
		cmocka_unit_test(dpkg_case_md5sums),
		cmocka_unit_test(dpkg_case_third_party),
		cmocka_unit_test(copyright_files_match_expected_json),
		cmocka_unit_test(debian12_status_matches_dpkg_query),
		cmocka_unit_test(distroless_status_d_counts_without_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
