/*
 * Unit tests for the YAML tree (anchors, merge keys, limits) and for the
 * policy built from .hull.yaml (overrides, ignores with expiry).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "parse/yaml.h"
#include "report/policy.h"
#include "rules/rule.h"

static void
yaml_resolves_anchors_and_merge_keys(void **state)
{
	const char *text = "base: &b\n  image: app\n  user: root\n"
			   "svc:\n  <<: *b\n  user: app\n  list: [1, 2]\n";
	struct yaml_doc doc;
	const struct yaml_node *svc;

	(void)state;
	assert_int_equal(yaml_parse(&doc, text, strlen(text), "t.yml", NULL),
			 0);
	svc = yaml_get(doc.root, "svc");
	assert_non_null(svc);
	assert_string_equal(yaml_str(yaml_get(svc, "image")), "app");
	/* A key written in the mapping wins over the merged one. */
	assert_string_equal(yaml_str(yaml_get(svc, "user")), "app");
	assert_int_equal(yaml_get(svc, "list")->n, 2);
	assert_int_equal(yaml_get(svc, "user")->line, 6);
	assert_null(yaml_get(svc, "<<"));
	yaml_doc_release(&doc);
}

static void
yaml_rejects_alias_bombs(void **state)
{
	struct buf b = BUF_INIT;
	struct yaml_doc doc;
	struct err e = ERR_INIT;

	(void)state;
	buf_addstr(&b, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (char c = 'b'; c <= 'k'; c++)
		buf_addf(&b,
			 "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, "
			 "*%c, *%c, *%c]\n",
			 c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
			 c - 1, c - 1, c - 1);
	assert_int_equal(yaml_parse(&doc, b.data, b.len, "bomb.yml", &e), -1);
	assert_non_null(strstr(e.msg, "bomb.yml:"));
	assert_non_null(strstr(e.msg, "alias bomb"));
	buf_release(&b);
}

static void
yaml_rejects_deep_nesting_and_bad_syntax(void **state)
{
	struct buf b = BUF_INIT;
	struct yaml_doc doc;
	struct err e = ERR_INIT;

	(void)state;
	for (int i = 0; i < 10000; i++)
		buf_addch(&b, '[');
	assert_int_equal(yaml_parse(&doc, b.data, b.len, "deep.yml", &e), -1);
	assert_non_null(strstr(e.msg, "nesting"));
	assert_int_equal(yaml_parse(&doc, "a: [1, 2\n", 9, "bad.yml", &e), -1);
	assert_non_null(strstr(e.msg, "bad.yml:"));
	buf_release(&b);
}

static void
yaml_refuses_duplicate_keys_and_document_streams(void **state)
{
	const char *dup = "a: 1\nb:\n  c: 1\n  c: 2\n";
	const char *merged = "x: &x {k: 1}\ny:\n  <<: *x\n  <<: {j: 2}\n";
	const char *two = "a: 1\n---\nb: 2\n";
	struct yaml_doc doc;
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(yaml_parse(&doc, dup, strlen(dup), "d.yml", &e), -1);
	assert_string_equal(e.msg, "d.yml:4:3: mapping key defined twice");
	assert_int_equal(yaml_parse(&doc, two, strlen(two), "t.yml", &e), -1);
	assert_non_null(strstr(e.msg, "more than one YAML document"));
	/* Several merge keys in one mapping are not duplicates. */
	assert_int_equal(yaml_parse(&doc, merged, strlen(merged), "m.yml", &e),
			 0);
	assert_string_equal(yaml_str(yaml_get(yaml_get(doc.root, "y"), "j")),
			    "2");
	yaml_doc_release(&doc);
}

static char *
write_temp(const char *text)
{
	char *path = strdup("/tmp/hull-test-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/*
 * Bytes the YAML reader refuses (a control character, invalid UTF-8) are
 * reported at their own line and column, counted in characters.
 */
static void
yaml_reader_errors_name_the_byte(void **state)
{
	static const struct {
		const char *text;
		size_t len;
		const char *want;
	} cases[] = {
		{ "services:\n  a:\n    image: x\0y\n", 30,
		  "r.yml:3:13: control characters are not allowed" },
		{ "services:\n  a: \xff\xfe\n", 18,
		  "r.yml:2:6: invalid leading UTF-8 octet" },
		/* \r\n is one break; each é is one column */
		{ "a: 1\r\nb: \"\xc3\xa9\xc3\xa9\x01\"\n", 17,
		  "r.yml:2:7: control characters are not allowed" },
		/* a lone \r ends a line too */
		{ "a: 1\rb: 2\rc: \x02\n", 15,
		  "r.yml:3:4: control characters are not allowed" },
		{ "a: 1\nb: \xe2\x82", 10,
		  "r.yml:2:4: incomplete UTF-8 octet sequence" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct yaml_doc doc;
		struct err e = ERR_INIT;

		assert_int_equal(
		    yaml_parse(&doc, cases[i].text, cases[i].len, "r.yml", &e),
		    -1);
		assert_string_equal(e.msg, cases[i].want);
	}
}

static void
policy_ignores_expire(void **state)
{
	char *path =
	    write_temp("fail-on: high\n"
		       "ignore:\n"
		       "  - id: CVE-1\n    reason: not reachable\n"
		       "    expires: 2000-01-01\n"
		       "  - id: CVE-2\n    reason: vendor says safe\n");
	struct findings fs = FINDINGS_INIT;
	struct policy p;
	struct err e = ERR_INIT;

	(void)state;
	policy_init(&p);
	assert_int_equal(policy_load_config(&p, path, &e), 0);
	assert_int_equal(p.fail_on, SEV_HIGH);
	findings_add(&fs, "CVE-1", SEV_HIGH, "t", NULL, "m");
	findings_add(&fs, "CVE-2", SEV_HIGH, "t", NULL, "m");
	policy_apply(&p, &fs);
	assert_false(fs.v[0].suppressed); /* expired: applies no more */
	assert_true(fs.v[1].suppressed);
	assert_non_null(strstr(fs.v[1].suppressed_by, "vendor says safe"));
	assert_true(policy_fails(&p, &fs));
	findings_release(&fs);
	policy_release(&p);
	unlink(path);
	free(path);
}

/*
 * An alias carried by several rules (DS-0002: DF001 and DF002) applies to
 * each of them, in `rules:` and in `ignore:`, not to the first one only.
 */
static void
policy_alias_applies_to_every_rule(void **state)
{
	char *path = write_temp("rules:\n  ds-0002: off\n"
				"ignore:\n  - id: CIS-4.1\n"
				"    reason: runs as root by design\n");
	const struct rule *df1 = rules_find("DF001");
	const struct rule *df2 = rules_find("DF002");
	const struct rule *rt1 = rules_find("RT001");
	struct findings fs = FINDINGS_INIT;
	struct policy p;
	struct err e = ERR_INIT;

	(void)state;
	assert_non_null(df1);
	assert_non_null(df2);
	assert_non_null(rt1);
	policy_init(&p);
	assert_int_equal(policy_load_config(&p, path, &e), 0);
	assert_false(policy_rule_enabled(&p, "DF001"));
	assert_false(policy_rule_enabled(&p, "DF002"));
	assert_true(policy_rule_enabled(&p, "DF003"));
	findings_add_rule(&fs, df2, NULL, "m");
	findings_add_rule(&fs, rt1, NULL, "m");
	policy_apply(&p, &fs);
	/* CIS-4.1 is DF001, DF002, IM001, RT001... all ignored */
	assert_true(fs.v[0].suppressed);
	assert_true(fs.v[1].suppressed);
	findings_release(&fs);
	policy_release(&p);
	unlink(path);
	free(path);
}

static void
policy_requires_a_reason(void **state)
{
	char *path = write_temp("ignore:\n  - id: CVE-1\n");
	struct policy p;
	struct err e = ERR_INIT;

	(void)state;
	policy_init(&p);
	assert_int_equal(policy_load_config(&p, path, &e), -1);
	assert_non_null(strstr(e.msg, "reason"));
	policy_release(&p);
	unlink(path);
	free(path);
}

static void
severity_filter_hides_and_does_not_fail(void **state)
{
	struct findings fs = FINDINGS_INIT;
	struct policy p;
	struct err e = ERR_INIT;

	(void)state;
	policy_init(&p);
	assert_int_equal(policy_parse_severities("critical", &p.show_mask, &e),
			 0);
	findings_add(&fs, "X1", SEV_HIGH, "t", NULL, "m");
	policy_apply(&p, &fs);
	assert_true(fs.v[0].suppressed);
	assert_false(policy_fails(&p, &fs));
	assert_int_equal(policy_parse_severities("bogus", &p.show_mask, &e),
			 -1);
	findings_release(&fs);
	policy_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(yaml_resolves_anchors_and_merge_keys),
		cmocka_unit_test(yaml_rejects_alias_bombs),
		cmocka_unit_test(yaml_rejects_deep_nesting_and_bad_syntax),
		cmocka_unit_test(
		    yaml_refuses_duplicate_keys_and_document_streams),
		cmocka_unit_test(yaml_reader_errors_name_the_byte),
		cmocka_unit_test(policy_ignores_expire),
		cmocka_unit_test(policy_alias_applies_to_every_rule),
		cmocka_unit_test(policy_requires_a_reason),
		cmocka_unit_test(severity_filter_hides_and_does_not_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
