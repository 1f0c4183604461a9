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
#include <unistd.h>

#include "core/sha256.h"
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

static bool
notes_have(const struct image *img, const char *text)
{
	for (size_t i = 0; i < img->facts.notes.n; i++)
		if (strstr(img->facts.notes.v[i], text))
			return true;
	return false;
}

static void
config_wrong_types_are_ignored_with_a_note(void **state)
{
	static const char cfg[] =
	    "{\"created\":12,\"config\":{\"User\":5,\"Env\":\"x\","
	    "\"ExposedPorts\":[\"80/tcp\"],\"Cmd\":[\"a\",7],"
	    "\"Labels\":{\"k\":1},\"Healthcheck\":{\"Test\":\"CMD\"}},"
	    "\"history\":[5]}";
	struct image img;
	struct err e = ERR_INIT;

	(void)state;
	image_init(&img);
	assert_int_equal(layout_config(&img, cfg, strlen(cfg), &e), 0);
	assert_null(img.facts.user);
	assert_null(img.facts.created);
	assert_int_equal(img.facts.env.n, 0);
	assert_int_equal(img.facts.ports.n, 0);
	assert_int_equal(img.facts.cmd.n, 1);
	assert_int_equal(img.facts.labels.n, 0);
	assert_false(img.facts.has_healthcheck);
	assert_true(notes_have(&img, "'config.User' is a number, not a "
				     "string; ignored"));
	assert_true(notes_have(&img, "'config.Env' is a string, not an "
				     "array"));
	assert_true(notes_have(&img, "'config.ExposedPorts' is an array, "
				     "not an object"));
	assert_true(notes_have(&img, "'config.Cmd[1]' is a number"));
	assert_true(notes_have(&img, "'config.Labels.k' is a number"));
	assert_true(notes_have(&img, "'config.Healthcheck.Test' is a string"));
	assert_true(notes_have(&img, "'created' is a number"));
	assert_true(notes_have(&img, "'history[0]' is a number, not an "
				     "object"));
	image_release(&img);
}

static void
config_nulls_are_silent_and_notes_are_capped(void **state)
{
	static const char nulls[] =
	    "{\"config\":{\"Cmd\":null,\"Entrypoint\":null,\"Labels\":null,"
	    "\"Volumes\":{\"/data\":{}},\"User\":\"\"}}";
	struct buf many = BUF_INIT;
	struct image img;
	struct err e = ERR_INIT;

	(void)state;
	image_init(&img);
	assert_int_equal(layout_config(&img, nulls, strlen(nulls), &e), 0);
	assert_int_equal(img.facts.notes.n, 0);
	assert_int_equal(img.facts.volumes.n, 1);
	assert_string_equal(img.facts.volumes.v[0], "/data");
	image_release(&img);

	buf_addstr(&many, "{\"config\":{\"Env\":[");
	for (int i = 0; i < 1000; i++)
		buf_addstr(&many, i ? ",1" : "1");
	buf_addstr(&many, "]}}");
	image_init(&img);
	assert_int_equal(layout_config(&img, many.data, many.len, &e), 0);
	assert_true(img.facts.notes.n > 1 && img.facts.notes.n <= 17);
	assert_true(notes_have(&img, "more fields of the wrong type"));
	image_release(&img);
	buf_release(&many);
}

/* A blob store over named strings, each served from a temp file. */
struct mem_store {
	const char *const *names;
	const char *const *texts;
	size_t n;
};

static int
mem_open(void *self, const char *name, struct blob *b, struct err *e)
{
	const struct mem_store *m = self;

	for (size_t i = 0; i < m->n; i++) {
		size_t len = strlen(m->texts[i]);
		int fd;

		if (strcmp(name, m->names[i]))
			continue;
		fd = tmpfile_anon(e);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, m->texts[i], len), (ssize_t)len);
		b->fd = fd;
		b->owned = true;
		b->off = 0;
		b->size = len;
		return 0;
	}
	return err_set(e, ERR_INPUT, "no blob '%s'", name);
}

/* layout_manifest on `man` (text) with a config blob of `cfg`. */
static int
manifest_try(const char *man_fmt, const char *layer_size, long cfg_size,
	     struct image *img, struct err *e)
{
	static const char cfg[] = "{\"config\":{}}";
	char digest[72], man[1024], name[96];
	const char *names[1] = { name };
	const char *texts[1] = { cfg };
	struct mem_store m = { names, texts, 1 };
	struct blob_store st = { mem_open, &m };
	struct sha256 *h = sha256_new();
	json_t *j;
	int rc;

	sha256_update(h, cfg, strlen(cfg));
	sha256_final_hex(h, digest);
	sha256_free(h);
	snprintf(name, sizeof(name), "blobs/sha256/%s", digest + 7);
	snprintf(man, sizeof(man), man_fmt, digest,
		 cfg_size < 0 ? (long)strlen(cfg) : cfg_size, layer_size);
	j = json_loads(man, 0, NULL);
	assert_non_null(j);
	image_init(img);
	rc = layout_manifest(img, &st, j, e);
	json_decref(j);
	return rc;
}

static void
descriptor_sizes_are_checked(void **state)
{
	static const char fmt[] =
	    "{\"config\":{\"digest\":\"%s\",\"size\":%ld},\"layers\":"
	    "[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
	    "\"digest\":\"sha256:000000000000000000000000000000000000000000"
	    "0000000000000000000000\",\"size\":%s}]}";
	struct image img;
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(manifest_try(fmt, "1536", -1, &img, &e), 0);
	assert_true(img.facts.layers[0].has_size);
	assert_int_equal(img.facts.layers[0].size, 1536);
	image_release(&img);

	assert_int_equal(manifest_try(fmt, "-1", -1, &img, &e), -1);
	assert_non_null(strstr(e.msg, "layer 0: 'size' is -1"));
	image_release(&img);

	assert_int_equal(manifest_try(fmt, "\"big\"", -1, &img, &e), -1);
	assert_non_null(strstr(e.msg, "layer 0: 'size' is not an integer"));
	image_release(&img);

	/* 2^62 is a valid int64: only the blob can tell it is wrong. */
	assert_int_equal(manifest_try(fmt, "4611686018427387904", -1, &img, &e),
			 0);
	assert_int_equal(img.facts.layers[0].size, 4611686018427387904ull);
	image_release(&img);

	assert_int_equal(manifest_try(fmt, "10", 99, &img, &e), -1);
	assert_non_null(strstr(e.msg, "config is 13 bytes but its descriptor "
				      "says 99 (size mismatch)"));
	image_release(&img);
}

/* A config blob whose content is not what its digest names is refused,
 * and the message gives both digests. */
static void
descriptor_digests_are_checked(void **state)
{
	static const char cfg[] = "{\"config\":{}}";
	static const char zeros[] = "000000000000000000000000000000000000"
				    "0000000000000000000000000000";
	char man[512], name[96];
	const char *names[1] = { name };
	const char *texts[1] = { cfg };
	struct mem_store m = { names, texts, 1 };
	struct blob_store st = { mem_open, &m };
	struct image img;
	struct err e = ERR_INIT;
	json_t *j;

	(void)state;
	snprintf(name, sizeof(name), "blobs/sha256/%s", zeros);
	snprintf(man, sizeof(man),
		 "{\"config\":{\"digest\":\"sha256:%s\",\"size\":%zu},"
		 "\"layers\":[]}",
		 zeros, strlen(cfg));
	j = json_loads(man, 0, NULL);
	assert_non_null(j);
	image_init(&img);
	assert_int_equal(layout_manifest(&img, &st, j, &e), -1);
	assert_non_null(strstr(e.msg, "config does not match its digest "
				      "sha256:000000"));
	assert_non_null(strstr(e.msg, "(got sha256:"));
	json_decref(j);
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
		cmocka_unit_test(config_wrong_types_are_ignored_with_a_note),
		cmocka_unit_test(config_nulls_are_silent_and_notes_are_capped),
		cmocka_unit_test(descriptor_sizes_are_checked),
		cmocka_unit_test(platform_choice_lists_what_exists),
		cmocka_unit_test(credential_heuristic_is_small_and_sane),
		cmocka_unit_test(digests_are_checked_strictly),
		cmocka_unit_test(descriptor_digests_are_checked),
		cmocka_unit_test(secret_file_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
