/*
 * Fuzz target: CVSS vectors, 4.0 scoring above all.
 *
 * The input is parsed as a vector as it stands.  It is also read as a
 * recipe for a valid 4.0 vector, one byte per metric choosing its value
 * (or leaving an optional metric out), so that the scorer itself is
 * explored and not only the parser's refusals.  Checked for every vector
 * that parses: the score lies in 0.0..10.0 in whole tenths, a 4.0 vector
 * has a nomenclature, and stating the worst-case defaults (E:A, CR:H,
 * IR:H, AR:H) or supplemental metrics does not change a 4.0 score.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "vuln/cvss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_metric {
	const char *name;
	const char *values[6]; /* "" leaves the metric out */
};

static const struct fuzz_metric fuzz_metrics[] = {
	{ "AV", { "N", "A", "L", "P" } },
	{ "AC", { "L", "H" } },
	{ "AT", { "N", "P" } },
	{ "PR", { "N", "L", "H" } },
	{ "UI", { "N", "P", "A" } },
	{ "VC", { "H", "L", "N" } },
	{ "VI", { "H", "L", "N" } },
	{ "VA", { "H", "L", "N" } },
	{ "SC", { "H", "L", "N" } },
	{ "SI", { "H", "L", "N" } },
	{ "SA", { "H", "L", "N" } },
	{ "E", { "", "X", "A", "P", "U" } },
	{ "CR", { "", "X", "H", "M", "L" } },
	{ "IR", { "", "X", "H", "M", "L" } },
	{ "AR", { "", "X", "H", "M", "L" } },
	{ "MAV", { "", "X", "N", "A", "L", "P" } },
	{ "MAC", { "", "X", "L", "H" } },
	{ "MAT", { "", "X", "N", "P" } },
	{ "MPR", { "", "X", "N", "L", "H" } },
	{ "MUI", { "", "X", "N", "P", "A" } },
	{ "MVC", { "", "X", "H", "L", "N" } },
	{ "MVI", { "", "X", "H", "L", "N" } },
	{ "MVA", { "", "X", "H", "L", "N" } },
	{ "MSC", { "", "X", "H", "L", "N" } },
	{ "MSI", { "", "X", "S", "H", "L", "N" } },
	{ "MSA", { "", "X", "S", "H", "L", "N" } },
};

static void
check_score(const struct cvss *c)
{
	double tenths = c->score * 10;

	if (c->score < 0 || c->score > 10 ||
	    fabs(tenths - round(tenths)) > 1e-9)
		abort();
	if (c->version == CVSS_V40 && !c->nomenclature)
		abort();
}

/* Build a valid 4.0 vector from the input bytes. */
static void
vector_from_bytes(const uint8_t *data, size_t size, char *out, size_t len)
{
	size_t at = (size_t)snprintf(out, len, "CVSS:4.0");

	for (size_t i = 0; i < ARRAY_SIZE(fuzz_metrics); i++) {
		const struct fuzz_metric *m = &fuzz_metrics[i];
		size_t n = 0;
		const char *v;

		while (n < ARRAY_SIZE(m->values) && m->values[n])
			n++;
		v = m->values[(i < size ? data[i] : 0) % n];
		if (*v && at < len)
			at += (size_t)snprintf(out + at, len - at, "/%s:%s",
					       m->name, v);
	}
}

/* The worst-case defaults and supplemental metrics change nothing. */
static void
check_defaults(const char *vector, const struct cvss *c)
{
	char more[CVSS_MAX_VECTOR + 1];
	struct cvss d;

	if (strstr(vector, "/E:") || strstr(vector, "/CR:") ||
	    strstr(vector, "/IR:") || strstr(vector, "/AR:"))
		return;
	snprintf(more, sizeof(more),
		 "%s/E:A/CR:H/IR:H/AR:H/S:P/AU:Y/R:I/V:C/RE:H/U:Red", vector);
	if (cvss_compute(more, &d, NULL) || d.score != c->score)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char vector[CVSS_MAX_VECTOR + 1];
	char *buf = malloc(size + 1);
	struct cvss c;

	memcpy(buf, data, size);
	buf[size] = '\0';
	if (!cvss_compute(buf, &c, NULL))
		check_score(&c);
	free(buf);

	vector_from_bytes(data, size, vector, sizeof(vector));
	if (cvss_compute(vector, &c, NULL))
		abort();
	check_score(&c);
	check_defaults(vector, &c);
	return 0;
}
