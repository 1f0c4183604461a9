/*
 * Ecosystem and package-name normalisation, shared by the importers and
 * the matcher so that both sides of a lookup spell things the same way.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "vuln/vulndb.h"

/* Debian codenames and their release numbers. */
static const char *const debian_codenames[][2] = {
	{ "buzz", "1.1" },    { "rex", "1.2" },	    { "bo", "1.3" },
	{ "hamm", "2.0" },    { "slink", "2.1" },   { "potato", "2.2" },
	{ "woody", "3.0" },   { "sarge", "3.1" },   { "etch", "4" },
	{ "lenny", "5" },     { "squeeze", "6" },   { "wheezy", "7" },
	{ "jessie", "8" },    { "stretch", "9" },   { "buster", "10" },
	{ "bullseye", "11" }, { "bookworm", "12" }, { "trixie", "13" },
	{ "forky", "14" },    { "duke", "15" },
};

static void
copy_lower(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[n] = '\0';
}

/* Keep "MAJOR.MINOR" of an Alpine release, dropping a leading "v". */
static void
alpine_release(char *rel)
{
	char *p = rel;
	char *dot;

	if (*p == 'v')
		memmove(p, p + 1, strlen(p));
	dot = strchr(p, '.');
	if (dot && (dot = strchr(dot + 1, '.')))
		*dot = '\0';
}

static void
debian_release(char *rel)
{
	char *dot;

	for (size_t i = 0; i < ARRAY_SIZE(debian_codenames); i++)
		if (!strcmp(rel, debian_codenames[i][0])) {
			snprintf(rel, 8, "%s", debian_codenames[i][1]);
			return;
		}
	/* "12.4" is release 12; "3.1" (sarge) keeps its minor. */
	if (isdigit((unsigned char)*rel) && (dot = strchr(rel, '.')) &&
	    strtol(rel, NULL, 10) >= 4)
		*dot = '\0';
}

void
vulndb_split_ecosystem(const char *eco, char *base, size_t base_size,
		       char *release, size_t release_size)
{
	size_t n = strcspn(eco, ":");

	copy_lower(base, base_size, eco, n);
	release[0] = '\0';
	if (eco[n] == ':') {
		const char *r = eco + n + 1;

		/* Ubuntu's OSV names carry ":LTS" or ":Pro" after it. */
		copy_lower(release, release_size, r, strcspn(r, ":"));
	}
	if (!strcmp(base, "alpine"))
		alpine_release(release);
	else if (!strcmp(base, "debian") && release_size >= 8)
		debian_release(release);
}

char *
vulndb_normalise_name(const char *eco, const char *name)
{
	char *out = xstrdup(name);

	if (!strcasecmp(eco, "pypi")) {
		char *w = out;

		/* PEP 503: lowercase, each run of "-_." becomes one "-". */
		for (const char *r = name; *r; r++) {
			if (strchr("-_.", *r)) {
				if (w == out || w[-1] != '-')
					*w++ = '-';
				continue;
			}
			*w++ = (char)tolower((unsigned char)*r);
		}
		*w = '\0';
	} else if (!strcasecmp(eco, "npm")) {
		str_lower(out);
	} else if (!strcasecmp(eco, "crates.io")) {
		str_lower(out);
		for (char *p = out; *p; p++)
			if (*p == '_')
				*p = '-';
	}
	return out;
}
