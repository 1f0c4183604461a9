/*
 * The table of version schemes and the lookups by name and ecosystem.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "vuln/version-internal.h"
#include "vuln/version.h"

static const struct version_scheme scheme_apk = { "apk", apk_version_cmp,
						  apk_version_valid, true };
static const struct version_scheme scheme_dpkg = { "dpkg", dpkg_version_cmp,
						   dpkg_version_valid, false };
static const struct version_scheme scheme_rpm = { "rpm", rpm_version_cmp,
						  rpm_version_valid, false };
static const struct version_scheme scheme_semver = {
	"semver", semver_version_cmp, semver_version_valid, false
};
static const struct version_scheme scheme_pep440 = {
	"pep440", pep440_version_cmp, pep440_version_valid, false
};
static const struct version_scheme scheme_go = { "go", go_version_cmp,
						 go_version_valid, false };
static const struct version_scheme scheme_maven = { "maven", maven_version_cmp,
						    maven_version_valid,
						    false };

static const struct version_scheme scheme_gem = { "gem", gem_version_cmp,
						  gem_version_valid, false };

const struct version_scheme *const version_schemes[] = {
	&scheme_apk, &scheme_dpkg,  &scheme_rpm, &scheme_semver, &scheme_pep440,
	&scheme_go,  &scheme_maven, &scheme_gem, NULL,
};

struct scheme_alias {
	const char *name;
	const struct version_scheme *scheme;
};

/*
 * Ecosystem names (OSV spelling, lowercased) and other common names.  An
 * OSV ecosystem may carry a ":release" suffix, which is cut before lookup.
 */
static const struct scheme_alias aliases[] = {
	{ "alpine", &scheme_apk },
	{ "apk", &scheme_apk },
	{ "wolfi", &scheme_apk },
	{ "chainguard", &scheme_apk },
	{ "debian", &scheme_dpkg },
	{ "ubuntu", &scheme_dpkg },
	{ "deb", &scheme_dpkg },
	{ "dpkg", &scheme_dpkg },
	{ "rpm", &scheme_rpm },
	{ "red hat", &scheme_rpm },
	{ "redhat", &scheme_rpm },
	{ "rocky linux", &scheme_rpm },
	{ "almalinux", &scheme_rpm },
	{ "suse", &scheme_rpm },
	{ "opensuse", &scheme_rpm },
	{ "mariner", &scheme_rpm },
	{ "semver", &scheme_semver },
	{ "npm", &scheme_semver },
	{ "crates.io", &scheme_semver },
	{ "cargo", &scheme_semver },
	{ "nuget", &scheme_semver },
	{ "hex", &scheme_semver },
	{ "pub", &scheme_semver },
	{ "pep440", &scheme_pep440 },
	{ "pypi", &scheme_pep440 },
	{ "python", &scheme_pep440 },
	{ "go", &scheme_go },
	{ "golang", &scheme_go },
	{ "maven", &scheme_maven },
	{ "gem", &scheme_gem },
	{ "rubygems", &scheme_gem },
};

const struct version_scheme *
version_scheme_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++)
		if (!strcasecmp(name, aliases[i].name))
			return aliases[i].scheme;
	return NULL;
}

const struct version_scheme *
version_scheme_for_ecosystem(const char *eco)
{
	char base[64];
	size_t n = strcspn(eco, ":");

	if (n >= sizeof(base))
		return NULL;
	memcpy(base, eco, n);
	base[n] = '\0';
	/* "SUSE:Linux Enterprise ..." and "openSUSE:..." use rpm order. */
	if (str_istarts_with(base, "suse") ||
	    str_istarts_with(base, "opensuse"))
		return &scheme_rpm;
	return version_scheme_find(base);
}

int
version_compare(const struct version_scheme *s, const char *a, const char *b,
		int *cmp)
{
	int r;

	if (!s->lenient && (!s->valid(a) || !s->valid(b)))
		return -1;
	if (strlen(a) > VERSION_MAX_LEN || strlen(b) > VERSION_MAX_LEN)
		return -1;
	r = s->compare(a, b);
	*cmp = r < 0 ? -1 : r > 0;
	return 0;
}

int
digits_cmp(const char *a, int alen, const char *b, int blen)
{
	int r;

	while (alen > 0 && *a == '0')
		a++, alen--;
	while (blen > 0 && *b == '0')
		b++, blen--;
	if (alen != blen)
		return alen < blen ? -1 : 1;
	if (!alen)
		return 0;
	r = memcmp(a, b, (size_t)alen);
	return r < 0 ? -1 : r > 0;
}

/* The length of the identifier at p (at most n bytes), up to a separator. */
static int
ident_len(const char *p, int n, const char *seps)
{
	int k = 0;

	while (k < n && !(p[k] && strchr(seps, p[k])))
		k++;
	return k;
}

static bool
ident_numeric(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)p[i]))
			return false;
	return n > 0;
}

static int
ident_cmp(const char *a, int la, const char *b, int lb, unsigned flags)
{
	bool na = ident_numeric(a, la), nb = ident_numeric(b, lb);
	size_t common = (size_t)(la < lb ? la : lb);
	int r;

	if (na && nb)
		return digits_cmp(a, la, b, lb);
	if (na != nb)
		return na == !!(flags & VERSION_IDENTS_NUMBERS_LAST) ? 1 : -1;
	if (flags & VERSION_IDENTS_FOLD_CASE)
		r = strncasecmp(a, b, common);
	else
		r = memcmp(a, b, common);
	if (!r && la != lb)
		r = la < lb ? -1 : 1;
	return r;
}

int
idents_cmp(const char *a, int an, const char *b, int bn, const char *seps,
	   unsigned flags)
{
	while (an > 0 && bn > 0) {
		int la = ident_len(a, an, seps), lb = ident_len(b, bn, seps);
		int r = ident_cmp(a, la, b, lb, flags);

		if (r)
			return r < 0 ? -1 : 1;
		a += la + 1, an -= la + 1;
		b += lb + 1, bn -= lb + 1;
	}
	if (an > 0 || bn > 0)
		return an > 0 ? 1 : -1;
	return 0;
}
