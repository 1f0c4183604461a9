/*
 * JSON and YAML advisory documents: OSV (one advisory, or an array of
 * them), Alpine secdb and aquasecurity vuln-list Alpine files, and the
 * Debian security tracker's JSON export.  YAML is turned into the same
 * jansson tree first, so one reader serves both.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "parse/yaml.h"
#include "vuln/cvss.h"
#include "vuln/version.h"
#include "vuln/vulndb-internal.h"

/* Ranges and version lists longer than this are cut: no real advisory
 * needs them, and they would only slow matching. */
#define OSV_MAX_LIST_BYTES (4u * 1024 * 1024)

static const char *
jstr(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Keep the first vector of a type; the caller has checked that hull
 * can score it. */
static void
vector_keep(const char **slot, const char *vector)
{
	if (!*slot)
		*slot = vector;
}

/* An OSV entry being imported: where its skipped parts are counted and
 * how they are named ("'FILE': ID: ..."). */
struct osv_ctx {
	const char *name;
	const char *id;
	struct vulndb_stats *st;
};

/* Messages quote at most this much of an entry's id. */
#define OSV_ID_QUOTE 64

#define osv_skip(c, kind, fmt, ...)                                            \
	vulndb_skip((c)->st, kind, "'%s': %.*s: " fmt, (c)->name,              \
		    OSV_ID_QUOTE, (c)->id, __VA_ARGS__)

/* Is score a vector of the CVSS version `type` names ("CVSS_V3")? */
static bool
vector_valid(const char *type, const char *score)
{
	struct cvss c;

	if (cvss_compute(score, &c, NULL))
		return false;
	if (!strcmp(type, "CVSS_V3"))
		return c.version == CVSS_V30 || c.version == CVSS_V31;
	if (!strcmp(type, "CVSS_V4"))
		return c.version == CVSS_V40;
	if (!strcmp(type, "CVSS_V2"))
		return c.version == CVSS_V2;
	return true;
}

/* Pick the CVSS vectors out of an OSV severity array; a vector that
 * does not parse, or is not of the version its type says, is counted
 * as a malformed field and left out. */
static void
osv_severity(const struct osv_ctx *c, const json_t *arr, struct vulndb_adv *a)
{
	size_t i;
	const json_t *s;

	if (arr && !json_is_array(arr))
		osv_skip(c, VULNDB_SKIP_FIELD, "%s",
			 "'severity' is not a list");
	json_array_foreach(arr, i, s)
	{
		const char *type = jstr(s, "type");
		const char *score = jstr(s, "score");

		if (!type || !score) {
			osv_skip(c, VULNDB_SKIP_FIELD,
				 "severity[%zu] has no 'type' and 'score' "
				 "strings",
				 i);
			continue;
		}
		if (!strncmp(type, "CVSS_", 5) && !vector_valid(type, score)) {
			osv_skip(c, VULNDB_SKIP_FIELD,
				 "severity[%zu]: not a valid %.16s vector", i,
				 type);
			continue;
		}
		if (!strcmp(type, "CVSS_V3"))
			vector_keep(&a->cvss_v3, score);
		else if (!strcmp(type, "CVSS_V4"))
			vector_keep(&a->cvss_v4, score);
		else if (!strcmp(type, "CVSS_V2"))
			vector_keep(&a->cvss_v2, score);
		else if (!a->severity && !strcmp(type, "Ubuntu"))
			a->severity = score;
	}
}

/*
 * Is v a version an event of a range of `type` may hold in `eco`?  Over
 * VERSION_MAX_LEN never; "introduced 0" and "limit *" always (OSV's
 * special values); otherwise valid in the scheme of the range (SEMVER)
 * or of the ecosystem (ECOSYSTEM), when hull knows one and it is not
 * lenient.  GIT ranges hold commit ids and are not checked.
 */
static bool
event_version_ok(const char *eco, const char *type, const char *key,
		 const char *v)
{
	const struct version_scheme *s = NULL;

	if (strlen(v) > VERSION_MAX_LEN)
		return false;
	if ((!strcmp(key, "introduced") && !strcmp(v, "0")) ||
	    (!strcmp(key, "limit") && !strcmp(v, "*")))
		return true;
	if (!strcmp(type, "SEMVER"))
		s = version_scheme_find("semver");
	else if (!strcmp(type, "ECOSYSTEM") && eco)
		s = version_scheme_for_ecosystem(eco);
	return !s || s->lenient || !s->valid || s->valid(v);
}

/*
 * One range as "TYPE\tEVENT\tVERSION\n" lines.  False when any part is
 * malformed: a range missing one of its events would mean another range
 * (no "introduced" is not "introduced 0"), so it is dropped whole.  An
 * event whose version does not parse in the range's scheme would be
 * read as "not fixed yet" (or as no bound), so it drops the range too.
 */
static bool
osv_range(const char *eco, const json_t *r, struct buf *out, bool *bad_version)
{
	const char *type = jstr(r, "type");
	const json_t *events = json_object_get(r, "events");
	const json_t *ev;
	size_t j;

	if (!type || strpbrk(type, "\t\n") || !json_array_size(events))
		return false;
	json_array_foreach(events, j, ev)
	{
		const char *key;
		json_t *val;

		if (!json_is_object(ev) || !json_object_size(ev))
			return false;
		json_object_foreach((json_t *)ev, key, val)
		{
			if (!json_is_string(val) || strpbrk(key, "\t\n") ||
			    strchr(json_string_value(val), '\n'))
				return false;
			if (!event_version_ok(eco, type, key,
					      json_string_value(val))) {
				*bad_version = true;
				return false;
			}
			buf_addf(out, "%s\t%s\t%s\n", type, key,
				 json_string_value(val));
		}
	}
	return true;
}

/* The ranges of affected[k], a line "--" between ranges (each is
 * evaluated alone). */
static void
osv_ranges(const struct osv_ctx *c, size_t k, const char *eco,
	   const json_t *ranges, struct buf *out)
{
	struct buf one = BUF_INIT;
	const json_t *r;
	size_t i;

	if (ranges && !json_is_array(ranges))
		osv_skip(c, VULNDB_SKIP_FIELD,
			 "affected[%zu]: 'ranges' is not "
			 "a list",
			 k);
	json_array_foreach(ranges, i, r)
	{
		bool bad_version = false;

		buf_reset(&one);
		if (!osv_range(eco, r, &one, &bad_version)) {
			osv_skip(c, VULNDB_SKIP_FIELD,
				 "affected[%zu]: ranges[%zu] is malformed%s", k,
				 i,
				 bad_version ? " (a version that is too long "
					       "or does not parse in its "
					       "scheme)"
					     : "");
			continue;
		}
		if (out->len + one.len > OSV_MAX_LIST_BYTES) {
			osv_skip(c, VULNDB_SKIP_FIELD,
				 "affected[%zu]: ranges cut at %u bytes", k,
				 OSV_MAX_LIST_BYTES);
			break;
		}
		if (out->len)
			buf_addstr(out, "--\n");
		buf_add(out, one.data, one.len);
	}
	buf_release(&one);
}

static void
osv_versions(const struct osv_ctx *c, size_t k, const json_t *versions,
	     struct buf *out)
{
	size_t i;
	const json_t *v;

	if (versions && !json_is_array(versions))
		osv_skip(c, VULNDB_SKIP_FIELD,
			 "affected[%zu]: 'versions' is "
			 "not a list",
			 k);
	json_array_foreach(versions, i, v)
	{
		if (!json_is_string(v) || strchr(json_string_value(v), '\n')) {
			osv_skip(c, VULNDB_SKIP_FIELD,
				 "affected[%zu]: versions[%zu] is not a "
				 "version string",
				 k, i);
			continue;
		}
		if (out->len > OSV_MAX_LIST_BYTES) {
			osv_skip(c, VULNDB_SKIP_FIELD,
				 "affected[%zu]: versions cut at %u bytes", k,
				 OSV_MAX_LIST_BYTES);
			break;
		}
		buf_addf(out, "%s\n", json_string_value(v));
	}
}

static int
osv_affected(struct vulndb *db, const struct osv_ctx *c, long long id, size_t k,
	     const json_t *aff, struct err *e)
{
	const json_t *pkg = json_object_get(aff, "package");
	struct buf ranges = BUF_INIT, versions = BUF_INIT;
	struct vulndb_aff a = { 0 };
	int rc = 0;

	a.ecosystem = jstr(pkg, "ecosystem");
	a.package = jstr(pkg, "name");
	if (!json_is_object(aff)) {
		osv_skip(c, VULNDB_SKIP_AFFECTED,
			 "affected[%zu] is not an "
			 "object",
			 k);
		return 0;
	}
	if (!a.ecosystem || !a.package) {
		osv_skip(c, VULNDB_SKIP_AFFECTED,
			 "affected[%zu] has no package 'ecosystem' and 'name' "
			 "strings",
			 k);
		return 0;
	}
	if (!*a.package) {
		osv_skip(c, VULNDB_SKIP_AFFECTED,
			 "affected[%zu] has an empty package name", k);
		return 0;
	}
	osv_ranges(c, k, a.ecosystem, json_object_get(aff, "ranges"), &ranges);
	osv_versions(c, k, json_object_get(aff, "versions"), &versions);
	a.ranges = ranges.data;
	a.versions = versions.data;
	a.status = "affected";
	/* GHSA puts a per-package rating here; anything else is ignored. */
	a.severity =
	    jstr(json_object_get(aff, "ecosystem_specific"), "severity");
	if (ranges.len || versions.len) {
		rc = vulndb_put_affected(db, id, &a, e);
		c->st->affected += !rc;
	} else {
		osv_skip(c, VULNDB_SKIP_AFFECTED,
			 "affected[%zu] ('%.64s') has no usable ranges or "
			 "versions",
			 k, a.package);
	}
	buf_release(&ranges);
	buf_release(&versions);
	return rc;
}

static int
import_osv(struct vulndb *db, const char *name, const json_t *doc,
	   struct vulndb_stats *st, struct err *e)
{
	struct vulndb_adv a = { 0 };
	struct osv_ctx c = { name, jstr(doc, "id"), st };
	const json_t *v, *affected = json_object_get(doc, "affected");
	const json_t *aliases = json_object_get(doc, "aliases");
	long long id;
	size_t i;

	a.name = c.id;
	if (!a.name || !*a.name)
		return err_set(e, ERR_INPUT, "'%s': OSV entry without an id",
			       name);
	a.source = "osv";
	a.summary = jstr(doc, "summary");
	a.details = jstr(doc, "details");
	a.published = jstr(doc, "published");
	a.modified = jstr(doc, "modified");
	a.withdrawn = jstr(doc, "withdrawn");
	a.severity =
	    jstr(json_object_get(doc, "database_specific"), "severity");
	osv_severity(&c, json_object_get(doc, "severity"), &a);
	json_array_foreach(affected, i, v)
	{
		if (!a.cvss_v3 && !a.cvss_v4 && !a.cvss_v2)
			osv_severity(&c, json_object_get(v, "severity"), &a);
	}
	id = vulndb_put_advisory(db, &a, true, e);
	if (id < 0)
		return err_prefix(e, "'%s'", name);
	st->advisories++;
	if (aliases && !json_is_array(aliases))
		osv_skip(&c, VULNDB_SKIP_FIELD, "%s",
			 "'aliases' is not a list");
	json_array_foreach(aliases, i, v)
	{
		if (!json_is_string(v))
			osv_skip(&c, VULNDB_SKIP_FIELD,
				 "aliases[%zu] is not a string", i);
		else if (vulndb_put_alias(db, id, json_string_value(v), e))
			return -1;
	}
	if (affected && !json_is_array(affected))
		osv_skip(&c, VULNDB_SKIP_AFFECTED, "%s",
			 "'affected' is not a list");
	json_array_foreach(affected, i, v)
	{
		if (osv_affected(db, &c, id, i, v, e))
			return -1;
	}
	return 0;
}

/* Is this token an advisory id ("CVE-2020-1234", "XSA-123")? */
static bool
is_advisory_id(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	return i >= 2 && i + 1 < n && s[i] == '-';
}

/*
 * One Alpine package: secfixes maps a fixed version to the ids it fixes.
 * "0" means the package was never affected (Alpine lists such ids so that
 * scanners know), so it adds nothing.
 */
static int
alpine_package(struct vulndb *db, const char *eco, const char *pkg,
	       const json_t *secfixes, struct vulndb_stats *st, struct err *e)
{
	const char *fixed;
	json_t *ids;

	json_object_foreach((json_t *)secfixes, fixed, ids)
	{
		struct buf ranges = BUF_INIT;
		size_t i;
		const json_t *idv;

		if (!strcmp(fixed, "0") || strchr(fixed, '\n'))
			continue;
		buf_addf(&ranges,
			 "ECOSYSTEM\tintroduced\t0\nECOSYSTEM\tfixed\t%s\n",
			 fixed);
		json_array_foreach(ids, i, idv)
		{
			const char *s = json_string_value(idv);

			while (s && *s) {
				size_t n = strcspn(s, " \t,");
				struct vulndb_adv a = { 0 };
				struct vulndb_aff f = { eco,	    pkg,
							"affected", ranges.data,
							NULL,	    NULL };
				char *tok;
				long long id;

				if (!is_advisory_id(s, n)) {
					s += n + (s[n] != 0);
					continue;
				}
				tok = xstrndup(s, n);
				a.name = tok;
				a.source = "alpine-secdb";
				id = vulndb_put_advisory(db, &a, false, e);
				if (id < 0 ||
				    vulndb_put_affected(db, id, &f, e)) {
					free(tok);
					buf_release(&ranges);
					return -1;
				}
				st->advisories++;
				st->affected++;
				free(tok);
				s += n + (s[n] != 0);
			}
		}
		buf_release(&ranges);
	}
	return 0;
}

static int
import_alpine_secdb(struct vulndb *db, const char *name, const json_t *doc,
		    struct vulndb_stats *st, struct err *e)
{
	const char *ver = jstr(doc, "distroversion");
	char *eco;
	const json_t *p;
	size_t i;
	int rc = 0;

	if (!ver)
		return err_set(e, ERR_INPUT,
			       "'%s': Alpine secdb without distroversion",
			       name);
	eco = xasprintf("alpine:%s", ver);
	if (json_object_get(doc, "secfixes"))
		rc = jstr(doc, "name")
			 ? alpine_package(db, eco, jstr(doc, "name"),
					  json_object_get(doc, "secfixes"), st,
					  e)
			 : 0;
	json_array_foreach(json_object_get(doc, "packages"), i, p)
	{
		const json_t *pkg = json_object_get(p, "pkg");

		if (rc || !jstr(pkg, "name"))
			continue;
		rc = alpine_package(db, eco, jstr(pkg, "name"),
				    json_object_get(pkg, "secfixes"), st, e);
	}
	free(eco);
	return rc ? err_prefix(e, "'%s'", name) : 0;
}

/* One CVE of one package in the Debian tracker's JSON export. */
static int
debian_json_cve(struct vulndb *db, const char *pkg, const char *cve,
		const json_t *info, struct vulndb_stats *st, struct err *e)
{
	struct vulndb_adv a = { 0 };
	const char *rel;
	json_t *r;
	long long id = 0;

	a.name = cve;
	a.source = "debian-tracker";
	a.summary = jstr(info, "description");
	json_object_foreach(json_object_get(info, "releases"), rel, r)
	{
		const char *status = jstr(r, "status");
		const char *fixed = jstr(r, "fixed_version");
		struct vulndb_aff f = { 0 };
		struct buf ranges = BUF_INIT;
		char *eco;
		int rc;

		if (!status || !strcmp(status, "undetermined") ||
		    (fixed && !strcmp(fixed, "0")))
			continue;
		if (!strcmp(status, "resolved") &&
		    (!fixed || strchr(fixed, '\n')))
			continue;
		if (!id && (id = vulndb_put_advisory(db, &a, false, e)) < 0)
			return -1;
		buf_addstr(&ranges, "ECOSYSTEM\tintroduced\t0\n");
		if (!strcmp(status, "resolved"))
			buf_addf(&ranges, "ECOSYSTEM\tfixed\t%s\n", fixed);
		eco = xasprintf("debian:%s", rel);
		f.ecosystem = eco;
		f.package = pkg;
		f.status = !strcmp(status, "resolved") ? "affected" : "unfixed";
		f.ranges = ranges.data;
		f.severity = jstr(r, "urgency");
		rc = vulndb_put_affected(db, id, &f, e);
		free(eco);
		buf_release(&ranges);
		if (rc)
			return -1;
		st->affected++;
	}
	st->advisories += id > 0;
	return 0;
}

static int
import_debian_json(struct vulndb *db, const char *name, const json_t *doc,
		   struct vulndb_stats *st, struct err *e)
{
	const char *pkg, *cve;
	json_t *cves, *info;

	json_object_foreach((json_t *)doc, pkg, cves)
	{
		json_object_foreach(cves, cve, info)
		{
			if (debian_json_cve(db, pkg, cve, info, st, e))
				return err_prefix(e, "'%s'", name);
		}
	}
	return 0;
}

static bool
is_debian_json(const json_t *doc)
{
	const char *k, *k2;
	json_t *v, *v2;

	json_object_foreach((json_t *)doc, k, v)
	{
		if (!json_is_object(v))
			return false;
		json_object_foreach(v, k2, v2)
		{
			return json_is_object(v2) &&
			       json_object_get(v2, "releases");
		}
	}
	return false;
}

int
import_json_doc(struct vulndb *db, const char *name, json_t *doc,
		struct vulndb_stats *st, struct err *e)
{
	size_t i;
	json_t *v;

	if (json_is_array(doc)) {
		json_array_foreach(doc, i, v)
		{
			if (!json_is_object(v))
				return err_set(e, ERR_INPUT,
					       "'%s': array item %zu is not an "
					       "OSV object",
					       name, i);
			if (import_osv(db, name, v, st, e))
				return -1;
		}
		return 0;
	}
	if (!json_is_object(doc))
		return err_set(e, ERR_INPUT, "'%s': not an advisory document",
			       name);
	if (json_object_get(doc, "id") && (json_object_get(doc, "affected") ||
					   json_object_get(doc, "modified")))
		return import_osv(db, name, doc, st, e);
	if (json_object_get(doc, "secfixes") ||
	    json_object_get(doc, "packages"))
		return import_alpine_secdb(db, name, doc, st, e);
	if (is_debian_json(doc))
		return import_debian_json(db, name, doc, st, e);
	if (!json_object_size(doc))
		return 0;
	return err_set(e, ERR_INPUT, "'%s': not a known advisory format", name);
}

/* Build the jansson tree of a YAML node; scalars all become strings. */
static json_t *
yaml_to_json(const struct yaml_node *n)
{
	json_t *out;

	if (!n || (n->kind == YAML_SCALAR && yaml_is_null(n) && n->plain))
		return json_null();
	switch (n->kind) {
	case YAML_SCALAR:
		return json_stringn_nocheck(n->str, n->len);
	case YAML_SEQ:
		out = json_array();
		for (size_t i = 0; i < n->n; i++)
			json_array_append_new(out, yaml_to_json(n->items[i]));
		return out;
	case YAML_MAP:
		out = json_object();
		for (size_t i = 0; i < n->n; i++) {
			const char *k = yaml_str(n->pairs[i].key);

			if (k)
				json_object_set_new_nocheck(
				    out, k, yaml_to_json(n->pairs[i].value));
		}
		return out;
	}
	return json_null();
}

int
import_yaml(struct vulndb *db, const char *name, const char *data, size_t len,
	    struct vulndb_stats *st, struct err *e)
{
	struct yaml_doc doc = { ARENA_INIT, NULL };
	json_t *j;
	int rc;

	if (yaml_parse(&doc, data, len, name, e))
		return -1;
	j = yaml_to_json(doc.root);
	yaml_doc_release(&doc);
	rc = import_json_doc(db, name, j, st, e);
	json_decref(j);
	return rc;
}
