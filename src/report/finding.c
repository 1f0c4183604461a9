#include "finding.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "rules/rule.h"

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
location_copy(struct location *dst, const struct location *src)
{
	if (!src) {
		memset(dst, 0, sizeof(*dst));
		dst->layer_index = -1;
		return;
	}
	*dst = *src;
	dst->file = dup_or_null(src->file);
	dst->target = dup_or_null(src->target);
	dst->layer_digest = dup_or_null(src->layer_digest);
	dst->layer_created_by = dup_or_null(src->layer_created_by);
	dst->path = dup_or_null(src->path);
	dst->instruction = dup_or_null(src->instruction);
}

void
location_release(struct location *loc)
{
	free((char *)loc->file);
	free((char *)loc->target);
	free((char *)loc->layer_digest);
	free((char *)loc->layer_created_by);
	free((char *)loc->path);
	free((char *)loc->instruction);
}

static struct finding *
findings_new(struct findings *fs, const struct location *loc)
{
	struct finding *f;

	ALLOC_GROW(fs->v, fs->n + 1, fs->cap);
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	location_copy(&f->loc, loc);
	return f;
}

/* A new finding with its id, severity, title and formatted message. */
static struct finding *
findings_vadd(struct findings *fs, const char *id, enum severity sev,
	      const char *title, const struct location *loc, const char *fmt,
	      va_list ap)
{
	struct finding *f = findings_new(fs, loc);
	struct buf msg = BUF_INIT;

	buf_vaddf(&msg, fmt, ap);
	f->id = xstrdup(id);
	f->severity = sev;
	f->title = xstrdup(title);
	f->message = buf_detach(&msg, NULL);
	return f;
}

struct finding *
findings_add_rule(struct findings *fs, const struct rule *rule,
		  const struct location *loc, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = findings_vadd(fs, rule->id, rule->severity, rule->title, loc, fmt,
			  ap);
	va_end(ap);
	f->rule = rule;
	f->remediation = dup_or_null(rule->remediation);
	for (const char *const *a = rule->aliases; a && *a; a++)
		strvec_push(&f->aliases, *a);
	for (const char *const *r = rule->references; r && *r; r++)
		strvec_push(&f->references, *r);
	return f;
}

struct finding *
findings_add(struct findings *fs, const char *id, enum severity sev,
	     const char *title, const struct location *loc, const char *fmt,
	     ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = findings_vadd(fs, id, sev, title, loc, fmt, ap);
	va_end(ap);
	return f;
}

void
finding_set_evidence(struct finding *f, const char *s)
{
	free(f->evidence);
	f->evidence = dup_or_null(s);
}

struct vuln_detail *
finding_vuln(struct finding *f)
{
	if (!f->vuln)
		f->vuln = xcalloc(1, sizeof(*f->vuln));
	return f->vuln;
}

void
findings_move(struct findings *dst, struct findings *src)
{
	/* An empty src may have no array at all: memcpy wants a pointer. */
	if (src->n) {
		ALLOC_GROW(dst->v, dst->n + src->n, dst->cap);
		memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
		dst->n += src->n;
	}
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

static int
strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if ((c = strcmp_null(a->loc.file, b->loc.file)))
		return c;
	if ((c = strcmp_null(a->loc.target, b->loc.target)))
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.layer_index != b->loc.layer_index)
		return a->loc.layer_index < b->loc.layer_index ? -1 : 1;
	if (a->loc.column != b->loc.column)
		return a->loc.column < b->loc.column ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if ((c = strcmp(a->id, b->id)))
		return c;
	if ((c = strcmp_null(a->loc.path, b->loc.path)))
		return c;
	if (a->vuln && b->vuln &&
	    (c = strcmp_null(a->vuln->pkg_name, b->vuln->pkg_name)))
		return c;
	return strcmp_null(a->message, b->message);
}

void
findings_sort(struct findings *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), finding_cmp);
}

void
findings_count(const struct findings *fs, size_t counts[SEV_COUNT])
{
	memset(counts, 0, SEV_COUNT * sizeof(*counts));
	for (size_t i = 0; i < fs->n; i++)
		if (!fs->v[i].suppressed)
			counts[fs->v[i].severity]++;
}

static void
vuln_free(struct vuln_detail *v)
{
	if (!v)
		return;
	free(v->pkg_name);
	free(v->pkg_version);
	free(v->fixed_version);
	free(v->status);
	free(v->ecosystem);
	free(v->purl);
	free(v->pkg_path);
	free(v->cvss_vector);
	free(v->published);
	free(v);
}

void
finding_release(struct finding *f)
{
	free(f->id);
	free(f->title);
	free(f->message);
	free(f->remediation);
	free(f->evidence);
	free(f->suppressed_by);
	strvec_release(&f->aliases);
	strvec_release(&f->references);
	location_release(&f->loc);
	vuln_free(f->vuln);
	memset(f, 0, sizeof(*f));
	f->loc.layer_index = -1;
}

void
findings_release(struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

char *
redact_secret(const char *secret, size_t len)
{
	struct buf b = BUF_INIT;
	size_t keep = 0;

	if (len > 8)
		keep = len >= 20 ? 4 : 2;
	buf_add(&b, secret, keep);
	buf_addstr(&b, "********");
	return buf_detach(&b, NULL);
}
