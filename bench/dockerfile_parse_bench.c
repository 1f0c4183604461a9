/*
 * Time dockerfile_parse() on the files named on the command line (CPU
 * time, so that other work on the machine counts little): the
 * best of five runs each, with the file already in memory, so the
 * figure is the parser alone.
 */
#include <stdio.h>
#include <time.h>

#include "core/buf.h"
#include "core/file.h"
#include "parse/dockerfile.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct buf b = BUF_INIT;
		struct err e = ERR_INIT;
		double best = 1e9;
		size_t n = 0;

		if (file_read(argv[i], DF_MAX_FILE, &b, &e) < 0) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		for (int run = 0; run < 5; run++) {
			struct dockerfile df;
			double t0 = now(), t;

			if (dockerfile_parse(&df, argv[i], b.data, b.len, &e)) {
				fprintf(stderr, "bench: %s\n", e.msg);
				return 1;
			}
			t = now() - t0;
			n = df.n;
			dockerfile_release(&df);
			if (t < best)
				best = t;
		}
		printf("%s\t%zu bytes\t%zu instructions\t%.3f s\t%.1f MB/s\n",
		       argv[i], b.len, n, best, (double)b.len / best / 1e6);
		buf_release(&b);
	}
	return 0;
}
