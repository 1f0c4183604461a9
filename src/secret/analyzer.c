/*
 * The secret analyzer of the layer stream: every regular file that may be
 * text, plus the files that hold credentials by name, scanned as they
 * stream past.  Deletions in later layers (`removed`) are ignored on
 * purpose: the file is still in its layer for anyone who pulls it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "secret/secret.h"

/* Bytes read from an entry at a time. */
#define SECRET_ANALYZER_CHUNK (256u * 1024)

struct secret_analyzer {
	struct secret_scanner *s;
	char *target;
	char *chunk;
	struct findings found;
};

static bool
analyzer_wants(void *self, const struct layer_entry *e)
{
	(void)self;
	if (e->type != ENTRY_FILE || !e->size)
		return false;
	if (secret_path_is_sensitive(e->path))
		return true;
	return !secret_path_is_binary(e->path);
}

static int
analyzer_entry(void *self, const struct layer_entry *e, struct entry_reader *r)
{
	struct secret_analyzer *a = self;
	struct location loc = LOCATION_INIT;
	struct secret_stream st;
	uint64_t total = 0;
	int rc = 0;

	loc.target = a->target;
	loc.path = e->path;
	loc.layer_index = e->layer_index;
	loc.layer_digest = e->layer_digest;
	loc.layer_created_by = e->created_by;
	secret_stream_init(&st, a->s, &loc);
	while (!st.binary && !st.skipped && total < SECRET_MAX_FILE) {
		ssize_t n = r->read(r, a->chunk, SECRET_ANALYZER_CHUNK);

		if (n < 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (secret_scan_stream(&st, a->chunk, (size_t)n) < 0) {
			rc = -1;
			break;
		}
	}
	if (total >= SECRET_MAX_FILE)
		log_warn("'%s': only the first %llu bytes scanned for secrets",
			 e->path, SECRET_MAX_FILE);
	/* What was read before an error is still worth reporting. */
	secret_stream_finish(&st, &a->found);
	secret_stream_release(&st);
	return rc;
}

static void
analyzer_finish(void *self, struct findings *out)
{
	struct secret_analyzer *a = self;

	findings_move(out, &a->found);
}

static const struct analyzer_ops secret_analyzer_ops = {
	.name = "secrets",
	.wants = analyzer_wants,
	.entry = analyzer_entry,
	.removed = NULL, /* a deleted file is still in its layer */
	.finish = analyzer_finish,
};

struct analyzer
secret_analyzer_new(struct secret_scanner *s, const char *target)
{
	struct secret_analyzer *a = xcalloc(1, sizeof(*a));
	struct analyzer an;

	a->s = s;
	a->target = target ? xstrdup(target) : NULL;
	a->chunk = xmalloc(SECRET_ANALYZER_CHUNK);
	an.ops = &secret_analyzer_ops;
	an.self = a;
	return an;
}

void
secret_analyzer_free(struct analyzer *an)
{
	struct secret_analyzer *a = an->self;

	if (!a)
		return;
	findings_release(&a->found);
	free(a->target);
	free(a->chunk);
	free(a);
	an->self = NULL;
}
