/*
 * Helpers shared by the package tests: where the data lives, reading a
 * file, running one cataloger over it, and comparing with the expected
 * JSON the data folder ships.  Include after cmocka.h.
 */
#ifndef HULL_TESTS_PKGTEST_H
#define HULL_TESTS_PKGTEST_H

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"
#include "pkg/pkg.h"

/* A fresh path under the data folder's pkgdb/. */
static inline char *
pkgdb_path(const char *rel)
{
	return xasprintf("%s/pkgdb/%s", HULL_TEST_DATA, rel);
}

/* The same with a printf-style relative path. */
static inline char *pkgdb_pathf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static inline char *
pkgdb_pathf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_addf(&b, "%s/pkgdb/", HULL_TEST_DATA);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b, NULL);
}

/* Skip the calling test (with the reason) when the data is absent. */
#define REQUIRE_DATA(path)                                                     \
	do {                                                                   \
		struct stat st_;                                               \
		if (stat((path), &st_)) {                                      \
			printf("skipped: ../shared/data is absent (%s)\n",     \
			       (path));                                        \
			skip();                                                \
		}                                                              \
	} while (0)

static inline void
read_or_fail(const char *path, struct buf *b)
{
	struct err e = ERR_INIT;

	if (file_read(path, 1u << 30, b, &e))
		fail_msg("%s", e.msg);
}

/* Run one cataloger over the file at `file`, as if found at `as_path`. */
static inline int
parse_as(const struct cataloger *cat, struct pkg_list *l, const char *file,
	 const char *as_path, struct err *e)
{
	struct buf b = BUF_INIT;
	struct pkg_file f;
	int rc;

	read_or_fail(file, &b);
	f.path = as_path;
	f.data = b.data;
	f.len = b.len;
	f.layer_index = 0;
	f.layer_digest = NULL;
	f.warnings = NULL;
	rc = cat->parse(l, &f, e);
	buf_release(&b);
	return rc;
}

static inline json_t *
json_load_or_fail(const char *path)
{
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);

	if (!j)
		fail_msg("%s: %s", path, je.text);
	return j;
}

/* Compare a string field; an absent or empty JSON field matches NULL or
 * "". */
static inline void
expect_str(const char *what, const char *id, json_t *want, const char *got)
{
	const char *w = json_string_value(want);

	if (!w)
		w = "";
	if (!got)
		got = "";
	if (strcmp(w, got))
		fail_msg("%s: %s: want '%s', got '%s'", id, what, w, got);
}

/* Compare a string array (in order) with a pkg_strs. */
static inline void
expect_strs(const char *what, const char *id, json_t *want,
	    const struct pkg_strs *got)
{
	size_t n = json_array_size(want);

	if (n != got->n)
		fail_msg("%s: %s: want %zu entries, got %zu", id, what, n,
			 got->n);
	for (size_t i = 0; i < n; i++) {
		const char *w = json_string_value(json_array_get(want, i));

		if (!w || strcmp(w, got->v[i]))
			fail_msg("%s: %s[%zu]: want '%s', got '%s'", id, what,
				 i, w ? w : "(null)", got->v[i]);
	}
}

/* Split a TSV line in place into at most max fields; returns the count. */
static inline int
tsv_split(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

#endif
