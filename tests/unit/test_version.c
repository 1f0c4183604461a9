/*
 * Version schemes: the upstream comparison vectors in data/versions (each
 * line checked in both directions), and vectors written here from the
 * PEP 440, Go module, Maven ComparableVersion and RubyGems specifications.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vuln/version.h"

static int
cmp_of(const char *scheme, const char *a, const char *b)
{
	const struct version_scheme *s = version_scheme_find(scheme);
	int c = 99;

	assert_non_null(s);
	if (version_compare(s, a, b, &c))
		fail_msg("%s: cannot compare '%s' and '%s'", scheme, a, b);
	return c;
}

static int
op_value(const char *op)
{
	return !strcmp(op, "<") ? -1 : !strcmp(op, ">") ? 1 : 0;
}

/* Check every line of data/versions/FILE; returns the lines read. */
static int
run_vectors(const char *file, const char *scheme, int expect_lines)
{
	char path[512], line[1024];
	int n = 0, bad = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/versions/%s", HULL_TEST_DATA, file);
	fp = fopen(path, "r");
	if (!fp) {
		print_message("skipped: ../shared/data is absent\n");
		skip();
	}
	while (fgets(line, sizeof(line), fp)) {
		char *a = line, *op, *b;
		int want;

		line[strcspn(line, "\n")] = '\0';
		op = strchr(a, '\t');
		assert_non_null(op);
		*op++ = '\0';
		b = strchr(op, '\t');
		assert_non_null(b);
		*b++ = '\0';
		want = op_value(op);
		n++;
		if (cmp_of(scheme, a, b) != want ||
		    cmp_of(scheme, b, a) != -want) {
			print_error("%s:%d: %s %s %s\n", file, n, a, op, b);
			bad++;
		}
	}
	fclose(fp);
	assert_int_equal(bad, 0);
	assert_int_equal(n, expect_lines);
	return n;
}

static void
apk_upstream_vectors_all_pass(void **state)
{
	(void)state;
	run_vectors("apk.tsv", "apk", 707);
}

static void
dpkg_upstream_vectors_all_pass(void **state)
{
	(void)state;
	run_vectors("dpkg.tsv", "dpkg", 40);
}

static void
rpm_upstream_vectors_all_pass(void **state)
{
	(void)state;
	run_vectors("rpm.tsv", "rpm", 69);
}

static void
semver_upstream_vectors_all_pass(void **state)
{
	(void)state;
	run_vectors("semver.tsv", "semver", 19);
	run_vectors("semver-loose.tsv", "semver", 12);
}

static void
apk_invalid_string_sorts_like_apk_tools(void **state)
{
	const struct version_scheme *s = version_scheme_find("apk");

	(void)state;
	assert_false(s->valid("1.0bc"));
	assert_false(s->valid("23_foo"));
	assert_true(s->valid("1.2.3_rc1_p2-r10"));
	assert_int_equal(cmp_of("apk", "1.0", "1.0bc"), -1);
	assert_int_equal(cmp_of("apk", "1.0bc", "1.0"), 1);
}

static void
dpkg_rejects_empty_parts(void **state)
{
	const struct version_scheme *s = version_scheme_find("dpkg");
	int c;

	(void)state;
	assert_false(s->valid("0foo-"));
	assert_false(s->valid("-0.6.5"));
	assert_false(s->valid(":1.0"));
	assert_false(s->valid("a:1.0"));
	assert_false(s->valid("1.0 1"));
	assert_true(s->valid("1:2.30-1+deb12u1~bpo"));
	assert_int_equal(version_compare(s, "0foo-", "0foo", &c), -1);
	assert_int_equal(cmp_of("dpkg", "1.0~~", "1.0~"), -1);
	assert_int_equal(cmp_of("dpkg", "1.0~", "1.0"), -1);
	assert_int_equal(cmp_of("dpkg", "1.0+a", "1.0a"), 1);
}

static void
rpm_tilde_caret_and_epoch(void **state)
{
	(void)state;
	assert_int_equal(cmp_of("rpm", "1.0^git1", "1.0"), 1);
	assert_int_equal(cmp_of("rpm", "1.0^git1", "1.0.1"), -1);
	assert_int_equal(cmp_of("rpm", "1.0^git1", "1.0^git2"), -1);
	assert_int_equal(cmp_of("rpm", "1.0~rc1^git1", "1.0~rc1"), 1);
	assert_int_equal(cmp_of("rpm", "1.0~rc1^git1", "1.0"), -1);
	assert_int_equal(cmp_of("rpm", "1:1.0-1", "2.0-1"), 1);
	assert_int_equal(cmp_of("rpm", "0:1.0-1", "1.0-1"), 0);
	assert_int_equal(cmp_of("rpm", "1.0-2.el9", "1.0-10.el9"), -1);
	assert_int_equal(cmp_of("rpm", "7.76.1-26.el9_3.2", "7.76.1-26.el9"),
			 1);
}

/* Assert that list[0] < list[1] < ... pairwise, in both directions. */
static void
assert_ascending(const char *scheme, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (cmp_of(scheme, list[i], list[j]) != -1 ||
			    cmp_of(scheme, list[j], list[i]) != 1)
				fail_msg("%s: expected '%s' < '%s'", scheme,
					 list[i], list[j]);
		}
}

static void
assert_same(const char *scheme, const char *const *pairs, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		if (cmp_of(scheme, pairs[i], pairs[i + 1]) != 0)
			fail_msg("%s: expected '%s' = '%s'", scheme, pairs[i],
				 pairs[i + 1]);
}

/* PEP 440, "Summary of permitted suffixes and relative ordering". */
static void
pep440_spec_ordering(void **state)
{
	static const char *const order[] = {
		"1.dev0",
		"1.0.dev456",
		"1.0a1",
		"1.0a2.dev456",
		"1.0a12.dev456",
		"1.0a12",
		"1.0b1.dev456",
		"1.0b2",
		"1.0b2.post345.dev456",
		"1.0b2.post345",
		"1.0rc1.dev456",
		"1.0rc1",
		"1.0",
		"1.0+abc.5",
		"1.0+abc.7",
		"1.0+5",
		"1.0.post456.dev34",
		"1.0.post456",
		"1.0.15",
		"1.1.dev1",
		"1!0.1",
	};
	static const char *const same[] = {
		"1.0",		"1.0.0",	"1.0a1",	"1.0alpha1",
		"1.0-a.1",	"1.0a1",	"1.0c1",	"1.0rc1",
		"1.0pre1",	"1.0rc1",	"1.0-1",	"1.0.post1",
		"1.0r",		"1.0.post0",	"1.0rev1",	"1.0post1",
		"v1.0",		"1.0",		"1.0.DEV2",	"1.0.dev2",
		"0!1.0",	"1.0",		"1.0+ubuntu-1", "1.0+ubuntu.1",
		"1.0+Ubuntu.1", "1.0+ubuntu.1",
	};
	const struct version_scheme *s = version_scheme_find("PyPI");

	(void)state;
	assert_ascending("pep440", order, sizeof(order) / sizeof(*order));
	assert_same("pep440", same, sizeof(same) / sizeof(*same));
	assert_false(s->valid("1.0-"));
	assert_false(s->valid("french toast"));
	assert_false(s->valid("1.0+"));
	assert_false(s->valid("1..0"));
	assert_true(s->valid(" 1.0.post1.dev2+local.7 "));
}

/* Go module versions (semver with "v"), pseudo-versions, toolchains. */
static void
go_module_and_toolchain_ordering(void **state)
{
	static const char *const order[] = {
		"v0.0.0-20191109021931-daa7c04131f5",
		"v0.0.0-20220906165146-f3363e06e74c",
		"v0.0.0",
		"v0.1.0-alpha",
		"v1.0.0-alpha",
		"v1.0.0-alpha.1",
		"v1.0.0-alpha.beta",
		"v1.0.0-beta",
		"v1.0.0-beta.2",
		"v1.0.0-beta.11",
		"v1.0.0-rc.1",
		"v1.0.0",
		"v1.2.0",
		"v1.2.1-0.20230101000000-abcdefabcdef",
		"v1.2.1",
		"v2.0.0+incompatible",
		"v2.1.0",
	};
	static const char *const toolchain[] = {
		"go1.9",       "go1.10",    "go1.20",	 "go1.20.14",
		"go1.21beta1", "go1.21rc1", "go1.21rc2", "go1.21.0",
		"go1.21.3",    "go1.22.0",
	};
	static const char *const same[] = {
		"v2.0.0+incompatible",
		"v2.0.0",
		"1.18.6",
		"v1.18.6",
		"go1.21.3",
		"1.21.3",
		"v1",
		"v1.0.0",
		"v1.2",
		"v1.2.0",
		"go1.21rc2",
		"1.21.0-rc.2",
	};
	const struct version_scheme *s = version_scheme_find("Go");

	(void)state;
	assert_ascending("go", order, sizeof(order) / sizeof(*order));
	assert_ascending("go", toolchain,
			 sizeof(toolchain) / sizeof(*toolchain));
	assert_same("go", same, sizeof(same) / sizeof(*same));
	assert_false(s->valid("v1.2.3.4"));
	assert_false(s->valid("vx"));
	assert_false(s->valid("v01.2.3"));
	assert_false(s->valid("v1.2-pre"));
	assert_false(s->valid("go1"));
	assert_false(s->valid("go1.21xyz"));
}

/* Maven's own ComparableVersion test lists, each in ascending order. */
static void
maven_comparable_version_ordering(void **state)
{
	static const char *const qualifiers[] = {
		"1-alpha2snapshot",
		"1-alpha2",
		"1-alpha-123",
		"1-beta-2",
		"1-beta123",
		"1-m2",
		"1-m11",
		"1-rc",
		"1-cr2",
		"1-rc123",
		"1-SNAPSHOT",
		"1",
		"1-sp",
		"1-sp2",
		"1-sp123",
		"1-abc",
		"1-def",
		"1-pom-1",
		"1-1-snapshot",
		"1-1",
		"1-2",
		"1-123",
	};
	static const char *const numbers[] = {
		"2.0",	   "2-1",     "2.0.a",	"2.0.0.a", "2.0.2",
		"2.0.123", "2.1.0",   "2.1-a",	"2.1b",	   "2.1-c",
		"2.1-1",   "2.1.0.1", "2.2",	"2.123",   "11.a2",
		"11.a11",  "11.b2",   "11.b11", "11.m2",   "11.m11",
		"11",	   "11.a",    "11b",	"11c",	   "11m",
	};
	static const char *const same[] = {
		"1",	     "1.0",	"1",	    "1.0.0",	"1.0",
		"1.0.0",     "1",	"1-0",	    "1",	"1.0-0",
		"1.0",	     "1.0-0",	"1a",	    "1-a",	"1a",
		"1.0-a",     "1a",	"1.0.0-a",  "1.0a",	"1-a",
		"1.0.0a",    "1-a",	"1x",	    "1-x",	"1x",
		"1.0-x",     "1ga",	"1",	    "1release", "1",
		"1final",    "1",	"1cr",	    "1rc",	"1a1",
		"1-alpha-1", "1b2",	"1-beta-2", "1m3",	"1-milestone-3",
		"1X",	     "1x",	"1A",	    "1a",	"1-GA",
		"1",	     "1-FINAL", "1",
	};

	(void)state;
	assert_ascending("maven", qualifiers,
			 sizeof(qualifiers) / sizeof(*qualifiers));
	assert_ascending("maven", numbers, sizeof(numbers) / sizeof(*numbers));
	assert_same("maven", same, sizeof(same) / sizeof(*same));
}

/* Gem::Version: words make prereleases; trailing zeros do not count. */
static void
rubygems_ordering(void **state)
{
	static const char *const order[] = {
		"0.9",	   "1.0.a", "1.0.a.2", "1.0.b1", "1.0-pre",
		"1.0.rc1", "1.0",   "1.0.1",   "1.1",	 "1.10",
	};
	static const char *const same[] = {
		"1.0",	  "1",	     "1.0.0", "1",
		"1.0.b1", "1.0.b.1", "1.0-1", "1.0.pre.1",
	};

	(void)state;
	assert_ascending("gem", order, sizeof(order) / sizeof(*order));
	assert_same("gem", same, sizeof(same) / sizeof(*same));
}

/*
 * Pre-releases sort before their release and post-releases after it, also
 * when the last number of the release is 0 ("1.0_rc1" < "1.0").  Each
 * list is ascending by its scheme's specification: apk-tools' grammar
 * (digits, letter, suffixes, -rN), dpkg's and rpm's '~' and '^', semver
 * 2.0.0 section 11, PEP 440's suffix order and Maven's qualifier order.
 */
static void
prereleases_sort_before_a_release_ending_in_zero(void **state)
{
	static const char *const apk_zero[] = {
		"1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre", "1.0_rc",
		"1.0_rc1",   "1.0",	   "1.0-r1",   "1.0_cvs", "1.0_svn",
		"1.0_git",   "1.0_hg",	   "1.0_p",    "1.0_p1",  "1.0a",
		"1.0b",	     "1.0.1",
	};
	static const char *const apk_one[] = {
		"1.1_alpha", "1.1_beta", "1.1_pre", "1.1_rc1", "1.1",
		"1.1-r1",    "1.1_cvs",	 "1.1_svn", "1.1_git", "1.1_hg",
		"1.1_p1",    "1.1a",	 "1.1.1",
	};
	static const char *const apk_more[] = {
		"0_rc1",     "0",	   "0.0_alpha", "0.0",	     "1.00_rc1",
		"1.00",	     "1.0_rc1-r1", "1.0-r0",	"1.2.0_pre", "1.2.0",
		"3.0_alpha", "3.0",	   "3.0_p1",	"3.0_p1-r1",
	};
	static const char *const dpkg[] = {
		"0~rc1", "0",	  "1.0~~",   "1.0~",  "1.0~rc1",   "1.0",
		"1.0a",	 "1.0+0", "1.0.0~1", "1.0.0", "1.0.0-0+1",
	};
	static const char *const rpm[] = {
		"0~rc1",    "0",	   "0^",    "1.0~",
		"1.0~rc1",  "1.0~rc1^git", "1.0",   "1.0^",
		"1.0^git1", "1.0.0~rc1",   "1.0.0", "1.0.0^1",
	};
	static const char *const semver[] = {
		"0.0.0-0",    "0.0.0-0.0", "0.0.0-alpha", "0.0.0-rc",
		"0.0.0-rc.0", "0.0.0",	   "1.0.0-0",	  "1.0.0-rc.1",
		"1.0.0",      "1.0.1-rc",  "1.0.1",
	};
	static const char *const pep440[] = {
		"0.dev0",	  "0a0",       "0rc0",	     "0",
		"0.post0",	  "1.0.dev0",  "1.0a0.dev0", "1.0a0",
		"1.0b0",	  "1.0rc0",    "1.0",	     "1.0+0",
		"1.0.post0.dev0", "1.0.post0", "1.0.0.1",
	};
	static const char *const maven[] = {
		"1.0-alpha1", "1.0-beta1",    "1.0-milestone1",
		"1.0-rc1",    "1.0-SNAPSHOT", "1.0",
		"1.0-sp1",    "1.0-foo",      "1.0.1",
	};
	static const char *const same[] = {
		"1.0.0-rc1", "1-rc1", "1.0-0", "1.0", "1.0-ga", "1.0",
	};

	(void)state;
	assert_ascending("apk", apk_zero, sizeof(apk_zero) / sizeof(*apk_zero));
	assert_ascending("apk", apk_one, sizeof(apk_one) / sizeof(*apk_one));
	for (size_t i = 0; i + 1 < sizeof(apk_more) / sizeof(*apk_more); i += 2)
		assert_ascending("apk", apk_more + i, 2);
	assert_ascending("dpkg", dpkg, sizeof(dpkg) / sizeof(*dpkg));
	assert_ascending("rpm", rpm, sizeof(rpm) / sizeof(*rpm));
	assert_ascending("semver", semver, sizeof(semver) / sizeof(*semver));
	assert_ascending("pep440", pep440, sizeof(pep440) / sizeof(*pep440));
	assert_ascending("maven", maven, sizeof(maven) / sizeof(*maven));
	assert_same("maven", same, sizeof(same) / sizeof(*same));
}

static void
ecosystem_names_choose_schemes(void **state)
{
	(void)state;
	assert_string_equal(version_scheme_for_ecosystem("Alpine:v3.19")->name,
			    "apk");
	assert_string_equal(version_scheme_for_ecosystem("Debian:12")->name,
			    "dpkg");
	assert_string_equal(version_scheme_for_ecosystem("npm")->name,
			    "semver");
	assert_string_equal(version_scheme_for_ecosystem("crates.io")->name,
			    "semver");
	assert_string_equal(version_scheme_for_ecosystem("PyPI")->name,
			    "pep440");
	assert_string_equal(version_scheme_for_ecosystem("Go")->name, "go");
	assert_string_equal(version_scheme_for_ecosystem("Maven")->name,
			    "maven");
	assert_string_equal(version_scheme_for_ecosystem("RubyGems")->name,
			    "gem");
	assert_string_equal(
	    version_scheme_for_ecosystem("Red Hat:enterprise_linux:9")->name,
	    "rpm");
	assert_null(version_scheme_for_ecosystem("Nonesuch"));
}

static void
hostile_versions_are_rejected_not_crashed(void **state)
{
	char big[VERSION_MAX_LEN + 10];

	(void)state;
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (size_t i = 0; version_schemes[i]; i++) {
		const struct version_scheme *s = version_schemes[i];
		int c;

		assert_false(s->valid(""));
		assert_false(s->valid(big));
		assert_int_equal(version_compare(s, big, "1", &c), -1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(apk_upstream_vectors_all_pass),
		cmocka_unit_test(dpkg_upstream_vectors_all_pass),
		cmocka_unit_test(rpm_upstream_vectors_all_pass),
		cmocka_unit_test(semver_upstream_vectors_all_pass),
		cmocka_unit_test(apk_invalid_string_sorts_like_apk_tools),
		cmocka_unit_test(dpkg_rejects_empty_parts),
		cmocka_unit_test(rpm_tilde_caret_and_epoch),
		cmocka_unit_test(pep440_spec_ordering),
		cmocka_unit_test(go_module_and_toolchain_ordering),
		cmocka_unit_test(maven_comparable_version_ordering),
		cmocka_unit_test(rubygems_ordering),
		cmocka_unit_test(
		    prereleases_sort_before_a_release_ending_in_zero),
		cmocka_unit_test(ecosystem_names_choose_schemes),
		cmocka_unit_test(hostile_versions_are_rejected_not_crashed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
