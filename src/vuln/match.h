/*
 * Matching installed packages against the vulnerability database.
 *
 * The input is a plain struct so that any cataloger can feed it; it owns
 * nothing and is only read.  Each vulnerable (package, advisory) pair
 * becomes one finding in `out`:
 *
 *   id        the advisory id ("CVE-2020-1967", "GO-2022-0969", "DSA-...")
 *   aliases   its other ids (CVE, GHSA)
 *   title     the advisory summary ("ID in PACKAGE" when it has none)
 *   severity  from a CVSS vector (v3.x computed, never a given score),
 *             else the source's rating, else the rating of another
 *             advisory for the same issue (an alias), else UNKNOWN
 *   vuln      package, installed version, fixed version (NULL when there
 *             is none), status "fixed", "affected" or "will_not_fix",
 *             ecosystem, purl, CVSS score and vector, published date
 *   loc       copied from the package (layer index and digest, path)
 *
 * Distro packages ("alpine:3.10.4", "debian:12", "ubuntu:22.04",
 * "rpm:Rocky Linux:9") are looked up by source package (falling back to
 * the binary name when the source has no entry) within their release:
 * Alpine by MAJOR.MINOR branch, Debian by release number (codenames
 * accepted).  Language packages ("npm", "PyPI", "Go", "Maven",
 * "crates.io", "RubyGems", ...) are looked up by name, normalised the way
 * the ecosystem does (PEP 503 for PyPI, lowercase for npm, '_' = '-' for
 * crates.io).  Versions are ordered by the ecosystem's scheme
 * (vuln/version.h).  Withdrawn advisories never match.
 */
#ifndef HULL_VULN_MATCH_H
#define HULL_VULN_MATCH_H

#include <stddef.h>

#include "core/err.h"
#include "report/finding.h"
#include "vuln/vulndb.h"

struct match_pkg {
	const char *ecosystem;
	const char *name;
	const char *source_name;    /* distro source package, or NULL */
	const char *version;	    /* the installed version */
	const char *source_version; /* the source package's, or NULL */
	const char *purl;	    /* may be NULL */
	const struct location *loc; /* may be NULL */
};

/* Most range events evaluated in one OSV range. */
#define MATCH_MAX_EVENTS 512

/*
 * Match pkgs[0..n) and add a finding for each vulnerability.  Returns the
 * number of findings added, or -1 with an error (a database failure; a
 * package with an unknown ecosystem or an invalid version is skipped,
 * not an error).
 */
int vulndb_match(struct vulndb *db, const struct match_pkg *pkgs, size_t n,
		 struct findings *out, struct err *e);

#endif
