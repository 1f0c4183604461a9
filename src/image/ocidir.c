/*
 * oci:DIR[:TAG], an OCI image layout directory.
 *
 * Blobs are opened relative to the layout's directory descriptor, by
 * names this code builds from validated digests ("blobs/sha256/<hex>"),
 * with O_NOFOLLOW on the last component and a regular-file check.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "image/source.h"

struct ocidir_state {
	int dirfd;
	char *path;
	struct blob_store store;
};

static int
ocidir_blob(void *self, const char *name, struct blob *b, struct err *e)
{
	struct ocidir_state *os = self;
	struct stat st;
	int fd;

	if (strcmp(name, "index.json")) {
		char dig[80];

		if (str_starts_with(name, "blobs/sha256/"))
			snprintf(dig, sizeof(dig), "sha256:%.64s", name + 13);
		else
			dig[0] = '\0';
		if (strlen(name) != 13 + 64 || !digest_valid(dig))
			return err_set(e, ERR_INPUT, "'%s': bad blob name '%s'",
				       os->path, name);
	}
	fd = openat(os->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return err_errno(e, ERR_INPUT, errno, "cannot open '%s'", name);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_INPUT, "'%s' is not a regular file",
			       name);
	}
	b->fd = fd;
	b->owned = true;
	b->off = 0;
	b->size = (uint64_t)st.st_size;
	return 0;
}

static int
ocidir_open(struct image *img, const char *arg, struct err *e)
{
	struct ocidir_state *os = xcalloc(1, sizeof(*os));
	char *path = xstrdup(arg);
	char *colon = strrchr(path, ':');
	const char *tag = NULL;
	int rc;

	img->src_state = os;
	os->dirfd = -1;
	/* oci:DIR:TAG when DIR itself has no colon that exists. */
	if (colon && access(path, F_OK) != 0) {
		*colon = '\0';
		tag = colon + 1;
	}
	os->path = path;
	os->dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (os->dirfd < 0)
		return err_errno(e, ERR_INPUT, errno,
				 "cannot open OCI layout '%s'", path);
	if (faccessat(os->dirfd, "oci-layout", F_OK, 0) != 0)
		return err_set(e, ERR_INPUT,
			       "'%s' is not an OCI layout: no oci-layout file",
			       path);
	os->store.open = ocidir_blob;
	os->store.self = os;
	rc = layout_oci(img, &os->store, tag, e);
	if (rc < 0)
		err_prefix(e, "OCI layout '%s'", path);
	return rc;
}

static int
ocidir_layer_open(struct image *img, size_t i, struct blob *b, struct err *e)
{
	struct ocidir_state *os = img->src_state;

	return ocidir_blob(os, img->facts.layers[i].member, b, e);
}

static void
ocidir_close(struct image *img)
{
	struct ocidir_state *os = img->src_state;

	if (!os)
		return;
	if (os->dirfd >= 0)
		close(os->dirfd);
	free(os->path);
	free(os);
	img->src_state = NULL;
}

const struct image_source_ops image_source_oci_dir = {
	.scheme = "oci",
	.open = ocidir_open,
	.layer_open = ocidir_layer_open,
	.close = ocidir_close,
};
