/*
 * idents_cmp, the identifier-list comparison behind semver prereleases
 * and PEP 440 local labels: the orders those two specifications give,
 * checked in both directions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "vuln/version-internal.h"

static int
cmp(const char *a, const char *b, const char *seps, unsigned flags)
{
	int r = idents_cmp(a, (int)strlen(a), b, (int)strlen(b), seps, flags);
	int back =
	    idents_cmp(b, (int)strlen(b), a, (int)strlen(a), seps, flags);

	assert_int_equal(r, -back);
	return r;
}

/* semver 2.0.0, item 11: the example order, and what it implies. */
static void
semver_prerelease_order(void **state)
{
	static const char *const order[] = {
		"1",	   "1.1",	 "2",	 "11",	   "alpha",
		"alpha.1", "alpha.beta", "beta", "beta.2", "beta.11",
		"rc",	   "rc.1",	 "rca",
	};

	(void)state;
	for (size_t i = 0; i + 1 < sizeof(order) / sizeof(*order); i++)
		assert_int_equal(cmp(order[i], order[i + 1], ".", 0), -1);
	/* Numbers compare as numbers, leading zeros aside. */
	assert_int_equal(cmp("007", "7", ".", 0), 0);
	/* Words compare in ASCII order: upper case first. */
	assert_int_equal(cmp("RC", "rc", ".", 0), -1);
	/* Only '.' separates: "a-b" is one word. */
	assert_int_equal(cmp("a-b", "a.b", ".", 0), 1);
}

/* PEP 440, local version identifiers: numbers after words, any case,
 * '.', '-' and '_' all separate. */
static void
pep440_local_order(void **state)
{
	const unsigned f =
	    VERSION_IDENTS_NUMBERS_LAST | VERSION_IDENTS_FOLD_CASE;

	(void)state;
	assert_int_equal(cmp("abc", "5", ".-_", f), -1);
	assert_int_equal(cmp("abc.5", "abc.7", ".-_", f), -1);
	assert_int_equal(cmp("abc.10", "abc.9", ".-_", f), 1);
	assert_int_equal(cmp("Ubuntu-1", "ubuntu_1", ".-_", f), 0);
	assert_int_equal(cmp("ubuntu", "ubuntu.1", ".-_", f), -1);
	assert_int_equal(cmp("ub", "ubuntu", ".-_", f), -1);
}

/* The lengths bound the lists: nothing past them is read. */
static void
lengths_bound_the_lists(void **state)
{
	(void)state;
	assert_int_equal(idents_cmp("rc.1", 2, "rc.2", 2, ".", 0), 0);
	assert_int_equal(idents_cmp("rc.1+b", 4, "rc.1", 4, ".", 0), 0);
	assert_int_equal(idents_cmp("", 0, "", 0, ".", 0), 0);
	assert_int_equal(idents_cmp("", 0, "a", 1, ".", 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(semver_prerelease_order),
		cmocka_unit_test(pep440_local_order),
		cmocka_unit_test(lengths_bound_the_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
