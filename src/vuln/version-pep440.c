/*
 * Python versions (PEP 440): [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local].
 *
 * Parsing accepts the spellings PEP 440 normalises: case, a "v" prefix,
 * "alpha"/"beta"/"c"/"pre"/"preview" for a/b/rc, "rev"/"r" and "-N" for
 * post releases, "-", "_" and "." as separators, and implicit numbers
 * (0).  Order: epoch, then release (trailing zeros ignored), then
 * pre-release (a dev release with no pre or post release sorts before
 * every pre-release; a final release after them), then post release (none
 * first), then dev release (none last), then local label (none first;
 * numeric segments after words, numbers numerically).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "vuln/version-internal.h"
#include "vuln/version.h"

/* Release segments kept; more than this is no real version. */
#define PEP440_MAX_RELEASE 32

struct num {
	const char *p;
	int n; /* 0 means the number 0 */
};

struct pep440 {
	struct num epoch;
	struct num rel[PEP440_MAX_RELEASE];
	int nrel;
	int pre_kind; /* -1 none, 0 a, 1 b, 2 rc */
	struct num pre;
	bool has_post, has_dev;
	struct num post, dev;
	const char *local; /* NULL for none */
	int locallen;
};

/* The separators PEP 440 accepts between parts and in local labels. */
#define PEP440_SEPS ".-_"

static bool
pep_sep(int c)
{
	return c && strchr(PEP440_SEPS, c);
}

static struct num
pep_number(const char **s)
{
	struct num r = { *s, 0 };

	while (isdigit((unsigned char)(*s)[r.n]))
		r.n++;
	*s += r.n;
	return r;
}

/* Match one of the words at *s (case-insensitive); return its index. */
static int
pep_word(const char **s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(words[i]);

		if (!strncasecmp(*s, words[i], k) &&
		    !isalpha((unsigned char)(*s)[k])) {
			*s += k;
			return (int)i;
		}
	}
	return -1;
}

/* [sep]word[sep][N] */
static bool
pep_tagged(const char **s, const char *const *words, size_t n, int *which,
	   struct num *num)
{
	const char *p = *s;

	if (pep_sep(*p))
		p++;
	*which = pep_word(&p, words, n);
	if (*which < 0)
		return false;
	if (pep_sep(*p) && isdigit((unsigned char)p[1]))
		p++;
	*num = pep_number(&p);
	*s = p;
	return true;
}

static const char *const pre_words[] = { "alpha",   "a",   "beta", "b",
					 "preview", "pre", "rc",   "c" };
static const int pre_kinds[] = { 0, 0, 1, 1, 2, 2, 2, 2 };
static const char *const post_words[] = { "post", "rev", "r" };
static const char *const dev_words[] = { "dev" };

static int
pep_parse_local(const char **s, struct pep440 *v)
{
	const char *p = *s + 1;
	int n = 0;

	v->local = p;
	for (;;) {
		int k = 0;

		while (isalnum((unsigned char)p[n + k]))
			k++;
		if (!k)
			return -1;
		n += k;
		if (!pep_sep(p[n]))
			break;
		n++;
	}
	v->locallen = n;
	*s = p + n;
	return 0;
}

static int
pep440_parse(const char *s, struct pep440 *v)
{
	const char *p;
	int which;

	memset(v, 0, sizeof(*v));
	v->pre_kind = -1;
	if (strlen(s) > VERSION_MAX_LEN)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == 'v' || *s == 'V')
		s++;
	p = s;
	v->epoch = pep_number(&p);
	if (v->epoch.n && *p == '!')
		s = p + 1;
	else
		v->epoch.n = 0;
	do {
		if (v->nrel == PEP440_MAX_RELEASE)
			return -1;
		v->rel[v->nrel] = pep_number(&s);
		if (!v->rel[v->nrel++].n)
			return -1;
	} while (*s == '.' && isdigit((unsigned char)s[1]) && s++);
	if (pep_tagged(&s, pre_words, 8, &which, &v->pre))
		v->pre_kind = pre_kinds[which];
	if (*s == '-' && isdigit((unsigned char)s[1])) {
		s++;
		v->has_post = true;
		v->post = pep_number(&s);
	} else if (pep_tagged(&s, post_words, 3, &which, &v->post)) {
		v->has_post = true;
	}
	if (pep_tagged(&s, dev_words, 1, &which, &v->dev))
		v->has_dev = true;
	if (*s == '+' && pep_parse_local(&s, v))
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	return *s ? -1 : 0;
}

bool
pep440_version_valid(const char *v)
{
	struct pep440 x;

	return pep440_parse(v, &x) == 0;
}

static int
num_cmp(struct num a, struct num b)
{
	return digits_cmp(a.p, a.n, b.p, b.n);
}

static int
release_cmp(const struct pep440 *a, const struct pep440 *b)
{
	static const struct num zero = { "0", 1 };
	int n = a->nrel > b->nrel ? a->nrel : b->nrel;

	for (int i = 0; i < n; i++) {
		int r = num_cmp(i < a->nrel ? a->rel[i] : zero,
				i < b->nrel ? b->rel[i] : zero);

		if (r)
			return r;
	}
	return 0;
}

/* The rank of the pre-release part: -1 dev-only, 0..2 a/b/rc, 3 final. */
static int
pre_rank(const struct pep440 *v)
{
	if (v->pre_kind < 0 && !v->has_post && v->has_dev)
		return -1;
	return v->pre_kind < 0 ? 3 : v->pre_kind;
}

static int
pep440_cmp(const struct pep440 *a, const struct pep440 *b)
{
	int r;

	if ((r = num_cmp(a->epoch, b->epoch)) || (r = release_cmp(a, b)))
		return r;
	if (pre_rank(a) != pre_rank(b))
		return pre_rank(a) < pre_rank(b) ? -1 : 1;
	if (a->pre_kind >= 0 && (r = num_cmp(a->pre, b->pre)))
		return r;
	if (a->has_post != b->has_post)
		return a->has_post ? 1 : -1;
	if ((r = num_cmp(a->post, b->post)))
		return r;
	if (a->has_dev != b->has_dev)
		return a->has_dev ? -1 : 1;
	if ((r = num_cmp(a->dev, b->dev)))
		return r;
	if (!a->local || !b->local)
		return a->local ? 1 : b->local ? -1 : 0;
	return idents_cmp(
	    a->local, a->locallen, b->local, b->locallen, PEP440_SEPS,
	    VERSION_IDENTS_NUMBERS_LAST | VERSION_IDENTS_FOLD_CASE);
}

int
pep440_version_cmp(const char *a, const char *b)
{
	struct pep440 x, y;

	if (pep440_parse(a, &x) || pep440_parse(b, &y))
		return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
	return pep440_cmp(&x, &y);
}
