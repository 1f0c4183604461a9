/*
 * Allocation that cannot fail.  Every function here aborts the process with
 * a message on stderr when the system is out of memory, so callers never
 * check for NULL.  Anything sized by untrusted input must be capped by the
 * caller before it reaches these functions.
 */
#ifndef HULL_CORE_XALLOC_H
#define HULL_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);

/* Grow an array to hold at least `need` elements of `size` bytes. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);

char *xstrdup(const char *s);
/* Copy at most n bytes of s and terminate; s need not be terminated. */
char *xstrndup(const char *s, size_t n);
/* printf into a fresh allocation. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Free *pp and set it to NULL. */
#define FREE_AND_NULL(p)                                                       \
	do {                                                                   \
		free(p);                                                       \
		(p) = NULL;                                                    \
	} while (0)

/*
 * Make room in a growable array: ensures that `(arr)` has space for at
 * least `(need)` elements, updating `(cap)`.  Growth is geometric.
 */
#define ALLOC_GROW(arr, need, cap)                                             \
	do {                                                                   \
		if ((size_t)(need) > (size_t)(cap)) {                          \
			size_t alloc_grow_n_ = (size_t)(cap)*2 + 8;            \
			if (alloc_grow_n_ < (size_t)(need))                    \
				alloc_grow_n_ = (size_t)(need);                \
			(arr) = xreallocarray((arr), alloc_grow_n_,            \
					      sizeof(*(arr)));                 \
			(cap) = alloc_grow_n_;                                 \
		}                                                              \
	} while (0)

#endif
