/*
 * CVSS v4.0 scores, as FIRST's CVSS v4.0 specification defines them.
 *
 * A 4.0 score is not a formula of weights as in 3.x.  The metrics that
 * count (base, exploit maturity E, the environmental modified metrics and
 * the security requirements CR/IR/AR) fall into six equivalence sets,
 * EQ1 to EQ6.  The level of each set gives a six-digit macrovector, and
 * the specification publishes the score of every macrovector (270 of
 * them).  A vector scores at or below its macrovector: for each set, the
 * gap to the next lower macrovector is scaled by how far the vector sits
 * from the most severe vectors of its own macrovector, relative to the
 * set's depth, and the mean of those steps is taken off.
 *
 * All of it is integer arithmetic on tenths, so that the rounding to one
 * decimal is exact and a result of exactly x.x5 rounds up.  Floating-point
 * implementations need an epsilon before rounding to do the same: without
 * one, 8.6 - 0.05 comes out below 8.55 and rounds to 8.5.
 */
#include <stdbool.h>
#include <string.h>

#include "core/util.h"
#include "vuln/cvss-internal.h"

/*
 * The metrics a score reads, each as a severity level: 0 is the most
 * severe value, and each step towards the least severe adds one.  SI and
 * SA start at 1 because their modified forms have Safety (S) above High.
 */
enum cvss4_slot {
	CVSS4_AV,
	CVSS4_AC,
	CVSS4_AT,
	CVSS4_PR,
	CVSS4_UI,
	CVSS4_VC,
	CVSS4_VI,
	CVSS4_VA,
	CVSS4_SC,
	CVSS4_SI,
	CVSS4_SA,
	CVSS4_E,
	CVSS4_CR,
	CVSS4_IR,
	CVSS4_AR,
	CVSS4_NSLOT,
	CVSS4_NOSLOT = -1,
};

enum cvss4_group {
	CVSS4_GROUP_BASE,
	CVSS4_GROUP_THREAT,
	CVSS4_GROUP_ENV,
	CVSS4_GROUP_SUPPLEMENTAL,
};

/* Most values any 4.0 metric has, X aside (U: Clear Green Amber Red). */
#define CVSS4_MAX_VALUES 4

/*
 * One metric of the 4.0 vector string (the specification's table 23).
 * Every metric but the base ones also takes X, "not defined", which is
 * the same as leaving it out.
 */
struct cvss4_metric {
	const char *name;
	enum cvss4_group group;
	enum cvss4_slot slot; /* what it scores as; NOSLOT: not scored */
	unsigned char first;  /* severity level of values[0] */
	const char *values[CVSS4_MAX_VALUES + 1];
};

static const struct cvss4_metric cvss4_metrics[] = {
	{ "AV", CVSS4_GROUP_BASE, CVSS4_AV, 0, { "N", "A", "L", "P" } },
	{ "AC", CVSS4_GROUP_BASE, CVSS4_AC, 0, { "L", "H" } },
	{ "AT", CVSS4_GROUP_BASE, CVSS4_AT, 0, { "N", "P" } },
	{ "PR", CVSS4_GROUP_BASE, CVSS4_PR, 0, { "N", "L", "H" } },
	{ "UI", CVSS4_GROUP_BASE, CVSS4_UI, 0, { "N", "P", "A" } },
	{ "VC", CVSS4_GROUP_BASE, CVSS4_VC, 0, { "H", "L", "N" } },
	{ "VI", CVSS4_GROUP_BASE, CVSS4_VI, 0, { "H", "L", "N" } },
	{ "VA", CVSS4_GROUP_BASE, CVSS4_VA, 0, { "H", "L", "N" } },
	{ "SC", CVSS4_GROUP_BASE, CVSS4_SC, 0, { "H", "L", "N" } },
	{ "SI", CVSS4_GROUP_BASE, CVSS4_SI, 1, { "H", "L", "N" } },
	{ "SA", CVSS4_GROUP_BASE, CVSS4_SA, 1, { "H", "L", "N" } },
	{ "E", CVSS4_GROUP_THREAT, CVSS4_E, 0, { "A", "P", "U" } },
	{ "CR", CVSS4_GROUP_ENV, CVSS4_CR, 0, { "H", "M", "L" } },
	{ "IR", CVSS4_GROUP_ENV, CVSS4_IR, 0, { "H", "M", "L" } },
	{ "AR", CVSS4_GROUP_ENV, CVSS4_AR, 0, { "H", "M", "L" } },
	{ "MAV", CVSS4_GROUP_ENV, CVSS4_AV, 0, { "N", "A", "L", "P" } },
	{ "MAC", CVSS4_GROUP_ENV, CVSS4_AC, 0, { "L", "H" } },
	{ "MAT", CVSS4_GROUP_ENV, CVSS4_AT, 0, { "N", "P" } },
	{ "MPR", CVSS4_GROUP_ENV, CVSS4_PR, 0, { "N", "L", "H" } },
	{ "MUI", CVSS4_GROUP_ENV, CVSS4_UI, 0, { "N", "P", "A" } },
	{ "MVC", CVSS4_GROUP_ENV, CVSS4_VC, 0, { "H", "L", "N" } },
	{ "MVI", CVSS4_GROUP_ENV, CVSS4_VI, 0, { "H", "L", "N" } },
	{ "MVA", CVSS4_GROUP_ENV, CVSS4_VA, 0, { "H", "L", "N" } },
	{ "MSC", CVSS4_GROUP_ENV, CVSS4_SC, 0, { "H", "L", "N" } },
	{ "MSI", CVSS4_GROUP_ENV, CVSS4_SI, 0, { "S", "H", "L", "N" } },
	{ "MSA", CVSS4_GROUP_ENV, CVSS4_SA, 0, { "S", "H", "L", "N" } },
	{ "S", CVSS4_GROUP_SUPPLEMENTAL, CVSS4_NOSLOT, 0, { "N", "P" } },
	{ "AU", CVSS4_GROUP_SUPPLEMENTAL, CVSS4_NOSLOT, 0, { "N", "Y" } },
	{ "R", CVSS4_GROUP_SUPPLEMENTAL, CVSS4_NOSLOT, 0, { "A", "U", "I" } },
	{ "V", CVSS4_GROUP_SUPPLEMENTAL, CVSS4_NOSLOT, 0, { "D", "C" } },
	{ "RE", CVSS4_GROUP_SUPPLEMENTAL, CVSS4_NOSLOT, 0, { "L", "M", "H" } },
	{ "U",
	  CVSS4_GROUP_SUPPLEMENTAL,
	  CVSS4_NOSLOT,
	  0,
	  { "Clear", "Green", "Amber", "Red" } },
};

/* A parsed vector: levels as given, -1 where a metric is absent or X. */
struct cvss4_vector {
	signed char base[CVSS4_NSLOT];
	signed char modified[CVSS4_NSLOT]; /* also E, CR, IR, AR */
	bool seen[ARRAY_SIZE(cvss4_metrics)];
	bool threat, env; /* a threat / environmental metric is defined */
};

/*
 * The score of each macrovector in tenths, indexed by the levels of EQ1
 * to EQ6, from the specification's lookup table.  EQ3 level 2 (no high
 * impact on the vulnerable system) cannot go with EQ6 level 0 (a high
 * impact that a high requirement weighs): those slots are 0.  Each
 * comment heads the three EQ4 rows of one EQ1/EQ2/EQ3; a row holds the
 * three EQ5 levels, each as { EQ6 0, EQ6 1 }.
 */
static const unsigned char cvss4_macro[3][2][3][3][3][2] = {
	{
	    {
		/* EQ1 0 EQ2 0 EQ3 0 */
		{ { { 100, 99 }, { 98, 95 }, { 95, 92 } },
		  { { 100, 96 }, { 93, 87 }, { 91, 81 } },
		  { { 93, 90 }, { 89, 80 }, { 81, 68 } } },
		/* EQ1 0 EQ2 0 EQ3 1 */
		{ { { 98, 95 }, { 95, 92 }, { 90, 84 } },
		  { { 93, 92 }, { 89, 81 }, { 81, 65 } },
		  { { 88, 80 }, { 78, 70 }, { 69, 48 } } },
		/* EQ1 0 EQ2 0 EQ3 2 */
		{ { { 0, 92 }, { 0, 82 }, { 0, 72 } },
		  { { 0, 79 }, { 0, 69 }, { 0, 50 } },
		  { { 0, 69 }, { 0, 55 }, { 0, 27 } } },
	    },
	    {
		/* EQ1 0 EQ2 1 EQ3 0 */
		{ { { 99, 97 }, { 95, 92 }, { 92, 85 } },
		  { { 95, 91 }, { 90, 83 }, { 84, 71 } },
		  { { 92, 81 }, { 82, 71 }, { 72, 53 } } },
		/* EQ1 0 EQ2 1 EQ3 1 */
		{ { { 95, 93 }, { 92, 85 }, { 85, 73 } },
		  { { 92, 82 }, { 80, 72 }, { 70, 59 } },
		  { { 84, 70 }, { 71, 52 }, { 50, 30 } } },
		/* EQ1 0 EQ2 1 EQ3 2 */
		{ { { 0, 86 }, { 0, 75 }, { 0, 52 } },
		  { { 0, 71 }, { 0, 52 }, { 0, 29 } },
		  { { 0, 63 }, { 0, 29 }, { 0, 17 } } },
	    },
	},
	{
	    {
		/* EQ1 1 EQ2 0 EQ3 0 */
		{ { { 98, 95 }, { 94, 87 }, { 91, 81 } },
		  { { 94, 89 }, { 86, 74 }, { 77, 64 } },
		  { { 87, 75 }, { 74, 63 }, { 63, 49 } } },
		/* EQ1 1 EQ2 0 EQ3 1 */
		{ { { 94, 89 }, { 88, 77 }, { 76, 67 } },
		  { { 86, 76 }, { 74, 58 }, { 59, 50 } },
		  { { 72, 57 }, { 57, 52 }, { 52, 25 } } },
		/* EQ1 1 EQ2 0 EQ3 2 */
		{ { { 0, 83 }, { 0, 70 }, { 0, 54 } },
		  { { 0, 65 }, { 0, 58 }, { 0, 26 } },
		  { { 0, 53 }, { 0, 21 }, { 0, 13 } } },
	    },
	    {
		/* EQ1 1 EQ2 1 EQ3 0 */
		{ { { 95, 90 }, { 88, 76 }, { 76, 70 } },
		  { { 90, 77 }, { 75, 62 }, { 61, 53 } },
		  { { 77, 66 }, { 68, 59 }, { 52, 30 } } },
		/* EQ1 1 EQ2 1 EQ3 1 */
		{ { { 89, 78 }, { 76, 67 }, { 62, 58 } },
		  { { 74, 59 }, { 57, 57 }, { 47, 23 } },
		  { { 61, 52 }, { 57, 29 }, { 24, 16 } } },
		/* EQ1 1 EQ2 1 EQ3 2 */
		{ { { 0, 71 }, { 0, 59 }, { 0, 30 } },
		  { { 0, 58 }, { 0, 26 }, { 0, 15 } },
		  { { 0, 23 }, { 0, 13 }, { 0, 6 } } },
	    },
	},
	{
	    {
		/* EQ1 2 EQ2 0 EQ3 0 */
		{ { { 93, 87 }, { 86, 72 }, { 75, 58 } },
		  { { 86, 74 }, { 74, 61 }, { 56, 34 } },
		  { { 70, 54 }, { 52, 40 }, { 40, 22 } } },
		/* EQ1 2 EQ2 0 EQ3 1 */
		{ { { 85, 75 }, { 74, 55 }, { 62, 51 } },
		  { { 72, 57 }, { 55, 41 }, { 46, 19 } },
		  { { 53, 36 }, { 34, 19 }, { 19, 8 } } },
		/* EQ1 2 EQ2 0 EQ3 2 */
		{ { { 0, 64 }, { 0, 51 }, { 0, 20 } },
		  { { 0, 47 }, { 0, 21 }, { 0, 11 } },
		  { { 0, 24 }, { 0, 9 }, { 0, 4 } } },
	    },
	    {
		/* EQ1 2 EQ2 1 EQ3 0 */
		{ { { 88, 75 }, { 73, 53 }, { 60, 50 } },
		  { { 73, 55 }, { 59, 40 }, { 41, 20 } },
		  { { 54, 43 }, { 45, 22 }, { 20, 11 } } },
		/* EQ1 2 EQ2 1 EQ3 1 */
		{ { { 75, 55 }, { 58, 45 }, { 40, 21 } },
		  { { 61, 51 }, { 48, 18 }, { 20, 9 } },
		  { { 46, 18 }, { 17, 7 }, { 8, 2 } } },
		/* EQ1 2 EQ2 1 EQ3 2 */
		{ { { 0, 53 }, { 0, 24 }, { 0, 14 } },
		  { { 0, 24 }, { 0, 12 }, { 0, 5 } },
		  { { 0, 10 }, { 0, 3 }, { 0, 1 } } },
	    },
	},
};

/* The largest severity distance inside a level of each set (the "depth"
 * of the specification, plus one): what a distance is a fraction of. */
static const unsigned char eq1_depth[3] = { 1, 4, 5 };
static const unsigned char eq2_depth[2] = { 1, 2 };
static const unsigned char eq36_depth[3][2] = { { 7, 6 }, { 8, 8 }, { 0, 10 } };
static const unsigned char eq4_depth[3] = { 6, 5, 4 };

/* The least common multiple of every depth above, so that each fraction
 * of a step is a whole number of 1/840ths (840 = 2^3 * 3 * 5 * 7); it is
 * also a multiple of every count of lower macrovectors (1 to 5). */
#define CVSS4_DEPTH_LCM 840

/* Most highest-severity vectors any level of a set has (EQ3+EQ6 11). */
#define CVSS4_MAX_MAXES 5

/* The most severe vectors of one level of a set, on the set's metrics. */
struct cvss4_maxes {
	unsigned char n;
	unsigned char level[CVSS4_MAX_MAXES][6];
};

static const enum cvss4_slot eq1_slots[] = { CVSS4_AV, CVSS4_PR, CVSS4_UI };
static const struct cvss4_maxes eq1_maxes[3] = {
	{ 1, { { 0, 0, 0 } } },
	{ 3, { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } } },
	{ 2, { { 3, 0, 0 }, { 1, 1, 1 } } },
};

static const enum cvss4_slot eq2_slots[] = { CVSS4_AC, CVSS4_AT };
static const struct cvss4_maxes eq2_maxes[2] = {
	{ 1, { { 0, 0 } } },
	{ 2, { { 1, 0 }, { 0, 1 } } },
};

/* EQ3 and EQ6 are scored together: both read VC, VI and VA. */
static const enum cvss4_slot eq36_slots[] = { CVSS4_VC, CVSS4_VI, CVSS4_VA,
					      CVSS4_CR, CVSS4_IR, CVSS4_AR };
static const struct cvss4_maxes eq36_maxes[3][2] = {
	{
	    { 1, { { 0, 0, 0, 0, 0, 0 } } },
	    { 2, { { 0, 0, 1, 1, 1, 0 }, { 0, 0, 0, 1, 1, 1 } } },
	},
	{
	    { 2, { { 1, 0, 0, 0, 0, 0 }, { 0, 1, 0, 0, 0, 0 } } },
	    { 5,
	      { { 1, 0, 1, 0, 1, 0 },
		{ 1, 0, 0, 0, 1, 1 },
		{ 0, 1, 0, 1, 0, 1 },
		{ 0, 1, 1, 1, 0, 0 },
		{ 1, 1, 0, 0, 0, 1 } } },
	},
	{
	    { 0, { { 0 } } },
	    { 1, { { 1, 1, 1, 0, 0, 0 } } },
	},
};

static const enum cvss4_slot eq4_slots[] = { CVSS4_SC, CVSS4_SI, CVSS4_SA };
static const struct cvss4_maxes eq4_maxes[3] = {
	{ 1, { { 0, 0, 0 } } },
	{ 1, { { 0, 1, 1 } } },
	{ 1, { { 1, 2, 2 } } },
};

static const struct cvss4_metric *
metric_find(const char *name, size_t len, size_t *at)
{
	for (size_t i = 0; i < ARRAY_SIZE(cvss4_metrics); i++)
		if (strlen(cvss4_metrics[i].name) == len &&
		    !memcmp(cvss4_metrics[i].name, name, len)) {
			*at = i;
			return &cvss4_metrics[i];
		}
	return NULL;
}

/* The index of `val` among m's values, CVSS4_MAX_VALUES for X on a metric
 * that may be left undefined, -1 when unknown. */
static int
metric_value(const struct cvss4_metric *m, const char *val, size_t len)
{
	if (len == 1 && *val == 'X' && m->group != CVSS4_GROUP_BASE)
		return CVSS4_MAX_VALUES;
	for (int i = 0; i < CVSS4_MAX_VALUES && m->values[i]; i++)
		if (strlen(m->values[i]) == len &&
		    !memcmp(m->values[i], val, len))
			return i;
	return -1;
}

/* Record one "NAME:VALUE" metric in v. */
static int
vector_add(struct cvss4_vector *v, const char *name, size_t nlen,
	   const char *val, size_t vlen, struct err *e)
{
	const struct cvss4_metric *m;
	size_t at;
	int i;

	m = metric_find(name, nlen, &at);
	if (!m)
		return err_set(e, ERR_INPUT, "unknown metric '%.*s'", (int)nlen,
			       name);
	i = metric_value(m, val, vlen);
	if (i < 0)
		return err_set(e, ERR_INPUT,
			       "unknown value '%.*s' for metric '%s'",
			       (int)vlen, val, m->name);
	if (v->seen[at])
		return err_set(e, ERR_INPUT, "metric '%s' given twice",
			       m->name);
	v->seen[at] = true;
	if (i == CVSS4_MAX_VALUES || m->slot == CVSS4_NOSLOT)
		return 0;
	if (m->group == CVSS4_GROUP_BASE) {
		v->base[m->slot] = (signed char)(m->first + i);
		return 0;
	}
	v->modified[m->slot] = (signed char)(m->first + i);
	if (m->group == CVSS4_GROUP_THREAT)
		v->threat = true;
	else
		v->env = true;
	return 0;
}

/* Read "K:V/K:V/..." into v; every base metric must be there. */
static int
vector_parse(const char *s, struct cvss4_vector *v, struct err *e)
{
	struct cvss_token t;
	int r;

	memset(v, 0, sizeof(*v));
	memset(v->base, -1, sizeof(v->base));
	memset(v->modified, -1, sizeof(v->modified));
	while ((r = cvss_token_next(&s, &t, e)) > 0)
		if (vector_add(v, t.name, t.nlen, t.val, t.vlen, e))
			return -1;
	if (r < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(cvss4_metrics); i++)
		if (cvss4_metrics[i].group == CVSS4_GROUP_BASE && !v->seen[i])
			return err_set(e, ERR_INPUT, "base metric '%s' missing",
				       cvss4_metrics[i].name);
	return 0;
}

/*
 * The level each metric scores at: a modified metric replaces its base
 * metric, and E, CR, IR and AR left undefined take their most severe
 * value (E:A, CR:H...), as the specification asks.
 */
static void
vector_effective(const struct cvss4_vector *v, unsigned char *m)
{
	for (int i = 0; i < CVSS4_NSLOT; i++) {
		if (v->modified[i] >= 0)
			m[i] = (unsigned char)v->modified[i];
		else if (v->base[i] >= 0)
			m[i] = (unsigned char)v->base[i];
		else
			m[i] = 0;
	}
}

/* The levels of EQ1 to EQ6 (the specification's tables 24 to 29). */
static void
macrovector_of(const unsigned char *m, int *eq)
{
	bool av_n = m[CVSS4_AV] == 0, pr_n = m[CVSS4_PR] == 0,
	     ui_n = m[CVSS4_UI] == 0;
	bool vc_h = m[CVSS4_VC] == 0, vi_h = m[CVSS4_VI] == 0,
	     va_h = m[CVSS4_VA] == 0;

	if (av_n && pr_n && ui_n)
		eq[0] = 0;
	else if ((av_n || pr_n || ui_n) && m[CVSS4_AV] != 3)
		eq[0] = 1;
	else
		eq[0] = 2;
	eq[1] = m[CVSS4_AC] == 0 && m[CVSS4_AT] == 0 ? 0 : 1;
	if (vc_h && vi_h)
		eq[2] = 0;
	else if (vc_h || vi_h || va_h)
		eq[2] = 1;
	else
		eq[2] = 2;
	/* SI and SA: 0 is Safety, 1 is High. */
	if (m[CVSS4_SI] == 0 || m[CVSS4_SA] == 0)
		eq[3] = 0;
	else if (m[CVSS4_SC] == 0 || m[CVSS4_SI] == 1 || m[CVSS4_SA] == 1)
		eq[3] = 1;
	else
		eq[3] = 2;
	eq[4] = m[CVSS4_E];
	eq[5] = (m[CVSS4_CR] == 0 && vc_h) || (m[CVSS4_IR] == 0 && vi_h) ||
			(m[CVSS4_AR] == 0 && va_h)
		    ? 0
		    : 1;
}

/* A macrovector's score in tenths, -1 when there is no such macrovector
 * (a level past the last of its set, or EQ3 2 with EQ6 0). */
static int
macro_score(const int *eq)
{
	static const int nlevels[6] = { 3, 2, 3, 3, 3, 2 };
	int s;

	for (int i = 0; i < 6; i++)
		if (eq[i] < 0 || eq[i] >= nlevels[i])
			return -1;
	s = cvss4_macro[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]];
	return s ? s : -1;
}

/* The score of the macrovector one level lower in set i, or -1. */
static int
macro_lower(const int *eq, int i)
{
	int next[6];

	memcpy(next, eq, sizeof(next));
	next[i]++;
	return macro_score(next);
}

/*
 * EQ3 and EQ6 step down together, since EQ3 2 with EQ6 0 does not exist:
 * 00 goes to the higher of 01 and 10, 01 to 11, 10 to 11, 11 to 21, and
 * 21 has nothing below it.
 */
static int
macro_lower_eq36(const int *eq)
{
	int eq3 = macro_lower(eq, 2), eq6 = macro_lower(eq, 5);

	if (eq[2] == 0 && eq[5] == 0)
		return eq3 > eq6 ? eq3 : eq6;
	if (eq[5] == 1)
		return eq[2] < 2 ? eq3 : -1;
	return eq6;
}

/*
 * How many severity steps the vector sits below the first of the most
 * severe vectors of its level that it does not exceed on any metric.
 */
static int
severity_distance(const unsigned char *m, const enum cvss4_slot *slots,
		  size_t nslots, const struct cvss4_maxes *mx)
{
	int d = 0;

	for (int i = 0; i < mx->n; i++) {
		bool under = true;

		d = 0;
		for (size_t j = 0; j < nslots; j++) {
			int step = (int)m[slots[j]] - mx->level[i][j];

			if (step < 0)
				under = false;
			d += step;
		}
		if (under)
			break;
	}
	return d;
}

/* One set's share of the mean: its lower macrovector, distance, depth. */
struct cvss4_step {
	int lower; /* tenths, -1 when there is no lower macrovector */
	int distance;
	int depth;
};

static void
steps_of(const unsigned char *m, const int *eq, struct cvss4_step *st)
{
	st[0] = (struct cvss4_step){
		macro_lower(eq, 0),
		severity_distance(m, eq1_slots, ARRAY_SIZE(eq1_slots),
				  &eq1_maxes[eq[0]]),
		eq1_depth[eq[0]],
	};
	st[1] = (struct cvss4_step){
		macro_lower(eq, 1),
		severity_distance(m, eq2_slots, ARRAY_SIZE(eq2_slots),
				  &eq2_maxes[eq[1]]),
		eq2_depth[eq[1]],
	};
	st[2] = (struct cvss4_step){
		macro_lower_eq36(eq),
		severity_distance(m, eq36_slots, ARRAY_SIZE(eq36_slots),
				  &eq36_maxes[eq[2]][eq[5]]),
		eq36_depth[eq[2]][eq[5]],
	};
	st[3] = (struct cvss4_step){
		macro_lower(eq, 3),
		severity_distance(m, eq4_slots, ARRAY_SIZE(eq4_slots),
				  &eq4_maxes[eq[3]]),
		eq4_depth[eq[3]],
	};
	/* EQ5 has one metric and one most severe vector per level: its
	 * distance is always 0, but a lower level still counts in the
	 * mean. */
	st[4] = (struct cvss4_step){ macro_lower(eq, 4), 0, 1 };
}

/*
 * The score in tenths: the macrovector's score less the mean of the
 * steps, each step being the gap to the lower macrovector times the
 * distance over the depth.  Kept as one fraction over 840 * n so that
 * rounding half up to whole tenths is exact.
 */
static int
score_tenths(const unsigned char *m)
{
	struct cvss4_step st[5];
	int eq[6], macro, n = 0;
	long long num = 0, den, value;

	macrovector_of(m, eq);
	macro = macro_score(eq);
	steps_of(m, eq, st);
	for (int i = 0; i < 5; i++) {
		if (st[i].lower < 0)
			continue;
		n++;
		num += (long long)(macro - st[i].lower) * st[i].distance *
		       (CVSS4_DEPTH_LCM / st[i].depth);
	}
	if (!n)
		return macro;
	den = (long long)CVSS4_DEPTH_LCM * n;
	value = macro * den - num;
	if (value < 0)
		value = 0;
	if (value > 100 * den)
		value = 100 * den;
	return (int)((2 * value + den) / (2 * den));
}

/* No impact on either system scores 0 whatever the rest says. */
static bool
has_no_impact(const unsigned char *m)
{
	return m[CVSS4_VC] == 2 && m[CVSS4_VI] == 2 && m[CVSS4_VA] == 2 &&
	       m[CVSS4_SC] == 2 && m[CVSS4_SI] == 3 && m[CVSS4_SA] == 3;
}

static const char *
nomenclature_of(const struct cvss4_vector *v)
{
	if (v->threat)
		return v->env ? "CVSS-BTE" : "CVSS-BT";
	return v->env ? "CVSS-BE" : "CVSS-B";
}

int
cvss4_score(const char *metrics, struct cvss *out, struct err *e)
{
	struct cvss4_vector v;
	unsigned char m[CVSS4_NSLOT];

	if (vector_parse(metrics, &v, e))
		return -1;
	vector_effective(&v, m);
	out->nomenclature = nomenclature_of(&v);
	out->score = has_no_impact(m) ? 0 : score_tenths(m) / 10.0;
	return 0;
}
