/*
 * The JSON reporter.  Its schema is documented in docs/json-format.md and
 * versioned by the "schema" field; fields are only ever added.
 */
#include <string.h>

#include "report/jsonw.h"
#include "report/report.h"

static void
write_strvec(struct jsonw *w, const char *key, const struct strvec *sv)
{
	jsonw_key(w, key);
	jsonw_arr(w);
	for (size_t i = 0; i < sv->n; i++)
		jsonw_str(w, sv->v[i]);
	jsonw_end(w);
}

static void
write_location(struct jsonw *w, const struct location *l)
{
	jsonw_key(w, "location");
	jsonw_obj(w);
	jsonw_kstr(w, "file", l->file);
	if (l->line)
		jsonw_kint(w, "line", l->line);
	if (l->column)
		jsonw_kint(w, "column", l->column);
	if (l->end_line)
		jsonw_kint(w, "end_line", l->end_line);
	jsonw_kstr(w, "target", l->target);
	jsonw_kstr(w, "path", l->path);
	if (l->layer_index >= 0 || l->layer_digest) {
		jsonw_key(w, "layer");
		jsonw_obj(w);
		jsonw_kint(w, "index", l->layer_index);
		jsonw_kstr(w, "digest", l->layer_digest);
		jsonw_kstr(w, "created_by", l->layer_created_by);
		jsonw_end(w);
	}
	jsonw_kstr(w, "instruction", l->instruction);
	jsonw_end(w);
}

static void
write_vuln(struct jsonw *w, const struct vuln_detail *v)
{
	jsonw_key(w, "vulnerability");
	jsonw_obj(w);
	jsonw_kstr(w, "package", v->pkg_name);
	jsonw_kstr(w, "installed_version", v->pkg_version);
	jsonw_key(w, "fixed_version");
	jsonw_str(w, v->fixed_version);
	jsonw_kstr(w, "status", v->status);
	jsonw_kstr(w, "ecosystem", v->ecosystem);
	jsonw_kstr(w, "purl", v->purl);
	jsonw_kstr(w, "package_path", v->pkg_path);
	if (v->cvss_score > 0) {
		jsonw_key(w, "cvss_score");
		jsonw_num(w, v->cvss_score);
	}
	jsonw_kstr(w, "cvss_vector", v->cvss_vector);
	jsonw_kstr(w, "published", v->published);
	jsonw_end(w);
}

static void
write_finding(struct jsonw *w, const struct finding *f)
{
	jsonw_obj(w);
	jsonw_kstr(w, "id", f->id);
	jsonw_kstr(w, "severity", severity_name(f->severity));
	jsonw_kstr(w, "title", f->title);
	jsonw_kstr(w, "message", f->message);
	write_location(w, &f->loc);
	write_strvec(w, "aliases", &f->aliases);
	jsonw_key(w, "remediation");
	jsonw_str(w, f->remediation);
	jsonw_key(w, "evidence");
	jsonw_str(w, f->evidence);
	if (f->references.n)
		write_strvec(w, "references", &f->references);
	if (f->vuln)
		write_vuln(w, f->vuln);
	jsonw_end(w);
}

/* Whether vulnerabilities were checked, and their shown counts. */
static void
write_vulns(struct jsonw *w, const struct report *r)
{
	size_t counts[SEV_COUNT], total = 0;

	jsonw_key(w, "vulnerabilities");
	jsonw_obj(w);
	jsonw_key(w, "checked");
	jsonw_bool(w, r->vulns.checked);
	jsonw_kstr(w, "database", r->vulns.database);
	if (!r->vulns.checked) {
		jsonw_kstr(w, "reason", r->vulns.not_checked);
		jsonw_end(w);
		return;
	}
	jsonw_kint(w, "age_days", r->vulns.age_days);
	report_vuln_count(&r->findings, counts);
	for (int s = SEV_COUNT - 1; s >= 0; s--) {
		jsonw_kint(w, severity_name((enum severity)s),
			   (long long)counts[s]);
		total += counts[s];
	}
	jsonw_kint(w, "total", (long long)total);
	jsonw_end(w);
}

void
report_json(const struct report *r, struct buf *out)
{
	size_t counts[SEV_COUNT], suppressed = 0, filtered = 0, total = 0;
	struct jsonw w;

	jsonw_init(&w, out, false);
	jsonw_obj(&w);
	jsonw_kstr(&w, "schema", "hull-report/1");
	jsonw_key(&w, "tool");
	jsonw_obj(&w);
	jsonw_kstr(&w, "name", "hull");
	jsonw_kstr(&w, "version", HULL_VERSION);
	jsonw_end(&w);
	jsonw_kstr(&w, "command", r->command);
	write_strvec(&w, "targets", &r->targets);
	write_strvec(&w, "errors", &r->errors);
	jsonw_key(&w, "findings");
	jsonw_arr(&w);
	for (size_t i = 0; i < r->findings.n; i++) {
		if (r->findings.v[i].filtered) {
			filtered++;
			continue;
		}
		if (r->findings.v[i].suppressed) {
			suppressed++;
			continue;
		}
		write_finding(&w, &r->findings.v[i]);
	}
	jsonw_end(&w);
	findings_count(&r->findings, counts);
	jsonw_key(&w, "summary");
	jsonw_obj(&w);
	for (int s = SEV_COUNT - 1; s >= 0; s--) {
		jsonw_kint(&w, severity_name((enum severity)s),
			   (long long)counts[s]);
		total += counts[s];
	}
	jsonw_kint(&w, "total", (long long)total);
	jsonw_kint(&w, "suppressed", (long long)suppressed);
	jsonw_kint(&w, "not_shown", (long long)filtered);
	jsonw_end(&w);
	if (r->vulns.applies)
		write_vulns(&w, r);
	jsonw_end(&w);
	buf_addch(out, '\n');
}
