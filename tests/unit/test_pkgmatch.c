/*
 * From a package inventory to the matcher: the ecosystem string of each
 * kind of package on each distro, what is left out, Maven names, the
 * locations; folding the same advisory reported by two sources; and the
 * reporters' vulnerability totals, checked or not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "pkg/pkg.h"
#include "report/report.h"
#include "vuln/pkgmatch.h"

static const char *
eco_of(const char *family, const char *version, enum pkg_type type, char *buf,
       size_t size)
{
	struct distro os = { family, version, NULL, NULL, false };
	struct pkg p = { 0 };

	p.type = type;
	p.name = "x";
	p.version = "1";
	return pkg_ecosystem(family ? &os : NULL, &p, buf, size);
}

static void
ecosystem_names_distro_and_release(void **state)
{
	char b[64];

	(void)state;
	assert_string_equal(eco_of("alpine", "3.10.4", PKG_APK, b, 64),
			    "alpine:3.10.4");
	assert_string_equal(eco_of("debian", "12", PKG_DEB, b, 64),
			    "debian:12");
	/* debian_version on testing says "trixie/sid". */
	assert_string_equal(eco_of("debian", "trixie/sid", PKG_DEB, b, 64),
			    "debian:trixie");
	assert_string_equal(eco_of("ubuntu", "22.04", PKG_DEB, b, 64),
			    "ubuntu:22.04");
	assert_string_equal(eco_of("rocky", "9.3", PKG_RPM, b, 64),
			    "rpm:Rocky Linux:9");
	assert_string_equal(eco_of("alma", "8.9", PKG_RPM, b, 64),
			    "rpm:AlmaLinux:8");
	assert_string_equal(eco_of("wolfi", "20230201", PKG_APK, b, 64),
			    "wolfi");
	/* Language packages do not depend on the OS. */
	assert_string_equal(eco_of(NULL, NULL, PKG_NPM, b, 64), "npm");
	assert_string_equal(eco_of("alpine", "3.19.1", PKG_PYPI, b, 64),
			    "PyPI");
	assert_string_equal(eco_of(NULL, NULL, PKG_GOLANG, b, 64), "Go");
	assert_string_equal(eco_of(NULL, NULL, PKG_GOSTDLIB, b, 64), "Go");
	assert_string_equal(eco_of(NULL, NULL, PKG_MAVEN, b, 64), "Maven");
}

static void
ecosystem_is_null_when_nothing_matches(void **state)
{
	char b[64];

	(void)state;
	/* No OS found, an OS with no version, a package of another
	 * distro's manager, a distro without per-release OSV data. */
	assert_null(eco_of(NULL, NULL, PKG_APK, b, 64));
	assert_null(eco_of("alpine", NULL, PKG_APK, b, 64));
	assert_null(eco_of("alpine", "3.10.4", PKG_DEB, b, 64));
	assert_null(eco_of("debian", "12", PKG_APK, b, 64));
	assert_null(eco_of("redhat", "9.3", PKG_RPM, b, 64));
	assert_null(eco_of("bottlerocket", "1.19", PKG_BOTTLEROCKET, b, 64));
	/* Too small a buffer is no match, never a cut string. */
	assert_null(eco_of("alpine", "3.10.4", PKG_APK, b, 8));
}

static struct pkg *
add(struct pkg_list *l, enum pkg_type t, const char *name, const char *ver)
{
	struct pkg *p = pkg_list_add(l, t);

	p->name = pkg_strdup(l, name);
	p->version = pkg_strdup(l, ver);
	p->layer_index = 2;
	p->layer_digest = "sha256:ab";
	p->path = "lib/apk/db/installed";
	return p;
}

static void
build_keeps_matchable_packages_with_their_place(void **state)
{
	struct pkg_list l;
	struct pkgmatch pm;
	struct pkg *p;

	(void)state;
	pkg_list_init(&l);
	l.has_os = true;
	l.os.family = "alpine";
	l.os.version = "3.10.4";
	p = add(&l, PKG_APK, "libssl1.1", "1.1.1d-r2");
	p->src_name = "openssl";
	p->src_version = "1.1.1d-r2";
	add(&l, PKG_DEB, "bash", "5.2.15-2"); /* no Debian here */
	p = add(&l, PKG_MAVEN, "log4j-core", "2.14.1");
	p->group = "org.apache.logging.log4j";
	p->src_name = "ignored";
	add(&l, PKG_NPM, "lodash", ""); /* no version */
	pkg_list_finalize(&l);
	pkgmatch_build(&pm, &l);

	assert_int_equal(pm.n, 2);
	assert_int_equal(pm.skipped, 2);
	assert_string_equal(pm.v[0].ecosystem, "alpine:3.10.4");
	assert_string_equal(pm.v[0].name, "libssl1.1");
	assert_string_equal(pm.v[0].source_name, "openssl");
	assert_string_equal(pm.v[0].source_version, "1.1.1d-r2");
	assert_non_null(pm.v[0].purl);
	assert_ptr_equal(pm.v[0].loc, &pm.locs[0]);
	assert_int_equal(pm.locs[0].layer_index, 2);
	assert_string_equal(pm.locs[0].layer_digest, "sha256:ab");
	assert_string_equal(pm.locs[0].path, "lib/apk/db/installed");
	assert_ptr_equal(pm.from[0], l.v[0]);
	assert_string_equal(pm.v[1].ecosystem, "Maven");
	assert_string_equal(pm.v[1].name,
			    "org.apache.logging.log4j:log4j-core");
	assert_null(pm.v[1].source_name);
	pkgmatch_release(&pm);
	pkg_list_release(&l);
}

static struct finding *
vuln(struct findings *fs, const char *id, enum severity sev, const char *pkg,
     const char *fixed, const char *alias)
{
	struct location loc = LOCATION_INIT;
	struct finding *f;

	loc.target = "img";
	loc.path = "lib/apk/db/installed";
	loc.layer_index = 0;
	f = findings_add(fs, id, sev, id, &loc, "%s", pkg);
	finding_vuln(f)->pkg_name = strdup(pkg);
	f->vuln->pkg_version = strdup("1.0-r0");
	f->vuln->fixed_version = fixed ? strdup(fixed) : NULL;
	if (sev == SEV_HIGH)
		f->vuln->cvss_vector = strdup("CVSS:3.1/high");
	if (alias)
		strvec_push(&f->aliases, alias);
	return f;
}

static void
dedup_folds_one_advisory_from_two_sources(void **state)
{
	struct findings fs = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;

	(void)state;
	findings_add(&fs, "IM001", SEV_HIGH, "before", &loc, "kept as is");
	vuln(&fs, "CVE-1", SEV_UNKNOWN, "openssl", NULL, NULL);
	vuln(&fs, "CVE-2", SEV_LOW, "openssl", "2.0-r0", NULL);
	vuln(&fs, "CVE-1", SEV_HIGH, "openssl", "1.2-r0", "GHSA-x");
	vuln(&fs, "CVE-1", SEV_LOW, "libssl", "1.2-r0", NULL);
	findings_add(&fs, "IM005", SEV_LOW, "after", &loc, "kept too");
	vuln(&fs, "CVE-2", SEV_MEDIUM, "openssl", NULL, "GHSA-y");

	/* From 1: the finding before `from` is never looked at. */
	assert_int_equal(vuln_findings_dedup(&fs, 1), 2);
	assert_int_equal(fs.n, 5);
	assert_string_equal(fs.v[0].id, "IM001");
	/* CVE-1 openssl: the copy with the fix, its HIGH and its alias. */
	assert_string_equal(fs.v[1].id, "CVE-1");
	assert_string_equal(fs.v[1].vuln->fixed_version, "1.2-r0");
	assert_int_equal(fs.v[1].severity, SEV_HIGH);
	assert_string_equal(fs.v[1].vuln->cvss_vector, "CVSS:3.1/high");
	assert_true(strvec_contains(&fs.v[1].aliases, "GHSA-x"));
	/* CVE-2: the fix stays, the worse severity and alias are taken. */
	assert_string_equal(fs.v[2].id, "CVE-2");
	assert_string_equal(fs.v[2].vuln->fixed_version, "2.0-r0");
	assert_int_equal(fs.v[2].severity, SEV_MEDIUM);
	assert_true(strvec_contains(&fs.v[2].aliases, "GHSA-y"));
	/* Another package is another finding; order is kept. */
	assert_string_equal(fs.v[3].vuln->pkg_name, "libssl");
	assert_string_equal(fs.v[4].id, "IM005");
	findings_release(&fs);
}

static void
totals_say_checked_counts_or_why_not(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;
	struct location loc = LOCATION_INIT;
	struct report_style st = { false, false };

	(void)state;
	findings_add(&r.findings, "IM001", SEV_HIGH, "root", &loc, "root");
	vuln(&r.findings, "CVE-1", SEV_CRITICAL, "openssl", "1.2-r0", NULL);
	vuln(&r.findings, "CVE-2", SEV_MEDIUM, "musl", NULL, NULL);
	vuln(&r.findings, "CVE-3", SEV_MEDIUM, "zlib", NULL, NULL)->suppressed =
	    true;

	/* A command that does not check vulnerabilities says nothing. */
	report_vuln_totals(&r, &out);
	assert_int_equal(out.len, 0);

	r.vulns.applies = true;
	r.vulns.checked = true;
	report_vuln_totals(&r, &out);
	assert_string_equal(out.data, "Vulnerabilities: 2 (CRITICAL: 1, "
				      "HIGH: 0, MEDIUM: 1, LOW: 0)\n");
	buf_reset(&out);
	report_table(&r, &st, &out);
	assert_non_null(strstr(out.data, "Vulnerabilities: 2 (CRITICAL: 1"));
	assert_non_null(strstr(out.data, "Total: 3 (CRITICAL: 1, HIGH: 1"));
	/* The columns: package, installed, fixed or "not fixed". */
	assert_non_null(strstr(out.data, "openssl  1.0-r0  1.2-r0"));
	assert_non_null(strstr(out.data, "musl     1.0-r0  not fixed"));

	buf_reset(&out);
	r.vulns.checked = false;
	r.vulns.not_checked = strdup("no database");
	report_vuln_totals(&r, &out);
	assert_string_equal(out.data,
			    "Vulnerabilities: not checked (no database)\n");
	buf_release(&out);
	report_release(&r);
}

static void
json_says_whether_vulnerabilities_were_checked(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;
	json_t *j, *v;

	(void)state;
	r.command = "image";
	vuln(&r.findings, "CVE-1", SEV_HIGH, "openssl", "1.2-r0", NULL);
	r.vulns.applies = true;
	r.vulns.checked = true;
	r.vulns.database = strdup("/tmp/v.db");
	r.vulns.age_days = 3;
	report_json(&r, &out);
	j = json_loads(out.data, 0, NULL);
	assert_non_null(j);
	v = json_object_get(j, "vulnerabilities");
	assert_true(json_is_true(json_object_get(v, "checked")));
	assert_string_equal(json_string_value(json_object_get(v, "database")),
			    "/tmp/v.db");
	assert_int_equal(json_integer_value(json_object_get(v, "age_days")), 3);
	assert_int_equal(json_integer_value(json_object_get(v, "HIGH")), 1);
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 1);
	json_decref(j);

	buf_reset(&out);
	r.vulns.checked = false;
	r.vulns.not_checked = strdup("no database");
	report_json(&r, &out);
	j = json_loads(out.data, 0, NULL);
	v = json_object_get(j, "vulnerabilities");
	assert_true(json_is_false(json_object_get(v, "checked")));
	assert_string_equal(json_string_value(json_object_get(v, "reason")),
			    "no database");
	assert_null(json_object_get(v, "total"));
	json_decref(j);

	buf_reset(&out);
	r.vulns.applies = false;
	report_json(&r, &out);
	j = json_loads(out.data, 0, NULL);
	assert_null(json_object_get(j, "vulnerabilities"));
	json_decref(j);
	buf_release(&out);
	report_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ecosystem_names_distro_and_release),
		cmocka_unit_test(ecosystem_is_null_when_nothing_matches),
		cmocka_unit_test(
		    build_keeps_matchable_packages_with_their_place),
		cmocka_unit_test(dedup_folds_one_advisory_from_two_sources),
		cmocka_unit_test(totals_say_checked_counts_or_why_not),
		cmocka_unit_test(
		    json_says_whether_vulnerabilities_were_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
