/*
 * Fuzz target: Java archives: zip, manifest, pom files, nested jars.
 */
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "pkg/cataloger.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strvec warnings = STRVEC_INIT;
	char *copy = xmalloc(size + 1);
	struct pkg_file f = { "opt/app.jar", copy, size, 0, NULL, &warnings };
	struct pkg_list l;
	struct err e = ERR_INIT;

	/* Parsers get NUL-terminated bytes, as the catalog hands them. */
	memcpy(copy, data, size);
	copy[size] = '\0';
	pkg_list_init(&l);
	cataloger_java.parse(&l, &f, &e);
	pkg_list_finalize(&l);
	pkg_list_release(&l);
	strvec_release(&warnings);
	free(copy);
	return 0;
}
