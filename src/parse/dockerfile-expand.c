/*
 * Variable expansion the way BuildKit's word lexer does it: $NAME and
 * ${NAME} with the :- - :+ + :? ? modifiers, single quotes literal,
 * double quotes expanding, the escape character (backslash or backtick)
 * protecting the next character.  An ARG declared without a value
 * expands to nothing; a name the Dockerfile never declares is kept as
 * written, since its value would come from the base image's environment.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "parse/dockerfile-internal.h"

struct df_exp {
	struct df_parser *p;
	const struct df_scope *scope;
	enum df_expand_mode mode;
	char esc;
	const char *s;
	bool unresolved;
	int depth;
};

static void df_exp_run(struct df_exp *e, struct buf *out, char stop);

static void
df_exp_add(struct df_exp *e, struct buf *out, const char *s, size_t n)
{
	if (out->len + n > DF_MAX_EXPANDED) {
		e->p->expand_capped = true;
		n = out->len < DF_MAX_EXPANDED ? DF_MAX_EXPANDED - out->len : 0;
	}
	buf_add(out, s, n);
}

static bool
df_is_name(char c, bool first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (!first && c >= '0' && c <= '9');
}

static const struct df_var *
df_exp_lookup(const struct df_exp *e, const char *name, size_t n)
{
	char small[128];
	char *key = n < sizeof(small) ? small : xmalloc(n + 1);
	const struct df_var *v = NULL;

	memcpy(key, name, n);
	key[n] = '\0';
	if (e->scope)
		v = df_scope_get(e->scope, key);
	if (key != small)
		free(key);
	return v;
}

/* Skip to the '}' that closes a ${...} we do not expand. */
static const char *
df_exp_brace_end(const char *s)
{
	int level = 1;

	for (; *s; s++) {
		if (*s == '{')
			level++;
		else if (*s == '}' && --level == 0)
			return s;
	}
	return NULL;
}

/* ${NAME<op>word}: e->s is past NAME, at the operator. */
static void
df_exp_modifier(struct df_exp *e, struct buf *out, const struct df_var *v,
		const char *open)
{
	bool colon = *e->s == ':';
	char op = colon ? e->s[1] : e->s[0];
	bool set = v != NULL, use_word;
	struct buf word = BUF_INIT;

	if ((op != '-' && op != '+' && op != '?') ||
	    e->depth >= DF_MAX_EXPAND_DEPTH) {
		/* NEEDSWORK: ${a#b}, ${a%b} and ${a/b/c} (BuildKit 1.7+)
		 * are kept as written instead of being applied. */
		const char *end = df_exp_brace_end(e->s);

		e->s = end ? end + 1 : e->s + strlen(e->s);
		df_exp_add(e, out, open, (size_t)(e->s - open));
		e->unresolved = true;
		return;
	}
	e->s += colon ? 2 : 1;
	e->depth++;
	df_exp_run(e, &word, '}');
	e->depth--;
	if (*e->s == '}')
		e->s++;
	if (colon && set && !*v->value)
		set = false;
	if (op == '-')
		use_word = !set;
	else if (op == '+')
		use_word = set;
	else
		use_word = false;
	if (op == '?' && !set)
		e->unresolved = true;
	if (use_word)
		df_exp_add(e, out, word.data, word.len);
	else if (op != '+' && set)
		df_exp_add(e, out, v->value, strlen(v->value));
	buf_release(&word);
}

/* At '$'. */
static void
df_exp_dollar(struct df_exp *e, struct buf *out)
{
	const char *open = e->s, *name;
	const struct df_var *v, *set;
	bool braced = e->s[1] == '{';

	e->s += braced ? 2 : 1;
	name = e->s;
	if (df_is_name(*e->s, true))
		while (df_is_name(*e->s, false))
			e->s++;
	else if (*e->s >= '0' && *e->s <= '9')
		while (*e->s >= '0' && *e->s <= '9')
			e->s++;
	if (e->s == name && !braced) {
		df_exp_add(e, out, "$", 1);
		return;
	}
	v = df_exp_lookup(e, name, (size_t)(e->s - name));
	set = v && v->value ? v : NULL;
	if (braced && *e->s != '}') {
		if (e->s == name || !*e->s) {
			/* ${} or an unclosed brace: not a variable */
			e->s = open + 1;
			df_exp_add(e, out, "$", 1);
			return;
		}
		df_exp_modifier(e, out, set, open);
		return;
	}
	if (braced)
		e->s++;
	if (set) {
		df_exp_add(e, out, set->value, strlen(set->value));
		return;
	}
	e->unresolved = true;
	/* never declared here: it may come from the base image */
	if (!v)
		df_exp_add(e, out, open, (size_t)(e->s - open));
}

static void
df_exp_double(struct df_exp *e, struct buf *out)
{
	bool keep = e->mode == DF_EXPAND_KEEP;

	if (keep)
		df_exp_add(e, out, e->s, 1);
	e->s++;
	while (*e->s && *e->s != '"') {
		if (*e->s == e->esc &&
		    (e->s[1] == '"' || e->s[1] == '$' || e->s[1] == e->esc)) {
			df_exp_add(e, out, e->s + !keep, keep ? 2 : 1);
			e->s += 2;
		} else if (*e->s == '$' && e->mode != DF_EXPAND_UNQUOTE) {
			df_exp_dollar(e, out);
		} else {
			df_exp_add(e, out, e->s++, 1);
		}
	}
	if (*e->s) {
		if (keep)
			df_exp_add(e, out, e->s, 1);
		e->s++;
	}
}

static void
df_exp_single(struct df_exp *e, struct buf *out)
{
	const char *end = strchr(e->s + 1, '\'');
	size_t n = end ? (size_t)(end - e->s - 1) : strlen(e->s + 1);

	if (e->mode == DF_EXPAND_KEEP) {
		df_exp_add(e, out, e->s, n + 1 + (end != NULL));
	} else {
		df_exp_add(e, out, e->s + 1, n);
	}
	e->s += n + 1 + (end != NULL);
}

static void
df_exp_run(struct df_exp *e, struct buf *out, char stop)
{
	while (*e->s && *e->s != stop) {
		char c = *e->s;

		if (c == e->esc) {
			if (!e->s[1]) {
				e->s++;
				break;
			}
			if (e->mode == DF_EXPAND_KEEP)
				df_exp_add(e, out, e->s, 2);
			else
				df_exp_add(e, out, e->s + 1, 1);
			e->s += 2;
		} else if (c == '\'') {
			df_exp_single(e, out);
		} else if (c == '"') {
			df_exp_double(e, out);
		} else if (c == '$' && e->mode != DF_EXPAND_UNQUOTE) {
			df_exp_dollar(e, out);
		} else {
			df_exp_add(e, out, e->s++, 1);
		}
	}
}

const char *
df_expand(struct df_parser *p, const char *s, enum df_expand_mode mode,
	  const struct df_scope *scope, bool *unresolved)
{
	struct df_exp e = { 0 };
	struct buf out = BUF_INIT;
	const char *res;
	char specials[5] = { '$', '\'', '"', p->df->escape, '\0' };

	if (unresolved)
		*unresolved = false;
	if (mode == DF_EXPAND_KEEP)
		specials[1] = '\0';
	if (!s || !strpbrk(s, specials))
		return s;
	if (p->expanded_total > DF_MAX_EXPANDED_TOTAL) {
		p->expand_capped = true;
		return s;
	}
	e.p = p;
	e.scope = scope;
	e.mode = mode;
	e.esc = p->df->escape;
	e.s = s;
	df_exp_run(&e, &out, '\0');
	p->expanded_total += out.len;
	res = arena_strndup(&p->df->arena, out.data, out.len);
	buf_release(&out);
	if (unresolved)
		*unresolved = e.unresolved;
	return res;
}

const struct df_var *
df_scope_get(const struct df_scope *sc, const char *name)
{
	for (unsigned hops = 0; sc && hops <= DF_MAX_STAGE_CHAIN; hops++) {
		const struct df_var *v = strmap_get(&sc->vars, name);

		if (v)
			return v;
		sc = sc->parent;
	}
	return NULL;
}

void
df_scope_set(struct df_parser *p, struct df_scope *sc, const char *name,
	     const char *value, bool is_env)
{
	const struct df_var *old = df_scope_get(sc, name);
	struct df_var *v;

	/* ENV wins over an ARG of the same name, whichever comes first */
	if (old && old->is_env && !is_env)
		return;
	v = arena_alloc(&p->df->arena, sizeof(*v));
	v->value = value;
	v->is_env = is_env;
	strmap_put(&sc->vars, name, v);
}

void
df_scope_release(struct df_scope *sc)
{
	strmap_release(&sc->vars, NULL);
}
