/*
 * --dockerfile: which instruction of a Dockerfile made each layer of an
 * image.
 *
 * The image's layers are its base image's layers, then one per
 * layer-creating instruction of the stage that was built (RUN, COPY and
 * ADD; WORKDIR too when it had to create the directory), stages it is
 * built FROM included.  So the pairs are made from the top: the last
 * non-empty history entry with the last layer-creating instruction, and
 * so on down, until the Dockerfile runs out; what is left is the base
 * image, which no instruction of this Dockerfile made.
 *
 * Each pair is checked against the history line where the builders make
 * that possible:
 *
 *   BuildKit   RUN |1 A=b /bin/sh -c cmd # buildkit
 *              COPY src dest # buildkit          WORKDIR /app
 *   classic    |1 A=b /bin/sh -c cmd
 *              /bin/sh -c #(nop) COPY file:<hash> in /dest
 *              /bin/sh -c #(nop) WORKDIR /app
 *
 * The kinds must agree; a RUN's command must end the line (whitespace
 * runs compared as one space); COPY and ADD must name the same sources and
 * destination (BuildKit) or the same destination (classic).  A line that
 * is missing cannot be checked and is paired by order.  Any disagreement
 * maps nothing: a wrong instruction on a finding is worse than none.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "parse/dockerfile.h"
#include "rules/image.h"

/* What a history line says made its layer. */
struct hist_line {
	enum df_kind kind; /* DF_UNKNOWN when there is no line */
	bool classic_nop;  /* "#(nop) KEYWORD ..." */
	const char *rest;  /* the text after the keyword */
	size_t rest_len;   /* without a trailing " # buildkit" */
};

/* The instructions, root stage first, whose layers the image holds. */
struct instr_list {
	const struct df_instr **v;
	size_t n;
	bool from_scratch; /* the root stage is FROM scratch */
};

static enum df_kind
kind_by_name(const char *s, size_t n)
{
	for (int k = DF_FROM; k <= DF_SHELL; k++) {
		const char *name = df_kind_name((enum df_kind)k);

		if (strlen(name) == n && !strncmp(s, name, n))
			return (enum df_kind)k;
	}
	return DF_UNKNOWN;
}

static bool
makes_layer(enum df_kind k)
{
	return k == DF_RUN || k == DF_COPY || k == DF_ADD;
}

static void
hist_line_parse(const char *line, struct hist_line *hl)
{
	static const char bk[] = " # buildkit";
	const char *nop, *p;
	size_t n, len;

	memset(hl, 0, sizeof(*hl));
	if (!line || !*line)
		return;
	len = strlen(line);
	if (len >= sizeof(bk) - 1 && !strcmp(line + len - (sizeof(bk) - 1), bk))
		len -= sizeof(bk) - 1;
	nop = strstr(line, "#(nop)");
	if (nop && (size_t)(nop - line) < len) {
		p = nop + 6;
		p += strspn(p, " ");
		n = strcspn(p, " ");
		hl->kind = kind_by_name(p, n);
		hl->classic_nop = true;
	} else {
		p = line;
		n = strcspn(p, " ");
		hl->kind = kind_by_name(p, n);
		if (hl->kind == DF_UNKNOWN) {
			/* A classic RUN: the shell and the command. */
			hl->kind = DF_RUN;
			n = 0;
		}
	}
	p += n;
	p += strspn(p, " ");
	hl->rest = p;
	hl->rest_len = (size_t)(p - line) <= len ? len - (size_t)(p - line) : 0;
}

/* s[0..n) with whitespace runs as one space, trimmed, into out. */
static void
text_normalize(const char *s, size_t n, struct buf *out)
{
	bool space = false;

	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (strchr(" \t\r\n", s[i])) {
			space = out->len > 0;
			continue;
		}
		if (space)
			buf_addch(out, ' ');
		space = false;
		buf_addch(out, s[i]);
	}
}

/* The command of a RUN as the builders write it. */
static void
run_command(const struct df_instr *in, struct buf *out)
{
	struct buf raw = BUF_INIT;

	if (in->form == DF_FORM_EXEC)
		for (size_t i = 0; i < in->argc; i++) {
			if (i)
				buf_addch(&raw, ' ');
			buf_addstr(&raw, in->argv[i]);
		}
	else
		buf_addstr(&raw, in->args ? in->args : "");
	text_normalize(raw.data ? raw.data : "", raw.len, out);
	buf_release(&raw);
}

static bool
run_agrees(const struct hist_line *hl, const struct df_instr *in)
{
	struct buf h = BUF_INIT, c = BUF_INIT;
	bool ok;

	run_command(in, &c);
	text_normalize(hl->rest, hl->rest_len, &h);
	ok = c.len && h.len >= c.len &&
	     !memcmp(h.data + h.len - c.len, c.data, c.len) &&
	     (h.len == c.len || h.data[h.len - c.len - 1] == ' ');
	buf_release(&h);
	buf_release(&c);
	return ok;
}

/* A path without its trailing slashes ("/" stays). */
static size_t
path_trim(const char *p, size_t n)
{
	while (n > 1 && p[n - 1] == '/')
		n--;
	return n;
}

static bool
copy_agrees(const struct hist_line *hl, const struct df_instr *in)
{
	struct buf h = BUF_INIT, c = BUF_INIT, words = BUF_INIT;
	const char *dest, *in_at;
	bool ok;

	if (!in->argc)
		return false;
	dest = in->argv[in->argc - 1];
	if (hl->classic_nop) {
		/* "file:<hash> in /dest": only the destination is comparable.
		 */
		text_normalize(hl->rest, hl->rest_len, &h);
		in_at = h.data ? strstr(h.data, " in ") : NULL;
		while (in_at && strstr(in_at + 1, " in "))
			in_at = strstr(in_at + 1, " in ");
		ok = in_at &&
		     path_trim(in_at + 4, strlen(in_at + 4)) ==
			 path_trim(dest, strlen(dest)) &&
		     !strncmp(in_at + 4, dest, path_trim(dest, strlen(dest)));
		buf_release(&h);
		return ok;
	}
	/* BuildKit: the sources and the destination, flags left out. */
	for (size_t i = 0; i < in->argc; i++) {
		buf_addstr(&c, in->argv[i]);
		buf_addch(&c, ' ');
	}
	text_normalize(hl->rest, hl->rest_len, &h);
	for (const char *w = h.data; w && *w;) {
		size_t n = strcspn(w, " ");

		if (strncmp(w, "--", 2)) {
			buf_add(&words, w, n);
			buf_addch(&words, ' ');
		}
		w += n;
		w += strspn(w, " ");
	}
	ok = words.len == c.len && !memcmp(words.data, c.data, c.len);
	buf_release(&h);
	buf_release(&c);
	buf_release(&words);
	return ok;
}

static bool
workdir_agrees(const struct hist_line *hl, const struct df_instr *in)
{
	struct buf h = BUF_INIT, c = BUF_INIT;
	bool ok;

	/* A relative WORKDIR is written resolved: only the kind is known. */
	if (!in->expanded || in->expanded[0] != '/')
		return true;
	text_normalize(in->expanded, strlen(in->expanded), &c);
	text_normalize(hl->rest, hl->rest_len, &h);
	ok = path_trim(h.data ? h.data : "", h.len) ==
		 path_trim(c.data ? c.data : "", c.len) &&
	     !strncmp(h.data ? h.data : "", c.data ? c.data : "",
		      path_trim(c.data ? c.data : "", c.len));
	buf_release(&h);
	buf_release(&c);
	return ok;
}

/* Does the history line fit the instruction?  Heredocs are not compared:
 * the builders write their bodies in their own ways. */
static bool
pair_agrees(const struct hist_line *hl, const struct df_instr *in)
{
	if (hl->kind == DF_UNKNOWN)
		return makes_layer(in->kind);
	if (hl->kind != in->kind)
		return false;
	if (in->n_heredocs)
		return true;
	switch (in->kind) {
	case DF_RUN:
		return run_agrees(hl, in);
	case DF_COPY:
	case DF_ADD:
		return copy_agrees(hl, in);
	case DF_WORKDIR:
		return workdir_agrees(hl, in);
	default:
		return true;
	}
}

/* The final stage and the stages it is built FROM, root first. */
static int
instrs_collect(const struct dockerfile *df, struct instr_list *il,
	       struct strvec *warnings)
{
	const struct df_stage *st = dockerfile_final_stage(df);
	size_t chain[64], depth = 0;

	if (!st) {
		strvec_push(warnings, "the Dockerfile has no FROM");
		return -1;
	}
	while (st) {
		if (depth == ARRAY_SIZE(chain)) {
			strvec_push(warnings, "the stages are nested too deep");
			return -1;
		}
		chain[depth++] = st->index;
		if (st->base_stage < 0 || (unsigned)st->base_stage >= st->index)
			break;
		st = &df->stages[st->base_stage];
	}
	il->from_scratch = st->is_scratch;
	il->v = xcalloc(df->n ? df->n : 1, sizeof(*il->v));
	while (depth--) {
		const struct df_stage *s = &df->stages[chain[depth]];

		for (size_t i = s->first + 1; i <= s->last && i < df->n; i++)
			il->v[il->n++] = &df->instrs[i];
	}
	return 0;
}

/* "RUN --mount=type=cache,target=/x apt-get ..." as written, one line. */
static char *
instr_text(const struct df_instr *in, struct secret_scanner *s)
{
	struct buf b = BUF_INIT, args = BUF_INIT;
	char *red;

	buf_addstr(&b, df_kind_name(in->kind));
	for (size_t i = 0; i < in->n_flags; i++) {
		buf_addf(&b, " --%s", in->flags[i].name);
		if (in->flags[i].value)
			buf_addf(&b, "=%s", in->flags[i].value);
	}
	text_normalize(in->args ? in->args : "",
		       in->args ? strlen(in->args) : 0, &args);
	if (args.len)
		buf_addf(&b, " %s", args.data);
	buf_release(&args);
	red = image_text_redact(s, b.data);
	if (red) {
		buf_release(&b);
		return red;
	}
	return buf_detach(&b, NULL);
}

/* The layers' history lines, top first, as (line, layer) pairs. */
struct layer_line {
	const char *line;
	int layer;
};

static size_t
layer_lines(const struct image_facts *f, struct layer_line *out)
{
	size_t n = 0;

	for (size_t i = f->n_history; i-- > 0;)
		if (f->history[i].layer >= 0) {
			out[n].line = f->history[i].created_by;
			out[n++].layer = f->history[i].layer;
		}
	if (!f->n_history)
		for (size_t i = f->n_layers; i-- > 0;) {
			out[n].line = NULL;
			out[n++].layer = (int)i;
		}
	return n;
}

static const char *
line_kind_name(const struct hist_line *hl)
{
	return hl->kind == DF_UNKNOWN ? "an unknown instruction"
				      : df_kind_name(hl->kind);
}

/*
 * Pair layer lines (top first) with instructions (walked from the end).
 * Returns the number of pairs in map (map[k] = instruction index of the
 * k-th line), or -1 with a warning.
 */
static int
pairs_make(const struct instr_list *il, const struct layer_line *ll, size_t nl,
	   const char *df_path, long *map, struct strvec *warnings)
{
	size_t j = il->n, k;

	for (k = 0; k < nl; k++) {
		struct hist_line hl;

		hist_line_parse(ll[k].line, &hl);
		/* Instructions that made no layer are passed over. */
		while (j > 0 && !(hl.kind == DF_UNKNOWN
				      ? makes_layer(il->v[j - 1]->kind)
				      : il->v[j - 1]->kind == hl.kind)) {
			if (makes_layer(il->v[j - 1]->kind))
				goto disagree;
			j--;
		}
		if (j == 0)
			break; /* the rest is the base image */
		if (!pair_agrees(&hl, il->v[j - 1]))
			goto disagree;
		map[k] = (long)--j;
	}
	/* Layer-creating instructions left over: the image has too few. */
	while (j > 0)
		if (makes_layer(il->v[--j]->kind)) {
			strvec_pushf(warnings,
				     "%s line %u (%s) made no layer of the "
				     "image; it was not built from this "
				     "Dockerfile",
				     df_path, il->v[j]->line,
				     df_kind_name(il->v[j]->kind));
			return -1;
		}
	if (il->from_scratch && k < nl) {
		strvec_pushf(warnings,
			     "%s builds FROM scratch but %zu layers of the "
			     "image are below those its instructions make",
			     df_path, nl - k);
		return -1;
	}
	return (int)k;
disagree : {
	struct hist_line hl;

	hist_line_parse(ll[k].line, &hl);
	strvec_pushf(warnings,
		     "layer %d was made by %s, but the matching instruction "
		     "is %s at %s line %u; the image was not built from this "
		     "Dockerfile",
		     ll[k].layer, line_kind_name(&hl),
		     df_kind_name(il->v[j - 1]->kind), df_path,
		     il->v[j - 1]->line);
	return -1;
}
}

int
image_dockerfile_map(struct image *img, const struct dockerfile *df,
		     struct secret_scanner *s, struct strvec *warnings)
{
	struct image_facts *f = &img->facts;
	struct instr_list il = { 0 };
	struct layer_line *ll = NULL;
	long *map = NULL;
	size_t nl, non_empty = 0;
	int n = -1;

	for (size_t i = 0; i < f->n_history; i++)
		non_empty += f->history[i].layer >= 0;
	if (f->n_history && non_empty != f->n_layers) {
		strvec_pushf(warnings,
			     "the image history lists %zu layers but the "
			     "image has %zu; layers cannot be told apart",
			     non_empty, f->n_layers);
		return -1;
	}
	if (instrs_collect(df, &il, warnings) < 0)
		goto out;
	ll = xcalloc(f->n_layers ? f->n_layers : 1, sizeof(*ll));
	map = xcalloc(f->n_layers ? f->n_layers : 1, sizeof(*map));
	nl = layer_lines(f, ll);
	n = pairs_make(&il, ll, nl, df->path, map, warnings);
	for (int k = 0; k < n; k++) {
		struct image_layer *ly = &f->layers[ll[k].layer];
		const struct df_instr *in = il.v[map[k]];
		char *text = instr_text(in, s);

		ly->instruction = arena_strdup(&img->arena, text);
		ly->dockerfile_line = in->line;
		free(text);
	}
out:
	free(il.v);
	free(ll);
	free(map);
	return n;
}
