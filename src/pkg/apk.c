/*
 * apk: Alpine's installed database, lib/apk/db/installed.
 *
 * Records are separated by blank lines; each line is "X:value" with a
 * one-letter key (apk-tools doc/apk-package(5)): P name, V version,
 * A arch, L licence, o origin (the source package), m maintainer,
 * C checksum ("Q1" + base64 of a SHA-1), D dependencies, p provides,
 * F a directory and R a file in the last F.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"

#define APK_PATH "lib/apk/db/installed"
/* A busy system's database is a few MiB; 256 MiB is not a database. */
#define APK_MAX_SIZE (256u * 1024 * 1024)
/* Packages in one database: Alpine's whole repository is ~20k. */
#define APK_MAX_PACKAGES 200000

/* One record while it is read: the dependencies resolve afterwards. */
struct apk_rec {
	struct pkg *p;
	struct strvec deps; /* D: words */
	struct strvec provides;
};

static bool
apk_wants(const char *path, unsigned mode, unsigned long long size)
{
	return !strcmp(path, APK_PATH);
}

static int
b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* "Q1<base64 sha1>" -> "sha1:<hex>"; NULL when it is not that. */
static const char *
apk_digest(struct pkg_list *l, const char *v, size_t n)
{
	unsigned char raw[32];
	size_t got = 0;
	unsigned acc = 0;
	int bits = 0;
	struct buf b = BUF_INIT;
	const char *out;

	if (n < 3 || v[0] != 'Q' || v[1] != '1')
		return NULL;
	for (size_t i = 2; i < n && v[i] != '='; i++) {
		int d = b64_value((unsigned char)v[i]);

		if (d < 0 || got >= sizeof(raw))
			return NULL;
		acc = (acc << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			raw[got++] = (unsigned char)(acc >> bits);
		}
	}
	if (got != 20)
		return NULL;
	buf_addstr(&b, "sha1:");
	for (size_t i = 0; i < got; i++)
		buf_addf(&b, "%02x", raw[i]);
	out = pkg_strdup(l, b.data);
	buf_release(&b);
	return out;
}

static void
split_words(struct strvec *sv, const char *v)
{
	while (*v && sv->n < PKG_MAX_DEPS) {
		size_t n;

		v += strspn(v, " \t");
		n = strcspn(v, " \t");
		if (!n)
			break;
		strvec_push_nodup(sv, xstrndup(v, n));
		v += n;
	}
}

/* The package name of a dependency or provide: "so:x=1" -> "so:x". */
static char *
dep_name(const char *w)
{
	return xstrndup(w, strcspn(w, "=<>~"));
}

static void
apk_field(struct pkg_list *l, struct apk_rec *r, char key, const char *v,
	  size_t n, const char **dir)
{
	struct pkg *p = r->p;
	char *s = xstrndup(v, n);

	switch (key) {
	case 'P':
		p->name = pkg_strdup(l, s);
		break;
	case 'V':
		p->version = pkg_strdup(l, s);
		break;
	case 'A':
		p->arch = pkg_strdup(l, s);
		break;
	case 'L':
		pkg_add_license_expr(l, p, s, true);
		break;
	case 'o':
		p->src_name = pkg_strdup(l, s);
		break;
	case 'm':
		p->maintainer = pkg_strdup(l, s);
		break;
	case 'C':
		p->digest = apk_digest(l, v, n);
		break;
	case 'D':
		split_words(&r->deps, s);
		break;
	case 'p':
		split_words(&r->provides, s);
		break;
	case 'F':
		*dir = pkg_strdup(l, s);
		break;
	case 'R': {
		char *f =
		    *dir && **dir ? xasprintf("%s/%s", *dir, s) : xstrdup(s);
		pkg_strs_push(l, &p->files, f);
		free(f);
		break;
	}
	default:
		break;
	}
	free(s);
}

/* Map every name and provide to the package id that satisfies it. */
static void
apk_resolve(struct pkg_list *l, struct apk_rec *recs, size_t n)
{
	struct strmap by = STRMAP_INIT;

	for (size_t i = 0; i < n; i++) {
		struct pkg *p = recs[i].p;

		p->id = arena_printf(&l->arena, "%s@%s", p->name, p->version);
		strmap_put(&by, p->name, (void *)p->id);
		for (size_t j = 0; j < recs[i].provides.n; j++) {
			char *name = dep_name(recs[i].provides.v[j]);

			if (!strmap_has(&by, name))
				strmap_put(&by, name, (void *)p->id);
			free(name);
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct pkg *p = recs[i].p;

		for (size_t j = 0; j < recs[i].deps.n; j++) {
			const char *d = recs[i].deps.v[j];
			char *name;
			const char *id;

			if (*d == '!')
				continue;
			name = dep_name(d);
			id = strmap_get(&by, name);
			if (id && strcmp(id, p->id))
				pkg_add_dep(l, p, id);
			free(name);
		}
		pkg_strs_sort(&p->depends_on);
	}
	strmap_release(&by, NULL);
}

/* Close the current record: keep it when it names a package.  Returns
 * whether a record was dropped for want of a name or version. */
static bool
apk_close(struct pkg_list *l, struct apk_rec *cur, struct apk_rec **recs,
	  size_t *n, size_t *cap)
{
	struct pkg *p = cur->p;
	bool dropped = false;

	if (!p)
		return false;
	if (p->name && p->version && *p->name && *p->version) {
		if (!p->src_name)
			p->src_name = p->name;
		p->src_version = p->version;
		ALLOC_GROW(*recs, *n + 1, *cap);
		(*recs)[(*n)++] = *cur;
	} else {
		/* Drop it again: it was the list's last entry. */
		l->n--;
		strvec_release(&cur->deps);
		strvec_release(&cur->provides);
		dropped = true;
	}
	memset(cur, 0, sizeof(*cur));
	return dropped;
}

/* Does [p, end) hold anything but white space? */
static bool
has_text(const char *p, const char *end)
{
	for (; p < end; p++)
		if (!strchr(" \t\r\n", *p) || !*p)
			return true;
	return false;
}

/*
 * How much of the database was usable.  A file with text but not one
 * package is not a database hull can read: an error, so that the scan
 * does not pass an image whose packages it never saw.  Records without
 * a name or version, and lines that are not "X:value", are skipped with
 * a warning: the rest of the database still counts.
 */
static int
apk_verdict(const struct pkg_file *f, size_t kept, size_t dropped,
	    size_t bad_lines, struct err *e)
{
	if (!kept && has_text(f->data, f->data + f->len))
		return err_set(e, ERR_INPUT,
			       "'%s': no package record (\"P:name\" and "
			       "\"V:version\") in %zu bytes",
			       f->path, f->len);
	if (dropped)
		pkg_file_warn(f,
			      "%zu records without a name or version "
			      "were skipped",
			      dropped);
	if (bad_lines)
		pkg_file_warn(f,
			      "%zu lines that are not \"X:value\" were "
			      "skipped",
			      bad_lines);
	return 0;
}

static int
apk_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	const char *p = f->data, *end = f->data + f->len, *line, *dir = NULL;
	struct apk_rec cur = { 0 }, *recs = NULL;
	size_t n, nrecs = 0, cap = 0, dropped = 0, bad_lines = 0;
	int rc = 0;

	while (text_next_line(&p, end, &line, &n)) {
		if (n == 0) {
			dropped += apk_close(l, &cur, &recs, &nrecs, &cap);
			dir = NULL;
			continue;
		}
		if (n < 2 || line[1] != ':') {
			bad_lines++;
			continue;
		}
		if (!cur.p) {
			if (nrecs >= APK_MAX_PACKAGES) {
				rc = err_set(e, ERR_INPUT,
					     "'%s': more than %d "
					     "packages",
					     f->path, APK_MAX_PACKAGES);
				break;
			}
			cur.p = pkg_list_add(l, PKG_APK);
		}
		apk_field(l, &cur, line[0], line + 2, n - 2, &dir);
	}
	dropped += apk_close(l, &cur, &recs, &nrecs, &cap);
	if (!rc)
		rc = apk_verdict(f, nrecs, dropped, bad_lines, e);
	apk_resolve(l, recs, nrecs);
	for (size_t i = 0; i < nrecs; i++) {
		strvec_release(&recs[i].deps);
		strvec_release(&recs[i].provides);
	}
	free(recs);
	return rc;
}

const struct cataloger cataloger_apk = {
	.name = "apk",
	.wants = apk_wants,
	.parse = apk_parse,
	.max_size = APK_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
	.database = true,
};
