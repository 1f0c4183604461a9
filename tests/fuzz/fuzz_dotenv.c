/*
 * Fuzz target: .env files and interpolation with their variables.  The
 * first line of the input is a value to interpolate; the rest is the
 * .env text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "parse/compose.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t first = nl ? (size_t)(nl - text) : size;
	char *value = xstrndup(text, first);
	struct strmap vars = STRMAP_INIT;
	struct buf out = BUF_INIT;
	bool ref;

	if (nl)
		compose_dotenv_parse(nl + 1, size - first - 1, &vars);
	compose_interpolate(value, &vars, false, &out, &ref, NULL, NULL);
	buf_release(&out);
	strmap_release(&vars, free);
	free(value);
	return 0;
}
