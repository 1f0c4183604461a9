/*
 * What the pieces of the Dockerfile parser share:
 *
 *	dockerfile.c         lines, directives, continuations, heredocs,
 *	                     the public entry points
 *	dockerfile-instr.c   one instruction: keyword, flags, forms, kvs
 *	dockerfile-expand.c  $VAR expansion and ARG/ENV scopes
 *	dockerfile-stage.c   stages, image references, scoping per stage
 */
#ifndef HULL_PARSE_DOCKERFILE_INTERNAL_H
#define HULL_PARSE_DOCKERFILE_INTERNAL_H

#include "core/strmap.h"
#include "parse/dockerfile.h"

/* Expansion as a whole may not produce more than this, so that values
 * that double at each ARG cannot use up memory or time. */
#define DF_MAX_EXPANDED_TOTAL (64u * 1024 * 1024)
/* Nested ${a:-${b:-...}} deeper than this is kept as written. */
#define DF_MAX_EXPAND_DEPTH 32

/* A variable in scope; value NULL for an ARG declared without one. */
struct df_var {
	const char *value;
	bool is_env;
};

struct df_scope {
	struct strmap vars; /* name -> struct df_var (in the arena) */
	const struct df_scope *parent;
	unsigned chain;
};

struct df_parser {
	struct dockerfile *df;
	/* --build-arg NAME -> VALUE (char *), or NULL. */
	const struct strmap *build_args;
	const char *s;
	size_t len;
	size_t pos;
	unsigned line; /* of the line read last */

	/* Growable copies, moved into the arena when parsing ends. */
	struct df_instr *instrs;
	size_t cap_instrs;
	struct df_stage *stages;
	size_t cap_stages;
	struct df_kv *gargs;
	size_t cap_gargs;
	struct df_diag *diags;
	size_t cap_diags;
	struct df_diag *comments;
	size_t cap_comments;
	/* Comments waiting for the instruction they precede (indexes into
	 * comments). */
	size_t pending_from;

	struct df_scope globals;
	/* For instructions before the first FROM other than ARG, which
	 * BuildKit rejects and fragments in tests are made of. */
	struct df_scope orphans;
	struct df_scope **scopes; /* one per stage */
	size_t cap_scopes;
	/* Lower-cased stage name -> index of its last stage so far, plus
	 * one: what FROM <name> builds on. */
	struct strmap stage_last;
	size_t expanded_total;
	bool expand_capped; /* a limit on expansion was reached */
	bool expand_reported;
};

/* dockerfile.c */
void df_diag_add(struct df_parser *p, unsigned line, unsigned column,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* dockerfile-instr.c */
enum df_kind df_kind_lookup(const char *word, size_t len);
bool df_kind_has_heredocs(enum df_kind k);
/*
 * Fill `in` from the instruction text (keyword first, continuations
 * joined, leading blanks removed).  in->line and in->column must be set.
 * Heredoc bodies, when any, must already be in in->heredocs.
 */
void df_instr_parse(struct df_parser *p, struct df_instr *in, const char *text,
		    size_t len);
/*
 * The heredoc openers (<<EOF, <<-"EOF", 3<<X) among the words of `args`,
 * appended to in->heredocs with no body yet.
 */
void df_heredocs_find(struct df_parser *p, struct df_instr *in,
		      const char *args);
/* The whitespace-separated words of s, as written. */
size_t df_split_words(struct arena *a, const char *s, const char ***out);

/* dockerfile-expand.c */
enum df_expand_mode {
	DF_EXPAND_WORD,	   /* quotes removed, escapes resolved, vars replaced */
	DF_EXPAND_KEEP,	   /* vars replaced, quotes and escapes kept */
	DF_EXPAND_UNQUOTE, /* quotes removed, escapes resolved, no vars */
};
/*
 * Expand s under `scope` (NULL: nothing is set).  `unresolved`, when not
 * NULL, is set when a plain $VAR named a variable that is not set.
 */
const char *df_expand(struct df_parser *p, const char *s,
		      enum df_expand_mode mode, const struct df_scope *scope,
		      bool *unresolved);
const struct df_var *df_scope_get(const struct df_scope *sc, const char *name);
void df_scope_set(struct df_parser *p, struct df_scope *sc, const char *name,
		  const char *value, bool is_env);
void df_scope_release(struct df_scope *sc);

/* dockerfile-stage.c */
/* Scope, stages and expansion for an instruction just parsed. */
void df_stage_apply(struct df_parser *p, size_t idx);
void df_stages_release(struct df_parser *p);
/* Set df_stage.used on every stage once all are known. */
void df_stages_mark_used(struct dockerfile *df);

#endif
