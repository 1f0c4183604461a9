/*
 * Unit tests for core/: buffers, string vectors, the hash map, the arena
 * and errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/file.h"
#include "core/strmap.h"
#include "core/util.h"
#include "core/xalloc.h"

static void
buf_grows_and_stays_terminated(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_string_equal(b.data, "");
	for (int i = 0; i < 10000; i++)
		buf_addf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 20000);
	assert_int_equal(b.data[b.len], '\0');
	assert_memory_equal(b.data, "0,1,2,", 6);
	buf_release(&b);
	assert_int_equal(b.len, 0);
}

static void
json_escaping_replaces_invalid_utf8(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_add_json_escaped(&b, "a\"b\\\n\x01 \xc3\xa9 \xff\xfe \xed\xa0\x80");
	assert_string_equal(b.data, "a\\\"b\\\\\\n\\u0001 \xc3\xa9 "
				    "\\ufffd\\ufffd \\ufffd\\ufffd\\ufffd");
	buf_release(&b);
}

static void
strmap_holds_many_keys(void **state)
{
	struct strmap m = STRMAP_INIT;
	char key[32];

	(void)state;
	for (intptr_t i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%ld", (long)i);
		assert_null(strmap_put(&m, key, (void *)(i + 1)));
	}
	assert_int_equal(m.n, 5000);
	assert_ptr_equal(strmap_get(&m, "k4321"), (void *)4322);
	assert_null(strmap_get(&m, "nope"));
	assert_ptr_equal(strmap_put(&m, "k1", (void *)7), (void *)2);
	assert_int_equal(m.n, 5000);
	strmap_release(&m, NULL);
}

static void
str_to_ll_rejects_junk(void **state)
{
	long long v;

	(void)state;
	assert_int_equal(str_to_ll("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(str_to_ll("42x", 0, 100, &v), -1);
	assert_int_equal(str_to_ll("", 0, 100, &v), -1);
	assert_int_equal(str_to_ll("101", 0, 100, &v), -1);
	assert_int_equal(str_to_ll("-1", 0, 100, &v), -1);
}

static void
err_prefix_adds_context(void **state)
{
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(
	    err_set(&e, ERR_INPUT, "unexpected end of %s", "gzip stream"), -1);
	err_prefix(&e, "layer '%s'", "sha256:ab");
	assert_string_equal(e.msg,
			    "layer 'sha256:ab': unexpected end of gzip stream");
	assert_int_equal(e.kind, ERR_INPUT);
}

static void
arena_allocations_are_zeroed_and_aligned(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)(i % 300) + 1);

		assert_int_equal((uintptr_t)p % 16, 0);
		for (int j = 0; j < i % 300 + 1; j++)
			assert_int_equal(p[j], 0);
		memset(p, 0xff, (size_t)(i % 300) + 1);
	}
	assert_string_equal(arena_printf(&a, "%s-%d", "x", 5), "x-5");
	arena_release(&a);
}

/* file_write_replace: the new content whole, nothing left beside it. */
static void
file_write_replace_renames_into_place(void **state)
{
	char dir[] = "/tmp/hull-test-core.XXXXXX";
	struct buf b = BUF_INIT;
	char *path, *missing;
	struct dirent *d;
	DIR *dh;
	int n = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = path_join(dir, "f");
	assert_int_equal(file_write_replace(path, "old", 3), 0);
	assert_int_equal(file_write_replace(path, "new!", 4), 0);
	assert_int_equal(file_read(path, 64, &b, NULL), 0);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "new!", 4);
	missing = path_join(dir, "no/such/f");
	assert_int_equal(file_write_replace(missing, "x", 1), -1);
	dh = opendir(dir);
	assert_non_null(dh);
	while ((d = readdir(dh)))
		n += d->d_name[0] != '.';
	closedir(dh);
	assert_int_equal(n, 1);
	unlink(path);
	rmdir(dir);
	free(missing);
	free(path);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_grows_and_stays_terminated),
		cmocka_unit_test(json_escaping_replaces_invalid_utf8),
		cmocka_unit_test(strmap_holds_many_keys),
		cmocka_unit_test(str_to_ll_rejects_junk),
		cmocka_unit_test(err_prefix_adds_context),
		cmocka_unit_test(arena_allocations_are_zeroed_and_aligned),
		cmocka_unit_test(file_write_replace_renames_into_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
