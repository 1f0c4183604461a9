/*
 * Unit tests for rules/image.h: mapping layers to Dockerfile instructions
 * (BuildKit and classic history, disagreements, stages, no history), the
 * redaction of history lines, and the one-finding-per-secret policy on
 * Env and history.
 *
 * The history lines are written the way each builder writes them; which
 * line made which layer is known from the Dockerfile text of each test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "image/image.h"
#include "image/source.h"
#include "parse/dockerfile.h"
#include "rules/image.h"
#include "secret/secret.h"

/* Made of pieces so that this file holds no token verbatim. */
#define NPM                                                                    \
	"npm_"                                                                 \
	"0123456789"                                                           \
	"abcdefghij"                                                           \
	"ABCDEFGHIJ"                                                           \
	"klmnop"
#define GHP                                                                    \
	"ghp_"                                                                 \
	"A1b2C3d4E5"                                                           \
	"A1b2C3d4E5"                                                           \
	"A1b2C3d4E5"                                                           \
	"A1b2C3"

struct hist {
	const char *line;
	bool empty;
};

/* An image with this history and as many layers as it has non-empty
 * entries, plus Env entries. */
static void
image_make(struct image *img, const struct hist *h, size_t n,
	   const char *const *env, size_t n_env)
{
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;
	size_t layers = 0;

	for (size_t i = 0; i < n; i++)
		layers += !h[i].empty;
	image_init(img);
	img->ref = strdup("docker-archive:test.tar");
	img->facts.ref = img->ref;
	img->facts.layers =
	    arena_alloc(&img->arena, (layers + 1) * sizeof(struct image_layer));
	img->facts.n_layers = layers;
	buf_addstr(&b, "{\"os\":\"linux\",\"config\":{\"Env\":[");
	for (size_t i = 0; i < n_env; i++) {
		buf_addstr(&b, i ? ",\"" : "\"");
		buf_add_json_escaped(&b, env[i]);
		buf_addch(&b, '"');
	}
	buf_addstr(&b, "]},\"history\":[");
	for (size_t i = 0; i < n; i++) {
		buf_addstr(&b, i ? ",{" : "{");
		if (h[i].line) {
			buf_addstr(&b, "\"created_by\":\"");
			buf_add_json_escaped(&b, h[i].line);
			buf_addstr(&b, "\"");
		}
		if (h[i].empty)
			buf_addstr(&b, h[i].line ? ",\"empty_layer\":true"
						 : "\"empty_layer\":true");
		buf_addch(&b, '}');
	}
	buf_addstr(&b, "]}");
	assert_int_equal(layout_config(img, b.data, b.len, &e), 0);
	buf_release(&b);
}

static void
df_make(struct dockerfile *df, const char *text)
{
	struct err e = ERR_INIT;

	assert_int_equal(
	    dockerfile_parse(df, "/src/Dockerfile", text, strlen(text), &e), 0);
}

static const char df_text[] =
    "FROM alpine:3.19\n"			 /* 1 */
    "ARG NPM_TOKEN\n"				 /* 2 */
    "WORKDIR /app\n"				 /* 3 */
    "COPY --chown=1000:1000 package.json ./\n"	 /* 4 */
    "RUN npm ci && \\\n"			 /* 5 */
    "    npm cache clean --force\n"		 /* 6 */
    "ENV NODE_ENV=production\n"			 /* 7 */
    "RUN [\"node\", \"build.js\"]\n"		 /* 8 */
    "ADD https://example.org/x.tgz /opt/x.tgz\n" /* 9 */
    "USER node\n";				 /* 10 */

static const struct hist buildkit[] = {
	{ "/bin/sh -c #(nop) ADD file:abc in / ", false },
	{ "/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", true },
	{ "ARG NPM_TOKEN", true },
	{ "WORKDIR /app", false },
	{ "COPY package.json ./ # buildkit", false },
	{ "RUN |1 NPM_TOKEN=" NPM " /bin/sh -c npm ci &&     npm cache clean "
	  "--force # buildkit",
	  false },
	{ "ENV NODE_ENV=production", true },
	{ "RUN |1 NPM_TOKEN=" NPM " node build.js # buildkit", false },
	{ "ADD https://example.org/x.tgz /opt/x.tgz # buildkit", false },
	{ "USER node", true },
};

static const struct hist classic[] = {
	{ "/bin/sh -c #(nop) ADD file:abc in / ", false },
	{ "/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", true },
	{ "/bin/sh -c #(nop)  ARG NPM_TOKEN", true },
	{ "/bin/sh -c #(nop) WORKDIR /app", false },
	{ "/bin/sh -c #(nop) COPY file:0123abcd in ./ ", false },
	{ "|1 NPM_TOKEN=" NPM " /bin/sh -c npm ci &&     npm cache clean "
	  "--force",
	  false },
	{ "/bin/sh -c #(nop)  ENV NODE_ENV=production", true },
	{ "|1 NPM_TOKEN=" NPM " node build.js", false },
	{ "/bin/sh -c #(nop) ADD file:9876fedc in /opt/x.tgz ", false },
	{ "/bin/sh -c #(nop)  USER node", true },
};

/* Layers 1..5 were made by lines 3, 4, 5, 8 and 9. */
static void
assert_mapped(const struct image *img)
{
	static const unsigned lines[] = { 0, 3, 4, 5, 8, 9 };

	assert_int_equal(img->facts.n_layers, 6);
	assert_null(img->facts.layers[0].instruction);
	for (size_t i = 1; i < 6; i++)
		assert_int_equal(img->facts.layers[i].dockerfile_line,
				 lines[i]);
	assert_string_equal(img->facts.layers[2].instruction,
			    "COPY --chown=1000:1000 package.json ./");
	assert_string_equal(img->facts.layers[3].instruction,
			    "RUN npm ci && npm cache clean --force");
	assert_string_equal(img->facts.layers[5].instruction,
			    "ADD https://example.org/x.tgz /opt/x.tgz");
}

static void
map_one(const struct hist *h, size_t n, const char *text, int want,
	struct image *img, struct strvec *warn)
{
	struct dockerfile df;

	image_make(img, h, n, NULL, 0);
	df_make(&df, text);
	assert_int_equal(image_dockerfile_map(img, &df, NULL, warn), want);
	dockerfile_release(&df);
}

static void
buildkit_history_maps_each_layer_to_its_line(void **state)
{
	struct strvec warn = STRVEC_INIT;
	struct image img;

	(void)state;
	map_one(buildkit, ARRAY_SIZE(buildkit), df_text, 5, &img, &warn);
	assert_int_equal(warn.n, 0);
	assert_mapped(&img);
	image_release(&img);
}

static void
classic_history_maps_each_layer_to_its_line(void **state)
{
	struct strvec warn = STRVEC_INIT;
	struct image img;

	(void)state;
	map_one(classic, ARRAY_SIZE(classic), df_text, 5, &img, &warn);
	assert_int_equal(warn.n, 0);
	assert_mapped(&img);
	image_release(&img);
}

static void
no_workdir_layer_still_maps(void **state)
{
	struct hist h[ARRAY_SIZE(buildkit) - 1];
	struct strvec warn = STRVEC_INIT;
	struct image img;
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(buildkit); i++)
		if (strcmp(buildkit[i].line, "WORKDIR /app"))
			h[n++] = buildkit[i];
	map_one(h, n, df_text, 4, &img, &warn);
	assert_int_equal(img.facts.layers[1].dockerfile_line, 4);
	assert_int_equal(img.facts.layers[4].dockerfile_line, 9);
	image_release(&img);
}

static void
assert_nothing_mapped(const struct image *img, const struct strvec *warn,
		      const char *says)
{
	for (size_t i = 0; i < img->facts.n_layers; i++)
		assert_null(img->facts.layers[i].instruction);
	assert_int_equal(warn->n, 1);
	if (!strstr(warn->v[0], says))
		fail_msg("warning '%s' does not say '%s'", warn->v[0], says);
}

static void
disagreements_map_nothing(void **state)
{
	static const struct {
		const char *from, *to, *says;
	} cases[] = {
		/* Another command. */
		{ "npm ci &&", "npm install &&",
		  "layer 3 was made by RUN, but the matching instruction is "
		  "RUN at /src/Dockerfile line 5" },
		/* Another destination. */
		{ "/opt/x.tgz\n", "/opt/y.tgz\n", "layer 5 was made by ADD" },
		/* A COPY where the image has a RUN. */
		{ "RUN [\"node\", \"build.js\"]", "COPY build.js /",
		  "layer 4 was made by RUN, but the matching instruction is "
		  "COPY at /src/Dockerfile line 8" },
	};
	const struct hist *styles[] = { buildkit, classic };

	(void)state;
	for (size_t s = 0; s < 2; s++)
		for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
			struct strvec warn = STRVEC_INIT;
			struct buf t = BUF_INIT;
			const char *at = strstr(df_text, cases[i].from);
			struct image img;

			buf_add(&t, df_text, (size_t)(at - df_text));
			buf_addstr(&t, cases[i].to);
			buf_addstr(&t, at + strlen(cases[i].from));
			map_one(styles[s], ARRAY_SIZE(buildkit), t.data, -1,
				&img, &warn);
			assert_nothing_mapped(&img, &warn, cases[i].says);
			image_release(&img);
			strvec_release(&warn);
			buf_release(&t);
		}
}

static void
instruction_without_layer_maps_nothing(void **state)
{
	static const struct hist h[] = {
		{ "COPY a /a # buildkit", false },
		{ "RUN /bin/sh -c make # buildkit", false },
	};
	struct strvec warn = STRVEC_INIT;
	struct image img;

	(void)state;
	/* FROM scratch: every layer is the Dockerfile's. */
	map_one(h, 2, "FROM scratch\nRUN true\nCOPY a /a\nRUN make\n", -1, &img,
		&warn);
	assert_nothing_mapped(&img, &warn,
			      "/src/Dockerfile line 2 (RUN) made no layer");
	image_release(&img);
	strvec_release(&warn);
	map_one(h, 2, "FROM scratch\nRUN make\n", -1, &img, &warn);
	assert_nothing_mapped(&img, &warn,
			      "builds FROM scratch but 1 layers of the image "
			      "are below");
	image_release(&img);
	strvec_release(&warn);
	map_one(h, 2, "FROM scratch\nCOPY a /a\nRUN make\n", 2, &img, &warn);
	assert_int_equal(img.facts.layers[0].dockerfile_line, 2);
	image_release(&img);
}

static void
stages_built_from_stages_count(void **state)
{
	static const struct hist h[] = {
		{ "ADD file:abc in /", false },
		{ "COPY a /a # buildkit", false },
		{ "RUN /bin/sh -c make # buildkit", false },
		{ "COPY b /b # buildkit", false },
	};
	static const char text[] = "FROM alpine AS base\n"
				   "COPY a /a\n"
				   "FROM golang AS build\n"
				   "RUN go build\n"
				   "FROM base\n"
				   "RUN make\n"
				   "COPY --from=build b /b\n";
	struct strvec warn = STRVEC_INIT;
	struct image img;

	(void)state;
	map_one(h, ARRAY_SIZE(h), text, 3, &img, &warn);
	assert_null(img.facts.layers[0].instruction);
	assert_int_equal(img.facts.layers[1].dockerfile_line, 2);
	assert_int_equal(img.facts.layers[2].dockerfile_line, 6);
	assert_int_equal(img.facts.layers[3].dockerfile_line, 7);
	assert_string_equal(img.facts.layers[3].instruction,
			    "COPY --from=build b /b");
	image_release(&img);
}

static void
missing_history_pairs_by_order(void **state)
{
	struct strvec warn = STRVEC_INIT;
	struct dockerfile df;
	struct image img;

	(void)state;
	image_make(&img, NULL, 0, NULL, 0);
	img.facts.layers =
	    arena_alloc(&img.arena, 3 * sizeof(struct image_layer));
	img.facts.n_layers = 3;
	df_make(&df, "FROM x\nENV A=1\nRUN a\nCOPY b /b\n");
	assert_int_equal(image_dockerfile_map(&img, &df, NULL, &warn), 2);
	assert_null(img.facts.layers[0].instruction);
	assert_int_equal(img.facts.layers[1].dockerfile_line, 3);
	assert_int_equal(img.facts.layers[2].dockerfile_line, 4);
	dockerfile_release(&df);
	image_release(&img);
}

static struct secret_scanner *
scanner(void)
{
	struct secret_options o = SECRET_OPTIONS_INIT;
	struct err e = ERR_INIT;
	struct secret_scanner *s = secret_scanner_new(&o, &e);

	assert_non_null(s);
	return s;
}

static void
history_lines_are_redacted_word_by_word(void **state)
{
	struct secret_scanner *s = scanner();
	char *r;

	(void)state;
	assert_null(image_text_redact(s, "/bin/sh -c apk add curl"));
	r = image_text_redact(s, "RUN |2 NPM_TOKEN=" NPM " V=1 /bin/sh -c "
				 "echo " NPM " # buildkit");
	assert_non_null(r);
	assert_null(strstr(r, NPM));
	assert_non_null(strstr(r, "NPM_TOKEN=npm_****"));
	assert_non_null(strstr(r, " V=1 /bin/sh -c echo "));
	free(r);
	/* A password the engine passes over, found by its name. */
	r = image_text_redact(s, "|1 DB_PASSWORD=plainzebra /bin/sh -c x");
	assert_non_null(r);
	assert_null(strstr(r, "plainzebra"));
	free(r);
	/* A token inside quotes in the command itself. */
	r = image_text_redact(s, "/bin/sh -c curl -H 'Authorization: token " GHP
				 "' https://x");
	assert_non_null(r);
	assert_null(strstr(r, GHP));
	assert_non_null(strstr(r, "curl -H"));
	free(r);
	secret_scanner_free(s);
}

static size_t
count(const struct findings *fs, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		n += !strcmp(fs->v[i].id, id);
	return n;
}

static void
config_secrets_make_one_finding_per_secret(void **state)
{
	static const char *const env[] = { "GITHUB_TOKEN=" GHP,
					   "DB_PASSWORD=plainzebra",
					   "PATH=/usr/bin" };
	struct findings out = FINDINGS_INIT;
	struct secret_scanner *s = scanner();
	struct image img;

	(void)state;
	image_make(&img, classic, ARRAY_SIZE(classic), env, 3);
	image_config_secrets(&img, s, &out);
	/* The token is the engine's; the plain password the heuristic's. */
	assert_int_equal(count(&out, "SE013"), 1);
	assert_int_equal(count(&out, "IM002"), 1);
	/* The classic builder repeats the build argument on both RUNs:
	 * one finding, with the first layer that records it. */
	assert_int_equal(count(&out, "SE025"), 1);
	assert_int_equal(count(&out, "IM004"), 0);
	for (size_t i = 0; i < out.n; i++) {
		const struct finding *f = &out.v[i];

		if (!strcmp(f->id, "SE025"))
			assert_int_equal(f->loc.layer_index, 3);
		assert_null(strstr(f->message, NPM));
		assert_null(strstr(f->evidence ? f->evidence : "", NPM));
		if (f->loc.layer_created_by)
			assert_null(strstr(f->loc.layer_created_by, NPM));
	}
	/* What the layer scan will show is the redacted line. */
	assert_null(strstr(img.facts.layers[3].created_by, NPM));
	assert_ptr_equal(img.facts.layers[3].created_by,
			 img.facts.history[5].shown);
	assert_non_null(strstr(img.facts.history[5].created_by, NPM));
	findings_release(&out);
	image_release(&img);
	secret_scanner_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buildkit_history_maps_each_layer_to_its_line),
		cmocka_unit_test(classic_history_maps_each_layer_to_its_line),
		cmocka_unit_test(no_workdir_layer_still_maps),
		cmocka_unit_test(disagreements_map_nothing),
		cmocka_unit_test(instruction_without_layer_maps_nothing),
		cmocka_unit_test(stages_built_from_stages_count),
		cmocka_unit_test(missing_history_pairs_by_order),
		cmocka_unit_test(history_lines_are_redacted_word_by_word),
		cmocka_unit_test(config_secrets_make_one_finding_per_secret),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
