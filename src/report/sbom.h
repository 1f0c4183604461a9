/*
 * The package inventory as documents: CycloneDX 1.5 JSON, SPDX 2.3 JSON,
 * hull's own JSON and a table for people.
 *
 * Each writer appends one complete document to `out`.  The subject is
 * what was scanned (an image reference or a directory).  The documents
 * carry a random serial number / namespace and the current time; set
 * SOURCE_DATE_EPOCH in the environment to pin the time (the random parts
 * stay random).
 */
#ifndef HULL_REPORT_SBOM_H
#define HULL_REPORT_SBOM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/util.h"
#include "pkg/pkg.h"
#include "report/report.h"

struct sbom_subject {
	const char *name;   /* "alpine:3.19", "/srv/rootfs" */
	bool is_image;	    /* a container image rather than a directory */
	const char *digest; /* "sha256:..." of the image, or NULL */
};

void sbom_write_cyclonedx(const struct pkg_list *l,
			  const struct sbom_subject *s, struct buf *out);
void sbom_write_spdx(const struct pkg_list *l, const struct sbom_subject *s,
		     struct buf *out);
/* hull's JSON: {"subject", "os", "packages": [...], "problems": [...]} */
void sbom_write_json(const struct pkg_list *l, const struct sbom_subject *s,
		     const struct strvec *problems, struct buf *out);
/* One line per package: type, name, version, source, path. */
void sbom_write_table(const struct pkg_list *l, const struct sbom_subject *s,
		      struct buf *out);

/*
 * Render the inventory in `format` (REPORT_CYCLONEDX, REPORT_SPDX,
 * REPORT_JSON or REPORT_TABLE).  Returns 0, or -1 for a format an
 * inventory has no document for (SARIF, GitHub annotations).  This is
 * the one call `hull sbom` and `hull image` make once an image's layer
 * stream has driven a struct catalog (see pkg/catalog.h).
 */
int sbom_render(const struct pkg_list *l, const struct sbom_subject *s,
		const struct strvec *problems, enum report_format format,
		struct buf *out);

/* A random version 4 UUID, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx". */
void sbom_uuid(char out[37]);
/* The document time, RFC 3339 UTC ("2024-05-01T12:00:00Z"). */
void sbom_timestamp(char out[32]);

#endif
