/*
 * The matcher's view of a package inventory: from the catalogers' struct
 * pkg_list to the struct match_pkg array vulndb_match() reads.
 *
 *	struct pkgmatch pm;
 *	pkgmatch_build(&pm, &cat.pkgs);
 *	... adjust pm.locs[i] (an image adds its layer history) ...
 *	vulndb_match(db, pm.v, pm.n, &findings, &e);
 *	pkgmatch_release(&pm);
 *
 * Each package gets the ecosystem string of match.h: OS packages the
 * detected distro and release ("alpine:3.10.4", "debian:12",
 * "ubuntu:22.04", "rpm:Rocky Linux:9"), language packages their OSV
 * ecosystem ("npm", "PyPI", "Go", "Maven").  A package with no ecosystem
 * to match in (an OS package on an unknown or unsupported distro, a
 * Bottlerocket inventory entry) is left out and counted in `skipped`.
 *
 * Ownership: pm owns v, locs, from and every string it made (ecosystems,
 * Maven names); the other strings point into the pkg_list, which must
 * outlive pm.
 */
#ifndef HULL_VULN_PKGMATCH_H
#define HULL_VULN_PKGMATCH_H

#include <stddef.h>

#include "core/arena.h"
#include "pkg/pkg.h"
#include "report/finding.h"
#include "vuln/match.h"

struct pkgmatch {
	struct match_pkg *v;
	size_t n;
	struct location *locs;	 /* v[i].loc is &locs[i] */
	const struct pkg **from; /* the package v[i] was made from */
	size_t skipped;		 /* packages with no ecosystem */
	struct arena arena;
};

/*
 * Fill pm from l (finalised: ids and purls set).  locs[i] carries the
 * package's layer index and digest and the path of the file that
 * recorded it; target and history are the caller's to add.
 */
void pkgmatch_build(struct pkgmatch *pm, const struct pkg_list *l);
void pkgmatch_release(struct pkgmatch *pm);

/*
 * The ecosystem string of p in an inventory whose OS is `os` (NULL when
 * none was found), written to buf; returns buf, or NULL when p cannot be
 * matched.
 */
const char *pkg_ecosystem(const struct distro *os, const struct pkg *p,
			  char *buf, size_t size);

/*
 * Drop repeated findings in fs[from..): the same advisory id for the same
 * package, version and recording file, reported once per advisory source
 * (Alpine's secdb and vuln-list both name CVE-2020-1967).  The copy kept
 * is the first that names a fix, else the first; it takes the worst
 * severity of the copies (with that copy's CVSS) and all their aliases.
 * Returns how many were dropped.
 */
size_t vuln_findings_dedup(struct findings *fs, size_t from);

#endif
