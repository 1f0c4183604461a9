/*
 * Helpers the Dockerfile rules share: reporting, instruction and stage
 * look-ups, BuildKit mounts and shell-command questions.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "rules/dockerfile-internal.h"

const struct df_lint_ctx *df_ctx;

struct finding *
df_report(const struct rule *r, const struct dockerfile *df,
	  const struct df_instr *in, struct findings *out, const char *fmt, ...)
{
	struct location loc = LOCATION_INIT;
	struct finding *f;
	struct buf msg = BUF_INIT;
	va_list ap;

	loc.file = df->path;
	loc.line = in ? in->line : 1;
	loc.column = in ? in->column : 1;
	loc.end_line = in ? in->end_line : 1;
	/* Values are quoted at most DF_QUOTE_MAX bytes long. */
	va_start(ap, fmt);
	df_vformat(&msg, fmt, ap);
	va_end(ap);
	f = findings_add_rule(out, r, &loc, "%s", msg.data);
	buf_release(&msg);
	return f;
}

const struct df_instr *
df_as_kind(const struct df_instr *in, enum df_kind kind)
{
	if (in->kind == kind)
		return in;
	if (in->kind == DF_ONBUILD && in->onbuild && in->onbuild->kind == kind)
		return in->onbuild;
	return NULL;
}

const struct df_instr *
df_as_run(const struct df_instr *in)
{
	return df_as_kind(in, DF_RUN);
}

const char *
df_mount_value(const char *spec, const char *key, char *buf, size_t len)
{
	size_t klen = strlen(key);
	const char *p = spec;

	while (p && *p) {
		size_t n = strcspn(p, ",");

		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			size_t vlen = n - klen - 1;

			if (vlen >= len)
				vlen = len - 1;
			memcpy(buf, p + klen + 1, vlen);
			buf[vlen] = '\0';
			return buf;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return NULL;
}

/* "cache|tmpfs" holds "cache"? */
static bool
type_in(const char *types, const char *type)
{
	size_t n = strlen(type);
	const char *p = types;

	while (*p) {
		size_t m = strcspn(p, "|");

		if (m == n && !strncmp(p, type, n))
			return true;
		p += m;
		if (*p)
			p++;
	}
	return false;
}

static bool
path_same(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && !strncmp(a, b, la);
}

bool
df_run_has_mount(const struct df_instr *in, const char *types,
		 const char *target)
{
	char type[32], dst[512];

	for (size_t i = 0; i < in->n_flags; i++) {
		const struct df_flag *f = &in->flags[i];
		const char *t, *d;

		if (strcmp(f->name, "mount") || !f->value)
			continue;
		t = df_mount_value(f->value, "type", type, sizeof(type));
		if (!t)
			t = "bind";
		if (types && !type_in(types, t))
			continue;
		if (!target)
			return true;
		d = df_mount_value(f->value, "target", dst, sizeof(dst));
		if (!d)
			d = df_mount_value(f->value, "dst", dst, sizeof(dst));
		if (!d)
			d = df_mount_value(f->value, "destination", dst,
					   sizeof(dst));
		if (d && path_same(d, target))
			return true;
	}
	return false;
}

int
df_final_stage_index(const struct dockerfile *df)
{
	return df->n_stages ? (int)df->n_stages - 1 : -1;
}

bool
df_stage_is_used(const struct dockerfile *df, size_t s)
{
	return !df->n_stages || (s < df->n_stages && df->stages[s].used);
}

/* The last instruction in [from, to) of those in d, or -1. */
static long
defs_last_in(const struct df_var_defs *d, size_t from, size_t to)
{
	size_t lo = 0, hi = d->n;

	/* The first entry >= to, by bisection; the one before it is the
	 * last below `to`. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->at[mid] < to)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || d->at[lo - 1] < from)
		return -1;
	return (long)d->at[lo - 1];
}

static const char *
env_in_range(const struct dockerfile *df, const struct df_var_defs *d,
	     size_t from, size_t to, const char *name)
{
	long i = defs_last_in(d, from, to);
	const struct df_instr *in;

	if (i < 0)
		return NULL;
	in = &df->instrs[i];
	for (size_t k = in->n_kvs; k-- > 0;) {
		const struct df_kv *kv = &in->kvs[k];

		if (strcmp(kv->key, name))
			continue;
		if (kv->value_expanded)
			return kv->value_expanded;
		return kv->value ? kv->value : "";
	}
	return NULL;
}

const char *
df_env_at(const struct dockerfile *df, size_t at, const char *name)
{
	const struct df_var_defs *d = dockerfile_var_defs(df, name);
	int s;
	size_t end = at, hops = 0;

	if (at >= df->n || !d)
		return NULL;
	s = df->instrs[at].stage;
	if (s < 0)
		return env_in_range(df, d, 0, at, name);
	while (s >= 0 && (size_t)s < df->n_stages) {
		const struct df_stage *st = &df->stages[s];
		const char *v = env_in_range(df, d, st->first, end, name);

		if (v)
			return v;
		s = df_stage_base(df, s, &hops);
		if (s >= 0)
			end = df->stages[s].last + 1;
	}
	return NULL;
}

bool
cmd_is(const struct sh_cmd *c, const char *name)
{
	return !strcmp(sh_cmd_name(c), name);
}

bool
cmd_is_any(const struct sh_cmd *c, const char *const *names)
{
	const char *n = sh_cmd_name(c);

	for (; *names; names++)
		if (!strcmp(n, *names))
			return true;
	return false;
}

size_t
cmd_args(const struct sh_cmd *c, const char *const *valued, const char **out,
	 size_t max)
{
	return sh_cmd_nonflags(c, valued, out, max);
}

const char *
cmd_sub(const struct sh_cmd *c, const char *const *valued)
{
	const char *a[1];

	if (!sh_cmd_nonflags(c, valued, a, 1))
		return "";
	return a[0];
}

bool
cmd_word_contains(const struct sh_cmd *c, const char *needle)
{
	for (size_t i = 1; i < c->n_words; i++)
		if (strstr(c->words[i].text, needle))
			return true;
	return false;
}

bool
script_any(const struct sh_script *s, bool (*pred)(const struct sh_cmd *c))
{
	for (size_t i = 0; i < s->n; i++)
		if (pred(&s->cmds[i]))
			return true;
	return false;
}

bool
word_has_var(const char *w)
{
	return strchr(w, '$') != NULL;
}

int
df_stage_base(const struct dockerfile *df, int s, size_t *hops)
{
	if (s < 0 || (size_t)s >= df->n_stages || ++*hops > DF_MAX_STAGE_CHAIN)
		return -1;
	return df->stages[s].base_stage;
}

const char *
df_unquote(const char *s, char *buf, size_t len)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		     s[n - 1] == '\r'))
		n--;
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

const char *
df_basename(const char *path)
{
	const char *b = path;

	for (const char *p = path; *p; p++)
		if ((*p == '/' || *p == '\\') && p[1])
			b = p + 1;
	return b;
}

bool
df_path_absolute(const char *p)
{
	if (*p == '/' || *p == '$' || *p == '\\')
		return true;
	return ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) &&
	       p[1] == ':' && (p[2] == '\\' || p[2] == '/' || !p[2]);
}

/* The next raw word of s at *p, written to buf; false at the end. */
static bool
raw_word(const char **p, char *buf, size_t len)
{
	const char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!*s)
		return false;
	while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
		if (*s == '"' || *s == '\'') {
			char q = *s++;

			while (*s && *s != q) {
				if (n + 1 < len)
					buf[n++] = *s;
				s++;
			}
			if (*s)
				s++;
			continue;
		}
		if (n + 1 < len)
			buf[n++] = *s;
		s++;
	}
	buf[n] = '\0';
	*p = s;
	return true;
}

size_t
df_copy_word(const struct df_instr *in, size_t idx, char *buf, size_t len)
{
	const char *p = in->args ? in->args : "";
	size_t n = 0;
	char tmp[1024];

	buf[0] = '\0';
	if (in->form == DF_FORM_EXEC) {
		if (idx < in->argc)
			df_unquote(in->argv[idx], buf, len);
		return in->argc;
	}
	while (raw_word(&p, n == idx ? buf : tmp, n == idx ? len : sizeof(tmp)))
		n++;
	return n;
}
