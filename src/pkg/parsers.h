/*
 * Entry points of single-file parsers, for tests and fuzz targets that
 * hold a file's bytes rather than a filesystem.  Each appends what it
 * finds to l and returns 0, or -1 with the reason naming `path`.
 */
#ifndef HULL_PKG_PARSERS_H
#define HULL_PKG_PARSERS_H

#include <stddef.h>

#include "core/err.h"
#include "pkg/pkg.h"

/* Python core metadata (METADATA, PKG-INFO): one package. */
int python_parse_metadata(struct pkg_list *l, const char *path,
			  const char *data, size_t len, struct err *e);

/*
 * A Go executable's build information: the main module, its
 * dependencies (replacements applied) and the standard library version.
 * A file that is not a Go binary adds nothing and is not an error.
 */
int gobin_parse(struct pkg_list *l, const char *path, const void *data,
		size_t len, struct err *e);

/*
 * A Java archive (jar, war, ear, par) and the archives nested in it, from
 * memory.  Each package carries the archive that named it as its path:
 * `path` itself, or "path/WEB-INF/lib/inner.jar" for a nested one.
 * What was skipped while the rest was read (a member over its cap,
 * archives nested deeper than the limit, a member that does not
 * decompress) goes to `warnings` ("'path': why") when not NULL.
 * Returns 0, or -1 when `path` itself is not a readable zip archive.
 */
int jar_parse(struct pkg_list *l, const char *path, const void *data,
	      size_t len, struct strvec *warnings, struct err *e);

#endif
