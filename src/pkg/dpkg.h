/*
 * The dpkg parsers, for tests and for callers that hold a status file
 * rather than a filesystem.
 */
#ifndef HULL_PKG_DPKG_H
#define HULL_PKG_DPKG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/util.h"
#include "pkg/pkg.h"

/*
 * Append the installed packages of a status file (deb822 paragraphs) to
 * l, with dependencies resolved among them.  With `need_status`, a
 * paragraph without "Status: ... installed" is skipped (the status
 * file); without it, a missing Status counts as installed (distroless
 * status.d files).  Returns 0, or -1 when the file holds more than
 * DPKG_MAX_PACKAGES paragraphs (those before the cap are kept).
 */
int dpkg_parse_status(struct pkg_list *l, const char *path, const char *data,
		      size_t len, bool need_status, struct err *e);

/*
 * The licences a usr/share/doc/NAME/copyright file states, as SPDX ids
 * where known: its "License:" fields (machine-readable format) and the
 * /usr/share/common-licenses/NAME files it points to, in file order,
 * each once.
 */
void dpkg_copyright_licenses(const char *data, size_t len, struct strvec *out);

#endif
