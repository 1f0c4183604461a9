/*
 * A YAML document as a tree, for compose files and .hull.yaml.
 *
 * Built on libyaml's event parser.  Every node knows its line and column.
 * Aliases point at the anchored node (nothing is copied), and `<<` merge
 * keys are resolved while building, so consumers see plain mappings.
 *
 * Documents come from strangers, so the builder enforces named limits:
 * nesting depth, node count, and the size the document would have if
 * every alias were expanded (which stops "billion laughs" alias bombs
 * before any consumer walks them).
 *
 * Ownership: every node and string belongs to the yaml_doc's arena and
 * goes with yaml_doc_release().
 */
#ifndef HULL_PARSE_YAML_H
#define HULL_PARSE_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

/* Deeper nesting than this is not a real configuration file. */
#define YAML_MAX_DEPTH 64
/* Nodes actually built, aliases counted once. */
#define YAML_MAX_NODES 1000000
/* Nodes the document would hold with every alias expanded. */
#define YAML_MAX_EXPANDED 4000000
/* The largest input hull parses as YAML. */
#define YAML_MAX_INPUT (64u * 1024 * 1024)

enum yaml_kind {
	YAML_SCALAR,
	YAML_SEQ,
	YAML_MAP,
};

struct yaml_node;

struct yaml_pair {
	struct yaml_node *key;
	struct yaml_node *value;
};

struct yaml_node {
	enum yaml_kind kind;
	unsigned line;	 /* 1-based */
	unsigned column; /* 1-based */
	const char *tag; /* explicit tag such as "!reset", or NULL */
	/* YAML_SCALAR */
	const char *str;
	size_t len;
	bool plain; /* unquoted: may be null, a bool or a number */
	/* YAML_SEQ */
	struct yaml_node **items;
	/* YAML_MAP */
	struct yaml_pair *pairs;
	size_t n;		     /* items or pairs */
	unsigned long long expanded; /* nodes below, aliases expanded */
};

struct yaml_doc {
	struct arena arena;
	struct yaml_node *root; /* NULL for an empty document */
};

/*
 * Parse the first document of data[0..len).  `name` is used in messages,
 * which read "name:LINE:COL: problem".  Returns 0 or -1 with ERR_INPUT.
 */
int yaml_parse(struct yaml_doc *doc, const char *data, size_t len,
	       const char *name, struct err *e);
void yaml_doc_release(struct yaml_doc *doc);

/* The value for a key in a mapping, or NULL (also when m is no mapping). */
const struct yaml_node *yaml_get(const struct yaml_node *m, const char *key);
/* The pair for a key, for its line numbers. */
const struct yaml_pair *yaml_get_pair(const struct yaml_node *m,
				      const char *key);
/* True for an absent node, `~`, `null`, `Null`, `NULL` or an empty plain
 * scalar. */
bool yaml_is_null(const struct yaml_node *n);
/* The scalar's text, or NULL when n is not a scalar (or is null). */
const char *yaml_str(const struct yaml_node *n);
/* YAML 1.1/1.2 booleans (true/false/yes/no/on/off); -1 when not one. */
int yaml_bool(const struct yaml_node *n);

#endif
