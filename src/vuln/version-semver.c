/*
 * Semantic versions (semver 2.0.0, node-semver ordering), Go module and
 * toolchain versions, and RubyGems versions.
 *
 * semver: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD].  A leading "v" or "="
 * is accepted (node-semver's loose mode); a missing minor or patch counts
 * as 0 so that partial versions from advisories still order.  Build
 * metadata never affects order.  A version with a prerelease sorts before
 * the same version without; prerelease identifiers compare one by one,
 * numbers numerically and below words, words in ASCII order, and a
 * shorter list that is a prefix of a longer one sorts first.
 *
 * Go: module versions are semver with a "v" (which advisories may omit);
 * pseudo-versions (v0.0.0-20220906165146-f3363e06e74c) and
 * "+incompatible" need nothing special: the first is a prerelease, the
 * second build metadata.  Toolchain versions "go1.21.3", "go1.21rc2" and
 * "go1.20" are read as 1.21.3, 1.21.0-rc.2 and 1.20.0.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "vuln/version-internal.h"
#include "vuln/version.h"

struct semver {
	const char *num[3];
	int numlen[3];
	const char *pre; /* NULL when there is none */
	int prelen;
};

static int
semver_digits(const char *p)
{
	int n = 0;

	while (isdigit((unsigned char)p[n]))
		n++;
	return n;
}

/* An identifier run: [0-9A-Za-z-]+. */
static int
semver_ident(const char *p)
{
	int n = 0;

	while (isalnum((unsigned char)p[n]) || p[n] == '-')
		n++;
	return n;
}

/* Dot-separated identifiers; returns the length, or -1 when empty. */
static int
semver_idents(const char *p)
{
	int n = 0, k;

	for (;;) {
		k = semver_ident(p + n);
		if (!k)
			return -1;
		n += k;
		if (p[n] != '.')
			return n;
		n++;
	}
}

/* Parse; `strict` requires all three numbers and no leading zeros. */
static int
semver_parse(const char *s, struct semver *v, bool strict)
{
	int k, parts = 0;

	if (strlen(s) > VERSION_MAX_LEN)
		return -1;
	if (!strict)
		while (*s == 'v' || *s == 'V' || *s == '=' || *s == ' ')
			s++;
	memset(v, 0, sizeof(*v));
	for (int i = 0; i < 3; i++) {
		v->num[i] = "0";
		v->numlen[i] = 1;
	}
	for (int i = 0; i < 3; i++) {
		k = semver_digits(s);
		if (!k || (strict && k > 1 && *s == '0'))
			return -1;
		v->num[i] = s;
		v->numlen[i] = k;
		parts++;
		s += k;
		if (*s != '.' || i == 2)
			break;
		s++;
	}
	if (strict && parts < 3)
		return -1;
	if (*s == '-') {
		k = semver_idents(s + 1);
		if (k < 0)
			return -1;
		v->pre = s + 1;
		v->prelen = k;
		s += 1 + k;
	}
	if (*s == '+') {
		k = semver_idents(s + 1);
		if (k < 0)
			return -1;
		s += 1 + k;
	}
	return *s ? -1 : 0;
}

static int
semver_cmp(const struct semver *a, const struct semver *b)
{
	int r;

	for (int i = 0; i < 3; i++) {
		r = digits_cmp(a->num[i], a->numlen[i], b->num[i],
			       b->numlen[i]);
		if (r)
			return r;
	}
	if (!a->pre || !b->pre)
		return a->pre ? -1 : b->pre ? 1 : 0;
	return idents_cmp(a->pre, a->prelen, b->pre, b->prelen, ".", 0);
}

bool
semver_version_valid(const char *v)
{
	struct semver s;

	return semver_parse(v, &s, false) == 0;
}

int
semver_version_cmp(const char *a, const char *b)
{
	struct semver x, y;

	if (semver_parse(a, &x, false) || semver_parse(b, &y, false))
		return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
	return semver_cmp(&x, &y);
}

/*
 * Rewrite a Go toolchain version ("go1.21rc2") as semver in out.
 * Returns 0, or -1 when it is not one.
 */
static int
go_toolchain(const char *v, char *out, size_t size)
{
	const char *p = v + 2, *pre = NULL;
	int maj, min, pat = 0, prelen = 0, premark = 0;
	const char *minp, *patp = "0";
	int n;

	maj = semver_digits(p);
	if (!maj || p[maj] != '.')
		return -1;
	minp = p + maj + 1;
	min = semver_digits(minp);
	if (!min)
		return -1;
	p = minp + min;
	if (*p == '.') {
		patp = p + 1;
		pat = semver_digits(patp);
		if (!pat)
			return -1;
		p = patp + pat;
	} else {
		pat = 1;
	}
	if (*p) {
		premark = str_starts_with(p, "rc")     ? 2
			  : str_starts_with(p, "beta") ? 4
						       : 0;
		if (!premark || !semver_digits(p + premark) ||
		    p[premark + semver_digits(p + premark)])
			return -1;
		pre = p;
		prelen = (int)strlen(p + premark);
	}
	if (pre)
		n = snprintf(out, size, "%.*s.%.*s.%.*s-%.*s.%.*s", maj, v + 2,
			     min, minp, pat, patp, premark, pre, prelen,
			     pre + premark);
	else
		n = snprintf(out, size, "%.*s.%.*s.%.*s", maj, v + 2, min, minp,
			     pat, patp);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* Canonical Go version (semver without "v") in out, or -1. */
static int
go_normalise(const char *v, char *out, size_t size)
{
	struct semver s;

	if (strlen(v) >= size)
		return -1;
	if (str_starts_with(v, "go"))
		return go_toolchain(v, out, size);
	if (*v == 'v')
		v++;
	/* Go's shorthand v1 and v1.2 are allowed, but not with a suffix,
	 * and numbers never have leading zeros. */
	if (semver_parse(v, &s, true)) {
		if (strchr(v, '-') || strchr(v, '+') ||
		    semver_parse(v, &s, false))
			return -1;
		for (int i = 0; i < 3; i++)
			if (s.numlen[i] > 1 && s.num[i][0] == '0')
				return -1;
	}
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

bool
go_version_valid(const char *v)
{
	char buf[VERSION_MAX_LEN + 32];

	return go_normalise(v, buf, sizeof(buf)) == 0;
}

int
go_version_cmp(const char *a, const char *b)
{
	char x[VERSION_MAX_LEN + 32], y[VERSION_MAX_LEN + 32];

	if (go_normalise(a, x, sizeof(x)) || go_normalise(b, y, sizeof(y)))
		return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
	return semver_version_cmp(x, y);
}
