/*
 * The runtime rules.  The checks arrive with the runtime analyzer.
 */
#include <stddef.h>

#include "rules/registry-internal.h"

const struct rule *const runtime_rules[] = {
	NULL,
};
