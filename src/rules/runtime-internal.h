/*
 * What the runtime rule files share: where a setting sits, how a finding
 * names its container, and the path and capability facts the checks need.
 */
#ifndef HULL_RULES_RUNTIME_INTERNAL_H
#define HULL_RULES_RUNTIME_INTERNAL_H

#include <stdbool.h>

#include "parse/container_spec.h"
#include "report/finding.h"
#include "rules/rule.h"

/*
 * Add a finding for rule at `pos` of spec s (the spec's own position when
 * pos has no line).  The message is prefixed with the service or
 * container it is about.
 */
struct finding *rt_report(const struct rule *r, const struct container_spec *s,
			  const struct spec_pos *pos, struct findings *out,
			  const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A capability from the set hull calls dangerous to add, or NULL. */
bool rt_cap_dangerous(const char *cap);
/* True when cap_drop holds ALL. */
bool rt_drops_all(const struct container_spec *s);

/* The host path is a container runtime's API socket. */
bool rt_path_is_runtime_socket(const char *path);
/* The host path is (or holds) a sensitive part of the host; *what gets
 * the sensitive path it matched. */
bool rt_path_is_sensitive(const char *path, const char **what);

/* A namespace mode that shares the host's ("host"). */
bool rt_mode_is_host(const char *mode);

/* An environment entry that holds a credential as a literal value. */
bool rt_env_is_literal_secret(const struct spec_env *ev);

#endif
