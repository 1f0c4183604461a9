/*
 * hull's own inventory JSON and the table, and the dispatch between the
 * SBOM formats.
 */
#include "report/sbom.h"

#include <stdio.h>
#include <string.h>

#include "report/jsonw.h"

static void
json_strs(struct jsonw *w, const char *key, const struct pkg_strs *a)
{
	if (!a->n)
		return;
	jsonw_key(w, key);
	jsonw_arr(w);
	for (size_t i = 0; i < a->n; i++)
		jsonw_str(w, a->v[i]);
	jsonw_end(w);
}

static void
json_pkg(struct jsonw *w, const struct pkg *p)
{
	jsonw_obj(w);
	jsonw_kstr(w, "id", p->id);
	jsonw_kstr(w, "type", pkg_type_name(p->type));
	jsonw_kstr(w, "group", p->group);
	jsonw_kstr(w, "name", p->name);
	jsonw_kstr(w, "version", p->version);
	jsonw_kstr(w, "source_name", p->src_name);
	jsonw_kstr(w, "source_version", p->src_version);
	jsonw_kstr(w, "arch", p->arch);
	jsonw_kstr(w, "purl", p->purl);
	jsonw_kstr(w, "maintainer", p->maintainer);
	jsonw_kstr(w, "digest", p->digest);
	json_strs(w, "licenses", &p->licenses);
	json_strs(w, "depends_on", &p->depends_on);
	if (p->dev) {
		jsonw_key(w, "dev");
		jsonw_bool(w, true);
	}
	jsonw_kstr(w, "path", p->path);
	jsonw_kint(w, "layer_index", p->layer_index);
	jsonw_kstr(w, "layer_digest", p->layer_digest);
	jsonw_kint(w, "files", (long long)p->files.n);
	jsonw_end(w);
}

void
sbom_write_json(const struct pkg_list *l, const struct sbom_subject *s,
		const struct strvec *problems, struct buf *out)
{
	struct jsonw w;

	jsonw_init(&w, out, false);
	jsonw_obj(&w);
	jsonw_kstr(&w, "subject", s->name);
	jsonw_key(&w, "os");
	if (l->has_os) {
		jsonw_obj(&w);
		jsonw_kstr(&w, "family", l->os.family);
		jsonw_kstr(&w, "version", l->os.version);
		jsonw_kstr(&w, "codename", l->os.codename);
		jsonw_kstr(&w, "name", l->os.name);
		if (l->os.extended) {
			jsonw_key(&w, "extended_support");
			jsonw_bool(&w, true);
		}
		jsonw_end(&w);
	} else {
		jsonw_null(&w);
	}
	jsonw_key(&w, "packages");
	jsonw_arr(&w);
	for (size_t i = 0; i < l->n; i++)
		json_pkg(&w, l->v[i]);
	jsonw_end(&w);
	jsonw_key(&w, "problems");
	jsonw_arr(&w);
	for (size_t i = 0; problems && i < problems->n; i++)
		jsonw_str(&w, problems->v[i]);
	jsonw_end(&w);
	jsonw_end(&w);
	buf_addch(out, '\n');
}

/* Names, versions and paths come from the scanned image: escaped and
 * padded by their escaped width (report_add_printable_cell). */
void
sbom_write_table(const struct pkg_list *l, const struct sbom_subject *s,
		 struct buf *out)
{
	struct buf scratch = BUF_INIT;
	size_t wn = 4, wv = 7;

	for (size_t i = 0; i < l->n; i++) {
		size_t n = report_printable_len(l->v[i]->name, &scratch);
		size_t v = report_printable_len(
		    l->v[i]->version ? l->v[i]->version : "-", &scratch);

		wn = n > wn && n < 48 ? n : wn;
		wv = v > wv && v < 40 ? v : wv;
	}
	buf_release(&scratch);
	report_add_printable(out, s->name);
	if (l->has_os) {
		buf_addstr(out, " (");
		report_add_printable(out, l->os.family ? l->os.family : "");
		buf_addch(out, ' ');
		report_add_printable(out, l->os.version ? l->os.version : "");
		buf_addch(out, ')');
	}
	buf_addf(out, ": %zu packages\n\n", l->n);
	if (!l->n)
		return;
	buf_addf(out, "%-9s %-*s %-*s %s\n", "TYPE", (int)wn, "NAME", (int)wv,
		 "VERSION", "FOUND IN");
	for (size_t i = 0; i < l->n; i++) {
		const struct pkg *p = l->v[i];

		buf_addf(out, "%-9s ", pkg_type_name(p->type));
		if (p->group) {
			/* group:name is not aligned, as before */
			report_add_printable(out, p->group);
			buf_addch(out, ':');
			report_add_printable(out, p->name);
			buf_addch(out, ' ');
			report_add_printable(out,
					     p->version ? p->version : "-");
		} else {
			report_add_printable_cell(out, p->name, wn);
			buf_addch(out, ' ');
			report_add_printable_cell(
			    out, p->version ? p->version : "-", wv);
		}
		buf_addch(out, ' ');
		report_add_printable(out, p->path ? p->path : "");
		buf_addch(out, '\n');
	}
}

int
sbom_render(const struct pkg_list *l, const struct sbom_subject *s,
	    const struct strvec *problems, enum report_format format,
	    struct buf *out)
{
	switch (format) {
	case REPORT_CYCLONEDX:
		sbom_write_cyclonedx(l, s, out);
		return 0;
	case REPORT_SPDX:
		sbom_write_spdx(l, s, out);
		return 0;
	case REPORT_JSON:
		sbom_write_json(l, s, problems, out);
		return 0;
	case REPORT_TABLE:
		sbom_write_table(l, s, out);
		return 0;
	default:
		return -1;
	}
}
