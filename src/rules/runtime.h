/*
 * Running the runtime rules (RT...) over one container spec.
 */
#ifndef HULL_RULES_RUNTIME_H
#define HULL_RULES_RUNTIME_H

#include "parse/container_spec.h"
#include "report/finding.h"

/* Run every runtime rule on s, adding findings to out. */
void runtime_check(const struct container_spec *s, struct findings *out);

#endif
