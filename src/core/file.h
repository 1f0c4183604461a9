/*
 * Reading whole files with a cap.  Everything hull reads may come from a
 * stranger, so every read states how much it is prepared to hold.
 */
#ifndef HULL_CORE_FILE_H
#define HULL_CORE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"

/*
 * Append the whole of `path` ("-" is stdin) to `out`.  Fails with ERR_INPUT
 * naming the file when it cannot be opened or read, is a directory, or is
 * larger than `max` bytes.
 */
int file_read(const char *path, size_t max, struct buf *out, struct err *e);
/* The same for an open stream; `name` is used in messages. */
int file_read_stream(FILE *fp, const char *name, size_t max, struct buf *out,
		     struct err *e);

/*
 * Open `path` for reading, refusing anything but a regular file: a FIFO,
 * socket or device given as input would block forever or never end.  The
 * open itself does not block.  Returns the descriptor, or -1 with
 * ERR_INPUT naming the file.
 */
int file_open_regular(const char *path, struct err *e);

/*
 * Replace `path` with data[0..len): written to a temporary file beside
 * it, then renamed over it, so a reader sees the old content or the new,
 * never half of one.  Not synced: for caches and stamps, whose loss only
 * costs the work of making them again.  Returns 0, or -1 (and leaves no
 * temporary file) when any step fails.
 */
int file_write_replace(const char *path, const void *data, size_t len);

bool path_is_dir(const char *path);
bool path_is_file(const char *path);
/* The last component of path, pointing into it. */
const char *path_basename(const char *path);
/* A fresh "dir/name", without doubling the slash. */
char *path_join(const char *dir, const char *name);
/* A fresh copy of the directory part of path ("." when there is none). */
char *path_dirname(const char *path);

#endif
