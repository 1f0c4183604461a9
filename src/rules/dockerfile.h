/*
 * Linting a parsed Dockerfile: every enabled DF rule, the parser's
 * problems as findings, and the file's own ignore pragmas.
 */
#ifndef HULL_RULES_DOCKERFILE_H
#define HULL_RULES_DOCKERFILE_H

#include "parse/dockerfile.h"
#include "parse/dockerignore.h"
#include "report/finding.h"
#include "report/policy.h"

/*
 * Run the Dockerfile rules over df and add their findings to out.
 * `policy` (may be NULL) supplies trusted registries and tells which rules
 * are disabled, so their checks are skipped; `ignore` (may be NULL) is the
 * .dockerignore of the build context, read by the whole-context-copy
 * rule.  Parse problems become DF000/DF099 findings.  The file's
 * `# hull ignore=` and `# hadolint ignore=` pragmas are applied to the
 * findings of this file before it returns.
 *
 * Not reentrant: the context lives in a static for the length of the call.
 */
void dockerfile_lint(const struct dockerfile *df, const struct policy *policy,
		     const struct dockerignore *ignore, struct findings *out);

#endif
