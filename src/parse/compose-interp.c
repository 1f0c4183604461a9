/*
 * Compose interpolation and .env files.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "parse/compose.h"

struct interp {
	const struct strmap *vars;
	bool use_environ;
	bool *had_ref;
	struct err *e;
	int failed;	      /* a malformed reference */
	int unset;	      /* a required variable unset */
	struct strvec *blank; /* unset variables with no default, or NULL */
};

/* The process environment wins over the .env file. */
static const char *
var_get(const struct interp *ip, const char *name)
{
	const char *v = ip->use_environ ? getenv(name) : NULL;

	if (!v && ip->vars)
		v = strmap_get(ip->vars, name);
	return v;
}

/* A variable used without a default and not set becomes "". */
static void
note_blank(struct interp *ip, const char *name)
{
	if (ip->blank && ip->blank->n < COMPOSE_MAX_BLANK_VARS)
		strvec_push(ip->blank, name);
}

static void interp_text(struct interp *ip, const char *in, size_t len,
			struct buf *out, int depth);

/* The end of a ${...} body starting after "${": the matching brace. */
static size_t
brace_end(const char *s, size_t len)
{
	int depth = 1;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
			depth++;
			i++;
		} else if (s[i] == '}' && --depth == 0) {
			return i;
		}
	}
	return len;
}

static size_t
name_len(const char *s, size_t len)
{
	size_t n = 0;

	if (!len || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	while (n < len && (isalnum((unsigned char)s[n]) || s[n] == '_'))
		n++;
	return n;
}

/* Apply one ${NAME<op>word} to out. */
static void
interp_braced(struct interp *ip, const char *body, size_t len, struct buf *out,
	      int depth)
{
	size_t n = name_len(body, len);
	char *name = xstrndup(body, n);
	const char *v = var_get(ip, name);
	const char *op = body + n, *word;
	size_t oplen = 0;
	bool colon;

	*ip->had_ref = true;
	if (n == len) {
		if (v)
			buf_addstr(out, v);
		else
			note_blank(ip, name);
		goto out;
	}
	colon = *op == ':';
	oplen = colon ? 2 : 1;
	if (!n || n + oplen > len || !strchr("-?+", op[colon])) {
		ip->failed =
		    err_set(ip->e, ERR_INPUT, "invalid interpolation '${%.*s}'",
			    (int)(len > 64 ? 64 : len), body);
		goto out;
	}
	word = op + oplen;
	bool unset = !v || (colon && !*v);

	switch (op[colon]) {
	case '-':
		if (unset)
			interp_text(ip, word, len - n - oplen, out, depth + 1);
		else
			buf_addstr(out, v);
		break;
	case '+':
		if (!unset)
			interp_text(ip, word, len - n - oplen, out, depth + 1);
		break;
	case '?':
		if (unset)
			ip->unset = err_set(
			    ip->e, ERR_INPUT,
			    "required variable '%s' is %s: %.*s", name,
			    v ? "empty" : "unset",
			    (int)(len - n - oplen > 200 ? 200
							: len - n - oplen),
			    word);
		else
			buf_addstr(out, v);
		break;
	}
out:
	free(name);
}

static void
interp_text(struct interp *ip, const char *in, size_t len, struct buf *out,
	    int depth)
{
	if (depth > COMPOSE_MAX_INTERP_DEPTH) {
		ip->failed =
		    err_set(ip->e, ERR_INPUT, "interpolation nested too deep");
		return;
	}
	for (size_t i = 0; i < len; i++) {
		size_t n;

		if (in[i] != '$' || i + 1 >= len) {
			buf_addch(out, in[i]);
			continue;
		}
		if (in[i + 1] == '$') {
			buf_addch(out, '$');
			i++;
		} else if (in[i + 1] == '{') {
			size_t end = brace_end(in + i + 2, len - i - 2);

			if (i + 2 + end >= len) {
				ip->failed = err_set(ip->e, ERR_INPUT,
						     "unterminated '${' in "
						     "'%.64s'",
						     in);
				buf_add(out, in + i, len - i);
				return;
			}
			interp_braced(ip, in + i + 2, end, out, depth);
			i += 2 + end;
		} else if ((n = name_len(in + i + 1, len - i - 1))) {
			char *name = xstrndup(in + i + 1, n);
			const char *v = var_get(ip, name);

			*ip->had_ref = true;
			if (v)
				buf_addstr(out, v);
			else
				note_blank(ip, name);
			free(name);
			i += n;
		} else {
			buf_addch(out, '$');
		}
	}
}

int
compose_interpolate(const char *in, const struct strmap *vars, bool use_environ,
		    struct buf *out, bool *had_ref, struct strvec *blank,
		    struct err *e)
{
	bool dummy = false;
	struct interp ip = { vars, use_environ, had_ref ? had_ref : &dummy,
			     e,	   0,		0,
			     blank };

	interp_text(&ip, in, strlen(in), out, 0);
	if (ip.failed)
		return -1;
	return ip.unset ? COMPOSE_INTERP_UNSET : 0;
}

/* A double-quoted .env value with its escapes resolved. */
static char *
dotenv_dquoted(const char *s, size_t n, size_t *used)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 1; i < n && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];

			buf_addch(&b, c == 'n' ? '\n' : c == 't' ? '\t' : c);
		} else {
			buf_addch(&b, s[i]);
		}
	}
	*used = i;
	return buf_detach(&b, NULL);
}

static char *
dotenv_value(const char *s, size_t n)
{
	size_t used, i;
	const char *end;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n && *s == '"')
		return dotenv_dquoted(s, n, &used);
	if (n && *s == '\'') {
		end = memchr(s + 1, '\'', n - 1);
		return xstrndup(s + 1, end ? (size_t)(end - s - 1) : n - 1);
	}
	/* An unquoted value ends at " #". */
	for (i = 0; i < n; i++)
		if (s[i] == '#' && i && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			break;
	return str_trim_dup(s, i);
}

static void
dotenv_line(const char *s, size_t n, struct strmap *map)
{
	const char *eq;
	char *key;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (!n || *s == '#')
		return;
	if (n > 7 && !strncmp(s, "export ", 7)) {
		s += 7;
		n -= 7;
	}
	eq = memchr(s, '=', n);
	if (!eq)
		return;
	key = str_trim_dup(s, (size_t)(eq - s));
	if (*key && !strmap_has(map, key))
		strmap_put(map, key,
			   dotenv_value(eq + 1, n - (size_t)(eq - s) - 1));
	free(key);
}

void
compose_dotenv_parse(const char *text, size_t len, struct strmap *map)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - text - i) : len - i;
		const char *line = text + i;
		const char *q;

		/* A double-quoted value may span lines. */
		q = memchr(line, '"', n);
		if (q && memchr(line, '=', (size_t)(q - line)) && nl) {
			size_t k = (size_t)(q - text) + 1;

			while (k < len && text[k] != '"')
				k += text[k] == '\\' ? 2 : 1;
			if (k < len && k > i + n) {
				nl = memchr(text + k, '\n', len - k);
				n = nl ? (size_t)(nl - text - i) : len - i;
			}
		}
		if (n && line[n - 1] == '\r')
			dotenv_line(line, n - 1, map);
		else
			dotenv_line(line, n, map);
		i += n + 1;
	}
}
