/*
 * The verification stamp: a sidecar file, DB.verified, that records the
 * size, modification time (to the nanosecond), inode and device of the
 * database file as it was when its every page last passed quick_check.
 * A scan that finds a matching stamp trusts the file without checking
 * it again; anything that rewrites the file changes its mtime (and a
 * rebuilt file has a new inode), so the stamp no longer matches and the
 * next scan checks it.
 *
 * A stamp cannot see damage that keeps the size, the mtime and the
 * inode: bytes changed in place by something that then restores the
 * mtime (touch -d, a disk that rots silently).  'hull db info' always
 * checks the whole file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "vuln/vulndb-internal.h"

/* A stamp is one short line per field; anything longer is not one. */
#define STAMP_MAX 512

static char *
stamp_path(const char *db_path)
{
	return xasprintf("%s.verified", db_path);
}

/* The stamp text for a file in the state sb describes. */
static char *
stamp_text(const struct stat *sb)
{
	return xasprintf("hull vulnerability database verified\n"
			 "size %lld\nmtime %lld.%09ld\ninode %llu\n"
			 "device %llu\n",
			 (long long)sb->st_size, (long long)sb->st_mtim.tv_sec,
			 (long)sb->st_mtim.tv_nsec,
			 (unsigned long long)sb->st_ino,
			 (unsigned long long)sb->st_dev);
}

/* Does the stamp beside db_path describe the file as sb shows it? */
static bool
stamp_matches(const char *db_path, const struct stat *sb)
{
	char *path = stamp_path(db_path), *want = stamp_text(sb);
	char got[STAMP_MAX + 1];
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

	if (fd >= 0) {
		do
			n = read(fd, got, STAMP_MAX);
		while (n < 0 && errno == EINTR);
		close(fd);
	}
	if (n >= 0)
		got[n] = '\0';
	n = n >= 0 && (size_t)n == strlen(want) && !strcmp(got, want);
	free(path);
	free(want);
	return n;
}

/* Write the stamp for the file state sb; a reader never sees half of
 * one.  Not synced: a stamp lost or cut short by a crash only fails to
 * match, and the next scan checks the file again. */
static int
stamp_write(const char *db_path, const struct stat *sb)
{
	char *path = stamp_path(db_path), *text = stamp_text(sb);
	int rc = file_write_replace(path, text, strlen(text));

	free(text);
	free(path);
	return rc;
}

int
vulndb_stamp_file(const char *db_path)
{
	struct stat sb;

	if (stat(db_path, &sb) || !S_ISREG(sb.st_mode))
		return -1;
	return stamp_write(db_path, &sb);
}

int
vulndb_verify_once(struct vulndb *db, struct err *e)
{
	struct stat sb;

	/* The state before the check goes into the stamp: a file changed
	 * while it was checked does not match it afterwards. */
	if (stat(db->path, &sb))
		return vulndb_verify(db, e);
	if (stamp_matches(db->path, &sb))
		return 0;
	if (vulndb_verify(db, e))
		return -1;
	stamp_write(db->path, &sb); /* a read-only folder: check each time */
	return 0;
}
