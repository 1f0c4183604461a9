/*
 * Building the scanner: compiling each kind's regex, the one-pass matcher
 * (every kind's trigger in one Hyperscan database, or the keywords in one
 * PCRE2 alternation) and the allowlists.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "secret/hscache.h"
#include "secret/scanner-internal.h"

static pcre2_code *
regex_compile(const char *pattern, uint32_t flags, struct err *e,
	      enum err_kind kind, const char *what)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags,
			   &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		err_set(e, kind, "invalid %s '%s' at offset %zu: %s", what,
			pattern, (size_t)off, (char *)msg);
		return NULL;
	}
	/* JIT is an optimisation: without it PCRE2 interprets. */
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* Record the numbers of the groups named "secret" (several with (?J)). */
static void
kind_find_groups(struct compiled_kind *ck)
{
	uint32_t count, size;
	PCRE2_SPTR table;

	pcre2_pattern_info(ck->re, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(ck->re, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(ck->re, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR ent = table + (size_t)i * size;
		unsigned num = ((unsigned)ent[0] << 8) | ent[1];

		if (!strcmp((const char *)ent + 2, "secret") &&
		    ck->n_groups < SECRET_MAX_GROUPS)
			ck->groups[ck->n_groups++] = num;
	}
}

static int
kinds_compile(struct secret_scanner *s, struct err *e)
{
	s->nkinds = secret_kinds_count;
	s->kinds = xcalloc(s->nkinds, sizeof(*s->kinds));
	for (size_t i = 0; i < s->nkinds; i++) {
		const struct secret_kind *k = &secret_kinds[i];
		struct compiled_kind *ck = &s->kinds[i];

		ck->kind = k;
		ck->re =
		    regex_compile(k->regex, 0, e, ERR_INTERNAL, k->rule->id);
		if (!ck->re)
			return -1;
		if (k->allow && !(ck->allow = regex_compile(
				      k->allow, 0, e, ERR_INTERNAL, "allow")))
			return -1;
		kind_find_groups(ck);
	}
	return 0;
}

static size_t
keyword_add(struct secret_scanner *s, const char *w, size_t n)
{
	for (size_t i = 0; i < s->nkw; i++)
		if (s->kw_len[i] == n && !strncasecmp(s->kw[i], w, n))
			return i;
	ALLOC_GROW(s->kw, s->nkw + 1, s->kw_cap);
	s->kw_len = xreallocarray(s->kw_len, s->kw_cap, sizeof(*s->kw_len));
	s->kw_kinds =
	    xreallocarray(s->kw_kinds, s->kw_cap, sizeof(*s->kw_kinds));
	s->kw[s->nkw] = xstrndup(w, n);
	str_lower(s->kw[s->nkw]);
	s->kw_len[s->nkw] = n;
	s->kw_kinds[s->nkw] = 0;
	if (n > s->max_kw)
		s->max_kw = n;
	return s->nkw++;
}

static int
keywords_collect(struct secret_scanner *s, struct err *e)
{
	if (s->nkinds > 64)
		return err_set(e, ERR_INTERNAL,
			       "too many secret kinds for the keyword mask");
	for (size_t i = 0; i < s->nkinds; i++) {
		const char *p = secret_kinds[i].keywords;

		while (*p) {
			size_t n = strcspn(p, "|");

			if (n) {
				size_t w = keyword_add(s, p, n);

				s->kw_kinds[w] |= 1ull << i;
			}
			p += n;
			if (*p)
				p++;
		}
	}
	return 0;
}

/* One case-insensitive alternation of every keyword, for the fallback. */
static int
keywords_compile_pcre2(struct secret_scanner *s, struct err *e)
{
	struct buf re = BUF_INIT;

	buf_addstr(&re, "(?:");
	for (size_t i = 0; i < s->nkw; i++)
		buf_addf(&re, "%s\\Q%s\\E", i ? "|" : "", s->kw[i]);
	buf_addch(&re, ')');
	s->kw_re = regex_compile(re.data, PCRE2_CASELESS, e, ERR_INTERNAL,
				 "keyword set");
	buf_release(&re);
	return s->kw_re ? 0 : -1;
}

#ifdef HULL_HAVE_HYPERSCAN
/*
 * Every kind's trigger in one streaming database; a match's id is the
 * kind's index.  No start-of-match tracking: the engine only needs the
 * line a trigger ends on, and leftmost-start tracking would cost both
 * speed and pattern support.
 */
/*
 * NEEDSWORK: this pass is three quarters of a scan's CPU time and runs at
 * 2 to 2.5 GB/s on source text, below what cat reads on the same
 * machine; a database of literal triggers only, with the regex triggers
 * run behind them, is the next thing to measure.
 */
static int
triggers_compile_hs(struct secret_scanner *s, struct err *e)
{
	const char **pats = xcalloc(s->nkinds, sizeof(*pats));
	unsigned *flags = xcalloc(s->nkinds, sizeof(*flags));
	unsigned *ids = xcalloc(s->nkinds, sizeof(*ids));
	hs_compile_error_t *cerr = NULL;
	int rc = 0;

	for (size_t i = 0; i < s->nkinds; i++) {
		pats[i] = s->kinds[i].kind->trigger;
		ids[i] = (unsigned)i;
	}
	if (hscache_compile(pats, flags, ids, (unsigned)s->nkinds,
			    HS_MODE_STREAM, &s->hs_db, &cerr) != HS_SUCCESS) {
		int at = cerr ? cerr->expression : -1;

		rc = err_set(e, ERR_INTERNAL, "hyperscan: trigger of %s: %s",
			     at >= 0 ? s->kinds[at].kind->rule->id : "?",
			     cerr ? cerr->message : "compile failed");
		hs_free_compile_error(cerr);
	} else if (hs_alloc_scratch(s->hs_db, &s->hs_scratch) != HS_SUCCESS) {
		rc = err_set(e, ERR_INTERNAL, "hyperscan: no scratch space");
	}
	free(pats);
	free(flags);
	free(ids);
	return rc;
}
#endif

static int
allowlists_compile(struct secret_scanner *s, const struct secret_options *o,
		   struct err *e)
{
	if (o->allow_paths)
		for (size_t i = 0; i < o->allow_paths->n; i++)
			strvec_push(&s->allow_paths, o->allow_paths->v[i]);
	if (!o->allow_patterns || !o->allow_patterns->n)
		return 0;
	s->allow = xcalloc(o->allow_patterns->n, sizeof(*s->allow));
	for (size_t i = 0; i < o->allow_patterns->n; i++) {
		s->allow[i] = regex_compile(o->allow_patterns->v[i], 0, e,
					    ERR_USAGE, "secret allow pattern");
		if (!s->allow[i])
			return -1;
		s->nallow++;
	}
	return 0;
}

static bool
want_pcre2(const struct secret_options *o)
{
	const char *env = getenv("HULL_SECRET_ENGINE");

	return o->force_pcre2 || (env && !strcmp(env, "pcre2"));
}

struct secret_scanner *
secret_scanner_new(const struct secret_options *o, struct err *e)
{
	struct secret_options none = SECRET_OPTIONS_INIT;
	struct secret_scanner *s = xcalloc(1, sizeof(*s));

	if (!o)
		o = &none;
	if (kinds_compile(s, e) || keywords_collect(s, e) ||
	    allowlists_compile(s, o, e))
		goto fail;
#ifdef HULL_HAVE_HYPERSCAN
	s->use_hs = !want_pcre2(o);
	if (s->use_hs && triggers_compile_hs(s, e))
		goto fail;
#else
	(void)want_pcre2;
#endif
	if (!s->use_hs && keywords_compile_pcre2(s, e))
		goto fail;
	s->md = pcre2_match_data_create(64, NULL);
	return s;
fail:
	secret_scanner_free(s);
	return NULL;
}

void
secret_scanner_free(struct secret_scanner *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nkinds; i++) {
		pcre2_code_free(s->kinds[i].re);
		pcre2_code_free(s->kinds[i].allow);
	}
	free(s->kinds);
	for (size_t i = 0; i < s->nkw; i++)
		free(s->kw[i]);
	free(s->kw);
	free(s->kw_len);
	free(s->kw_kinds);
	pcre2_code_free(s->kw_re);
	for (size_t i = 0; i < s->nallow; i++)
		pcre2_code_free(s->allow[i]);
	free(s->allow);
	strvec_release(&s->allow_paths);
	pcre2_match_data_free(s->md);
#ifdef HULL_HAVE_HYPERSCAN
	hs_free_scratch(s->hs_scratch);
	hs_free_database(s->hs_db);
#endif
	free(s);
}

const char *
secret_scanner_engine(const struct secret_scanner *s)
{
	return s->use_hs ? "hyperscan" : "pcre2";
}

bool
secret_path_allowed(const struct secret_scanner *s, const char *path)
{
	return secret_glob_match(&s->allow_paths, path);
}

bool
secret_text_allowed(const struct secret_scanner *s, const char *text)
{
	size_t n = strlen(text);

	for (size_t i = 0; i < s->nallow; i++)
		if (pcre2_match(s->allow[i], (PCRE2_SPTR)text, n, 0, 0, s->md,
				NULL) >= 0)
			return true;
	return false;
}
