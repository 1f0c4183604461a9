/*
 * The package analyzer: every cataloger behind one struct analyzer.
 *
 * The layer stream (or the directory walker below) offers each entry;
 * the catalog keeps the latest copy of every file a cataloger wants,
 * keyed by path, and forgets it when a later layer deletes it.  At the
 * end, catalog_finish() parses what is left, so the final filesystem is
 * what counts, and fills a struct pkg_list.
 *
 *	struct catalog cat;
 *	struct analyzer an;
 *	catalog_init(&cat);
 *	catalog_analyzer(&cat, &an);
 *	... the image stream drives `an` (or catalog_walk_dir()) ...
 *	catalog_finish(&cat);	  (also run by the analyzer's finish)
 *	use(&cat.pkgs, &cat.problems);
 *	catalog_release(&cat);
 *
 * Files too large for their cataloger, or that fail to parse, are not
 * fatal: each adds a line naming the file and the reason, and the rest
 * of the inventory goes on.  A package manager's database (apk, dpkg,
 * rpm) that exists but cannot be read or parsed, wholly or in part
 * (too large, not a file, unreadable records, no record at all), goes
 * to `errors` ("cannot read package database 'PATH' (layer N, DIGEST):
 * reason"): the inventory, and any vulnerability check built on it, is
 * incomplete.  Everything else (a manifest that does not parse, a
 * record without a name, an archive member over its cap) goes to
 * `problems`, a warning.
 */
#ifndef HULL_PKG_CATALOG_H
#define HULL_PKG_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/strmap.h"
#include "core/util.h"
#include "image/analyzer.h"
#include "pkg/pkg.h"

/* Files kept at most per scan: a database per package manager, and one
 * record per language manifest or binary.  More is an attack or a very
 * odd image; the rest are reported and skipped. */
#define CATALOG_MAX_FILES 100000
/* Bytes of raw file content kept at once across all kept files. */
#define CATALOG_MAX_KEPT_BYTES (1024u * 1024 * 1024)

struct catalog_file;

struct catalog {
	struct strmap files; /* path -> struct catalog_file */
	struct strmap dirs;  /* folder -> kept files below it (a count) */
	size_t kept_bytes;
	struct pkg_list pkgs;
	struct strvec problems; /* warnings: "'path': reason" */
	struct strvec errors;	/* package databases not (wholly) read */
	bool finished;
};

void catalog_init(struct catalog *c);
void catalog_release(struct catalog *c);

/* Point `an` at the catalog; an->self is c. */
void catalog_analyzer(struct catalog *c, struct analyzer *an);

/* Parse every kept file into c->pkgs and detect the OS.  Idempotent. */
void catalog_finish(struct catalog *c);

/*
 * Feed a directory tree to an analyzer as one layer (index 0, no
 * digest).  lstat only: symlinks are reported as links, never followed,
 * and nothing outside `root` is opened.  Bounded by CATALOG_WALK_MAX_*.
 * Returns 0, or -1 with ERR_INPUT when root cannot be read; unreadable
 * entries below it are skipped and counted in *skipped when not NULL.
 * Does not call `finish`.
 */
#define CATALOG_WALK_MAX_DEPTH 64	 /* deeper trees are loops or hostile */
#define CATALOG_WALK_MAX_ENTRIES 2000000 /* a large distro is ~300k */
int catalog_walk_dir(const char *root, struct analyzer *an, size_t *skipped,
		     struct err *e);

/*
 * Catalogue a directory in one call: walk, finish.  The convenience
 * `hull sbom DIR` uses.
 */
int catalog_scan_dir(struct catalog *c, const char *root, struct err *e);

#endif
