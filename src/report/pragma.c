#include "report/pragma.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "rules/rule.h"

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Accept "hull" or "hadolint", then an optional "global", then
 * "ignore=". */
static const char *
pragma_body(const char *s, bool *global)
{
	s = skip_space(s);
	if (!strncasecmp(s, "hull", 4))
		s += 4;
	else if (!strncasecmp(s, "hadolint", 8))
		s += 8;
	else
		return NULL;
	if (*s != ' ' && *s != '\t')
		return NULL;
	s = skip_space(s);
	*global = false;
	if (!strncasecmp(s, "global", 6) && (s[6] == ' ' || s[6] == '\t')) {
		*global = true;
		s = skip_space(s + 6);
	}
	if (strncasecmp(s, "ignore", 6))
		return NULL;
	s = skip_space(s + 6);
	if (*s != '=')
		return NULL;
	return skip_space(s + 1);
}

bool
pragmas_parse_comment(struct pragmas *ps, const char *comment,
		      unsigned comment_line, unsigned target_line)
{
	const char *s = comment, *end;
	struct pragma *p;
	bool global;

	while (*s == '#' || *s == ' ' || *s == '\t')
		s++;
	s = pragma_body(s, &global);
	if (!s || !*s)
		return false;
	ALLOC_GROW(ps->v, ps->n + 1, ps->cap);
	p = &ps->v[ps->n++];
	memset(p, 0, sizeof(*p));
	p->at = comment_line;
	p->line = global ? 0 : target_line;
	for (;;) {
		end = s + strcspn(s, ", \t\r\n");
		if (end > s) {
			char *id = xstrndup(s, (size_t)(end - s));

			strvec_push_nodup(&p->ids, id);
		}
		s = end;
		if (*s != ',')
			break;
		s = skip_space(s + 1);
	}
	s = skip_space(s);
	if (*s) {
		size_t n = strcspn(s, "\r\n");

		p->reason = str_trim_dup(s, n);
	}
	return true;
}

static bool
pragma_names(const struct pragma *p, const struct finding *f)
{
	for (size_t i = 0; i < p->ids.n; i++) {
		if (f->rule ? rule_matches(f->rule, p->ids.v[i])
			    : !strcasecmp(f->id, p->ids.v[i]))
			return true;
	}
	return false;
}

void
pragmas_apply(const struct pragmas *ps, const char *file, struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];

		if (f->suppressed || !f->loc.file || strcmp(f->loc.file, file))
			continue;
		for (size_t j = 0; j < ps->n; j++) {
			const struct pragma *p = &ps->v[j];

			if (p->line && p->line != f->loc.line)
				continue;
			if (!pragma_names(p, f))
				continue;
			f->suppressed = true;
			f->suppressed_by = xasprintf(
			    "inline pragma on line %u%s%s", p->at,
			    p->reason ? ": " : "", p->reason ? p->reason : "");
			break;
		}
	}
}

void
pragmas_release(struct pragmas *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		strvec_release(&ps->v[i].ids);
		free(ps->v[i].reason);
	}
	free(ps->v);
	ps->v = NULL;
	ps->n = ps->cap = 0;
}
