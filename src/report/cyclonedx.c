/*
 * CycloneDX 1.5 JSON (https://cyclonedx.org/docs/1.5/json/).
 *
 * One component per package (type "library"), one for the operating
 * system (type "operating-system"), the scanned subject as
 * metadata.component, and a dependency graph where catalogers recorded
 * one.  bom-refs are the package-urls, made unique with a suffix when
 * the same package was found twice (in two lock files, say).
 */
#include "report/sbom.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/strmap.h"
#include "core/xalloc.h"
#include "report/jsonw.h"

void
sbom_uuid(char out[37])
{
	unsigned char r[16];
	size_t got = 0;

	while (got < sizeof(r)) {
		ssize_t n = getrandom(r + got, sizeof(r) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* No entropy source: time and pid still differ. */
			unsigned long long t = (unsigned long long)time(NULL);

			for (size_t i = got; i < sizeof(r); i++)
				r[i] = (unsigned char)((t >> (i % 8 * 8)) ^
						       (unsigned)getpid() ^ i);
			break;
		}
		got += (size_t)n;
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
		 r[10], r[11], r[12], r[13], r[14], r[15]);
}

void
sbom_timestamp(char out[32])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long v;
	time_t now = time(NULL);
	struct tm tm;

	if (sde && !str_to_ll(sde, 0, 253402300799LL, &v))
		now = (time_t)v;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
cdx_license(struct jsonw *w, const char *lic)
{
	jsonw_obj(w);
	if (strchr(lic, ' ') && (strstr(lic, " AND ") || strstr(lic, " OR ") ||
				 strstr(lic, " WITH "))) {
		jsonw_kstr(w, "expression", lic);
	} else {
		jsonw_key(w, "license");
		jsonw_obj(w);
		jsonw_kstr(w, license_is_spdx_id(lic) ? "id" : "name", lic);
		jsonw_end(w);
	}
	jsonw_end(w);
}

static void
cdx_property(struct jsonw *w, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	jsonw_obj(w);
	jsonw_kstr(w, "name", name);
	jsonw_kstr(w, "value", value);
	jsonw_end(w);
}

static void
cdx_properties(struct jsonw *w, const struct pkg *p)
{
	char idx[24];

	snprintf(idx, sizeof(idx), "%d", p->layer_index);
	jsonw_key(w, "properties");
	jsonw_arr(w);
	cdx_property(w, "hull:package:type", pkg_type_name(p->type));
	cdx_property(w, "hull:package:path", p->path);
	if (p->layer_index >= 0)
		cdx_property(w, "hull:layer:index", idx);
	cdx_property(w, "hull:layer:digest", p->layer_digest);
	cdx_property(w, "hull:package:source-name", p->src_name);
	cdx_property(w, "hull:package:source-version", p->src_version);
	cdx_property(w, "hull:package:arch", p->arch);
	if (p->dev)
		cdx_property(w, "hull:package:dev", "true");
	jsonw_end(w);
}

static void
cdx_component(struct jsonw *w, const struct pkg *p, const char *ref)
{
	jsonw_obj(w);
	jsonw_kstr(w, "bom-ref", ref);
	jsonw_kstr(w, "type", "library");
	if (p->group)
		jsonw_kstr(w, "group", p->group);
	jsonw_kstr(w, "name", p->name);
	if (p->version && *p->version)
		jsonw_kstr(w, "version", p->version);
	if (p->maintainer && *p->maintainer) {
		jsonw_key(w, "supplier");
		jsonw_obj(w);
		jsonw_kstr(w, "name", p->maintainer);
		jsonw_end(w);
	}
	if (p->purl)
		jsonw_kstr(w, "purl", p->purl);
	if (p->licenses.n) {
		jsonw_key(w, "licenses");
		jsonw_arr(w);
		/* CycloneDX allows one expression or a list of licences. */
		if (p->licenses.n > 1)
			for (size_t i = 0; i < p->licenses.n; i++) {
				jsonw_obj(w);
				jsonw_key(w, "license");
				jsonw_obj(w);
				jsonw_kstr(w,
					   license_is_spdx_id(p->licenses.v[i])
					       ? "id"
					       : "name",
					   p->licenses.v[i]);
				jsonw_end(w);
				jsonw_end(w);
			}
		else
			cdx_license(w, p->licenses.v[0]);
		jsonw_end(w);
	}
	cdx_properties(w, p);
	jsonw_end(w);
}

/* Unique bom-refs, one per package, in l's order. */
static char **
cdx_refs(const struct pkg_list *l, struct strmap *by_id)
{
	char **refs = xcalloc(l->n + 1, sizeof(*refs));
	struct strmap seen = STRMAP_INIT;

	for (size_t i = 0; i < l->n; i++) {
		const struct pkg *p = l->v[i];
		const char *base = p->purl ? p->purl : p->id;

		refs[i] = strmap_has(&seen, base) ? xasprintf("%s#%zu", base, i)
						  : xstrdup(base);
		strmap_put(&seen, refs[i], NULL);
		if (p->id && !strmap_has(by_id, p->id))
			strmap_put(by_id, p->id, refs[i]);
	}
	strmap_release(&seen, NULL);
	return refs;
}

static void
cdx_dependencies(struct jsonw *w, const struct pkg_list *l, char **refs,
		 const struct strmap *by_id)
{
	jsonw_key(w, "dependencies");
	jsonw_arr(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct pkg *p = l->v[i];

		jsonw_obj(w);
		jsonw_kstr(w, "ref", refs[i]);
		jsonw_key(w, "dependsOn");
		jsonw_arr(w);
		for (size_t j = 0; j < p->depends_on.n; j++) {
			const char *r = strmap_get(by_id, p->depends_on.v[j]);

			if (r && strcmp(r, refs[i]))
				jsonw_str(w, r);
		}
		jsonw_end(w);
		jsonw_end(w);
	}
	jsonw_end(w);
}

static void
cdx_metadata(struct jsonw *w, const struct sbom_subject *s)
{
	char ts[32];

	sbom_timestamp(ts);
	jsonw_key(w, "metadata");
	jsonw_obj(w);
	jsonw_kstr(w, "timestamp", ts);
	jsonw_key(w, "tools");
	jsonw_obj(w);
	jsonw_key(w, "components");
	jsonw_arr(w);
	jsonw_obj(w);
	jsonw_kstr(w, "type", "application");
	jsonw_kstr(w, "name", "hull");
	jsonw_kstr(w, "version", HULL_VERSION);
	jsonw_end(w);
	jsonw_end(w);
	jsonw_end(w);
	jsonw_key(w, "component");
	jsonw_obj(w);
	jsonw_kstr(w, "bom-ref", "subject");
	jsonw_kstr(w, "type", s->is_image ? "container" : "file");
	jsonw_kstr(w, "name", s->name);
	if (s->digest) {
		jsonw_key(w, "hashes");
		jsonw_arr(w);
		if (str_starts_with(s->digest, "sha256:")) {
			jsonw_obj(w);
			jsonw_kstr(w, "alg", "SHA-256");
			jsonw_kstr(w, "content", s->digest + 7);
			jsonw_end(w);
		}
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_end(w);
}

void
sbom_write_cyclonedx(const struct pkg_list *l, const struct sbom_subject *s,
		     struct buf *out)
{
	struct strmap by_id = STRMAP_INIT;
	struct jsonw w;
	char uuid[37], *serial;
	char **refs = cdx_refs(l, &by_id);

	sbom_uuid(uuid);
	jsonw_init(&w, out, false);
	jsonw_obj(&w);
	jsonw_kstr(&w, "$schema",
		   "http://cyclonedx.org/schema/bom-1.5.schema.json");
	jsonw_kstr(&w, "bomFormat", "CycloneDX");
	jsonw_kstr(&w, "specVersion", "1.5");
	serial = xasprintf("urn:uuid:%s", uuid);
	jsonw_kstr(&w, "serialNumber", serial);
	free(serial);
	jsonw_kint(&w, "version", 1);
	cdx_metadata(&w, s);
	jsonw_key(&w, "components");
	jsonw_arr(&w);
	if (l->has_os && l->os.family) {
		jsonw_obj(&w);
		jsonw_kstr(&w, "bom-ref", "operating-system");
		jsonw_kstr(&w, "type", "operating-system");
		jsonw_kstr(&w, "name", l->os.family);
		jsonw_kstr(&w, "version", l->os.version);
		if (l->os.name)
			jsonw_kstr(&w, "description", l->os.name);
		jsonw_end(&w);
	}
	for (size_t i = 0; i < l->n; i++)
		cdx_component(&w, l->v[i], refs[i]);
	jsonw_end(&w);
	cdx_dependencies(&w, l, refs, &by_id);
	jsonw_end(&w);
	buf_addch(out, '\n');
	for (size_t i = 0; i < l->n; i++)
		free(refs[i]);
	free(refs);
	strmap_release(&by_id, NULL);
}
