/*
 * .dockerignore matching with Docker's semantics (moby's patternmatcher):
 * each pattern becomes, in effect, an anchored regular expression where
 * '*' and '?' stop at '/', "**" spans directories, '[...]' is a class
 * and '\' escapes; a path is excluded when the last pattern that matches
 * it, or one of its parent directories, is not a '!' exception.
 *
 * The matcher runs the pattern as a set of positions over the path (a
 * small NFA), so no pattern can make it backtrack: the cost is at most
 * pattern length times path length.
 */
#include "parse/dockerignore.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"

/* The largest .dockerignore read; real ones are a few hundred bytes. */
#define DOCKERIGNORE_MAX_FILE (4u * 1024 * 1024)
/* Patterns kept; beyond this, matching every file would be too slow. */
#define DOCKERIGNORE_MAX_PATTERNS 20000
/* A pattern longer than the longest path cannot be meant; it is dropped
 * so that matching stays cheap. */
#define DOCKERIGNORE_MAX_PATTERN 4096

/*
 * filepath.Clean on a '/'-separated path, in place: repeated slashes
 * and "." elements go, ".." removes the element before it, a trailing
 * slash goes; "" becomes ".", so path needs room for two bytes.
 */
static void
di_path_clean(char *path)
{
	bool rooted = path[0] == '/';
	char *out = path, *r = path;
	size_t dotdot = 0; /* where ".." may no longer back up */

	if (rooted) {
		out++;
		r++;
		dotdot = 1;
	}
	while (*r) {
		if (*r == '/') {
			r++;
		} else if (r[0] == '.' && (r[1] == '/' || !r[1])) {
			r++;
		} else if (r[0] == '.' && r[1] == '.' &&
			   (r[2] == '/' || !r[2])) {
			r += 2;
			if ((size_t)(out - path) > dotdot) {
				out--;
				while ((size_t)(out - path) > dotdot &&
				       *out != '/')
					out--;
			} else if (!rooted) {
				if (out > path)
					*out++ = '/';
				*out++ = '.';
				*out++ = '.';
				dotdot = (size_t)(out - path);
			}
		} else {
			if ((rooted && out != path + 1) ||
			    (!rooted && out != path))
				*out++ = '/';
			while (*r && *r != '/')
				*out++ = *r++;
		}
	}
	if (out == path)
		*out++ = '.';
	*out = '\0';
}

static void
di_add(struct dockerignore *di, const char *pat, size_t n, unsigned line)
{
	struct dockerignore_pattern *p;
	bool negate = false;
	char *s;

	if (n && pat[0] == '!') {
		negate = true;
		pat++;
		n--;
		while (n && (*pat == ' ' || *pat == '\t')) {
			pat++;
			n--;
		}
		while (n && (pat[n - 1] == ' ' || pat[n - 1] == '\t'))
			n--;
	}
	if (di->n >= DOCKERIGNORE_MAX_PATTERNS || n > DOCKERIGNORE_MAX_PATTERN)
		return;
	s = xmalloc(n + 2);
	memcpy(s, pat, n);
	s[n] = '\0';
	if (n) {
		di_path_clean(s);
		if (s[0] == '/' && s[1])
			memmove(s, s + 1, strlen(s));
	}
	ALLOC_GROW(di->v, di->n + 1, di->cap);
	p = &di->v[di->n++];
	p->pattern = s;
	p->negate = negate;
	p->line = line;
}

void
dockerignore_parse(struct dockerignore *di, const char *text, size_t len)
{
	size_t pos = 0;
	unsigned line = 0;

	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;

		pos += n + 1;
		line++;
		if (n && s[0] == '#')
			continue;
		while (n && (*s == ' ' || *s == '\t' || *s == '\r' ||
			     *s == '\v' || *s == '\f')) {
			s++;
			n--;
		}
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			     s[n - 1] == '\r' || s[n - 1] == '\v' ||
			     s[n - 1] == '\f'))
			n--;
		if (!n)
			continue;
		di_add(di, s, n, line);
	}
}

int
dockerignore_load(struct dockerignore *di, const char *context_dir,
		  const char *dockerfile, struct err *e)
{
	struct buf b = BUF_INIT;
	char *path = NULL;
	int rc = 0;

	if (dockerfile) {
		path = xasprintf("%s.dockerignore", dockerfile);
		if (!path_is_file(path))
			FREE_AND_NULL(path);
	}
	if (!path) {
		path =
		    path_join(context_dir ? context_dir : ".", ".dockerignore");
		if (!path_is_file(path))
			goto out;
	}
	rc = file_read(path, DOCKERIGNORE_MAX_FILE, &b, e);
	if (rc < 0)
		goto out;
	if (memchr(b.data, '\0', b.len)) {
		rc = err_set(e, ERR_INPUT, "'%s' contains NUL bytes", path);
		goto out;
	}
	di->present = true;
	dockerignore_parse(di, b.data, b.len);
out:
	buf_release(&b);
	free(path);
	return rc;
}

/* One step of a compiled pattern. */
enum di_op {
	DI_LIT,	  /* one byte */
	DI_ONE,	  /* '?': any byte but '/' */
	DI_CLASS, /* '[...]' */
	DI_STAR,  /* '*': any run without '/' */
	DI_DIRS,  /* "**" before more: nothing, or anything up to a slash */
	DI_ANY,	  /* "**" at the end: ".*" */
};

struct di_step {
	enum di_op op;
	unsigned char c;
	const char *cls; /* DI_CLASS: the text after '[' */
};

/* Does byte c fall in the class that starts at cls (after '[')?  *end
 * is set past the closing ']'; false with *end NULL when unclosed. */
static bool
di_class_match(const char *cls, unsigned char c, const char **end)
{
	bool neg = *cls == '^', hit = false;
	const char *s = cls + neg;
	bool first = true;

	*end = NULL;
	while (*s && (*s != ']' || first)) {
		unsigned char lo = (unsigned char)*s, hi;

		first = false;
		if (lo == '\\' && s[1])
			lo = (unsigned char)*++s;
		s++;
		hi = lo;
		if (s[0] == '-' && s[1] && s[1] != ']') {
			s++;
			hi = (unsigned char)*s;
			if (hi == '\\' && s[1])
				hi = (unsigned char)*++s;
			s++;
		}
		if (c >= lo && c <= hi)
			hit = true;
	}
	if (*s != ']')
		return false;
	*end = s + 1;
	return hit != neg;
}

/*
 * Compile the pattern into steps; -1 when it is malformed.  NEEDSWORK:
 * Docker refuses the whole build for a malformed pattern ("[abc"); here
 * it only matches nothing.
 */
static int
di_compile(const char *pat, struct di_step *steps, size_t *n)
{
	const char *s = pat, *end;

	*n = 0;
	while (*s) {
		struct di_step *st = &steps[(*n)++];

		memset(st, 0, sizeof(*st));
		if (s[0] == '*' && s[1] == '*') {
			s += 2;
			if (*s == '/')
				s++;
			st->op = *s ? DI_DIRS : DI_ANY;
		} else if (*s == '*') {
			st->op = DI_STAR;
			s++;
		} else if (*s == '?') {
			st->op = DI_ONE;
			s++;
		} else if (*s == '[') {
			st->op = DI_CLASS;
			st->cls = s + 1;
			di_class_match(st->cls, 0, &end);
			if (!end)
				return -1;
			s = end;
		} else {
			st->op = DI_LIT;
			if (*s == '\\' && s[1])
				s++;
			st->c = (unsigned char)*s++;
		}
	}
	return 0;
}

/* One step of the set simulation: from positions cur to positions next. */
static void
di_step_run(const struct di_step *st, const char *path, size_t len,
	    const unsigned char *cur, unsigned char *next)
{
	const char *end;
	bool on = false;

	memset(next, 0, len + 1);
	for (size_t j = 0; j <= len; j++) {
		bool here = cur[j] != 0;
		unsigned char c = j < len ? (unsigned char)path[j] : 0;

		switch (st->op) {
		case DI_LIT:
			if (here && j < len && c == st->c)
				next[j + 1] = 1;
			break;
		case DI_ONE:
			if (here && j < len && c != '/')
				next[j + 1] = 1;
			break;
		case DI_CLASS:
			if (here && j < len && di_class_match(st->cls, c, &end))
				next[j + 1] = 1;
			break;
		case DI_STAR:
			/* a run of non-'/' bytes from any start */
			on = on || here;
			if (on)
				next[j] = 1;
			if (c == '/')
				on = false;
			break;
		case DI_DIRS:
			/* stay, or end just after any later slash */
			on = on || here;
			if (here)
				next[j] = 1;
			if (on && j < len && c == '/')
				next[j + 1] = 1;
			break;
		case DI_ANY:
			on = on || here;
			if (on)
				next[j] = 1;
			break;
		}
	}
}

/*
 * Run the steps over path as a set of reachable positions.  Afterwards
 * cur[j] tells whether the pattern matches path[0..j) exactly, so one run
 * answers for the path and for each of its parent directories.  Returns
 * false when no prefix can match.
 */
static bool
di_run(const struct di_step *steps, size_t n, const char *path, size_t len,
       unsigned char *cur, unsigned char *next)
{
	memset(cur, 0, len + 1);
	cur[0] = 1;
	for (size_t k = 0; k < n; k++) {
		bool any = false;

		di_step_run(&steps[k], path, len, cur, next);
		memcpy(cur, next, len + 1);
		for (size_t j = 0; j <= len && !any; j++)
			any = cur[j] != 0;
		if (!any)
			return false;
	}
	return true;
}

/* Does the pattern match path[0..len), or one of its parent directories
 * (a prefix that ends before a '/')? */
static bool
di_prefix_hit(const unsigned char *cur, const char *path, size_t len)
{
	if (cur[len])
		return true;
	for (size_t j = 1; j < len; j++)
		if (cur[j] && path[j] == '/')
			return true;
	return false;
}

/*
 * Patterns that begin with "**" and have no other wildcard are suffix
 * tests in Docker ("**" + "foo" matches "barfoo"), not expressions.
 */
static bool
di_suffix_match(const char *pat, const char *path, size_t len)
{
	const char *suffix = pat + 2;
	size_t n = strlen(suffix);

	if (len >= n && !memcmp(path + len - n, suffix, n))
		return true;
	return suffix[0] == '/' && len == n - 1 &&
	       !memcmp(path, suffix + 1, len);
}

static bool
di_is_suffix_pattern(const char *pat)
{
	return pat[0] == '*' && pat[1] == '*' && pat[2] &&
	       !strpbrk(pat + 2, "*?[\\");
}

/* Does pat match path or one of its parent directories? */
static bool
di_match(const char *pat, const char *path, size_t len)
{
	size_t plen = strlen(pat), n;
	struct di_step small[64], *steps;
	unsigned char buf[2][256], *cur, *next;
	bool hit = false;

	if (di_is_suffix_pattern(pat)) {
		for (size_t j = 1; j < len; j++)
			if (path[j] == '/' && di_suffix_match(pat, path, j))
				return true;
		return di_suffix_match(pat, path, len);
	}
	steps = plen <= sizeof(small) / sizeof(small[0])
		    ? small
		    : xcalloc(plen, sizeof(*steps));
	if (di_compile(pat, steps, &n) == 0) {
		cur = len < sizeof(buf[0]) ? buf[0] : xmalloc(len + 1);
		next = len < sizeof(buf[1]) ? buf[1] : xmalloc(len + 1);
		hit = di_run(steps, n, path, len, cur, next) &&
		      di_prefix_hit(cur, path, len);
		if (cur != buf[0])
			free(cur);
		if (next != buf[1])
			free(next);
	}
	if (steps != small)
		free(steps);
	return hit;
}

bool
dockerignore_excludes(const struct dockerignore *di, const char *relpath)
{
	char *path;
	size_t len;
	bool matched = false;

	if (!di->n)
		return false;
	/* room for the "." that cleaning turns "" into */
	len = strlen(relpath);
	path = xmalloc(len + 2);
	memcpy(path, relpath, len + 1);
	di_path_clean(path);
	if (path[0] == '/' && path[1])
		memmove(path, path + 1, strlen(path));
	len = strlen(path);

	for (size_t i = 0; i < di->n; i++) {
		const struct dockerignore_pattern *p = &di->v[i];
		bool hit;

		/* a match only matters when it would change the answer */
		if (p->negate != matched)
			continue;
		hit = di_match(p->pattern, path, len);
		if (hit)
			matched = !p->negate;
	}
	free(path);
	return matched;
}

void
dockerignore_release(struct dockerignore *di)
{
	for (size_t i = 0; i < di->n; i++)
		free(di->v[i].pattern);
	free(di->v);
	di->v = NULL;
	di->n = di->cap = 0;
	di->present = false;
}
