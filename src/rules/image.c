/*
 * The image rules.  The checks arrive with the image analyzer.
 */
#include <stddef.h>

#include "rules/registry-internal.h"

const struct rule *const image_rules[] = {
	NULL,
};
