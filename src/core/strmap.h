/*
 * struct strmap: a hash map from strings to pointers, open addressing with
 * linear probing.  The map owns copies of its keys; it never frees values.
 */
#ifndef HULL_CORE_STRMAP_H
#define HULL_CORE_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	char *key; /* NULL for an empty slot */
	void *value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* a power of two, or 0 */
	size_t n;
};

#define STRMAP_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Insert or replace; returns the previous value or NULL. */
void *strmap_put(struct strmap *m, const char *key, void *value);
void *strmap_get(const struct strmap *m, const char *key);
int strmap_has(const struct strmap *m, const char *key);
/* Free keys and slots; call `free_value` on each value when not NULL. */
void strmap_release(struct strmap *m, void (*free_value)(void *));

/* Iterate: for (i = 0; strmap_next(m, &i, &k, &v);) */
int strmap_next(const struct strmap *m, size_t *iter, const char **key,
		void **value);

#endif
