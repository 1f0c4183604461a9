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

#endif
