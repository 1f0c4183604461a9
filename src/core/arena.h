/*
 * struct arena: a bump allocator for everything that belongs to one parsed
 * document or one layer.  Allocations are never freed one by one; the whole
 * arena goes in one arena_release() call.  Allocation cannot fail.
 */
#ifndef HULL_CORE_ARENA_H
#define HULL_CORE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used; /* total bytes handed out, for limits */
};

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL, 0                                                        \
	}

void *arena_alloc(struct arena *a, size_t size); /* zeroed, aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void arena_release(struct arena *a);

#endif
