/*
 * The rule registry as a whole: ids are unique and well formed, and every
 * rule carries what `hull rules ID` and the reporters print.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <string.h>

#include "rules/rule.h"

static void
rule_ids_are_unique_and_well_formed(void **state)
{
	(void)state;
	assert_true(rules_count() > 100);
	for (unsigned i = 0; i < rules_count(); i++) {
		const char *id = rules_at(i)->id;

		assert_int_equal(strlen(id), 5);
		assert_true(isupper((unsigned char)id[0]) &&
			    isupper((unsigned char)id[1]));
		assert_true(isdigit((unsigned char)id[2]) &&
			    isdigit((unsigned char)id[3]) &&
			    isdigit((unsigned char)id[4]));
		/* Sorted by id, so a repeat sits next to its twin. */
		if (i)
			assert_true(strcmp(rules_at(i - 1)->id, id) < 0);
		assert_ptr_equal(rules_find(id), rules_at(i));
	}
}

static void
every_rule_explains_itself(void **state)
{
	(void)state;
	for (unsigned i = 0; i < rules_count(); i++) {
		const struct rule *r = rules_at(i);

		assert_non_null(r->title);
		assert_true(strlen(r->title) > 5);
		assert_non_null(r->why);
		assert_non_null(r->remediation);
		assert_true(r->severity >= SEV_INFO &&
			    r->severity <= SEV_CRITICAL);
		/* No alias may be another rule's own id. */
		for (const char *const *a = r->aliases; a && *a; a++) {
			const struct rule *o = rules_find(*a);

			assert_true(o == NULL || strcmp(o->id, *a) != 0 ||
				    o == r);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rule_ids_are_unique_and_well_formed),
		cmocka_unit_test(every_rule_explains_itself),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
