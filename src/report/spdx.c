/*
 * SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/).
 *
 * The document DESCRIBES one package for the scanned subject, which
 * CONTAINS every package found (and the operating system, as a package
 * whose purpose is OPERATING-SYSTEM).  Licences go in licenseDeclared as
 * an SPDX expression: known identifiers as they are, anything else as a
 * LicenseRef- with its original text in hasExtractedLicensingInfos.
 */
#include "report/sbom.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/xalloc.h"
#include "report/jsonw.h"

/* Exceptions that may follow WITH in the expressions rpm writes. */
static const char *const spdx_exceptions[] = {
	"Autoconf-exception-3.0",  "Bison-exception-2.2",
	"Classpath-exception-2.0", "GCC-exception-2.0",
	"GCC-exception-3.1",	   "LLVM-exception",
	"OpenSSL-exception",
};

/* "LicenseRef-" + the name with every character outside [A-Za-z0-9.-]
 * turned into '-'. */
static char *
license_ref(const char *name)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, "LicenseRef-");
	for (const char *s = name; *s; s++)
		buf_addch(&b,
			  isalnum((unsigned char)*s) || *s == '.' || *s == '-'
			      ? *s
			      : '-');
	return buf_detach(&b, NULL);
}

static bool
word_is_valid(const char *w)
{
	if (!strcmp(w, "AND") || !strcmp(w, "OR") || !strcmp(w, "WITH") ||
	    license_is_spdx_id(w))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(spdx_exceptions); i++)
		if (!strcmp(w, spdx_exceptions[i]))
			return true;
	return false;
}

/* Is every word of expr an SPDX id, exception, operator or paren? */
static bool
expression_is_valid(const char *expr)
{
	const char *s = expr;
	bool any = false;

	while (*s) {
		size_t n;
		char *w;
		bool ok;

		s += strspn(s, " ()");
		n = strcspn(s, " ()");
		if (!n)
			break;
		w = xstrndup(s, n);
		ok = word_is_valid(w);
		free(w);
		if (!ok)
			return false;
		any = true;
		s += n;
	}
	return any;
}

/* Append one licence term; records LicenseRefs in refs (ref -> text). */
static void
declared_term(struct buf *b, const char *lic, struct strmap *refs)
{
	char *ref;

	if (expression_is_valid(lic)) {
		buf_addf(b, strchr(lic, ' ') ? "(%s)" : "%s", lic);
		return;
	}
	ref = license_ref(lic);
	buf_addstr(b, ref);
	if (!strmap_has(refs, ref))
		strmap_put(refs, ref, (void *)lic);
	free(ref);
}

static char *
declared(const struct pkg *p, struct strmap *refs)
{
	struct buf b = BUF_INIT;
	char *inner;

	if (!p->licenses.n)
		return xstrdup("NOASSERTION");
	for (size_t i = 0; i < p->licenses.n; i++) {
		if (i)
			buf_addstr(&b, " AND ");
		declared_term(&b, p->licenses.v[i], refs);
	}
	if (p->licenses.n > 1 || b.data[0] != '(')
		return buf_detach(&b, NULL);
	/* A lone expression needs no parentheses. */
	inner = xstrndup(b.data + 1, b.len - 2);
	buf_release(&b);
	return inner;
}

static void
spdx_purl_ref(struct jsonw *w, const char *purl)
{
	jsonw_key(w, "externalRefs");
	jsonw_arr(w);
	jsonw_obj(w);
	jsonw_kstr(w, "referenceCategory", "PACKAGE-MANAGER");
	jsonw_kstr(w, "referenceType", "purl");
	jsonw_kstr(w, "referenceLocator", purl);
	jsonw_end(w);
	jsonw_end(w);
}

/* The fields every package has, NOASSERTION where nothing is known. */
static void
spdx_common(struct jsonw *w, const char *id, const char *name,
	    const char *version, const char *lic, const char *purpose)
{
	jsonw_kstr(w, "SPDXID", id);
	jsonw_kstr(w, "name", name);
	if (version && *version)
		jsonw_kstr(w, "versionInfo", version);
	jsonw_kstr(w, "supplier", "NOASSERTION");
	jsonw_kstr(w, "downloadLocation", "NOASSERTION");
	jsonw_key(w, "filesAnalyzed");
	jsonw_bool(w, false);
	jsonw_kstr(w, "licenseConcluded", "NOASSERTION");
	jsonw_kstr(w, "licenseDeclared", lic);
	jsonw_kstr(w, "copyrightText", "NOASSERTION");
	jsonw_kstr(w, "primaryPackagePurpose", purpose);
}

static void
spdx_package(struct jsonw *w, const struct pkg *p, size_t i,
	     struct strmap *refs)
{
	char id[48];
	char *lic = declared(p, refs);
	char *src;

	snprintf(id, sizeof(id), "SPDXRef-Package-%zu", i + 1);
	jsonw_obj(w);
	spdx_common(w, id, p->name, p->version, lic, "LIBRARY");
	if (p->path) {
		src = p->layer_digest
			  ? xasprintf("%s package recorded in %s "
				      "(layer %s)",
				      pkg_type_name(p->type), p->path,
				      p->layer_digest)
			  : xasprintf("%s package recorded in %s",
				      pkg_type_name(p->type), p->path);
		jsonw_kstr(w, "sourceInfo", src);
		free(src);
	}
	if (p->purl)
		spdx_purl_ref(w, p->purl);
	jsonw_end(w);
	free(lic);
}

static void
spdx_relationship(struct jsonw *w, const char *a, const char *type,
		  const char *b)
{
	jsonw_obj(w);
	jsonw_kstr(w, "spdxElementId", a);
	jsonw_kstr(w, "relationshipType", type);
	jsonw_kstr(w, "relatedSpdxElement", b);
	jsonw_end(w);
}

static void
spdx_relationships(struct jsonw *w, const struct pkg_list *l, bool has_os)
{
	struct strmap by_id = STRMAP_INIT;
	char id[48], dep[48];

	jsonw_key(w, "relationships");
	jsonw_arr(w);
	spdx_relationship(w, "SPDXRef-DOCUMENT", "DESCRIBES",
			  "SPDXRef-Subject");
	if (has_os)
		spdx_relationship(w, "SPDXRef-Subject", "CONTAINS",
				  "SPDXRef-OperatingSystem");
	for (size_t i = 0; i < l->n; i++) {
		snprintf(id, sizeof(id), "SPDXRef-Package-%zu", i + 1);
		spdx_relationship(w, "SPDXRef-Subject", "CONTAINS", id);
		if (l->v[i]->id && !strmap_has(&by_id, l->v[i]->id))
			strmap_put(&by_id, l->v[i]->id, (void *)(i + 1));
	}
	for (size_t i = 0; i < l->n; i++)
		for (size_t j = 0; j < l->v[i]->depends_on.n; j++) {
			size_t k = (size_t)strmap_get(&by_id,
						      l->v[i]->depends_on.v[j]);

			if (!k || k == i + 1)
				continue;
			snprintf(id, sizeof(id), "SPDXRef-Package-%zu", i + 1);
			snprintf(dep, sizeof(dep), "SPDXRef-Package-%zu", k);
			spdx_relationship(w, id, "DEPENDS_ON", dep);
		}
	jsonw_end(w);
	strmap_release(&by_id, NULL);
}

static void
spdx_extracted(struct jsonw *w, const struct strmap *refs)
{
	size_t iter = 0;
	const char *key;
	void *val;

	if (!refs->n)
		return;
	jsonw_key(w, "hasExtractedLicensingInfos");
	jsonw_arr(w);
	while (strmap_next(refs, &iter, &key, &val)) {
		jsonw_obj(w);
		jsonw_kstr(w, "licenseId", key);
		jsonw_kstr(w, "extractedText", val);
		jsonw_kstr(w, "name", val);
		jsonw_end(w);
	}
	jsonw_end(w);
}

static void
spdx_head(struct jsonw *w, const struct sbom_subject *s)
{
	char uuid[37], ts[32];
	struct buf ns = BUF_INIT;

	sbom_uuid(uuid);
	sbom_timestamp(ts);
	/* .invalid is reserved: the namespace names, it never resolves. */
	buf_addstr(&ns, "https://hull.invalid/spdxdocs/");
	for (const char *p = s->name; *p; p++)
		buf_addch(&ns,
			  isalnum((unsigned char)*p) || *p == '.' || *p == '-'
			      ? *p
			      : '-');
	buf_addf(&ns, "-%s", uuid);
	jsonw_kstr(w, "spdxVersion", "SPDX-2.3");
	jsonw_kstr(w, "dataLicense", "CC0-1.0");
	jsonw_kstr(w, "SPDXID", "SPDXRef-DOCUMENT");
	jsonw_kstr(w, "name", s->name);
	jsonw_kstr(w, "documentNamespace", ns.data);
	jsonw_key(w, "creationInfo");
	jsonw_obj(w);
	jsonw_kstr(w, "created", ts);
	jsonw_key(w, "creators");
	jsonw_arr(w);
	jsonw_str(w, "Tool: hull-" HULL_VERSION);
	jsonw_end(w);
	jsonw_end(w);
	buf_release(&ns);
}

void
sbom_write_spdx(const struct pkg_list *l, const struct sbom_subject *s,
		struct buf *out)
{
	struct strmap refs = STRMAP_INIT;
	bool has_os = l->has_os && l->os.family;
	struct jsonw w;

	jsonw_init(&w, out, false);
	jsonw_obj(&w);
	spdx_head(&w, s);
	jsonw_key(&w, "packages");
	jsonw_arr(&w);
	jsonw_obj(&w);
	spdx_common(&w, "SPDXRef-Subject", s->name, NULL, "NOASSERTION",
		    s->is_image ? "CONTAINER" : "FILE");
	jsonw_end(&w);
	if (has_os) {
		jsonw_obj(&w);
		spdx_common(&w, "SPDXRef-OperatingSystem", l->os.family,
			    l->os.version, "NOASSERTION", "OPERATING-SYSTEM");
		jsonw_end(&w);
	}
	for (size_t i = 0; i < l->n; i++)
		spdx_package(&w, l->v[i], i, &refs);
	jsonw_end(&w);
	spdx_relationships(&w, l, has_os);
	spdx_extracted(&w, &refs);
	jsonw_end(&w);
	buf_addch(out, '\n');
	strmap_release(&refs, NULL);
}
