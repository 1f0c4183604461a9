/*
 * Matching packages to advisories: lookup, OSV range evaluation and
 * severity resolution.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "vuln/cvss.h"
#include "vuln/match.h"
#include "vuln/version.h"
#include "vuln/vulndb-internal.h"

/* A package as the matcher sees it, after normalisation. */
struct match_ctx {
	const struct match_pkg *pkg;
	const struct version_scheme *scheme;
	char base[64];
	char release[64];
	const char *version; /* the version compared */
	bool distro;
};

/* What one affected row says about the package. */
struct verdict {
	bool hit;
	char *fixed; /* owned */
	const char *status;
};

enum osv_event {
	EV_INTRODUCED,
	EV_FIXED,
	EV_LAST_AFFECTED,
	EV_LIMIT,
};

struct event {
	enum osv_event kind;
	const char *ver; /* points into the ranges text */
};

static bool
is_distro(const char *base)
{
	static const char *const distros[] = { "alpine", "debian", "ubuntu",
					       "wolfi", "chainguard" };

	for (size_t i = 0; i < ARRAY_SIZE(distros); i++)
		if (!strcmp(base, distros[i]))
			return true;
	return false;
}

static int
event_kind(const char *s, enum osv_event *k)
{
	static const char *const names[] = { "introduced", "fixed",
					     "last_affected", "limit" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i])) {
			*k = (enum osv_event)i;
			return 0;
		}
	return -1;
}

/* Compare v with an event's version; "0" is below everything. */
static int
event_cmp(const struct match_ctx *m, const char *v, const struct event *ev,
	  int *out)
{
	if (ev->kind == EV_INTRODUCED && !strcmp(ev->ver, "0")) {
		*out = 1;
		return 0;
	}
	return version_compare(m->scheme, v, ev->ver, out);
}

/* Sort events by version ("0" first), keeping the order of ties. */
static void
events_sort(const struct match_ctx *m, struct event *ev, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct event x = ev[i];
		size_t j = i;

		while (j > 0) {
			int c;

			if (!strcmp(x.ver, "0") && x.kind == EV_INTRODUCED)
				c = -1;
			else if (!strcmp(ev[j - 1].ver, "0") &&
				 ev[j - 1].kind == EV_INTRODUCED)
				c = 1;
			else if (version_compare(m->scheme, x.ver,
						 ev[j - 1].ver, &c))
				c = 0;
			if (c >= 0)
				break;
			ev[j] = ev[j - 1];
			j--;
		}
		ev[j] = x;
	}
}

/*
 * Evaluate one OSV range, as the OSV schema describes: walk the events in
 * version order; introduced switches on, fixed and limit switch off at
 * or above, last_affected switches off above.  On a hit, the fix is the
 * first fixed event above the version.
 */
static bool
range_eval(const struct match_ctx *m, struct event *ev, size_t n, char **fixed)
{
	bool vuln = false;
	int c;

	events_sort(m, ev, n);
	for (size_t i = 0; i < n; i++) {
		if (event_cmp(m, m->version, &ev[i], &c))
			continue;
		if (ev[i].kind == EV_INTRODUCED && c >= 0)
			vuln = true;
		else if ((ev[i].kind == EV_FIXED || ev[i].kind == EV_LIMIT) &&
			 c >= 0)
			vuln = false;
		else if (ev[i].kind == EV_LAST_AFFECTED && c > 0)
			vuln = false;
	}
	if (!vuln)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ev[i].kind == EV_FIXED &&
		    !event_cmp(m, m->version, &ev[i], &c) && c < 0) {
			free(*fixed);
			*fixed = xstrdup(ev[i].ver);
			break;
		}
	return true;
}

/* Parse the ranges text (modified in place) and evaluate each range. */
static bool
ranges_eval(const struct match_ctx *m, char *text, char **fixed)
{
	struct event ev[MATCH_MAX_EVENTS];
	size_t n = 0;
	bool hit = false;
	char *line = text;

	while (line && *line) {
		char *nl = strchr(line, '\n');
		char *t1, *t2;

		if (nl)
			*nl = '\0';
		if (!strcmp(line, "--")) {
			hit |= n && range_eval(m, ev, n, fixed);
			n = 0;
		} else if ((t1 = strchr(line, '\t')) &&
			   (t2 = strchr(t1 + 1, '\t'))) {
			enum osv_event k;

			*t1 = *t2 = '\0';
			/* GIT ranges name commits, which no version orders. */
			if (strcmp(line, "GIT") && !event_kind(t1 + 1, &k) &&
			    n < MATCH_MAX_EVENTS)
				ev[n++] = (struct event){ k, t2 + 1 };
		}
		line = nl ? nl + 1 : NULL;
	}
	hit |= n && range_eval(m, ev, n, fixed);
	return hit;
}

static bool
versions_hit(const struct match_ctx *m, const char *list)
{
	while (*list) {
		size_t n = strcspn(list, "\n");
		char *v = xstrndup(list, n);
		int c = 1;
		bool same =
		    !strcmp(v, m->version) ||
		    (!version_compare(m->scheme, m->version, v, &c) && !c);

		free(v);
		if (same)
			return true;
		list += n + (list[n] == '\n');
	}
	return false;
}

static void
row_verdict(const struct match_ctx *m, sqlite3_stmt *st, struct verdict *v)
{
	const char *status = (const char *)sqlite3_column_text(st, 1);
	char *ranges = xstrdup((const char *)sqlite3_column_text(st, 2));
	const char *versions = (const char *)sqlite3_column_text(st, 3);

	v->hit = false;
	v->fixed = NULL;
	v->status = "affected";
	if (!strcmp(status, "will_not_fix"))
		v->status = "will_not_fix";
	v->hit = ranges_eval(m, ranges, &v->fixed);
	if (!v->hit && versions && *versions)
		v->hit = versions_hit(m, versions);
	if (v->fixed)
		v->status = "fixed";
	free(ranges);
}

/* A rating as sources spell it: GHSA, OSV, Debian urgency, Ubuntu. */
static enum severity
rating_parse(const char *s)
{
	static const struct {
		const char *word;
		enum severity sev;
	} words[] = {
		{ "critical", SEV_CRITICAL }, { "important", SEV_HIGH },
		{ "high", SEV_HIGH },	      { "moderate", SEV_MEDIUM },
		{ "medium", SEV_MEDIUM },     { "low", SEV_LOW },
		{ "unimportant", SEV_LOW },   { "negligible", SEV_LOW },
		{ "info", SEV_INFO },
	};

	if (!s)
		return SEV_UNKNOWN;
	/* Debian marks uncertain urgencies "low*", "medium**". */
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strncasecmp(s, words[i].word, strlen(words[i].word)) &&
		    (!s[strlen(words[i].word)] ||
		     s[strlen(words[i].word)] == '*'))
			return words[i].sev;
	return SEV_UNKNOWN;
}

struct sev_result {
	enum severity sev;
	double score;
	const char *vector; /* points into the statement row */
};

/* Score `vector` (may be NULL) into r; false when absent or malformed. */
static bool
severity_from_vector(const char *vector, struct sev_result *r)
{
	struct cvss c;

	if (!vector || cvss_compute(vector, &c, NULL))
		return false;
	r->sev = cvss_severity(c.score, c.version == CVSS_V2);
	r->score = c.score;
	r->vector = vector;
	return true;
}

/*
 * Severity from a vector, else the rating; UNKNOWN when neither.  When an
 * advisory carries vectors of several versions, the newest standard wins
 * (4.0, then 3.x, then 2): a source that adds a 4.0 vector next to an
 * older one has assessed the issue again with the current standard.  A
 * malformed vector is passed over for the next.
 * A score of 0.0 ("None") is UNKNOWN and does not fall back to the rating.
 */
static void
severity_of(const char *rating, const char *v2, const char *v3, const char *v4,
	    struct sev_result *r)
{
	r->sev = SEV_UNKNOWN;
	r->score = 0;
	r->vector = NULL;
	if (severity_from_vector(v4, r) || severity_from_vector(v3, r) ||
	    severity_from_vector(v2, r))
		return;
	r->sev = rating_parse(rating);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
rated_put(struct strmap *m, const char *key, enum severity sev)
{
	intptr_t old = (intptr_t)strmap_get(m, key);

	if ((intptr_t)sev + 1 > old)
		strmap_put(m, key, (void *)((intptr_t)sev + 1));
}

static int
rated_load(struct vulndb *db, struct err *e)
{
	sqlite3_stmt *st = db->stmt[STMT_RATED];
	int rc;

	db->rated_loaded = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sev_result r;

		severity_of(col(st, 0), col(st, 1), col(st, 2), col(st, 3), &r);
		if (r.sev == SEV_UNKNOWN || !col(st, 4))
			continue;
		rated_put(&db->rated, col(st, 4), r.sev);
		if (col(st, 5))
			rated_put(&db->rated, col(st, 5), r.sev);
	}
	if (rc != SQLITE_DONE)
		vulndb_sql_err(db, e, "cannot read ratings");
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static enum severity
rated_get(struct vulndb *db, const char *key)
{
	intptr_t v = (intptr_t)strmap_get(&db->rated, key);

	return v ? (enum severity)(v - 1) : SEV_UNKNOWN;
}

/*
 * The best rating among other advisories for the same issue: those named
 * by one of our aliases, and those that list our name or one of our
 * aliases among theirs.  Only called for an advisory with no rating of
 * its own, so it never finds itself.
 */
static int
alias_severity(struct vulndb *db, const char *name,
	       const struct strvec *aliases, enum severity *best, struct err *e)
{
	if (!db->rated_loaded && rated_load(db, e))
		return -1;
	*best = rated_get(db, name);
	for (size_t i = 0; i < aliases->n; i++)
		if (rated_get(db, aliases->v[i]) > *best)
			*best = rated_get(db, aliases->v[i]);
	return 0;
}

/* What the matcher keeps of one advisory between findings. */
struct adv_info {
	char *name;
	char *title; /* NULL when the advisory has no summary */
	char *published;
	char *vector;
	double score;
	enum severity sev; /* from a vector or the advisory's own rating */
	bool alias_done;
	enum severity alias_sev;
	struct strvec aliases;
};

static void
adv_info_free(void *p)
{
	struct adv_info *a = p;

	free(a->name);
	free(a->title);
	free(a->published);
	free(a->vector);
	strvec_release(&a->aliases);
	free(a);
}

void
match_cache_release(struct vulndb *db)
{
	strmap_release(&db->adv_cache, adv_info_free);
	memset(&db->adv_cache, 0, sizeof(db->adv_cache));
	strmap_release(&db->rated, NULL);
	memset(&db->rated, 0, sizeof(db->rated));
	db->rated_loaded = false;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	return col(st, i) && *col(st, i) ? xstrdup(col(st, i)) : NULL;
}

static struct adv_info *
adv_info_get(struct vulndb *db, long long id, struct err *e)
{
	sqlite3_stmt *st = db->stmt[STMT_GET_ADV];
	struct adv_info *a;
	struct sev_result sr;
	char key[32];
	int rc;

	snprintf(key, sizeof(key), "%lld", id);
	if ((a = strmap_get(&db->adv_cache, key)))
		return a;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || !col(st, 0)) {
		/* A row that an affected package names but that is not
		 * there, or has no name, is damage too. */
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			vulndb_damaged(db->path, e,
				       "an advisory row is missing or empty");
		else
			vulndb_sql_err(db, e, "cannot read an advisory");
		sqlite3_reset(st);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	a->name = xstrdup(col(st, 0));
	a->title = col_dup(st, 2);
	a->published = col_dup(st, 3);
	severity_of(col(st, 4), col(st, 5), col(st, 6), col(st, 7), &sr);
	a->sev = sr.sev;
	a->score = sr.score;
	a->vector = sr.vector ? xstrdup(sr.vector) : NULL;
	sqlite3_reset(st);

	st = db->stmt[STMT_GET_ALIASES];
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (col(st, 0) && !strvec_contains(&a->aliases, col(st, 0)))
			strvec_push(&a->aliases, col(st, 0));
	if (rc != SQLITE_DONE) {
		vulndb_sql_err(db, e, "cannot read aliases");
		sqlite3_reset(st);
		adv_info_free(a);
		return NULL;
	}
	sqlite3_reset(st);
	strmap_put(&db->adv_cache, key, a);
	return a;
}

static void
fill_vuln(const struct match_ctx *m, const struct verdict *v,
	  const struct adv_info *a, struct finding *f)
{
	struct vuln_detail *d = finding_vuln(f);

	d->pkg_name = xstrdup(m->pkg->name);
	d->pkg_version = xstrdup(m->pkg->version);
	d->fixed_version = v->fixed ? xstrdup(v->fixed) : NULL;
	d->status = xstrdup(v->status);
	d->ecosystem = xstrdup(m->pkg->ecosystem);
	d->purl = m->pkg->purl ? xstrdup(m->pkg->purl) : NULL;
	d->cvss_score = a->score;
	d->cvss_vector = a->vector ? xstrdup(a->vector) : NULL;
	d->published = a->published ? xstrdup(a->published) : NULL;
}

/*
 * Severity: a vector or the advisory's own rating, else the rating this
 * package's entry carries (a Debian urgency), else an alias's rating.
 */
static int
finding_severity(struct vulndb *db, struct adv_info *a, const char *row_rating,
		 enum severity *sev, struct err *e)
{
	*sev = a->sev;
	if (*sev != SEV_UNKNOWN)
		return 0;
	*sev = rating_parse(row_rating);
	if (*sev != SEV_UNKNOWN)
		return 0;
	if (!a->alias_done) {
		if (alias_severity(db, a->name, &a->aliases, &a->alias_sev, e))
			return -1;
		a->alias_done = true;
	}
	*sev = a->alias_sev;
	return 0;
}

static int
emit_finding(struct vulndb *db, const struct match_ctx *m, long long id,
	     const struct verdict *v, const char *row_rating,
	     struct findings *out, struct err *e)
{
	struct adv_info *a = adv_info_get(db, id, e);
	struct finding *f;
	enum severity sev;
	char *title = NULL;

	if (!a || finding_severity(db, a, row_rating, &sev, e))
		return -1;
	if (!a->title)
		title = xasprintf("%s in %s", a->name, m->pkg->name);
	f = findings_add(
	    out, a->name, sev, title ? title : a->title, m->pkg->loc,
	    "%s %s: %s", m->pkg->name, m->pkg->version,
	    v->fixed				 ? "fixed in a newer version"
	    : !strcmp(v->status, "will_not_fix") ? "will not be fixed"
						 : "not fixed yet");
	fill_vuln(m, v, a, f);
	for (size_t i = 0; i < a->aliases.n; i++)
		strvec_push(&f->aliases, a->aliases.v[i]);
	free(title);
	return 0;
}

/* Step the package lookup: SQLITE_ROW, SQLITE_DONE, or -1 with e set. */
static int
lookup_step(struct vulndb *db, sqlite3_stmt *st, const char *name,
	    struct err *e)
{
	char why[128];
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE)
		return rc;
	if (rc != SQLITE_ROW)
		return vulndb_sql_err(db, e, "cannot look up packages");
	/* The schema never leaves an affected row without its advisory,
	 * status or ranges: the pages that hold them are damaged. */
	if (sqlite3_column_type(st, 5) == SQLITE_NULL)
		snprintf(why, sizeof(why),
			 "advisory %lld of '%.40s' is missing",
			 sqlite3_column_int64(st, 0), name);
	else if (!col(st, 1) || !col(st, 2) || !col(st, 3))
		snprintf(why, sizeof(why), "a row of '%.40s' has empty columns",
			 name);
	else
		return rc;
	return vulndb_damaged(db->path, e, why);
}

/* Run the lookup for one name; returns findings added or -1. */
static int
match_name(struct vulndb *db, const struct match_ctx *m, const char *name,
	   struct findings *out, struct err *e)
{
	sqlite3_stmt *st = db->stmt[STMT_FIND_AFFECTED];
	char *norm = vulndb_normalise_name(m->base, name);
	long long cur = -1;
	struct verdict best = { false, NULL, NULL };
	char *best_rating = NULL;
	int added = 0, rows = 0, rc;

	sqlite3_bind_text(st, 1, m->base, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, m->release, -1, SQLITE_TRANSIENT);
	for (;;) {
		long long id = -1;
		struct verdict v;

		rc = lookup_step(db, st, name, e);
		if (rc < 0) {
			added = -1;
			break;
		}
		if (rc == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			rows++;
		}
		/* Rows of one advisory are adjacent: settle the last one. */
		if (id != cur && best.hit) {
			if (emit_finding(db, m, cur, &best, best_rating, out,
					 e)) {
				added = -1;
				break;
			}
			added++;
		}
		if (id != cur) {
			free(best.fixed);
			free(best_rating);
			best = (struct verdict){ false, NULL, NULL };
			best_rating = NULL;
			cur = id;
		}
		if (rc != SQLITE_ROW)
			break;
		row_verdict(m, st, &v);
		/* Prefer a verdict that names a fix. */
		if (v.hit && (!best.hit || (!best.fixed && v.fixed))) {
			free(best.fixed);
			free(best_rating);
			best = v;
			best_rating = col(st, 4) ? xstrdup(col(st, 4)) : NULL;
		} else {
			free(v.fixed);
		}
	}
	free(best.fixed);
	free(best_rating);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(norm);
	if (added >= 0 && !rows)
		return -2; /* nothing known under this name */
	return added;
}

static bool
match_setup(struct match_ctx *m, const struct match_pkg *p)
{
	const char *eco = p->ecosystem;
	bool rpm = str_istarts_with(eco, "rpm:");

	if (!eco || !p->name || !p->version)
		return false;
	memset(m, 0, sizeof(*m));
	m->pkg = p;
	if (rpm)
		eco += 4;
	vulndb_split_ecosystem(eco, m->base, sizeof(m->base), m->release,
			       sizeof(m->release));
	m->scheme = rpm ? version_scheme_find("rpm")
			: version_scheme_for_ecosystem(m->base);
	m->distro = rpm || is_distro(m->base);
	m->version = p->version;
	if (!m->scheme)
		return false;
	/* A version the scheme cannot order matches nothing. */
	if (!m->scheme->lenient && !m->scheme->valid(p->version)) {
		log_debug("%s %s: not a valid %s version; not matched", p->name,
			  p->version, m->scheme->name);
		return false;
	}
	return true;
}

int
vulndb_match(struct vulndb *db, const struct match_pkg *pkgs, size_t n,
	     struct findings *out, struct err *e)
{
	int total = 0;
	bool own_txn = sqlite3_get_autocommit(db->db);

	/* One read transaction for the whole run: SQLite then takes its
	 * file lock once and keeps its page cache between lookups. */
	if (own_txn && sqlite3_exec(db->db, "BEGIN", NULL, NULL, NULL))
		return vulndb_sql_err(db, e, "cannot start reading");
	for (size_t i = 0; i < n; i++) {
		struct match_ctx m;
		int r = -2;

		if (!match_setup(&m, &pkgs[i]))
			continue;
		if (m.distro && pkgs[i].source_name && *pkgs[i].source_name) {
			if (pkgs[i].source_version && *pkgs[i].source_version &&
			    (m.scheme->lenient ||
			     m.scheme->valid(pkgs[i].source_version)))
				m.version = pkgs[i].source_version;
			r = match_name(db, &m, pkgs[i].source_name, out, e);
			m.version = pkgs[i].version;
		}
		if (r == -2 && (!m.distro || !pkgs[i].source_name ||
				strcmp(pkgs[i].source_name, pkgs[i].name)))
			r = match_name(db, &m, pkgs[i].name, out, e);
		if (r == -1) {
			total = -1;
			break;
		}
		if (r > 0)
			total += r;
	}
	if (own_txn)
		sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL);
	return total;
}
