/*
 * RubyGems versions, ordered as Gem::Version does.
 *
 * A version is numbers and words separated by dots ("1.2.0.rc1"); a "-"
 * means ".pre.".  It is cut into segments, each a run of digits or of
 * letters.  Trailing zeros of the release part and of the prerelease part
 * are dropped ("1.0" = "1").  Segments compare pairwise (a missing one is
 * 0): numbers numerically, words in ASCII order, and a word before a
 * number, so any version with a word is a prerelease.
 */
#include <ctype.h>
#include <string.h>

#include "vuln/version-internal.h"
#include "vuln/version.h"

/* Segments kept; more is no real version. */
#define GEM_MAX_SEGMENTS 64

struct gem_seg {
	const char *p;
	int n;
	bool num;
};

struct gem {
	struct gem_seg s[GEM_MAX_SEGMENTS];
	int n;
};

bool
gem_version_valid(const char *v)
{
	size_t len = strlen(v);

	while (isspace((unsigned char)*v))
		v++, len--;
	while (len && isspace((unsigned char)v[len - 1]))
		len--;
	if (!len || len > VERSION_MAX_LEN || !isdigit((unsigned char)*v))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!isalnum((unsigned char)v[i]) && v[i] != '.' && v[i] != '-')
			return false;
		if (v[i] == '.' && (i + 1 == len || v[i + 1] == '.'))
			return false;
	}
	return true;
}

static bool
gem_zero(const struct gem_seg *s)
{
	if (!s->num)
		return false;
	for (int i = 0; i < s->n; i++)
		if (s->p[i] != '0')
			return false;
	return true;
}

/* Drop trailing zeros from s[from, to), compacting the array. */
static int
gem_trim(struct gem *g, int from, int to)
{
	int end = to;

	while (end > from && gem_zero(&g->s[end - 1]))
		end--;
	memmove(&g->s[end], &g->s[to], (size_t)(g->n - to) * sizeof(g->s[0]));
	g->n -= to - end;
	return end;
}

static int
gem_parse(const char *v, struct gem *g)
{
	int first_word = -1;

	g->n = 0;
	while (*v) {
		int n = 0;
		bool num = isdigit((unsigned char)*v);

		if (!isalnum((unsigned char)*v)) {
			/* "-" is ".pre." */
			if (*v == '-') {
				if (g->n == GEM_MAX_SEGMENTS)
					return -1;
				g->s[g->n++] =
				    (struct gem_seg){ "pre", 3, false };
			}
			v++;
			continue;
		}
		while (v[n] && (num ? isdigit((unsigned char)v[n])
				    : isalpha((unsigned char)v[n])))
			n++;
		if (g->n == GEM_MAX_SEGMENTS)
			return -1;
		g->s[g->n++] = (struct gem_seg){ v, n, num };
		v += n;
	}
	for (int i = 0; i < g->n && first_word < 0; i++)
		if (!g->s[i].num)
			first_word = i;
	if (first_word < 0) {
		gem_trim(g, 0, g->n);
	} else {
		gem_trim(g, first_word, g->n);
		gem_trim(g, 0, first_word);
	}
	return 0;
}

int
gem_version_cmp(const char *a, const char *b)
{
	static const struct gem_seg zero = { "0", 1, true };
	struct gem x, y;

	if (!gem_version_valid(a) || !gem_version_valid(b) ||
	    gem_parse(a, &x) || gem_parse(b, &y))
		return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
	for (int i = 0; i < x.n || i < y.n; i++) {
		const struct gem_seg *l = i < x.n ? &x.s[i] : &zero;
		const struct gem_seg *r = i < y.n ? &y.s[i] : &zero;
		int c;

		if (l->num != r->num)
			return l->num ? 1 : -1;
		if (l->num) {
			c = digits_cmp(l->p, l->n, r->p, r->n);
		} else {
			c = memcmp(l->p, r->p,
				   (size_t)(l->n < r->n ? l->n : r->n));
			if (!c && l->n != r->n)
				c = l->n < r->n ? -1 : 1;
		}
		if (c)
			return c < 0 ? -1 : 1;
	}
	return 0;
}
