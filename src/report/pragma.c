#include "report/pragma.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strmap.h"
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
pragma_body(const char *s, bool *global, bool *hull)
{
	s = skip_space(s);
	*hull = !strncasecmp(s, "hull", 4);
	if (*hull)
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
	bool global, hull;

	while (*s == '#' || *s == ' ' || *s == '\t')
		s++;
	s = pragma_body(s, &global, &hull);
	if (!s || !*s)
		return false;
	ALLOC_GROW(ps->v, ps->n + 1, ps->cap);
	p = &ps->v[ps->n++];
	memset(p, 0, sizeof(*p));
	p->at = comment_line;
	p->line = global ? 0 : target_line;
	p->hull = hull;
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

bool
pragma_effective(const struct pragma *p)
{
	return !p->hull || (p->reason && *p->reason);
}

/* A pragma's target line and its place in the list, for bisection. */
struct pragma_ref {
	unsigned line;
	size_t idx;
};

/* The pragmas of one file sorted by target line, and the answers given
 * so far: a file may hold thousands of pragmas and of findings, and one
 * look-up per pair would be quadratic. */
struct pragma_index {
	const struct pragmas *ps;
	struct pragma_ref *refs;
	struct strmap memo; /* "line id" -> pragma index + 1, or NO_PRAGMA */
};

#define NO_PRAGMA ((void *)UINTPTR_MAX)

static int
pragma_ref_cmp(const void *a, const void *b)
{
	const struct pragma_ref *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void
pragma_index_init(struct pragma_index *pi, const struct pragmas *ps)
{
	memset(pi, 0, sizeof(*pi));
	pi->ps = ps;
	pi->refs = xcalloc(ps->n + 1, sizeof(*pi->refs));
	for (size_t i = 0; i < ps->n; i++) {
		pi->refs[i].line = ps->v[i].line;
		pi->refs[i].idx = i;
	}
	qsort(pi->refs, ps->n, sizeof(*pi->refs), pragma_ref_cmp);
}

static void
pragma_index_release(struct pragma_index *pi)
{
	free(pi->refs);
	strmap_release(&pi->memo, NULL);
}

/* Position of the first ref whose line is not below `line`. */
static size_t
pragma_index_lower(const struct pragma_index *pi, unsigned line)
{
	size_t lo = 0, hi = pi->ps->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pi->refs[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first effective pragma for `line` (0: the global ones) that names
 * f, as an index into the pragmas, or SIZE_MAX. */
static size_t
pragma_index_match(struct pragma_index *pi, unsigned line,
		   const struct finding *f)
{
	char *key = xasprintf("%u %c%s", line, f->rule ? 'r' : 'a', f->id);
	void *v = strmap_get(&pi->memo, key);
	size_t found = SIZE_MAX;

	if (!v) {
		for (size_t k = pragma_index_lower(pi, line);
		     k < pi->ps->n && pi->refs[k].line == line; k++) {
			const struct pragma *p = &pi->ps->v[pi->refs[k].idx];

			if (pragma_effective(p) && pragma_names(p, f)) {
				found = pi->refs[k].idx;
				break;
			}
		}
		v = found == SIZE_MAX ? NO_PRAGMA
				      : (void *)(uintptr_t)(found + 1);
		strmap_put(&pi->memo, key, v);
	}
	free(key);
	return v == NO_PRAGMA ? SIZE_MAX : (size_t)((uintptr_t)v - 1);
}

void
pragmas_apply(const struct pragmas *ps, const char *file, struct findings *fs)
{
	struct pragma_index pi;

	if (!ps->n)
		return;
	pragma_index_init(&pi, ps);
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		const struct pragma *p;
		size_t g, l;

		if (f->suppressed || !f->loc.file || strcmp(f->loc.file, file))
			continue;
		g = pragma_index_match(&pi, 0, f);
		l = pragma_index_match(&pi, f->loc.line, f);
		if (l < g)
			g = l;
		if (g == SIZE_MAX)
			continue;
		p = &ps->v[g];
		f->suppressed = true;
		f->suppressed_by = xasprintf("inline pragma on line %u%s%s",
					     p->at, p->reason ? ": " : "",
					     p->reason ? p->reason : "");
	}
	pragma_index_release(&pi);
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
