/*
 * The Dockerfile reader: physical lines into instructions, the way
 * BuildKit's parser does it.  Parser directives are read from the top
 * until the first line that is not one; an instruction runs on while its
 * line ends in the escape character, skipping comment and blank lines;
 * RUN, COPY and ADD take heredoc bodies from the lines that follow.
 * dockerfile-instr.c takes each instruction apart and dockerfile-stage.c
 * tracks stages and variables.
 */
#include "parse/dockerfile.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/file.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "parse/dockerfile-internal.h"

void
df_diag_add(struct df_parser *p, unsigned line, unsigned column,
	    const char *fmt, ...)
{
	struct dockerfile *df = p->df;
	struct df_diag *d;
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	df_vformat(&msg, fmt, ap);
	va_end(ap);
	ALLOC_GROW(p->diags, df->n_diags + 1, p->cap_diags);
	d = &p->diags[df->n_diags++];
	d->line = line;
	d->column = column ? column : 1;
	d->message = arena_strdup(&df->arena, msg.data);
	buf_release(&msg);
}

/* s[0..n) cut to DF_QUOTE_MAX bytes, never inside a UTF-8 sequence. */
static void
df_add_capped(struct buf *b, const char *s, size_t n)
{
	if (n <= DF_QUOTE_MAX) {
		buf_add(b, s, n);
		return;
	}
	n = DF_QUOTE_MAX;
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	buf_add(b, s, n);
	buf_addstr(b, "\xe2\x80\xa6");
}

/* A conversion spec: "%", flags, width, precision, length, conversion. */
struct df_spec {
	char text[32];
	char conv;
	char len[3]; /* "", "h", "hh", "l", "ll", "z", "j", "t", "L" */
	int stars;   /* '*' widths and precisions, read before the value */
	int star[2];
	long prec; /* -1 when none */
};

/* Read the spec after a '%' at *fmt; false for one hull never writes. */
static bool
df_spec_read(const char **fmt, struct df_spec *sp, va_list *ap)
{
	const char *f = *fmt;
	size_t n = strspn(f, "-+ #0123456789.*");
	const char *dot = memchr(f, '.', n);
	size_t m = strspn(f + n, "hlzjtL");

	if (m > 2 || n + m + 3 > sizeof(sp->text) || !f[n + m])
		return false;
	memset(sp, 0, sizeof(*sp));
	sp->text[0] = '%';
	memcpy(sp->text + 1, f, n + m + 1);
	memcpy(sp->len, f + n, m);
	sp->conv = f[n + m];
	sp->prec = -1;
	for (size_t i = 0; i < n; i++) {
		if (f[i] != '*')
			continue;
		if (sp->stars == 2)
			return false;
		sp->star[sp->stars++] = va_arg(*ap, int);
	}
	if (dot && dot[1] == '*')
		sp->prec = sp->star[sp->stars - 1];
	else if (dot)
		sp->prec = strtol(dot + 1, NULL, 10);
	*fmt = f + n + m + 1;
	return true;
}

#define DF_EMIT(b, sp, v)                                                      \
	do {                                                                   \
		if ((sp)->stars == 0)                                          \
			buf_addf(b, (sp)->text, v);                            \
		else if ((sp)->stars == 1)                                     \
			buf_addf(b, (sp)->text, (sp)->star[0], v);             \
		else                                                           \
			buf_addf(b, (sp)->text, (sp)->star[0], (sp)->star[1],  \
				 v);                                           \
	} while (0)

static void
df_emit_signed(struct buf *b, const struct df_spec *sp, va_list *ap)
{
	if (!strcmp(sp->len, "l"))
		DF_EMIT(b, sp, va_arg(*ap, long));
	else if (!strcmp(sp->len, "ll"))
		DF_EMIT(b, sp, va_arg(*ap, long long));
	else if (!strcmp(sp->len, "z") || !strcmp(sp->len, "t"))
		DF_EMIT(b, sp, va_arg(*ap, ptrdiff_t));
	else if (!strcmp(sp->len, "j"))
		DF_EMIT(b, sp, va_arg(*ap, intmax_t));
	else
		DF_EMIT(b, sp, va_arg(*ap, int));
}

static void
df_emit_unsigned(struct buf *b, const struct df_spec *sp, va_list *ap)
{
	if (!strcmp(sp->len, "l"))
		DF_EMIT(b, sp, va_arg(*ap, unsigned long));
	else if (!strcmp(sp->len, "ll"))
		DF_EMIT(b, sp, va_arg(*ap, unsigned long long));
	else if (!strcmp(sp->len, "z") || !strcmp(sp->len, "t"))
		DF_EMIT(b, sp, va_arg(*ap, size_t));
	else if (!strcmp(sp->len, "j"))
		DF_EMIT(b, sp, va_arg(*ap, uintmax_t));
	else
		DF_EMIT(b, sp, va_arg(*ap, unsigned));
}

static void
df_emit_string(struct buf *b, const struct df_spec *sp, va_list *ap)
{
	const char *s = va_arg(*ap, const char *);
	size_t n;

	if (!s)
		s = "(null)";
	n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
	df_add_capped(b, s, n);
}

void
df_vformat(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;

	va_copy(cp, ap);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		struct df_spec sp;

		if (!pct) {
			buf_addstr(b, fmt);
			break;
		}
		buf_add(b, fmt, (size_t)(pct - fmt));
		fmt = pct + 1;
		if (*fmt == '%') {
			buf_addch(b, '%');
			fmt++;
			continue;
		}
		if (!df_spec_read(&fmt, &sp, &cp))
			break; /* hull's own formats only; see the header */
		if (strchr("dic", sp.conv))
			df_emit_signed(b, &sp, &cp);
		else if (strchr("uxXo", sp.conv))
			df_emit_unsigned(b, &sp, &cp);
		else if (sp.conv == 's')
			df_emit_string(b, &sp, &cp);
		else if (sp.conv == 'p')
			DF_EMIT(b, &sp, va_arg(cp, void *));
		else if (strchr("feEgGaA", sp.conv) && !strcmp(sp.len, "L"))
			DF_EMIT(b, &sp, va_arg(cp, long double));
		else if (strchr("feEgGaA", sp.conv))
			DF_EMIT(b, &sp, va_arg(cp, double));
		else
			break;
	}
	va_end(cp);
}

/* The next physical line as [*start, *end), without "\r\n"; false at
 * the end of the input. */
static bool
df_line_next(struct df_parser *p, size_t *start, size_t *end)
{
	const char *nl;

	if (p->pos >= p->len)
		return false;
	*start = p->pos;
	nl = memchr(p->s + p->pos, '\n', p->len - p->pos);
	*end = nl ? (size_t)(nl - p->s) : p->len;
	p->pos = nl ? *end + 1 : p->len;
	if (*end > *start && p->s[*end - 1] == '\r')
		(*end)--;
	p->line++;
	return true;
}

static size_t
df_skip_blanks(const char *s, size_t i, size_t end)
{
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static void
df_comment_add(struct df_parser *p, size_t start, size_t hash, size_t end)
{
	struct dockerfile *df = p->df;
	struct df_diag *c;
	size_t e = end;

	while (e > hash + 1 && isspace((unsigned char)p->s[e - 1]))
		e--;
	ALLOC_GROW(p->comments, df->n_comments + 1, p->cap_comments);
	c = &p->comments[df->n_comments++];
	c->line = p->line;
	c->column = (unsigned)(hash - start) + 1;
	c->message = arena_strndup(&df->arena, p->s + hash + 1, e - hash - 1);
}

/* Comments read so far apply to the instruction on `line`. */
static void
df_comments_flush(struct df_parser *p, unsigned line)
{
	struct dockerfile *df = p->df;

	for (size_t i = p->pending_from; i < df->n_comments; i++)
		pragmas_parse_comment(&df->pragmas, p->comments[i].message,
				      p->comments[i].line, line);
	p->pending_from = df->n_comments;
}

/*
 * A parser directive: "# name = value", where name is one BuildKit knows.
 * Returns false for anything else, which ends the directives.
 */
static bool
df_directive(struct df_parser *p, size_t i, size_t end)
{
	static const char *const known[] = { "syntax", "escape", "check" };
	struct dockerfile *df = p->df;
	size_t ns, ne, vs, ve;
	const char *name = NULL;

	if (i >= end || p->s[i] != '#')
		return false;
	ns = df_skip_blanks(p->s, i + 1, end);
	ne = ns;
	while (ne < end && isalnum((unsigned char)p->s[ne]))
		ne++;
	if (ne == ns || !isalpha((unsigned char)p->s[ns]))
		return false;
	vs = df_skip_blanks(p->s, ne, end);
	if (vs >= end || p->s[vs] != '=')
		return false;
	vs = df_skip_blanks(p->s, vs + 1, end);
	ve = end;
	while (ve > vs && isspace((unsigned char)p->s[ve - 1]))
		ve--;
	if (ve == vs)
		return false;
	for (size_t k = 0; k < ARRAY_SIZE(known); k++)
		if (ne - ns == strlen(known[k]) &&
		    !strncasecmp(p->s + ns, known[k], ne - ns))
			name = known[k];
	if (!name)
		return false;
	if (!strcmp(name, "escape")) {
		if (ve - vs != 1 || (p->s[vs] != '\\' && p->s[vs] != '`'))
			df_diag_add(p, p->line, 1,
				    "invalid escape character '%.*s' in parser "
				    "directive",
				    (int)(ve - vs), p->s + vs);
		else
			df->escape = p->s[vs];
	} else if (!strcmp(name, "syntax")) {
		df->syntax = arena_strndup(&df->arena, p->s + vs, ve - vs);
	} else {
		df->check = arena_strndup(&df->arena, p->s + vs, ve - vs);
	}
	return true;
}

static void
df_directives_read(struct df_parser *p)
{
	size_t start, end, save_pos;
	unsigned save_line;

	for (;;) {
		save_pos = p->pos;
		save_line = p->line;
		if (!df_line_next(p, &start, &end))
			return;
		if (!df_directive(p, df_skip_blanks(p->s, start, end), end))
			break;
	}
	p->pos = save_pos;
	p->line = save_line;
}

/*
 * If line [i, end) ends with the escape character and optional blanks,
 * move *end to before it and return true.
 */
static bool
df_line_continues(struct df_parser *p, size_t i, size_t *end)
{
	size_t e = *end;

	while (e > i && (p->s[e - 1] == ' ' || p->s[e - 1] == '\t'))
		e--;
	if (e > i && p->s[e - 1] == p->df->escape) {
		*end = e - 1;
		return true;
	}
	return false;
}

/* The continuation lines after an instruction's first line, appended to
 * `text`.  Comment and blank lines between them are skipped. */
static void
df_continuation_read(struct df_parser *p, struct df_instr *in, struct buf *text)
{
	unsigned first = in->line;
	size_t start, end, i;

	for (;;) {
		if (!df_line_next(p, &start, &end)) {
			df_diag_add(p, first, 1,
				    "line continuation runs to the end of the "
				    "file");
			return;
		}
		i = df_skip_blanks(p->s, start, end);
		if (i < end && p->s[i] == '#') {
			df_comment_add(p, start, i, end);
			continue;
		}
		if (i == end) {
			in->empty_continuation = true;
			continue;
		}
		if (!df_line_continues(p, start, &end)) {
			buf_add(text, p->s + start, end - start);
			return;
		}
		buf_add(text, p->s + start, end - start);
	}
}

static void
df_heredoc_body_read(struct df_parser *p, struct df_heredoc *h)
{
	struct buf body = BUF_INIT;
	size_t start, end, dl = strlen(h->delim), i;

	h->line = p->line + 1;
	for (;;) {
		if (!df_line_next(p, &start, &end)) {
			df_diag_add(p, h->line - 1, 1,
				    "unterminated heredoc '%s'", h->delim);
			break;
		}
		i = start;
		if (h->strip_tabs)
			while (i < end && p->s[i] == '\t')
				i++;
		if (end - i == dl && !memcmp(p->s + i, h->delim, dl))
			break;
		buf_add(&body, p->s + i, end - i);
		buf_addch(&body, '\n');
	}
	h->body = arena_strndup(&p->df->arena, body.data, body.len);
	buf_release(&body);
}

static struct df_instr *
df_instr_new(struct df_parser *p)
{
	struct dockerfile *df = p->df;
	struct df_instr *in;

	ALLOC_GROW(p->instrs, df->n + 1, p->cap_instrs);
	in = &p->instrs[df->n++];
	memset(in, 0, sizeof(*in));
	in->stage = -1;
	return in;
}

/* The instruction that starts at line [start, end); i is its first
 * non-blank byte. */
static void
df_instruction_read(struct df_parser *p, size_t start, size_t i, size_t end)
{
	struct dockerfile *df = p->df;
	struct buf text = BUF_INIT;
	struct df_instr *in;
	size_t kw_end = 0;

	df_comments_flush(p, p->line);
	in = df_instr_new(p);
	in->line = p->line;
	in->column = (unsigned)(i - start) + 1;
	if (df_line_continues(p, i, &end)) {
		buf_add(&text, p->s + i, end - i);
		df_continuation_read(p, in, &text);
	} else {
		buf_add(&text, p->s + i, end - i);
	}

	while (kw_end < text.len && !isspace((unsigned char)text.data[kw_end]))
		kw_end++;
	if (df_kind_has_heredocs(df_kind_lookup(text.data, kw_end))) {
		df_heredocs_find(p, in, text.data + kw_end);
		for (size_t k = 0; k < in->n_heredocs; k++)
			df_heredoc_body_read(p, &in->heredocs[k]);
	}
	in->end_line = p->line;
	in->original = arena_strndup(&df->arena, p->s + start,
				     (p->pos > start ? p->pos : start) - start);
	{
		/* drop the final line break from the copy */
		char *o = (char *)in->original;
		size_t n = strlen(o);

		while (n && (o[n - 1] == '\n' || o[n - 1] == '\r'))
			o[--n] = '\0';
	}
	df_instr_parse(p, in, text.data, text.len);
	df_stage_apply(p, df->n - 1);
	buf_release(&text);
}

static void
df_lines_read(struct df_parser *p)
{
	size_t start, end, i;

	while (df_line_next(p, &start, &end)) {
		i = df_skip_blanks(p->s, start, end);
		if (i == end)
			continue;
		if (p->s[i] == '#') {
			df_comment_add(p, start, i, end);
			continue;
		}
		if (p->df->n >= DF_MAX_INSTRUCTIONS) {
			df_diag_add(p, p->line, 1,
				    "more than %u instructions; the rest is "
				    "not read",
				    DF_MAX_INSTRUCTIONS);
			break;
		}
		df_instruction_read(p, start, i, end);
	}
	/* comments after the last instruction apply to no instruction */
	df_comments_flush(p, p->line + 1);
}

/* Move a growable array into the arena. */
static void *
df_to_arena(struct dockerfile *df, void *v, size_t n, size_t size)
{
	void *out = NULL;

	if (n) {
		out = arena_alloc(&df->arena, n * size);
		memcpy(out, v, n * size);
	}
	free(v);
	return out;
}

static void
df_var_defs_add(struct dockerfile *df, const char *key, size_t at, bool arg)
{
	struct df_var_defs *d = strmap_get(&df->var_defs, key);

	if (!d) {
		d = xcalloc(1, sizeof(*d));
		d->first_arg = (size_t)-1;
		strmap_put(&df->var_defs, key, d);
	}
	if (!d->n || d->at[d->n - 1] != at) {
		ALLOC_GROW(d->at, d->n + 1, d->cap);
		d->at[d->n++] = at;
	}
	if (arg && d->first_arg == (size_t)-1)
		d->first_arg = at;
}

static void
df_var_defs_index(struct dockerfile *df)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind != DF_ENV && in->kind != DF_ARG)
			continue;
		for (size_t k = 0; k < in->n_kvs; k++)
			df_var_defs_add(df, in->kvs[k].key, i,
					in->kind == DF_ARG);
	}
}

static void
df_var_defs_free(void *v)
{
	struct df_var_defs *d = v;

	free(d->at);
	free(d);
}

static void
df_finish(struct df_parser *p)
{
	struct dockerfile *df = p->df;

	if (!df->n)
		df_diag_add(p, 1, 1, "the file has no instructions");
	else if (!df->n_stages)
		df_diag_add(p, 1, 1, "the file has no FROM instruction");
	df->instrs = df_to_arena(df, p->instrs, df->n, sizeof(*p->instrs));
	df->stages =
	    df_to_arena(df, p->stages, df->n_stages, sizeof(*p->stages));
	df_stages_mark_used(df);
	df_var_defs_index(df);
	df->global_args =
	    df_to_arena(df, p->gargs, df->n_global_args, sizeof(*p->gargs));
	df->diags = df_to_arena(df, p->diags, df->n_diags, sizeof(*p->diags));
	df->comments =
	    df_to_arena(df, p->comments, df->n_comments, sizeof(*p->comments));
	df_stages_release(p);
}

int
dockerfile_parse(struct dockerfile *df, const char *path, const char *data,
		 size_t len, struct err *e)
{
	return dockerfile_parse_args(df, path, data, len, NULL, e);
}

int
dockerfile_parse_args(struct dockerfile *df, const char *path, const char *data,
		      size_t len, const struct strmap *build_args,
		      struct err *e)
{
	struct df_parser p;

	memset(df, 0, sizeof(*df));
	df->escape = '\\';
	df->path = arena_strdup(&df->arena, path ? path : "Dockerfile");
	if (len > DF_MAX_FILE) {
		err_set(e, ERR_INPUT,
			"'%s' is larger than %u bytes, not a Dockerfile",
			df->path, DF_MAX_FILE);
		goto fail;
	}
	if (memchr(data, '\0', len)) {
		err_set(e, ERR_INPUT,
			"'%s' contains NUL bytes, not a Dockerfile", df->path);
		goto fail;
	}

	memset(&p, 0, sizeof(p));
	p.df = df;
	p.build_args = build_args;
	p.s = data;
	p.len = len;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		p.pos = 3;
	df_directives_read(&p);
	df_lines_read(&p);
	df_finish(&p);
	return 0;
fail:
	dockerfile_release(df);
	return -1;
}

int
dockerfile_load(struct dockerfile *df, const char *path, struct err *e)
{
	return dockerfile_load_args(df, path, NULL, e);
}

int
dockerfile_load_args(struct dockerfile *df, const char *path,
		     const struct strmap *build_args, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc;

	memset(df, 0, sizeof(*df));
	if (file_read(path, DF_MAX_FILE, &b, e) < 0) {
		buf_release(&b);
		return -1;
	}
	rc = dockerfile_parse_args(df, path, b.data, b.len, build_args, e);
	buf_release(&b);
	return rc;
}

void
dockerfile_release(struct dockerfile *df)
{
	pragmas_release(&df->pragmas);
	strmap_release(&df->stage_names, NULL);
	strmap_release(&df->var_defs, df_var_defs_free);
	arena_release(&df->arena);
	memset(df, 0, sizeof(*df));
}

const struct df_stage *
dockerfile_final_stage(const struct dockerfile *df)
{
	return df->n_stages ? &df->stages[df->n_stages - 1] : NULL;
}

const struct df_stage *
dockerfile_stage_named(const struct dockerfile *df, const char *name,
		       size_t before)
{
	char *key;
	void *v;
	size_t idx;

	if (!name || !*name || !df->stage_names.n)
		return NULL;
	key = str_lower(xstrdup(name));
	v = strmap_get(&df->stage_names, key);
	free(key);
	if (!v)
		return NULL;
	idx = (size_t)((uintptr_t)v - 1);
	return idx < before && idx < df->n_stages ? &df->stages[idx] : NULL;
}

const struct df_stage *
dockerfile_find_stage(const struct dockerfile *df, const char *name_or_index,
		      size_t before)
{
	const struct df_stage *st;
	long long idx;

	if (!name_or_index || !*name_or_index)
		return NULL;
	if (before > df->n_stages)
		before = df->n_stages;
	st = dockerfile_stage_named(df, name_or_index, before);
	if (st)
		return st;
	if (str_to_ll(name_or_index, 0, (long long)before - 1, &idx) == 0)
		return &df->stages[idx];
	return NULL;
}

const struct df_var_defs *
dockerfile_var_defs(const struct dockerfile *df, const char *name)
{
	return strmap_get(&df->var_defs, name);
}

const struct df_flag *
df_instr_flag(const struct df_instr *in, const char *name)
{
	for (size_t i = 0; i < in->n_flags; i++)
		if (!strcmp(in->flags[i].name, name))
			return &in->flags[i];
	return NULL;
}

bool
dockerfile_name_matches(const char *name)
{
	return !strcmp(name, "Dockerfile") || !strcmp(name, "Containerfile") ||
	       !strcasecmp(name, "dockerfile") ||
	       str_starts_with(name, "Dockerfile.") ||
	       str_starts_with(name, "Containerfile.") ||
	       str_ends_with(name, ".dockerfile") ||
	       str_ends_with(name, ".Dockerfile");
}
