/*
 * The one registry of rules.  Each group keeps its own NULL-terminated
 * table next to its checks; this file only joins them and answers
 * look-ups by id or alias.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "rules/registry-internal.h"
#include "rules/rule.h"

static const struct rule *const *const rule_groups[] = {
	dockerfile_rules, image_rules, runtime_rules, host_rules, secret_rules,
};

/* Upper bound on the number of rules, for the sorted index. */
#define RULES_MAX 1024

static const struct rule *rules_sorted[RULES_MAX];
static unsigned rules_n;
static int rules_ready;

static int
rule_cmp(const void *a, const void *b)
{
	const struct rule *ra = *(const struct rule *const *)a;
	const struct rule *rb = *(const struct rule *const *)b;

	return strcmp(ra->id, rb->id);
}

static void
rules_init(void)
{
	if (rules_ready)
		return;
	for (size_t g = 0; g < ARRAY_SIZE(rule_groups); g++)
		for (const struct rule *const *r = rule_groups[g]; *r; r++)
			if (rules_n < RULES_MAX)
				rules_sorted[rules_n++] = *r;
	qsort(rules_sorted, rules_n, sizeof(*rules_sorted), rule_cmp);
	rules_ready = 1;
}

unsigned
rules_count(void)
{
	rules_init();
	return rules_n;
}

const struct rule *
rules_at(unsigned i)
{
	rules_init();
	return i < rules_n ? rules_sorted[i] : NULL;
}

/*
 * Bring the spellings people use to one form: upper case, Trivy's
 * "AVD-DS-0002" and "DS002" to "DS-0002".
 */
static void
id_normalize(const char *in, char *out, size_t outlen)
{
	const char *p = in;
	char tmp[64];
	size_t i;

	if (!strncasecmp(p, "AVD-", 4))
		p += 4;
	for (i = 0; p[i] && i + 1 < sizeof(tmp); i++)
		tmp[i] = (char)toupper((unsigned char)p[i]);
	tmp[i] = '\0';
	if (!strncmp(tmp, "DS", 2)) {
		const char *d = tmp + 2;
		long long n;

		if (*d == '-')
			d++;
		if (*d && strspn(d, "0123456789") == strlen(d) &&
		    strlen(d) <= 6 && !str_to_ll(d, 0, 999999, &n)) {
			snprintf(out, outlen, "DS-%04lld", n);
			return;
		}
	}
	snprintf(out, outlen, "%s", tmp);
}

bool
rule_matches(const struct rule *r, const char *id)
{
	char want[64], have[64];

	id_normalize(id, want, sizeof(want));
	id_normalize(r->id, have, sizeof(have));
	if (!strcmp(want, have))
		return true;
	for (const char *const *a = r->aliases; a && *a; a++) {
		id_normalize(*a, have, sizeof(have));
		if (!strcmp(want, have))
			return true;
	}
	return false;
}

unsigned
rules_find_all(const char *id, const struct rule **out, unsigned max)
{
	unsigned n = 0;

	rules_init();
	for (unsigned i = 0; i < rules_n && n < max; i++)
		if (rule_matches(rules_sorted[i], id))
			out[n++] = rules_sorted[i];
	return n;
}

const struct rule *
rules_find(const char *id)
{
	const struct rule *r = NULL;

	rules_init();
	/* An exact hull id wins over an alias. */
	for (unsigned i = 0; i < rules_n; i++)
		if (!strcasecmp(rules_sorted[i]->id, id))
			return rules_sorted[i];
	rules_find_all(id, &r, 1);
	return r;
}

const char *
rule_target_name(enum rule_target t)
{
	switch (t) {
	case RULE_DOCKERFILE:
		return "dockerfile";
	case RULE_IMAGE:
		return "image";
	case RULE_RUNTIME:
		return "runtime";
	case RULE_HOST:
		return "host";
	case RULE_SECRET:
		return "secret";
	}
	return "unknown";
}
