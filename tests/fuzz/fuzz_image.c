/*
 * Fuzz target: a whole image archive (outer tar index, manifest, config,
 * layer decompression, tar entries, whiteouts, file analyzer), read from
 * an in-memory file and scanned as a docker-archive.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "image/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz-image", MFD_CLOEXEC);
	char ref[64];
	struct image img;
	struct err e = ERR_INIT;
	struct findings out = FINDINGS_INIT;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(ref, sizeof(ref), "docker-archive:/proc/self/fd/%d", fd);
	image_init(&img);
	if (image_open(&img, ref, NULL, &e) == 0)
		image_scan(&img, NULL, 0, &out, &e);
	findings_release(&out);
	image_release(&img);
	close(fd);
	return 0;
}
