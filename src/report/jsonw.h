/*
 * struct jsonw: a small JSON writer into a struct buf, pretty-printed with
 * two-space indentation.  Strings are escaped and invalid UTF-8 becomes
 * U+FFFD, so the output is always valid JSON whatever an image held.
 *
 *	jsonw_obj(&w);
 *	jsonw_key(&w, "id"); jsonw_str(&w, "DF001");
 *	jsonw_end(&w);
 *
 * Nesting is tracked up to JSONW_MAX_DEPTH; the writer does not check that
 * keys and values alternate, callers do.
 */
#ifndef HULL_REPORT_JSONW_H
#define HULL_REPORT_JSONW_H

#include <stdbool.h>

#include "core/buf.h"

#define JSONW_MAX_DEPTH 32

struct jsonw {
	struct buf *out;
	int depth;
	bool first[JSONW_MAX_DEPTH]; /* no element written yet at depth */
	char close[JSONW_MAX_DEPTH]; /* '}' or ']' for each open level */
	bool after_key;
	bool compact;
};

void jsonw_init(struct jsonw *w, struct buf *out, bool compact);
void jsonw_obj(struct jsonw *w);
void jsonw_arr(struct jsonw *w);
void jsonw_end(struct jsonw *w); /* closes the innermost object/array */
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_str(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_int(struct jsonw *w, long long v);
void jsonw_num(struct jsonw *w, double v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);

/* key + value shorthands; jsonw_kstr skips the pair when s is NULL. */
void jsonw_kstr(struct jsonw *w, const char *key, const char *s);
void jsonw_kint(struct jsonw *w, const char *key, long long v);

#endif
