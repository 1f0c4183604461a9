/*
 * Secrets in an image's config and history (IM002, IM003, IM004 and the
 * SE rules on Env, Labels and history lines), the redaction of history
 * lines, and the placing of the layer analyzers' findings.  The policy
 * that keeps one finding per secret is in rules/image.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "rules/image-internal.h"
#include "rules/image.h"
#include "secret/secret.h"

/* ---- redaction ---- */

/* Number of findings the engine has for text (0 without a scanner). */
static int
engine_count(struct secret_scanner *s, const char *name, const char *text)
{
	struct findings tmp = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	int n;

	if (!s)
		return 0;
	n = secret_scan_value(s, name, text, &loc, &tmp);
	findings_release(&tmp);
	return n > 0 ? n : 0;
}

/* The heuristics' verdict, with the user's allow patterns applied. */
static bool
credential_like(struct secret_scanner *s, const char *name, const char *value)
{
	return image_credential_like(name, value) &&
	       !(s && secret_text_allowed(s, value));
}

/*
 * Walk the build arguments a classic or BuildKit RUN line starts with:
 * "|2 A=1 B=2 /bin/sh -c ...", after an optional "RUN ".  Calls fn for
 * each NAME=value word; returns the offset of what follows them.
 */
typedef void (*buildarg_fn)(const char *line, size_t off, size_t len, size_t eq,
			    void *arg);

static size_t
buildargs_walk(const char *line, buildarg_fn fn, void *arg)
{
	const char *p = line;
	long long n;
	char num[8];
	size_t k;

	if (str_starts_with(p, "RUN "))
		p += 4;
	if (*p != '|')
		return 0;
	k = strspn(p + 1, "0123456789");
	if (!k || k >= sizeof(num))
		return 0;
	memcpy(num, p + 1, k);
	num[k] = '\0';
	if (str_to_ll(num, 1, 100000, &n))
		return 0;
	p += 1 + k;
	for (long long i = 0; i < n; i++) {
		size_t len;
		const char *eq;

		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (!len)
			break;
		eq = memchr(p, '=', len);
		if (eq && fn)
			fn(line, (size_t)(p - line), len, (size_t)(eq - p),
			   arg);
		p += len;
	}
	return (size_t)(p - line);
}

struct redact_state {
	struct secret_scanner *s;
	struct buf out;	     /* the line being redacted, in place */
	struct strvec words; /* flagged NAME=value build arguments */
};

/* Replace out[off..off+len) by the redaction of that span. */
static void
span_redact(struct buf *b, size_t off, size_t len)
{
	char *red = redact_secret(b->data + off, len);
	struct buf nb = BUF_INIT;

	buf_add(&nb, b->data, off);
	buf_addstr(&nb, red);
	buf_addstr(&nb, b->data + off + len);
	buf_release(b);
	*b = nb;
	free(red);
}

static void
buildarg_check(const char *line, size_t off, size_t len, size_t eq, void *arg)
{
	struct redact_state *st = arg;
	char *name = xstrndup(line + off, eq);
	char *value = xstrndup(line + off + eq + 1, len - eq - 1);

	if (*value && (credential_like(st->s, name, value) ||
		       engine_count(st->s, name, value) > 0))
		strvec_push_nodup(&st->words, xstrndup(line + off, len));
	free(name);
	free(value);
}

/* Hide every occurrence of `v` in out, from `from` on. */
static void
value_redact_all(struct buf *out, const char *v, size_t from)
{
	size_t vl = strlen(v);
	char *hit;

	while (from < out->len && (hit = strstr(out->data + from, v))) {
		size_t off = (size_t)(hit - out->data);
		size_t before = out->len;

		span_redact(out, off, vl);
		from = off + vl + out->len - before;
	}
}

/*
 * Hide the values of the flagged build arguments: in their NAME=value
 * word, and, when they are long enough not to be a common word, wherever
 * else the line repeats them.
 */
static void
buildargs_redact(struct redact_state *st)
{
	for (size_t i = 0; i < st->words.n; i++) {
		const char *w = st->words.v[i];
		const char *v = strchr(w, '=') + 1;
		char *hit = strstr(st->out.data, w);

		if (hit)
			span_redact(&st->out,
				    (size_t)(hit - st->out.data) +
					(size_t)(v - w),
				    strlen(v));
		if (strlen(v) >= 4)
			value_redact_all(&st->out, v, 0);
	}
}

static bool
word_char(char c)
{
	return c && !strchr(" \t\r\n'\"`;|&()<>,", c);
}

/* Redact each word the engine finds a secret in on its own. */
static int
words_redact(struct redact_state *st)
{
	size_t off = 0, words = 0;

	while (off < st->out.len) {
		size_t len = 0, before;
		char *word;
		const char *eq;

		while (off < st->out.len && !word_char(st->out.data[off]))
			off++;
		while (word_char(st->out.data[off + len]))
			len++;
		if (!len)
			break;
		if (++words > IMAGE_REDACT_MAX_WORDS)
			return -1;
		word = xstrndup(st->out.data + off, len);
		before = st->out.len;
		if (len >= 8 && engine_count(st->s, NULL, word) > 0) {
			/* Keep the name of NAME=value readable. */
			eq = strchr(word, '=');
			if (eq && eq > word && eq[1])
				span_redact(&st->out,
					    off + (size_t)(eq - word) + 1,
					    len - (size_t)(eq - word) - 1);
			else
				span_redact(&st->out, off, len);
		}
		free(word);
		off += len + st->out.len - before;
	}
	return 0;
}

char *
image_text_redact(struct secret_scanner *s, const char *text)
{
	struct redact_state st = { s, BUF_INIT, STRVEC_INIT };
	bool secret;
	char *res = NULL;

	if (!text || !*text)
		return NULL;
	buildargs_walk(text, buildarg_check, &st);
	secret = st.words.n || engine_count(s, NULL, text) > 0;
	if (!secret)
		goto out;
	if (strlen(text) > IMAGE_REDACT_MAX_LINE)
		goto placeholder;
	buf_addstr(&st.out, text);
	buildargs_redact(&st);
	if (words_redact(&st) < 0 || engine_count(s, NULL, st.out.data) > 0)
		goto placeholder;
	res = buf_detach(&st.out, NULL);
	goto out;
placeholder:
	res = xasprintf("[%zu bytes not shown: they hold a secret]",
			strlen(text));
out:
	buf_release(&st.out);
	strvec_release(&st.words);
	return res;
}

/* ---- Env and labels ---- */

/* Say where the secrets of the engine's findings in fs are. */
static void
messages_where(struct findings *fs, const char *where)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *fi = &fs->v[i];
		char *m = xasprintf("%s in %s (redacted: %s)", fi->title, where,
				    fi->evidence ? fi->evidence : "");

		free(fi->message);
		fi->message = m;
	}
}

static void
pair_report(const struct rule *r, const struct image_facts *f, const char *what,
	    const char *name, const char *value, struct findings *out)
{
	struct finding *fi;
	char *red;

	fi = image_finding(r, f, -1, NULL, out,
			   "%s '%s' holds what looks like a credential", what,
			   name);
	red = redact_secret(value, strlen(value));
	finding_set_evidence(fi, red);
	free(red);
}

/*
 * One NAME=value of Env or Labels: the engine first, the heuristic of r
 * for what it passes over.  Values that made a finding go to flagged.
 */
static void
pair_scan(const struct rule *r, const struct image_facts *f,
	  struct secret_scanner *s, const char *what, const char *pair,
	  struct strvec *flagged, struct findings *out)
{
	const char *eq = strchr(pair, '=');
	struct findings tmp = FINDINGS_INIT;
	struct location loc;
	char *name, *where;
	int n = 0;

	if (!eq || !eq[1])
		return;
	name = xstrndup(pair, (size_t)(eq - pair));
	image_facts_location(f, -1, NULL, &loc);
	if (s)
		n = secret_scan_value(s, name, eq + 1, &loc, &tmp);
	if (n > 0) {
		where = xasprintf("%s '%s'", what, name);
		messages_where(&tmp, where);
		free(where);
		findings_move(out, &tmp);
		strvec_push(flagged, eq + 1);
	} else if (credential_like(s, name, eq + 1)) {
		pair_report(r, f, what, name, eq + 1, out);
		strvec_push(flagged, eq + 1);
	}
	findings_release(&tmp);
	free(name);
}

/* ---- history ---- */

struct history_args {
	struct secret_scanner *s;
	const struct image_facts *f;
	const struct image_history *h;
	struct findings *out;
};

static void
history_arg_report(const char *line, size_t off, size_t len, size_t eq,
		   void *arg)
{
	struct history_args *ha = arg;
	char *name = xstrndup(line + off, eq);
	char *value = xstrndup(line + off + eq + 1, len - eq - 1);
	struct location loc;
	struct finding *fi;
	char *red;

	if (credential_like(ha->s, name, value)) {
		image_facts_location(ha->f, ha->h->layer, NULL, &loc);
		loc.layer_created_by = ha->h->shown;
		fi = findings_add_rule(ha->out, &im004, &loc,
				       "build argument '%s' used by a RUN is "
				       "recorded in the image history",
				       name);
		red = redact_secret(value, strlen(value));
		finding_set_evidence(fi, red);
		free(red);
	}
	free(name);
	free(value);
}

/*
 * The line without the values already reported (by the config, or by an
 * earlier history line: the classic builder repeats every build argument
 * on each RUN after its ARG), so that one secret makes one finding.
 */
static char *
line_without(const char *line, const struct strvec *flagged)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, line);
	for (size_t i = 0; i < flagged->n; i++) {
		size_t vl = strlen(flagged->v[i]);
		char *hit;

		if (vl < 4)
			continue;
		while ((hit = strstr(b.data, flagged->v[i]))) {
			size_t off = (size_t)(hit - b.data);

			memmove(hit, hit + vl, b.len - off - vl + 1);
			b.len -= vl;
		}
	}
	return buf_detach(&b, NULL);
}

/* Add the line's secret build-argument values to flagged. */
static void
buildargs_flag(struct secret_scanner *s, const char *line,
	       struct strvec *flagged)
{
	struct redact_state st = { s, BUF_INIT, STRVEC_INIT };

	buildargs_walk(line, buildarg_check, &st);
	for (size_t i = 0; i < st.words.n; i++)
		strvec_push(flagged, strchr(st.words.v[i], '=') + 1);
	strvec_release(&st.words);
}

static void
history_show(struct image *img, struct secret_scanner *s,
	     struct image_history *h)
{
	struct image_facts *f = &img->facts;
	char *red = image_text_redact(s, h->created_by);

	if (!red)
		return;
	h->shown = arena_strdup(&img->arena, red);
	if (h->layer >= 0 && (size_t)h->layer < f->n_layers)
		f->layers[h->layer].created_by = h->shown;
	free(red);
}

static void
history_scan(struct image *img, struct secret_scanner *s, size_t idx,
	     struct strvec *flagged, struct findings *out)
{
	struct image_facts *f = &img->facts;
	struct image_history *h = &f->history[idx];
	struct history_args ha = { s, f, h, out };
	struct findings tmp = FINDINGS_INIT;
	struct location loc;
	char *text, *where;
	int n = 0;

	if (!h->created_by || !*h->created_by)
		return;
	history_show(img, s, h);
	text = line_without(h->created_by, flagged);
	image_facts_location(f, h->layer, NULL, &loc);
	loc.layer_created_by = h->shown;
	if (s)
		n = secret_scan_value(s, NULL, text, &loc, &tmp);
	if (n > 0) {
		where = h->layer >= 0
			    ? xasprintf("the image history, entry %zu "
					"(layer %d)",
					idx, h->layer)
			    : xasprintf("the image history, entry %zu", idx);
		messages_where(&tmp, where);
		free(where);
		findings_move(out, &tmp);
	} else {
		buildargs_walk(text, history_arg_report, &ha);
	}
	buildargs_flag(s, text, flagged);
	findings_release(&tmp);
	free(text);
}

void
image_config_secrets(struct image *img, struct secret_scanner *s,
		     struct findings *out)
{
	struct image_facts *f = &img->facts;
	struct strvec flagged = STRVEC_INIT;

	for (size_t i = 0; i < f->env.n; i++)
		pair_scan(&im002, f, s, "environment variable", f->env.v[i],
			  &flagged, out);
	for (size_t i = 0; i < f->labels.n; i++)
		pair_scan(&im003, f, s, "label", f->labels.v[i], &flagged, out);
	/* Lines of layers first: a secret is reported with the first layer
	 * that records it, rather than with the ARG that declared it. */
	for (size_t i = 0; i < f->n_history; i++)
		if (f->history[i].layer >= 0)
			history_scan(img, s, i, &flagged, out);
	for (size_t i = 0; i < f->n_history; i++)
		if (f->history[i].layer < 0)
			history_scan(img, s, i, &flagged, out);
	strvec_release(&flagged);
}

/* ---- placing the analyzers' findings ---- */

static void
message_append(struct finding *fi, char *text)
{
	char *m = xasprintf("%s%s", fi->message ? fi->message : "", text);

	free(fi->message);
	fi->message = m;
	free(text);
}

/* A secret finding on a file that the final filesystem no longer has
 * from that layer: say it is still in the layer. */
static void
place_removed(const struct image_facts *f, struct finding *fi)
{
	const struct path_node *node;

	if (!f->scanned || !fi->loc.path || strncmp(fi->id, "SE", 2))
		return;
	node = path_index_get(&f->fs, fi->loc.path);
	if (node && node->layer == fi->loc.layer_index)
		return;
	message_append(fi, xasprintf("; a later layer removes or replaces "
				     "'%s', but it can still be extracted "
				     "from layer %d",
				     fi->loc.path, fi->loc.layer_index));
}

static void
place_instruction(const struct image_facts *f, struct finding *fi)
{
	const struct image_layer *ly = &f->layers[fi->loc.layer_index];

	if (!ly->instruction || fi->loc.instruction || !f->dockerfile)
		return;
	if (fi->loc.line && fi->loc.path)
		message_append(fi, xasprintf(" (line %u of '%s')", fi->loc.line,
					     fi->loc.path));
	free((char *)fi->loc.file);
	fi->loc.file = xstrdup(f->dockerfile);
	fi->loc.line = ly->dockerfile_line;
	fi->loc.end_line = 0;
	fi->loc.column = 0;
	fi->loc.instruction = xstrdup(ly->instruction);
}

void
image_findings_place(const struct image_facts *f, size_t from,
		     struct findings *out)
{
	for (size_t i = from; i < out->n; i++) {
		struct finding *fi = &out->v[i];

		if (fi->loc.layer_index < 0 ||
		    (size_t)fi->loc.layer_index >= f->n_layers)
			continue;
		place_removed(f, fi);
		place_instruction(f, fi);
	}
}
