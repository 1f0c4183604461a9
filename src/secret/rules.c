/*
 * The secret rules: one per credential kind the engine recognises.
 */
#include <stddef.h>

#include "rules/registry-internal.h"

const struct rule *const secret_rules[] = {
	NULL,
};
