/*
 * Fuzz target: the rpm header blob parser (package fields and the file
 * list) and the rpm database readers (NDB, Berkeley DB hash, SQLite).
 */
#include <stddef.h>
#include <stdint.h>

#include "pkg/rpm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
each_blob(void *ctx, const uint8_t *blob, size_t len)
{
	struct arena *a = ctx;
	struct rpm_header h;
	struct rpm_pkg p;
	struct rpm_file *files;
	size_t n;

	if (rpm_header_load(&h, blob, len, NULL) == 0) {
		rpm_header_pkg(&h, a, &p, NULL);
		rpm_header_files(&h, a, &files, &n, NULL);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;

	/* The input as one header, then as a whole database. */
	each_blob(&a, data, size);
	rpmdb_each("fuzz", data, size, each_blob, &a, NULL);
	arena_release(&a);
	return 0;
}
