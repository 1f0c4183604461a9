/*
 * POSIX shell command lines split into commands and words, so that rules
 * reason about commands ("apt-get install without -y") instead of
 * substrings.
 *
 * The splitter understands quoting ('...', "...", backslash), command
 * lists (&&, ||, ;, &, newlines), pipelines (|), subshells and groups
 * ((...), {...;}), command substitution ($(...) and `...`, whose inner
 * commands are reported too, marked `in_subst`), comments, redirections
 * (kept apart from the words) and leading variable assignments
 * (FOO=bar cmd).  It does not expand variables or globs; words keep
 * `$VAR` as written.  It never fails: unbalanced quotes or brackets end at
 * the end of the input and set `incomplete`.
 *
 * Reserved words that open or close a compound command (if, then, else,
 * elif, fi, do, done, while, until, esac, !) are dropped from the start of
 * a command, so "if true; then apt-get install x; fi" yields the commands
 * "true" and "apt-get install x".  The bodies of heredocs ("cat <<EOF"
 * followed by lines up to EOF) are skipped, not split.  Commands come in
 * the order of their first word; those of a substitution follow the
 * command that contains it.
 *
 * Ownership: everything belongs to the arena passed to sh_parse().
 */
#ifndef HULL_PARSE_SHELL_H
#define HULL_PARSE_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

/* Longest command line hull splits; longer input is cut here. */
#define SH_MAX_INPUT (4u * 1024 * 1024)
/* Nesting of subshells, groups and substitutions. */
#define SH_MAX_DEPTH 64

/* What joins a command to the one after it. */
enum sh_sep {
	SH_SEP_END,  /* last command, or newline / ';' */
	SH_SEP_AND,  /* && */
	SH_SEP_OR,   /* || */
	SH_SEP_PIPE, /* | or |& */
	SH_SEP_BG,   /* & */
};

struct sh_word {
	const char *text; /* quotes removed, escapes resolved */
	const char *raw;  /* as written */
	size_t offset;	  /* of raw in the input */
	bool quoted;	  /* any part was quoted */
};

struct sh_redir {
	const char *op;	    /* ">", ">>", "<", "2>", "&>", "<<", ... */
	const char *target; /* the word after it */
};

struct sh_cmd {
	struct sh_word *assigns; /* FOO=bar before the command name */
	size_t n_assigns;
	struct sh_word *words; /* words[0] is the command name */
	size_t n_words;
	struct sh_redir *redirs;
	size_t n_redirs;
	enum sh_sep sep; /* joins this command to the next */
	bool piped_in;	 /* the command before was joined by '|' */
	int depth;	 /* subshell/group nesting, 0 at top level */
	bool in_subst;	 /* inside $(...) or backticks */
	size_t offset;	 /* start in the input */
};

struct sh_script {
	struct sh_cmd *cmds; /* in order of appearance */
	size_t n;
	bool incomplete; /* unbalanced quote or bracket */
	/* Input cut at SH_MAX_INPUT, or nesting past SH_MAX_DEPTH skipped
	 * without being split. */
	bool truncated;
};

/* Split text[0..len); never fails (see above). */
void sh_parse(struct arena *a, const char *text, size_t len,
	      struct sh_script *out);

/* The command name with any path stripped ("/usr/bin/apt-get" ->
 * "apt-get"), or "" for a command with no words. */
const char *sh_cmd_name(const struct sh_cmd *c);

/* True when a word other than words[0] equals `arg`. */
bool sh_cmd_has_arg(const struct sh_cmd *c, const char *arg);

/*
 * True when the command carries the flag: a long flag "--yes" (also as
 * "--yes=..."), or a short flag letter 'y' alone ("-y") or grouped
 * ("-qy").  Pass NULL or 0 for the form to ignore.  Words after a bare
 * "--" are not flags.
 */
bool sh_cmd_has_flag(const struct sh_cmd *c, const char *long_flag,
		     char short_flag);

/* The value of --name=value or "--name value" or -x value; NULL if the
 * flag is absent. */
const char *sh_cmd_flag_value(const struct sh_cmd *c, const char *long_flag,
			      char short_flag);

/*
 * The words after the command name that are not flags (do not start with
 * '-'), written to out[] (at most max); returns how many there are.
 * `skip` names flags that take a separate value, like "-o" or "--target",
 * whose value is then not counted.
 */
size_t sh_cmd_nonflags(const struct sh_cmd *c, const char *const *skip,
		       const char **out, size_t max);

#endif
