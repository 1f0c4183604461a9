/*
 * Running the scanner over an input, whole or in chunks.
 *
 * The one-pass matcher sees every byte once and yields hits: with
 * Hyperscan, a kind's trigger ending at a stream offset; with the PCRE2
 * fallback, a keyword at stream offsets.  A hit becomes a region of text
 * around it (its line, or a window of it when the line is long, or for
 * multi-line kinds the text that follows), and each kind the hit stands
 * for (the trigger's kind, or every kind listing the keyword) runs its
 * regex over the region.  Nothing else looks at the bytes: lines are
 * only counted up to the hits that become findings.  A hit waits ("pending")
 * until the bytes its region needs have arrived, so a secret split across
 * chunks is seen whole.  The stream keeps only what pending hits and the next
 * hits can still need: memory stays bounded whatever the size of the input.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/log.h"
#include "core/xalloc.h"
#include "secret/scanner-internal.h"

/*
 * Context on each side of a hit when its line is longer than this:
 * minified files have megabyte lines, and every kind's match lies well
 * within 4 KiB of its keyword or trigger.
 */
#define SECRET_LINE_WINDOW 4096
/*
 * How far a multi-line kind looks past its hit: a PEM block of a
 * 16384-bit RSA key is about 12.5 KiB, PGP blocks with subkeys a few
 * KiB more.
 */
#define SECRET_MULTI_WINDOW 65536
/* Bytes before a region given to the regex so that look-behinds see the
 * real preceding characters. */
#define SECRET_LOOKBEHIND 16

struct hit {
	uint64_t ks, ke; /* keyword at [ks, ke); a trigger ends at ke = ks */
	uint32_t kw;	 /* keyword index, or a trigger's kind */
};

struct raw {
	size_t kind;
	unsigned line, column, end_line;
	char *evidence;
};

struct secret_stream_priv {
	struct hit *hits;
	size_t nhits, hits_cap, head;
	struct raw *raws;
	size_t nraws, raws_cap;
	uint64_t *scanned_to;  /* per kind: end of the last region run */
	uint64_t *reported_to; /* per kind: end of the last match kept */
	uint64_t fed;	       /* bytes given to the one-pass matcher */
	uint64_t cur_pos;      /* line cursor: a stream offset, ... */
	unsigned cur_line;     /* its line, ... */
	uint64_t cur_ls;       /* and where that line starts */
	bool fixed;	       /* secret_scan_value: keep loc's line */
#ifdef HULL_HAVE_HYPERSCAN
	hs_stream_t *hs;
	uint64_t *last_hit; /* per kind: 1 + end of its last trigger hit */
	const char *scan_p; /* the bytes being scanned, ... */
	uint64_t scan_base; /* and the stream offset of scan_p[0] */
#endif
};

/* Contiguous bytes covering stream offsets [base, base + n). */
struct view {
	const char *p;
	uint64_t base;
	size_t n;
};

static const char *
vat(const struct view *v, uint64_t off)
{
	return v->p + (off - v->base);
}

static void
hit_push(struct secret_stream_priv *pv, uint64_t ks, uint64_t ke, unsigned kw)
{
	ALLOC_GROW(pv->hits, pv->nhits + 1, pv->hits_cap);
	pv->hits[pv->nhits].ks = ks;
	pv->hits[pv->nhits].ke = ke;
	pv->hits[pv->nhits].kw = kw;
	pv->nhits++;
}

#ifdef HULL_HAVE_HYPERSCAN
/*
 * A trigger that ends again on the line of its kind's previous hit adds
 * nothing: that hit's region is the whole line (or a window of it wider
 * than this distance).  Dropping it keeps the hit list as short as the
 * number of lines with a trigger, whatever a hostile input repeats.
 */
static bool
hit_same_line(const struct secret_stream_priv *pv, uint64_t last, uint64_t to)
{
	if (!last-- || last < pv->scan_base ||
	    to - last >= SECRET_LINE_WINDOW / 2)
		return false;
	return !memchr(pv->scan_p + (last - pv->scan_base), '\n',
		       (size_t)(to - last));
}

static int
hs_on_hit(unsigned id, unsigned long long from, unsigned long long to,
	  unsigned flags, void *ctx)
{
	struct secret_stream_priv *pv = ctx;

	(void)from;
	(void)flags;
	if (hit_same_line(pv, pv->last_hit[id], to))
		return 0;
	pv->last_hit[id] = to + 1;
	hit_push(pv, to, to, id);
	return 0;
}
#endif

/* The fallback: find every keyword start with one PCRE2 alternation. */
static void
keywords_pcre2(struct secret_stream *st, const struct view *v)
{
	struct secret_scanner *s = st->s;
	struct secret_stream_priv *pv = st->priv;
	uint64_t from = pv->fed > s->max_kw ? pv->fed - s->max_kw + 1 : 0;
	PCRE2_SIZE off = (size_t)((from > v->base ? from : v->base) - v->base);

	while (off < v->n) {
		PCRE2_SIZE *ov;
		size_t m;

		if (pcre2_match(s->kw_re, (PCRE2_SPTR)v->p, v->n, off, 0, s->md,
				NULL) < 0)
			break;
		ov = pcre2_get_ovector_pointer(s->md);
		m = ov[0];
		for (size_t i = 0; i < s->nkw; i++) {
			uint64_t ke = v->base + m + s->kw_len[i];

			if (m + s->kw_len[i] <= v->n && ke > pv->fed &&
			    !strncasecmp(v->p + m, s->kw[i], s->kw_len[i]))
				hit_push(pv, ke - s->kw_len[i], ke,
					 (unsigned)i);
		}
		off = m + 1;
	}
}

static int
keywords_feed(struct secret_stream *st, const struct view *v)
{
	struct secret_stream_priv *pv = st->priv;
	uint64_t end = v->base + v->n;

	if (end <= pv->fed)
		return 0;
#ifdef HULL_HAVE_HYPERSCAN
	if (st->s->use_hs) {
		const char *p = vat(v, pv->fed);

		if (!pv->hs)
			return err_set(&st->e, ERR_INTERNAL,
				       "hyperscan stream could not be opened");

		pv->scan_p = v->p;
		pv->scan_base = v->base;
		if (hs_scan_stream(pv->hs, p, (unsigned)(end - pv->fed), 0,
				   st->s->hs_scratch, hs_on_hit,
				   pv) != HS_SUCCESS)
			return err_set(&st->e, ERR_INTERNAL,
				       "hyperscan scan failed");
		pv->fed = end;
		return 0;
	}
#endif
	keywords_pcre2(st, v);
	pv->fed = end;
	return 0;
}

/* Hits arrive ordered by their end; regions want them by start. */
static void
hits_sort(struct secret_stream_priv *pv)
{
	for (size_t i = pv->head + 1; i < pv->nhits; i++) {
		struct hit h = pv->hits[i];
		size_t j = i;

		while (j > pv->head && pv->hits[j - 1].ks > h.ks) {
			pv->hits[j] = pv->hits[j - 1];
			j--;
		}
		pv->hits[j] = h;
	}
}

/*
 * Newlines in p[0..n), sixteen bytes at a time where SSE2 is there (every
 * x86-64): a compare gives -1 per newline, up to 255 rounds of it add up
 * in byte lanes, and one sum of absolute differences folds the lanes.
 * Counting the lines up to a hit then costs a fraction of reading them.
 */
static unsigned
count_newlines(const char *p, size_t n)
{
	unsigned c = 0;
	size_t i = 0;

#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n');
	const __m128i zero = _mm_setzero_si128();

	while (n - i >= 16) {
		size_t rounds = (n - i) / 16 < 255 ? (n - i) / 16 : 255;
		__m128i acc = zero;

		for (size_t r = 0; r < rounds; r++, i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(p + i));

			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, nl));
		}
		acc = _mm_sad_epu8(acc, zero);
		c += (unsigned)_mm_cvtsi128_si32(acc) +
		     (unsigned)_mm_extract_epi16(acc, 4);
	}
#endif
	for (; i < n; i++)
		c += p[i] == '\n';
	return c;
}

/* Move the line cursor to `to` (usually forward). */
static void
cursor_move(struct secret_stream_priv *pv, const struct view *v, uint64_t to)
{
	if (to >= pv->cur_pos) {
		size_t n = (size_t)(to - pv->cur_pos);
		unsigned lines = count_newlines(vat(v, pv->cur_pos), n);
		const char *nl = memrchr(vat(v, pv->cur_pos), '\n', n);

		pv->cur_line += lines;
		if (nl)
			pv->cur_ls = v->base + (uint64_t)(nl - v->p) + 1;
	} else {
		unsigned back = count_newlines(vat(v, to), pv->cur_pos - to);
		const char *nl = memrchr(v->p, '\n', (size_t)(to - v->base));

		pv->cur_line -= back;
		if (back)
			pv->cur_ls =
			    nl ? v->base + (uint64_t)(nl - v->p) + 1 : v->base;
	}
	pv->cur_pos = to;
}

/* Line and column of `pos`, at or after the cursor, without moving it. */
static void
line_of(struct secret_stream_priv *pv, const struct view *v, uint64_t pos,
	unsigned *line, unsigned *col)
{
	const char *from = vat(v, pv->cur_pos);
	size_t n = (size_t)(pos - pv->cur_pos);
	const char *nl = memrchr(from, '\n', n);

	*line = pv->cur_line + count_newlines(from, n);
	if (nl)
		*col = (unsigned)(vat(v, pos) - nl);
	else
		*col = (unsigned)(pos - pv->cur_ls + 1);
}

static bool
allowed_by_user(const struct secret_scanner *s, const char *p, size_t n)
{
	for (size_t i = 0; i < s->nallow; i++) {
		int rc = pcre2_match(s->allow[i], (PCRE2_SPTR)p, n, 0, 0, s->md,
				     NULL);

		if (rc >= 0)
			return true;
	}
	return false;
}

static bool
regex_hits(pcre2_code *re, pcre2_match_data *md, const char *p, size_t n)
{
	return re && pcre2_match(re, (PCRE2_SPTR)p, n, 0, 0, md, NULL) >= 0;
}

/*
 * Is the secret at sec[0..sn) inside the match m[0..mn), on the line
 * line[0..ln), worth a finding?
 */
static bool
match_keep(const struct secret_scanner *s, const struct compiled_kind *ck,
	   const char *m, size_t mn, const char *sec, size_t sn,
	   const char *line, size_t ln)
{
	unsigned flags = ck->kind->flags;

	/* No credential holds a NUL; text with one past the binary probe is
	 * junk, and the redacted evidence would end at it. */
	if (!sn || memchr(sec, '\0', sn))
		return false;
	if ((flags & SECRET_GENERIC) &&
	    !secret_generic_keep(m, mn, (size_t)(sec - m), sn, line, ln))
		return false;
	if (regex_hits(ck->allow, s->md, sec, sn))
		return false;
	if ((flags & SECRET_PLACEHOLDERS) && secret_is_placeholder(sec, sn))
		return false;
	if ((flags & SECRET_ENTROPY) && !secret_looks_random(sec, sn))
		return false;
	return !allowed_by_user(s, m, mn) && !allowed_by_user(s, sec, sn);
}

static void
raw_add(struct secret_stream *st, const struct view *v, size_t kind,
	uint64_t s0, uint64_t s1)
{
	struct secret_stream_priv *pv = st->priv;
	struct raw *r;
	unsigned col;

	if (pv->nraws >= SECRET_MAX_FINDINGS_PER_INPUT) {
		st->truncated = true;
		return;
	}
	ALLOC_GROW(pv->raws, pv->nraws + 1, pv->raws_cap);
	r = &pv->raws[pv->nraws++];
	r->kind = kind;
	r->evidence = redact_secret(vat(v, s0), (size_t)(s1 - s0));
	if (pv->fixed) {
		r->line = r->end_line = st->loc.line;
		r->column = st->loc.column;
		return;
	}
	/* Lines are counted here, for findings only, not for every hit. */
	cursor_move(pv, v, s0);
	line_of(pv, v, s0, &r->line, &r->column);
	line_of(pv, v, s1 - 1, &r->end_line, &col);
}

/* The span of the secret in a match: the first "secret" group set. */
static void
match_secret(const struct compiled_kind *ck, const PCRE2_SIZE *ov,
	     PCRE2_SIZE *s0, PCRE2_SIZE *s1)
{
	*s0 = ov[0];
	*s1 = ov[1];
	for (unsigned i = 0; i < ck->n_groups; i++) {
		uint32_t g = ck->groups[i];

		if (ov[2 * g] != PCRE2_UNSET) {
			*s0 = ov[2 * g];
			*s1 = ov[2 * g + 1];
			return;
		}
	}
}

static void
kind_run(struct secret_stream *st, const struct view *v, size_t k, uint64_t rs,
	 uint64_t re)
{
	struct secret_scanner *s = st->s;
	struct secret_stream_priv *pv = st->priv;
	const struct compiled_kind *ck = &s->kinds[k];
	uint64_t sb =
	    rs - v->base > SECRET_LOOKBEHIND ? rs - SECRET_LOOKBEHIND : v->base;
	const char *subj = vat(v, sb);
	size_t n = (size_t)(re - sb);
	PCRE2_SIZE off = (size_t)(rs - sb);

	while (off <= n) {
		PCRE2_SIZE *ov, s0, s1;

		if (pcre2_match(ck->re, (PCRE2_SPTR)subj, n, off, 0, s->md,
				NULL) < 0)
			break;
		ov = pcre2_get_ovector_pointer(s->md);
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		if (sb + ov[0] < pv->reported_to[k])
			continue;
		match_secret(ck, ov, &s0, &s1);
		if (!match_keep(s, ck, subj + ov[0], ov[1] - ov[0], subj + s0,
				s1 - s0, subj, n))
			continue;
		raw_add(st, v, k, sb + s0, sb + s1);
		pv->reported_to[k] = sb + ov[1];
	}
}

/* Start of the line holding `pos`, no further back than the window. */
static uint64_t
region_start(const struct view *v, uint64_t pos)
{
	uint64_t lo = pos - v->base > SECRET_LINE_WINDOW
			  ? pos - SECRET_LINE_WINDOW
			  : v->base;
	const char *nl = memrchr(vat(v, lo), '\n', (size_t)(pos - lo));

	return nl ? v->base + (uint64_t)(nl - v->p) + 1 : lo;
}

/*
 * End of the line holding the keyword that ends at `pos`, or of its
 * window.  Returns false when the bytes that decide it have not arrived.
 */
static bool
region_end(const struct view *v, uint64_t pos, bool final, uint64_t *re)
{
	uint64_t end = v->base + v->n;
	uint64_t hi =
	    pos + SECRET_LINE_WINDOW < end ? pos + SECRET_LINE_WINDOW : end;
	const char *nl = memchr(vat(v, pos), '\n', (size_t)(hi - pos));

	if (nl) {
		*re = v->base + (uint64_t)(nl - v->p);
		return true;
	}
	*re = hi;
	return final || pos + SECRET_LINE_WINDOW <= end;
}

/* Run the kinds of one hit.  Returns false when it must wait. */
static bool
hit_run(struct secret_stream *st, const struct view *v, const struct hit *h,
	bool final)
{
	struct secret_stream_priv *pv = st->priv;
	uint64_t kinds = st->s->use_hs ? 1ull << h->kw : st->s->kw_kinds[h->kw];
	uint64_t end = v->base + v->n;
	uint64_t rs, re, multi_re = h->ks + SECRET_MULTI_WINDOW;

	if (!region_end(v, h->ke, final, &re))
		return false;
	for (size_t k = 0; k < st->s->nkinds; k++)
		if ((kinds >> k & 1) &&
		    (st->s->kinds[k].kind->flags & SECRET_MULTILINE) &&
		    multi_re > end && !final)
			return false;
	if (multi_re > end)
		multi_re = end;
	rs = region_start(v, h->ks);
	for (size_t k = 0; k < st->s->nkinds; k++) {
		bool multi = st->s->kinds[k].kind->flags & SECRET_MULTILINE;
		uint64_t kre = multi ? multi_re : re;
		uint64_t half =
		    (multi ? SECRET_MULTI_WINDOW : SECRET_LINE_WINDOW) / 2;

		if (!(kinds >> k & 1))
			continue;
		if (kre <= pv->scanned_to[k] ||
		    h->ks + half <= pv->scanned_to[k])
			continue;
		pv->scanned_to[k] = kre;
		kind_run(st, v, k, rs, kre);
	}
	return true;
}

/* Run every hit whose region is complete in v. */
static void
hits_run(struct secret_stream *st, const struct view *v, bool final)
{
	struct secret_stream_priv *pv = st->priv;

	hits_sort(pv);
	while (pv->head < pv->nhits &&
	       hit_run(st, v, &pv->hits[pv->head], final))
		pv->head++;
	if (pv->head)
		memmove(pv->hits, pv->hits + pv->head,
			(pv->nhits - pv->head) * sizeof(*pv->hits));
	pv->nhits -= pv->head;
	pv->head = 0;
}

/* Feed the one-pass matcher and run every hit whose region is complete. */
static int
view_process(struct secret_stream *st, const struct view *v, bool final)
{
	if (keywords_feed(st, v))
		return -1;
	hits_run(st, v, final);
	return 0;
}

/* Bytes before a hit (or before the end of input) a region may need. */
static uint64_t
window_back(const struct secret_stream *st)
{
	return SECRET_LINE_WINDOW + st->s->max_kw + SECRET_LOOKBEHIND;
}

/* The first stream offset that pending or future hits can need. */
static uint64_t
window_keep(const struct secret_stream *st)
{
	const struct secret_stream_priv *pv = st->priv;
	uint64_t back = window_back(st);
	uint64_t keep = pv->fed > back ? pv->fed - back : 0;

	if (pv->nhits) {
		uint64_t ks = pv->hits[0].ks;
		uint64_t need = ks > back ? ks - back : 0;

		if (need < keep)
			keep = need;
	}
	return keep;
}

/* Drop the retained bytes that no pending or future hit can need. */
static void
window_trim(struct secret_stream *st)
{
	struct secret_stream_priv *pv = st->priv;
	uint64_t keep = window_keep(st);
	struct view v = { st->win.data, st->base, st->win.len };
	size_t drop;

	if (keep <= st->base)
		return;
	if (pv->cur_pos < keep)
		cursor_move(pv, &v, keep);
	drop = (size_t)(keep - st->base);
	memmove(st->win.data, st->win.data + drop, st->win.len - drop);
	buf_setlen(&st->win, st->win.len - drop);
	st->base = keep;
}

void
secret_stream_init(struct secret_stream *st, struct secret_scanner *s,
		   const struct location *loc)
{
	struct secret_stream_priv *pv = xcalloc(1, sizeof(*pv));
	const char *path;

	memset(st, 0, sizeof(*st));
	st->s = s;
	buf_init(&st->win);
	location_copy(&st->loc, loc);
	st->priv = pv;
	st->probing = true;
	pv->cur_line = 1;
	pv->scanned_to = xcalloc(s->nkinds, sizeof(*pv->scanned_to));
	pv->reported_to = xcalloc(s->nkinds, sizeof(*pv->reported_to));
	path = st->loc.path ? st->loc.path : st->loc.file;
	st->skipped = path && secret_path_allowed(s, path);
#ifdef HULL_HAVE_HYPERSCAN
	if (s->use_hs && hs_open_stream(s->hs_db, 0, &pv->hs) != HS_SUCCESS)
		pv->hs = NULL;
	if (s->use_hs)
		pv->last_hit = xcalloc(s->nkinds, sizeof(*pv->last_hit));
#endif
}

static bool
probe_binary(const char *p, size_t n)
{
	return memchr(p, '\0',
		      n < SECRET_BINARY_PROBE ? n : SECRET_BINARY_PROBE);
}

/*
 * A chunk whose hits all lie at least window_back() bytes into it is
 * scanned and run in place: only its tail (what pending hits and the
 * next chunk's first lines can need) is copied into the window.  Returns
 * 1 when it was, 0 when the chunk must be joined to the window first
 * (a hit near its start, or one left pending from before).
 */
static int
chunk_process(struct secret_stream *st, const char *data, size_t len)
{
	struct secret_stream_priv *pv = st->priv;
	uint64_t d0 = st->base + st->win.len;
	struct view v = { data, d0, len };
	struct view w = { st->win.data, st->base, st->win.len };
	uint64_t keep;

	if (keywords_feed(st, &v))
		return -1;
	hits_sort(pv);
	if (pv->nhits && pv->hits[0].ks < d0 + window_back(st))
		return 0;
	if (pv->cur_pos < d0)
		cursor_move(pv, &w, d0);
	hits_run(st, &v, false);
	keep = window_keep(st);
	if (pv->cur_pos < keep)
		cursor_move(pv, &v, keep);
	buf_reset(&st->win);
	buf_add(&st->win, data + (keep - d0), (size_t)(d0 + len - keep));
	st->base = keep;
	return 1;
}

int
secret_scan_stream(struct secret_stream *st, const void *data, size_t len)
{
	struct view v;

	st->total += len;
	if (st->binary || st->skipped || !len)
		return 0;
	if (!st->probing && st->s->use_hs && len >= 2 * window_back(st)) {
		int rc = chunk_process(st, data, len);

		if (rc)
			return rc < 0 ? -1 : 0;
	}
	buf_add(&st->win, data, len);
	if (st->probing) {
		if (probe_binary(st->win.data, st->win.len)) {
			st->binary = true;
			buf_release(&st->win);
			return 0;
		}
		if (st->win.len < SECRET_BINARY_PROBE)
			return 0;
		st->probing = false;
	}
	v.p = st->win.data;
	v.base = st->base;
	v.n = st->win.len;
	if (view_process(st, &v, false))
		return -1;
	window_trim(st);
	return 0;
}

static int
raws_emit(struct secret_stream *st, struct findings *out)
{
	struct secret_stream_priv *pv = st->priv;
	int added = 0;

	for (size_t i = 0; i < pv->nraws; i++) {
		const struct raw *r = &pv->raws[i];
		const struct rule *rule = st->s->kinds[r->kind].kind->rule;
		struct location loc = st->loc;
		struct finding *f;
		bool shadowed = false;

		/* A generic match gives way to a specific kind on its line. */
		if (st->s->kinds[r->kind].kind->flags & SECRET_GENERIC)
			for (size_t j = 0; j < pv->nraws && !shadowed; j++)
				shadowed = pv->raws[j].line == r->line &&
					   !(st->s->kinds[pv->raws[j].kind]
						 .kind->flags &
					     SECRET_GENERIC);
		if (shadowed)
			continue;
		loc.line = r->line;
		loc.column = r->column;
		loc.end_line = r->end_line;
		f = findings_add_rule(out, rule, &loc, "%s (redacted: %s)",
				      rule->title, r->evidence);
		finding_set_evidence(f, r->evidence);
		added++;
	}
	return added;
}

/* Say that an input hit SECRET_MAX_FINDINGS_PER_INPUT, naming it. */
static void
warn_truncated(const struct secret_stream *st)
{
	if (st->truncated)
		log_warn("'%s': more than %d secrets, only the first reported",
			 st->loc.path ? st->loc.path : st->loc.file,
			 SECRET_MAX_FINDINGS_PER_INPUT);
}

int
secret_stream_finish(struct secret_stream *st, struct findings *out)
{
	struct view v = { st->win.data, st->base, st->win.len };

	if (st->binary || st->skipped)
		return 0;
	if (st->probing && probe_binary(st->win.data, st->win.len)) {
		st->binary = true;
		return 0;
	}
	st->probing = false;
	if (view_process(st, &v, true))
		return -1;
	warn_truncated(st);
	return raws_emit(st, out);
}

void
secret_stream_release(struct secret_stream *st)
{
	struct secret_stream_priv *pv = st->priv;

	if (pv) {
		for (size_t i = 0; i < pv->nraws; i++)
			free(pv->raws[i].evidence);
		free(pv->raws);
		free(pv->hits);
		free(pv->scanned_to);
		free(pv->reported_to);
#ifdef HULL_HAVE_HYPERSCAN
		if (pv->hs)
			hs_close_stream(pv->hs, NULL, NULL, NULL);
		free(pv->last_hit);
#endif
		free(pv);
	}
	location_release(&st->loc);
	buf_release(&st->win);
	memset(st, 0, sizeof(*st));
}

int
secret_scan_buffer(struct secret_scanner *s, const void *data, size_t len,
		   const struct location *loc, struct findings *out)
{
	struct secret_stream st;
	struct view v = { data, 0, len };
	int n = 0;

	secret_stream_init(&st, s, loc);
	if (!st.skipped && !probe_binary(data, len)) {
		st.probing = false;
		st.total = len;
		if (view_process(&st, &v, true) == 0) {
			warn_truncated(&st);
			n = raws_emit(&st, out);
		} else {
			n = -1;
		}
	}
	secret_stream_release(&st);
	return n;
}

int
secret_scan_value(struct secret_scanner *s, const char *name, const char *value,
		  const struct location *loc, struct findings *out)
{
	struct secret_stream st;
	struct buf text = BUF_INIT;
	struct view v;
	int n;

	if (name)
		buf_addf(&text, "%s=", name);
	buf_addstr(&text, value);
	v.p = text.data;
	v.base = 0;
	v.n = text.len;
	secret_stream_init(&st, s, loc);
	st.priv->fixed = true;
	st.probing = false;
	n = st.skipped ? 0 : view_process(&st, &v, true);
	if (n == 0)
		n = raws_emit(&st, out);
	secret_stream_release(&st);
	buf_release(&text);
	return n;
}
