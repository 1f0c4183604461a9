/*
 * Image sources: where the manifest, the config and the layer blobs come
 * from.  Private to src/image/.
 *
 * Each source is a struct image_source_ops in the table of image.c.
 * `open` reads the manifest and config into img->facts (through the
 * layout helpers below); then the stream asks for each layer either as a
 * blob (`layer_open`: a byte range holding a possibly compressed tar) or,
 * for sources that are not tarballs (dir:), as a walk that feeds entries
 * itself (`layer_walk`).
 *
 * Most sources are a blob store with a layout on top: a docker save or an
 * OCI layout in a tar (archive.c), an OCI layout directory (ocidir.c), a
 * docker save streamed from the Engine (engine.c), a registry (registry.c).
 * The layouts (layout.c) only need "open the blob named N".
 */
#ifndef HULL_IMAGE_SOURCE_H
#define HULL_IMAGE_SOURCE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/sha256.h"
#include "image/image.h"

/* A byte range of an open file: an archive member, a blob, a temp file. */
struct blob {
	int fd;
	bool owned; /* close fd in blob_release */
	uint64_t off;
	uint64_t size;
};

#define BLOB_INIT                                                              \
	{                                                                      \
		-1, false, 0, 0                                                \
	}

void blob_release(struct blob *b);

/* Read the whole blob into out when it is at most max bytes. */
int blob_read_all(const struct blob *b, size_t max, struct buf *out,
		  struct err *e);

/*
 * A store of named blobs.  Names are archive member names for docker save
 * ("abc/layer.tar", "manifest.json") and "blobs/sha256/<hex>" for OCI
 * layouts.  `open` fails with ERR_INPUT when there is no such blob.
 */
struct blob_store {
	int (*open)(void *self, const char *name, struct blob *b,
		    struct err *e);
	void *self;
};

struct layer_feed;

struct image_source_ops {
	const char *scheme; /* "docker-archive" */
	/* Read manifest and config; arg is what follows "scheme:". */
	int (*open)(struct image *img, const char *arg, struct err *e);
	/* Layer i as a (compressed) tar; NULL for walking sources. */
	int (*layer_open)(struct image *img, size_t i, struct blob *b,
			  struct err *e);
	/* Feed layer i entry by entry; NULL for blob sources. */
	int (*layer_walk)(struct image *img, size_t i, struct layer_feed *feed,
			  struct err *e);
	void (*close)(struct image *img);
};

extern const struct image_source_ops image_source_docker_archive;
extern const struct image_source_ops image_source_oci_archive;
extern const struct image_source_ops image_source_oci_dir;
extern const struct image_source_ops image_source_dir;
extern const struct image_source_ops image_source_docker;
extern const struct image_source_ops image_source_registry;

/*
 * The stream side offered to walking sources: hand one entry (path as
 * found, not yet cleaned) with a reader for its contents (NULL for
 * non-files).  Returns 0, or -1 when the layer must stop (a limit).
 */
int layer_feed_entry(struct layer_feed *feed, struct layer_entry *le,
		     struct entry_reader *r, struct err *e);

/* Layouts (layout.c). */

/* docker save: manifest.json, its config and layer members. */
int layout_docker_save(struct image *img, struct blob_store *st, struct err *e);
/* OCI layout: index.json (tag: a ref.name to select, or NULL). */
int layout_oci(struct image *img, struct blob_store *st, const char *tag,
	       struct err *e);
/* An image manifest (OCI or Docker v2): config and layers from st. */
int layout_manifest(struct image *img, struct blob_store *st, json_t *man,
		    struct err *e);
/* Is the tar store a docker save (manifest.json) or OCI (index.json)? */
bool layout_has(struct blob_store *st, const char *name);
/*
 * Parse a config JSON into img->facts.  A field of the wrong JSON type
 * ("User": 5) is ignored with a note naming it; only a config that is
 * not a JSON object fails.
 */
int layout_config(struct image *img, const char *json, size_t len,
		  struct err *e);
/* The config from the Engine's image inspect answer (its "Config" is
 * the config's "config"), for config-only reads. */
int layout_inspect(struct image *img, json_t *inspect, struct err *e);
/*
 * Choose from an index's manifests by platform: opt->platform or the
 * host's.  Returns the chosen element, or NULL with an error listing the
 * platforms available.
 */
json_t *layout_pick_platform(struct image *img, json_t *manifests,
			     struct err *e);
/* Parse JSON text with a clear error naming `what`. */
json_t *layout_parse_json(const char *text, size_t len, const char *what,
			  struct err *e);
/* "sha256:<64 hex>" */
bool digest_valid(const char *digest);
/* Blob name in an OCI layout for a digest: "blobs/sha256/<hex>". */
char *digest_blob_name(const char *digest);

/* Tar-backed store (archive.c): index the members of a plain tar file. */
struct tar_store;
int tar_store_open(struct tar_store **out, int fd, const char *name,
		   struct err *e);
void tar_store_free(struct tar_store *ts);
struct blob_store tar_store_as_store(struct tar_store *ts);
bool tar_store_has(struct tar_store *ts, const char *name);

/*
 * Make `fd` a plain tar: when it is compressed, decompress it into an
 * anonymous temp file (capped) and return that, else return a dup.
 */
int archive_plain_fd(int fd, const char *name, struct err *e);

/* An anonymous temp file in $TMPDIR (O_TMPFILE, else unlinked mkstemp). */
int tmpfile_anon(struct err *e);

/* Is the layer media type one hull reads?  Sets *foreign for the
 * nondistributable ones, which are skipped. */
bool media_type_layer(const char *mt, bool *foreign);

#endif
