/*
 * The shell splitter: one left-to-right pass over the text.  Lists,
 * subshells and substitutions recurse through sh_list(); words are read
 * by sh_word_read(), which calls back into sh_list() for $(...) and
 * backticks.  The recursion is bounded by SH_MAX_DEPTH and every step
 * consumes input, so the pass is linear.
 */
#include "parse/shell.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

/* Heredoc delimiters waiting for the next newline of one script. */
#define SH_MAX_PENDING_HEREDOCS 16

struct sh_parser {
	struct arena *a;
	const char *s;
	size_t len;
	size_t pos;
	struct sh_cmd *cmds; /* in the order they are finished */
	size_t n, cap;
	bool incomplete;
	bool truncated;
	int backticks; /* inside `...`, where a backtick closes */
	/* Scratch for the text of a word, one per nesting level. */
	struct buf words[SH_MAX_DEPTH + 2]; /* set up on first use */
	int deepest;
	/* Heredocs seen on the current line, skipped at its newline. */
	struct {
		const char *delim;
		bool strip_tabs;
	} pending[SH_MAX_PENDING_HEREDOCS];
	size_t n_pending;
};

/* The command being read at one nesting level. */
struct sh_cur {
	struct sh_word *assigns;
	size_t n_assigns, cap_assigns;
	struct sh_word *words;
	size_t n_words, cap_words;
	struct sh_redir *redirs;
	size_t n_redirs, cap_redirs;
	size_t offset;
	bool started;
	bool piped_in;
	int depth;
	bool in_subst;
};

static void sh_list(struct sh_parser *p, char term, int depth, bool in_subst,
		    bool piped_in);

static int
sh_peek(const struct sh_parser *p, size_t ahead)
{
	if (p->pos + ahead >= p->len)
		return -1;
	return (unsigned char)p->s[p->pos + ahead];
}

static bool
sh_is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool
sh_is_meta(int c)
{
	return c == -1 || sh_is_blank(c) || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
}

static void
sh_cur_reset(struct sh_cur *c)
{
	c->n_assigns = c->n_words = c->n_redirs = 0;
	c->started = false;
	c->piped_in = false;
}

static void
sh_cur_release(struct sh_cur *c)
{
	free(c->assigns);
	free(c->words);
	free(c->redirs);
}

static void
sh_cur_touch(struct sh_cur *c, size_t offset)
{
	if (!c->started) {
		c->started = true;
		c->offset = offset;
	}
}

/* An arena copy of n elements, NULL when there are none. */
static void *
sh_copy(struct arena *a, const void *v, size_t n, size_t size)
{
	void *out;

	if (!n)
		return NULL;
	out = arena_alloc(a, n * size);
	memcpy(out, v, n * size);
	return out;
}

/*
 * Finish the command being read: copy it into the arena and append it to
 * the list.  Returns false when there was nothing to finish.
 */
static bool
sh_cur_flush(struct sh_parser *p, struct sh_cur *c, enum sh_sep sep)
{
	struct sh_cmd *cmd;

	if (!c->n_words && !c->n_assigns && !c->n_redirs) {
		sh_cur_reset(c);
		return false;
	}
	ALLOC_GROW(p->cmds, p->n + 1, p->cap);
	cmd = &p->cmds[p->n++];
	memset(cmd, 0, sizeof(*cmd));
	cmd->words = sh_copy(p->a, c->words, c->n_words, sizeof(*c->words));
	cmd->n_words = c->n_words;
	cmd->assigns =
	    sh_copy(p->a, c->assigns, c->n_assigns, sizeof(*c->assigns));
	cmd->n_assigns = c->n_assigns;
	cmd->redirs = sh_copy(p->a, c->redirs, c->n_redirs, sizeof(*c->redirs));
	cmd->n_redirs = c->n_redirs;
	cmd->sep = sep;
	cmd->piped_in = c->piped_in;
	cmd->depth = c->depth;
	cmd->in_subst = c->in_subst;
	cmd->offset = c->offset;
	sh_cur_reset(c);
	return true;
}

/* Skip a balanced (...) without reading commands, for nesting too deep
 * to follow and for $((arithmetic)). */
static void
sh_skip_balanced(struct sh_parser *p, char open, char close)
{
	size_t level = 0;

	while (p->pos < p->len) {
		char ch = p->s[p->pos++];

		if (ch == '\\' && p->pos < p->len)
			p->pos++;
		else if (ch == open)
			level++;
		else if (ch == close && level-- <= 1)
			return;
	}
	p->incomplete = true;
}

/* $'...' and '...': the quote is at p->pos. */
static void
sh_read_single(struct sh_parser *p, struct buf *out, bool ansi)
{
	p->pos++;
	while (p->pos < p->len && p->s[p->pos] != '\'') {
		if (ansi && p->s[p->pos] == '\\' && p->pos + 1 < p->len)
			buf_addch(out, p->s[p->pos++]);
		buf_addch(out, p->s[p->pos++]);
	}
	if (p->pos >= p->len)
		p->incomplete = true;
	else
		p->pos++;
}

/*
 * A command substitution whose opening ("$(" or "`") was just consumed.
 * Its commands are read into the list; its text goes into the word as
 * written.
 */
static void
sh_read_subst(struct sh_parser *p, struct buf *out, char term, int depth,
	      size_t open_at)
{
	if (depth + 1 > SH_MAX_DEPTH) {
		p->truncated = true;
		if (term == ')') {
			p->pos--;
			sh_skip_balanced(p, '(', ')');
		} else {
			while (p->pos < p->len && p->s[p->pos] != '`')
				p->pos++;
			if (p->pos < p->len)
				p->pos++;
		}
	} else {
		p->backticks += term == '`';
		sh_list(p, term, depth + 1, true, false);
		p->backticks -= term == '`';
	}
	buf_add(out, p->s + open_at, p->pos - open_at);
}

/* After '$': ${...}, $(...), $((...)), or a plain '$'. */
static void
sh_read_dollar(struct sh_parser *p, struct buf *out, int depth)
{
	size_t start = p->pos;

	p->pos++;
	if (sh_peek(p, 0) == '(' && sh_peek(p, 1) == '(') {
		p->pos++;
		sh_skip_balanced(p, '(', ')');
		if (sh_peek(p, 0) == ')')
			p->pos++;
		buf_add(out, p->s + start, p->pos - start);
	} else if (sh_peek(p, 0) == '(') {
		p->pos++;
		sh_read_subst(p, out, ')', depth, start);
	} else if (sh_peek(p, 0) == '{') {
		sh_skip_balanced(p, '{', '}');
		buf_add(out, p->s + start, p->pos - start);
	} else {
		buf_addch(out, '$');
	}
}

/* "...": the quote is at p->pos. */
static void
sh_read_double(struct sh_parser *p, struct buf *out, int depth)
{
	p->pos++;
	while (p->pos < p->len) {
		char ch = p->s[p->pos];

		if (ch == '"') {
			p->pos++;
			return;
		}
		if (ch == '\\' && p->pos + 1 < p->len) {
			char nx = p->s[p->pos + 1];

			p->pos += 2;
			if (nx == '\n')
				continue;
			if (nx != '"' && nx != '\\' && nx != '$' && nx != '`')
				buf_addch(out, '\\');
			buf_addch(out, nx);
		} else if (ch == '$') {
			sh_read_dollar(p, out, depth);
		} else if (ch == '`') {
			size_t at = p->pos++;

			sh_read_subst(p, out, '`', depth, at);
		} else {
			buf_addch(out, ch);
			p->pos++;
		}
	}
	p->incomplete = true;
}

/* One word starting at p->pos (not a metacharacter). */
static struct sh_word
sh_word_read(struct sh_parser *p, int depth)
{
	struct sh_word w = { 0 };
	struct buf text;
	size_t start = p->pos;

	if (!p->words[depth].data)
		buf_init(&p->words[depth]);
	if (depth > p->deepest)
		p->deepest = depth;
	text = p->words[depth];

	while (p->pos < p->len) {
		int ch = sh_peek(p, 0);

		if (ch == '`' && p->backticks)
			break;
		if (sh_is_meta(ch)) {
			/* bash arrays: NAME=(a b) */
			if (ch == '(' && text.len &&
			    text.data[text.len - 1] == '=') {
				size_t at = p->pos;

				sh_skip_balanced(p, '(', ')');
				buf_add(&text, p->s + at, p->pos - at);
				continue;
			}
			break;
		}
		if (ch == '\\') {
			if (sh_peek(p, 1) == '\n') {
				p->pos += 2;
				continue;
			}
			p->pos++;
			if (p->pos < p->len)
				buf_addch(&text, p->s[p->pos++]);
			w.quoted = true;
		} else if (ch == '\'') {
			sh_read_single(p, &text, false);
			w.quoted = true;
		} else if (ch == '"') {
			sh_read_double(p, &text, depth);
			w.quoted = true;
		} else if (ch == '$' && sh_peek(p, 1) == '\'') {
			p->pos++;
			sh_read_single(p, &text, true);
			w.quoted = true;
		} else if (ch == '$') {
			sh_read_dollar(p, &text, depth);
		} else if (ch == '`') {
			size_t at = p->pos++;

			sh_read_subst(p, &text, '`', depth, at);
		} else {
			buf_addch(&text, ch);
			p->pos++;
		}
	}
	w.text = arena_strndup(p->a, text.data, text.len);
	w.raw = arena_strndup(p->a, p->s + start, p->pos - start);
	w.offset = start;
	buf_reset(&text);
	p->words[depth] = text;
	return w;
}

static bool
sh_is_assignment(const struct sh_word *w)
{
	const char *r = w->raw;

	if (!(*r == '_' || (*r >= 'A' && *r <= 'Z') ||
	      (*r >= 'a' && *r <= 'z')))
		return false;
	while (*r == '_' || (*r >= 'A' && *r <= 'Z') ||
	       (*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9'))
		r++;
	if (*r == '+')
		r++;
	return *r == '=';
}

/* Words that open or close a compound command: they are not commands. */
static bool
sh_is_reserved(const struct sh_word *w)
{
	static const char *const words[] = {
		"if",	"then",	 "else",  "elif", "fi",	  "do",
		"done", "while", "until", "!",	  "esac", NULL,
	};

	if (w->quoted)
		return false;
	for (size_t i = 0; words[i]; i++)
		if (!strcmp(w->raw, words[i]))
			return true;
	return false;
}

/* Length of the redirection operator at p->pos (digits included), or 0. */
static size_t
sh_redir_len(const struct sh_parser *p)
{
	static const char *const ops[] = {
		"&>>", "<<<", "<<-", ">>", ">|", ">&", "<<",
		"<&",  "<>",  "&>",  ">",  "<",	 NULL,
	};
	size_t i = p->pos, n;

	while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9')
		i++;
	if (i >= p->len || !strchr("<>&", p->s[i]))
		return 0;
	for (size_t k = 0; ops[k]; k++) {
		n = strlen(ops[k]);
		if (ops[k][0] == '&' && i != p->pos)
			continue;
		if (p->len - i >= n && !memcmp(p->s + i, ops[k], n))
			return i - p->pos + n;
	}
	return 0;
}

static void
sh_skip_blanks(struct sh_parser *p)
{
	while (p->pos < p->len) {
		int ch = sh_peek(p, 0);

		if (sh_is_blank(ch))
			p->pos++;
		else if (ch == '\\' && sh_peek(p, 1) == '\n')
			p->pos += 2;
		else
			break;
	}
}

static void
sh_heredoc_push(struct sh_parser *p, const char *op, const char *delim)
{
	while (*op >= '0' && *op <= '9')
		op++;
	if (strcmp(op, "<<") != 0 && strcmp(op, "<<-") != 0)
		return;
	if (p->n_pending >= SH_MAX_PENDING_HEREDOCS || !*delim)
		return;
	p->pending[p->n_pending].delim = delim;
	p->pending[p->n_pending].strip_tabs = op[2] == '-';
	p->n_pending++;
}

/* At a newline: skip the bodies of the heredocs opened on that line. */
static void
sh_heredoc_skip(struct sh_parser *p)
{
	for (size_t k = 0; k < p->n_pending; k++) {
		const char *delim = p->pending[k].delim;
		size_t dl = strlen(delim);
		bool done = false;

		while (p->pos < p->len && !done) {
			size_t ls = p->pos, le;

			while (p->pos < p->len && p->s[p->pos] != '\n')
				p->pos++;
			le = p->pos;
			if (p->pos < p->len)
				p->pos++;
			if (p->pending[k].strip_tabs)
				while (ls < le && p->s[ls] == '\t')
					ls++;
			if (le > ls && p->s[le - 1] == '\r')
				le--;
			done = le - ls == dl && !memcmp(p->s + ls, delim, dl);
		}
		if (!done)
			p->incomplete = true;
	}
	p->n_pending = 0;
}

static void
sh_redir_read(struct sh_parser *p, struct sh_cur *c, size_t oplen, int depth)
{
	struct sh_redir r;
	struct sh_word target;

	sh_cur_touch(c, p->pos);
	r.op = arena_strndup(p->a, p->s + p->pos, oplen);
	p->pos += oplen;
	sh_skip_blanks(p);
	if (sh_is_meta(sh_peek(p, 0))) {
		r.target = "";
		p->incomplete = true;
	} else {
		target = sh_word_read(p, depth);
		r.target = target.text;
		sh_heredoc_push(p, r.op, target.text);
	}
	ALLOC_GROW(c->redirs, c->n_redirs + 1, c->cap_redirs);
	c->redirs[c->n_redirs++] = r;
}

static void
sh_cur_add_word(struct sh_cur *c, const struct sh_word *w)
{
	sh_cur_touch(c, w->offset);
	if (!c->n_words && sh_is_assignment(w)) {
		ALLOC_GROW(c->assigns, c->n_assigns + 1, c->cap_assigns);
		c->assigns[c->n_assigns++] = *w;
		return;
	}
	ALLOC_GROW(c->words, c->n_words + 1, c->cap_words);
	c->words[c->n_words++] = *w;
}

/* Apply a separator to the command just read, or, after a subshell or
 * group, to the last command finished inside it. */
static void
sh_separate(struct sh_parser *p, struct sh_cur *c, enum sh_sep sep,
	    size_t n_before)
{
	if (!sh_cur_flush(p, c, sep) && p->n > n_before)
		p->cmds[p->n - 1].sep = sep;
	if (sep == SH_SEP_PIPE)
		c->piped_in = true;
}

/* An operator at p->pos; returns false when there is none. */
static bool
sh_operator(struct sh_parser *p, struct sh_cur *c, size_t n_before)
{
	int ch = sh_peek(p, 0), nx = sh_peek(p, 1);

	if (ch == '&' && nx == '&') {
		p->pos += 2;
		sh_separate(p, c, SH_SEP_AND, n_before);
	} else if (ch == '|' && nx == '|') {
		p->pos += 2;
		sh_separate(p, c, SH_SEP_OR, n_before);
	} else if (ch == '|') {
		p->pos += nx == '&' ? 2 : 1;
		sh_separate(p, c, SH_SEP_PIPE, n_before);
	} else if (ch == '&') {
		p->pos++;
		sh_separate(p, c, SH_SEP_BG, n_before);
	} else if (ch == ';' || ch == '\n') {
		p->pos++;
		sh_separate(p, c, SH_SEP_END, n_before);
		if (ch == '\n')
			sh_heredoc_skip(p);
	} else {
		return false;
	}
	return true;
}

/* A subshell "(" or group "{" at the start of a command. */
static void
sh_nested(struct sh_parser *p, struct sh_cur *c, char term, int depth)
{
	bool piped = c->piped_in;

	c->piped_in = false;
	if (depth + 1 > SH_MAX_DEPTH) {
		p->truncated = true;
		p->pos--;
		sh_skip_balanced(p, term == ')' ? '(' : '{', term);
		return;
	}
	sh_list(p, term, depth + 1, c->in_subst, piped);
}

static bool
sh_at_word_end(const struct sh_parser *p, size_t at)
{
	return at >= p->len || sh_is_meta((unsigned char)p->s[at]);
}

/*
 * A command list up to `term` (')' , '}', '`', or 0 for the end of the
 * input), at nesting `depth`.
 */
static void
sh_list(struct sh_parser *p, char term, int depth, bool in_subst, bool piped_in)
{
	struct sh_cur c = { 0 };
	size_t n_before = p->n, oplen;

	c.depth = depth;
	c.in_subst = in_subst;
	c.piped_in = piped_in;
	for (;;) {
		int ch;

		sh_skip_blanks(p);
		if (p->pos >= p->len) {
			if (term)
				p->incomplete = true;
			break;
		}
		ch = sh_peek(p, 0);
		if (term && ch == term &&
		    (term != '}' || (!c.n_words && !c.n_assigns))) {
			p->pos++;
			break;
		}
		if (ch == '#') {
			while (p->pos < p->len && p->s[p->pos] != '\n')
				p->pos++;
			continue;
		}
		oplen = sh_redir_len(p);
		if (oplen) {
			sh_redir_read(p, &c, oplen, depth);
			continue;
		}
		if (sh_operator(p, &c, n_before))
			continue;
		if (ch == '(' && !c.n_words) {
			p->pos++;
			sh_nested(p, &c, ')', depth);
			continue;
		}
		if ((ch == ')' && term == '}') || (ch == '`' && p->backticks)) {
			/* closes an enclosing substitution: leave it there */
			p->incomplete = true;
			break;
		}
		if (ch == ')') {
			/* NEEDSWORK: case patterns ("a|b)") are not told from
			 * commands; their ')' is skipped here and a ')' inside
			 * a subshell ends it early. */
			p->pos++;
			continue;
		}
		if (ch == '{' && !c.n_words && sh_at_word_end(p, p->pos + 1)) {
			p->pos++;
			sh_nested(p, &c, '}', depth);
			continue;
		}
		{
			size_t at = p->pos;
			struct sh_word w = sh_word_read(p, depth);

			if (p->pos == at) {
				p->pos++; /* cannot happen; never loop */
				continue;
			}

			if (!c.n_words && !c.n_assigns && sh_is_reserved(&w))
				continue;
			sh_cur_add_word(&c, &w);
		}
	}
	sh_separate(p, &c, SH_SEP_END, n_before);
	sh_cur_release(&c);
}

static int
sh_cmd_cmp(const void *a, const void *b)
{
	const struct sh_cmd *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

void
sh_parse(struct arena *a, const char *text, size_t len, struct sh_script *out)
{
	struct sh_parser p = { 0 };

	memset(out, 0, sizeof(*out));
	p.a = a;
	p.s = text;
	p.len = len;
	if (len > SH_MAX_INPUT) {
		p.len = SH_MAX_INPUT;
		p.truncated = true;
	}
	while (p.pos < p.len) {
		sh_list(&p, 0, 0, false, false);
		/* a stray closing bracket at the top ends a list early */
		if (p.pos < p.len)
			p.pos++;
	}
	if (p.n) {
		qsort(p.cmds, p.n, sizeof(*p.cmds), sh_cmd_cmp);
		out->cmds = arena_alloc(a, p.n * sizeof(*p.cmds));
		memcpy(out->cmds, p.cmds, p.n * sizeof(*p.cmds));
	}
	out->n = p.n;
	out->incomplete = p.incomplete;
	out->truncated = p.truncated;
	free(p.cmds);
	for (int i = 0; i <= p.deepest; i++)
		if (p.words[i].data)
			buf_release(&p.words[i]);
}

const char *
sh_cmd_name(const struct sh_cmd *c)
{
	const char *name, *slash;

	if (!c->n_words)
		return "";
	name = c->words[0].text;
	slash = strrchr(name, '/');
	return slash ? slash + 1 : name;
}

bool
sh_cmd_has_arg(const struct sh_cmd *c, const char *arg)
{
	for (size_t i = 1; i < c->n_words; i++)
		if (!strcmp(c->words[i].text, arg))
			return true;
	return false;
}

/* Does word w (not "--") spell the flag? */
static bool
sh_word_is_flag(const char *w, const char *long_flag, char short_flag)
{
	size_t n;

	if (w[0] != '-' || !w[1])
		return false;
	if (w[1] == '-') {
		if (!long_flag)
			return false;
		if (long_flag[0] == '-' && long_flag[1] == '-')
			long_flag += 2;
		n = strlen(long_flag);
		return !strncmp(w + 2, long_flag, n) &&
		       (w[2 + n] == '\0' || w[2 + n] == '=');
	}
	return short_flag && strchr(w + 1, short_flag) != NULL;
}

bool
sh_cmd_has_flag(const struct sh_cmd *c, const char *long_flag, char short_flag)
{
	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (!strcmp(w, "--"))
			break;
		if (sh_word_is_flag(w, long_flag, short_flag))
			return true;
	}
	return false;
}

const char *
sh_cmd_flag_value(const struct sh_cmd *c, const char *long_flag,
		  char short_flag)
{
	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text, *eq;

		if (!strcmp(w, "--"))
			break;
		if (w[0] != '-' || !w[1])
			continue;
		if (w[1] == '-') {
			if (!sh_word_is_flag(w, long_flag, 0))
				continue;
			eq = strchr(w, '=');
			if (eq)
				return eq + 1;
		} else if (!short_flag || w[1] != short_flag || w[2]) {
			continue;
		}
		return i + 1 < c->n_words ? c->words[i + 1].text : "";
	}
	return NULL;
}

static bool
sh_flag_takes_value(const char *w, const char *const *skip)
{
	for (size_t k = 0; skip && skip[k]; k++)
		if (!strcmp(w, skip[k]))
			return true;
	return false;
}

size_t
sh_cmd_nonflags(const struct sh_cmd *c, const char *const *skip,
		const char **out, size_t max)
{
	bool flags_done = false;
	size_t n = 0;

	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (!flags_done && !strcmp(w, "--")) {
			flags_done = true;
			continue;
		}
		if (!flags_done && w[0] == '-') {
			if (sh_flag_takes_value(w, skip))
				i++;
			continue;
		}
		if (n < max)
			out[n] = w;
		n++;
	}
	return n;
}
