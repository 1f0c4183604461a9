/*
 * The contract between the layer stream and everything that looks at an
 * image's files: the file rules, the secret scanner and the package
 * catalogers.
 *
 * An image is read in one pass, layer by layer from the bottom, never
 * extracted.  For each entry the stream asks every analyzer whether it
 * wants it (a cheap test on the path and type); the analyzers that do get
 * the entry and may read its contents through the reader, once, up to the
 * cap they choose.  When a later layer deletes a path (a whiteout, an
 * opaque directory) or replaces it, the stream tells every analyzer with
 * `removed`, so catalogers that keep the latest copy of a file can drop
 * it; the secret scanner ignores `removed`, because a deleted file can
 * still be pulled out of the earlier layer.  `finish` runs once after the
 * last layer.
 *
 * A directory (`dir:` images, `hull sbom DIR`, `hull secrets DIR`) is fed
 * through the same interface as a single layer with index 0.
 *
 * Paths are cleaned and relative to the image root: "etc/passwd", never
 * "/etc/passwd" or "./etc/passwd".  Nothing from an image is ever opened on
 * the host.
 */
#ifndef HULL_IMAGE_ANALYZER_H
#define HULL_IMAGE_ANALYZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/err.h"
#include "report/finding.h"

enum entry_type {
	ENTRY_FILE,
	ENTRY_DIR,
	ENTRY_SYMLINK,
	ENTRY_HARDLINK,
	ENTRY_OTHER, /* devices, fifos */
};

struct layer_entry {
	const char *path; /* cleaned, relative: "usr/bin/su" */
	enum entry_type type;
	unsigned mode; /* permission and setuid/setgid/sticky bits */
	long long uid;
	long long gid;
	uint64_t size;	      /* bytes of content (0 for non-files) */
	const char *linkname; /* symlink target or hard-link source */
	int64_t mtime;

	int layer_index;	  /* 0 is the bottom layer */
	const char *layer_digest; /* "sha256:..." of the layer (diff id or
				     blob digest, whichever the source has) */
	const char *created_by;	  /* history entry of the layer, or NULL */
};

struct stat;

/*
 * Fill in `le`, all but its path, from a host file: `st` is its lstat
 * (so that a link is a link), `name` its name relative to `dirfd`.  The
 * type is ENTRY_FILE, ENTRY_DIR, ENTRY_SYMLINK or ENTRY_OTHER (a host
 * directory has no hard links as such); the size is 0 but for a file.  A
 * symlink's target is read into `link` (linklen bytes, cut to fit, empty
 * when unreadable) and le->linkname points there.  For the directory
 * walkers: `dir:` images, `hull sbom DIR`, `hull secrets DIR`.
 */
void layer_entry_from_stat(struct layer_entry *le, const struct stat *st,
			   int dirfd, const char *name, char *link,
			   size_t linklen);

/* Streams the contents of the current entry; valid only inside `entry`. */
struct entry_reader {
	/* Read up to n bytes; returns the count, 0 at the end, -1 on error
	 * (with the reason in `e`). */
	ssize_t (*read)(struct entry_reader *r, void *buf, size_t n);
	void *state;
	struct err e;
};

/*
 * Read the whole entry into out, failing with ERR_INPUT when it is larger
 * than max bytes.  A convenience over entry_reader.read.
 */
int entry_read_all(struct entry_reader *r, size_t max, struct buf *out,
		   struct err *e);

struct analyzer_ops {
	const char *name;
	/* Does this analyzer want the entry?  Called for every entry, so
	 * keep it cheap.  May be NULL: wants nothing. */
	bool (*wants)(void *self, const struct layer_entry *e);
	/* The entry (only when wanted); r may be read once.  Returns 0, or
	 * -1 when the analyzer itself failed (reported, scan goes on). */
	int (*entry)(void *self, const struct layer_entry *e,
		     struct entry_reader *r);
	/* A later layer deleted or replaced `path` (a directory: everything
	 * below it too).  May be NULL. */
	void (*removed)(void *self, const char *path, int layer_index);
	/* After the last layer: add findings.  May be NULL. */
	void (*finish)(void *self, struct findings *out);
};

struct analyzer {
	const struct analyzer_ops *ops;
	void *self;
};

#endif
