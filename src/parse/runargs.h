/*
 * `docker run` command lines into struct container_spec.
 *
 * The parser knows every option of `docker run` (and `docker create`,
 * `podman run`) and whether it takes a value, so that the image is found
 * exactly: it is the first word that is neither an option nor an option's
 * value, and every word after it is the container's command, never read as
 * an option.  Options are accepted in every spelling the docker CLI accepts:
 * `--cap-drop=ALL` and `--cap-drop ALL`, grouped short flags (`-itd`,
 * `-dp 80:80`), values attached to short flags (`-p80:80`, `-uapp`), and
 * boolean flags with an explicit value (`--read-only=true`).
 *
 * A line may start with `docker run`, `docker container run`,
 * `docker create`, `podman run`, `run`, or directly with the options.
 *
 * runargs_find() finds such lines inside shell scripts, Makefiles and CI
 * YAML and splits them into words.
 */
#ifndef HULL_PARSE_RUNARGS_H
#define HULL_PARSE_RUNARGS_H

#include <stddef.h>

#include "core/err.h"
#include "parse/container_spec.h"

/* Words in one command line hull parses; a longer line is an error. */
#define RUNARGS_MAX_WORDS 4096
/* Command lines found in one text; more are ignored (and said so). */
#define RUNARGS_MAX_LINES 10000
/* Bytes of text runargs_find() looks at. */
#define RUNARGS_MAX_TEXT (16u * 1024 * 1024)
/* Bytes of one command (its logical line) handed to the shell splitter;
 * a docker run line is a few hundred bytes, this is far past any. */
#define RUNARGS_MAX_LINE (256u * 1024)
/* Bytes split in all by one runargs_find() call.  Commands overlap only
 * when one is nested in another's quoted argument, so real text stays
 * near its own length; the cap bounds what a hostile text can cost. */
#define RUNARGS_MAX_SPLIT (64u * 1024 * 1024)
/* Nesting of scripts in scripts (`sh -c "bash -c '...'"`) searched; real
 * CI text nests two deep at most. */
#define RUNARGS_MAX_NEST 4

struct runargs_word {
	const char *text;    /* quotes removed */
	struct spec_pos pos; /* line and column, or word index */
};

/*
 * Parse words[0..n) into a new spec appended to l, with `file` (may be
 * NULL) as its source.  Returns 0, or -1 with ERR_INPUT when the line is
 * not a usable docker run line (no image, an option missing its value,
 * an invalid value), ERR_USAGE when it is not a run line at all (its
 * first word is neither docker/podman run or create, run, create, nor an
 * option: "ls -la", "docker ps").  On error the spec is still appended with
 * what was understood, and *out points at it.
 */
int runargs_parse(struct spec_list *l, const struct runargs_word *words,
		  size_t n, const char *file, struct container_spec **out,
		  struct err *e);

/* A docker run line found in a text. */
struct runargs_line {
	struct runargs_word *words; /* from "docker" to the end of the line */
	size_t n;
	unsigned line; /* where "docker" is */
};

/*
 * Find every `docker run` / `docker container run` / `docker create` /
 * `podman run` command in text[0..len) and split it with the shell
 * splitter (parse/shell.h): quotes removed, escapes resolved,
 * backslash-newline (also CRLF) continuations joined, blanks of any
 * length between words, '#' comments skipped, and the command ending
 * where the shell ends it (unquoted ;, &, |, &&, ||, `)`, a redirection
 * is not a word).  Each logical line is split on its own, so a quoted
 * argument that spans lines is cut at the line's end.
 *
 * Only a command in command position counts: the first word of a
 * command (after ;, &&, ||, |, a newline, `then`, `do`, `$(`, a
 * backtick), past assignments (FOO=1), the words that run the command
 * after them (sudo and its options, exec, command, env, nohup, time,
 * nice, timeout), and the heads of CI text and Procfiles that are not
 * shell (a YAML list dash, a `key:` word); a Makefile recipe's @, - or +
 * prefix is ignored.  A `docker run` quoted as an argument (`echo
 * "docker run ..."`) is not a command; one in a script handed to a shell
 * (`sh -c '...'`, `bash -ec "..."`, also as a container's command, and
 * Jenkins' `sh '...'`) is, up to RUNARGS_MAX_NEST levels.
 *
 * Words and lines are allocated in `a`.  Returns how many lines were
 * written to *out (an array in a); at most RUNARGS_MAX_LINES, and none
 * past RUNARGS_MAX_SPLIT bytes split.
 */
size_t runargs_find(struct arena *a, const char *text, size_t len,
		    struct runargs_line **out);

/*
 * As runargs_find(), for a file called `name`: a YAML file (*.yml,
 * *.yaml) is parsed as YAML and the scalars under the keys that hold
 * scripts in CI files (run, script, before_script, after_script,
 * command, commands, bash, sh, before_install, install, after_success,
 * after_failure) are searched after YAML has folded them, so a command
 * folded over lines (`run: >`) is one command.  Lines map back to the
 * file: a literal block (`|`) line by line, a folded block (`>`) to its
 * first line, a one-line scalar to its line and column.  A YAML file
 * that does not parse is searched as text.
 */
size_t runargs_find_file(struct arena *a, const char *name, const char *text,
			 size_t len, struct runargs_line **out);

/*
 * Split a single command line into words with the shell splitter (quotes
 * removed), for `hull run "docker run ..."` given as one string; the
 * words of every command in it are kept, in order.  Word positions are
 * 1-based word indexes in col.
 */
size_t runargs_split(struct arena *a, const char *text,
		     struct runargs_word **out);

#endif
