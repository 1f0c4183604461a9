/*
 * Fuzz target: the JSON side of image layouts.  The input is used as an
 * image config, then as the index.json of an OCI layout whose every other
 * blob is the input too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "image/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_fd = -1;
static size_t fuzz_size;

static int
store_open(void *self, const char *name, struct blob *b, struct err *e)
{
	(void)self, (void)name, (void)e;
	b->fd = fuzz_fd;
	b->owned = false;
	b->off = 0;
	b->size = fuzz_size;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct blob_store st = { store_open, NULL };
	struct image img;
	struct err e = ERR_INIT;

	fuzz_fd = memfd_create("fuzz-manifest", MFD_CLOEXEC);
	if (fuzz_fd < 0)
		return 0;
	if (write(fuzz_fd, data, size) != (ssize_t)size)
		goto out;
	fuzz_size = size;

	image_init(&img);
	layout_config(&img, (const char *)data, size, &e);
	image_release(&img);

	image_init(&img);
	layout_oci(&img, &st, NULL, &e);
	image_release(&img);

	image_init(&img);
	layout_docker_save(&img, &st, &e);
	image_release(&img);
out:
	close(fuzz_fd);
	return 0;
}
