/*
 * The filters that keep names out of the generic secret rule: a value
 * made only of identifier characters with a dot is a dotted identifier
 * (os.environ.get), one of upper case, digits and an underscore is a
 * constant's name (AWS_SECRET_ACCESS_KEY); one byte outside the set, or
 * no dot or underscore at all, and the value is judged on its entropy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "secret/secret-internal.h"

static bool
random_str(const char *s)
{
	return secret_looks_random(s, strlen(s));
}

static void
dotted_identifiers_are_names(void **state)
{
	(void)state;
	assert_false(random_str("process.env.Xq7TOKEN"));
	assert_false(random_str("cfg.k9Zx_Qw2.Vb8"));
	/* The same characters without a dot, or with a '-': a value. */
	assert_true(random_str("cfgk9Zx_Qw2Vb8"));
	assert_true(random_str("cfg.k9Zx-Qw2.Vb8"));
}

static void
constant_names_are_names(void **state)
{
	(void)state;
	assert_false(random_str("AWS_SECRET_ACCESS_KEY9"));
	assert_false(random_str("K9ZX_QW2VB8"));
	/* One lower-case letter and it is no constant's name. */
	assert_true(random_str("K9ZX_QW2Vb8"));
	/* A NUL byte is in no set. */
	assert_true(secret_looks_random("K9ZX_QW2\0VB8", 12));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dotted_identifiers_are_names),
		cmocka_unit_test(constant_names_are_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
