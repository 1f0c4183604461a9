/*
 * What the catalogers share privately: the cataloger table entry and
 * the context a parse function gets.  Each cataloger lives in its own
 * file and exports one `const struct cataloger`.
 */
#ifndef HULL_PKG_CATALOGER_H
#define HULL_PKG_CATALOGER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/util.h"
#include "pkg/pkg.h"

/* One file handed to a parse function. */
struct pkg_file {
	const char *path; /* relative to the root: "lib/apk/db/installed" */
	const char *data; /* NUL-terminated after len bytes */
	size_t len;
	int layer_index;
	const char *layer_digest;
	/* Where a parse function records what it skipped while the rest
	 * of the file still counted (pkg_file_warn()); may be NULL. */
	struct strvec *warnings;
};

/*
 * Record a warning about f: "'path': message".  Use it for a part of
 * a file that was skipped (a record without a name); a file that says
 * nothing usable is a parse error instead.
 */
void pkg_file_warn(const struct pkg_file *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Parse phases: OS detection and package databases first, then the
 * catalogers that decorate packages already found (dpkg copyright files
 * and file lists), so they can look packages up by name.
 */
enum cataloger_phase {
	CATALOGER_PHASE_MAIN,
	CATALOGER_PHASE_DECORATE,
};

struct cataloger {
	const char *name;
	/* Does this cataloger want the file at `path` (cleaned, relative)?
	 * `mode` has the permission bits, `size` the content length. */
	bool (*wants)(const char *path, unsigned mode, unsigned long long size);
	/* Parse one file; append packages to out (their path and layer are
	 * filled by the caller after the call).  Returns 0, or -1 with the
	 * reason in e ("'path': reason"); packages added before a failure
	 * are kept. */
	int (*parse)(struct pkg_list *out, const struct pkg_file *f,
		     struct err *e);
	/* Largest file worth keeping; larger ones are reported. */
	size_t max_size;
	enum cataloger_phase phase;
	/* Parse as soon as the file arrives, keeping only the packages
	 * instead of the bytes (binaries and archives, which are big). */
	bool parse_early;
	/* Optional: is this worth reading, judging by its first
	 * CATALOGER_SNIFF_BYTES bytes (fewer when the file is shorter)?
	 * Saves reading every executable of an image whole. */
	bool (*sniff)(const unsigned char *head, size_t n);
	/* A package manager's own database (apk, dpkg, rpm): a copy that
	 * exists but cannot be read or parsed, wholly or in part, leaves
	 * the inventory incomplete, which is an error, not a warning.
	 * Such a cataloger is also offered directories and other
	 * non-files at the paths it wants, to report them. */
	bool database;
};

/* Enough to see the notes an ELF file keeps after its program headers. */
#define CATALOGER_SNIFF_BYTES 8192

extern const struct cataloger cataloger_osrelease;
extern const struct cataloger cataloger_apk;
extern const struct cataloger cataloger_dpkg;
extern const struct cataloger cataloger_dpkg_extra;
extern const struct cataloger cataloger_rpm;
extern const struct cataloger cataloger_npm;
extern const struct cataloger cataloger_python;
extern const struct cataloger cataloger_java;
extern const struct cataloger cataloger_gobin;
extern const struct cataloger cataloger_bottlerocket;

/* Helpers for the line-oriented formats. */

/* The next line of [*p, end): sets *line and *n (without "\n" or
 * "\r\n") and advances *p; false at the end. */
bool text_next_line(const char **p, const char *end, const char **line,
		    size_t *n);

#endif
