/*
 * CVSS scores: vectors with published scores, from the CVSS v3.1
 * specification's examples document and the v2 guide; CVSS v4.0 vectors
 * from FIRST's v4.0 documents, worked by hand through the specification's
 * algorithm, and checked against an independent implementation
 * (ae-cvss-calculator); and malformed vectors that must be refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vuln/cvss.h"

struct known {
	const char *vector;
	double score;
};

static void
check_known(const struct known *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct err e = ERR_INIT;
		double s = -1;

		if (cvss_score(k[i].vector, &s, NULL, &e))
			fail_msg("%s: %s", k[i].vector, e.msg);
		if (fabs(s - k[i].score) > 0.001)
			fail_msg("%s: got %.1f, want %.1f", k[i].vector, s,
				 k[i].score);
	}
}

static void
v31_specification_examples(void **state)
{
	static const struct known k[] = {
		/* the usual worst case, and Shellshock CVE-2014-6271 */
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8 },
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0 },
		/* phpMyAdmin XSS CVE-2013-1937 */
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1 },
		/* MySQL CVE-2013-0375 */
		{ "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4 },
		/* Heartbleed CVE-2014-0160 */
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5 },
		/* VMware guest to host CVE-2012-1516 */
		{ "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9 },
		/* Adobe Reader CVE-2009-0658 */
		{ "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8 },
		/* Bluetooth CVE-2011-1265 */
		{ "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8 },
		/* Sophos physical CVE-2014-2005 */
		{ "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8 },
		/* Joomla CVE-2010-0467 */
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8 },
		/* POODLE CVE-2014-3566 */
		{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1 },
		/* TCP reset CVE-2004-0230 */
		{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L", 3.7 },
		/* Badlock CVE-2016-0128 */
		{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8 },
		/* no impact is no score */
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0 },
		/* scope changed raises PR weights: L 0.68, H 0.5 */
		{ "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 9.1 },
		{ "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 8.8 },
		/* temporal metrics are ignored */
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C",
		  9.8 },
		{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8 },
		{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1 },
	};

	(void)state;
	check_known(k, sizeof(k) / sizeof(*k));
}

static void
v2_guide_examples(void **state)
{
	static const struct known k[] = {
		{ "AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5 },
		{ "AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0 },
		{ "AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3 },
		{ "(AV:N/AC:L/Au:N/C:N/I:N/A:C)", 7.8 },
		{ "AV:L/AC:H/Au:N/C:C/I:C/A:C", 6.2 },
	};

	(void)state;
	check_known(k, sizeof(k) / sizeof(*k));
}

static void
severity_bands(void **state)
{
	(void)state;
	assert_int_equal(cvss_severity(0.0, false), SEV_UNKNOWN);
	assert_int_equal(cvss_severity(0.1, false), SEV_LOW);
	assert_int_equal(cvss_severity(3.9, false), SEV_LOW);
	assert_int_equal(cvss_severity(4.0, false), SEV_MEDIUM);
	assert_int_equal(cvss_severity(6.9, false), SEV_MEDIUM);
	assert_int_equal(cvss_severity(7.0, false), SEV_HIGH);
	assert_int_equal(cvss_severity(8.9, false), SEV_HIGH);
	assert_int_equal(cvss_severity(9.0, false), SEV_CRITICAL);
	assert_int_equal(cvss_severity(10.0, true), SEV_HIGH);
}

static void
v40_base_scores(void **state)
{
	static const struct known k[] = {
		/* FIRST's headline example: macrovector 000200 is 9.3 and the
		 * only step with a distance (EQ4: SC/SI/SA N, 3 below L) has
		 * no lower macrovector. */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N",
		  9.3 },
		/* a most severe vector of macrovector 000100 (10.0) */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/"
		  "SA:H",
		  10.0 },
		/* local, low privileges: FIRST's examples give 8.5 */
		{ "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N",
		  8.5 },
		/* 101100 is 8.6; EQ3+EQ6 is the one step with a distance: VA
		 * N is 2 below VC:H/VI:L/VA:H, over depth 8, times the 1.0 gap
		 * to 101101 (7.6), over 5 lower macrovectors: 8.6 - 0.05 =
		 * 8.55, exactly half way, which rounds up. */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/"
		  "SA:H",
		  8.6 },
		{ "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N",
		  9.2 },
		/* the least severe level of every set but EQ5: E is not
		 * given, so it counts as Attacked, macrovector 212201 is 1.0,
		 * and the one lower macrovector (EQ5) is at distance 0 */
		{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/"
		  "SA:L",
		  1.0 },
		{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/"
		  "SA:L",
		  1.0 },
		/* no impact on either system */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/"
		  "SA:N",
		  0.0 },
	};

	(void)state;
	check_known(k, sizeof(k) / sizeof(*k));
}

static void
v40_threat_and_environmental_scores(void **state)
{
	static const struct known k[] = {
		/* E:U moves to macrovector 000220, 8.1, with no lower EQ4
		 * or EQ5 level to step towards */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/E:U",
		  8.1 },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/E:P",
		  8.9 },
		/* E:A and every X are the worst case: the base score */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/E:A",
		  9.3 },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MSI:X/S:X/U:X",
		  9.3 },
		/* requirements below High move EQ6 to 1 */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/CR:L/IR:L/AR:L",
		  8.9 },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/CR:M/IR:M/AR:M",
		  9.0 },
		/* modified base metrics replace the base ones */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/MAV:P/MPR:H",
		  7.0 },
		{ "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/"
		  "SA:N/MVC:H/MVI:H",
		  8.5 },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/MVC:N/MVI:N/MVA:N",
		  0.0 },
		/* Safety on the subsequent system is EQ4 level 0 */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/"
		  "SA:N/MSI:S",
		  8.9 },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/"
		  "SA:N/MSA:S",
		  8.9 },
		/* supplemental metrics do not change the score */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red",
		  9.3 },
		{ "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:L/VA:H/SC:L/SI:H/"
		  "SA:N/E:P/CR:M/IR:H/AR:L/MAC:L/MUI:N/MSC:H/MSA:S",
		  6.5 },
		/* metrics out of the specification's order are accepted */
		{ "CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/"
		  "AV:N",
		  9.3 },
	};

	(void)state;
	check_known(k, sizeof(k) / sizeof(*k));
}

static void
v40_nomenclature_follows_defined_groups(void **state)
{
	static const struct {
		const char *suffix;
		const char *want;
	} k[] = {
		{ "", "CVSS-B" },
		{ "/E:X/CR:X/MAV:X/U:Amber", "CVSS-B" },
		{ "/E:P", "CVSS-BT" },
		{ "/CR:L", "CVSS-BE" },
		{ "/MSI:S", "CVSS-BE" },
		{ "/E:U/MAV:L", "CVSS-BTE" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(k) / sizeof(*k); i++) {
		char v[CVSS_MAX_VECTOR];
		struct err e = ERR_INIT;
		struct cvss c;

		snprintf(v, sizeof(v),
			 "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
			 "SC:N/SI:N/SA:N%s",
			 k[i].suffix);
		if (cvss_compute(v, &c, &e))
			fail_msg("%s: %s", v, e.msg);
		assert_int_equal(c.version, CVSS_V40);
		assert_string_equal(c.nomenclature, k[i].want);
	}
}

static void
v40_malformed_vectors_are_refused(void **state)
{
	static const char *const bad[] = {
		"CVSS:4.0/AV:N/AC:L",
		/* base metrics take no X */
		"CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N",
		/* Safety belongs to the modified metrics only */
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/"
		"SA:N",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/MSC:S",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/E:Z",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/U:red",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/XX:Y",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/E:P/E:A",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/CR:X/CR:X",
		/* 3.x metric names are not 4.0 ones */
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/C:H",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/:H",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		"SA:N/E:",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct err e = ERR_INIT;
		enum cvss_version v;
		double s;

		if (cvss_score(bad[i], &s, &v, &e) != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(v, CVSS_V40);
		assert_true(e.msg[0] != '\0');
	}
}

static void
malformed_vectors_are_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"CVSS:3.1/",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
		"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H//",
		"CVSS:9.9/AV:N",
		"AV:N/AC:L/Au:N/C:P/I:P",
		"(AV:N/AC:L/Au:N/C:P/I:P/A:P",
		"(AV:N/AC:L/Au:N/C:P/I:P/A:P)/E:F)",
		"9.8",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct err e = ERR_INIT;
		double s;

		if (cvss_score(bad[i], &s, NULL, &e) != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_true(e.msg[0] != '\0');
	}
}

/*
 * The four ways the specifications make a vector invalid, for every
 * version alike: an unknown metric, a metric given twice (base or not), a
 * value the metric does not have (base or not), and a base metric left
 * out; also a trailing '/', which no version's grammar allows.  Each
 * valid vector is checked first, so that only the change makes it bad.
 */
static void
every_version_refuses_the_same_kinds_of_invalid_vector(void **state)
{
	static const struct {
		const char *valid;  /* a full valid vector */
		const char *nobase; /* the same with a base metric removed */
		const char *tail[9];
	} v[] = {
		{ "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:F",
		  "AV:N/AC:L/Au:N/C:P/I:P/E:F",
		  { "/XX:Y", "/CVSS:2", "/E:H", "/A:C", "/RL:Z", "/RL:X",
		    "/CDP:HH", "/", "/TD:" } },
		{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X",
		  "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/E:X",
		  { "/XX:Y", "/AT:N", "/E:H", "/A:L", "/RL:Z", "/MAV:ND",
		    "/MSI:S", "/", "/RC:" } },
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X",
		  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/E:X",
		  { "/XX:Y", "/Au:N", "/E:H", "/A:L", "/RL:Z", "/CR:ND",
		    "/MS:X:Y", "/", "/RC:" } },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/E:X",
		  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "E:X",
		  { "/XX:Y", "/S:N/S:N", "/E:A", "/VA:L", "/CR:ND", "/MAV:Z",
		    "/MSC:S", "/", "/R:" } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		struct err e = ERR_INIT;
		char buf[512];
		double score;

		if (cvss_score(v[i].valid, &score, NULL, &e))
			fail_msg("refused '%s': %s", v[i].valid, e.msg);
		if (!cvss_score(v[i].nobase, &score, NULL, &e))
			fail_msg("accepted '%s'", v[i].nobase);
		for (size_t j = 0; j < sizeof(v[i].tail) / sizeof(char *);
		     j++) {
			snprintf(buf, sizeof(buf), "%s%s", v[i].valid,
				 v[i].tail[j]);
			err_clear(&e);
			if (cvss_score(buf, &score, NULL, &e) != -1)
				fail_msg("accepted '%s' (%.1f)", buf, score);
			assert_true(e.msg[0] != '\0');
		}
	}
}

/* The errors name the problem the same way for every version. */
static void
invalid_vectors_say_what_is_wrong(void **state)
{
	static const struct {
		const char *vector, *msg;
	} k[] = {
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y",
		  "unknown metric 'XX'" },
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:H",
		  "metric 'E' given twice" },
		{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/RL:Q",
		  "unknown value 'Q' for metric 'RL'" },
		{ "AV:N/AC:L/Au:N/C:P/I:P/A:P/XX:Y", "unknown metric 'XX'" },
		{ "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:F/E:F",
		  "metric 'E' given twice" },
		{ "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X",
		  "unknown value 'X' for metric 'E'" },
		{ "AV:N/AC:L/Au:N/C:P/I:P", "base metric 'A' missing" },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
		  "SA:N/XX:Y",
		  "unknown metric 'XX'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(k) / sizeof(*k); i++) {
		struct err e = ERR_INIT;
		double score;

		assert_int_equal(cvss_score(k[i].vector, &score, NULL, &e), -1);
		if (!strstr(e.msg, k[i].msg))
			fail_msg("'%s': got '%s', want '%s'", k[i].vector,
				 e.msg, k[i].msg);
	}
}

/* Temporal and environmental metrics of 2 and 3.x, every value: valid,
 * and they leave the base score alone. */
static void
v2_v3_other_metrics_are_checked_and_ignored(void **state)
{
	static const struct known k[] = {
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:W/RC:R/"
		  "CR:L/IR:M/AR:H/MAV:P/MAC:H/MPR:H/MUI:R/MS:C/MC:N/MI:L/MA:X",
		  9.8 },
		{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:T/RC:U",
		  9.8 },
		{ "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:TF/RC:UR/CDP:MH/TD:L/"
		  "CR:H/IR:M/AR:ND",
		  7.5 },
		{ "(AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:ND/RC:ND)", 7.5 },
	};

	(void)state;
	check_known(k, sizeof(k) / sizeof(*k));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v31_specification_examples),
		cmocka_unit_test(v2_guide_examples),
		cmocka_unit_test(severity_bands),
		cmocka_unit_test(v40_base_scores),
		cmocka_unit_test(v40_threat_and_environmental_scores),
		cmocka_unit_test(v40_nomenclature_follows_defined_groups),
		cmocka_unit_test(v40_malformed_vectors_are_refused),
		cmocka_unit_test(malformed_vectors_are_refused),
		cmocka_unit_test(
		    every_version_refuses_the_same_kinds_of_invalid_vector),
		cmocka_unit_test(invalid_vectors_say_what_is_wrong),
		cmocka_unit_test(v2_v3_other_metrics_are_checked_and_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
