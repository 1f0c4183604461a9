/*
 * Fuzz target: every version scheme and the CVSS vector parser.
 *
 * The input is "A\0B": both strings go through each scheme's valid() and,
 * where allowed, compare() in both directions; the orders must be
 * antisymmetric and a string must equal itself.  The whole input is also
 * parsed as a CVSS vector.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vuln/cvss.h"
#include "vuln/version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 2);
	const char *a, *b;
	double score;

	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = '\0';
	a = buf;
	b = buf + strlen(buf) + (strlen(buf) < size ? 1 : 0);
	for (size_t i = 0; version_schemes[i]; i++) {
		const struct version_scheme *s = version_schemes[i];
		int ab, ba, aa;

		if (version_compare(s, a, b, &ab) ||
		    version_compare(s, b, a, &ba) ||
		    version_compare(s, a, a, &aa))
			continue;
		if (ab != -ba || aa != 0)
			abort();
	}
	cvss_score(buf, &score, NULL, NULL);
	free(buf);
	return 0;
}
