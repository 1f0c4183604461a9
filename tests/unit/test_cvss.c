/*
 * CVSS base scores: vectors with published scores, from the CVSS v3.1
 * specification's examples document and the v2 guide, and malformed
 * vectors that must be refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

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
v40_is_validated_but_unscored(void **state)
{
	struct err e = ERR_INIT;
	enum cvss_version v;
	double s;

	(void)state;
	assert_int_equal(
	    cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
		       "SC:N/SI:N/SA:N",
		       &s, &v, &e),
	    CVSS_UNSCORED);
	assert_int_equal(v, CVSS_V40);
	assert_int_equal(cvss_score("CVSS:4.0/AV:N/AC:L", &s, &v, &e), -1);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v31_specification_examples),
		cmocka_unit_test(v2_guide_examples),
		cmocka_unit_test(severity_bands),
		cmocka_unit_test(v40_is_validated_but_unscored),
		cmocka_unit_test(malformed_vectors_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
