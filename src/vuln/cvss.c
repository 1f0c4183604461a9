/*
 * CVSS base score formulas (v2, v3.0, v3.1); 4.0 is in cvss4.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "vuln/cvss-internal.h"

/* One metric of a version: its name and the weight of each value. */
struct cvss_metric {
	const char *name;
	const char *values; /* one letter per value */
	double weight[5];
};

/* v3 base metrics, in vector order.  PR's weights change with scope. */
static const struct cvss_metric v3_metrics[] = {
	{ "AV", "NALP", { 0.85, 0.62, 0.55, 0.2 } },
	{ "AC", "LH", { 0.77, 0.44 } },
	{ "PR", "NLH", { 0.85, 0.62, 0.27 } },
	{ "UI", "NR", { 0.85, 0.62 } },
	{ "S", "UC", { 0, 1 } },
	{ "C", "HLN", { 0.56, 0.22, 0 } },
	{ "I", "HLN", { 0.56, 0.22, 0 } },
	{ "A", "HLN", { 0.56, 0.22, 0 } },
};

static const struct cvss_metric v2_metrics[] = {
	{ "AV", "LAN", { 0.395, 0.646, 1.0 } },
	{ "AC", "HML", { 0.35, 0.61, 0.71 } },
	{ "Au", "MSN", { 0.45, 0.56, 0.704 } },
	{ "C", "NPC", { 0, 0.275, 0.660 } },
	{ "I", "NPC", { 0, 0.275, 0.660 } },
	{ "A", "NPC", { 0, 0.275, 0.660 } },
};

/* Most metrics any vector may carry, base and others. */
#define CVSS_MAX_METRICS 64

/*
 * Split "K:V/K:V/..." and record the value index of each base metric in
 * idx[] (-1 when absent).  Other well-formed metrics are skipped.
 */
static int
cvss_parse_metrics(const char *s, const struct cvss_metric *m, size_t nm,
		   int *idx, struct err *e)
{
	int seen = 0;

	for (size_t i = 0; i < nm; i++)
		idx[i] = -1;
	while (*s) {
		size_t klen = strcspn(s, ":/"), vlen;
		const char *val;
		size_t i;

		if (s[klen] != ':' || !klen)
			return err_set(e, ERR_INPUT, "malformed metric '%.*s'",
				       (int)strcspn(s, "/"), s);
		val = s + klen + 1;
		vlen = strcspn(val, "/");
		if (!vlen || ++seen > CVSS_MAX_METRICS)
			return err_set(e, ERR_INPUT, "malformed metric '%.*s'",
				       (int)klen, s);
		for (i = 0; i < nm; i++)
			if (strlen(m[i].name) == klen &&
			    !memcmp(m[i].name, s, klen))
				break;
		if (i < nm) {
			const char *hit =
			    memchr(m[i].values, *val, strlen(m[i].values));

			if (vlen != 1 || !hit)
				return err_set(e, ERR_INPUT,
					       "unknown value '%.*s' for "
					       "metric '%s'",
					       (int)vlen, val, m[i].name);
			if (idx[i] >= 0)
				return err_set(e, ERR_INPUT,
					       "metric '%s' given twice",
					       m[i].name);
			idx[i] = (int)(hit - m[i].values);
		}
		s = val + vlen;
		if (*s == '/')
			s++;
	}
	for (size_t i = 0; i < nm; i++)
		if (idx[i] < 0)
			return err_set(e, ERR_INPUT, "base metric '%s' missing",
				       m[i].name);
	return 0;
}

/* CVSS 3.1 Roundup: the smallest one-decimal number >= x, computed on
 * integers so that 4.000000001 does not become 4.1. */
static double
roundup31(double x)
{
	long long i = llround(x * 100000.0);

	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (double)(i / 10000 + 1) / 10.0;
}

static double
roundup30(double x)
{
	return ceil(x * 10.0) / 10.0;
}

static double
score_v3(const int *idx, bool v31)
{
	bool changed = idx[4] == 1;
	double pr = v3_metrics[2].weight[idx[2]];
	double iss, impact, expl, base;

	if (changed && idx[2] == 1)
		pr = 0.68;
	else if (changed && idx[2] == 2)
		pr = 0.5;
	iss = 1 - (1 - v3_metrics[5].weight[idx[5]]) *
		      (1 - v3_metrics[6].weight[idx[6]]) *
		      (1 - v3_metrics[7].weight[idx[7]]);
	if (changed)
		impact = 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15);
	else
		impact = 6.42 * iss;
	expl = 8.22 * v3_metrics[0].weight[idx[0]] *
	       v3_metrics[1].weight[idx[1]] * pr * v3_metrics[3].weight[idx[3]];
	if (impact <= 0)
		return 0;
	base = changed ? 1.08 * (impact + expl) : impact + expl;
	if (base > 10)
		base = 10;
	return v31 ? roundup31(base) : roundup30(base);
}

static double
score_v2(const int *idx)
{
	double impact, expl, f;

	impact = 10.41 * (1 - (1 - v2_metrics[3].weight[idx[3]]) *
				  (1 - v2_metrics[4].weight[idx[4]]) *
				  (1 - v2_metrics[5].weight[idx[5]]));
	expl = 20 * v2_metrics[0].weight[idx[0]] *
	       v2_metrics[1].weight[idx[1]] * v2_metrics[2].weight[idx[2]];
	f = impact == 0 ? 0 : 1.176;
	/* Round to one decimal, half up. */
	return floor(((0.6 * impact) + (0.4 * expl) - 1.5) * f * 10 + 0.5 +
		     1e-9) /
	       10.0;
}

/* Drop the parentheses some sources put around v2 vectors. */
static const char *
v2_unwrap(const char *vector, char *buf, size_t size)
{
	if (*vector != '(')
		return vector;
	snprintf(buf, size, "%s", vector + 1);
	buf[strcspn(buf, ")")] = '\0';
	return buf;
}

static int
version_of(const char *vector, enum cvss_version *ver)
{
	if (str_starts_with(vector, "CVSS:3.1/"))
		*ver = CVSS_V31;
	else if (str_starts_with(vector, "CVSS:3.0/"))
		*ver = CVSS_V30;
	else if (str_starts_with(vector, "CVSS:4.0/"))
		*ver = CVSS_V40;
	else if (str_starts_with(vector, "AV:") ||
		 str_starts_with(vector, "(AV:"))
		*ver = CVSS_V2;
	else
		return -1;
	return 0;
}

int
cvss_compute(const char *vector, struct cvss *out, struct err *e)
{
	int idx[CVSS_MAX_METRICS];
	char v2buf[CVSS_MAX_VECTOR + 1];

	memset(out, 0, sizeof(*out));
	if (strlen(vector) > CVSS_MAX_VECTOR)
		return err_set(e, ERR_INPUT, "CVSS vector too long");
	if (version_of(vector, &out->version))
		return err_set(e, ERR_INPUT, "unknown CVSS vector '%.40s'",
			       vector);
	if (out->version == CVSS_V2) {
		vector = v2_unwrap(vector, v2buf, sizeof(v2buf));
		if (cvss_parse_metrics(vector, v2_metrics,
				       ARRAY_SIZE(v2_metrics), idx, e))
			return -1;
		out->score = score_v2(idx);
		return 0;
	}
	/* Every other version's prefix is "CVSS:N.N/". */
	vector += strlen("CVSS:3.1/");
	if (out->version == CVSS_V40)
		return cvss4_score(vector, out, e);
	if (cvss_parse_metrics(vector, v3_metrics, ARRAY_SIZE(v3_metrics), idx,
			       e))
		return -1;
	out->score = score_v3(idx, out->version == CVSS_V31);
	return 0;
}

int
cvss_score(const char *vector, double *score, enum cvss_version *version,
	   struct err *e)
{
	struct cvss c;
	int rc = cvss_compute(vector, &c, e);

	*score = c.score;
	if (version)
		*version = c.version;
	return rc;
}

enum severity
cvss_severity(double score, bool is_v2)
{
	if (score <= 0)
		return SEV_UNKNOWN;
	if (score < 4.0)
		return SEV_LOW;
	if (score < 7.0)
		return SEV_MEDIUM;
	if (score < 9.0 || is_v2)
		return SEV_HIGH;
	return SEV_CRITICAL;
}
