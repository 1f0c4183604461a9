/*
 * Unit tests for the reporters: JSON and SARIF parse back with the
 * documented fields, the table groups and totals, GitHub commands are
 * escaped, and no reporter prints what a finding does not hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "report/pragma.h"
#include "report/report.h"
#include "rules/rule.h"

static const char *const test_aliases[] = { "DL3002", "DS002", NULL };

static const struct rule test_rule = {
	.id = "DF901",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "Container runs as root",
	.why = "A root process in a container is root on the host kernel.",
	.remediation = "Add a USER with a non-root user.",
	.bad = "FROM alpine:3.19\nCMD [\"app\"]",
	.good = "FROM alpine:3.19\nUSER app\nCMD [\"app\"]",
	.aliases = test_aliases,
};

static void
fill(struct report *r)
{
	struct location loc = LOCATION_INIT;
	struct finding *f;

	loc.file = "svc/Dockerfile";
	loc.line = 7;
	loc.column = 1;
	findings_add_rule(&r->findings, &test_rule, &loc, "last USER is %s",
			  "root");
	loc.line = 2;
	f = findings_add(&r->findings, "CVE-2024-0001", SEV_CRITICAL,
			 "openssl: bad", &loc, "in openssl");
	finding_vuln(f)->pkg_name = strdup("openssl");
	f->vuln->pkg_version = strdup("3.1.0-r0");
	f->vuln->fixed_version = strdup("3.1.5-r0");
	loc.file = "a/Dockerfile";
	loc.line = 3;
	f = findings_add(&r->findings, "X1", SEV_LOW, "t", &loc,
			 "msg with %% and\nnewline");
	f->suppressed = false;
	findings_sort(&r->findings);
	strvec_push(&r->targets, "svc/Dockerfile");
	r->command = "dockerfile";
}

static void
json_report_has_documented_fields(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;
	json_error_t jerr;
	json_t *j, *fs, *f0, *loc;

	(void)state;
	fill(&r);
	report_json(&r, &out);
	j = json_loads(out.data, 0, &jerr);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "schema")),
			    "hull-report/1");
	fs = json_object_get(j, "findings");
	assert_int_equal(json_array_size(fs), 3);
	/* Sorted: a/Dockerfile first, then svc/Dockerfile line 2, 7. */
	f0 = json_array_get(fs, 2);
	assert_string_equal(json_string_value(json_object_get(f0, "id")),
			    "DF901");
	assert_string_equal(json_string_value(json_object_get(f0, "severity")),
			    "HIGH");
	loc = json_object_get(f0, "location");
	assert_string_equal(json_string_value(json_object_get(loc, "file")),
			    "svc/Dockerfile");
	assert_int_equal(json_integer_value(json_object_get(loc, "line")), 7);
	assert_int_equal(json_array_size(json_object_get(f0, "aliases")), 2);
	assert_non_null(json_object_get(f0, "remediation"));
	assert_true(json_is_null(json_object_get(f0, "evidence")));
	f0 = json_array_get(fs, 1);
	assert_string_equal(
	    json_string_value(json_object_get(
		json_object_get(f0, "vulnerability"), "fixed_version")),
	    "3.1.5-r0");
	assert_int_equal(json_integer_value(json_object_get(
			     json_object_get(j, "summary"), "total")),
			 3);
	json_decref(j);
	buf_release(&out);
	report_release(&r);
}

static void
sarif_report_is_2_1_0_with_rules_and_locations(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;
	json_t *j, *run, *rules, *results, *res;

	(void)state;
	fill(&r);
	report_sarif(&r, &out);
	j = json_loads(out.data, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "version")),
			    "2.1.0");
	run = json_array_get(json_object_get(j, "runs"), 0);
	rules = json_object_get(
	    json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	assert_int_equal(json_array_size(rules), 3);
	results = json_object_get(run, "results");
	assert_int_equal(json_array_size(results), 3);
	for (size_t i = 0; i < json_array_size(results); i++) {
		json_t *pl;
		size_t idx;

		res = json_array_get(results, i);
		idx = (size_t)json_integer_value(
		    json_object_get(res, "ruleIndex"));
		assert_string_equal(
		    json_string_value(json_object_get(res, "ruleId")),
		    json_string_value(
			json_object_get(json_array_get(rules, idx), "id")));
		pl = json_object_get(
		    json_array_get(json_object_get(res, "locations"), 0),
		    "physicalLocation");
		assert_non_null(json_object_get(
		    json_object_get(pl, "artifactLocation"), "uri"));
		assert_true(json_integer_value(json_object_get(
				json_object_get(pl, "region"), "startLine")) >=
			    1);
	}
	json_decref(j);
	buf_release(&out);
	report_release(&r);
}

static void
table_groups_by_file_and_totals(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;
	struct report_style st = { false, false };

	(void)state;
	fill(&r);
	r.findings.v[0].suppressed = true;
	report_table(&r, &st, &out);
	/* a/Dockerfile has only a suppressed finding: no group header. */
	assert_null(strstr(out.data, "a/Dockerfile"));
	assert_non_null(strstr(out.data, "svc/Dockerfile\n"));
	assert_non_null(strstr(out.data, "3.1.5-r0"));
	assert_non_null(strstr(out.data,
			       "Total: 2 (CRITICAL: 1, HIGH: 1, MEDIUM: 0, "
			       "LOW: 0, INFO: 0), 1 suppressed\n"));
	assert_null(strstr(out.data, "\033["));
	buf_release(&out);
	report_release(&r);
}

static void
github_commands_are_escaped(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;

	(void)state;
	fill(&r);
	report_github(&r, &out);
	assert_non_null(strstr(out.data, "::notice file=a/Dockerfile,line=3,"
					 "col=1,title=LOW X1%3A t::msg with "
					 "%25 and%0Anewline\n"));
	assert_non_null(strstr(out.data, "::error file=svc/Dockerfile,line=7"));
	buf_release(&out);
	report_release(&r);
}

/* A finding whose file, message and package hold terminal controls. */
static void
fill_hostile(struct report *r)
{
	struct location loc = LOCATION_INIT;
	struct finding *f;

	loc.file = "p/\033]0;owned\007,x:y/Dockerfile";
	loc.line = 4;
	f = findings_add(&r->findings, "X2", SEV_HIGH, "t\033[2J", &loc,
			 "service '\033[31mweb\x7f' image 'a\rb\nc%%'");
	finding_vuln(f)->pkg_name = strdup("pkg\033[1m");
	f->vuln->pkg_version = strdup("1\0332");
	f->evidence = strdup("ev\033]8;;x\007");
}

static void
github_commands_escape_controls(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;

	(void)state;
	fill_hostile(&r);
	report_github(&r, &out);
	/* GitHub's own encoding of %, CR, LF, ':' and ',' in properties,
	 * and \xNN for every other control */
	assert_string_equal(out.data,
			    "::error file=p/\\x1b]0;owned\\x07%2Cx%3Ay/"
			    "Dockerfile,line=4,title=HIGH X2%3A t\\x1b[2J::"
			    "service '\\x1b[31mweb\\x7f' image "
			    "'a%0Db%0Ac%25'\n");
	buf_release(&out);
	report_release(&r);
}

static void
table_escapes_controls_everywhere(void **state)
{
	struct report r = REPORT_INIT;
	struct buf out = BUF_INIT;
	struct report_style st = { false, true };

	(void)state;
	fill_hostile(&r);
	report_table(&r, &st, &out);
	assert_null(strchr(out.data, '\033'));
	assert_null(strchr(out.data, '\007'));
	assert_null(strchr(out.data, '\r'));
	assert_non_null(
	    strstr(out.data, "p/\\x1b]0;owned\\x07,x:y/Dockerfile\n"));
	assert_non_null(strstr(out.data, "pkg\\x1b[1m  1\\x1b2  "));
	assert_non_null(strstr(out.data, "evidence: ev\\x1b]8;;x\\x07\n"));
	buf_release(&out);
	report_release(&r);
}

/* Control characters: ESC, BEL, CR, DEL and the C1 CSI and NEL. */
#define EVIL "\033[31m\007\r\x7f\xc2\x9b\xc2\x85"

/*
 * An image finding and a vulnerability with EVIL in every string field;
 * the first has no file, so the table groups it under its target and
 * shows its path.
 */
static void
fill_every_field(struct report *r)
{
	struct location loc = LOCATION_INIT;
	struct finding *f;

	loc.target = "img" EVIL;
	loc.layer_index = 1;
	loc.layer_digest = "sha256:" EVIL;
	loc.layer_created_by = "RUN " EVIL;
	loc.path = "etc/" EVIL;
	loc.instruction = "COPY " EVIL;
	loc.line = 3;
	f = findings_add(&r->findings, "SE" EVIL, SEV_CRITICAL, "t" EVIL, &loc,
			 "m" EVIL);
	f->remediation = strdup("fix" EVIL);
	f->evidence = strdup("ev" EVIL);
	f = findings_add(&r->findings, "CVE" EVIL, SEV_HIGH, "vt" EVIL, &loc,
			 "vm" EVIL);
	finding_vuln(f)->pkg_name = strdup("pkg" EVIL);
	f->vuln->pkg_version = strdup("1" EVIL);
	f->vuln->fixed_version = strdup("2" EVIL);
	f->vuln->status = strdup("fixed" EVIL);
	f->vuln->ecosystem = strdup("eco" EVIL);
	f->vuln->purl = strdup("pkg:apk/" EVIL);
	f->vuln->pkg_path = strdup("lib/" EVIL);
	f->vuln->cvss_vector = strdup("CVSS" EVIL);
	f->vuln->published = strdup("2024" EVIL);
	f->remediation = strdup("vfix" EVIL);
	strvec_push(&r->targets, "img" EVIL);
	strvec_push(&r->errors, "cannot read " EVIL);
	r->command = "image";
	r->vulns.applies = true;
	r->vulns.checked = false;
	r->vulns.not_checked = strdup("db" EVIL);
}

/* The offset of a raw control (C0 but \n, DEL, UTF-8 C1) in s, or -1. */
static long
raw_control_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; p[i]; i++) {
		if ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7f)
			return (long)i;
		if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return (long)i;
	}
	return -1;
}

static void
table_cells_never_hold_raw_controls(void **state)
{
	for (int verbose = 0; verbose < 2; verbose++) {
		struct report r = REPORT_INIT;
		struct buf out = BUF_INIT;
		struct report_style st = { false, verbose };

		(void)state;
		fill_every_field(&r);
		report_table(&r, &st, &out);
		assert_int_equal(raw_control_at(out.data), -1);
		/* the id, the path and the advisory cells are all there */
		assert_non_null(strstr(out.data, "SE\\x1b[31m\\x07\\x0d"));
		assert_non_null(strstr(out.data, "CVE\\x1b[31m"));
		assert_non_null(strstr(out.data, "  etc/\\x1b[31m"));
		assert_non_null(strstr(out.data, "  2\\x1b[31m"));
		assert_non_null(strstr(out.data, "not checked (db\\x1b"));
		buf_release(&out);
		report_release(&r);
	}
}

/* Whether a string of j, or a key, holds want. */
static bool
json_holds(const json_t *j, const char *want)
{
	const char *k;
	json_t *v;
	size_t i;

	if (json_is_string(j))
		return strstr(json_string_value(j), want) != NULL;
	if (json_is_object(j)) {
		json_object_foreach((json_t *)j, k, v)
		{
			if (strstr(k, want) || json_holds(v, want))
				return true;
		}
	}
	if (json_is_array(j)) {
		json_array_foreach(j, i, v)
		{
			if (json_holds(v, want))
				return true;
		}
	}
	return false;
}

static void
json_and_sarif_escape_c1_and_keep_the_text(void **state)
{
	for (int sarif = 0; sarif < 2; sarif++) {
		struct report r = REPORT_INIT;
		struct buf out = BUF_INIT;
		json_t *j;

		(void)state;
		fill_every_field(&r);
		if (sarif)
			report_sarif(&r, &out);
		else
			report_json(&r, &out);
		assert_int_equal(raw_control_at(out.data), -1);
		assert_non_null(strstr(out.data, "\\u009b\\u0085"));
		j = json_loads(out.data, 0, NULL);
		assert_non_null(j);
		assert_true(json_holds(j, "SE" EVIL));
		assert_true(json_holds(j, "CVE" EVIL));
		assert_true(json_holds(j, "etc/" EVIL));
		json_decref(j);
		buf_release(&out);
		report_release(&r);
	}
}

static void
json_escapes_line_separators(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	/* U+0080, U+009F, U+00A0 (kept), U+2028, U+2029, U+202A (kept) */
	buf_add_json_escaped(&b, "\xc2\x80\xc2\x9f\xc2\xa0\xe2\x80\xa8"
				 "\xe2\x80\xa9\xe2\x80\xaa");
	assert_string_equal(b.data, "\\u0080\\u009f\xc2\xa0\\u2028\\u2029"
				    "\xe2\x80\xaa");
	buf_release(&b);
}

static void
rule_aliases_accept_peer_spellings(void **state)
{
	(void)state;
	assert_true(rule_matches(&test_rule, "df901"));
	assert_true(rule_matches(&test_rule, "DL3002"));
	assert_true(rule_matches(&test_rule, "DS-0002"));
	assert_true(rule_matches(&test_rule, "AVD-DS-0002"));
	assert_true(rule_matches(&test_rule, "ds002"));
	assert_false(rule_matches(&test_rule, "DS-0020"));
	assert_false(rule_matches(&test_rule, "DL3003"));
}

static void
pragmas_suppress_by_line_and_globally(void **state)
{
	struct report r = REPORT_INIT;
	struct pragmas ps = PRAGMAS_INIT;

	(void)state;
	fill(&r);
	assert_true(
	    pragmas_parse_comment(&ps, "# hadolint ignore=DL3002", 6, 7));
	assert_false(pragmas_parse_comment(&ps, "# just words", 1, 2));
	assert_true(pragmas_parse_comment(
	    &ps, " hull global ignore=X1,CVE-9 not ours", 1, 0));
	pragmas_apply(&ps, "svc/Dockerfile", &r.findings);
	pragmas_apply(&ps, "a/Dockerfile", &r.findings);
	for (size_t i = 0; i < r.findings.n; i++) {
		const struct finding *f = &r.findings.v[i];

		if (!strcmp(f->id, "CVE-2024-0001"))
			assert_false(f->suppressed);
		else
			assert_true(f->suppressed);
	}
	assert_string_equal(ps.v[1].reason, "not ours");
	pragmas_release(&ps);
	report_release(&r);
}

/* A "# hull" pragma takes effect only with a reason (as .hull.yaml
 * ignores); "# hadolint" pragmas never carry one and always do.  Of two
 * that match, the first recorded is named. */
static void
hull_pragmas_without_a_reason_do_not_suppress(void **state)
{
	struct report r = REPORT_INIT;
	struct pragmas ps = PRAGMAS_INIT;

	(void)state;
	fill(&r);
	assert_true(pragmas_parse_comment(&ps, "# hull ignore=DL3002", 6, 7));
	assert_true(pragmas_parse_comment(&ps, "hull global ignore=X1", 1, 0));
	assert_true(ps.v[0].hull);
	assert_false(pragma_effective(&ps.v[0]));
	assert_false(pragma_effective(&ps.v[1]));
	pragmas_apply(&ps, "svc/Dockerfile", &r.findings);
	pragmas_apply(&ps, "a/Dockerfile", &r.findings);
	for (size_t i = 0; i < r.findings.n; i++)
		assert_false(r.findings.v[i].suppressed);

	assert_true(
	    pragmas_parse_comment(&ps, "# hadolint ignore=DL3002", 5, 7));
	assert_true(
	    pragmas_parse_comment(&ps, "# HULL ignore=X1 made up", 2, 3));
	assert_false(ps.v[2].hull);
	assert_true(pragma_effective(&ps.v[2]));
	assert_true(pragma_effective(&ps.v[3]));
	pragmas_apply(&ps, "svc/Dockerfile", &r.findings);
	pragmas_apply(&ps, "a/Dockerfile", &r.findings);
	for (size_t i = 0; i < r.findings.n; i++) {
		const struct finding *f = &r.findings.v[i];

		if (!strcmp(f->id, "CVE-2024-0001"))
			continue;
		assert_true(f->suppressed);
		if (!strcmp(f->id, "X1"))
			assert_string_equal(f->suppressed_by,
					    "inline pragma on line 2: made up");
		else
			assert_string_equal(f->suppressed_by,
					    "inline pragma on line 5");
	}
	pragmas_release(&ps);
	report_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_report_has_documented_fields),
		cmocka_unit_test(
		    sarif_report_is_2_1_0_with_rules_and_locations),
		cmocka_unit_test(table_groups_by_file_and_totals),
		cmocka_unit_test(github_commands_are_escaped),
		cmocka_unit_test(github_commands_escape_controls),
		cmocka_unit_test(table_escapes_controls_everywhere),
		cmocka_unit_test(table_cells_never_hold_raw_controls),
		cmocka_unit_test(json_and_sarif_escape_c1_and_keep_the_text),
		cmocka_unit_test(json_escapes_line_separators),
		cmocka_unit_test(rule_aliases_accept_peer_spellings),
		cmocka_unit_test(pragmas_suppress_by_line_and_globally),
		cmocka_unit_test(hull_pragmas_without_a_reason_do_not_suppress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
