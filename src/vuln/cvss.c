/*
 * CVSS base score formulas (v2, v3.0, v3.1); 4.0 is in cvss4.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "vuln/cvss-internal.h"

/* Most values a 2 or 3.x metric has: v2's CDP (N L LM MH H ND). */
#define CVSS_MAX_VALUES 6

/* One metric of a version: its name, its values and, for a base metric,
 * the weight of each value. */
struct cvss_metric {
	const char *name;
	const char *values[CVSS_MAX_VALUES + 1];
	double weight[CVSS_MAX_VALUES];
};

/* Every metric a version defines; the first `nbase` are the base metrics,
 * which a vector must all give. */
struct cvss_grammar {
	const struct cvss_metric *metrics;
	size_t n, nbase;
};

/* v3.0 and v3.1 metrics (the specifications' table 15): base in vector
 * order, then temporal and environmental.  PR's weights change with scope.
 * X is "not defined", allowed for all but the base metrics. */
static const struct cvss_metric v3_metrics[] = {
	{ "AV", { "N", "A", "L", "P" }, { 0.85, 0.62, 0.55, 0.2 } },
	{ "AC", { "L", "H" }, { 0.77, 0.44 } },
	{ "PR", { "N", "L", "H" }, { 0.85, 0.62, 0.27 } },
	{ "UI", { "N", "R" }, { 0.85, 0.62 } },
	{ "S", { "U", "C" }, { 0, 1 } },
	{ "C", { "H", "L", "N" }, { 0.56, 0.22, 0 } },
	{ "I", { "H", "L", "N" }, { 0.56, 0.22, 0 } },
	{ "A", { "H", "L", "N" }, { 0.56, 0.22, 0 } },
	{ "E", { "X", "U", "P", "F", "H" }, { 0 } },
	{ "RL", { "X", "O", "T", "W", "U" }, { 0 } },
	{ "RC", { "X", "U", "R", "C" }, { 0 } },
	{ "CR", { "X", "L", "M", "H" }, { 0 } },
	{ "IR", { "X", "L", "M", "H" }, { 0 } },
	{ "AR", { "X", "L", "M", "H" }, { 0 } },
	{ "MAV", { "X", "N", "A", "L", "P" }, { 0 } },
	{ "MAC", { "X", "L", "H" }, { 0 } },
	{ "MPR", { "X", "N", "L", "H" }, { 0 } },
	{ "MUI", { "X", "N", "R" }, { 0 } },
	{ "MS", { "X", "U", "C" }, { 0 } },
	{ "MC", { "X", "N", "L", "H" }, { 0 } },
	{ "MI", { "X", "N", "L", "H" }, { 0 } },
	{ "MA", { "X", "N", "L", "H" }, { 0 } },
};

/* v2 metrics (the v2 guide's table 13); ND is "not defined". */
static const struct cvss_metric v2_metrics[] = {
	{ "AV", { "L", "A", "N" }, { 0.395, 0.646, 1.0 } },
	{ "AC", { "H", "M", "L" }, { 0.35, 0.61, 0.71 } },
	{ "Au", { "M", "S", "N" }, { 0.45, 0.56, 0.704 } },
	{ "C", { "N", "P", "C" }, { 0, 0.275, 0.660 } },
	{ "I", { "N", "P", "C" }, { 0, 0.275, 0.660 } },
	{ "A", { "N", "P", "C" }, { 0, 0.275, 0.660 } },
	{ "E", { "U", "POC", "F", "H", "ND" }, { 0 } },
	{ "RL", { "OF", "TF", "W", "U", "ND" }, { 0 } },
	{ "RC", { "UC", "UR", "C", "ND" }, { 0 } },
	{ "CDP", { "N", "L", "LM", "MH", "H", "ND" }, { 0 } },
	{ "TD", { "N", "L", "M", "H", "ND" }, { 0 } },
	{ "CR", { "L", "M", "H", "ND" }, { 0 } },
	{ "IR", { "L", "M", "H", "ND" }, { 0 } },
	{ "AR", { "L", "M", "H", "ND" }, { 0 } },
};

/* cvss_compute() sizes its index array for v3, the larger table. */
_Static_assert(ARRAY_SIZE(v2_metrics) <= ARRAY_SIZE(v3_metrics),
	       "v2 has more metrics than v3");

static const struct cvss_grammar v3_grammar = { v3_metrics,
						ARRAY_SIZE(v3_metrics), 8 };
static const struct cvss_grammar v2_grammar = { v2_metrics,
						ARRAY_SIZE(v2_metrics), 6 };

/* The index of the metric called name[0..len) in g, or -1. */
static int
grammar_find(const struct cvss_grammar *g, const char *name, size_t len)
{
	for (size_t i = 0; i < g->n; i++)
		if (strlen(g->metrics[i].name) == len &&
		    !memcmp(g->metrics[i].name, name, len))
			return (int)i;
	return -1;
}

static int
metric_value(const struct cvss_metric *m, const char *val, size_t len)
{
	for (int i = 0; i < CVSS_MAX_VALUES && m->values[i]; i++)
		if (strlen(m->values[i]) == len &&
		    !memcmp(m->values[i], val, len))
			return i;
	return -1;
}

/*
 * Read the metrics of a vector into idx[] (one value index per metric of
 * g, -1 when absent).  Every metric must be one of g's, given once, with
 * one of its values, and every base metric must be there.
 */
static int
cvss_parse_metrics(const char *s, const struct cvss_grammar *g, int *idx,
		   struct err *e)
{
	struct cvss_token t;
	int r;

	for (size_t i = 0; i < g->n; i++)
		idx[i] = -1;
	while ((r = cvss_token_next(&s, &t, e)) > 0) {
		int i = grammar_find(g, t.name, t.nlen), v;

		if (i < 0)
			return err_set(e, ERR_INPUT, "unknown metric '%.*s'",
				       (int)t.nlen, t.name);
		v = metric_value(&g->metrics[i], t.val, t.vlen);
		if (v < 0)
			return err_set(e, ERR_INPUT,
				       "unknown value '%.*s' for metric '%s'",
				       (int)t.vlen, t.val, g->metrics[i].name);
		if (idx[i] >= 0)
			return err_set(e, ERR_INPUT, "metric '%s' given twice",
				       g->metrics[i].name);
		idx[i] = v;
	}
	if (r < 0)
		return -1;
	for (size_t i = 0; i < g->nbase; i++)
		if (idx[i] < 0)
			return err_set(e, ERR_INPUT, "base metric '%s' missing",
				       g->metrics[i].name);
	return 0;
}

int
cvss_token_next(const char **s, struct cvss_token *t, struct err *e)
{
	const char *p = *s;

	if (!*p)
		return 0;
	t->name = p;
	t->nlen = strcspn(p, ":/");
	if (p[t->nlen] != ':' || !t->nlen)
		return err_set(e, ERR_INPUT, "malformed metric '%.*s'",
			       (int)strcspn(p, "/"), p);
	t->val = p + t->nlen + 1;
	t->vlen = strcspn(t->val, ":/");
	if (!t->vlen || t->val[t->vlen] == ':')
		return err_set(e, ERR_INPUT, "malformed metric '%.*s'",
			       (int)strcspn(p, "/"), p);
	p = t->val + t->vlen;
	if (*p == '/' && !*++p)
		return err_set(e, ERR_INPUT, "vector ends with '/'");
	*s = p;
	return 1;
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

/* Drop the parentheses some sources put around v2 vectors; NULL when
 * they do not close at the very end. */
static const char *
v2_unwrap(const char *vector, char *buf, size_t size)
{
	size_t n = strlen(vector);

	if (*vector != '(')
		return vector;
	if (n < 2 || vector[n - 1] != ')' || n - 2 >= size ||
	    memchr(vector + 1, ')', n - 2))
		return NULL;
	memcpy(buf, vector + 1, n - 2);
	buf[n - 2] = '\0';
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

/* Messages quote at most this much of a vector, then "...". */
#define CVSS_QUOTE_MAX 64

/*
 * Why version_of() refused a vector: the "CVSS:x.y" prefix when there is
 * one (the part that is wrong), else the start of the vector.
 */
static int
version_unknown(const char *vector, struct err *e)
{
	size_t n =
	    strncmp(vector, "CVSS:", 5) ? strlen(vector) : strcspn(vector, "/");
	const char *what = strncmp(vector, "CVSS:", 5) ? "vector" : "version";

	return err_set(e, ERR_INPUT, "unknown CVSS %s '%.*s%s'", what,
		       (int)(n > CVSS_QUOTE_MAX ? CVSS_QUOTE_MAX : n), vector,
		       n > CVSS_QUOTE_MAX ? "..." : "");
}

int
cvss_compute(const char *vector, struct cvss *out, struct err *e)
{
	int idx[ARRAY_SIZE(v3_metrics)];
	char v2buf[CVSS_MAX_VECTOR + 1];

	memset(out, 0, sizeof(*out));
	if (strlen(vector) > CVSS_MAX_VECTOR)
		return err_set(e, ERR_INPUT, "CVSS vector too long");
	if (version_of(vector, &out->version))
		return version_unknown(vector, e);
	if (out->version == CVSS_V2) {
		vector = v2_unwrap(vector, v2buf, sizeof(v2buf));
		if (!vector)
			return err_set(e, ERR_INPUT,
				       "unbalanced parentheses in CVSS vector");
		if (cvss_parse_metrics(vector, &v2_grammar, idx, e))
			return -1;
		out->score = score_v2(idx);
		return 0;
	}
	/* Every other version's prefix is "CVSS:N.N/". */
	vector += strlen("CVSS:3.1/");
	if (out->version == CVSS_V40)
		return cvss4_score(vector, out, e);
	if (cvss_parse_metrics(vector, &v3_grammar, idx, e))
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
