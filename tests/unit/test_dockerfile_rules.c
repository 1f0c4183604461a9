/*
 * Unit tests for the Dockerfile rules: the credential heuristics and a
 * handful of rules run on inline Dockerfiles through dockerfile_lint().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "parse/dockerfile.h"
#include "report/policy.h"
#include "rules/dockerfile.h"
#include "rules/rule.h"
#include "rules/secretish.h"

/* Lint text; return how many unsuppressed findings have rule id `id`. */
static size_t
count(const char *text, const char *id, struct policy *p)
{
	struct dockerfile df;
	struct findings fs = FINDINGS_INIT;
	struct err e = ERR_INIT;
	size_t n = 0;

	assert_int_equal(
	    dockerfile_parse(&df, "Dockerfile", text, strlen(text), &e), 0);
	dockerfile_lint(&df, p, NULL, &fs);
	for (size_t i = 0; i < fs.n; i++)
		if (!fs.v[i].suppressed && !strcmp(fs.v[i].id, id))
			n++;
	findings_release(&fs);
	dockerfile_release(&df);
	return n;
}

static void
secret_names_are_recognised(void **state)
{
	(void)state;
	assert_true(secretish_name("DATABASE_PASSWORD"));
	assert_true(secretish_name("github_token"));
	assert_true(secretish_name("openai_api_key"));
	assert_true(secretish_name("AWS_SECRET_ACCESS_KEY"));
	assert_false(secretish_name("DATABASE_PASSWORD_FILE"));
	assert_false(secretish_name("TOKENIZERS_PARALLELISM"));
	assert_false(secretish_name("PATH"));
	assert_false(secretish_name("PWD"));
	assert_false(secretish_name("GPG_KEY"));
	assert_false(secretish_name("PASSWORD_LENGTH"));
}

static void
secret_values_exempt_references(void **state)
{
	(void)state;
	assert_true(secretish_value_literal("mysecretpassword"));
	assert_false(secretish_value_literal(""));
	assert_false(secretish_value_literal("${DB_PASSWORD}"));
	assert_false(secretish_value_literal("$DB_PASSWORD"));
	assert_false(secretish_value_literal("/run/secrets/db_password"));
	assert_false(secretish_value_literal("true"));
	assert_false(secretish_value_literal(NULL));
}

static void
secret_formats_are_found(void **state)
{
	size_t at, len;

	(void)state;
	assert_string_equal(
	    secretish_find_format("key=AKIAIOSFODNN7EXAMPLE", &at, &len),
	    "AWS access key id");
	assert_int_equal(at, 4);
	assert_int_equal(len, 20);
	assert_non_null(secretish_find_format(
	    "ghp_0123456789abcdefghijABCDEFGHIJ012345", &at, &len));
	assert_non_null(
	    secretish_find_format("glpat-abcdefghij0123456789", &at, &len));
	assert_non_null(secretish_find_format(
	    "-----BEGIN RSA PRIVATE KEY-----\nMII", &at, &len));
	assert_null(secretish_find_format("AKIA-not-a-key", &at, &len));
	assert_null(secretish_find_format("ghp_short", &at, &len));
	assert_true(secretish_find_url_password(
	    "postgres://app:hunter2@db:5432/x", &at, &len));
	assert_int_equal(len, 7);
	assert_false(secretish_find_url_password("postgres://app:${PW}@db/x",
						 &at, &len));
	assert_false(
	    secretish_find_url_password("https://example.com/a", &at, &len));
}

static void
root_user_follows_stages(void **state)
{
	(void)state;
	assert_int_equal(count("FROM debian:12\nCMD [\"x\"]\n", "DF001", NULL),
			 1);
	assert_int_equal(count("FROM debian:12\nUSER app\n", "DF001", NULL), 0);
	/* The final stage inherits the base stage's USER. */
	assert_int_equal(count("FROM debian:12 AS base\nUSER app\nFROM base\n",
			       "DF001", NULL),
			 0);
	/* An earlier, unrelated stage's USER does not count. */
	assert_int_equal(
	    count("FROM debian:12 AS b\nUSER app\nFROM alpine:3.20\n", "DF001",
		  NULL),
	    1);
	assert_int_equal(
	    count("FROM debian:12\nUSER app\nUSER 0:0\n", "DF002", NULL), 1);
	/* An ARG without a default leaves USER empty: maybe root. */
	assert_int_equal(count("FROM alpine:3.19\nARG U\nUSER ${U}\n"
			       "HEALTHCHECK CMD true\n",
			       "DF002", NULL),
			 1);
	assert_int_equal(
	    count("FROM alpine:3.19\nARG U\nARG G\nUSER ${U}:${G}\n", "DF002",
		  NULL),
	    1);
	assert_int_equal(
	    count("FROM alpine:3.19\nARG U=app\nUSER ${U}\n", "DF002", NULL),
	    0);
	assert_int_equal(
	    count("FROM alpine:3.19\nARG U\nUSER ${U:-app}\n", "DF002", NULL),
	    0);
	/* Undeclared: the base image may set it; left alone. */
	assert_int_equal(
	    count("FROM alpine:3.19\nUSER ${APP_USER}\n", "DF002", NULL), 0);
}

static void
env_secret_needs_a_literal(void **state)
{
	(void)state;
	assert_int_equal(
	    count("FROM a:1\nENV DATABASE_PASSWORD=mysecretpassword\n", "DF032",
		  NULL),
	    1);
	assert_int_equal(
	    count("FROM a:1\nENV DATABASE_PASSWORD=${DATABASE_PASSWORD}\n",
		  "DF032", NULL),
	    0);
	assert_int_equal(count("FROM a:1\nENV "
			       "DB_PASSWORD_FILE=/run/secrets/db\n",
			       "DF032", NULL),
			 0);
	assert_int_equal(count("FROM a:1\nARG NPM_TOKEN\n", "DF033", NULL), 1);
}

static void
secret_mount_silences_run_credentials(void **state)
{
	(void)state;
	assert_int_equal(
	    count("FROM a:1\nRUN curl -u u:pw https://x/y\n", "DF036", NULL),
	    1);
	assert_int_equal(
	    count("FROM a:1\nRUN --mount=type=secret,id=t curl -u u:pw "
		  "https://x/y\n",
		  "DF036", NULL),
	    0);
	assert_int_equal(count("FROM a:1\nRUN docker login -p hunter2 r.io\n",
			       "DF036", NULL),
			 1);
	assert_int_equal(
	    count("FROM a:1\nRUN mysql -u root -p mydb\n", "DF036", NULL), 0);
}

static void
trusted_registries_come_from_policy(void **state)
{
	struct policy p;

	(void)state;
	policy_init(&p);
	assert_int_equal(count("FROM x.io/a:1\n", "DF009", &p), 0);
	strvec_push(&p.trusted_registries, "registry.example.com");
	assert_int_equal(count("FROM x.io/a:1\n", "DF009", &p), 1);
	assert_int_equal(count("FROM registry.example.com/a:1\n", "DF009", &p),
			 0);
	assert_int_equal(count("FROM debian:12\n", "DF009", &p), 1);
	policy_release(&p);
}

static void
pragmas_suppress_by_alias(void **state)
{
	(void)state;
	assert_int_equal(count("FROM a:1\n# hadolint ignore=DL3008\nRUN "
			       "apt-get install -y curl\n",
			       "DF067", NULL),
			 0);
	assert_int_equal(
	    count("FROM a:1\nRUN apt-get install -y curl\n", "DF067", NULL), 1);
}

/* The message of the first unsuppressed finding `id`, copied; NULL if
 * none. */
static char *
message_of(const char *text, const char *id)
{
	struct dockerfile df;
	struct findings fs = FINDINGS_INIT;
	struct err e = ERR_INIT;
	char *msg = NULL;

	assert_int_equal(
	    dockerfile_parse(&df, "Dockerfile", text, strlen(text), &e), 0);
	dockerfile_lint(&df, NULL, NULL, &fs);
	for (size_t i = 0; i < fs.n && !msg; i++)
		if (!fs.v[i].suppressed && !strcmp(fs.v[i].id, id))
			msg = strdup(fs.v[i].message);
	findings_release(&fs);
	dockerfile_release(&df);
	return msg;
}

/* "# hull ignore=" needs a reason, like an ignore in .hull.yaml; without
 * one it suppresses nothing and DF086 says so.  hadolint's pragmas have
 * no reason field and keep working. */
static void
hull_pragmas_need_a_reason(void **state)
{
	static const char run[] = "RUN curl -k https://example.com/x\n";
	char text[512];
	char *msg;

	(void)state;
	snprintf(text, sizeof(text), "FROM a:1\n# hull ignore=DF043\n%s", run);
	assert_int_equal(count(text, "DF043", NULL), 1);
	assert_int_equal(count(text, "DF086", NULL), 1);
	msg = message_of(text, "DF086");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "'# hull ignore=DF043' gives no reason"));
	free(msg);

	snprintf(text, sizeof(text),
		 "# hull global ignore=DF043,DF001\nFROM a:1\n%s", run);
	assert_int_equal(count(text, "DF043", NULL), 1);
	assert_int_equal(count(text, "DF086", NULL), 1);

	snprintf(text, sizeof(text),
		 "FROM a:1\n# hull ignore=DF043 internal mirror, no TLS\n%s",
		 run);
	assert_int_equal(count(text, "DF043", NULL), 0);
	assert_int_equal(count(text, "DF086", NULL), 0);

	snprintf(text, sizeof(text), "FROM a:1\n# hadolint ignore=DF043\n%s",
		 run);
	assert_int_equal(count(text, "DF043", NULL), 0);
	assert_int_equal(count(text, "DF086", NULL), 0);
}

/* ARGs that double their value make a megabyte-long image name; the
 * DF006 message quotes at most DF_QUOTE_MAX bytes of it. */
static void
messages_cap_long_values(void **state)
{
	struct buf b = BUF_INIT;
	char *msg;

	(void)state;
	buf_addstr(&b, "ARG A0=aaaaaaaaaaaaaaaa\n");
	for (int i = 1; i <= 16; i++)
		buf_addf(&b, "ARG A%d=${A%d}${A%d}\n", i, i - 1, i - 1);
	buf_addstr(&b, "FROM ${A16}\n");
	msg = message_of(b.data, "DF006");
	assert_non_null(msg);
	assert_true(strlen(msg) < DF_QUOTE_MAX + 80);
	assert_non_null(strstr(msg, "\xe2\x80\xa6' has no tag"));
	free(msg);
	buf_release(&b);
}

/* Stage look-ups through the index: duplicates, COPY --from, chains. */
static void
stage_lookups_follow_names_and_chains(void **state)
{
	char *msg;

	(void)state;
	msg = message_of("FROM a:1 AS b\nFROM c:1 AS x\nFROM d:1 AS B\n",
			 "DF013");
	assert_non_null(msg);
	assert_string_equal(msg, "stage name 'b' is already used by stage 0");
	free(msg);
	assert_int_equal(count("FROM a:1 AS Build\nFROM b:1\nCOPY "
			       "--from=build /a /a\nCOPY --from=later /b /b\n"
			       "FROM c:1 AS later\n",
			       "DF015", NULL),
			 1);
	/* WORKDIR set two stages up the chain counts; in an unrelated
	 * stage it does not. */
	assert_int_equal(count("FROM a:1 AS w\nWORKDIR /app\nFROM w AS m\n"
			       "FROM m\nCOPY x y\n",
			       "DF027", NULL),
			 0);
	assert_int_equal(count("FROM a:1 AS w\nWORKDIR /app\nFROM b:1\n"
			       "COPY x y\n",
			       "DF027", NULL),
			 1);
	/* NODE_ENV=production set in a base stage reaches the final one. */
	assert_int_equal(count("FROM node:22 AS base\nENV NODE_ENV=production\n"
			       "FROM base\nRUN npm install\n",
			       "DF052", NULL),
			 0);
	assert_int_equal(count("FROM node:22 AS base\nENV NODE_ENV=production\n"
			       "FROM node:22\nRUN npm install\n",
			       "DF052", NULL),
			 1);
}

static void
world_writable_modes(void **state)
{
	(void)state;
	assert_int_equal(count("FROM a:1\nRUN chmod 777 /app\n", "DF042", NULL),
			 1);
	assert_int_equal(count("FROM a:1\nRUN chmod o+w /app\n", "DF042", NULL),
			 1);
	assert_int_equal(
	    count("FROM a:1\nRUN chmod 1777 /tmp/x\n", "DF042", NULL), 0);
	assert_int_equal(
	    count("FROM a:1\nRUN chmod -R a-w /app\n", "DF042", NULL), 0);
}

static void
every_rule_has_its_page(void **state)
{
	(void)state;
	for (unsigned i = 0; i < rules_count(); i++) {
		const struct rule *r = rules_at(i);

		if (r->target != RULE_DOCKERFILE)
			continue;
		assert_non_null(r->title);
		assert_non_null(r->why);
		assert_non_null(r->remediation);
		assert_non_null(r->bad);
		assert_non_null(r->good);
		assert_non_null(r->references);
	}
	assert_non_null(rules_find("DL3008"));
	assert_string_equal(rules_find("DL3008")->id, "DF067");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(secret_names_are_recognised),
		cmocka_unit_test(secret_values_exempt_references),
		cmocka_unit_test(secret_formats_are_found),
		cmocka_unit_test(root_user_follows_stages),
		cmocka_unit_test(env_secret_needs_a_literal),
		cmocka_unit_test(secret_mount_silences_run_credentials),
		cmocka_unit_test(trusted_registries_come_from_policy),
		cmocka_unit_test(pragmas_suppress_by_alias),
		cmocka_unit_test(world_writable_modes),
		cmocka_unit_test(every_rule_has_its_page),
		cmocka_unit_test(hull_pragmas_need_a_reason),
		cmocka_unit_test(messages_cap_long_values),
		cmocka_unit_test(stage_lookups_follow_names_and_chains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
