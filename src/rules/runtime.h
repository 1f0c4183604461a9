/*
 * Running the runtime rules (RT...) over one container spec.
 */
#ifndef HULL_RULES_RUNTIME_H
#define HULL_RULES_RUNTIME_H

#include "parse/container_spec.h"
#include "report/finding.h"

struct secret_scanner;

/*
 * Run every runtime rule on s, adding findings to out.
 *
 * `secrets` (may be NULL) is the run's secret engine, built once per run
 * with the policy's allowlists.  With it, RT022 also reports a literal
 * environment value, label value or entrypoint/command word that is a
 * credential by its format (an AWS key id, a GitHub token...) whatever
 * it is called.  Such a finding is RT022 at the setting's own location,
 * never an SE finding: `hull scan` drops the SE finding its text pass
 * makes for the same file and line, so a secret is reported once.
 */
void runtime_check(const struct container_spec *s,
		   struct secret_scanner *secrets, struct findings *out);

#endif
