/*
 * The rule tables of each group, joined by registry.c.  Each is a
 * NULL-terminated array defined beside the checks of its group.
 */
#ifndef HULL_RULES_REGISTRY_INTERNAL_H
#define HULL_RULES_REGISTRY_INTERNAL_H

#include "rules/rule.h"

extern const struct rule *const dockerfile_rules[]; /* dockerfile.c */
extern const struct rule *const image_rules[];	    /* image.c */
extern const struct rule *const runtime_rules[];    /* runtime.c */
extern const struct rule *const host_rules[];	    /* host.c */
extern const struct rule *const secret_rules[];	    /* secret/rules.c */

#endif
