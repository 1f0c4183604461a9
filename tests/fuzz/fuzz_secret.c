/*
 * Fuzz the secret scanner: the input is scanned whole, then fed to a
 * stream in chunks (each in its own buffer) whose sizes the input's first
 * byte chooses, with both
 * one-pass matchers (Hyperscan triggers, PCRE2 keywords).  Whole and
 * chunked scans must agree on the number of findings (a secret split
 * across chunks is still found once), the two matchers must agree on the
 * findings of inputs with short lines (a trigger must fire wherever its
 * kind's regex matches), and no finding may carry an unredacted value.
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
	for (size_t off = 0; off < n; off += chunk) {
		size_t len = n - off < chunk ? n - off : chunk;
		uint8_t *copy = malloc(len);

		if (!copy)
			abort();
		memcpy(copy, d + off, len);
		secret_scan_stream(&st, copy, len);
		free(copy);
	}
	found = secret_stream_finish(&st, fs);
	secret_stream_release(&st);
	return found;
}

/* Does any line run past 2 KiB? */
static int
long_line(const uint8_t *d, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		run = d[i] == '\n' ? 0 : run + 1;
		if (run > 2048)
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct location loc = LOCATION_INIT;
	size_t chunk;
	int counts[2];

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
	/* small chunks join the window; from 8 KiB they are run in place */
	chunk = data[0] < 192 ? 1 + data[0] % 97 : 8192u << (data[0] % 3);
	loc.file = "fuzz.txt";
	for (int i = 0; i < 2; i++) {
		struct findings whole = FINDINGS_INIT, parts = FINDINGS_INIT;
		int a = secret_scan_buffer(scanners[i], data + 1, size - 1,
					   &loc, &whole);
		int b = scan_chunked(scanners[i], data + 1, size - 1, chunk,
				     &parts);

		if (a != b)
			abort();
		counts[i] = a;
		for (size_t f = 0; f < whole.n; f++)
			if (!strstr(whole.v[f].evidence, "********"))
				abort();
		findings_release(&whole);
		findings_release(&parts);
	}
	/* Past SECRET_LINE_WINDOW the two window around different points. */
	if (counts[0] != counts[1] && !long_line(data + 1, size - 1))
		abort();
	return 0;
}
