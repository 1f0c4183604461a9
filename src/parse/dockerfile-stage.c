/*
 * Stages and the variables each instruction sees.  ARGs before the first
 * FROM form the global scope, which FROM lines expand against.  Each
 * stage has its own scope, chained to the scope of the stage it is built
 * FROM; a global ARG enters a stage only when the stage redeclares it
 * with a bare "ARG NAME".
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "parse/dockerfile-internal.h"

void
df_image_ref_parse(struct arena *a, const char *image, struct df_image_ref *out)
{
	const char *at = strchr(image, '@'), *slash, *colon, *rest = image;
	size_t end = at ? (size_t)(at - image) : strlen(image);

	memset(out, 0, sizeof(*out));
	if (at)
		out->digest = arena_strdup(a, at + 1);
	slash = memchr(image, '/', end);
	if (slash) {
		size_t n = (size_t)(slash - image);
		const char *dot = memchr(image, '.', n);
		const char *port = memchr(image, ':', n);

		if (dot || port || (n == 9 && !memcmp(image, "localhost", 9))) {
			out->registry = arena_strndup(a, image, n);
			rest = slash + 1;
		}
	}
	end -= (size_t)(rest - image);
	colon = NULL;
	for (size_t i = end; i-- > 0;) {
		if (rest[i] == '/')
			break;
		if (rest[i] == ':') {
			colon = rest + i;
			break;
		}
	}
	if (colon) {
		out->tag = arena_strndup(a, colon + 1,
					 end - (size_t)(colon - rest) - 1);
		end = (size_t)(colon - rest);
	}
	out->repository = arena_strndup(a, rest, end);
}

static bool
df_stage_name_valid(const char *name)
{
	if (!(*name >= 'a' && *name <= 'z'))
		return false;
	for (name++; *name; name++)
		if (!islower((unsigned char)*name) &&
		    !isdigit((unsigned char)*name) && !strchr("-_.", *name))
			return false;
	return true;
}

static struct df_scope *
df_scope_new(struct df_parser *p, int base)
{
	struct df_scope *sc = xcalloc(1, sizeof(*sc));

	if (base >= 0) {
		const struct df_scope *parent = p->scopes[base];

		if (parent->chain < DF_MAX_STAGE_CHAIN) {
			sc->parent = parent;
			sc->chain = parent->chain + 1;
		}
	}
	return sc;
}

/* The last stage so far named `image` (any case), or -1. */
static int
df_stage_last_named(struct df_parser *p, const char *image)
{
	char *key;
	void *v;

	if (!p->stage_last.n)
		return -1;
	key = str_lower(xstrdup(image));
	v = strmap_get(&p->stage_last, key);
	free(key);
	return v ? (int)((uintptr_t)v - 1) : -1;
}

/* FROM [--platform=p] image [AS name] */
static void
df_from_apply(struct df_parser *p, struct df_instr *in, size_t idx)
{
	struct dockerfile *df = p->df;
	struct df_stage *st;
	const struct df_flag *platform = df_instr_flag(in, "platform");
	bool unresolved = false;

	/* scopes grows with stages; reallocating it on every FROM would copy
	 * it each time under allocators that always move (sanitizers). */
	ALLOC_GROW(p->stages, df->n_stages + 1, p->cap_stages);
	ALLOC_GROW(p->scopes, df->n_stages + 1, p->cap_scopes);
	st = &p->stages[df->n_stages];
	memset(st, 0, sizeof(*st));
	st->index = (unsigned)df->n_stages;
	st->first = st->last = idx;
	st->base_stage = -1;
	st->platform = platform ? platform->value : NULL;
	in->stage = (int)st->index;
	in->expanded =
	    df_expand(p, in->args, DF_EXPAND_KEEP, &p->globals, NULL);

	if (in->argc == 3 && str_ieq(in->argv[1], "AS")) {
		char *name = arena_strdup(&df->arena, in->argv[2]);

		st->name = str_lower(name);
		if (!df_stage_name_valid(st->name))
			df_diag_add(p, in->line, in->column,
				    "invalid stage name '%s'", in->argv[2]);
		if (strmap_has(&df->stage_names, st->name))
			df_diag_add(p, in->line, in->column,
				    "duplicate stage name '%s'", st->name);
	} else if (in->argc != 1 && in->argc) {
		df_diag_add(p, in->line, in->column,
			    "FROM needs an image and optionally AS name");
	}
	st->image_raw = in->argc ? in->argv[0] : "";
	st->image = df_expand(p, st->image_raw, DF_EXPAND_WORD, &p->globals,
			      &unresolved);
	if (unresolved || !*st->image)
		st->image = st->image_raw;
	st->is_scratch = str_ieq(st->image, "scratch");
	st->base_stage = df_stage_last_named(p, st->image);
	df_image_ref_parse(&df->arena, st->image, &st->ref);
	p->scopes[df->n_stages] = df_scope_new(p, st->base_stage);
	if (st->name) {
		void *one = (void *)(uintptr_t)(st->index + 1);

		if (!strmap_has(&df->stage_names, st->name))
			strmap_put(&df->stage_names, st->name, one);
		strmap_put(&p->stage_last, st->name, one);
	}
	df->n_stages++;
}

/* A --build-arg for a declared ARG wins over its default. */
static void
df_build_arg(struct df_parser *p, struct df_kv *kv)
{
	const char *v =
	    p->build_args ? strmap_get(p->build_args, kv->key) : NULL;

	if (v)
		kv->value_expanded = arena_strdup(&p->df->arena, v);
}

static void
df_global_arg(struct df_parser *p, struct df_instr *in)
{
	struct dockerfile *df = p->df;

	for (size_t i = 0; i < in->n_kvs; i++) {
		struct df_kv *kv = &in->kvs[i];

		kv->value_expanded =
		    df_expand(p, kv->raw, DF_EXPAND_WORD, &p->globals, NULL);
		df_build_arg(p, kv);
		df_scope_set(p, &p->globals, kv->key, kv->value_expanded,
			     false);
		ALLOC_GROW(p->gargs, df->n_global_args + 1, p->cap_gargs);
		p->gargs[df->n_global_args++] = *kv;
	}
}

/* ARG in a stage: a bare name takes the global default, if any. */
static void
df_stage_arg(struct df_parser *p, struct df_instr *in, struct df_scope *sc)
{
	for (size_t i = 0; i < in->n_kvs; i++) {
		struct df_kv *kv = &in->kvs[i];

		if (kv->raw) {
			kv->value_expanded =
			    df_expand(p, kv->raw, DF_EXPAND_WORD, sc, NULL);
		} else {
			const struct df_var *g =
			    df_scope_get(&p->globals, kv->key);

			kv->value_expanded = g ? g->value : NULL;
		}
		df_build_arg(p, kv);
	}
	for (size_t i = 0; i < in->n_kvs; i++)
		df_scope_set(p, sc, in->kvs[i].key, in->kvs[i].value_expanded,
			     false);
}

/* ENV and LABEL: every value sees the variables from before the line. */
static void
df_kvs_expand(struct df_parser *p, struct df_instr *in,
	      const struct df_scope *sc)
{
	for (size_t i = 0; i < in->n_kvs; i++)
		in->kvs[i].value_expanded =
		    df_expand(p, in->kvs[i].raw, DF_EXPAND_WORD, sc, NULL);
}

static bool
df_kind_expands(enum df_kind k)
{
	switch (k) {
	case DF_ENV:
	case DF_ARG:
	case DF_LABEL:
	case DF_ADD:
	case DF_COPY:
	case DF_WORKDIR:
	case DF_USER:
	case DF_EXPOSE:
	case DF_VOLUME:
	case DF_STOPSIGNAL:
		return true;
	default:
		return false;
	}
}

/*
 * The instruction's own text and words under scope sc (not changed).
 * NEEDSWORK: flag values (--chown=$USER) are not expanded, and --build-arg
 * values are unknown here, so ARG defaults stand in for them.
 */
static void
df_instr_expand(struct df_parser *p, struct df_instr *in,
		const struct df_scope *sc)
{
	enum df_expand_mode mode;

	if (in->kind == DF_ONBUILD && in->onbuild) {
		df_instr_expand(p, in->onbuild, sc);
		if (df_kind_expands(in->onbuild->kind))
			in->expanded =
			    df_expand(p, in->args, DF_EXPAND_KEEP, sc, NULL);
		return;
	}
	if (!df_kind_expands(in->kind))
		return;
	in->expanded = df_expand(p, in->args, DF_EXPAND_KEEP, sc, NULL);
	if (in->kind == DF_LABEL || in->kind == DF_ENV)
		df_kvs_expand(p, in, sc);
	if (in->kind == DF_ARG)
		for (size_t i = 0; i < in->n_kvs; i++)
			if (in->kvs[i].raw)
				in->kvs[i].value_expanded =
				    df_expand(p, in->kvs[i].raw, DF_EXPAND_WORD,
					      sc, NULL);
	mode = in->form == DF_FORM_EXEC ? DF_EXPAND_KEEP : DF_EXPAND_WORD;
	for (size_t i = 0; i < in->argc; i++)
		in->argv[i] = df_expand(p, in->argv[i], mode, sc, NULL);
}

void
df_stage_apply(struct df_parser *p, size_t idx)
{
	struct dockerfile *df = p->df;
	struct df_instr *in = &p->instrs[idx];
	struct df_scope *sc;

	if (in->kind == DF_FROM) {
		df_from_apply(p, in, idx);
	} else if (!df->n_stages && in->kind == DF_ARG) {
		df_global_arg(p, in);
	} else {
		if (!df->n_stages) {
			if (in->kind != DF_UNKNOWN)
				df_diag_add(p, in->line, in->column,
					    "%s comes before the first FROM",
					    df_kind_name(in->kind));
			sc = &p->orphans;
		} else {
			in->stage = (int)df->n_stages - 1;
			p->stages[in->stage].last = idx;
			if (in->onbuild)
				in->onbuild->stage = in->stage;
			sc = p->scopes[in->stage];
		}
		if (in->kind == DF_ARG) {
			in->expanded =
			    df_expand(p, in->args, DF_EXPAND_KEEP, sc, NULL);
			df_stage_arg(p, in, sc);
		} else {
			df_instr_expand(p, in, sc);
		}
		if (in->kind == DF_ENV)
			for (size_t i = 0; i < in->n_kvs; i++)
				df_scope_set(p, sc, in->kvs[i].key,
					     in->kvs[i].value_expanded, true);
	}
	if (p->expand_capped && !p->expand_reported) {
		p->expand_reported = true;
		df_diag_add(p, in->line, in->column,
			    "variable expansion stopped at its size limit");
	}
}

void
df_stages_release(struct df_parser *p)
{
	for (size_t i = 0; i < p->df->n_stages; i++) {
		df_scope_release(p->scopes[i]);
		free(p->scopes[i]);
	}
	free(p->scopes);
	p->scopes = NULL;
	strmap_release(&p->stage_last, NULL);
	df_scope_release(&p->globals);
	df_scope_release(&p->orphans);
}

void
df_stages_mark_used(struct dockerfile *df)
{
	/* A stage is built FROM an earlier one only, so one pass from the
	 * end sees every user before the stage it uses. */
	if (!df->n_stages)
		return;
	df->stages[df->n_stages - 1].used = true;
	for (size_t s = df->n_stages; s-- > 0;) {
		int b = df->stages[s].base_stage;

		if (df->stages[s].used && b >= 0 && (size_t)b < s)
			df->stages[b].used = true;
	}
}
