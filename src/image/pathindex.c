/*
 * The path index: an open-addressing hash table (linear probing, deletion
 * by backward shift, so no tombstones pile up) over nodes linked in a
 * tree.
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "image/pathindex.h"

#define PATH_INDEX_MIN_CAP 1024

void
path_index_init(struct path_index *idx)
{
	memset(idx, 0, sizeof(*idx));
	idx->root.path = "";
	idx->root.type = ENTRY_DIR;
	idx->root.mode = 0755;
	idx->root.layer = -1;
	idx->cap = PATH_INDEX_MIN_CAP;
	idx->slots = xcalloc(idx->cap, sizeof(*idx->slots));
}

void
path_index_release(struct path_index *idx)
{
	free(idx->slots);
	arena_release(&idx->arena);
	memset(idx, 0, sizeof(*idx));
}

static size_t
slot_of(const struct path_index *idx, const char *path)
{
	return (size_t)hash_bytes(path, strlen(path)) & (idx->cap - 1);
}

struct path_node *
path_index_get(const struct path_index *idx, const char *path)
{
	size_t i;

	if (!*path)
		return (struct path_node *)&idx->root;
	if (!idx->slots)
		return NULL;
	for (i = slot_of(idx, path); idx->slots[i];
	     i = (i + 1) & (idx->cap - 1))
		if (!strcmp(idx->slots[i]->path, path))
			return idx->slots[i];
	return NULL;
}

static void
table_insert(struct path_index *idx, struct path_node *node)
{
	size_t i = slot_of(idx, node->path);

	while (idx->slots[i])
		i = (i + 1) & (idx->cap - 1);
	idx->slots[i] = node;
}

static void
table_grow(struct path_index *idx)
{
	struct path_node **old = idx->slots;
	size_t old_cap = idx->cap;

	idx->cap *= 2;
	idx->slots = xcalloc(idx->cap, sizeof(*idx->slots));
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			table_insert(idx, old[i]);
	free(old);
}

static void
table_delete(struct path_index *idx, struct path_node *node)
{
	size_t mask = idx->cap - 1;
	size_t i = slot_of(idx, node->path);
	size_t j;

	while (idx->slots[i] != node)
		i = (i + 1) & mask;
	idx->slots[i] = NULL;
	/* Shift back the entries of the probe run that follows. */
	for (j = (i + 1) & mask; idx->slots[j]; j = (j + 1) & mask) {
		size_t home = slot_of(idx, idx->slots[j]->path);
		bool movable = (i <= j) ? (home <= i || home > j)
					: (home <= i && home > j);

		if (movable) {
			idx->slots[i] = idx->slots[j];
			idx->slots[j] = NULL;
			i = j;
		}
	}
	idx->n--;
}

static void
link_child(struct path_node *parent, struct path_node *node)
{
	node->parent = parent;
	node->prev = NULL;
	node->next = parent->child;
	if (parent->child)
		parent->child->prev = node;
	parent->child = node;
}

static void
unlink_child(struct path_node *node)
{
	if (node->prev)
		node->prev->next = node->next;
	else if (node->parent)
		node->parent->child = node->next;
	if (node->next)
		node->next->prev = node->prev;
	node->parent = node->next = node->prev = NULL;
}

static struct path_node *
node_new(struct path_index *idx, const char *path, size_t len)
{
	struct path_node *node = idx->free_nodes;

	if (node)
		idx->free_nodes = node->next;
	else
		node = arena_alloc(&idx->arena, sizeof(*node));
	memset(node, 0, sizeof(*node));
	node->path = arena_strndup(&idx->arena, path, len);
	if ((idx->n + 1) * 4 > idx->cap * 3)
		table_grow(idx);
	table_insert(idx, node);
	idx->n++;
	return node;
}

/* The parent of path[0..len), creating implicit directories. */
static struct path_node *
parent_ensure(struct path_index *idx, const char *path, size_t len, int layer)
{
	struct path_node *parent = &idx->root;
	char *tmp = xstrndup(path, len);
	char *slash = strrchr(tmp, '/');
	size_t i;

	/* Usually the parent is already there. */
	if (!slash)
		goto out;
	*slash = '\0';
	parent = path_index_get(idx, tmp);
	*slash = '/';
	if (parent && parent->type == ENTRY_DIR)
		goto out;
	parent = &idx->root;
	for (i = 0; i < len; i++) {
		struct path_node *node;

		if (tmp[i] != '/')
			continue;
		tmp[i] = '\0';
		node = path_index_get(idx, tmp);
		tmp[i] = '/';
		if (node && node->type != ENTRY_DIR) {
			/* A file stood where a directory is now implied:
			 * the file is gone, as on a real filesystem. */
			path_index_remove(idx, node);
			node = NULL;
		}
		if (!node) {
			node = node_new(idx, path, i);
			node->type = ENTRY_DIR;
			node->mode = 0755;
			node->layer = layer;
			node->implicit = true;
			link_child(parent, node);
		}
		parent = node;
	}
out:
	free(tmp);
	return parent;
}

struct path_node *
path_index_put(struct path_index *idx, const struct layer_entry *e)
{
	struct path_node *node = path_index_get(idx, e->path);

	if (!node) {
		size_t len = strlen(e->path);
		struct path_node *parent =
		    parent_ensure(idx, e->path, len, e->layer_index);

		node = node_new(idx, e->path, len);
		link_child(parent, node);
	}
	node->type = (unsigned char)e->type;
	node->mode = e->mode;
	node->uid = e->uid;
	node->gid = e->gid;
	node->size = e->size;
	node->layer = e->layer_index;
	node->implicit = false;
	return node;
}

void
path_index_remove(struct path_index *idx, struct path_node *node)
{
	if (node == &idx->root) {
		/* Removing the root empties it. */
		while (node->child)
			path_index_remove(idx, node->child);
		return;
	}
	/* Iterative post-order walk: the subtree may be deep. */
	unlink_child(node);
	node->parent = NULL;
	while (node) {
		struct path_node *up;

		if (node->child) {
			struct path_node *c = node->child;

			node->child = c->next;
			c->parent = node;
			node = c;
			continue;
		}
		up = node->parent;
		table_delete(idx, node);
		node->next = idx->free_nodes;
		idx->free_nodes = node;
		node = up;
	}
}

struct path_node *
path_index_next(const struct path_index *idx, size_t *iter)
{
	while (*iter < idx->cap) {
		struct path_node *node = idx->slots[(*iter)++];

		if (node)
			return node;
	}
	return NULL;
}
