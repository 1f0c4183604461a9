/*
 * RPM version order: [epoch:]version[-release], each part compared with
 * rpmvercmp().
 *
 * rpmvercmp walks both strings in alphanumeric segments, skipping other
 * separators.  '~' sorts before everything, even the end of the string
 * ("1.0~rc1" < "1.0"); '^' sorts after the end but before any further
 * segment ("1.0^git1" > "1.0" and < "1.0.1").  Digit segments compare as
 * numbers and beat letter segments.
 */
#include <ctype.h>
#include <string.h>

#include "vuln/version-internal.h"
#include "vuln/version.h"

static bool
rpm_sep(int c)
{
	return c && !isalnum(c) && c != '~' && c != '^';
}

static int
rpm_segment_cmp(const char **pa, const char *ae, const char **pb,
		const char *be)
{
	const char *a = *pa, *b = *pb, *sa = a, *sb = b;
	bool num = isdigit((unsigned char)*a);
	int r;

	if (num) {
		while (sa < ae && isdigit((unsigned char)*sa))
			sa++;
		while (sb < be && isdigit((unsigned char)*sb))
			sb++;
	} else {
		while (sa < ae && isalpha((unsigned char)*sa))
			sa++;
		while (sb < be && isalpha((unsigned char)*sb))
			sb++;
	}
	/* Segments of different kinds: a number is newer. */
	if (sb == b)
		return num ? 1 : -1;
	if (num) {
		r = digits_cmp(a, (int)(sa - a), b, (int)(sb - b));
	} else {
		size_t la = (size_t)(sa - a), lb = (size_t)(sb - b);

		r = memcmp(a, b, la < lb ? la : lb);
		if (!r && la != lb)
			r = la < lb ? -1 : 1;
	}
	*pa = sa;
	*pb = sb;
	return r < 0 ? -1 : r > 0;
}

/* rpmvercmp over [a, ae) and [b, be). */
static int
rpm_vercmp(const char *a, const char *ae, const char *b, const char *be)
{
	int r;

	if (ae - a == be - b && !memcmp(a, b, (size_t)(ae - a)))
		return 0;
	while (a < ae || b < be) {
		while (a < ae && rpm_sep((unsigned char)*a))
			a++;
		while (b < be && rpm_sep((unsigned char)*b))
			b++;
		if ((a < ae && *a == '~') || (b < be && *b == '~')) {
			if (a >= ae || *a != '~')
				return 1;
			if (b >= be || *b != '~')
				return -1;
			a++, b++;
			continue;
		}
		if ((a < ae && *a == '^') || (b < be && *b == '^')) {
			if (a >= ae)
				return -1;
			if (b >= be)
				return 1;
			if (*a != '^')
				return 1;
			if (*b != '^')
				return -1;
			a++, b++;
			continue;
		}
		if (a >= ae || b >= be)
			break;
		r = rpm_segment_cmp(&a, ae, &b, be);
		if (r)
			return r;
	}
	if (a >= ae && b >= be)
		return 0;
	return a < ae ? 1 : -1;
}

struct rpm_evr {
	const char *e, *ee, *v, *ve, *r, *re;
};

static void
rpm_split(const char *s, struct rpm_evr *o)
{
	const char *colon = strchr(s, ':');
	const char *dash;

	o->e = o->ee = s;
	if (colon) {
		o->ee = colon;
		s = colon + 1;
	}
	o->v = s;
	dash = strrchr(s, '-');
	o->ve = dash ? dash : s + strlen(s);
	o->r = o->re = o->ve;
	if (dash) {
		o->r = dash + 1;
		o->re = dash + 1 + strlen(dash + 1);
	}
}

bool
rpm_version_valid(const char *v)
{
	const char *colon;

	if (!*v || strlen(v) > VERSION_MAX_LEN)
		return false;
	for (const char *p = v; *p; p++)
		if (!isgraph((unsigned char)*p))
			return false;
	colon = strchr(v, ':');
	if (colon) {
		if (colon == v || strchr(colon + 1, ':'))
			return false;
		for (const char *p = v; p < colon; p++)
			if (!isdigit((unsigned char)*p))
				return false;
	}
	return true;
}

int
rpm_version_cmp(const char *a, const char *b)
{
	struct rpm_evr x, y;
	int r;

	rpm_split(a, &x);
	rpm_split(b, &y);
	/* A missing epoch is 0. */
	r = digits_cmp(x.e, (int)(x.ee - x.e), y.e, (int)(y.ee - y.e));
	if (r)
		return r;
	r = rpm_vercmp(x.v, x.ve, y.v, y.ve);
	if (r)
		return r;
	/* A release present on one side only does not decide. */
	if (x.r == x.re || y.r == y.re)
		return 0;
	return rpm_vercmp(x.r, x.re, y.r, y.re);
}
