/*
 * Unit tests for src/image/: path cleaning, the path index (the tree that
 * whiteouts prune), the config reader and platform choice, and the small
 * credential heuristic of the image rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "image/source.h"
#include "image/stream.h"
#include "rules/image-internal.h"

static void
path_clean_resolves_dots_and_rejects_escapes(void **state)
{
	static const struct {
		const char *in, *out;
	} ok[] = {
		{ "./etc/passwd", "etc/passwd" },
		{ "/usr//bin/./sh", "usr/bin/sh" },
		{ "a/b/../c", "a/c" },
		{ "a/..", "" },
		{ "./", "" },
		{ "/", "" },
		{ "a/./b/", "a/b" },
		{ ".wh..wh..opq", ".wh..wh..opq" },
	};
	static const char *const bad[] = { "..", "../etc", "a/../../b", "/../x",
					   "./a/../../" };
	struct buf b = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		assert_int_equal(image_path_clean(ok[i].in, &b), 0);
		assert_string_equal(b.data, ok[i].out);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(image_path_clean(bad[i], &b), -1);
	buf_release(&b);
}

static void
put(struct path_index *idx, const char *path, enum entry_type t, int layer)
{
	struct layer_entry le = { 0 };

	le.path = path;
	le.type = t;
	le.mode = 0644;
	le.layer_index = layer;
	path_index_put(idx, &le);
}

static void
path_index_removes_whole_subtrees(void **state)
{
	struct path_index idx;
	char name[64];

	(void)state;
	path_index_init(&idx);
	put(&idx, "a/b/c/file", ENTRY_FILE, 0);
	/* Parents are created implicitly. */
	assert_non_null(path_index_get(&idx, "a/b"));
	assert_int_equal(path_index_get(&idx, "a/b")->type, ENTRY_DIR);
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "a/b/many%d", i);
		put(&idx, name, ENTRY_FILE, 0);
	}
	put(&idx, "a/keep", ENTRY_FILE, 0);
	assert_int_equal(idx.n, 5000 + 5);
	path_index_remove(&idx, path_index_get(&idx, "a/b"));
	assert_null(path_index_get(&idx, "a/b/c/file"));
	assert_null(path_index_get(&idx, "a/b/many4999"));
	assert_non_null(path_index_get(&idx, "a/keep"));
	assert_int_equal(idx.n, 2);
	/* Nodes are reused after removal and lookups still work. */
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "x/y%d", i);
		put(&idx, name, ENTRY_FILE, 1);
	}
	assert_non_null(path_index_get(&idx, "x/y1234"));
	assert_int_equal(path_index_get(&idx, "x/y1234")->layer, 1);
	path_index_release(&idx);
}

static void
config_maps_history_to_layers(void **state)
{
	static const char cfg[] =
	    "{\"created\":\"2020-01-01T00:00:00Z\",\"os\":\"linux\","
	    "\"architecture\":\"amd64\",\"config\":{\"User\":\"app\","
	    "\"Env\":[\"A=1\"],\"ExposedPorts\":{\"80/tcp\":{}},"
	    "\"Healthcheck\":{\"Test\":[\"NONE\"]},\"Labels\":{\"k\":\"v\"}},"
	    "\"rootfs\":{\"diff_ids\":[\"sha256:"
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "\",\"sha256:"
	    "1111111111111111111111111111111111111111111111111111111111111111"
	    "\"]},\"history\":[{\"created_by\":\"ADD x\"},"
	    "{\"created_by\":\"ENV A=1\",\"empty_layer\":true},"
	    "{\"created_by\":\"RUN y\"}]}";
	struct image img;
	struct err e = ERR_INIT;

	(void)state;
	image_init(&img);
	img.facts.layers =
	    arena_alloc(&img.arena, 2 * sizeof(struct image_layer));
	img.facts.n_layers = 2;
	assert_int_equal(layout_config(&img, cfg, strlen(cfg), &e), 0);
	assert_string_equal(img.facts.user, "app");
	assert_string_equal(img.facts.layers[0].created_by, "ADD x");
	assert_string_equal(img.facts.layers[1].created_by, "RUN y");
	assert_int_equal(img.facts.history[1].layer, -1);
	assert_int_equal(img.facts.history[2].layer, 1);
	assert_true(img.facts.healthcheck_disabled);
	assert_string_equal(img.facts.ports.v[0], "80/tcp");
	assert_string_equal(img.facts.labels.v[0], "k=v");
	assert_non_null(img.facts.layers[1].diff_id);
	assert_int_equal(img.facts.layers[1].diff_id[7], '1');
	image_release(&img);
}

static void
config_rejects_junk(void **state)
{
	struct image img;
	struct err e = ERR_INIT;

	(void)state;
	image_init(&img);
	assert_int_equal(layout_config(&img, "[1,2]", 5, &e), -1);
	assert_int_equal(layout_config(&img, "{\"a\":", 5, &e), -1);
	assert_non_null(strstr(e.msg, "not valid JSON"));
	image_release(&img);
}

static void
platform_choice_lists_what_exists(void **state)
{
	static const char idx[] =
	    "[{\"digest\":\"a\",\"platform\":{\"os\":\"linux\","
	    "\"architecture\":\"amd64\"}},{\"digest\":\"b\",\"platform\":"
	    "{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}}]";
	json_t *m = json_loads(idx, 0, NULL);
	struct image img;
	struct err e = ERR_INIT;
	json_t *pick;

	(void)state;
	image_init(&img);
	img.opt.platform = "linux/arm/v7";
	pick = layout_pick_platform(&img, m, &e);
	assert_non_null(pick);
	assert_string_equal(json_string_value(json_object_get(pick, "digest")),
			    "b");
	img.opt.platform = "linux/arm/v6";
	assert_null(layout_pick_platform(&img, m, &e));
	assert_non_null(strstr(e.msg, "linux/amd64, linux/arm/v7"));
	json_decref(m);
	image_release(&img);
}

static void
credential_heuristic_is_small_and_sane(void **state)
{
	(void)state;
	assert_true(image_credential_like("DB_PASSWORD", "hunter2"));
	assert_true(image_credential_like("GITHUB_TOKEN", "abc"));
	assert_true(image_credential_like("X", "AKIAABCDEFGHIJKLMNOP"));
	assert_false(image_credential_like("PASSWORD_FILE", "/run/secrets/pw"));
	assert_false(image_credential_like("DB_PASSWORD", ""));
	assert_false(image_credential_like("PATH", "/usr/bin"));
	assert_false(image_credential_like("SECRET", "$FROM_ENV"));
}

static void
digests_are_checked_strictly(void **state)
{
	(void)state;
	assert_true(digest_valid(
	    "sha256:"
	    "a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"));
	assert_false(digest_valid(
	    "sha256:"
	    "A3ED95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"));
	assert_false(digest_valid("sha256:../../etc/passwd"));
	assert_false(digest_valid("sha512:abc"));
	assert_false(digest_valid(NULL));
}

static void
secret_file_names(void **state)
{
	(void)state;
	assert_string_equal(
	    image_secret_file_kind("root/.ssh/id_rsa", ENTRY_FILE),
	    "SSH private key");
	assert_non_null(image_secret_file_kind("app/.env", ENTRY_FILE));
	assert_null(image_secret_file_kind("app/.env.example", ENTRY_FILE));
	assert_non_null(image_secret_file_kind("src/.git", ENTRY_DIR));
	assert_null(image_secret_file_kind("usr/share/x/test.key", ENTRY_FILE));
	assert_null(image_secret_file_kind("root/.ssh/id_rsa.pub", ENTRY_FILE));
	assert_non_null(
	    image_secret_file_kind("root/.aws/credentials", ENTRY_FILE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_clean_resolves_dots_and_rejects_escapes),
		cmocka_unit_test(path_index_removes_whole_subtrees),
		cmocka_unit_test(config_maps_history_to_layers),
		cmocka_unit_test(config_rejects_junk),
		cmocka_unit_test(platform_choice_lists_what_exists),
		cmocka_unit_test(credential_heuristic_is_small_and_sane),
		cmocka_unit_test(digests_are_checked_strictly),
		cmocka_unit_test(secret_file_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
