/*
 * An image, opened from any source, and the facts the image rules read.
 *
 *	struct image img;
 *	image_init(&img);
 *	if (image_open(&img, "docker-archive:app.tar", &opt, &e) < 0) ...
 *	image_scan(&img, extra, n_extra, &e);   (the one pass over the layers)
 *	rules read img.facts
 *	image_release(&img);
 *
 * image_open() reads the manifest and config (cheap); image_scan() streams
 * every layer once, bottom to top, through the path index (whiteouts) and
 * the analyzers, and fills the file facts.  A layer that cannot be read is
 * recorded in its struct image_layer and the scan goes on; image_scan()
 * fails only when nothing of the image could be read.
 *
 * Ownership: the image owns everything in it, facts included, in its
 * arena; image_release() frees it all.
 */
#ifndef HULL_IMAGE_IMAGE_H
#define HULL_IMAGE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/util.h"
#include "image/analyzer.h"
#include "image/pathindex.h"

struct image_options {
	const char *platform; /* "os/arch[/variant]", NULL for the host's */
	bool insecure_registry;
	const char *docker_host;   /* NULL: DOCKER_HOST or the default */
	const char *docker_config; /* NULL: ~/.docker/config.json */
	/*
	 * Only the config is wanted (hull harden): the Engine's image is
	 * then read from its inspect answer instead of being exported, and
	 * the image has no layers to scan.  Other sources read the config
	 * the same way either way.
	 */
	bool config_only;
};

/*
 * One history entry of the config.  `created_by` is the line as the
 * builder recorded it, build arguments included: it may hold a secret and
 * is never copied into a finding.  `shown` is what findings show: the
 * same line, or a redacted copy when it holds a secret (set by
 * image_config_secrets, rules/image.h).
 */
struct image_history {
	const char *created_by;
	const char *shown;
	const char *created;
	bool empty_layer;
	int layer; /* the layer it made, or -1 */
};

struct image_layer {
	const char *digest;	 /* blob digest "sha256:...", or NULL */
	const char *diff_id;	 /* config rootfs.diff_ids[i], or NULL */
	const char *media_type;	 /* NULL for docker save members */
	const char *member;	 /* archive member or blob name to open */
	uint64_t size;		 /* blob size its descriptor gives */
	bool has_size;		 /* the descriptor gave one */
	const char *created_by;	 /* its history entry as shown, or NULL */
	const char *instruction; /* Dockerfile instruction, with --dockerfile */
	unsigned dockerfile_line; /* its line in that Dockerfile */

	/* Filled by the scan. */
	bool skipped;	  /* foreign layer, not distributed */
	bool read_failed; /* could not be read (error says why) */
	const char *error;
	bool diff_id_bad; /* sha256 of the tar differs from diff_id */
	const char *actual_diff_id;
	uint64_t entries;
	uint64_t bytes; /* decompressed */
};

/* A file kept for the rules because of its name (keys, .env, ...). */
struct image_secret_file {
	const char *path;
	const char *kind; /* "private key", "cloud credentials", ... */
	int layer;
	int deleted_in; /* layer that deleted it, or -1 */
};

/* An entry whose path left the image root, or another odd entry. */
struct image_bad_entry {
	const char *path; /* as written in the layer */
	const char *why;
	int layer;
};

/* An account database as it is in the final filesystem. */
struct image_account_file {
	bool present;
	int layer;
	struct buf text;
};

struct image_facts {
	const char *ref;	/* as the user typed it */
	const char *dockerfile; /* --dockerfile path, or NULL */

	/* Config. */
	bool has_config;
	const char *user;      /* NULL when unset */
	struct strvec env;     /* "NAME=value" */
	struct strvec labels;  /* "key=value" */
	struct strvec ports;   /* "80/tcp" */
	struct strvec volumes; /* VOLUME paths, "/data" */
	bool has_healthcheck;
	bool healthcheck_disabled; /* test ["NONE"] */
	struct strvec cmd;
	struct strvec entrypoint;
	const char *workdir;
	const char *created; /* RFC 3339 */
	const char *os;
	const char *arch;
	const char *variant;
	/* The name the image carries in its source: a docker save's first
	 * RepoTags, an OCI layout's full reference annotation, the Engine's
	 * first RepoTags.  NULL when it has none. */
	const char *repo_tag;
	struct image_history *history;
	size_t n_history;
	struct image_layer *layers;
	size_t n_layers;

	/* Policy the rules need. */
	long max_age_days;
	time_t now;

	/* Files, from the scan. */
	bool scanned;
	struct path_index fs; /* the final filesystem */
	struct image_account_file passwd, shadow, group;
	struct image_secret_file *secret_files;
	size_t n_secret_files;
	size_t secret_files_dropped;
	struct image_bad_entry *bad_entries;
	size_t n_bad_entries;
	size_t bad_entries_dropped;
	struct strvec notes; /* things worth saying that are not findings */
};

struct image_source_ops;

struct image {
	char *ref;
	const struct image_source_ops *src;
	void *src_state;
	struct image_options opt;
	struct arena arena;
	struct image_facts facts;
	uint64_t total_bytes; /* decompressed so far, for the image cap */
	size_t total_entries;
};

void image_init(struct image *img);
void image_release(struct image *img);

/*
 * Open `ref` ("docker-archive:PATH", "oci:DIR[:TAG]", a bare path or
 * name, ...): find the manifest for the platform, read the config and the
 * layer list.  ERR_USAGE for an unknown scheme, ERR_INPUT when it is not
 * an image, ERR_NETWORK when a daemon or registry cannot be reached.
 */
int image_open(struct image *img, const char *ref,
	       const struct image_options *opt, struct err *e);

/*
 * The reference `docker run` would take for the opened image: the name
 * for docker: and registry: sources (and a bare name), the image's own
 * name (facts.repo_tag) for archives and layouts, or NULL when the image
 * has none (a dir:, an archive without tags).  Points into img.
 */
const char *image_run_ref(const struct image *img);

/*
 * One path component of an image name in Docker's reference grammar,
 * s[0..n): [a-z0-9]+ joined by ".", "_", "__" or a run of "-".
 */
bool image_ref_component_is_valid(const char *s, size_t n);

/*
 * Stream every layer once through the path index and `analyzers` (may be
 * NULL when n is 0) plus hull's own file analyzer, then call each
 * analyzer's finish into `out`.  Fails only when no layer could be read.
 */
int image_scan(struct image *img, const struct analyzer *analyzers, size_t n,
	       struct findings *out, struct err *e);

/*
 * Fill a location for a finding about layer `index` (-1: the image as a
 * whole) and `path` (may be NULL).  The strings point into facts.
 */
void image_facts_location(const struct image_facts *f, int index,
			  const char *path, struct location *loc);

#endif
