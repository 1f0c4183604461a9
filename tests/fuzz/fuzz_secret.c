/*
 * Fuzz the secret scanner: the input is scanned whole, then fed to a
 * stream in chunks whose sizes the input's first byte chooses, with both
 * keyword matchers.  Whole and chunked scans must agree on the number of
 * findings (a secret split across chunks is still found once), and no
 * finding may carry an unredacted value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "secret/secret.h"

static struct secret_scanner *scanners[2];

static int
scan_chunked(struct secret_scanner *s, const uint8_t *d, size_t n, size_t chunk,
	     struct findings *fs)
{
	struct location loc = LOCATION_INIT;
	struct secret_stream st;
	int found;

	loc.file = "fuzz.txt";
	secret_stream_init(&st, s, &loc);
	for (size_t off = 0; off < n; off += chunk)
		secret_scan_stream(&st, d + off,
				   n - off < chunk ? n - off : chunk);
	found = secret_stream_finish(&st, fs);
	secret_stream_release(&st);
	return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct location loc = LOCATION_INIT;
	size_t chunk;

	if (!scanners[0]) {
		struct secret_options o = SECRET_OPTIONS_INIT;

		scanners[0] = secret_scanner_new(&o, NULL);
		o.force_pcre2 = true;
		scanners[1] = secret_scanner_new(&o, NULL);
		if (!scanners[0] || !scanners[1])
			abort();
	}
	if (size < 1)
		return 0;
	chunk = 1 + data[0] % 97;
	loc.file = "fuzz.txt";
	for (int i = 0; i < 2; i++) {
		struct findings whole = FINDINGS_INIT, parts = FINDINGS_INIT;
		int a = secret_scan_buffer(scanners[i], data + 1, size - 1,
					   &loc, &whole);
		int b = scan_chunked(scanners[i], data + 1, size - 1, chunk,
				     &parts);

		if (a != b)
			abort();
		for (size_t f = 0; f < whole.n; f++)
			if (!strstr(whole.v[f].evidence, "********"))
				abort();
		findings_release(&whole);
		findings_release(&parts);
	}
	return 0;
}
