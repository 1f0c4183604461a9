/*
 * The SBOM writers and package-urls: purl encoding per the purl spec,
 * CycloneDX and SPDX documents read back as JSON (unique refs, the
 * dependency graph, licence ids against names, LicenseRefs declared).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "pkgtest.h"
#include "report/sbom.h"

static struct pkg *
add(struct pkg_list *l, enum pkg_type t, const char *name, const char *ver)
{
	struct pkg *p = pkg_list_add(l, t);

	p->name = pkg_strdup(l, name);
	p->version = pkg_strdup(l, ver);
	return p;
}

static void
purls_follow_the_spec(void **state)
{
	struct pkg_list l;
	struct pkg *p;

	(void)state;
	pkg_list_init(&l);
	l.has_os = true;
	l.os.family = "debian";
	l.os.version = "12";
	p = add(&l, PKG_DEB, "libgcc-s1", "1:12.2.0-14");
	p->arch = "amd64";
	add(&l, PKG_RPM, "curl", "1:7.76.0-6.cm2")->arch = "x86_64";
	add(&l, PKG_PYPI, "Typing_Extensions", "4.4.0");
	add(&l, PKG_GOLANG, "github.com/Foo/bar/v2", "v2.1.0+incompatible");
	p = add(&l, PKG_MAVEN, "jackson-databind", "2.9.10.6");
	p->group = "com.fasterxml.jackson.core";
	add(&l, PKG_NPM, "@types/node", "20.1.0");
	add(&l, PKG_NPM, "a b", "1.0.0");
	pkg_list_finalize(&l);
	assert_string_equal(l.v[0]->purl, "pkg:deb/debian/libgcc-s1@1:12.2.0-14"
					  "?arch=amd64&distro=debian-12");
	assert_string_equal(l.v[1]->purl, "pkg:rpm/debian/curl@7.76.0-6.cm2"
					  "?arch=x86_64&distro=debian-12"
					  "&epoch=1");
	assert_string_equal(l.v[2]->purl, "pkg:pypi/typing-extensions@4.4.0");
	assert_string_equal(l.v[3]->purl, "pkg:golang/github.com/Foo/bar/v2"
					  "@v2.1.0%2Bincompatible");
	assert_string_equal(l.v[4]->purl, "pkg:maven/com.fasterxml.jackson."
					  "core/jackson-databind@2.9.10.6");
	assert_string_equal(l.v[4]->id,
			    "com.fasterxml.jackson.core:jackson-databind@"
			    "2.9.10.6");
	assert_string_equal(l.v[5]->purl, "pkg:npm/%40types/node@20.1.0");
	assert_string_equal(l.v[6]->purl, "pkg:npm/a%20b@1.0.0");
	pkg_list_release(&l);
}

static void
sample(struct pkg_list *l)
{
	struct pkg *a, *b;

	pkg_list_init(l);
	l->has_os = true;
	l->os.family = "alpine";
	l->os.version = "3.19.1";
	a = add(l, PKG_APK, "busybox", "1.36.1-r15");
	a->arch = "x86_64";
	pkg_strs_push(l, &a->licenses, "GPL-2.0-only");
	pkg_strs_push(l, &a->depends_on, "musl@1.2.4-r2");
	a->path = "lib/apk/db/installed";
	a->layer_index = 0;
	a->layer_digest = "sha256:abc";
	b = add(l, PKG_APK, "musl", "1.2.4-r2");
	b->arch = "x86_64";
	pkg_strs_push(l, &b->licenses, "MIT");
	pkg_strs_push(l, &b->licenses, "Some Odd Licence");
	/* The same package found twice must still get unique refs. */
	b = add(l, PKG_APK, "musl", "1.2.4-r2");
	b->arch = "x86_64";
	pkg_strs_push(l, &b->licenses,
		      "GPL-2.0-or-later WITH "
		      "GCC-exception-2.0");
	pkg_list_finalize(l);
}

static json_t *
render(const struct pkg_list *l, enum report_format f)
{
	struct sbom_subject s = { "alpine:3.19", true, "sha256:0123" };
	struct buf b = BUF_INIT;
	json_error_t je;
	json_t *j;

	assert_int_equal(sbom_render(l, &s, NULL, f, &b), 0);
	j = json_loadb(b.data, b.len, 0, &je);
	if (!j)
		fail_msg("not JSON: %s", je.text);
	buf_release(&b);
	return j;
}

static void
cyclonedx_has_unique_refs_and_graph(void **state)
{
	struct pkg_list l;
	json_t *j, *comps, *c, *deps, *d;
	size_t i;
	const char *refs[8];
	size_t nrefs = 0;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	sample(&l);
	j = render(&l, REPORT_CYCLONEDX);
	assert_string_equal(
	    json_string_value(json_object_get(j, "specVersion")), "1.5");
	assert_true(str_starts_with(
	    json_string_value(json_object_get(j, "serialNumber")),
	    "urn:uuid:"));
	assert_string_equal(json_string_value(json_object_get(
				json_object_get(j, "metadata"), "timestamp")),
			    "2023-11-14T22:13:20Z");
	comps = json_object_get(j, "components");
	assert_int_equal(json_array_size(comps), 4);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(comps, 0), "type")),
			    "operating-system");
	json_array_foreach(comps, i, c)
	{
		refs[nrefs] = json_string_value(json_object_get(c, "bom-ref"));
		for (size_t k = 0; k < nrefs; k++)
			assert_string_not_equal(refs[k], refs[nrefs]);
		nrefs++;
	}
	/* musl's first copy: an id and a name; its twin: an expression. */
	c = json_array_get(comps, 2);
	assert_string_equal(
	    json_string_value(json_object_get(
		json_object_get(
		    json_array_get(json_object_get(c, "licenses"), 0),
		    "license"),
		"id")),
	    "MIT");
	assert_string_equal(
	    json_string_value(json_object_get(
		json_object_get(
		    json_array_get(json_object_get(c, "licenses"), 1),
		    "license"),
		"name")),
	    "Some Odd Licence");
	c = json_array_get(comps, 3);
	assert_string_equal(
	    json_string_value(json_object_get(
		json_array_get(json_object_get(c, "licenses"), 0),
		"expression")),
	    "GPL-2.0-or-later WITH GCC-exception-2.0");
	deps = json_object_get(j, "dependencies");
	d = json_array_get(deps, 0);
	assert_string_equal(json_string_value(json_array_get(
				json_object_get(d, "dependsOn"), 0)),
			    json_string_value(json_object_get(
				json_array_get(comps, 2), "bom-ref")));
	json_decref(j);
	pkg_list_release(&l);
}

static void
spdx_declares_every_license_ref(void **state)
{
	struct pkg_list l;
	json_t *j, *pkgs, *rels, *ex;

	(void)state;
	sample(&l);
	j = render(&l, REPORT_SPDX);
	assert_string_equal(
	    json_string_value(json_object_get(j, "spdxVersion")), "SPDX-2.3");
	pkgs = json_object_get(j, "packages");
	/* The subject, the OS, three packages. */
	assert_int_equal(json_array_size(pkgs), 5);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(pkgs, 3), "licenseDeclared")),
			    "MIT AND LicenseRef-Some-Odd-Licence");
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(pkgs, 4), "licenseDeclared")),
			    "GPL-2.0-or-later WITH GCC-exception-2.0");
	ex = json_object_get(j, "hasExtractedLicensingInfos");
	assert_int_equal(json_array_size(ex), 1);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(ex, 0), "extractedText")),
			    "Some Odd Licence");
	rels = json_object_get(j, "relationships");
	/* DESCRIBES, the OS, 3 CONTAINS, 1 DEPENDS_ON. */
	assert_int_equal(json_array_size(rels), 6);
	json_decref(j);
	pkg_list_release(&l);
}

static void
table_and_json_list_every_package(void **state)
{
	struct sbom_subject s = { "rootfs", false, NULL };
	struct pkg_list l;
	struct buf b = BUF_INIT;
	json_t *j;

	(void)state;
	sample(&l);
	assert_int_equal(sbom_render(&l, &s, NULL, REPORT_TABLE, &b), 0);
	assert_non_null(strstr(b.data, "rootfs (alpine 3.19.1): 3 packages"));
	assert_non_null(strstr(b.data, "busybox"));
	buf_reset(&b);
	assert_int_equal(sbom_render(&l, &s, NULL, REPORT_JSON, &b), 0);
	j = json_loads(b.data, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "packages")), 3);
	json_decref(j);
	assert_int_equal(sbom_render(&l, &s, NULL, REPORT_SARIF, &b), -1);
	buf_release(&b);
	pkg_list_release(&l);
}

static void
table_escapes_controls(void **state)
{
	struct sbom_subject s = { "img\033]0;t\007", false, NULL };
	struct pkg_list l;
	struct buf b = BUF_INIT;
	struct pkg *p;

	(void)state;
	pkg_list_init(&l);
	p = add(&l, PKG_APK, "\033[31mred", "1.0\033[0m");
	p->path = pkg_strdup(&l, "lib/\033[2J/installed");
	add(&l, PKG_APK, "ok", "2");
	assert_int_equal(sbom_render(&l, &s, NULL, REPORT_TABLE, &b), 0);
	assert_null(strchr(b.data, '\033'));
	assert_null(strchr(b.data, '\007'));
	assert_non_null(strstr(b.data, "img\\x1b]0;t\\x07: 2 packages"));
	/* columns line up by the escaped width */
	assert_non_null(strstr(b.data, "NAME        VERSION    FOUND IN\n"));
	assert_non_null(strstr(b.data, "apk       \\x1b[31mred "
				       "1.0\\x1b[0m lib/\\x1b[2J/installed\n"));
	assert_non_null(strstr(b.data, "apk       ok          2          \n"));
	buf_release(&b);
	pkg_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(purls_follow_the_spec),
		cmocka_unit_test(cyclonedx_has_unique_refs_and_graph),
		cmocka_unit_test(spdx_declares_every_license_ref),
		cmocka_unit_test(table_and_json_list_every_package),
		cmocka_unit_test(table_escapes_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
