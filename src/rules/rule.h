/*
 * struct rule: one check, with everything a person needs to act on it.
 *
 * Every rule hull knows sits in one registry (rules/registry.c), grouped
 * by what it reads:
 *
 *	DF  Dockerfile            (struct dockerfile)
 *	IM  image config, files   (struct image_facts, or the layer stream)
 *	RT  runtime settings      (struct container_spec: compose, run, Engine)
 *	HO  host and daemon       (struct host_facts)
 *	SE  secrets               (the secret engine)
 *
 * A rule's `aliases` lists the ids of the tools people migrate from
 * (hadolint DL..., Trivy DS-..., Dockle CIS-DI-.../DKL-..., CIS Docker
 * Benchmark sections as "CIS-4.1", KICS/Checkov ids); hull accepts them
 * wherever it accepts its own id.
 *
 * `check` is NULL for rules whose findings come from an engine rather than
 * a per-subject function (the secret scanner, the layer-stream analyzers);
 * those engines look the rule up by id and emit against it.
 */
#ifndef HULL_RULES_RULE_H
#define HULL_RULES_RULE_H

#include <stdbool.h>

#include "report/finding.h"
#include "report/severity.h"

struct dockerfile;
struct image_facts;
struct container_spec;
struct host_facts;

enum rule_target {
	RULE_DOCKERFILE,
	RULE_IMAGE,
	RULE_RUNTIME,
	RULE_HOST,
	RULE_SECRET,
};

union rule_check {
	void (*dockerfile)(const struct rule *self, const struct dockerfile *df,
			   struct findings *out);
	void (*image)(const struct rule *self, const struct image_facts *img,
		      struct findings *out);
	void (*runtime)(const struct rule *self,
			const struct container_spec *spec,
			struct findings *out);
	void (*host)(const struct rule *self, const struct host_facts *host,
		     struct findings *out);
};

struct rule {
	const char *id; /* "DF001" */
	enum severity severity;
	enum rule_target target;
	const char *title;	       /* one line, no final period */
	const char *why;	       /* why it matters: a paragraph */
	const char *remediation;       /* how to fix it: one or two lines */
	const char *bad;	       /* an example that fires */
	const char *good;	       /* the same example fixed */
	const char *const *aliases;    /* NULL-terminated, may be NULL */
	const char *const *references; /* NULL-terminated, may be NULL */
	union rule_check check;
};

/* Iterate over every rule in id order; NULL after the last. */
const struct rule *rules_at(unsigned i);
unsigned rules_count(void);

/*
 * Find a rule by its id or by any alias, case-insensitively.  Trivy ids are
 * accepted as DS-0002, DS002 and AVD-DS-0002; CIS sections as CIS-4.1.
 * An exact hull id wins; an alias that several rules carry gives the
 * first in id order, so whoever acts on an alias (policy, `hull rules`)
 * uses rules_find_all() or rule_matches() instead.  Returns NULL when
 * nothing matches.
 */
const struct rule *rules_find(const char *id);

/*
 * All rules that list `id` (or are `id`): an alias may map to several
 * hull rules.  Fills out[] with at most max rules; returns how many.
 */
unsigned rules_find_all(const char *id, const struct rule **out, unsigned max);

/* True when `id` names r itself or one of its aliases. */
bool rule_matches(const struct rule *r, const char *id);

/* Name of a target group: "dockerfile", "image", ... */
const char *rule_target_name(enum rule_target t);

#endif
