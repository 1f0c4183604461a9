#include "parse/yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/strmap.h"
#include "core/xalloc.h"

/* A container being built: its node and the children seen so far. */
struct yaml_frame {
	struct yaml_node *node;
	struct yaml_node **kids;
	size_t n, cap;
	const char *anchor;
};

struct yaml_builder {
	struct yaml_doc *doc;
	const char *name;
	struct err *e;
	struct strmap anchors; /* anchor name -> struct yaml_node * */
	struct yaml_frame *stack;
	size_t depth, cap;
	unsigned long nodes;
	struct yaml_node *root;
};

static unsigned long long
sat_add(unsigned long long a, unsigned long long b)
{
	unsigned long long s = a + b;

	return s < a || s > YAML_MAX_EXPANDED ? YAML_MAX_EXPANDED + 1 : s;
}

static int
builder_fail(struct yaml_builder *b, const yaml_mark_t *m, const char *what)
{
	return err_set(b->e, ERR_INPUT, "%s:%zu:%zu: %s", b->name,
		       m ? m->line + 1 : 0, m ? m->column + 1 : 0, what);
}

static struct yaml_node *
node_new(struct yaml_builder *b, enum yaml_kind kind, const yaml_mark_t *m,
	 const yaml_char_t *tag)
{
	struct yaml_node *n = arena_alloc(&b->doc->arena, sizeof(*n));

	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->column = (unsigned)m->column + 1;
	n->expanded = 1;
	if (tag)
		n->tag = arena_strdup(&b->doc->arena, (const char *)tag);
	b->nodes++;
	return n;
}

static int
builder_attach(struct yaml_builder *b, struct yaml_node *n,
	       const yaml_mark_t *m)
{
	struct yaml_frame *f;

	if (b->depth == 0) {
		if (!b->root)
			b->root = n;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	ALLOC_GROW(f->kids, f->n + 1, f->cap);
	f->kids[f->n++] = n;
	f->node->expanded = sat_add(f->node->expanded, n->expanded);
	if (f->node->expanded > YAML_MAX_EXPANDED)
		return builder_fail(b, m,
				    "document expands to too many nodes "
				    "(alias bomb?)");
	return 0;
}

static void
remember_anchor(struct yaml_builder *b, const yaml_char_t *anchor,
		struct yaml_node *n)
{
	if (anchor)
		strmap_put(&b->anchors, (const char *)anchor, n);
}

static int
builder_open(struct yaml_builder *b, enum yaml_kind kind,
	     const yaml_event_t *ev, const yaml_char_t *anchor,
	     const yaml_char_t *tag)
{
	struct yaml_frame *f;

	if (b->depth >= YAML_MAX_DEPTH)
		return builder_fail(b, &ev->start_mark,
				    "nesting deeper than the limit");
	ALLOC_GROW(b->stack, b->depth + 1, b->cap);
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = node_new(b, kind, &ev->start_mark, tag);
	if (anchor)
		f->anchor = arena_strdup(&b->doc->arena, (const char *)anchor);
	return 0;
}

static bool
is_merge_key(const struct yaml_node *k)
{
	return k->kind == YAML_SCALAR && k->plain && !strcmp(k->str, "<<");
}

static bool
pairs_have_key(const struct yaml_pair *p, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].key->kind == YAML_SCALAR &&
		    !strcmp(p[i].key->str, key))
			return true;
	return false;
}

/* Add the pairs of `src` whose keys `dst` does not have yet. */
static void
merge_from(struct yaml_pair **dst, size_t *n, size_t *cap,
	   const struct yaml_node *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct yaml_pair *p = &src->pairs[i];

		if (p->key->kind == YAML_SCALAR &&
		    pairs_have_key(*dst, *n, p->key->str))
			continue;
		ALLOC_GROW(*dst, *n + 1, *cap);
		(*dst)[(*n)++] = *p;
	}
}

/*
 * YAML forbids a key twice in one mapping and Docker Compose refuses such
 * files; silently keeping one of them would audit what was not meant.
 * Merge keys ("<<") are exempt: a mapping may merge several times.
 */
static const struct yaml_node *
duplicate_key(const struct yaml_frame *f)
{
	struct strmap seen = STRMAP_INIT;
	const struct yaml_node *dup = NULL;

	for (size_t i = 0; i < f->n && !dup; i += 2) {
		const struct yaml_node *k = f->kids[i];

		if (k->kind != YAML_SCALAR || is_merge_key(k))
			continue;
		if (strmap_has(&seen, k->str))
			dup = k;
		else
			strmap_put(&seen, k->str, NULL);
	}
	strmap_release(&seen, NULL);
	return dup;
}

/*
 * Turn the children of a mapping frame into pairs, resolving `<<` merge
 * keys: keys written in the mapping win over merged ones, and among
 * several merged mappings the earlier wins.
 */
static int
finish_map(struct yaml_builder *b, struct yaml_frame *f, const yaml_mark_t *m)
{
	const struct yaml_node *dup;
	struct yaml_pair *pairs = NULL;
	size_t n = 0, cap = 0;

	if (f->n % 2)
		return builder_fail(b, m, "mapping with a key but no value");
	if ((dup = duplicate_key(f))) {
		yaml_mark_t at = { 0, dup->line - 1, dup->column - 1 };

		return builder_fail(b, &at, "mapping key defined twice");
	}
	for (size_t i = 0; i < f->n; i += 2) {
		if (is_merge_key(f->kids[i]))
			continue;
		ALLOC_GROW(pairs, n + 1, cap);
		pairs[n].key = f->kids[i];
		pairs[n++].value = f->kids[i + 1];
	}
	for (size_t i = 0; i < f->n; i += 2) {
		const struct yaml_node *v = f->kids[i + 1];

		if (!is_merge_key(f->kids[i]))
			continue;
		if (v->kind == YAML_MAP) {
			merge_from(&pairs, &n, &cap, v);
		} else if (v->kind == YAML_SEQ) {
			for (size_t j = 0; j < v->n; j++) {
				if (v->items[j]->kind != YAML_MAP)
					goto bad;
				merge_from(&pairs, &n, &cap, v->items[j]);
			}
		} else {
			goto bad;
		}
	}
	f->node->pairs = arena_alloc(&b->doc->arena, n * sizeof(*pairs) + 1);
	if (n)
		memcpy(f->node->pairs, pairs, n * sizeof(*pairs));
	f->node->n = n;
	free(pairs);
	return 0;
bad:
	free(pairs);
	return builder_fail(b, m,
			    "merge key '<<' needs a mapping or a list "
			    "of mappings");
}

static int
builder_close(struct yaml_builder *b, const yaml_event_t *ev)
{
	struct yaml_frame *f = &b->stack[b->depth - 1];
	struct yaml_node *n = f->node;
	int rc = 0;

	if (n->kind == YAML_MAP) {
		rc = finish_map(b, f, &ev->start_mark);
	} else {
		n->items =
		    arena_alloc(&b->doc->arena, f->n * sizeof(*n->items) + 1);
		if (f->n)
			memcpy(n->items, f->kids, f->n * sizeof(*n->items));
		n->n = f->n;
	}
	free(f->kids);
	b->depth--;
	if (rc)
		return rc;
	if (f->anchor)
		strmap_put(&b->anchors, f->anchor, n);
	return builder_attach(b, n, &ev->start_mark);
}

static int
builder_event(struct yaml_builder *b, const yaml_event_t *ev)
{
	struct yaml_node *n;

	if (b->nodes > YAML_MAX_NODES)
		return builder_fail(b, &ev->start_mark, "too many nodes");
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(b, YAML_SCALAR, &ev->start_mark,
			     ev->data.scalar.tag);
		n->str = arena_strndup(&b->doc->arena,
				       (const char *)ev->data.scalar.value,
				       ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		remember_anchor(b, ev->data.scalar.anchor, n);
		return builder_attach(b, n, &ev->start_mark);
	case YAML_ALIAS_EVENT:
		n = strmap_get(&b->anchors,
			       (const char *)ev->data.alias.anchor);
		if (!n)
			return builder_fail(b, &ev->start_mark,
					    "alias to an unknown anchor");
		return builder_attach(b, n, &ev->start_mark);
	case YAML_SEQUENCE_START_EVENT:
		return builder_open(b, YAML_SEQ, ev,
				    ev->data.sequence_start.anchor,
				    ev->data.sequence_start.tag);
	case YAML_MAPPING_START_EVENT:
		return builder_open(b, YAML_MAP, ev,
				    ev->data.mapping_start.anchor,
				    ev->data.mapping_start.tag);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return builder_close(b, ev);
	default:
		return 0;
	}
}

/*
 * The 1-based line and column of byte `off` of data.  Lines end at \n,
 * \r\n or a lone \r, as YAML counts them; columns count characters
 * (UTF-8 continuation bytes are not counted), as libyaml's marks do.
 */
static void
offset_position(const char *data, size_t len, size_t off, size_t *line,
		size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		unsigned char ch = (unsigned char)data[i];

		if (ch == '\n' ||
		    (ch == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
		} else if (ch != '\r' && (ch & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/*
 * libyaml's error as "name:LINE:COL: problem".  A reader error (a control
 * character, invalid UTF-8) has no mark, only the byte offset of the
 * offending input: its line and column are counted from the data.
 */
static int
parser_fail(const yaml_parser_t *parser, const char *data, size_t len,
	    const char *name, struct err *e)
{
	size_t line = parser->problem_mark.line + 1;
	size_t col = parser->problem_mark.column + 1;

	if (parser->error == YAML_READER_ERROR)
		offset_position(data, len, parser->problem_offset, &line, &col);
	return err_set(e, ERR_INPUT, "%s:%zu:%zu: %s%s%s", name, line, col,
		       parser->problem ? parser->problem : "invalid YAML",
		       parser->context ? " " : "",
		       parser->context ? parser->context : "");
}

int
yaml_parse(struct yaml_doc *doc, const char *data, size_t len, const char *name,
	   struct err *e)
{
	struct yaml_builder b = { 0 };
	yaml_parser_t parser;
	int rc = 0, done = 0, docs = 0;

	memset(doc, 0, sizeof(*doc));
	if (len > YAML_MAX_INPUT)
		return err_set(e, ERR_INPUT, "%s: larger than %u bytes", name,
			       YAML_MAX_INPUT);
	b.doc = doc;
	b.name = name;
	b.e = e;
	if (!yaml_parser_initialize(&parser))
		return err_set(e, ERR_INTERNAL, "cannot start the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (!done && !rc) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			rc = parser_fail(&parser, data, len, name, e);
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT)
			done = 1;
		else if (ev.type == YAML_DOCUMENT_START_EVENT && docs++)
			/* Docker Compose refuses a stream of documents, and
			 * reading only the first would hide the rest. */
			rc = builder_fail(&b, &ev.start_mark,
					  "more than one YAML document");
		else
			rc = builder_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (size_t i = 0; i < b.depth; i++)
		free(b.stack[i].kids);
	free(b.stack);
	strmap_release(&b.anchors, NULL);
	if (rc) {
		arena_release(&doc->arena);
		doc->root = NULL;
		return -1;
	}
	doc->root = b.root;
	return 0;
}

void
yaml_doc_release(struct yaml_doc *doc)
{
	arena_release(&doc->arena);
	doc->root = NULL;
}

const struct yaml_pair *
yaml_get_pair(const struct yaml_node *m, const char *key)
{
	const struct yaml_pair *found = NULL;

	if (!m || m->kind != YAML_MAP)
		return NULL;
	/* The last of duplicate keys wins, as in most YAML loaders. */
	for (size_t i = 0; i < m->n; i++)
		if (m->pairs[i].key->kind == YAML_SCALAR &&
		    !strcmp(m->pairs[i].key->str, key))
			found = &m->pairs[i];
	return found;
}

const struct yaml_node *
yaml_get(const struct yaml_node *m, const char *key)
{
	const struct yaml_pair *p = yaml_get_pair(m, key);

	return p ? p->value : NULL;
}

bool
yaml_is_null(const struct yaml_node *n)
{
	if (!n)
		return true;
	if (n->kind != YAML_SCALAR || !n->plain)
		return false;
	return !n->len || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
	       !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

const char *
yaml_str(const struct yaml_node *n)
{
	if (!n || n->kind != YAML_SCALAR || yaml_is_null(n))
		return NULL;
	return n->str;
}

int
yaml_bool(const struct yaml_node *n)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes",
					   "YES",  "on",   "On",   "ON" };
	static const char *const no[] = { "false", "False", "FALSE", "no", "No",
					  "NO",	   "off",   "Off",   "OFF" };

	if (!n || n->kind != YAML_SCALAR)
		return -1;
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		if (!strcmp(n->str, yes[i]))
			return 1;
		if (!strcmp(n->str, no[i]))
			return 0;
	}
	return -1;
}
