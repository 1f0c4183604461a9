/*
 * Import dispatch: files, directories and archives to the importer that
 * reads their format.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/file.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "vuln/vulndb-internal.h"

static bool
looks_like_debian_list(const char *data, size_t len)
{
	/* "[29 Mar 2023] DSA-..." */
	return len > 4 && data[0] == '[' && data[1] >= '0' && data[1] <= '9' &&
	       data[2] >= '0' && data[2] <= '9' && data[3] == ' ';
}

static bool
looks_like_archive(const char *name, const char *data, size_t len)
{
	if (len >= 4 && !memcmp(data, "PK\3\4", 4))
		return true;
	if (len >= 2 && (unsigned char)data[0] == 0x1f &&
	    (unsigned char)data[1] == 0x8b)
		return true;
	return str_iends_with(name, ".zip") || str_iends_with(name, ".tar") ||
	       str_iends_with(name, ".tar.gz") || str_iends_with(name, ".tgz");
}

/* Name endings of files a directory walk or an archive imports. */
static bool
importable_name(const char *name)
{
	static const char *const ends[] = { ".json", ".yaml",	".yml", ".zip",
					    ".list", ".tar.gz", ".tgz" };
	const char *base = path_basename(name);

	for (size_t i = 0; i < ARRAY_SIZE(ends); i++)
		if (str_iends_with(name, ends[i]))
			return true;
	/* The tracker keeps its lists as data/DSA/list and data/DLA/list. */
	return !strcmp(base, "list");
}

static int import_archive(struct vulndb *db, const char *name, const char *data,
			  size_t len, struct vulndb_stats *st, struct err *e);

static int
import_json(struct vulndb *db, const char *name, const char *data, size_t len,
	    struct vulndb_stats *st, struct err *e)
{
	json_error_t je;
	json_t *doc = json_loadb(data, len, 0, &je);
	int rc;

	if (!doc)
		return err_set(e, ERR_INPUT,
			       "'%s': invalid JSON at line %d: %s", name,
			       je.line, je.text);
	rc = import_json_doc(db, name, doc, st, e);
	json_decref(doc);
	return rc;
}

void
vulndb_skip(struct vulndb_stats *st, enum vulndb_skip kind, const char *fmt,
	    ...)
{
	va_list ap;

	st->skipped[kind]++;
	if (st->first_skip[0])
		return;
	va_start(ap, fmt);
	vsnprintf(st->first_skip, sizeof(st->first_skip), fmt, ap);
	va_end(ap);
}

size_t
vulndb_stats_skipped(const struct vulndb_stats *st)
{
	size_t n = 0;

	for (int i = 0; i < VULNDB_SKIP_KINDS; i++)
		n += st->skipped[i];
	return n;
}

void
vulndb_stats_add(struct vulndb_stats *to, const struct vulndb_stats *from)
{
	to->files += from->files;
	to->advisories += from->advisories;
	to->affected += from->affected;
	for (int i = 0; i < VULNDB_SKIP_KINDS; i++)
		to->skipped[i] += from->skipped[i];
	if (!to->first_skip[0])
		memcpy(to->first_skip, from->first_skip,
		       sizeof(to->first_skip));
}

int
vulndb_import_data(struct vulndb *db, const char *name, const char *data,
		   size_t len, struct vulndb_stats *st, struct err *e)
{
	size_t i = 0;

	if (looks_like_archive(name, data, len))
		return import_archive(db, name, data, len, st, e);
	st->files++;
	if (looks_like_debian_list(data, len))
		return import_debian_list(db, name, data, len, st, e);
	while (i < len && strchr(" \t\r\n", data[i]))
		i++;
	if (str_iends_with(name, ".json") ||
	    (i < len && (data[i] == '{' || data[i] == '[')))
		return import_json(db, name, data, len, st, e);
	if (str_iends_with(name, ".yaml") || str_iends_with(name, ".yml"))
		return import_yaml(db, name, data, len, st, e);
	if (!len) {
		vulndb_skip(st, VULNDB_SKIP_FILE, "'%s' is empty", name);
		return 0;
	}
	return err_set(e, ERR_INPUT, "'%s': not a known advisory format", name);
}

static int
archive_member(struct vulndb *db, struct archive *ar, const char *aname,
	       const char *mname, size_t size, unsigned long long *total,
	       struct vulndb_stats *st, struct err *e)
{
	struct buf b = BUF_INIT;
	char *label = xasprintf("%s: %s", aname, mname);
	int rc = 0;
	ssize_t got;

	if (size > VULNDB_MAX_MEMBER) {
		rc = err_set(e, ERR_INPUT, "'%s': member larger than %u bytes",
			     label, VULNDB_MAX_MEMBER);
		goto out;
	}
	buf_grow(&b, size + 1);
	for (;;) {
		char chunk[65536];

		got = archive_read_data(ar, chunk, sizeof(chunk));
		if (got < 0) {
			rc = err_set(e, ERR_INPUT, "'%s': %s", label,
				     archive_error_string(ar));
			goto out;
		}
		if (!got)
			break;
		if (b.len + (size_t)got > VULNDB_MAX_MEMBER) {
			rc = err_set(e, ERR_INPUT,
				     "'%s': member larger than %u bytes", label,
				     VULNDB_MAX_MEMBER);
			goto out;
		}
		*total += (unsigned long long)got;
		if (*total > VULNDB_MAX_ARCHIVE_BYTES) {
			rc = err_set(e, ERR_INPUT,
				     "'%s': more than %llu bytes uncompressed",
				     aname, VULNDB_MAX_ARCHIVE_BYTES);
			goto out;
		}
		buf_add(&b, chunk, (size_t)got);
	}
	/* An archive inside an archive could nest without end. */
	if (looks_like_archive(mname, b.data, b.len)) {
		rc = err_set(e, ERR_INPUT,
			     "'%s': archives inside archives are not read",
			     label);
		goto out;
	}
	rc = vulndb_import_data(db, label, b.data, b.len, st, e);
out:
	buf_release(&b);
	free(label);
	return rc;
}

static int
import_archive(struct vulndb *db, const char *name, const char *data,
	       size_t len, struct vulndb_stats *st, struct err *e)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *ent;
	unsigned long long total = 0;
	size_t members = 0;
	int rc = 0, r;

	archive_read_support_filter_all(ar);
	archive_read_support_format_zip(ar);
	archive_read_support_format_tar(ar);
	if (archive_read_open_memory(ar, data, len) != ARCHIVE_OK) {
		rc = err_set(e, ERR_INPUT, "'%s': not a readable archive: %s",
			     name, archive_error_string(ar));
		goto out;
	}
	while ((r = archive_read_next_header(ar, &ent)) == ARCHIVE_OK) {
		const char *mname = archive_entry_pathname(ent);

		if (++members > VULNDB_MAX_MEMBERS) {
			rc = err_set(e, ERR_INPUT, "'%s': more than %u members",
				     name, VULNDB_MAX_MEMBERS);
			goto out;
		}
		if (archive_entry_filetype(ent) != AE_IFREG || !mname ||
		    !importable_name(mname))
			continue;
		rc = archive_member(db, ar, name, mname,
				    archive_entry_size(ent) > 0
					? (size_t)archive_entry_size(ent)
					: 0,
				    &total, st, e);
		if (rc)
			goto out;
	}
	if (r != ARCHIVE_EOF)
		rc = err_set(e, ERR_INPUT, "'%s': damaged archive: %s", name,
			     archive_error_string(ar));
	else if (!members)
		rc = err_set(e, ERR_INPUT, "'%s': empty or unreadable archive",
			     name);
out:
	archive_read_free(ar);
	return rc;
}

static int import_walk(struct vulndb *db, const char *path, int depth,
		       struct vulndb_stats *st, struct err *e);

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
import_dir(struct vulndb *db, const char *path, int depth,
	   struct vulndb_stats *st, struct err *e)
{
	struct strvec names = STRVEC_INIT;
	DIR *dir = opendir(path);
	struct dirent *d;
	int rc = 0;

	if (!dir)
		return err_errno(e, ERR_INPUT, errno, "cannot read '%s'", path);
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			strvec_push(&names, d->d_name);
	closedir(dir);
	/* A stable order, so that later files win the same way each time. */
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_names);
	for (size_t i = 0; i < names.n && !rc; i++) {
		char *child = path_join(path, names.v[i]);

		if (path_is_dir(child))
			rc = import_walk(db, child, depth + 1, st, e);
		else if (importable_name(child))
			rc = vulndb_import_path(db, child, st, e);
		else
			vulndb_skip(st, VULNDB_SKIP_FILE,
				    "'%s' is not an advisory file", child);
		free(child);
	}
	strvec_release(&names);
	return rc;
}

static int
import_walk(struct vulndb *db, const char *path, int depth,
	    struct vulndb_stats *st, struct err *e)
{
	if (depth > VULNDB_MAX_DEPTH)
		return err_set(e, ERR_INPUT,
			       "'%s': directories nested deeper "
			       "than %d",
			       path, VULNDB_MAX_DEPTH);
	return import_dir(db, path, depth, st, e);
}

int
vulndb_import_path(struct vulndb *db, const char *path, struct vulndb_stats *st,
		   struct err *e)
{
	struct buf b = BUF_INIT;
	int rc;

	if (path_is_dir(path))
		return import_walk(db, path, 0, st, e);
	if (file_read(path, VULNDB_MAX_FILE, &b, e))
		return -1;
	rc = vulndb_import_data(db, path, b.data, b.len, st, e);
	buf_release(&b);
	return rc;
}
