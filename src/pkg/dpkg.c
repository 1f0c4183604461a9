/*
 * dpkg: Debian's status database.
 *
 * var/lib/dpkg/status is a list of deb822 paragraphs separated by blank
 * lines; a field continues on lines that start with a space
 * (deb-control(5), deb-status(5)).  Only packages whose Status ends in
 * "installed" count.  Distroless images have no status file but one
 * paragraph file per package under var/lib/dpkg/status.d/, without a
 * Status field.
 *
 * The decorating half reads the files that describe packages already
 * found: info/<name>.md5sums (installed files), usr/share/doc/<name>/
 * copyright (licences) and var/lib/dpkg/available (digests).
 */
#include <ctype.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"
#include "pkg/dpkg.h"

#define STATUS_PATH "var/lib/dpkg/status"
#define STATUS_D "var/lib/dpkg/status.d/"
#define INFO_D "var/lib/dpkg/info/"
#define DOC_D "usr/share/doc/"
#define AVAILABLE_PATH "var/lib/dpkg/available"
/* A full desktop's status file is ~10 MiB. */
#define DPKG_MAX_SIZE (256u * 1024 * 1024)
/* Packages in one file: all of Debian is ~65k binary packages. */
#define DPKG_MAX_PACKAGES 500000
/* A copyright file worth reading; some are a few MiB of notices. */
#define COPYRIGHT_MAX_SIZE (16u * 1024 * 1024)

/* The fields of one paragraph that matter here, pointing into data. */
struct para {
	const char *f[8];
	size_t n[8];
};

enum {
	F_PACKAGE,
	F_STATUS,
	F_VERSION,
	F_SOURCE,
	F_ARCH,
	F_DEPENDS,
	F_MAINTAINER,
	F_SHA256,
};

static const char *const field_names[] = {
	"Package",	"Status",  "Version",	 "Source",
	"Architecture", "Depends", "Maintainer", "SHA256",
};

static bool
dpkg_wants(const char *path, unsigned mode, unsigned long long size)
{
	if (!strcmp(path, STATUS_PATH))
		return true;
	return str_starts_with(path, STATUS_D) &&
	       !strchr(path + strlen(STATUS_D), '/') &&
	       !str_ends_with(path, ".md5sums");
}

/*
 * The next paragraph of [*p, end) into para; false at the end.  Values
 * keep their continuation lines (only Depends may use them here).
 */
static bool
para_next(const char **p, const char *end, struct para *pa)
{
	const char *line;
	size_t n;
	int last = -1;
	bool any = false;

	memset(pa, 0, sizeof(*pa));
	while (text_next_line(p, end, &line, &n)) {
		const char *colon;

		if (n == 0) {
			if (any)
				return true;
			continue;
		}
		any = true;
		if (*line == ' ' || *line == '\t') {
			if (last >= 0)
				pa->n[last] = (size_t)(line + n - pa->f[last]);
			continue;
		}
		last = -1;
		colon = memchr(line, ':', n);
		if (!colon)
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(field_names); i++) {
			size_t kn = strlen(field_names[i]);
			const char *v = colon + 1;

			if ((size_t)(colon - line) != kn ||
			    strncasecmp(line, field_names[i], kn))
				continue;
			while (v < line + n && (*v == ' ' || *v == '\t'))
				v++;
			pa->f[i] = v;
			pa->n[i] = (size_t)(line + n - v);
			last = (int)i;
		}
	}
	return any;
}

static char *
field_dup(const struct para *pa, int i)
{
	return pa->f[i] ? str_trim_dup(pa->f[i], pa->n[i]) : NULL;
}

/* Status is "want flag status"; only the last word says installed. */
static bool
status_installed(const char *s)
{
	const char *last = strrchr(s, ' ');

	return !strcmp(last ? last + 1 : s, "installed");
}

/* "Source: name (version)" -> name and version. */
static void
source_split(struct pkg_list *l, struct pkg *p, const char *src)
{
	const char *open = strchr(src, '(');

	if (!open) {
		p->src_name = pkg_strdup(l, src);
		p->src_version = p->version;
		return;
	}
	p->src_name = pkg_strndup(l, src, (size_t)(open - src));
	((char *)p->src_name)[strcspn(p->src_name, " \t")] = '\0';
	open++;
	p->src_version = pkg_strndup(l, open, strcspn(open, ")"));
}

static struct pkg *
para_to_pkg(struct pkg_list *l, const struct para *pa, bool need_status,
	    struct strvec *deps)
{
	char *name = field_dup(pa, F_PACKAGE), *ver = field_dup(pa, F_VERSION);
	char *st = field_dup(pa, F_STATUS), *src = field_dup(pa, F_SOURCE);
	char *arch = field_dup(pa, F_ARCH), *mnt = field_dup(pa, F_MAINTAINER);
	struct pkg *p = NULL;

	if (!name || !*name || !ver || !*ver)
		goto out;
	if ((need_status || st) && (!st || !status_installed(st)))
		goto out;
	p = pkg_list_add(l, PKG_DEB);
	p->name = pkg_strdup(l, name);
	p->version = pkg_strdup(l, ver);
	p->arch = pkg_strdup(l, arch);
	p->maintainer = pkg_strdup(l, mnt);
	source_split(l, p, src && *src ? src : name);
	if (!*p->src_name)
		p->src_name = p->name;
	strvec_push_nodup(deps, pa->f[F_DEPENDS] ? xstrndup(pa->f[F_DEPENDS],
							    pa->n[F_DEPENDS])
						 : xstrdup(""));
out:
	free(name);
	free(ver);
	free(st);
	free(src);
	free(arch);
	free(mnt);
	return p;
}

/*
 * Depends: "a (>= 1), b | c, d:any".  Each relation resolves to the
 * first alternative that is installed, by name.
 */
static struct pkg *
deb_by_name(struct pkg_list *l, const char *name)
{
	struct pkg *q = pkg_list_by_name(l, name);

	while (q && q->type != PKG_DEB)
		q = q->same_name;
	return q;
}

static void
depends_resolve(struct pkg_list *l, struct pkg *p, const char *deps)
{
	const char *s = deps;
	size_t relations = 0;

	while (*s && relations++ < PKG_MAX_DEPS) {
		size_t n = strcspn(s, ",");
		char *rel = xstrndup(s, n);
		char *alt = rel;

		s += n + (s[n] == ',');
		while (alt && *alt) {
			char *bar = strchr(alt, '|');
			size_t an;
			char *name;
			struct pkg *hit = NULL;

			alt += strspn(alt, " \t\n");
			an = strcspn(alt, " \t\n(:|[<");
			name = xstrndup(alt, an);
			if (*name)
				hit = deb_by_name(l, name);
			free(name);
			if (hit) {
				const char *id =
				    arena_printf(&l->arena, "%s@%s", hit->name,
						 hit->version);
				if (hit != p)
					pkg_add_dep(l, p, id);
				break;
			}
			alt = bar ? bar + 1 : NULL;
		}
		free(rel);
	}
	pkg_strs_sort(&p->depends_on);
}

/* What a status file held, to judge whether it was a database. */
struct dpkg_tally {
	size_t named;	/* paragraphs with a Package field */
	size_t unnamed; /* paragraphs without one */
	size_t no_version;
};

static void
tally_add(struct dpkg_tally *t, const struct para *pa)
{
	if (!pa->f[F_PACKAGE] || !pa->n[F_PACKAGE])
		t->unnamed++;
	else if (!pa->f[F_VERSION] || !pa->n[F_VERSION])
		t->no_version++;
	else
		t->named++;
}

static int
status_read(struct pkg_list *l, const char *path, const char *data, size_t len,
	    bool need_status, struct dpkg_tally *t, struct err *e)
{
	const char *p = data, *end = data + len;
	struct strvec deps = STRVEC_INIT;
	struct para pa;
	size_t first = l->n, count = 0;
	int rc = 0;

	while (para_next(&p, end, &pa)) {
		if (++count > DPKG_MAX_PACKAGES) {
			rc =
			    err_set(e, ERR_INPUT, "'%s': more than %d packages",
				    path, DPKG_MAX_PACKAGES);
			break;
		}
		tally_add(t, &pa);
		para_to_pkg(l, &pa, need_status, &deps);
	}
	for (size_t i = first; i < l->n; i++)
		depends_resolve(l, l->v[i], deps.v[i - first]);
	strvec_release(&deps);
	return rc;
}

int
dpkg_parse_status(struct pkg_list *l, const char *path, const char *data,
		  size_t len, bool need_status, struct err *e)
{
	struct dpkg_tally t = { 0 };

	return status_read(l, path, data, len, need_status, &t, e);
}

/*
 * A file with paragraphs but not one that names a package with its
 * version is not a status database: an error.  (A status file whose
 * packages are all removed still names them, so it passes.)  Nameless
 * or versionless paragraphs beside good ones are skipped with a
 * warning.
 */
static int
dpkg_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	bool status_d = str_starts_with(f->path, STATUS_D);
	struct dpkg_tally t = { 0 };

	if (status_read(l, f->path, f->data, f->len, !status_d, &t, e) < 0)
		return -1;
	if (!t.named && (t.unnamed || t.no_version))
		return err_set(e, ERR_INPUT,
			       "'%s': no package paragraph (\"Package:\" and "
			       "\"Version:\") in %zu bytes",
			       f->path, f->len);
	if (t.unnamed)
		pkg_file_warn(f,
			      "%zu paragraphs without a Package field "
			      "were skipped",
			      t.unnamed);
	if (t.no_version)
		pkg_file_warn(f,
			      "%zu packages without a Version were "
			      "skipped",
			      t.no_version);
	return 0;
}

const struct cataloger cataloger_dpkg = {
	.name = "dpkg",
	.wants = dpkg_wants,
	.parse = dpkg_parse,
	.max_size = DPKG_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
	.database = true,
};

/* The decorating half. */

static bool
is_copyright(const char *path)
{
	const char *rest;

	if (!str_starts_with(path, DOC_D))
		return false;
	rest = path + strlen(DOC_D);
	return strchr(rest, '/') && !strcmp(strchr(rest, '/'), "/copyright");
}

static bool
dpkg_extra_wants(const char *path, unsigned mode, unsigned long long size)
{
	if (str_starts_with(path, INFO_D))
		return str_ends_with(path, ".md5sums") &&
		       !strchr(path + strlen(INFO_D), '/');
	if (str_starts_with(path, STATUS_D))
		return str_ends_with(path, ".md5sums");
	return is_copyright(path) || !strcmp(path, AVAILABLE_PATH);
}

/* The package a per-package file is about: "info/libc6:amd64.md5sums"
 * -> "libc6", "doc/adduser/copyright" -> "adduser". */
static char *
owner_name(const char *path)
{
	const char *base = strrchr(path, '/') + 1;
	const char *start;

	if (is_copyright(path)) {
		start = path + strlen(DOC_D);
		return xstrndup(start, strcspn(start, "/"));
	}
	return xstrndup(base, strcspn(base, ":."));
}

static void
add_md5sums(struct pkg_list *l, struct pkg *p, const char *data, size_t len)
{
	const char *s = data, *end = data + len, *line;
	size_t n;

	while (text_next_line(&s, end, &line, &n)) {
		const char *sp = memchr(line, ' ', n);
		char *file;

		if (!sp)
			continue;
		while (sp < line + n && *sp == ' ')
			sp++;
		if (sp == line + n)
			continue;
		file = xstrndup(sp, (size_t)(line + n - sp));
		if (*file == '/')
			pkg_strs_push(l, &p->files, file + 1);
		else
			pkg_strs_push(l, &p->files, file);
		free(file);
	}
}

/* Split one licence list of a copyright file and normalise each name. */
static void
copyright_add(struct strvec *out, const char *v, size_t n)
{
	char *s = xstrndup(v, n);
	char *p = s;

	while (*p) {
		size_t k = 0;
		char *word;
		const char *norm;

		/* Separators: ",", " or ", " and ". */
		while (p[k] && p[k] != ',' && strncasecmp(p + k, " or ", 4) &&
		       strncasecmp(p + k, " and ", 5))
			k++;
		word = str_trim_dup(p, k);
		if (*word) {
			norm = license_normalize(word);
			if (!strvec_contains(out, norm))
				strvec_push(out, norm);
		}
		free(word);
		p += k;
		if (*p == ',')
			p++;
		else if (*p)
			p += !strncasecmp(p, " or ", 4) ? 4 : 5;
	}
	free(s);
}

/* "/usr/share/common-licenses/GPL-2" -> "GPL-2". */
static void
common_license_add(struct strvec *out, const char *line, size_t n)
{
	static const char key[] = "/usr/share/common-licenses/";
	char *s = xstrndup(line, n), *hit = strstr(s, key);

	if (hit) {
		char *name = hit + strlen(key);
		size_t k = 0;
		const char *norm;

		while (isalnum((unsigned char)name[k]) || name[k] == '-' ||
		       name[k] == '.' || name[k] == '+')
			k++;
		while (k && name[k - 1] == '.')
			k--;
		name[k] = '\0';
		if (k) {
			norm = license_normalize(name);
			if (!strvec_contains(out, norm))
				strvec_push(out, norm);
		}
	}
	free(s);
}

void
dpkg_copyright_licenses(const char *data, size_t len, struct strvec *out)
{
	const char *p = data, *end = data + len, *line;
	size_t n;

	while (text_next_line(&p, end, &line, &n)) {
		if (n > 8 && !strncmp(line, "License:", 8))
			copyright_add(out, line + 8, n - 8);
		else
			common_license_add(out, line, n);
	}
}

static void
add_available(struct pkg_list *l, const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	struct para pa;

	while (para_next(&p, end, &pa)) {
		char *name = field_dup(&pa, F_PACKAGE);
		char *ver = field_dup(&pa, F_VERSION);
		char *sum = field_dup(&pa, F_SHA256);

		for (struct pkg *q = name && ver && sum && *sum
					 ? pkg_list_by_name(l, name)
					 : NULL;
		     q; q = q->same_name) {
			if (q->type == PKG_DEB && !strcmp(q->version, ver))
				q->digest =
				    arena_printf(&l->arena, "sha256:%s", sum);
		}
		free(name);
		free(ver);
		free(sum);
	}
}

static int
dpkg_extra_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	struct strvec lic = STRVEC_INIT;
	char *name;

	if (!strcmp(f->path, AVAILABLE_PATH)) {
		add_available(l, f->data, f->len);
		return 0;
	}
	name = owner_name(f->path);
	if (is_copyright(f->path))
		dpkg_copyright_licenses(f->data, f->len, &lic);
	for (struct pkg *p = pkg_list_by_name(l, name); p; p = p->same_name) {
		if (p->type != PKG_DEB)
			continue;
		if (!is_copyright(f->path)) {
			if (!p->files.n)
				add_md5sums(l, p, f->data, f->len);
			continue;
		}
		for (size_t j = 0; j < lic.n; j++)
			if (!pkg_strs_has(&p->licenses, lic.v[j]))
				pkg_strs_push(l, &p->licenses, lic.v[j]);
	}
	strvec_release(&lic);
	free(name);
	return 0;
}

const struct cataloger cataloger_dpkg_extra = {
	.name = "dpkg-files",
	.wants = dpkg_extra_wants,
	.parse = dpkg_extra_parse,
	.max_size = COPYRIGHT_MAX_SIZE,
	.phase = CATALOGER_PHASE_DECORATE,
};
