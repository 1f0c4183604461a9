/*
 * The layer stream (stream.c), private to src/image/.
 */
#ifndef HULL_IMAGE_STREAM_H
#define HULL_IMAGE_STREAM_H

#include "core/buf.h"
#include "image/image.h"

/*
 * Clean a path from a layer into out: no leading "/" or "./", no "." or
 * empty components, ".." resolved lexically.  Returns -1 when ".." would
 * leave the root (out is then undefined); "" is the root itself.
 */
int image_path_clean(const char *in, struct buf *out);

/*
 * Read every layer of img through the path index and the analyzers.
 * Fails only when no layer could be read.
 */
int image_stream(struct image *img, const struct analyzer *an, size_t n_an,
		 struct err *e);

/* The built-in analyzer that keeps account files and secret-bearing
 * files for the rules (files.c). */
struct analyzer image_files_analyzer(struct image *img);
void image_files_analyzer_free(struct analyzer *an);
/* What kind of secret a file name says it holds ("SSH private key"), or
 * NULL. */
const char *image_secret_file_kind(const char *path, enum entry_type type);

#endif
