#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xalloc.h"

static struct strmap_slot *
strmap_find(const struct strmap *m, const char *key)
{
	size_t mask, i;

	if (!m->cap)
		return NULL;
	mask = m->cap - 1;
	i = (size_t)hash_bytes(key, strlen(key)) & mask;
	while (m->slots[i].key) {
		if (!strcmp(m->slots[i].key, key))
			return &m->slots[i];
		i = (i + 1) & mask;
	}
	return &m->slots[i];
}

static void
strmap_rehash(struct strmap *m)
{
	struct strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < old.cap; i++) {
		struct strmap_slot *s;

		if (!old.slots[i].key)
			continue;
		s = strmap_find(m, old.slots[i].key);
		*s = old.slots[i];
	}
	free(old.slots);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_slot *s;
	void *prev;

	if ((m->n + 1) * 4 > m->cap * 3)
		strmap_rehash(m);
	s = strmap_find(m, key);
	if (s->key) {
		prev = s->value;
		s->value = value;
		return prev;
	}
	s->key = xstrdup(key);
	s->value = value;
	m->n++;
	return NULL;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot *s = strmap_find(m, key);

	return s && s->key ? s->value : NULL;
}

int
strmap_has(const struct strmap *m, const char *key)
{
	struct strmap_slot *s = strmap_find(m, key);

	return s && s->key;
}

int
strmap_next(const struct strmap *m, size_t *iter, const char **key,
	    void **value)
{
	while (*iter < m->cap) {
		struct strmap_slot *s = &m->slots[(*iter)++];

		if (s->key) {
			*key = s->key;
			if (value)
				*value = s->value;
			return 1;
		}
	}
	return 0;
}

void
strmap_release(struct strmap *m, void (*free_value)(void *))
{
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		free(m->slots[i].key);
		if (free_value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
