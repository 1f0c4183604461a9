#include "report/jsonw.h"

#include <math.h>

void
jsonw_init(struct jsonw *w, struct buf *out, bool compact)
{
	w->out = out;
	w->depth = 0;
	w->first[0] = true;
	w->after_key = false;
	w->compact = compact;
}

static void
newline(struct jsonw *w)
{
	if (w->compact)
		return;
	buf_addch(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		buf_addstr(w->out, "  ");
}

/* Separator and indentation before a value or a key. */
static void
before_item(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		buf_addch(w->out, ',');
	w->first[w->depth] = false;
	newline(w);
}

static void
open(struct jsonw *w, char c)
{
	before_item(w);
	buf_addch(w->out, c);
	/* Our own writers decide the nesting; none goes this deep. */
	if (w->depth + 1 < JSONW_MAX_DEPTH)
		w->depth++;
	w->first[w->depth] = true;
	w->close[w->depth] = c == '{' ? '}' : ']';
}

void
jsonw_obj(struct jsonw *w)
{
	open(w, '{');
}

void
jsonw_arr(struct jsonw *w)
{
	open(w, '[');
}

void
jsonw_end(struct jsonw *w)
{
	bool empty = w->first[w->depth];
	char c = w->close[w->depth];

	if (w->depth > 0)
		w->depth--;
	if (!empty)
		newline(w);
	buf_addch(w->out, c);
}

void
jsonw_key(struct jsonw *w, const char *key)
{
	before_item(w);
	buf_addch(w->out, '"');
	buf_add_json_escaped(w->out, key);
	buf_addstr(w->out, w->compact ? "\":" : "\": ");
	w->after_key = true;
}

void
jsonw_str(struct jsonw *w, const char *s)
{
	if (!s) {
		jsonw_null(w);
		return;
	}
	before_item(w);
	buf_addch(w->out, '"');
	buf_add_json_escaped(w->out, s);
	buf_addch(w->out, '"');
}

void
jsonw_int(struct jsonw *w, long long v)
{
	before_item(w);
	buf_addf(w->out, "%lld", v);
}

void
jsonw_num(struct jsonw *w, double v)
{
	before_item(w);
	if (!isfinite(v))
		buf_addstr(w->out, "null");
	else
		buf_addf(w->out, "%.10g", v);
}

void
jsonw_bool(struct jsonw *w, bool v)
{
	before_item(w);
	buf_addstr(w->out, v ? "true" : "false");
}

void
jsonw_null(struct jsonw *w)
{
	before_item(w);
	buf_addstr(w->out, "null");
}

void
jsonw_kstr(struct jsonw *w, const char *key, const char *s)
{
	if (!s)
		return;
	jsonw_key(w, key);
	jsonw_str(w, s);
}

void
jsonw_kint(struct jsonw *w, const char *key, long long v)
{
	jsonw_key(w, key);
	jsonw_int(w, v);
}
