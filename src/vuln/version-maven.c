/*
 * Maven versions, ordered as Maven's ComparableVersion does.
 *
 * The lowercased version is cut into items at '.' and '-' and wherever
 * digits meet letters.  Numbers compare as numbers; words are qualifiers
 * ordered alpha < beta < milestone < rc (= cr) < snapshot < "" (= final =
 * ga = release) < sp, with any other word after sp in ASCII order; "a1",
 * "b1", "m1" mean alpha, beta, milestone when a digit follows.  A '-' (or a
 * digit/letter change) opens a nested list; trailing "null" items (0, "",
 * final, ga) of each list are dropped, so "1.0.0" = "1" = "1-ga".  A
 * number beats a word and a list; a list beats a word.
 *
 * The parse goes to a flat array of items, each with the depth of the
 * list it belongs to, which is enough to compare without building a tree.
 */
#include <ctype.h>
#include <string.h>

#include "vuln/version-internal.h"
#include "vuln/version.h"

/* Items in one version; more is no real version. */
#define MAVEN_MAX_ITEMS 64

enum maven_kind {
	MAVEN_INT,
	MAVEN_STR,
	MAVEN_LIST,
};

struct maven_item {
	enum maven_kind kind;
	const char *p; /* digits, or the qualifier text */
	int n;
	int parent; /* index of the list it belongs to, -1 for the root */
};

struct maven {
	char text[VERSION_MAX_LEN + 1]; /* lowercased copy */
	struct maven_item it[MAVEN_MAX_ITEMS];
	int n;
};

static const char *const maven_quals[] = { "alpha", "beta",	"milestone",
					   "rc",    "snapshot", "",
					   "sp" };
#define MAVEN_RELEASE_RANK 5

/* Rank of a qualifier: its index, or 7 for unknown words. */
static int
maven_rank(const char *p, int n)
{
	static const struct {
		const char *word;
		int rank;
	} alias[] = {
		{ "ga", 5 }, { "final", 5 }, { "release", 5 }, { "cr", 3 }
	};

	for (size_t i = 0; i < sizeof(maven_quals) / sizeof(*maven_quals); i++)
		if ((int)strlen(maven_quals[i]) == n &&
		    !memcmp(maven_quals[i], p, (size_t)n))
			return (int)i;
	for (size_t i = 0; i < sizeof(alias) / sizeof(*alias); i++)
		if ((int)strlen(alias[i].word) == n &&
		    !memcmp(alias[i].word, p, (size_t)n))
			return alias[i].rank;
	return 7;
}

static int
maven_push(struct maven *v, enum maven_kind k, const char *p, int n, int parent)
{
	if (v->n == MAVEN_MAX_ITEMS)
		return -1;
	v->it[v->n] = (struct maven_item){ k, p, n, parent };
	return v->n++;
}

/* Add the token [p, p+n) as a number or word to list `list`. */
static int
maven_token(struct maven *v, const char *p, int n, bool digit, bool before,
	    int list)
{
	if (!n)
		return maven_push(v, MAVEN_INT, "0", 1, list) < 0 ? -1 : 0;
	if (!digit && n == 1 && before) {
		static const char *const shorthand[] = { "alpha", "beta",
							 "milestone" };
		const char *w = *p == 'a'   ? shorthand[0]
				: *p == 'b' ? shorthand[1]
				: *p == 'm' ? shorthand[2]
					    : NULL;

		if (w)
			p = w, n = (int)strlen(w);
	}
	return maven_push(v, digit ? MAVEN_INT : MAVEN_STR, p, n, list) < 0 ? -1
									    : 0;
}

static bool
maven_item_null(const struct maven *v, int i)
{
	const struct maven_item *it = &v->it[i];

	if (it->kind == MAVEN_INT) {
		for (int k = 0; k < it->n; k++)
			if (it->p[k] != '0')
				return false;
		return true;
	}
	if (it->kind == MAVEN_STR)
		return maven_rank(it->p, it->n) == MAVEN_RELEASE_RANK;
	for (int k = i + 1; k < v->n; k++)
		if (v->it[k].parent == i)
			return false;
	return true;
}

/* The children of list `list`, in order, into out; returns the count. */
static int
maven_children(const struct maven *v, int list, int *out)
{
	int n = 0;

	for (int i = 0; i < v->n; i++)
		if (v->it[i].parent == list && i != list)
			out[n++] = i;
	return n;
}

/*
 * Drop trailing null items of each list, innermost first, stopping at the
 * first item that is not null and not a list (as Maven's normalize()).
 */
static void
maven_normalise(struct maven *v)
{
	for (int list = v->n - 1; list >= -1; list--) {
		int kids[MAVEN_MAX_ITEMS], nk;

		if (list >= 0 && v->it[list].kind != MAVEN_LIST)
			continue;
		nk = maven_children(v, list, kids);
		for (int k = nk - 1; k >= 0; k--) {
			if (maven_item_null(v, kids[k]))
				v->it[kids[k]].parent = -2; /* dropped */
			else if (v->it[kids[k]].kind != MAVEN_LIST)
				break;
		}
	}
}

static int
maven_parse(const char *s, struct maven *v)
{
	size_t len = strlen(s);
	int list = -1, start = 0;
	bool digit = false;

	if (!len || len > VERSION_MAX_LEN)
		return -1;
	for (size_t i = 0; i <= len; i++)
		v->text[i] = (char)tolower((unsigned char)s[i]);
	v->n = 0;
	for (int i = 0; i <= (int)len; i++) {
		char c = v->text[i];

		if (c == '.' || c == '-' || !c) {
			if ((i > start || c) &&
			    maven_token(v, v->text + start, i - start, digit,
					false, list))
				return -1;
			start = i + 1;
			if (c == '-' &&
			    (list = maven_push(v, MAVEN_LIST, "", 0, list)) < 0)
				return -1;
			continue;
		}
		if ((isdigit((unsigned char)c) != 0) != digit && i > start) {
			if (maven_token(v, v->text + start, i - start, digit,
					!digit, list) ||
			    (list = maven_push(v, MAVEN_LIST, "", 0, list)) < 0)
				return -1;
			start = i;
		}
		digit = isdigit((unsigned char)c) != 0;
	}
	maven_normalise(v);
	return 0;
}

bool
maven_version_valid(const char *v)
{
	struct maven m;

	for (const char *p = v; *p; p++)
		if (!isgraph((unsigned char)*p))
			return false;
	return maven_parse(v, &m) == 0;
}

static int maven_list_cmp(const struct maven *a, int la, const struct maven *b,
			  int lb);

/* Compare item i of a with item j of b; -1 stands for a missing item. */
static int
maven_item_cmp(const struct maven *a, int i, const struct maven *b, int j)
{
	const struct maven_item *x = &a->it[i];

	if (j < 0) {
		if (x->kind == MAVEN_INT)
			return maven_item_null(a, i) ? 0 : 1;
		if (x->kind == MAVEN_STR) {
			int r = maven_rank(x->p, x->n);

			return r < MAVEN_RELEASE_RANK	? -1
			       : r > MAVEN_RELEASE_RANK ? 1
							: 0;
		}
		return maven_list_cmp(a, i, NULL, -1);
	}
	const struct maven_item *y = &b->it[j];

	if (x->kind != y->kind) {
		if (x->kind == MAVEN_INT)
			return 1;
		if (y->kind == MAVEN_INT)
			return -1;
		return x->kind == MAVEN_LIST ? 1 : -1;
	}
	if (x->kind == MAVEN_INT)
		return digits_cmp(x->p, x->n, y->p, y->n);
	if (x->kind == MAVEN_STR) {
		int rx = maven_rank(x->p, x->n), ry = maven_rank(y->p, y->n);
		int r;

		if (rx != ry)
			return rx < ry ? -1 : 1;
		if (rx != 7)
			return 0;
		r = memcmp(x->p, y->p, (size_t)(x->n < y->n ? x->n : y->n));
		if (!r && x->n != y->n)
			r = x->n < y->n ? -1 : 1;
		return r < 0 ? -1 : r > 0;
	}
	return maven_list_cmp(a, i, b, j);
}

static int
maven_list_cmp(const struct maven *a, int la, const struct maven *b, int lb)
{
	int ka[MAVEN_MAX_ITEMS], kb[MAVEN_MAX_ITEMS];
	int na = maven_children(a, la, ka), nb = 0;

	if (!b) {
		/* A list against nothing: its first non-null item decides. */
		for (int k = 0; k < na; k++) {
			int r = maven_item_cmp(a, ka[k], NULL, -1);

			if (r)
				return r;
		}
		return 0;
	}
	nb = maven_children(b, lb, kb);
	for (int k = 0; k < na || k < nb; k++) {
		int r;

		if (k >= na)
			r = -maven_item_cmp(b, kb[k], NULL, -1);
		else
			r = maven_item_cmp(a, ka[k], k < nb ? b : NULL,
					   k < nb ? kb[k] : -1);
		if (r)
			return r;
	}
	return 0;
}

int
maven_version_cmp(const char *a, const char *b)
{
	struct maven x, y;

	if (maven_parse(a, &x) || maven_parse(b, &y))
		return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
	return maven_list_cmp(&x, -1, &y, -1);
}
