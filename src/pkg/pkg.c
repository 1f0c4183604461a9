/*
 * The package list, package-urls and licence names.
 */
#include "pkg/pkg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/xalloc.h"

void
pkg_list_init(struct pkg_list *l)
{
	memset(l, 0, sizeof(*l));
}

void
pkg_list_release(struct pkg_list *l)
{
	arena_release(&l->arena);
	strmap_release(&l->names, NULL);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct pkg *
pkg_list_add(struct pkg_list *l, enum pkg_type type)
{
	struct pkg *p = arena_alloc(&l->arena, sizeof(*p));

	p->type = type;
	p->layer_index = -1;
	ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n++] = p;
	return p;
}

const char *
pkg_strdup(struct pkg_list *l, const char *s)
{
	return s ? arena_strdup(&l->arena, s) : NULL;
}

const char *
pkg_strndup(struct pkg_list *l, const char *s, size_t n)
{
	return arena_strndup(&l->arena, s, n);
}

void
pkg_strs_push(struct pkg_list *l, struct pkg_strs *a, const char *s)
{
	const char **v;

	/* Arena arrays cannot grow in place: copy on each power of two. */
	if (!a->v || (a->n & (a->n + 1)) == 0) {
		size_t cap = (a->n + 1) * 2;

		v = arena_alloc(&l->arena, cap * sizeof(*v));
		if (a->n)
			memcpy(v, a->v, a->n * sizeof(*v));
		a->v = v;
	}
	a->v[a->n++] = arena_strdup(&l->arena, s);
	a->v[a->n] = NULL;
}

bool
pkg_strs_has(const struct pkg_strs *a, const char *s)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->v[i], s))
			return true;
	return false;
}

void
pkg_add_dep(struct pkg_list *l, struct pkg *p, const char *id)
{
	if (p->depends_on.n < PKG_MAX_DEPS && !pkg_strs_has(&p->depends_on, id))
		pkg_strs_push(l, &p->depends_on, id);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
pkg_strs_sort(struct pkg_strs *a)
{
	if (a->n > 1)
		qsort(a->v, a->n, sizeof(*a->v), cmp_str);
}

struct pkg *
pkg_list_by_name(struct pkg_list *l, const char *name)
{
	for (; l->names_n < l->n; l->names_n++) {
		struct pkg *p = l->v[l->names_n], *head;

		if (!p->name)
			continue;
		head = strmap_get(&l->names, p->name);
		if (!head) {
			strmap_put(&l->names, p->name, p);
			continue;
		}
		/* After the head, newest first: no walk down the chain. */
		p->same_name = head->same_name;
		head->same_name = p;
	}
	return strmap_get(&l->names, name);
}

static const char *const type_names[PKG_TYPE_COUNT] = {
	[PKG_APK] = "apk",
	[PKG_DEB] = "deb",
	[PKG_RPM] = "rpm",
	[PKG_NPM] = "npm",
	[PKG_PYPI] = "pypi",
	[PKG_GOLANG] = "golang",
	[PKG_GOSTDLIB] = "go-stdlib",
	[PKG_MAVEN] = "maven",
	[PKG_BOTTLEROCKET] = "bottlerocket",
};

const char *
pkg_type_name(enum pkg_type t)
{
	return (unsigned)t < PKG_TYPE_COUNT ? type_names[t] : "unknown";
}

/* purl's unreserved set; `extra` adds characters a component may keep. */
static void
purl_encode(struct buf *b, const char *s, const char *extra)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr(".-_~", *p) ||
		    (extra && strchr(extra, *p)))
			buf_addch(b, *p);
		else
			buf_addf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
}

/* Each '/'-separated segment encoded on its own. */
static void
purl_encode_path(struct buf *b, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "/");
		char *seg = xstrndup(s, n);

		purl_encode(b, seg, NULL);
		free(seg);
		s += n;
		if (*s == '/') {
			s++;
			if (*s)
				buf_addch(b, '/');
		}
	}
}

static void
purl_head(struct buf *b, const char *type, const char *ns, const char *name,
	  const char *version)
{
	buf_addf(b, "pkg:%s/", type);
	if (ns && *ns) {
		purl_encode_path(b, ns);
		buf_addch(b, '/');
	}
	purl_encode(b, name, NULL);
	if (version && *version) {
		buf_addch(b, '@');
		purl_encode(b, version, ":");
	}
}

static void
purl_qualifier(struct buf *b, bool *first, const char *key, const char *val)
{
	if (!val || !*val)
		return;
	buf_addch(b, *first ? '?' : '&');
	*first = false;
	buf_addf(b, "%s=", key);
	purl_encode(b, val, NULL);
}

/* Qualifiers go in key order: arch, distro, epoch. */
static void
purl_os(struct buf *b, const struct pkg_list *l, const struct pkg *p,
	const char *version, const char *epoch)
{
	const char *family = l->has_os ? l->os.family : NULL;
	char *distro = NULL;
	bool first = true;

	if (family && l->os.version)
		distro = xasprintf("%s-%s", family, l->os.version);
	purl_head(b, pkg_type_name(p->type), family, p->name, version);
	purl_qualifier(b, &first, "arch", p->arch);
	purl_qualifier(b, &first, "distro", distro);
	purl_qualifier(b, &first, "epoch", epoch);
	free(distro);
}

static void
purl_rpm(struct buf *b, const struct pkg_list *l, const struct pkg *p)
{
	const char *v = p->version ? p->version : "";
	const char *colon = strchr(v, ':');
	char *epoch = NULL;

	if (colon) {
		epoch = xstrndup(v, (size_t)(colon - v));
		v = colon + 1;
	}
	purl_os(b, l, p, v, epoch && strcmp(epoch, "0") ? epoch : NULL);
	free(epoch);
}

/* PEP 503: lowercase, runs of "-_." become "-". */
static char *
pypi_normalize(const char *name)
{
	char *out = xmalloc(strlen(name) + 1);
	size_t n = 0;

	for (const char *s = name; *s; s++) {
		if (strchr("-_.", *s)) {
			if (n && out[n - 1] == '-')
				continue;
			out[n++] = '-';
		} else {
			out[n++] = (char)tolower((unsigned char)*s);
		}
	}
	out[n] = '\0';
	return out;
}

static void
purl_golang(struct buf *b, const struct pkg *p)
{
	const char *slash = strrchr(p->name, '/');
	char *ns = slash ? xstrndup(p->name, (size_t)(slash - p->name)) : NULL;

	purl_head(b, "golang", ns, slash ? slash + 1 : p->name, p->version);
	free(ns);
}

static void
purl_npm(struct buf *b, const struct pkg *p)
{
	const char *slash = p->name[0] == '@' ? strchr(p->name, '/') : NULL;
	char *ns = slash ? xstrndup(p->name, (size_t)(slash - p->name)) : NULL;

	purl_head(b, "npm", ns, slash ? slash + 1 : p->name, p->version);
	free(ns);
}

const char *
pkg_purl(struct pkg_list *l, const struct pkg *p)
{
	struct buf b = BUF_INIT;
	const char *out;
	char *norm;

	switch (p->type) {
	case PKG_APK:
	case PKG_DEB:
		purl_os(&b, l, p, p->version, NULL);
		break;
	case PKG_RPM:
		purl_rpm(&b, l, p);
		break;
	case PKG_NPM:
		purl_npm(&b, p);
		break;
	case PKG_PYPI:
		norm = pypi_normalize(p->name);
		purl_head(&b, "pypi", NULL, norm, p->version);
		free(norm);
		break;
	case PKG_GOLANG:
		purl_golang(&b, p);
		break;
	case PKG_GOSTDLIB:
		purl_head(&b, "golang", NULL, "stdlib", p->version);
		break;
	case PKG_MAVEN:
		purl_head(&b, "maven", p->group, p->name, p->version);
		break;
	case PKG_BOTTLEROCKET:
		purl_head(&b, "bottlerocket", NULL, p->name, p->version);
		break;
	default:
		purl_head(&b, "generic", NULL, p->name, p->version);
		break;
	}
	out = arena_strdup(&l->arena, b.data);
	buf_release(&b);
	return out;
}

void
pkg_list_finalize(struct pkg_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct pkg *p = l->v[i];
		const char *v = p->version ? p->version : "";

		if (p->type == PKG_MAVEN && p->group)
			p->id = arena_printf(&l->arena, "%s:%s@%s", p->group,
					     p->name, v);
		else if (!p->id)
			p->id = arena_printf(&l->arena, "%s@%s", p->name, v);
		p->purl = pkg_purl(l, p);
	}
}

/*
 * How package managers spell licences, and the SPDX identifier each
 * stands for.  Names are compared case-insensitively.  The GPL family
 * follows the reading of Alpine and Debian: a bare "GPL" means any
 * version ("or later"), "GPL2" means version 2 only.
 */
static const struct {
	const char *from;
	const char *to;
} license_map[] = {
	{ "AGPL3", "AGPL-3.0-only" },
	{ "AGPL-3", "AGPL-3.0-only" },
	{ "AGPL3+", "AGPL-3.0-or-later" },
	{ "APACHE", "Apache-2.0" },
	{ "APACHE2", "Apache-2.0" },
	{ "APACHE-2", "Apache-2.0" },
	{ "Apache 2.0", "Apache-2.0" },
	{ "Apache License 2.0", "Apache-2.0" },
	{ "Apache License, Version 2.0", "Apache-2.0" },
	{ "Apache Software License", "Apache-2.0" },
	{ "ARTISTIC", "Artistic-2.0" },
	{ "BSD", "BSD-3-Clause" },
	{ "BSD-2", "BSD-2-Clause" },
	{ "BSD-3", "BSD-3-Clause" },
	{ "BSD License", "BSD-3-Clause" },
	{ "BSL", "BSL-1.0" },
	{ "CC0", "CC0-1.0" },
	{ "EPL", "EPL-1.0" },
	{ "GFDL", "GFDL-1.3-or-later" },
	{ "GPL", "GPL-2.0-or-later" },
	{ "GPL+", "GPL-2.0-or-later" },
	{ "GPL1", "GPL-1.0-only" },
	{ "GPL1+", "GPL-1.0-or-later" },
	{ "GPL-1", "GPL-1.0-only" },
	{ "GPL-1+", "GPL-1.0-or-later" },
	{ "GPL2", "GPL-2.0-only" },
	{ "GPL2+", "GPL-2.0-or-later" },
	{ "GPL-2", "GPL-2.0-only" },
	{ "GPL-2+", "GPL-2.0-or-later" },
	{ "GPL-2.0", "GPL-2.0-only" },
	{ "GPL-2.0+", "GPL-2.0-or-later" },
	{ "GPLv2", "GPL-2.0-only" },
	{ "GPLv2+", "GPL-2.0-or-later" },
	{ "GPL3", "GPL-3.0-only" },
	{ "GPL3+", "GPL-3.0-or-later" },
	{ "GPL-3", "GPL-3.0-only" },
	{ "GPL-3+", "GPL-3.0-or-later" },
	{ "GPL-3.0", "GPL-3.0-only" },
	{ "GPL-3.0+", "GPL-3.0-or-later" },
	{ "GPLv3", "GPL-3.0-only" },
	{ "GPLv3+", "GPL-3.0-or-later" },
	{ "ISC", "ISC" },
	{ "LGPL", "LGPL-2.0-or-later" },
	{ "LGPL2", "LGPL-2.0-only" },
	{ "LGPL2+", "LGPL-2.0-or-later" },
	{ "LGPL-2", "LGPL-2.0-only" },
	{ "LGPL-2+", "LGPL-2.0-or-later" },
	{ "LGPL2.1", "LGPL-2.1-only" },
	{ "LGPL2.1+", "LGPL-2.1-or-later" },
	{ "LGPL-2.1", "LGPL-2.1-only" },
	{ "LGPL-2.1+", "LGPL-2.1-or-later" },
	{ "LGPL3", "LGPL-3.0-only" },
	{ "LGPL3+", "LGPL-3.0-or-later" },
	{ "LGPL-3", "LGPL-3.0-only" },
	{ "LGPL-3+", "LGPL-3.0-or-later" },
	{ "MIT", "MIT" },
	{ "MIT License", "MIT" },
	{ "MPL", "MPL-2.0" },
	{ "MPL2", "MPL-2.0" },
	{ "MPL-2", "MPL-2.0" },
	{ "OPENSSL", "OpenSSL" },
	{ "PUBLIC DOMAIN", "Public-Domain" },
	{ "PUBLIC-DOMAIN", "Public-Domain" },
	{ "PSF", "PSF-2.0" },
	{ "PYTHON", "Python-2.0" },
	{ "ZLIB", "Zlib" },
};

const char *
license_normalize(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(license_map); i++)
		if (str_ieq(license_map[i].from, name))
			return license_map[i].to;
	return name;
}

/*
 * The SPDX licence list identifiers hull recognises: the ones package
 * metadata uses in practice.  A name outside it is written as a name
 * (CycloneDX) or a LicenseRef (SPDX), never as a wrong id.
 * NEEDSWORK: the full SPDX list has ~600 ids; carry it as data.
 */
static const char *const spdx_ids[] = {
	"0BSD",
	"AFL-2.1",
	"AFL-3.0",
	"AGPL-3.0-only",
	"AGPL-3.0-or-later",
	"Apache-1.1",
	"Apache-2.0",
	"APSL-2.0",
	"Artistic-1.0",
	"Artistic-1.0-Perl",
	"Artistic-2.0",
	"Beerware",
	"BlueOak-1.0.0",
	"BSD-1-Clause",
	"BSD-2-Clause",
	"BSD-2-Clause-Patent",
	"BSD-3-Clause",
	"BSD-3-Clause-Clear",
	"BSD-4-Clause",
	"BSL-1.0",
	"bzip2-1.0.6",
	"CC-BY-3.0",
	"CC-BY-4.0",
	"CC-BY-SA-3.0",
	"CC-BY-SA-4.0",
	"CC0-1.0",
	"CDDL-1.0",
	"CDDL-1.1",
	"CPL-1.0",
	"curl",
	"ECL-2.0",
	"EPL-1.0",
	"EPL-2.0",
	"EUPL-1.1",
	"EUPL-1.2",
	"FTL",
	"GFDL-1.2-only",
	"GFDL-1.2-or-later",
	"GFDL-1.3-only",
	"GFDL-1.3-or-later",
	"GPL-1.0-only",
	"GPL-1.0-or-later",
	"GPL-2.0-only",
	"GPL-2.0-or-later",
	"GPL-3.0-only",
	"GPL-3.0-or-later",
	"HPND",
	"ICU",
	"IJG",
	"ISC",
	"LGPL-2.0-only",
	"LGPL-2.0-or-later",
	"LGPL-2.1-only",
	"LGPL-2.1-or-later",
	"LGPL-3.0-only",
	"LGPL-3.0-or-later",
	"Libpng",
	"libtiff",
	"MIT",
	"MIT-0",
	"MPL-1.0",
	"MPL-1.1",
	"MPL-2.0",
	"MPL-2.0-no-copyleft-exception",
	"MS-PL",
	"MS-RL",
	"NCSA",
	"OFL-1.1",
	"OpenSSL",
	"PHP-3.01",
	"PostgreSQL",
	"PSF-2.0",
	"Python-2.0",
	"Ruby",
	"Sleepycat",
	"TCL",
	"Unicode-DFS-2016",
	"Unlicense",
	"UPL-1.0",
	"Vim",
	"W3C",
	"WTFPL",
	"X11",
	"Zlib",
	"ZPL-2.1",
};

bool
license_is_spdx_id(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(spdx_ids); i++)
		if (!strcmp(spdx_ids[i], name))
			return true;
	return false;
}

static bool
license_is_operator(const char *w)
{
	return !strcmp(w, "AND") || !strcmp(w, "OR") || !strcmp(w, "and") ||
	       !strcmp(w, "or") || !strcmp(w, "WITH");
}

void
pkg_add_license_expr(struct pkg_list *l, struct pkg *p, const char *expr,
		     bool spaces)
{
	const char *seps = spaces ? " \t()," : "(),";
	const char *s = expr;

	while (*s) {
		size_t n;
		char *word;
		const char *norm;

		s += strspn(s, seps);
		n = strcspn(s, seps);
		if (!n)
			break;
		word = str_trim_dup(s, n);
		s += n;
		if (!*word || license_is_operator(word)) {
			free(word);
			continue;
		}
		norm = license_normalize(word);
		if (p->licenses.n < PKG_MAX_LICENSES &&
		    !pkg_strs_has(&p->licenses, norm))
			pkg_strs_push(l, &p->licenses, norm);
		free(word);
	}
}
