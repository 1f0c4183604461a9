/*
 * hull secrets PATH...: scan files, directories, tarballs and stdin for
 * credentials.
 *
 * Directories are walked without following symbolic links, skipping the
 * insides of .git (a .git-credentials file beside it is still read).
 * Tarballs (.tar, .tar.gz, .tgz, .tar.zst, .tar.xz, .tar.bz2) are read
 * as streams: each regular entry is scanned as it is decompressed, never
 * written out, and reported as "archive.tar!path/in/archive".  Binary
 * files are skipped.  A path that cannot be read is an input error (exit
 * 3) and the scan goes on with the next.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "secret/secret.h"

/* Bytes read from a file or archive at a time. */
#define SECRETS_READ_CHUNK (1u << 20)
/* Directory depth followed: deeper trees are loops or attacks. */
#define SECRETS_MAX_DEPTH 64
/* Entries read from one archive: a tarball with more is a bomb. */
#define SECRETS_ARCHIVE_MAX_ENTRIES 200000
/* Decompressed bytes read from one archive, all entries together. */
#define SECRETS_ARCHIVE_MAX_BYTES (8ull * 1024 * 1024 * 1024)

struct secrets_run {
	struct cli *c;
	struct secret_scanner *s;
	char *chunk;
};

static void
input_error(struct secrets_run *r, const char *fmt, const char *what,
	    int errnum)
{
	struct err e = ERR_INIT;

	if (errnum)
		err_errno(&e, ERR_INPUT, errnum, fmt, what);
	else
		err_set(&e, ERR_INPUT, fmt, what);
	cli_input_error(r->c, &e);
}

/* Scan an open descriptor as one input named `name`. */
static int
scan_fd(struct secrets_run *r, int fd, const char *name)
{
	struct location loc = LOCATION_INIT;
	struct secret_stream st;
	unsigned long long total = 0;
	int rc = 0;

	loc.file = name;
	secret_stream_init(&st, r->s, &loc);
	while (!st.binary && !st.skipped) {
		ssize_t n = read(fd, r->chunk, SECRETS_READ_CHUNK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			input_error(r, "cannot read '%s'", name, errno);
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		if (total + (size_t)n > SECRET_MAX_FILE) {
			cli_warn("'%s': only the first %llu bytes scanned",
				 name, SECRET_MAX_FILE);
			n = (ssize_t)(SECRET_MAX_FILE - total);
		}
		total += (size_t)n;
		if (secret_scan_stream(&st, r->chunk, (size_t)n) < 0) {
			cli_input_error(r->c, &st.e);
			rc = -1;
			break;
		}
		if (total >= SECRET_MAX_FILE)
			break;
	}
	if (!rc)
		secret_stream_finish(&st, &r->c->report.findings);
	secret_stream_release(&st);
	return rc;
}

static void
scan_file(struct secrets_run *r, const char *path)
{
	struct err e = ERR_INIT;
	int fd;

	if (secret_path_is_binary(path) && !secret_path_is_sensitive(path))
		return;
	fd = file_open_regular(path, &e);
	if (fd < 0) {
		cli_input_error(r->c, &e);
		return;
	}
	scan_fd(r, fd, path);
	close(fd);
}

static bool
is_archive_name(const char *path)
{
	static const char *const exts[] = {
		".tar",	   ".tar.gz", ".tgz",	  ".tar.zst", ".tzst",
		".tar.xz", ".txz",    ".tar.bz2", ".tbz2",    NULL,
	};

	for (const char *const *e = exts; *e; e++)
		if (str_iends_with(path, *e))
			return true;
	return false;
}

/* "archive.tar!" + the entry name, cleaned and made printable. */
static char *
archive_entry_label(const char *archive, const char *name)
{
	struct buf b = BUF_INIT;

	while (*name == '/' || (name[0] == '.' && name[1] == '/'))
		name += *name == '/' ? 1 : 2;
	buf_addf(&b, "%s!", archive);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		buf_addch(&b, *p < 0x20 || *p == 0x7f ? '?' : *p);
	return buf_detach(&b, NULL);
}

/* Scan the current entry's data; returns the bytes read or -1. */
static long long
archive_scan_entry(struct secrets_run *r, struct archive *a, const char *label,
		   unsigned long long budget)
{
	struct location loc = LOCATION_INIT;
	struct secret_stream st;
	long long total = 0;

	loc.file = label;
	secret_stream_init(&st, r->s, &loc);
	while (!st.binary && !st.skipped) {
		la_ssize_t n =
		    archive_read_data(a, r->chunk, SECRETS_READ_CHUNK);

		if (n < 0) {
			secret_stream_release(&st);
			return -1;
		}
		if (n == 0)
			break;
		total += n;
		secret_scan_stream(&st, r->chunk, (size_t)n);
		if ((unsigned long long)total >= SECRET_MAX_FILE ||
		    (unsigned long long)total >= budget) {
			cli_warn("'%s': only the first %lld bytes scanned",
				 label, total);
			break;
		}
	}
	secret_stream_finish(&st, &r->c->report.findings);
	secret_stream_release(&st);
	return total;
}

static void
scan_archive(struct secrets_run *r, const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ent;
	unsigned long long bytes = 0;
	unsigned entries = 0;
	int rc;

	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		input_error(r, "cannot read archive '%s'", path, 0);
		goto out;
	}
	while ((rc = archive_read_next_header(a, &ent)) != ARCHIVE_EOF) {
		char *label;
		long long n;

		if (rc < ARCHIVE_WARN)
			goto bad;
		if (++entries > SECRETS_ARCHIVE_MAX_ENTRIES) {
			cli_warn("'%s': more than %d entries, rest skipped",
				 path, SECRETS_ARCHIVE_MAX_ENTRIES);
			break;
		}
		if (archive_entry_filetype(ent) != AE_IFREG ||
		    !archive_entry_pathname(ent))
			continue;
		label = archive_entry_label(path, archive_entry_pathname(ent));
		if (secret_path_is_binary(label) &&
		    !secret_path_is_sensitive(label)) {
			free(label);
			continue;
		}
		n = archive_scan_entry(r, a, label,
				       SECRETS_ARCHIVE_MAX_BYTES - bytes);
		free(label);
		if (n < 0)
			goto bad;
		bytes += (unsigned long long)n;
		if (bytes >= SECRETS_ARCHIVE_MAX_BYTES) {
			cli_warn("'%s': read %llu bytes, rest skipped", path,
				 bytes);
			break;
		}
	}
	goto out;
bad : {
	struct err e = ERR_INIT;

	err_set(&e, ERR_INPUT, "cannot read archive '%s': %s", path,
		archive_error_string(a) ? archive_error_string(a)
					: "corrupt archive");
	cli_input_error(r->c, &e);
}
out:
	archive_read_free(a);
}

static void scan_path(struct secrets_run *r, const char *path, int depth,
		      bool top);

static void
scan_dir(struct secrets_run *r, const char *path, int depth)
{
	DIR *d;
	struct dirent *de;
	struct strvec names = STRVEC_INIT;

	if (depth > SECRETS_MAX_DEPTH) {
		cli_warn("'%s': deeper than %d directories, skipped", path,
			 SECRETS_MAX_DEPTH);
		return;
	}
	d = opendir(path);
	if (!d) {
		input_error(r, "cannot open directory '%s'", path, errno);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, ".git"))
			strvec_push(&names, de->d_name);
	closedir(d);
	for (size_t i = 0; i < names.n; i++) {
		char *child = path_join(path, names.v[i]);

		scan_path(r, child, depth + 1, false);
		free(child);
	}
	strvec_release(&names);
}

static void
scan_path(struct secrets_run *r, const char *path, int depth, bool top)
{
	struct stat sb;
	int rc = top ? stat(path, &sb) : lstat(path, &sb);

	if (rc) {
		input_error(r, "cannot read '%s'", path, errno);
		return;
	}
	if (S_ISDIR(sb.st_mode))
		scan_dir(r, path, depth);
	else if (!S_ISREG(sb.st_mode) && top)
		scan_file(r, path); /* named by the user: refused, with why */
	else if (!S_ISREG(sb.st_mode))
		return; /* symlinks inside a tree, devices, fifos */
	else if (is_archive_name(path))
		scan_archive(r, path);
	else
		scan_file(r, path);
}

static int
scanner_build(struct cli *c, struct secret_scanner **out)
{
	struct secret_options o = SECRET_OPTIONS_INIT;
	struct err e = ERR_INIT;

	o.allow_paths = &c->policy.secret_allow_paths;
	o.allow_patterns = &c->policy.secret_allow_patterns;
	*out = secret_scanner_new(&o, &e);
	if (!*out) {
		cli_error("%s", e.msg);
		return cli_exit_for(&e);
	}
	return 0;
}

int
cmd_secrets(int argc, char **argv)
{
	struct secrets_run r = { 0 };
	struct cli c;
	int rc;

	cli_init(&c, "secrets");
	if (cli_parse(&c, argc, argv, NULL, NULL)) {
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if (!c.args.n) {
		cli_error("usage: hull secrets PATH... ('-' reads stdin)");
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if (cli_setup_policy(&c,
			     strcmp(c.args.v[0], "-") ? c.args.v[0] : ".")) {
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if ((rc = scanner_build(&c, &r.s)))
		goto out;
	r.c = &c;
	r.chunk = xmalloc(SECRETS_READ_CHUNK);
	for (size_t i = 0; i < c.args.n; i++) {
		strvec_push(&c.report.targets, c.args.v[i]);
		if (!strcmp(c.args.v[i], "-"))
			scan_fd(&r, STDIN_FILENO, "-");
		else
			scan_path(&r, c.args.v[i], 0, true);
	}
	rc = cli_finish(&c);
out:
	free(r.chunk);
	secret_scanner_free(r.s);
	cli_release(&c);
	return rc;
}
