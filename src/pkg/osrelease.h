/*
 * Operating-system detection from the release files a distribution
 * ships: etc/os-release and usr/lib/os-release (the freedesktop.org
 * format), etc/alpine-release, etc/debian_version, etc/lsb-release
 * (Ubuntu), the Red Hat family's etc/<name>-release lines, and Ubuntu
 * Pro's var/lib/ubuntu-advantage/status.json (the ESM flag).
 */
#ifndef HULL_PKG_OSRELEASE_H
#define HULL_PKG_OSRELEASE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "pkg/pkg.h"

/* Release files are a few hundred bytes; anything this big is not one. */
#define OSRELEASE_MAX_SIZE (64 * 1024)

/* Is `path` (relative, cleaned) one of the files read here? */
bool os_release_wants(const char *path);

/*
 * Read one release file.  `path` chooses the format.  On success fills
 * the fields the file knows (strings in `a`) and sets *rank: when several
 * files describe the OS, the highest rank wins (os-release beats the
 * older files).  Returns 1 when the file named an OS (or, for the ESM
 * status file, set `extended`), 0 when it was well-formed but named none
 * (an unknown ID, ESM disabled), and -1 with the reason in e when it
 * could not be read ("unable to analyze OS information").
 */
int os_release_parse(const char *path, const char *data, size_t len,
		     struct arena *a, struct distro *out, int *rank,
		     struct err *e);

#endif
