/*
 * Fuzz target: .dockerignore patterns.  The first line of the input is
 * the path to test; the rest is the file.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/dockerignore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dockerignore di = DOCKERIGNORE_INIT;
	const char *nl = memchr(data, '\n', size);
	size_t plen = nl ? (size_t)(nl - (const char *)data) : size;
	char *path;

	if (plen > 4096)
		return 0;
	path = malloc(plen + 1);
	memcpy(path, data, plen);
	path[plen] = '\0';
	if (strlen(path) == plen) {
		dockerignore_parse(&di, (const char *)data + plen, size - plen);
		(void)dockerignore_excludes(&di, path);
		(void)dockerignore_excludes(&di, "a/b/c.txt");
		dockerignore_release(&di);
	}
	free(path);
	return 0;
}
