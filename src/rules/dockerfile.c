/*
 * The Dockerfile rules.
 */
#include <stddef.h>

#include "rules/registry-internal.h"

const struct rule *const dockerfile_rules[] = {
	NULL,
};
