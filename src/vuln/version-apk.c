/*
 * Alpine (apk-tools) version order.
 *
 * A version is digits separated by dots, an optional letter, any number
 * of suffixes "_alpha" "_beta" "_pre" "_rc" (before the release) or
 * "_cvs" "_svn" "_git" "_hg" "_p" (after it), each with an optional
 * number, and an optional "-rN" package revision.  The string is read as
 * a series of typed tokens; two versions are compared token by token, and
 * when one runs out first the token kind that follows decides (a
 * pre-release suffix sorts before the end, anything else after it).
 *
 * A digit run after a dot that starts with '0' counts its leading zeros
 * as a negative value, so "1.01" < "1.1" and "1.001" < "1.01", as
 * apk-tools does.  When no digit follows the zeros, apk-tools reads an
 * empty number (value 0) next, which keeps "1.0.1" < "1.06" but, where one
 * version ends right there, ranks "1.0_rc1" above "1.0".  hull looks past
 * that empty number before deciding by the kind of token that follows, so
 * a pre-release sorts before its release whatever its last number is
 * ("1.0_rc1" < "1.0", as "1.1_rc1" < "1.1").  Strings outside the grammar are
 * still ordered as apk-tools orders them: token by token up to the first token
 * that does not fit, where the invalid side ends the comparison.  That gives
 * the documented "1.0" < "1.0bc" (upstream's "invalid, do string sort" case)
 * and "23_foo" > "4_beta".
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "vuln/version-internal.h"
#include "vuln/version.h"

enum apk_tok {
	APK_INVALID = -1,
	APK_DIGIT_OR_ZERO,
	APK_DIGIT,
	APK_LETTER,
	APK_SUFFIX,
	APK_SUFFIX_NO,
	APK_REVISION_NO,
	APK_END,
};

/* Values past this are saturated; no real version component gets near. */
#define APK_VALUE_MAX 1000000000000000000LL

static const char *const apk_pre[] = { "alpha", "beta", "pre", "rc" };
static const char *const apk_post[] = { "cvs", "svn", "git", "hg", "p" };

/* Decide the kind of the token that starts at *p, consuming separators. */
static void
apk_next_token(int *type, const char **p)
{
	int n = APK_INVALID;
	const char *s = *p;

	if (!*s) {
		n = APK_END;
	} else if ((*type == APK_DIGIT || *type == APK_DIGIT_OR_ZERO) &&
		   islower((unsigned char)*s)) {
		n = APK_LETTER;
	} else if (*type == APK_LETTER && isdigit((unsigned char)*s)) {
		n = APK_DIGIT;
	} else if (*type == APK_SUFFIX && isdigit((unsigned char)*s)) {
		n = APK_SUFFIX_NO;
	} else {
		if (*s == '.')
			n = APK_DIGIT_OR_ZERO;
		else if (*s == '_')
			n = APK_SUFFIX;
		else if (*s == '-' && s[1] == 'r')
			n = APK_REVISION_NO, s++;
		s++;
	}
	/* Token kinds only move forward, with three allowed steps back. */
	if (n < *type && !((n == APK_DIGIT_OR_ZERO && *type == APK_DIGIT) ||
			   (n == APK_SUFFIX && *type == APK_SUFFIX_NO) ||
			   (n == APK_DIGIT && *type == APK_LETTER)))
		n = APK_INVALID;
	*type = n;
	*p = s;
}

static long long
apk_read_number(const char **p)
{
	long long v = 0;
	const char *s = *p;

	while (isdigit((unsigned char)*s)) {
		if (v < APK_VALUE_MAX / 10)
			v = v * 10 + (*s - '0');
		s++;
	}
	*p = s;
	return v;
}

static long long
apk_read_suffix(const char **p, int *type)
{
	for (size_t i = 0; i < sizeof(apk_pre) / sizeof(apk_pre[0]); i++)
		if (!strncmp(*p, apk_pre[i], strlen(apk_pre[i]))) {
			*p += strlen(apk_pre[i]);
			return (long long)i - 4;
		}
	for (size_t i = 0; i < sizeof(apk_post) / sizeof(apk_post[0]); i++)
		if (!strncmp(*p, apk_post[i], strlen(apk_post[i]))) {
			*p += strlen(apk_post[i]);
			return (long long)i;
		}
	*type = APK_INVALID;
	return -1;
}

/* Read the value of the token of kind *type at *p and find the next. */
static long long
apk_get_token(int *type, const char **p)
{
	long long v = 0;
	int nt = APK_INVALID;

	if (!**p) {
		*type = APK_END;
		return 0;
	}
	switch (*type) {
	case APK_DIGIT_OR_ZERO:
		if (**p == '0') {
			while (**p == '0')
				v--, (*p)++;
			nt = APK_DIGIT;
			break;
		}
		/* fall through */
	case APK_DIGIT:
	case APK_SUFFIX_NO:
	case APK_REVISION_NO:
		v = apk_read_number(p);
		break;
	case APK_LETTER:
		v = (unsigned char)**p;
		(*p)++;
		break;
	case APK_SUFFIX:
		v = apk_read_suffix(p, type);
		if (*type == APK_INVALID)
			return -1;
		break;
	default:
		*type = APK_INVALID;
		return -1;
	}
	if (!**p)
		*type = APK_END;
	else if (nt != APK_INVALID)
		*type = nt;
	else
		apk_next_token(type, p);
	return v;
}

bool
apk_version_valid(const char *v)
{
	int t = APK_DIGIT;

	if (!*v || strlen(v) > VERSION_MAX_LEN || !isdigit((unsigned char)*v))
		return false;
	while (t != APK_END && t != APK_INVALID)
		apk_get_token(&t, &v);
	return t == APK_END;
}

/* Step over the empty number that follows a run of leading zeros. */
static void
apk_skip_empty_number(int *type, const char **p)
{
	if (*type == APK_DIGIT && !isdigit((unsigned char)**p))
		apk_get_token(type, p);
}

static int
apk_tokens_cmp(const char *a, const char *b)
{
	int at = APK_DIGIT, bt = APK_DIGIT, tt;
	long long av = 0, bv = 0;

	while (at == bt && at != APK_END && at != APK_INVALID && av == bv) {
		av = apk_get_token(&at, &a);
		bv = apk_get_token(&bt, &b);
	}
	if (av != bv)
		return av < bv ? -1 : 1;
	if (at == bt)
		return 0;
	/* One ran out: a pre-release suffix sorts before the end. */
	apk_skip_empty_number(&at, &a);
	apk_skip_empty_number(&bt, &b);
	tt = at;
	if (at == APK_SUFFIX && apk_get_token(&tt, &a) < 0)
		return -1;
	tt = bt;
	if (bt == APK_SUFFIX && apk_get_token(&tt, &b) < 0)
		return 1;
	if (at != bt)
		return at > bt ? -1 : 1;
	return 0;
}

int
apk_version_cmp(const char *a, const char *b)
{
	return apk_tokens_cmp(a, b);
}
