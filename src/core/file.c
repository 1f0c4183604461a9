#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

int
file_read_stream(FILE *fp, const char *name, size_t max, struct buf *out,
		 struct err *e)
{
	size_t start = out->len;

	for (;;) {
		size_t n;

		buf_grow(out, 65536);
		n = fread(out->data + out->len, 1, 65536, fp);
		out->len += n;
		out->data[out->len] = '\0';
		if (out->len - start > max)
			return err_set(e, ERR_INPUT,
				       "'%s' is larger than the %zu bytes hull "
				       "reads",
				       name, max);
		if (n < 65536) {
			if (ferror(fp))
				return err_errno(e, ERR_INPUT, errno,
						 "cannot read '%s'", name);
			return 0;
		}
	}
}

int
file_open_regular(const char *path, struct err *e)
{
	struct stat st;
	int fd, flags;

	/* O_NONBLOCK: opening a FIFO with no writer would wait forever. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return err_errno(e, ERR_INPUT, errno, "cannot open '%s'", path);
	if (fstat(fd, &st) < 0) {
		err_errno(e, ERR_INPUT, errno, "cannot read '%s'", path);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(e, ERR_INPUT, "'%s' is %s, not a regular file", path,
			S_ISDIR(st.st_mode)    ? "a directory"
			: S_ISFIFO(st.st_mode) ? "a FIFO"
			: S_ISSOCK(st.st_mode) ? "a socket"
					       : "a device");
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

int
file_read(const char *path, size_t max, struct buf *out, struct err *e)
{
	FILE *fp;
	int fd, rc;

	if (!strcmp(path, "-"))
		return file_read_stream(stdin, "<stdin>", max, out, e);
	fd = file_open_regular(path, e);
	if (fd < 0)
		return -1;
	fp = fdopen(fd, "rb");
	if (!fp) {
		close(fd);
		return err_errno(e, ERR_INPUT, errno, "cannot read '%s'", path);
	}
	rc = file_read_stream(fp, path, max, out, e);
	fclose(fp);
	return rc;
}

bool
path_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
path_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *
path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *
path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (!n || !strcmp(dir, "."))
		return xstrdup(name);
	if (dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

char *
path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
file_write_replace(const char *path, const void *data, size_t len)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp), rc = -1;

	if (fd < 0)
		goto out;
	if (write(fd, data, len) == (ssize_t)len) {
		rc = close(fd);
		fd = -1;
		if (!rc)
			rc = rename(tmp, path);
	}
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp);
out:
	free(tmp);
	return rc ? -1 : 0;
}
