/*
 * One instruction taken apart: keyword, flags, then the arguments in the
 * form the instruction uses.  The rules follow BuildKit's parser: flags
 * are the leading words that start with "--"; RUN, CMD, ENTRYPOINT,
 * COPY, ADD and VOLUME are in exec form exactly when the arguments are a
 * JSON array of strings; ENV and LABEL take "k=v ..." or the legacy
 * "k v"; ARG takes names with or without defaults.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "parse/dockerfile-internal.h"

enum df_style {
	DF_S_STRING,  /* a plain string: MAINTAINER, USER, WORKDIR, ... */
	DF_S_CMDLINE, /* exec or shell form: RUN, CMD, ENTRYPOINT */
	DF_S_LIST,    /* JSON or words: COPY, ADD, VOLUME */
	DF_S_KV,      /* ENV, LABEL */
	DF_S_ARG,
	DF_S_SHELL, /* JSON only */
	DF_S_HEALTH,
	DF_S_ONBUILD,
};

struct df_keyword {
	const char *name;
	enum df_kind kind;
	enum df_style style;
	bool needs_args;
	const char *const *flags; /* the flags BuildKit accepts */
};

static const char *const df_flags_none[] = { NULL };
static const char *const df_flags_from[] = { "platform", NULL };
static const char *const df_flags_run[] = { "mount", "network", "security",
					    "device", NULL };
static const char *const df_flags_copy[] = {
	"from", "chown", "chmod", "link", "parents", "exclude", NULL,
};
static const char *const df_flags_add[] = {
	"chown",   "chmod",  "link",	"checksum", "keep-git-dir",
	"exclude", "unpack", "parents", NULL,
};
static const char *const df_flags_health[] = {
	"interval",	  "timeout", "start-period",
	"start-interval", "retries", NULL,
};

static const struct df_keyword df_keywords[] = {
	{ "FROM", DF_FROM, DF_S_STRING, true, df_flags_from },
	{ "RUN", DF_RUN, DF_S_CMDLINE, true, df_flags_run },
	{ "CMD", DF_CMD, DF_S_CMDLINE, false, df_flags_none },
	{ "LABEL", DF_LABEL, DF_S_KV, true, df_flags_none },
	{ "MAINTAINER", DF_MAINTAINER, DF_S_STRING, true, df_flags_none },
	{ "EXPOSE", DF_EXPOSE, DF_S_STRING, true, df_flags_none },
	{ "ENV", DF_ENV, DF_S_KV, true, df_flags_none },
	{ "ADD", DF_ADD, DF_S_LIST, true, df_flags_add },
	{ "COPY", DF_COPY, DF_S_LIST, true, df_flags_copy },
	{ "ENTRYPOINT", DF_ENTRYPOINT, DF_S_CMDLINE, false, df_flags_none },
	{ "VOLUME", DF_VOLUME, DF_S_LIST, true, df_flags_none },
	{ "USER", DF_USER, DF_S_STRING, true, df_flags_none },
	{ "WORKDIR", DF_WORKDIR, DF_S_STRING, true, df_flags_none },
	{ "ARG", DF_ARG, DF_S_ARG, true, df_flags_none },
	{ "ONBUILD", DF_ONBUILD, DF_S_ONBUILD, true, df_flags_none },
	{ "STOPSIGNAL", DF_STOPSIGNAL, DF_S_STRING, true, df_flags_none },
	{ "HEALTHCHECK", DF_HEALTHCHECK, DF_S_HEALTH, true, df_flags_health },
	{ "SHELL", DF_SHELL, DF_S_SHELL, true, df_flags_none },
};

static const struct df_keyword *
df_keyword_find(const char *word, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(df_keywords); i++)
		if (strlen(df_keywords[i].name) == len &&
		    !strncasecmp(df_keywords[i].name, word, len))
			return &df_keywords[i];
	return NULL;
}

enum df_kind
df_kind_lookup(const char *word, size_t len)
{
	const struct df_keyword *kw = df_keyword_find(word, len);

	return kw ? kw->kind : DF_UNKNOWN;
}

const char *
df_kind_name(enum df_kind k)
{
	for (size_t i = 0; i < ARRAY_SIZE(df_keywords); i++)
		if (df_keywords[i].kind == k)
			return df_keywords[i].name;
	return "UNKNOWN";
}

bool
df_kind_has_heredocs(enum df_kind k)
{
	return k == DF_RUN || k == DF_COPY || k == DF_ADD;
}

static bool
df_isspace(char c)
{
	return isspace((unsigned char)c) != 0;
}

static const char *
df_skip_space(const char *s)
{
	while (df_isspace(*s))
		s++;
	return s;
}

size_t
df_split_words(struct arena *a, const char *s, const char ***out)
{
	size_t n = 0, i;
	const char *p;

	for (p = df_skip_space(s); *p; p = df_skip_space(p)) {
		n++;
		while (*p && !df_isspace(*p))
			p++;
	}
	*out = n ? arena_alloc(a, n * sizeof(**out)) : NULL;
	for (p = df_skip_space(s), i = 0; *p; p = df_skip_space(p)) {
		const char *w = p;

		while (*p && !df_isspace(*p))
			p++;
		(*out)[i++] = arena_strndup(a, w, (size_t)(p - w));
	}
	return n;
}

/*
 * The leading "--flag" words of s, BuildKit's way: quotes group, a
 * backslash escapes the next byte, a bare "--" ends the flags.  Returns
 * where the arguments start.
 */
static const char *
df_flags_extract(struct df_parser *p, struct df_instr *in, const char *s,
		 struct buf *words)
{
	struct buf w = BUF_INIT;
	size_t nw = 0;

	for (;;) {
		const char *start;
		char quote = 0;

		s = df_skip_space(s);
		if (s[0] != '-' || s[1] != '-')
			break;
		start = s;
		buf_reset(&w);
		for (; *s && (quote || !df_isspace(*s)); s++) {
			if (!quote && (*s == '"' || *s == '\'')) {
				quote = *s;
			} else if (quote && *s == quote) {
				quote = 0;
			} else if (*s == '\\' && s[1]) {
				buf_addch(&w, *++s);
			} else if (*s != '\\') {
				buf_addch(&w, *s);
			}
		}
		if (s - start == 2) /* a bare "--" */
			break;
		buf_add(words, w.data, w.len + 1);
		nw++;
	}
	buf_release(&w);

	in->n_flags = nw;
	in->flags =
	    nw ? arena_alloc(&p->df->arena, nw * sizeof(*in->flags)) : NULL;
	for (size_t i = 0, off = 0; i < nw; i++) {
		const char *f = words->data + off + 2, *eq = strchr(f, '=');

		off += strlen(words->data + off) + 1;
		if (eq) {
			in->flags[i].name =
			    arena_strndup(&p->df->arena, f, (size_t)(eq - f));
			in->flags[i].value =
			    arena_strdup(&p->df->arena, eq + 1);
		} else {
			in->flags[i].name = arena_strdup(&p->df->arena, f);
		}
	}
	return s;
}

static void
df_flags_check(struct df_parser *p, const struct df_instr *in,
	       const struct df_keyword *kw)
{
	for (size_t i = 0; i < in->n_flags; i++) {
		bool ok = false;

		for (size_t k = 0; kw->flags[k]; k++)
			ok = ok || !strcmp(kw->flags[k], in->flags[i].name);
		if (!ok)
			df_diag_add(p, in->line, in->column,
				    "unknown flag '--%s' for %s",
				    in->flags[i].name, kw->name);
	}
}

/*
 * A JSON array of strings in s: 1 with argv filled, 0 when s is not JSON
 * at all (shell form), -1 when it is JSON but not an array of strings.
 */
static int
df_json_array(struct df_parser *p, const char *s, const char ***argv,
	      size_t *argc)
{
	json_t *root;
	size_t n;
	int rc = 1;

	s = df_skip_space(s);
	if (*s != '[')
		return 0;
	root = json_loads(s, JSON_DECODE_ANY, NULL);
	if (!root)
		return 0;
	if (!json_is_array(root)) {
		json_decref(root);
		return 0;
	}
	n = json_array_size(root);
	*argv = arena_alloc(&p->df->arena, (n ? n : 1) * sizeof(**argv));
	*argc = n;
	for (size_t i = 0; i < n && rc == 1; i++) {
		json_t *v = json_array_get(root, i);

		if (!json_is_string(v))
			rc = -1;
		else
			(*argv)[i] =
			    arena_strndup(&p->df->arena, json_string_value(v),
					  json_string_length(v));
	}
	json_decref(root);
	if (rc < 0) {
		*argv = NULL;
		*argc = 0;
	}
	return rc;
}

/*
 * The words of an ENV, LABEL or ARG line, split at blanks outside quotes,
 * with quotes and escapes kept for the expander.
 */
static size_t
df_kv_words(struct df_parser *p, const char *s, const char ***out)
{
	char esc = p->df->escape;
	struct buf all = BUF_INIT;
	size_t n = 0;

	for (s = df_skip_space(s); *s; s = df_skip_space(s)) {
		char quote = 0;

		for (; *s && (quote || !df_isspace(*s)); s++) {
			if (*s == esc && quote != '\'') {
				if (!s[1]) {
					s++; /* a final escape is dropped */
					break;
				}
				buf_addch(&all, *s++);
			} else if (!quote && (*s == '"' || *s == '\'')) {
				quote = *s;
			} else if (quote && *s == quote) {
				quote = 0;
			}
			buf_addch(&all, *s);
		}
		buf_addch(&all, '\0');
		n++;
		if (!*s)
			break;
	}
	*out = arena_alloc(&p->df->arena, (n ? n : 1) * sizeof(**out));
	for (size_t i = 0, off = 0; i < n; i++) {
		(*out)[i] = arena_strdup(&p->df->arena, all.data + off);
		off += strlen(all.data + off) + 1;
	}
	buf_release(&all);
	return n;
}

static void
df_kv_set(struct df_parser *p, struct df_kv *kv, const char *key, size_t keylen,
	  const char *value)
{
	char *k = arena_strndup(&p->df->arena, key, keylen);

	kv->key = df_expand(p, k, DF_EXPAND_UNQUOTE, NULL, NULL);
	kv->raw = value;
	if (value)
		kv->value = df_expand(p, value, DF_EXPAND_UNQUOTE, NULL, NULL);
	kv->value_expanded = kv->value;
}

/* ENV and LABEL: "k=v k2=v2", or the legacy "k value with spaces". */
static void
df_kv_parse(struct df_parser *p, struct df_instr *in, const char *args)
{
	const char **words;
	size_t n = df_kv_words(p, args, &words);

	if (!n)
		return;
	if (!strchr(words[0], '=')) {
		const char *k = df_skip_space(args), *v = k;

		while (*v && !df_isspace(*v))
			v++;
		in->kvs = arena_alloc(&p->df->arena, sizeof(*in->kvs));
		in->n_kvs = 1;
		df_kv_set(p, &in->kvs[0], k, (size_t)(v - k), df_skip_space(v));
		if (!*df_skip_space(v))
			df_diag_add(p, in->line, in->column,
				    "%s '%s' has no value", in->keyword,
				    in->kvs[0].key);
		return;
	}
	in->kvs = arena_alloc(&p->df->arena, n * sizeof(*in->kvs));
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(words[i], '=');

		if (!eq) {
			df_diag_add(p, in->line, in->column,
				    "'%s' in %s is not of the form name=value",
				    words[i], in->keyword);
			continue;
		}
		df_kv_set(p, &in->kvs[in->n_kvs++], words[i],
			  (size_t)(eq - words[i]), eq + 1);
	}
}

/* ARG name[=default] ... */
static void
df_arg_parse(struct df_parser *p, struct df_instr *in, const char *args)
{
	const char **words;
	size_t n = df_kv_words(p, args, &words);

	in->kvs = arena_alloc(&p->df->arena, (n ? n : 1) * sizeof(*in->kvs));
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(words[i], '=');

		df_kv_set(p, &in->kvs[in->n_kvs++], words[i],
			  eq ? (size_t)(eq - words[i]) : strlen(words[i]),
			  eq ? eq + 1 : NULL);
	}
}

/* Is this the command of RUN <<EOF, or a shell reading the heredoc? */
static bool
df_heredoc_is_script(const struct sh_script *sc)
{
	static const char *const shells[] = { "sh",  "bash", "ash", "dash",
					      "zsh", "ksh",  NULL };
	const char *name;

	if (sc->n != 1)
		return false;
	if (!sc->cmds[0].n_words)
		return true;
	name = sh_cmd_name(&sc->cmds[0]);
	for (size_t k = 0; shells[k]; k++)
		if (!strcmp(name, shells[k]))
			return sc->cmds[0].n_words == 1;
	return false;
}

/* RUN <<EOF: the heredoc bodies are the script, appended to the split of
 * the command line itself. */
static void
df_script_add_heredocs(struct df_parser *p, struct df_instr *in)
{
	struct arena *a = &p->df->arena;
	struct sh_cmd *all;
	size_t n;

	if (!in->n_heredocs || !df_heredoc_is_script(&in->script))
		return;
	n = in->script.cmds[0].n_words ? 1 : 0;
	for (size_t k = 0; k < in->n_heredocs; k++) {
		struct sh_script body;

		sh_parse(a, in->heredocs[k].body, strlen(in->heredocs[k].body),
			 &body);
		all = arena_alloc(a, (n + body.n + 1) * sizeof(*all));
		if (n)
			memcpy(all, in->script.cmds, n * sizeof(*all));
		if (body.n)
			memcpy(all + n, body.cmds, body.n * sizeof(*all));
		in->script.cmds = all;
		n += body.n;
		in->script.incomplete |= body.incomplete;
		in->script.truncated |= body.truncated;
	}
	in->script.n = n;
}

static void
df_cmdline_parse(struct df_parser *p, struct df_instr *in, const char *args)
{
	int rc = df_json_array(p, args, &in->argv, &in->argc);

	if (rc < 0)
		df_diag_add(p, in->line, in->column,
			    "%s arguments are a JSON array with values that "
			    "are not strings",
			    in->keyword);
	if (rc > 0) {
		in->form = DF_FORM_EXEC;
		return;
	}
	in->form = DF_FORM_SHELL;
	/* NEEDSWORK: after SHELL ["powershell", ...] the command is still
	 * split as a POSIX shell line. */
	sh_parse(&p->df->arena, args, strlen(args), &in->script);
	if (in->kind == DF_RUN)
		df_script_add_heredocs(p, in);
}

static void
df_list_parse(struct df_parser *p, struct df_instr *in, const char *args)
{
	int rc = df_json_array(p, args, &in->argv, &in->argc);

	if (rc > 0) {
		in->form = DF_FORM_EXEC;
		return;
	}
	in->argc = df_split_words(&p->df->arena, args, &in->argv);
	if ((in->kind == DF_COPY || in->kind == DF_ADD) && in->argc < 2)
		df_diag_add(p, in->line, in->column,
			    "%s needs a source and a destination", in->keyword);
}

static void
df_shell_parse(struct df_parser *p, struct df_instr *in, const char *args)
{
	if (df_json_array(p, args, &in->argv, &in->argc) > 0) {
		in->form = DF_FORM_EXEC;
		return;
	}
	df_diag_add(p, in->line, in->column,
		    "SHELL needs its arguments as a JSON array");
}

/* HEALTHCHECK NONE, or HEALTHCHECK [flags] CMD command. */
static void
df_health_parse(struct df_parser *p, struct df_instr *in, const char *args)
{
	const char *w = args, *rest;

	while (*w && !df_isspace(*w))
		w++;
	rest = df_skip_space(w);
	if (w - args == 4 && !strncasecmp(args, "NONE", 4)) {
		if (*rest)
			df_diag_add(p, in->line, in->column,
				    "HEALTHCHECK NONE takes no arguments");
		if (in->n_flags)
			df_diag_add(p, in->line, in->column,
				    "HEALTHCHECK NONE takes no flags");
		return;
	}
	if (w - args != 3 || strncasecmp(args, "CMD", 3) != 0) {
		df_diag_add(p, in->line, in->column,
			    "HEALTHCHECK needs NONE or CMD");
		return;
	}
	if (!*rest)
		df_diag_add(p, in->line, in->column,
			    "HEALTHCHECK CMD needs a command");
	df_cmdline_parse(p, in, rest);
}

static void
df_onbuild_parse(struct df_parser *p, struct df_instr *in, const char *args)
{
	struct df_instr *inner = arena_alloc(&p->df->arena, sizeof(*inner));
	const char *kw_end = args;

	while (*kw_end && !df_isspace(*kw_end))
		kw_end++;
	inner->line = in->line;
	inner->end_line = in->end_line;
	inner->stage = in->stage;
	inner->original = in->original;
	inner->column = in->column;
	{
		/* column of the wrapped keyword on the first line */
		const char *o = in->original, *q = o + (in->column - 1);

		q += strlen(in->keyword);
		while (*q == ' ' || *q == '\t')
			q++;
		if ((size_t)(q - o) < 1024 * 1024 && *q)
			inner->column = (unsigned)(q - o) + 1;
	}
	switch (df_kind_lookup(args, (size_t)(kw_end - args))) {
	case DF_ONBUILD:
		df_diag_add(p, in->line, in->column,
			    "ONBUILD cannot wrap ONBUILD");
		return;
	case DF_FROM:
	case DF_MAINTAINER:
		df_diag_add(p, in->line, in->column, "ONBUILD cannot wrap %.*s",
			    (int)(kw_end - args), args);
		return;
	default:
		break;
	}
	df_instr_parse(p, inner, args, strlen(args));
	in->onbuild = inner;
}

/* The heredoc opener in one word: [n]<<[-]delim, or false. */
static bool
df_heredoc_word(struct df_parser *p, const char *w, struct df_heredoc *h)
{
	const char *d;
	struct buf name = BUF_INIT;
	char quote = 0;

	while (*w >= '0' && *w <= '9')
		w++;
	if (w[0] != '<' || w[1] != '<')
		return false;
	w += 2;
	h->strip_tabs = *w == '-';
	if (h->strip_tabs)
		w++;
	if (!*w || strchr(w, '<'))
		return false;
	for (d = w; *d; d++) {
		if (!quote && (*d == '"' || *d == '\'')) {
			quote = *d;
			h->quoted = true;
		} else if (quote && *d == quote) {
			quote = 0;
		} else if (!quote && *d == '\\' && d[1]) {
			h->quoted = true;
			buf_addch(&name, *++d);
		} else {
			buf_addch(&name, *d);
		}
	}
	if (!name.len) {
		buf_release(&name);
		return false;
	}
	h->delim = arena_strndup(&p->df->arena, name.data, name.len);
	buf_release(&name);
	return true;
}

void
df_heredocs_find(struct df_parser *p, struct df_instr *in, const char *args)
{
	struct df_heredoc found[16], h;
	size_t n = 0;
	const char *s = args;

	if (!strstr(args, "<<"))
		return;
	/* split like the shell: quotes keep a word together */
	while (*(s = df_skip_space(s)) && n < ARRAY_SIZE(found)) {
		const char *start = s;
		char quote = 0;
		char *w;

		for (; *s && (quote || !df_isspace(*s)); s++) {
			if (*s == '\\' && s[1])
				s++;
			else if (!quote && (*s == '"' || *s == '\''))
				quote = *s;
			else if (quote && *s == quote)
				quote = 0;
		}
		w = arena_strndup(&p->df->arena, start, (size_t)(s - start));
		memset(&h, 0, sizeof(h));
		if (df_heredoc_word(p, w, &h))
			found[n++] = h;
	}
	if (!n)
		return;
	in->heredocs = arena_alloc(&p->df->arena, n * sizeof(*in->heredocs));
	memcpy(in->heredocs, found, n * sizeof(*in->heredocs));
	in->n_heredocs = n;
}

static void
df_args_parse(struct df_parser *p, struct df_instr *in,
	      const struct df_keyword *kw)
{
	switch (kw->style) {
	case DF_S_CMDLINE:
		df_cmdline_parse(p, in, in->args);
		break;
	case DF_S_LIST:
		df_list_parse(p, in, in->args);
		break;
	case DF_S_KV:
		df_kv_parse(p, in, in->args);
		break;
	case DF_S_ARG:
		df_arg_parse(p, in, in->args);
		break;
	case DF_S_SHELL:
		df_shell_parse(p, in, in->args);
		break;
	case DF_S_HEALTH:
		df_health_parse(p, in, in->args);
		break;
	case DF_S_ONBUILD:
		df_onbuild_parse(p, in, in->args);
		break;
	case DF_S_STRING:
		in->argc = df_split_words(&p->df->arena, in->args, &in->argv);
		break;
	}
}

void
df_instr_parse(struct df_parser *p, struct df_instr *in, const char *text,
	       size_t len)
{
	struct arena *a = &p->df->arena;
	const struct df_keyword *kw;
	struct buf flagwords = BUF_INIT;
	const char *rest;
	size_t kwlen = 0, n;

	while (kwlen < len && !df_isspace(text[kwlen]))
		kwlen++;
	in->keyword = arena_strndup(a, text, kwlen);
	kw = df_keyword_find(text, kwlen);
	if (!kw) {
		in->kind = DF_UNKNOWN;
		in->args = arena_strdup(a, df_skip_space(text + kwlen));
		in->expanded = in->args;
		df_diag_add(p, in->line, in->column, "unknown instruction '%s'",
			    in->keyword);
		return;
	}
	in->kind = kw->kind;
	rest = df_flags_extract(p, in, text + kwlen, &flagwords);
	buf_release(&flagwords);
	df_flags_check(p, in, kw);

	rest = df_skip_space(rest);
	n = strlen(rest);
	while (n && df_isspace(rest[n - 1]))
		n--;
	in->args = arena_strndup(a, rest, n);
	in->expanded = in->args;
	if (kw->needs_args && !n) {
		df_diag_add(p, in->line, in->column, "%s needs arguments",
			    kw->name);
		return;
	}
	df_args_parse(p, in, kw);
}
