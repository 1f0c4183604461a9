/*
 * Unit tests for the secret engine: every kind fires on a realistic fake
 * value and stays quiet on a near miss, with both keyword matchers;
 * chunk boundaries, line counting, CRLF, binary input, allowlists,
 * values, the image analyzer, and redaction in every report format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "report/report.h"
#include "rules/rule.h"
#include "secret/secret-internal.h"
#include "secret/secret.h"

struct kcase {
	const char *id;
	const char *hit;  /* must give a finding of rule `id` */
	const char *miss; /* must not */
};

/*
 * {A36}: 36 letters and digits; {H32}: lowercase hex; {U16}: uppercase
 * and digits; {L52}: base32 lowercase (a-z, 2-7); {D11}: digits.  The
 * expansions are pseudo-random but fixed.
 */
static const struct kcase kcases[] = {
	{ "SE001", "AWS_ACCESS_KEY_ID=AKIA{U16}",
	  "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE" },
	{ "SE002", "aws_secret_access_key = {A40}",
	  "aws_secret_access_key = {A72}" },
	{ "SE003", "  \"private_key_id\": \"{H40}\",",
	  "  \"private_key_id\": \"{H12}\"," },
	{ "SE004", "maps_key=AIza{A35}", "maps_key=AIza{A20}" },
	{ "SE005", "DefaultEndpointsProtocol=https;AccountKey={A86}==",
	  "AccountKey={A20}==" },
	{ "SE006",
	  "u=https://a.blob.core.windows.net/c?sv=2023-11-03&sr=b&"
	  "sig={A43}%3D",
	  "sv=2023-11-03&sig=short" },
	{ "SE007", "client_secret=abc8Q~{A34}", "client_secret=abc8Q-{A34}" },
	{ "SE008", "AZURE_DEVOPS_PAT={L52}", "SOMETHING_ELSE={L52}" },
	{ "SE009", "{A52}JQQJ99{A18}AZCR{A4}", "{A52}JQQJ99{A18}XXXX{A4}" },
	{ "SE010", "{A52}JQQJ99{A18}ACOG{A4}", "{A52}JQQJ10{A18}ACOG{A4}" },
	{ "SE011", "x.azurecr.io password: {A32}",
	  "x.azurecr.io password: ab" },
	{ "SE012", "Endpoint=https://a.azconfig.io;Id=x1;Secret={A40}",
	  "Endpoint=https://a.azconfig.io;Id=x1" },
	{ "SE013", "token: ghp_{A36}", "token: ghp_{A20}" },
	{ "SE014", "gho_{A36}", "xgho_{A36}" },
	{ "SE015", "ghs_{A36}", "ghs_{A10}" },
	{ "SE016", "ghr_{A36}", "Bighr_{A36}" },
	{ "SE017", "github_pat_{A22}_{A59}", "github_pat_{A30}" },
	{ "SE018", "glpat-{A20}", "glpat-{A8}" },
	{ "SE019", "glrt-{A20}", "glxx-{A20}" },
	{ "SE020", "xoxb-{D11}-{D12}-{A24}", "abcdexoxb-1234567890" },
	{ "SE021", "https://hooks.slack.com/services/T{U8}/B{U8}/{A24}",
	  "https://hooks.slack.com/" },
	{ "SE022", "sk_live_{A24}", "ask_live_superlive1" },
	{ "SE023", "TWILIO_API_KEY=SK{H32}", "TWILIO_API_KEY=SK{H16}" },
	{ "SE024", "SG.{A22}.{A43}", "SG.{A10}.{A43}" },
	{ "SE025", "npm_{A36}", "npm_{A10}" },
	{ "SE026", "//registry.npmjs.org/:_authToken={A36}",
	  "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" },
	{ "SE027", "pypi-AgEIcHlwaS5vcmc{A60}", "pypi-AgEIcHlwaS5vcmc{A10}" },
	{ "SE028", "dckr_pat_{A27}", "dckr_pat_{A5}" },
	{ "SE029", "HF_TOKEN=hf_{A34}", "_call_hf_{A34}" },
	{ "SE030", "sk-proj-{A40}T3BlbkFJ{A40}",
	  "sk-proj-{A40}NOWATERMARK{A40}" },
	{ "SE031", "ek_{H32}", "seek_{H32}" },
	{ "SE032", "sk-ant-api03-{A93}AA", "sk-ant-abcdefghijklmnop" },
	{ "SE033",
	  "-----BEGIN OPENSSH PRIVATE KEY-----\n{A64}\n{A64}\n"
	  "-----END OPENSSH PRIVATE KEY-----\n",
	  "-----BEGIN PUBLIC KEY-----\n{A64}\n-----END PUBLIC KEY-----\n" },
	{ "SE034", "Authorization: Bearer eyJ{A20}.eyJ{A30}.{A43}",
	  "eyJ{A20}.{A30}" },
	{ "SE035", "git clone https://deploy:{A12}@git.example.org/x.git",
	  "https://user:${GIT_PASS}@git.example.org" },
	{ "SE036", "DATABASE_URL=postgres://app:{A16}@db:5432/app",
	  "DATABASE_URL=postgres://app:password@db/app" },
	{ "SE037", "GRAFANA=eyJrIjoi{A80}", "GRAFANA=eyJrIjoi{A20}" },
	{ "SE038", "glsa_{A32}_{H8}", "glsa_{A10}" },
	{ "SE039", "shpat_{H32}", "shpat_{H10}" },
	{ "SE040", "ATATT3{A186}", "ATATT3{A20}" },
	{ "SE041", "MAILGUN_KEY=key-{H32}", "monkey-{H32}" },
	{ "SE042", "DISCORD_BOT_TOKEN=M{A23}.{A6}.{A27}",
	  "BOT_TOKEN_M{A23}.{A6}" },
	{ "SE043", "TELEGRAM=123456789:AA{A33}", "123456789:AB{A33}" },
	{ "SE044", "{\"auths\":{\"r.io\":{\"auth\":\"{A24}=\"}}}",
	  "{\"auths\":{\"r.io\":{\"auth\":\"\"}}}" },
	{ "SE045", "<password>{A12}</password>",
	  "<password>${env.PASS}</password>" },
	{ "SE046", "DB_PASSWORD=Zq8#vLm2!pXr", "DB_PASSWORD=changeme" },
	{ "SE047", "APP_SECRET=ThisTokenIsNotSoSecretChangeIt",
	  "APP_SECRET_NAME=ThisToken" },
	{ "SE048", "packagist_ort_{H68}", "packagist_xyz_{H68}" },
	{ "SE049", "LTAI{A20},", "LTAI{A20}asd" },
	{ "SE050", "VAULT_TOKEN=hvs.{A90}", "hvs.{A5}" },
	{ "SE051", "dapi{H32}", "dapi{H10}" },
};

static uint32_t rng_state;

static char
rng_pick(const char *set)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return set[(rng_state >> 8) % strlen(set)];
}

/* Expand the {Xn} placeholders; each expansion is also pushed to parts. */
static char *
expand(const char *t, struct strvec *parts)
{
	struct buf b = BUF_INIT;

	while (*t) {
		const char *set = NULL;
		unsigned n = 0;

		if (t[0] == '{' && strchr("AHULD", t[1]) && t[2] >= '0' &&
		    t[2] <= '9') {
			switch (t[1]) {
			case 'A':
				set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
				      "opqrstuvwxyz0123456789";
				break;
			case 'H':
				set = "0123456789abcdef";
				break;
			case 'U':
				set = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
				break;
			case 'L':
				set = "abcdefghijklmnopqrstuvwxyz234567";
				break;
			default:
				set = "0123456789";
			}
			t += 2;
			while (*t >= '0' && *t <= '9')
				n = n * 10 + (unsigned)(*t++ - '0');
			t++; /* '}' */
			{
				size_t at = b.len;

				for (unsigned i = 0; i < n; i++)
					buf_addch(&b, rng_pick(set));
				if (parts)
					strvec_push(parts, b.data + at);
			}
			continue;
		}
		buf_addch(&b, *t++);
	}
	return buf_detach(&b, NULL);
}

static struct secret_scanner *
scanner(bool pcre2)
{
	struct secret_options o = SECRET_OPTIONS_INIT;
	struct err e = ERR_INIT;
	struct secret_scanner *s;

	o.force_pcre2 = pcre2;
	s = secret_scanner_new(&o, &e);
	assert_non_null(s);
	return s;
}

static size_t
count_id(const struct findings *fs, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		n += !strcmp(fs->v[i].id, id);
	return n;
}

static void
kinds_all(bool pcre2)
{
	struct secret_scanner *s = scanner(pcre2);
	struct location loc = LOCATION_INIT;

	loc.file = "app/config.env";
	rng_state = 7;
	for (size_t i = 0; i < ARRAY_SIZE(kcases); i++) {
		struct findings fs = FINDINGS_INIT;
		char *hit = expand(kcases[i].hit, NULL);
		char *miss = expand(kcases[i].miss, NULL);

		secret_scan_buffer(s, hit, strlen(hit), &loc, &fs);
		if (!count_id(&fs, kcases[i].id))
			fail_msg("%s did not fire on '%s'", kcases[i].id, hit);
		findings_release(&fs);
		secret_scan_buffer(s, miss, strlen(miss), &loc, &fs);
		if (count_id(&fs, kcases[i].id))
			fail_msg("%s fired on '%s'", kcases[i].id, miss);
		findings_release(&fs);
		free(hit);
		free(miss);
	}
	secret_scanner_free(s);
}

static void
every_kind_hits_and_misses_hyperscan(void **state)
{
	(void)state;
	kinds_all(false);
}

static void
every_kind_hits_and_misses_pcre2(void **state)
{
	struct secret_scanner *s = scanner(true);

	(void)state;
	assert_string_equal(secret_scanner_engine(s), "pcre2");
	secret_scanner_free(s);
	kinds_all(true);
}

static void
table_has_forty_kinds_with_cases(void **state)
{
	(void)state;
	assert_true(secret_kinds_count >= 40);
	assert_int_equal(secret_kinds_count, ARRAY_SIZE(kcases));
	for (size_t i = 0; i < secret_kinds_count; i++) {
		const struct rule *r = secret_kinds[i].rule;

		assert_string_equal(r->id, kcases[i].id);
		assert_non_null(r->why);
		assert_non_null(strstr(r->remediation, "--mount=type=secret"));
		assert_non_null(strstr(r->remediation, "_FILE"));
		assert_non_null(r->aliases);
		assert_true(rules_find(r->id) == r);
	}
	assert_string_equal(rules_find("github-pat")->id, "SE013");
	assert_string_equal(rules_find("aws-access-key-id")->id, "SE001");
}

/* A long filler of source-like text without secrets. */
static void
filler(struct buf *b, size_t n)
{
	static const char line[] = "static int counter = 0; /* plain text */\n";

	while (b->len + sizeof(line) - 1 <= n)
		buf_addstr(b, line);
	while (b->len + 1 < n)
		buf_addch(b, 'x');
	buf_addch(b, '\n');
}

/* Feed `text` in chunks of `chunk` bytes; return the findings. */
static void
scan_chunked(struct secret_scanner *s, const char *text, size_t len,
	     size_t chunk, struct findings *fs)
{
	struct location loc = LOCATION_INIT;
	struct secret_stream st;

	loc.file = "big.txt";
	secret_stream_init(&st, s, &loc);
	/* each chunk in its own buffer, as a reader would hand it over */
	for (size_t off = 0; off < len; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		char *copy = xmalloc(n);

		memcpy(copy, text + off, n);
		assert_int_equal(secret_scan_stream(&st, copy, n), 0);
		memset(copy, 'Z', n);
		free(copy);
	}
	secret_stream_finish(&st, fs);
	secret_stream_release(&st);
}

static void
secret_across_chunk_boundary_is_found_on_its_line(bool pcre2)
{
	struct secret_scanner *s = scanner(pcre2);
	struct buf b = BUF_INIT;
	size_t chunks[] = { 1, 7, 4096, 65536, 1u << 20 };
	unsigned want_line, want_pem;
	char *tok;

	rng_state = 99;
	filler(&b, (1u << 20) - 20); /* the token straddles 1 MiB */
	want_line = 1;
	for (size_t i = 0; i < b.len; i++)
		want_line += b.data[i] == '\n';
	tok = expand("ghp_{A36}", NULL);
	buf_addf(&b, "T=%s\n", tok);
	filler(&b, b.len + 70000);
	want_pem = 1;
	for (size_t i = 0; i < b.len; i++)
		want_pem += b.data[i] == '\n';
	buf_addstr(&b, "-----BEGIN RSA PRIVATE KEY-----\n");
	for (int i = 0; i < 30; i++)
		buf_addstr(&b,
			   "MIIEowIBAAKCAQEAu/Nua0/1y08gkbnBfKd6VDHia8Na0ATgMQ"
			   "qZ4YEbi/t73g84\n");
	buf_addstr(&b, "-----END RSA PRIVATE KEY-----\n");
	for (size_t c = 0; c < ARRAY_SIZE(chunks); c++) {
		struct findings fs = FINDINGS_INIT;

		/* one byte at a time only over the interesting part */
		if (chunks[c] == 1) {
			struct location loc = LOCATION_INIT;
			struct secret_stream st;

			secret_stream_init(&st, s, &loc);
			secret_scan_stream(&st, b.data, (1u << 20) - 100);
			for (size_t off = (1u << 20) - 100; off < b.len; off++)
				secret_scan_stream(&st, b.data + off, 1);
			secret_stream_finish(&st, &fs);
			secret_stream_release(&st);
		} else {
			scan_chunked(s, b.data, b.len, chunks[c], &fs);
		}
		assert_int_equal(count_id(&fs, "SE013"), 1);
		assert_int_equal(count_id(&fs, "SE033"), 1);
		for (size_t i = 0; i < fs.n; i++) {
			if (!strcmp(fs.v[i].id, "SE013")) {
				assert_int_equal(fs.v[i].loc.line, want_line);
				assert_int_equal(fs.v[i].loc.column, 3);
			}
			if (!strcmp(fs.v[i].id, "SE033")) {
				assert_int_equal(fs.v[i].loc.line,
						 want_pem + 1);
				assert_int_equal(fs.v[i].loc.end_line,
						 want_pem + 30);
			}
		}
		findings_release(&fs);
	}
	free(tok);
	buf_release(&b);
	secret_scanner_free(s);
}

static void
chunk_boundaries_hyperscan(void **state)
{
	(void)state;
	secret_across_chunk_boundary_is_found_on_its_line(false);
}

static void
chunk_boundaries_pcre2(void **state)
{
	(void)state;
	secret_across_chunk_boundary_is_found_on_its_line(true);
}

/*
 * Large chunks are scanned in place and only their tails kept; secrets
 * near chunk starts and ends, long lines, CRLF and a PEM block must come
 * out with the same lines and columns as a whole-buffer scan.
 */
static void
stream_in_place_agrees_with_whole(void **state)
{
	struct secret_scanner *s = scanner(false);
	struct findings whole = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	struct buf b = BUF_INIT;
	size_t chunks[] = { 16411, 20000, 65536, 131072, 700001 };
	unsigned n = 0;

	(void)state;
	rng_state = 11;
	while (b.len < (1u << 20)) {
		char *tok = expand("ghp_{A36}", NULL);

		n++;
		if (n % 7 == 0)
			buf_addstr(&b, "a fairly long line of plain words and "
				       "numbers 12345 without any secret\r\n");
		else if (n % 11 == 0)
			for (int i = 0; i < 300; i++)
				buf_addstr(&b, "long line ");
		else
			buf_addstr(&b, "static int counter = 0;\n");
		if (n % 23 == 0)
			buf_addf(&b, "x = 1; T=%s\n", tok);
		if (n == 1000)
			buf_addstr(&b,
				   "-----BEGIN RSA PRIVATE KEY-----\n"
				   "MIIEowIBAAKCAQEAu/Nua0/1y08gkbnBfKd6VDHia8N"
				   "a0ATgMQqZ4YEbi/t73g84\n"
				   "-----END RSA PRIVATE KEY-----\n");
		free(tok);
	}
	loc.file = "big.txt";
	secret_scan_buffer(s, b.data, b.len, &loc, &whole);
	findings_sort(&whole);
	assert_true(whole.n > 100);
	assert_int_equal(count_id(&whole, "SE033"), 1);
	for (size_t c = 0; c < ARRAY_SIZE(chunks); c++) {
		struct findings fs = FINDINGS_INIT;

		scan_chunked(s, b.data, b.len, chunks[c], &fs);
		findings_sort(&fs);
		assert_int_equal(fs.n, whole.n);
		for (size_t i = 0; i < fs.n; i++) {
			assert_string_equal(fs.v[i].id, whole.v[i].id);
			assert_int_equal(fs.v[i].loc.line, whole.v[i].loc.line);
			assert_int_equal(fs.v[i].loc.column,
					 whole.v[i].loc.column);
			assert_int_equal(fs.v[i].loc.end_line,
					 whole.v[i].loc.end_line);
		}
		findings_release(&fs);
	}
	findings_release(&whole);
	buf_release(&b);
	secret_scanner_free(s);
}

static void
crlf_lines_and_invalid_utf8_count_right(void **state)
{
	struct secret_scanner *s = scanner(false);
	struct findings fs = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	char *text;

	(void)state;
	rng_state = 5;
	text = expand("first\r\n\xff\xfe bad bytes\r\nk=AKIA{U16}\r\n"
		      "x=ghp_{A36}\r\n",
		      NULL);
	secret_scan_buffer(s, text, strlen(text), &loc, &fs);
	assert_int_equal(fs.n, 2);
	findings_sort(&fs);
	assert_int_equal(fs.v[0].loc.line, 3);
	assert_int_equal(fs.v[0].loc.column, 3);
	assert_int_equal(fs.v[1].loc.line, 4);
	findings_release(&fs);
	free(text);
	secret_scanner_free(s);
}

static void
binary_input_is_skipped(void **state)
{
	struct secret_scanner *s = scanner(false);
	struct findings fs = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	char data[100];
	struct secret_stream st;

	(void)state;
	memset(data, 'a', sizeof(data));
	memcpy(data + 10, "AKIAABCDEFGHIJKLMNOP ", 21);
	data[90] = '\0';
	assert_int_equal(secret_scan_buffer(s, data, sizeof(data), &loc, &fs),
			 0);
	secret_stream_init(&st, s, &loc);
	secret_scan_stream(&st, data, 50);
	secret_scan_stream(&st, data + 50, 50);
	secret_stream_finish(&st, &fs);
	assert_true(st.binary);
	secret_stream_release(&st);
	assert_int_equal(fs.n, 0);
	assert_true(secret_path_is_binary("lib/libc.so"));
	assert_true(secret_path_is_binary("a/logo.PNG"));
	assert_false(secret_path_is_binary("app/.env"));
	assert_true(secret_path_is_sensitive("root/.ssh/id_rsa"));
	assert_true(secret_path_is_sensitive("home/u/.docker/config.json"));
	assert_true(secret_path_is_sensitive("root/.aws/credentials"));
	assert_true(secret_path_is_sensitive("app/.env.production"));
	assert_true(secret_path_is_sensitive("root/.bash_history"));
	assert_false(secret_path_is_sensitive("usr/bin/env"));
	secret_scanner_free(s);
}

static void
allowlists_drop_paths_and_patterns(void **state)
{
	struct strvec paths = STRVEC_INIT, pats = STRVEC_INIT;
	struct secret_options o = SECRET_OPTIONS_INIT;
	struct secret_scanner *s;
	struct findings fs = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	struct err e = ERR_INIT;
	const char *text = "a=AKIAABCDEFGHIJKLMNOP\nb=AKIAQRSTUVWXYZ234567\n";

	(void)state;
	strvec_push(&paths, "testdata/*");
	strvec_push(&paths, "*.sample");
	strvec_push(&pats, "QRSTUV");
	o.allow_paths = &paths;
	o.allow_patterns = &pats;
	s = secret_scanner_new(&o, &e);
	assert_non_null(s);
	loc.file = "src/testdata/keys.txt";
	assert_int_equal(secret_scan_buffer(s, text, strlen(text), &loc, &fs),
			 0);
	loc.file = "conf/app.sample";
	assert_int_equal(secret_scan_buffer(s, text, strlen(text), &loc, &fs),
			 0);
	loc.file = "conf/app.env";
	assert_int_equal(secret_scan_buffer(s, text, strlen(text), &loc, &fs),
			 1);
	assert_int_equal(fs.v[0].loc.line, 1);
	findings_release(&fs);
	secret_scanner_free(s);

	/* A bad allow pattern is the user's error, named. */
	strvec_push(&pats, "(unclosed");
	assert_null(secret_scanner_new(&o, &e));
	assert_int_equal(e.kind, ERR_USAGE);
	assert_non_null(strstr(e.msg, "(unclosed"));
	strvec_release(&paths);
	strvec_release(&pats);
}

static void
values_keep_the_instruction_line(void **state)
{
	struct secret_scanner *s = scanner(false);
	struct findings fs = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;

	(void)state;
	loc.file = "Dockerfile";
	loc.line = 12;
	loc.column = 1;
	assert_int_equal(
	    secret_scan_value(s, "DB_PASSWORD", "Zq8#vLm2!pXr", &loc, &fs), 1);
	assert_string_equal(fs.v[0].id, "SE046");
	assert_int_equal(fs.v[0].loc.line, 12);
	assert_int_equal(
	    secret_scan_value(s, "DB_PASSWORD", "${DB_PASSWORD}", &loc, &fs),
	    0);
	assert_int_equal(
	    secret_scan_value(s, NULL,
			      "/bin/sh -c echo AKIAABCDEFGHIJKLMNOP > /x", &loc,
			      &fs),
	    1);
	findings_release(&fs);
	secret_scanner_free(s);
}

/* An entry_reader over a string, in small reads. */
struct sreader {
	const char *p;
	size_t n, off;
};

static ssize_t
sreader_read(struct entry_reader *r, void *buf, size_t n)
{
	struct sreader *sr = r->state;
	size_t left = sr->n - sr->off;

	if (n > 1000)
		n = 1000;
	if (n > left)
		n = left;
	memcpy(buf, sr->p + sr->off, n);
	sr->off += n;
	return (ssize_t)n;
}

static void
analyzer_reports_layer_and_ignores_removal(void **state)
{
	struct secret_scanner *s = scanner(false);
	struct analyzer an = secret_analyzer_new(s, "docker-archive:img.tar");
	struct findings fs = FINDINGS_INIT;
	struct layer_entry e = { 0 };
	struct buf text = BUF_INIT;
	struct sreader sr;
	struct entry_reader r = { sreader_read, &sr, ERR_INIT };
	unsigned body_line = 2; /* the line after BEGIN, counted from 1 */

	(void)state;
	filler(&text, 5000);
	for (size_t i = 0; i < text.len; i++)
		body_line += text.data[i] == '\n';
	buf_addstr(&text,
		   "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf"
		   "1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n"
		   "-----END EC PRIVATE KEY-----\n");
	e.path = "root/.ssh/id_ecdsa";
	e.type = ENTRY_FILE;
	e.size = text.len;
	e.layer_index = 2;
	e.layer_digest = "sha256:abcd";
	e.created_by = "COPY id_ecdsa /root/.ssh/";
	assert_true(an.ops->wants(an.self, &e));
	sr.p = text.data;
	sr.n = text.len;
	sr.off = 0;
	assert_int_equal(an.ops->entry(an.self, &e, &r), 0);
	assert_null(an.ops->removed); /* deletion does not hide it */
	e.path = "usr/lib/libx.so.1";
	assert_false(an.ops->wants(an.self, &e));
	e.path = "etc/dir";
	e.type = ENTRY_DIR;
	assert_false(an.ops->wants(an.self, &e));
	an.ops->finish(an.self, &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].id, "SE033");
	assert_int_equal(fs.v[0].loc.layer_index, 2);
	assert_string_equal(fs.v[0].loc.layer_digest, "sha256:abcd");
	assert_string_equal(fs.v[0].loc.path, "root/.ssh/id_ecdsa");
	assert_string_equal(fs.v[0].loc.target, "docker-archive:img.tar");
	assert_string_equal(fs.v[0].loc.layer_created_by,
			    "COPY id_ecdsa /root/.ssh/");
	assert_int_equal(fs.v[0].loc.line, body_line);
	findings_release(&fs);
	secret_analyzer_free(&an);
	buf_release(&text);
	secret_scanner_free(s);
}

/* No report format may ever print a whole secret. */
static void
no_format_prints_a_secret(void **state)
{
	struct secret_scanner *s = scanner(false);
	struct report rep = REPORT_INIT;
	struct strvec parts = STRVEC_INIT;
	struct location loc = LOCATION_INIT;
	struct report_style style = { false, true };

	(void)state;
	rng_state = 3;
	loc.file = "all.txt";
	rep.command = "secrets";
	for (size_t i = 0; i < ARRAY_SIZE(kcases); i++) {
		char *hit = expand(kcases[i].hit, &parts);

		secret_scan_buffer(s, hit, strlen(hit), &loc, &rep.findings);
		free(hit);
	}
	assert_true(rep.findings.n >= ARRAY_SIZE(kcases));
	for (int fmt = 0; fmt < 4; fmt++) {
		struct buf out = BUF_INIT;

		if (fmt == 0)
			report_table(&rep, &style, &out);
		else if (fmt == 1)
			report_json(&rep, &out);
		else if (fmt == 2)
			report_sarif(&rep, &out);
		else
			report_github(&rep, &out);
		assert_true(out.len > 0);
		for (size_t p = 0; p < parts.n; p++) {
			/* only the random parts long enough to be secret */
			if (strlen(parts.v[p]) < 12)
				continue;
			if (strstr(out.data, parts.v[p]))
				fail_msg("format %d printed '%s'", fmt,
					 parts.v[p]);
		}
		assert_non_null(strstr(out.data, "********"));
		buf_release(&out);
	}
	for (size_t i = 0; i < rep.findings.n; i++)
		assert_non_null(strstr(rep.findings.v[i].evidence, "****"));
	report_release(&rep);
	strvec_release(&parts);
	secret_scanner_free(s);
}

/*
 * The generic kind reports literal, random-looking values assigned to a
 * secret's name, in the places real files put them, and stays quiet on
 * the assignments source code makes all day.
 */
static const char *const generic_hits[] = {
	"DB_PASSWORD=Zq8#vLm2!pXr",
	"password: \"Zq8#vLm2!pXr\"",
	"  api_key: k9Fq2LmZ8xWv4TbN",
	"{\"client_secret\": \"k9Fq2LmZ8xWv4TbN3\"}",
	"self.token = \"k9Fq2LmZ8xWv4TbN\"",
	"$cfg = ['apiKey' => 'k9Fq2LmZ8xWv4TbN'];",
	"password = Zq8#vLm2!pXr",
	"AUTH_TOKEN := k9F-q2Lm!Z8xW",
	"GET https://api.internal/v1?access_token=k9Fq2LmZ8xWv4TbN&x=1",
	"export GITLAB_SECRET_KEY_BASE='c0ffee9ba5e4f00dc0ffee9ba5e4f00d'",
};

static const char *const generic_misses[] = {
	"token = self.token",
	"password = get_password()",
	"loc, tokens = self_expr_parse(instring, loc)",
	"self.password_grant = ResourceOwnerPasswordCredentialsGrant(",
	"refresh_token_key = 'refresh_token'",
	"{\"access_token\": access_token_value1}",
	"token := tokenFromEnv2",
	"/// a string to be lexed as an AsmToken::Identifier.",
	"password = \"hunter2hunter2\"",
	"api_key: \"deadbeef\"",
	"secret_key = \"changeme-please\"",
	"PASSWORD=12345678901234",
	"token: \"abcdefghijklmnop\"",
	"curl https://example.com/?access_token=k9Fq2LmZ8xWv4TbN",
	"password = \"${DB_PASSWORD}\"",
	"credentials = standard_b64encode(credentials).decode('ascii')",
	"token_type = \"bearer_k9Fq2LmZ8xWv4TbN\"",
	"password = \"test-Zq8#vLm2!\"",
	"\"oauth_token=lock%26keyring\"",
	"tokens[idx] = tok2_value9",
};

static void
generic_lines(bool pcre2)
{
	struct secret_scanner *s = scanner(pcre2);
	struct location loc = LOCATION_INIT;

	loc.file = "src/settings.py";
	for (size_t i = 0; i < ARRAY_SIZE(generic_hits); i++) {
		struct findings fs = FINDINGS_INIT;
		const char *t = generic_hits[i];

		secret_scan_buffer(s, t, strlen(t), &loc, &fs);
		if (count_id(&fs, "SE046") != 1)
			fail_msg("SE046 did not fire once on '%s'", t);
		findings_release(&fs);
	}
	/* a NUL past the binary probe is junk, not part of a secret */
	{
		struct findings fs = FINDINGS_INIT;
		struct buf b = BUF_INIT;

		while (b.len < 2 * SECRET_BINARY_PROBE)
			buf_addstr(&b, "plain\n");
		buf_add(&b, "PASSWORD=Z\0q8#vLm2!pXr\n", 24);
		secret_scan_buffer(s, b.data, b.len, &loc, &fs);
		assert_int_equal(fs.n, 0);
		buf_release(&b);
	}
	for (size_t i = 0; i < ARRAY_SIZE(generic_misses); i++) {
		struct findings fs = FINDINGS_INIT;
		const char *t = generic_misses[i];

		secret_scan_buffer(s, t, strlen(t), &loc, &fs);
		if (fs.n)
			fail_msg("%s fired on '%s'", fs.v[0].id, t);
		findings_release(&fs);
	}
	secret_scanner_free(s);
}

static void
generic_wants_random_literals_hyperscan(void **state)
{
	(void)state;
	generic_lines(false);
}

static void
generic_wants_random_literals_pcre2(void **state)
{
	(void)state;
	generic_lines(true);
}

#ifdef HULL_HAVE_HYPERSCAN
/* The one trigger-database file in dir, or NULL. */
static char *
cache_file(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "secret-triggers-", 16) &&
		    strstr(de->d_name, ".hsdb") && !found) {
			struct buf b = BUF_INIT;

			buf_addf(&b, "%s/%s", dir, de->d_name);
			found = buf_detach(&b, NULL);
		}
	closedir(d);
	return found;
}

static void
scanner_finds_a_token(void)
{
	struct secret_scanner *s = scanner(false);
	struct findings fs = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	const char *t = "T=ghp_aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6\n";

	assert_string_equal(secret_scanner_engine(s), "hyperscan");
	assert_int_equal(secret_scan_buffer(s, t, strlen(t), &loc, &fs), 1);
	findings_release(&fs);
	secret_scanner_free(s);
}

/*
 * The compiled trigger database is stored on first use, loaded after,
 * and a damaged file is ignored and replaced.
 */
static void
trigger_cache_is_stored_loaded_and_repaired(void **state)
{
	char tmpl[] = "/tmp/hull-cache-XXXXXX";
	char *dir = mkdtemp(tmpl), *sub, *file;
	const char *old = getenv("XDG_CACHE_HOME");
	char *saved = old ? xstrdup(old) : NULL;
	struct buf b = BUF_INIT;
	FILE *fp;

	(void)state;
	assert_non_null(dir);
	setenv("XDG_CACHE_HOME", dir, 1);
	buf_addf(&b, "%s/hull", dir);
	sub = buf_detach(&b, NULL);

	scanner_finds_a_token(); /* compiles and stores */
	file = cache_file(sub);
	assert_non_null(file);
	scanner_finds_a_token(); /* loads */

	fp = fopen(file, "w");
	assert_non_null(fp);
	fputs("not a hyperscan database", fp);
	fclose(fp);
	scanner_finds_a_token(); /* ignores it, compiles, rewrites */
	fp = fopen(file, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	assert_true(ftell(fp) > 1000);
	fclose(fp);

	unlink(file);
	rmdir(sub);
	rmdir(dir);
	free(file);
	free(sub);
	if (saved)
		setenv("XDG_CACHE_HOME", saved, 1);
	else
		unsetenv("XDG_CACHE_HOME");
	free(saved);
}
#endif

static void
long_lines_and_placeholders(void **state)
{
	struct secret_scanner *s = scanner(false);
	struct findings fs = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	struct buf b = BUF_INIT;

	(void)state;
	/* a 3 MB line of keywords: bounded work, one finding */
	for (int i = 0; i < 500000; i++)
		buf_addstr(&b, "token ");
	buf_addstr(&b, "GITHUB=ghp_aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6 ");
	for (int i = 0; i < 100000; i++)
		buf_addstr(&b, "secret ");
	assert_int_equal(secret_scan_buffer(s, b.data, b.len, &loc, &fs), 1);
	assert_int_equal(fs.v[0].loc.line, 1);
	assert_int_equal(fs.v[0].loc.column, 3000008);
	findings_release(&fs);
	buf_release(&b);

	assert_true(secret_is_placeholder("${DB_PASS}", 10));
	assert_true(secret_is_placeholder("changeme", 8));
	assert_true(secret_is_placeholder("xxxxxxxxxx", 10));
	assert_true(secret_is_placeholder("<password>", 10));
	assert_true(secret_is_placeholder("your-api-key", 12));
	assert_false(secret_is_placeholder("Zq8#vLm2!pXr", 12));
	assert_false(secret_looks_random("os.environ.get", 14));
	assert_false(secret_looks_random("DB_PASSWORD_FILE", 16));
	assert_false(secret_looks_random("/run/secrets/db", 15));
	assert_true(secret_looks_random("Zq8#vLm2!pXr", 12));
	assert_true(secret_entropy("aaaa", 4) == 0);
	secret_scanner_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_has_forty_kinds_with_cases),
		cmocka_unit_test(every_kind_hits_and_misses_hyperscan),
		cmocka_unit_test(every_kind_hits_and_misses_pcre2),
		cmocka_unit_test(chunk_boundaries_hyperscan),
		cmocka_unit_test(chunk_boundaries_pcre2),
		cmocka_unit_test(stream_in_place_agrees_with_whole),
		cmocka_unit_test(crlf_lines_and_invalid_utf8_count_right),
		cmocka_unit_test(binary_input_is_skipped),
		cmocka_unit_test(allowlists_drop_paths_and_patterns),
		cmocka_unit_test(values_keep_the_instruction_line),
		cmocka_unit_test(analyzer_reports_layer_and_ignores_removal),
		cmocka_unit_test(no_format_prints_a_secret),
		cmocka_unit_test(long_lines_and_placeholders),
		cmocka_unit_test(generic_wants_random_literals_hyperscan),
		cmocka_unit_test(generic_wants_random_literals_pcre2),
#ifdef HULL_HAVE_HYPERSCAN
		cmocka_unit_test(trigger_cache_is_stored_loaded_and_repaired),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
