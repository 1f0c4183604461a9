/*
 * Python: the metadata of installed distributions.
 *
 * Wheels install NAME-VER.dist-info/METADATA; setuptools installs
 * NAME.egg-info/PKG-INFO, or a single NAME.egg-info file, or a zipped
 * NAME.egg whose EGG-INFO/PKG-INFO is read here (metadata only).  All
 * are email-style headers (core metadata spec): "Key: value" lines with
 * indented continuations, ending at the first blank line.
 *
 * The licence is, in order of preference: License-Expression; the
 * "License :: ... :: NAME" classifiers; the License field; a
 * License-File, reported as "file://PATH".
 */
#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"
#include "pkg/parsers.h"

/* Metadata files carry the long description: a few hundred KiB. */
#define PY_METADATA_MAX_SIZE (16u * 1024 * 1024)
/* A zipped egg worth opening for its metadata. */
#define PY_EGG_MAX_SIZE (256u * 1024 * 1024)
/* Entries looked at inside an egg before giving up on finding PKG-INFO. */
#define PY_EGG_MAX_ENTRIES 100000

static bool
python_wants(const char *path, unsigned mode, unsigned long long size)
{
	if (str_ends_with(path, ".dist-info/METADATA") ||
	    str_ends_with(path, ".egg-info/PKG-INFO") ||
	    str_ends_with(path, ".egg-info"))
		return true;
	return str_ends_with(path, ".egg") && size <= PY_EGG_MAX_SIZE;
}

/* One header field's value, continuation lines joined; NULL if absent.
 * With `all`, every occurrence is appended to *all instead. */
static char *
header_get(const char *data, size_t len, const char *key, struct strvec *all)
{
	const char *p = data, *end = data + len, *line;
	size_t n, klen = strlen(key);
	struct buf v = BUF_INIT;
	bool in = false, found = false;

	while (text_next_line(&p, end, &line, &n)) {
		if (n == 0)
			break;
		if (*line == ' ' || *line == '\t') {
			if (in) {
				buf_addch(&v, ' ');
				buf_add(&v, line, n);
			}
			continue;
		}
		if (in && all) {
			char *t = str_trim_dup(v.data, v.len);

			strvec_push_nodup(all, t);
			buf_reset(&v);
		}
		in = n > klen && line[klen] == ':' &&
		     !strncasecmp(line, key, klen);
		if (in && !all && found)
			break;
		if (in) {
			found = true;
			buf_add(&v, line + klen + 1, n - klen - 1);
		}
	}
	if (in && all)
		strvec_push_nodup(all, str_trim_dup(v.data, v.len));
	if (all || !found) {
		buf_release(&v);
		return NULL;
	}
	{
		char *t = str_trim_dup(v.data, v.len);

		buf_release(&v);
		return t;
	}
}

static void
python_licenses(struct pkg_list *l, struct pkg *p, const char *d, size_t n)
{
	char *v = header_get(d, n, "License-Expression", NULL);
	struct strvec cls = STRVEC_INIT;

	if (v && *v) {
		pkg_strs_push(l, &p->licenses, v);
		goto out;
	}
	header_get(d, n, "Classifier", &cls);
	for (size_t i = 0; i < cls.n; i++) {
		const char *c = cls.v[i], *last;

		/* "License :: OSI Approved" alone names no licence. */
		if (!str_starts_with(c, "License :: ") ||
		    !strstr(c + 11, " :: "))
			continue;
		last = c;
		while (strstr(last, " :: "))
			last = strstr(last, " :: ") + 4;
		if (*last && !pkg_strs_has(&p->licenses, last))
			pkg_strs_push(l, &p->licenses, last);
	}
	if (p->licenses.n)
		goto out;
	free(v);
	v = header_get(d, n, "License", NULL);
	if (v && *v) {
		pkg_strs_push(l, &p->licenses, v);
		goto out;
	}
	free(v);
	v = header_get(d, n, "License-File", NULL);
	if (v && *v) {
		char *f = xasprintf("file://%s", v);

		pkg_strs_push(l, &p->licenses, f);
		free(f);
	}
out:
	free(v);
	strvec_release(&cls);
}

int
python_parse_metadata(struct pkg_list *l, const char *path, const char *d,
		      size_t n, struct err *e)
{
	char *name = header_get(d, n, "Name", NULL);
	char *ver = header_get(d, n, "Version", NULL);
	struct pkg *p;
	int rc = 0;

	if (!name || !*name || !ver || !*ver) {
		rc = err_set(e, ERR_INPUT,
			     "'%s': python metadata without a "
			     "name and version",
			     path);
		goto out;
	}
	p = pkg_list_add(l, PKG_PYPI);
	p->name = pkg_strdup(l, name);
	p->version = pkg_strdup(l, ver);
	python_licenses(l, p, d, n);
out:
	free(name);
	free(ver);
	return rc;
}

/* EGG-INFO/PKG-INFO out of a zipped egg held in memory. */
static int
egg_metadata(const struct pkg_file *f, struct buf *out, struct err *e)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ent;
	int rc = -1, r;
	size_t seen = 0;

	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, f->data, f->len) != ARCHIVE_OK) {
		err_set(e, ERR_INPUT, "'%s': not a zip archive: %s", f->path,
			archive_error_string(a) ? archive_error_string(a)
						: "unknown error");
		goto out;
	}
	while ((r = archive_read_next_header(a, &ent)) == ARCHIVE_OK &&
	       ++seen < PY_EGG_MAX_ENTRIES) {
		const char *name = archive_entry_pathname(ent);
		char chunk[8192];
		la_ssize_t got;

		if (!name || strcmp(name, "EGG-INFO/PKG-INFO"))
			continue;
		while ((got = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
			buf_add(out, chunk, (size_t)got);
			if (out->len > PY_METADATA_MAX_SIZE)
				break;
		}
		if (got < 0 || out->len > PY_METADATA_MAX_SIZE) {
			err_set(e, ERR_INPUT, "'%s': cannot read PKG-INFO",
				f->path);
			goto out;
		}
		rc = 0;
		goto out;
	}
	err_set(e, ERR_INPUT, "'%s': no EGG-INFO/PKG-INFO", f->path);
out:
	archive_read_free(a);
	return rc;
}

static int
python_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	struct buf meta = BUF_INIT;
	int rc;

	if (!str_ends_with(f->path, ".egg"))
		return f->len > PY_METADATA_MAX_SIZE
			   ? err_set(e, ERR_INPUT, "'%s': too large", f->path)
			   : python_parse_metadata(l, f->path, f->data, f->len,
						   e);
	rc = egg_metadata(f, &meta, e);
	if (rc == 0)
		rc = python_parse_metadata(l, f->path, meta.data, meta.len, e);
	buf_release(&meta);
	return rc;
}

const struct cataloger cataloger_python = {
	.name = "python",
	.wants = python_wants,
	.parse = python_parse,
	.max_size = PY_EGG_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
};
