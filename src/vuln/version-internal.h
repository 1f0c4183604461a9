/*
 * The per-scheme functions behind the table in version.c.
 */
#ifndef HULL_VULN_VERSION_INTERNAL_H
#define HULL_VULN_VERSION_INTERNAL_H

#include <stdbool.h>

int apk_version_cmp(const char *a, const char *b);
bool apk_version_valid(const char *v);
int dpkg_version_cmp(const char *a, const char *b);
bool dpkg_version_valid(const char *v);
int rpm_version_cmp(const char *a, const char *b);
bool rpm_version_valid(const char *v);
int semver_version_cmp(const char *a, const char *b);
bool semver_version_valid(const char *v);
int go_version_cmp(const char *a, const char *b);
bool go_version_valid(const char *v);
int pep440_version_cmp(const char *a, const char *b);
bool pep440_version_valid(const char *v);
int maven_version_cmp(const char *a, const char *b);
bool maven_version_valid(const char *v);
int gem_version_cmp(const char *a, const char *b);
bool gem_version_valid(const char *v);

/* Shared by the schemes: compare two digit runs as numbers of any length
 * (leading zeros ignored). */
int digits_cmp(const char *a, int alen, const char *b, int blen);

/* How idents_cmp orders two identifiers of different kinds. */
#define VERSION_IDENTS_NUMBERS_LAST                                            \
	0x1			     /* numbers after words (PEP 440           \
					local labels); else before them        \
					(semver prereleases) */
#define VERSION_IDENTS_FOLD_CASE 0x2 /* words compare ignoring ASCII case */

/*
 * Compare two lists of identifiers, `a` (an bytes) and `b` (bn bytes),
 * split at any byte of `seps`: one by one, two all-digit identifiers as
 * numbers, two words byte by byte (a word that is a prefix of the other
 * first), a number and a word as `flags` says; when one list is a prefix
 * of the other, the shorter first.  The callers' parsers guarantee that no
 * identifier is empty.  Returns -1, 0 or 1.
 */
int idents_cmp(const char *a, int an, const char *b, int bn, const char *seps,
	       unsigned flags);

#endif
