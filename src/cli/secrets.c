/*
 * hull secrets PATH...: scan files, directories, tarballs and stdin for
 * credentials.
 *
 * Directories are walked without following symbolic links, skipping the
 * insides of .git (a .git-credentials file beside it is still read).
 * Tarballs (.tar, .tar.gz, .tgz, .tar.zst, .tar.xz, .tar.bz2) are read
 * as streams: each regular entry is scanned as it is decompressed, never
 * written out, and reported as "archive.tar!path/in/archive".  A tar
 * inside one (a docker save layer, by name or by its first bytes) is
 * read the same way from the outer stream, one level deep, as
 * "archive.tar!layer.tar!path"; deeper archives and zip files are named
 * in a warning, not opened.  Binary files are skipped.  A path that
 * cannot be read is an input error (exit 3) and the scan goes on with
 * the next.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "secret/secret.h"

/* Bytes read from a file or archive at a time. */
#define SECRETS_READ_CHUNK (1u << 20)
/*
 * Regular files at least this large are mapped instead of read: below
 * it, one read() into the chunk costs less than setting up a mapping.
 */
#define SECRETS_MAP_MIN (64u * 1024)
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
	char *nested;	  /* a nested archive's input, SECRETS_READ_CHUNK */
	char *root;	  /* the directory being walked, resolved */
	size_t links_out; /* symlinks in it that point outside it */
	char *first_link; /* the first of them */
};

/*
 * A symbolic link inside a walked tree is never followed: a link within
 * the tree names a file the walk reads anyway, and one pointing outside
 * would read what the user did not ask for.  Those pointing outside
 * (or nowhere) are counted and named: each with -v, else one warning
 * per directory argument.
 */
static void
link_skipped(struct secrets_run *r, const char *path)
{
	char *target = realpath(path, NULL);
	size_t n = r->root ? strlen(r->root) : 0;

	if (target && r->root &&
	    (!strcmp(r->root, "/") || (!strncmp(target, r->root, n) &&
				       (target[n] == '/' || !target[n])))) {
		free(target);
		return;
	}
	r->links_out++;
	if (!r->first_link)
		r->first_link = xstrdup(path);
	if (r->c->opt.verbosity > 0)
		cli_note("'%s' links %s%s%s; not followed", path,
			 target ? "outside the tree, to '" : "to nothing",
			 target ? target : "", target ? "'" : "");
	free(target);
}

/* The warning for the links of one directory argument, then reset. */
static void
links_report(struct secrets_run *r, const char *dir)
{
	if (r->links_out && r->c->opt.verbosity <= 0)
		cli_warn("'%s': %zu symbolic link%s to files outside it not "
			 "followed (first: '%s'; -v names each)",
			 dir, r->links_out, r->links_out == 1 ? "" : "s",
			 r->first_link);
	r->links_out = 0;
	free(r->first_link);
	r->first_link = NULL;
}

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

/*
 * Mapping files.  The scanner then reads the page cache in place: no
 * copy, no chunking, and lines are counted only up to the matches.  A
 * file that shrinks while it is mapped (another process truncating it)
 * would raise SIGBUS on the pages past its new end; the handler maps
 * zero pages over the rest of the mapping, so the scan ends normally and
 * the file is reported as changed while it was read.  A SIGBUS anywhere
 * else is a bug and keeps its default action.
 */
static char *volatile map_base;
static volatile size_t map_len;
static volatile sig_atomic_t map_faulted;
static size_t map_page;

/* NEEDSWORK: no automated test truncates a file during its scan. */
static void
map_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	char *a = si->si_addr, *base = map_base;
	uintptr_t page, end;

	(void)uc;
	if (!base || a < base || a >= base + map_len) {
		signal(sig, SIG_DFL);
		return; /* the access faults again, now fatally */
	}
	page = (uintptr_t)a & ~(uintptr_t)(map_page - 1);
	end = ((uintptr_t)base + map_len + map_page - 1) &
	      ~(uintptr_t)(map_page - 1);
	if (mmap((void *)page, end - page, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		 0) == MAP_FAILED) {
		signal(sig, SIG_DFL);
		return;
	}
	map_faulted = 1;
}

static void
map_guard_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = map_on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	map_page = (size_t)sysconf(_SC_PAGESIZE);
}

/*
 * Scan the first `size` bytes of a regular file through a mapping.
 * Returns 0, or -1 when the file cannot be mapped (the caller reads it).
 */
static int
scan_mapped(struct secrets_run *r, int fd, const char *name, size_t size)
{
	struct location loc = LOCATION_INIT;
	void *p;

	if (size > SECRET_MAX_FILE) {
		cli_warn("'%s': only the first %llu bytes scanned", name,
			 SECRET_MAX_FILE);
		size = SECRET_MAX_FILE;
	}
	p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	madvise(p, size, MADV_SEQUENTIAL);
	loc.file = name;
	map_faulted = 0;
	map_len = size;
	map_base = p;
	secret_scan_buffer(r->s, p, size, &loc, &r->c->report.findings);
	map_base = NULL;
	if (map_faulted)
		input_error(r, "'%s' changed while it was read", name, 0);
	munmap(p, size);
	return 0;
}

/*
 * Scan a small regular file: one read into the chunk and a whole-buffer
 * scan, without the stream's bookkeeping.  Returns 0, or -1 when the
 * file turned out larger than the chunk (the caller streams it from the
 * start).
 */
static int
scan_small(struct secrets_run *r, int fd, const char *name)
{
	struct location loc = LOCATION_INIT;
	size_t len = 0;

	while (len < SECRETS_READ_CHUNK) {
		ssize_t n = read(fd, r->chunk + len, SECRETS_READ_CHUNK - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			input_error(r, "cannot read '%s'", name, errno);
			return 0;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len == SECRETS_READ_CHUNK) {
		if (lseek(fd, 0, SEEK_SET) == 0)
			return -1;
		input_error(r, "cannot read '%s'", name, errno);
		return 0;
	}
	loc.file = name;
	secret_scan_buffer(r->s, r->chunk, len, &loc, &r->c->report.findings);
	return 0;
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
	struct stat sb;
	int fd;

	if (secret_path_is_binary(path) && !secret_path_is_sensitive(path))
		return;
	fd = file_open_regular(path, &e);
	if (fd < 0) {
		cli_input_error(r->c, &e);
		return;
	}
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode))
		scan_fd(r, fd, path);
	else if (sb.st_size < SECRETS_MAP_MIN
		     ? scan_small(r, fd, path)
		     : scan_mapped(r, fd, path, (size_t)sb.st_size))
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

/*
 * Scan the current entry's data, starting with the `head_len` bytes of
 * it already read into `head`; returns the bytes read or -1.
 */
static long long
archive_scan_entry(struct secrets_run *r, struct archive *a, const char *label,
		   const char *head, size_t head_len, unsigned long long budget)
{
	struct location loc = LOCATION_INIT;
	struct secret_stream st;
	long long total = (long long)head_len;

	loc.file = label;
	secret_stream_init(&st, r->s, &loc);
	if (head_len)
		secret_scan_stream(&st, head, head_len);
	while (head_len && !st.binary && !st.skipped) {
		la_ssize_t n;

		if ((unsigned long long)total >= SECRET_MAX_FILE ||
		    (unsigned long long)total >= budget) {
			cli_warn("'%s': only the first %lld bytes scanned",
				 label, total);
			break;
		}
		n = archive_read_data(a, r->chunk, SECRETS_READ_CHUNK);
		if (n < 0) {
			secret_stream_release(&st);
			return -1;
		}
		if (n == 0)
			break;
		total += n;
		secret_scan_stream(&st, r->chunk, (size_t)n);
	}
	secret_stream_finish(&st, &r->c->report.findings);
	secret_stream_release(&st);
	return total;
}

/*
 * Whether an entry's first bytes are a tar archive, plain (the ustar
 * magic) or compressed (gzip, zstd, xz, bzip2): docker save archives and
 * OCI layouts hold their layers so, often without a telling name.
 */
static bool
looks_like_archive(const unsigned char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
	} magics[] = {
		{ "\x1f\x8b", 2 },
		{ "\x28\xb5\x2f\xfd", 4 },
		{ "\xfd\x37\x7a\x58\x5a\x00", 6 },
		{ "BZh", 3 },
	};

	if (n >= 262 && !memcmp(p + 257, "ustar", 5))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(magics); i++)
		if (n >= magics[i].len &&
		    !memcmp(p, magics[i].magic, magics[i].len))
			return true;
	return false;
}

/* Zip archives are not opened (jar, war, ear are binary files). */
static bool
is_zip_name(const char *path)
{
	return str_iends_with(path, ".zip");
}

/* What one archive (and the one level of archives inside it) may cost. */
struct archive_budget {
	unsigned long long bytes;
	unsigned entries;
};

/* The data of an outer entry, as the input of the archive inside it. */
struct nested_src {
	struct archive *outer;
	const char *head;
	size_t head_len;
	char *buf;
	bool outer_failed; /* the outer archive can no longer be read */
};

static la_ssize_t
nested_read(struct archive *inner, void *ctx, const void **out)
{
	struct nested_src *n = ctx;
	la_ssize_t got;

	if (n->head_len) {
		*out = n->head;
		got = (la_ssize_t)n->head_len;
		n->head_len = 0;
		return got;
	}
	got = archive_read_data(n->outer, n->buf, SECRETS_READ_CHUNK);
	n->outer_failed = got < 0;
	if (got < 0)
		archive_set_error(inner, EIO, "%s",
				  archive_error_string(n->outer)
				      ? archive_error_string(n->outer)
				      : "cannot read the outer archive");
	*out = n->buf;
	return got;
}

static struct archive *
archive_reader_new(void)
{
	struct archive *a = archive_read_new();

	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	return a;
}

static int archive_walk(struct secrets_run *r, struct archive *a,
			const char *name, int depth,
			struct archive_budget *bud);

static void
archive_error(struct secrets_run *r, struct archive *a, const char *name)
{
	struct err e = ERR_INIT;

	err_set(&e, ERR_INPUT, "cannot read archive '%s': %s", name,
		archive_error_string(a) ? archive_error_string(a)
					: "corrupt archive");
	cli_input_error(r->c, &e);
}

/*
 * The entry `label` of `outer`, whose first bytes are head[0..len), looks
 * like a tar archive: walk it too, streaming from the outer one.  One
 * that is not a tar after all (a gzipped log) is left alone, as any
 * binary file is, unless its name said it was an archive: that, and a
 * tar that breaks off, is an error naming it.  Returns 0, or -1 when the
 * outer archive can no longer be read.
 */
static int
scan_nested(struct secrets_run *r, struct archive *outer, const char *label,
	    const char *head, size_t len, bool named,
	    struct archive_budget *bud)
{
	struct nested_src src = { outer, head, len, r->nested, false };
	struct archive *inner = archive_reader_new();
	int rc = -2;

	if (archive_read_open(inner, &src, NULL, nested_read, NULL) ==
	    ARCHIVE_OK)
		rc = archive_walk(r, inner, label, 1, bud);
	if (rc == -1 || (rc == -2 && named))
		archive_error(r, inner, label);
	archive_read_free(inner);
	return src.outer_failed ? -1 : 0;
}

/*
 * One regular entry `entry` of `a`, reported as `label`: a nested
 * archive (opened when depth is 0), a file skipped by its name, or text
 * to scan.  Adds what it read to bud.  Returns 0, or -1 when `a` can no
 * longer be read.
 */
static int
archive_entry_scan(struct secrets_run *r, struct archive *a, const char *entry,
		   const char *label, int depth, struct archive_budget *bud)
{
	bool named = is_archive_name(entry);
	la_ssize_t n;
	long long m;
	char *head;

	if (is_zip_name(entry) || (named && depth)) {
		cli_warn("'%s': %s not opened", label,
			 named ? "an archive inside a nested archive is"
			       : "zip archives are");
		return 0;
	}
	if (!named && secret_path_is_binary(entry) &&
	    !secret_path_is_sensitive(label))
		return 0;
	/*
	 * The head goes to r->nested at the top level: it becomes the
	 * inner archive's input, and r->chunk stays free for its entries.
	 * Inside a nested archive r->nested is that input: use r->chunk.
	 */
	head = depth ? r->chunk : r->nested;
	n = archive_read_data(a, head, SECRETS_READ_CHUNK);
	if (n < 0)
		return -1;
	bud->bytes += (unsigned long long)n;
	if (looks_like_archive((const unsigned char *)head, (size_t)n)) {
		if (!depth)
			return scan_nested(r, a, label, head, (size_t)n, named,
					   bud);
		cli_warn("'%s': an archive inside a nested archive is not "
			 "opened",
			 label);
		return 0;
	}
	m = archive_scan_entry(r, a, label, head, (size_t)n,
			       SECRETS_ARCHIVE_MAX_BYTES - bud->bytes + n);
	if (m < 0)
		return -1;
	bud->bytes += (unsigned long long)(m - n);
	return 0;
}

/*
 * Every entry of archive `a`, reported as "name!entry"; archives inside
 * it are opened when depth is 0.  Entries and bytes count against bud,
 * shared with the nested archives.  Returns 0; -2 when not even a first
 * entry could be read (not a tar archive); -1 on a later read error
 * (archive_error_string(a) says why).
 */
static int
archive_walk(struct secrets_run *r, struct archive *a, const char *name,
	     int depth, struct archive_budget *bud)
{
	struct archive_entry *ent;
	bool any = false;
	int rc;

	while ((rc = archive_read_next_header(a, &ent)) != ARCHIVE_EOF) {
		char *label;

		if (rc < ARCHIVE_WARN)
			return any ? -1 : -2;
		any = true;
		if (++bud->entries > SECRETS_ARCHIVE_MAX_ENTRIES) {
			cli_warn("'%s': more than %d entries, rest skipped",
				 name, SECRETS_ARCHIVE_MAX_ENTRIES);
			return 0;
		}
		if (archive_entry_filetype(ent) != AE_IFREG ||
		    !archive_entry_pathname(ent))
			continue;
		label = archive_entry_label(name, archive_entry_pathname(ent));
		rc = archive_entry_scan(r, a, archive_entry_pathname(ent),
					label, depth, bud);
		free(label);
		if (rc < 0)
			return -1;
		if (bud->bytes >= SECRETS_ARCHIVE_MAX_BYTES) {
			cli_warn("'%s': read %llu bytes, rest skipped", name,
				 bud->bytes);
			return 0;
		}
	}
	return 0;
}

static void
scan_archive(struct secrets_run *r, const char *path)
{
	struct archive *a = archive_reader_new();
	struct archive_budget bud = { 0, 0 };

	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK)
		input_error(r, "cannot read archive '%s'", path, 0);
	else if (archive_walk(r, a, path, 0, &bud) < 0)
		archive_error(r, a, path);
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
	else if (S_ISLNK(sb.st_mode))
		link_skipped(r, path);
	else if (!S_ISREG(sb.st_mode))
		return; /* symlinks inside a tree, devices, fifos */
	else if (is_archive_name(path))
		scan_archive(r, path);
	else if (is_zip_name(path))
		cli_warn("'%s': zip archives are not opened", path);
	else
		scan_file(r, path);
}

int
cmd_secrets(int argc, char **argv)
{
	struct secrets_run r = { 0 };
	struct err e = ERR_INIT;
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
	if ((rc = cli_setup_policy(&c, strcmp(c.args.v[0], "-") ? c.args.v[0]
								: ".")))
		goto out;
	if (!(r.s = cli_secret_scanner_new(&c, &e))) {
		rc = cli_exit_for(&e);
		goto out;
	}
	r.c = &c;
	r.chunk = xmalloc(SECRETS_READ_CHUNK);
	r.nested = xmalloc(SECRETS_READ_CHUNK);
	map_guard_install();
	for (size_t i = 0; i < c.args.n; i++) {
		strvec_push(&c.report.targets, c.args.v[i]);
		if (!strcmp(c.args.v[i], "-"))
			scan_fd(&r, STDIN_FILENO, "-");
		else {
			r.root = realpath(c.args.v[i], NULL);
			scan_path(&r, c.args.v[i], 0, true);
			links_report(&r, c.args.v[i]);
			free(r.root);
			r.root = NULL;
		}
	}
	rc = cli_finish(&c);
out:
	free(r.chunk);
	free(r.nested);
	secret_scanner_free(r.s);
	cli_release(&c);
	return rc;
}
