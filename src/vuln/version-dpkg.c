/*
 * Debian (dpkg) version order: [epoch:]upstream[-revision].
 *
 * The epoch is a number; the revision is whatever follows the last
 * hyphen.  Upstream and revision are compared by alternating runs: a
 * non-digit run character by character, where '~' sorts before anything
 * (even the end), letters before other characters, then a digit run as a
 * number.  Like dpkg, an empty upstream version or an empty revision
 * ("0foo-") is invalid, and so are characters outside the Debian policy
 * set.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vuln/version-internal.h"
#include "vuln/version.h"

struct dpkg_ver {
	long long epoch;
	const char *up, *up_end;
	const char *rev, *rev_end; /* empty range when absent */
};

static int
dpkg_split(const char *v, struct dpkg_ver *out)
{
	const char *colon = strchr(v, ':');
	const char *dash;

	out->epoch = 0;
	if (colon) {
		if (colon == v)
			return -1;
		for (const char *p = v; p < colon; p++) {
			if (!isdigit((unsigned char)*p))
				return -1;
			if (out->epoch < 1000000000)
				out->epoch = out->epoch * 10 + (*p - '0');
		}
		v = colon + 1;
	}
	out->up = v;
	dash = strrchr(v, '-');
	if (dash) {
		out->up_end = dash;
		out->rev = dash + 1;
		out->rev_end = dash + 1 + strlen(dash + 1);
		if (out->rev == out->rev_end)
			return -1;
	} else {
		out->up_end = v + strlen(v);
		out->rev = out->rev_end = out->up_end;
	}
	if (out->up == out->up_end)
		return -1;
	return 0;
}

static bool
dpkg_chars_ok(const char *p, const char *end, const char *extra)
{
	for (; p < end; p++)
		if (!isalnum((unsigned char)*p) && !strchr(extra, *p))
			return false;
	return true;
}

bool
dpkg_version_valid(const char *v)
{
	struct dpkg_ver d;

	if (!*v || strlen(v) > VERSION_MAX_LEN || dpkg_split(v, &d))
		return false;
	/* Upstream may hold hyphens (before the last) and colons (after an
	 * epoch); the revision may not. */
	return dpkg_chars_ok(d.up, d.up_end, ".+~-:") &&
	       dpkg_chars_ok(d.rev, d.rev_end, ".+~");
}

/* The weight of one character in a non-digit run; 0 is the end. */
static int
dpkg_order(int c)
{
	if (isdigit(c))
		return 0;
	if (isalpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

static int
dpkg_part_cmp(const char *a, const char *ae, const char *b, const char *be)
{
	while (a < ae || b < be) {
		const char *da, *db;
		int r;

		while ((a < ae && !isdigit((unsigned char)*a)) ||
		       (b < be && !isdigit((unsigned char)*b))) {
			int ac = a < ae ? dpkg_order((unsigned char)*a) : 0;
			int bc = b < be ? dpkg_order((unsigned char)*b) : 0;

			if (ac != bc)
				return ac < bc ? -1 : 1;
			a += a < ae;
			b += b < be;
		}
		for (da = a; da < ae && isdigit((unsigned char)*da); da++)
			;
		for (db = b; db < be && isdigit((unsigned char)*db); db++)
			;
		r = digits_cmp(a, (int)(da - a), b, (int)(db - b));
		if (r)
			return r;
		a = da, b = db;
	}
	return 0;
}

int
dpkg_version_cmp(const char *a, const char *b)
{
	struct dpkg_ver va, vb;
	int r;

	if (dpkg_split(a, &va) || dpkg_split(b, &vb)) {
		r = strcmp(a, b);
		return r < 0 ? -1 : r > 0;
	}
	if (va.epoch != vb.epoch)
		return va.epoch < vb.epoch ? -1 : 1;
	r = dpkg_part_cmp(va.up, va.up_end, vb.up, vb.up_end);
	if (r)
		return r;
	return dpkg_part_cmp(va.rev, va.rev_end, vb.rev, vb.rev_end);
}
