/*
 * The SARIF 2.1.0 reporter, in the shape GitHub code scanning accepts:
 * one run, the rules that fired with help text and a security-severity,
 * and results with a physical location.  Findings that have no file (an
 * image layer, a running container) are located at their target so that
 * every result still has an artifact.
 */
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "core/xalloc.h"
#include "report/jsonw.h"
#include "report/report.h"
#include "rules/rule.h"

static const char *
sarif_level(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "error";
	case SEV_MEDIUM:
		return "warning";
	default:
		return "note";
	}
}

/* GitHub ranks alerts by this number: 9.0+ critical, 7.0+ high, 4.0+
 * medium, above 0 low. */
static const char *
security_severity(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
		return "9.5";
	case SEV_HIGH:
		return "8.0";
	case SEV_MEDIUM:
		return "5.5";
	case SEV_LOW:
		return "2.0";
	default:
		return "0.0";
	}
}

/* The distinct ids of the shown findings, first appearance first. */
static size_t
collect_rules(const struct report *r, const struct finding ***out)
{
	const struct finding **v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];
		size_t j;

		if (f->suppressed)
			continue;
		for (j = 0; j < n; j++)
			if (!strcmp(v[j]->id, f->id))
				break;
		if (j < n)
			continue;
		ALLOC_GROW(v, n + 1, cap);
		v[n++] = f;
	}
	*out = v;
	return n;
}

static void
write_help(struct jsonw *w, const struct finding *f)
{
	struct buf text = BUF_INIT;
	const struct rule *r = f->rule;

	if (r && r->why)
		buf_addf(&text, "%s\n\n", r->why);
	if (f->remediation)
		buf_addf(&text, "Fix: %s\n", f->remediation);
	if (r && r->bad)
		buf_addf(&text, "\nBad:\n%s\n", r->bad);
	if (r && r->good)
		buf_addf(&text, "\nGood:\n%s\n", r->good);
	for (size_t i = 0; i < f->aliases.n; i++)
		buf_addf(&text, "%s%s",
			 i ? ", " : "\nAlso known as: ", f->aliases.v[i]);
	if (!text.len)
		buf_addstr(&text, f->title);
	jsonw_key(w, "help");
	jsonw_obj(w);
	jsonw_kstr(w, "text", text.data);
	jsonw_end(w);
	buf_release(&text);
}

static void
write_rule(struct jsonw *w, const struct finding *f)
{
	jsonw_obj(w);
	jsonw_kstr(w, "id", f->id);
	jsonw_kstr(w, "name", f->id);
	jsonw_key(w, "shortDescription");
	jsonw_obj(w);
	jsonw_kstr(w, "text", f->title);
	jsonw_end(w);
	jsonw_key(w, "fullDescription");
	jsonw_obj(w);
	jsonw_kstr(w, "text",
		   f->rule && f->rule->why ? f->rule->why : f->title);
	jsonw_end(w);
	write_help(w, f);
	jsonw_key(w, "defaultConfiguration");
	jsonw_obj(w);
	jsonw_kstr(w, "level", sarif_level(f->severity));
	jsonw_end(w);
	jsonw_key(w, "properties");
	jsonw_obj(w);
	jsonw_kstr(w, "security-severity", security_severity(f->severity));
	jsonw_key(w, "tags");
	jsonw_arr(w);
	jsonw_str(w, "security");
	if (f->vuln)
		jsonw_str(w, "vulnerability");
	jsonw_end(w);
	jsonw_end(w);
	jsonw_end(w);
}

static const char *
artifact_of(const struct finding *f)
{
	if (f->loc.file)
		return f->loc.file;
	if (f->loc.path)
		return f->loc.path;
	if (f->loc.target)
		return f->loc.target;
	return "unknown";
}

/*
 * A relative URI reference (RFC 3986) for a path: unreserved characters
 * and '/' stay, everything else is percent-encoded.  Leading "../" from a
 * hostile image entry is kept as text, encoded, never resolved.
 */
static void
uri_encode(struct buf *out, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			buf_addch(out, *p);
		else
			buf_addf(out, "%%%02X", *p);
	}
}

static void
write_result(struct jsonw *w, const struct finding *f, size_t rule_index)
{
	const char *uri = artifact_of(f);
	struct buf msg = BUF_INIT, enc = BUF_INIT;

	if (str_starts_with(uri, "./"))
		uri += 2;
	buf_addstr(&msg, f->message && *f->message ? f->message : f->title);
	if (f->loc.target && f->loc.file)
		buf_addf(&msg, " [%s]", f->loc.target);
	if (f->loc.layer_index >= 0)
		buf_addf(&msg, " (layer %d%s%s)", f->loc.layer_index,
			 f->loc.path ? ", " : "",
			 f->loc.path ? f->loc.path : "");
	jsonw_obj(w);
	jsonw_kstr(w, "ruleId", f->id);
	jsonw_kint(w, "ruleIndex", (long long)rule_index);
	jsonw_kstr(w, "level", sarif_level(f->severity));
	jsonw_key(w, "message");
	jsonw_obj(w);
	jsonw_kstr(w, "text", msg.data);
	jsonw_end(w);
	jsonw_key(w, "locations");
	jsonw_arr(w);
	jsonw_obj(w);
	jsonw_key(w, "physicalLocation");
	jsonw_obj(w);
	jsonw_key(w, "artifactLocation");
	jsonw_obj(w);
	uri_encode(&enc, uri);
	jsonw_kstr(w, "uri", enc.data);
	jsonw_end(w);
	jsonw_key(w, "region");
	jsonw_obj(w);
	jsonw_kint(w, "startLine", f->loc.line ? f->loc.line : 1);
	jsonw_kint(w, "startColumn", f->loc.column ? f->loc.column : 1);
	if (f->loc.end_line >= f->loc.line && f->loc.end_line)
		jsonw_kint(w, "endLine", f->loc.end_line);
	jsonw_end(w);
	jsonw_end(w);
	jsonw_end(w);
	jsonw_end(w);
	jsonw_end(w);
	buf_release(&msg);
	buf_release(&enc);
}

static void
write_notification(struct jsonw *w, const char *level, const char *text)
{
	jsonw_obj(w);
	jsonw_kstr(w, "level", level);
	jsonw_key(w, "message");
	jsonw_obj(w);
	jsonw_kstr(w, "text", text);
	jsonw_end(w);
	jsonw_end(w);
}

/*
 * The run's invocation: not successful when an input could not be read
 * (each named as an error notification), and a warning when the command
 * checks vulnerabilities but had no database to check them against.
 */
static void
write_invocation(struct jsonw *w, const struct report *r)
{
	bool unchecked = r->vulns.applies && !r->vulns.checked;

	jsonw_key(w, "invocations");
	jsonw_arr(w);
	jsonw_obj(w);
	jsonw_key(w, "executionSuccessful");
	jsonw_bool(w, r->errors.n == 0);
	if (r->errors.n || unchecked) {
		jsonw_key(w, "toolExecutionNotifications");
		jsonw_arr(w);
		for (size_t i = 0; i < r->errors.n; i++)
			write_notification(w, "error", r->errors.v[i]);
		if (unchecked) {
			struct buf t = BUF_INIT;

			buf_addf(&t, "vulnerabilities not checked: %s",
				 r->vulns.not_checked ? r->vulns.not_checked
						      : "no database");
			write_notification(w, "warning", t.data);
			buf_release(&t);
		}
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_end(w);
}

void
report_sarif(const struct report *r, struct buf *out)
{
	const struct finding **rules;
	size_t nrules = collect_rules(r, &rules);
	struct jsonw w;

	jsonw_init(&w, out, false);
	jsonw_obj(&w);
	jsonw_kstr(&w, "$schema",
		   "https://json.schemastore.org/sarif-2.1.0.json");
	jsonw_kstr(&w, "version", "2.1.0");
	jsonw_key(&w, "runs");
	jsonw_arr(&w);
	jsonw_obj(&w);
	jsonw_key(&w, "tool");
	jsonw_obj(&w);
	jsonw_key(&w, "driver");
	jsonw_obj(&w);
	jsonw_kstr(&w, "name", "hull");
	jsonw_kstr(&w, "version", HULL_VERSION);
	jsonw_kstr(&w, "semanticVersion", HULL_VERSION);
	jsonw_key(&w, "rules");
	jsonw_arr(&w);
	for (size_t i = 0; i < nrules; i++)
		write_rule(&w, rules[i]);
	jsonw_end(&w);
	jsonw_end(&w);
	jsonw_end(&w);
	jsonw_key(&w, "results");
	jsonw_arr(&w);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];
		size_t k;

		if (f->suppressed)
			continue;
		for (k = 0; k < nrules; k++)
			if (!strcmp(rules[k]->id, f->id))
				break;
		write_result(&w, f, k);
	}
	jsonw_end(&w);
	write_invocation(&w, r);
	jsonw_end(&w);
	jsonw_end(&w);
	jsonw_end(&w);
	buf_addch(out, '\n');
	free(rules);
}
