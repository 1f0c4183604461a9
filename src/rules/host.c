/*
 * The host rules.  The checks arrive with the host analyzer.
 */
#include <stddef.h>

#include "rules/registry-internal.h"

const struct rule *const host_rules[] = {
	NULL,
};
