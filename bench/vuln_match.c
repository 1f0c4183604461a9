/*
 * Benchmark driver for bench/vuln.sh: match the packages of a TSV file
 * (ecosystem, name, source name, version, source version; "-" for none)
 * against a database and print how many findings came out and how long
 * the matching took.  Built by bench/vuln.sh against libhullcore.a.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "vuln/match.h"

static char *
field(char **p)
{
	char *s = *p, *t = strchr(s, '\t');

	if (t)
		*t = '\0', *p = t + 1;
	else
		*p = s + strlen(s);
	return strcmp(s, "-") ? s : NULL;
}

int
main(int argc, char **argv)
{
	struct match_pkg *pkgs = NULL;
	size_t n = 0, cap = 0;
	struct findings fs = FINDINGS_INIT;
	struct err e = ERR_INIT;
	struct vulndb *db;
	struct timespec t0, t1;
	char line[4096];
	FILE *fp;
	int r;

	if (argc != 3 || !(fp = fopen(argv[2], "r")))
		return fprintf(stderr, "usage: vuln_match DB PACKAGES.tsv\n"),
		       2;
	while (fgets(line, sizeof(line), fp)) {
		char *p = xstrdup(line);

		p[strcspn(p, "\n")] = '\0';
		if (n == cap)
			pkgs = xreallocarray(pkgs, cap = cap ? 2 * cap : 1024,
					     sizeof(*pkgs));
		memset(&pkgs[n], 0, sizeof(pkgs[n]));
		pkgs[n].ecosystem = field(&p);
		pkgs[n].name = field(&p);
		pkgs[n].source_name = field(&p);
		pkgs[n].version = field(&p);
		pkgs[n].source_version = field(&p);
		n++;
	}
	fclose(fp);
	if (vulndb_open(&db, argv[1], VULNDB_READ, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = vulndb_match(db, pkgs, n, &fs, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (r < 0)
		return fprintf(stderr, "%s\n", e.msg), 1;
	printf("%zu packages, %d findings, %.3f s\n", n, r,
	       (double)(t1.tv_sec - t0.tv_sec) +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	findings_release(&fs);
	vulndb_close(db);
	return 0;
}
