/*
 * The package inventory: what an image or a directory has installed.
 *
 * A struct pkg is one installed package as its package manager (or its
 * language's lock file, metadata or binary) recorded it.  A struct
 * pkg_list owns every package and every string that belongs to one scan
 * in a single arena: pkg_list_release() frees them all.
 *
 *	struct pkg_list l;
 *	pkg_list_init(&l);
 *	... catalogers add packages through pkg_list_add() ...
 *	pkg_list_finalize(&l);	(fills ids and purls once the OS is known)
 *	for (size_t i = 0; i < l.n; i++) use(l.v[i]);
 *	pkg_list_release(&l);
 */
#ifndef HULL_PKG_PKG_H
#define HULL_PKG_PKG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/strmap.h"

/* The ecosystem a package belongs to; it chooses the purl type and the
 * version order a vulnerability matcher uses. */
enum pkg_type {
	PKG_APK,
	PKG_DEB,
	PKG_RPM,
	PKG_NPM,
	PKG_PYPI,
	PKG_GOLANG,
	PKG_GOSTDLIB, /* the Go standard library a binary was built with */
	PKG_MAVEN,
	PKG_BOTTLEROCKET,
	PKG_TYPE_COUNT,
};

/* The operating system of the scanned filesystem. */
struct distro {
	const char *family;   /* "alpine", "debian", "redhat", ... or NULL */
	const char *version;  /* "3.10.4", "12", "buster/sid" */
	const char *codename; /* "bookworm", or NULL */
	const char *name;     /* PRETTY_NAME or the release line, or NULL */
	bool extended;	      /* Ubuntu ESM enabled */
};

/* A NULL-terminated array of arena strings, and its length. */
struct pkg_strs {
	const char **v;
	size_t n;
};

struct pkg {
	enum pkg_type type;
	const char *name;
	const char *version; /* the full version: "1:2.31.1-0.4ubuntu3.1" */
	const char *src_name;
	const char *src_version;
	const char *arch;
	const char *group; /* Maven groupId, npm scope is part of name */
	const char *maintainer;
	const char *digest; /* "sha1:..." or "md5:..." when recorded */
	struct pkg_strs licenses;
	struct pkg_strs depends_on; /* ids ("name@version") */
	struct pkg_strs files;	    /* installed files, relative paths */
	bool dev;		    /* npm devDependency */
	bool indirect;		    /* not a direct dependency of the root */

	const char *id;	  /* "name@version", filled by finalize */
	const char *purl; /* filled by pkg_list_finalize */

	struct pkg *same_name; /* next package of the same name (index) */

	int layer_index;	  /* layer that added the recording file */
	const char *layer_digest; /* or NULL for a directory */
	const char *path;	  /* the file that recorded the package */
};

struct pkg_list {
	struct arena arena; /* owns every pkg and string below */
	struct pkg **v;
	size_t n;
	size_t cap;
	struct distro os;
	bool has_os;
	int os_rank;	     /* rank of the release file os came from */
	struct strmap names; /* name -> first struct pkg, see by_name */
	size_t names_n;	     /* packages indexed so far */
};

void pkg_list_init(struct pkg_list *l);
void pkg_list_release(struct pkg_list *l);

/* A new zeroed package appended to l, owned by l. */
struct pkg *pkg_list_add(struct pkg_list *l, enum pkg_type type);

/* Copy s into l's arena; NULL stays NULL. */
const char *pkg_strdup(struct pkg_list *l, const char *s);
const char *pkg_strndup(struct pkg_list *l, const char *s, size_t n);
/* Append a copy of s to a string array owned by l. */
void pkg_strs_push(struct pkg_list *l, struct pkg_strs *a, const char *s);
bool pkg_strs_has(const struct pkg_strs *a, const char *s);
/* Dependencies recorded per package: real ones have a few hundred; the
 * duplicate check is linear, so a cap keeps hostile lists cheap. */
#define PKG_MAX_DEPS 4096
/* Licences per package, for the same reason. */
#define PKG_MAX_LICENSES 64

/* Record that p depends on the package `id`, once, up to PKG_MAX_DEPS. */
void pkg_add_dep(struct pkg_list *l, struct pkg *p, const char *id);

/* Sort an array in byte order. */
void pkg_strs_sort(struct pkg_strs *a);

/*
 * Fill every package's id ("name@version", for Maven "group:artifact@v")
 * and purl, using the distro for the OS packages' qualifiers.  Idempotent.
 */
void pkg_list_finalize(struct pkg_list *l);

/*
 * The first package called `name`, or NULL; the others of that name
 * follow through p->same_name.  Indexes packages added since the last
 * call, so lookups stay cheap however long the list grows.
 */
struct pkg *pkg_list_by_name(struct pkg_list *l, const char *name);

/* "apk", "deb", "rpm", "npm", "pypi", "golang", "go-stdlib", "maven". */
const char *pkg_type_name(enum pkg_type t);

/*
 * The package-url of p (https://github.com/package-url/purl-spec), built
 * into l's arena: type, namespace, name and version percent-encoded,
 * qualifiers sorted by key.  OS packages carry arch and distro
 * ("pkg:deb/debian/bash@5.2.15-2?arch=amd64&distro=debian-12").
 */
const char *pkg_purl(struct pkg_list *l, const struct pkg *p);

/*
 * Normalise one licence name the way package managers write them ("GPL2",
 * "zlib", "BSD") to its SPDX identifier when there is one; otherwise
 * returns the name unchanged.  The result is a static string or `name`.
 */
const char *license_normalize(const char *name);

/* Is name an identifier on the SPDX licence list (the common ones)? */
bool license_is_spdx_id(const char *name);

/*
 * Split a licence field ("MIT BSD GPL2+", "(Apache-2.0 OR MIT) AND
 * MPL-2.0") into normalised names and append each new one to p.
 * With `spaces`, whitespace also separates names (apk's L: field).
 */
void pkg_add_license_expr(struct pkg_list *l, struct pkg *p, const char *expr,
			  bool spaces);

#endif
