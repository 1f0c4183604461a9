/*
 * Fuzz target: OS release files (os-release, lsb-release, Red Hat
 * release lines, alpine-release, debian_version, Ubuntu ESM status).
 * The first byte of the input chooses the file it is read as.
 */
#include <stddef.h>
#include <stdint.h>

#include "pkg/osrelease.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const paths[] = {
	"etc/os-release",
	"usr/lib/os-release",
	"etc/lsb-release",
	"etc/redhat-release",
	"etc/alpine-release",
	"etc/debian_version",
	"var/lib/ubuntu-advantage/status.json",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct distro d;
	int rank;

	if (!size)
		return 0;
	os_release_parse(paths[data[0] % 7], (const char *)data + 1, size - 1,
			 &a, &d, &rank, NULL);
	arena_release(&a);
	return 0;
}
