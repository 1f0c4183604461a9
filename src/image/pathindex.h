/*
 * The path index: what exists in an image's filesystem, as the layers are
 * applied one on top of the other.
 *
 * Each node is one path with the metadata of the entry that wrote it last
 * and the layer that did.  Nodes hang in a tree (parent, children) so that
 * a whiteout of a directory or an opaque marker can drop a whole subtree
 * in time proportional to its size, and in a hash table for lookup by
 * path.  Parents of a path that no entry declared are created implicitly,
 * as directories.
 *
 * Ownership: the index owns its nodes and their paths (one arena);
 * path_index_release() frees everything.  A removed node goes to a free
 * list and is reused; pointers to it are invalid after the removal.
 */
#ifndef HULL_IMAGE_PATHINDEX_H
#define HULL_IMAGE_PATHINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "image/analyzer.h"

struct path_node {
	const char *path; /* "" for the root */
	struct path_node *parent;
	struct path_node *child;       /* first child */
	struct path_node *next, *prev; /* siblings */
	uint64_t size;
	long long uid, gid;
	unsigned mode;
	int layer;	    /* the layer that wrote it last */
	unsigned char type; /* enum entry_type */
	bool implicit;	    /* a parent no entry declared */
};

struct path_index {
	struct path_node **slots;
	size_t cap; /* a power of two */
	size_t n;
	struct path_node root;
	struct path_node *free_nodes;
	struct arena arena;
};

void path_index_init(struct path_index *idx);
void path_index_release(struct path_index *idx);

/* The node for a cleaned path ("" is the root), or NULL. */
struct path_node *path_index_get(const struct path_index *idx,
				 const char *path);

/*
 * Create or update the node for `path` from `e` (path, type, mode, ids,
 * size) at layer e->layer_index; parents are created as needed.  An
 * existing node keeps its children.  Returns the node.
 */
struct path_node *path_index_put(struct path_index *idx,
				 const struct layer_entry *e);

/* Remove a node and everything below it.  The root cannot be removed. */
void path_index_remove(struct path_index *idx, struct path_node *node);

/* Iterate: for (size_t i = 0; (n = path_index_next(idx, &i));) */
struct path_node *path_index_next(const struct path_index *idx, size_t *iter);

#endif
