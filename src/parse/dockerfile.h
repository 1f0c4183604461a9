/*
 * Dockerfiles and Containerfiles, parsed into instructions and stages.
 *
 * The parser takes the whole modern syntax: parser directives (syntax,
 * escape with either escape character, check), line continuations with
 * comments and blank lines inside them, heredocs (several on one line,
 * <<-, quoted delimiters, after RUN, COPY and ADD), exec (JSON) and shell
 * forms, instruction flags, multi-stage builds with named stages, ONBUILD,
 * and ARG/ENV expansion with Docker's scoping: ARGs before the first FROM
 * are visible in FROM lines and, when redeclared, inside a stage; ENV and
 * ARG inside a stage are visible to later instructions of that stage and of
 * stages built FROM it.  A plain $NAME that the Dockerfile never declares
 * is left as written in `expanded` and in the values, since only the base
 * image knows it; an ARG declared without a value expands to nothing.
 * A FROM image that uses an unknown variable keeps the text as written.
 *
 * Parsing never stops at the first problem.  Problems are recorded in
 * `diags` with line and column, and the instruction is kept as DF_UNKNOWN
 * or with what could be read.  Unknown instructions are kept as
 * DF_UNKNOWN.
 *
 * Ownership: everything hangs off the dockerfile's arena and goes with
 * dockerfile_release().
 */
#ifndef HULL_PARSE_DOCKERFILE_H
#define HULL_PARSE_DOCKERFILE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/strmap.h"
#include "parse/shell.h"
#include "report/pragma.h"

/* Largest Dockerfile hull reads. */
#define DF_MAX_FILE (32u * 1024 * 1024)
/* More instructions than this is not a Dockerfile anyone builds. */
#define DF_MAX_INSTRUCTIONS 200000
/* Expansion of ${VAR} may not grow one value past this. */
#define DF_MAX_EXPANDED (1u * 1024 * 1024)
/*
 * A stage inherits ARG/ENV (and, for the rules, USER, WORKDIR and the
 * rest) through at most this many FROM <stage> links.  Real builds chain
 * a handful; a longer walk per instruction would make a hostile chain of
 * thousands of stages quadratic.
 */
#define DF_MAX_STAGE_CHAIN 64

enum df_kind {
	DF_UNKNOWN = 0,
	DF_FROM,
	DF_RUN,
	DF_CMD,
	DF_LABEL,
	DF_MAINTAINER,
	DF_EXPOSE,
	DF_ENV,
	DF_ADD,
	DF_COPY,
	DF_ENTRYPOINT,
	DF_VOLUME,
	DF_USER,
	DF_WORKDIR,
	DF_ARG,
	DF_ONBUILD,
	DF_STOPSIGNAL,
	DF_HEALTHCHECK,
	DF_SHELL,
};

enum df_form {
	DF_FORM_NONE, /* instructions without a command */
	DF_FORM_SHELL,
	DF_FORM_EXEC, /* a JSON array */
};

/* --name=value, or --name alone (value NULL). */
struct df_flag {
	const char *name; /* without the dashes: "from", "chown", "mount" */
	const char *value;
};

struct df_heredoc {
	const char *delim; /* without quotes */
	const char *body;  /* lines between, <<- tabs stripped */
	bool quoted;	   /* delimiter was quoted: no expansion */
	bool strip_tabs;   /* <<- */
	unsigned line;	   /* first body line */
};

/*
 * ENV, LABEL and ARG pairs.  ARG without a default has value NULL; its
 * value_expanded is then the default of the global ARG it redeclares, or
 * NULL.
 */
struct df_kv {
	const char *key;
	const char *value;	    /* as written, quotes removed */
	const char *value_expanded; /* with variables expanded */
	const char *raw;	    /* as written, quotes kept; NULL if none */
};

struct df_instr {
	enum df_kind kind;
	const char *keyword;  /* as written: "run", "Copy" */
	unsigned line;	      /* first line, 1-based */
	unsigned end_line;    /* last line, heredoc bodies included */
	unsigned column;      /* of the keyword */
	const char *original; /* the source text, continuations included */

	/* The text after the keyword and the flags, continuations joined
	 * and comment lines inside them removed. */
	const char *args;
	/* args with ARG/ENV variables expanded (same as args when none). */
	const char *expanded;

	struct df_flag *flags;
	size_t n_flags;

	enum df_form form;
	/* Exec form: the array's strings.  Shell form: NULL.  For EXPOSE,
	 * VOLUME (non-JSON), and the file arguments of COPY/ADD: the
	 * whitespace-separated words of `expanded`. */
	const char **argv;
	size_t argc;

	struct df_heredoc *heredocs;
	size_t n_heredocs;

	struct df_kv *kvs; /* ENV, LABEL, ARG */
	size_t n_kvs;

	/* RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD in shell form: the command
	 * line split into commands.  For RUN <<EOF the heredoc bodies are
	 * split too. */
	struct sh_script script;

	struct df_instr *onbuild; /* ONBUILD: the wrapped instruction */
	int stage;		  /* index in dockerfile.stages, -1 before
				     the first FROM */
	/* A blank line sat inside the continuation (BuildKit warns). */
	bool empty_continuation;
};

/* An image reference split: [registry/]repository[:tag][@digest]. */
struct df_image_ref {
	const char *registry; /* NULL when none is written */
	const char *repository;
	const char *tag;    /* NULL when none */
	const char *digest; /* NULL when none */
};

struct df_stage {
	unsigned index;
	const char *name;      /* AS name, lower-cased; NULL when unnamed */
	const char *image;     /* FROM argument, variables expanded */
	const char *image_raw; /* as written */
	struct df_image_ref ref;
	const char *platform; /* --platform value or NULL */
	int base_stage;	      /* stage this one is FROM, or -1 */
	bool is_scratch;
	/* The final stage, or a stage that a used stage is built FROM:
	 * its layers end up in the image that is built by default. */
	bool used;
	size_t first; /* index of its FROM in dockerfile.instrs */
	size_t last;  /* index of its last instruction */
};

/* Where one ENV/ARG name is set, for look-ups that must not rescan the
 * file (see dockerfile_var_defs). */
struct df_var_defs {
	size_t *at; /* indexes in dockerfile.instrs of the ENV and ARG
		       instructions that set it, ascending, each once */
	size_t n, cap;
	size_t first_arg; /* index of the first ARG that declares it, or
			     (size_t)-1 */
};

struct df_diag {
	unsigned line;
	unsigned column;
	const char *message;
};

struct dockerfile {
	struct arena arena;
	const char *path;   /* as given, for locations */
	char escape;	    /* '\\' or '`' */
	const char *syntax; /* "# syntax=" value or NULL */
	const char *check;  /* "# check=" value or NULL */

	struct df_instr *instrs;
	size_t n;

	struct df_stage *stages;
	size_t n_stages;
	/* Lower-cased stage name -> index of the first stage of that name,
	 * plus one (so that no value is NULL).  For dockerfile_find_stage. */
	struct strmap stage_names;

	/* ENV/ARG name -> struct df_var_defs (malloc'd, freed with the
	 * dockerfile).  ONBUILD ENV does not count: it sets nothing here. */
	struct strmap var_defs;

	struct df_kv *global_args; /* ARGs before the first FROM */
	size_t n_global_args;

	struct pragmas pragmas; /* "# hull ignore=" / "# hadolint ignore=" */
	struct df_diag *diags;
	size_t n_diags;

	/* Comments, for rules that read them: line and text after '#'. */
	struct df_diag *comments;
	size_t n_comments;
};

/*
 * Parse data[0..len) as the Dockerfile `path`.  Returns 0, or -1 (with e)
 * only when the input is not text hull can read at all (NUL bytes, over
 * DF_MAX_FILE).  Everything else is parsed, with problems in diags.
 * On failure df is left empty: releasing it is allowed, not needed.
 */
int dockerfile_parse(struct dockerfile *df, const char *path, const char *data,
		     size_t len, struct err *e);
/* Read and parse a file ("-" for stdin). */
int dockerfile_load(struct dockerfile *df, const char *path, struct err *e);
/*
 * The same with build arguments (`docker build --build-arg NAME=VALUE`):
 * `build_args` maps NAME to VALUE (char *), or is NULL.  As in a build,
 * a value is used only where the Dockerfile declares the ARG, and it
 * wins over the ARG's default.
 */
int dockerfile_parse_args(struct dockerfile *df, const char *path,
			  const char *data, size_t len,
			  const struct strmap *build_args, struct err *e);
int dockerfile_load_args(struct dockerfile *df, const char *path,
			 const struct strmap *build_args, struct err *e);
void dockerfile_release(struct dockerfile *df);

/* The final stage (the one that is built by default), or NULL. */
const struct df_stage *dockerfile_final_stage(const struct dockerfile *df);
/*
 * A stage by name or index as written in --from= or FROM, among the
 * stages before index `before`; NULL if none.  Names compare without
 * regard to case; of two stages of one name, the first is found.
 */
const struct df_stage *dockerfile_find_stage(const struct dockerfile *df,
					     const char *name_or_index,
					     size_t before);
/* Same, by name only (a number is not taken as an index). */
const struct df_stage *dockerfile_stage_named(const struct dockerfile *df,
					      const char *name, size_t before);
/* Where ENV/ARG `name` is set, or NULL when nowhere. */
const struct df_var_defs *dockerfile_var_defs(const struct dockerfile *df,
					      const char *name);
/* The value of a flag, or NULL when absent; `present` tells a bare flag. */
const struct df_flag *df_instr_flag(const struct df_instr *in,
				    const char *name);
/*
 * Does a file name look like a Dockerfile: Dockerfile, Containerfile,
 * Dockerfile.* / Containerfile.*, *.dockerfile, *.Dockerfile?  The one
 * answer `hull dockerfile DIR` and `hull scan` share.
 */
bool dockerfile_name_matches(const char *name);

/* "RUN", "COPY", ... */
const char *df_kind_name(enum df_kind k);

/*
 * Longest value a message about a Dockerfile quotes, in bytes.  ARG
 * expansion can make one image name or path a megabyte long; a report
 * line that long helps nobody and can swamp a CI log.
 */
#define DF_QUOTE_MAX 200

/*
 * Append to b the text vsnprintf would make of fmt, except that each %s
 * value (precision included) longer than DF_QUOTE_MAX bytes is cut at a
 * character boundary and ends in "…".  Every message the parser and the
 * Dockerfile rules write goes through here.  Conversions as printf's,
 * with * widths; %n is not supported.
 */
void df_vformat(struct buf *b, const char *fmt, va_list ap);

/* Split an image reference; the strings are allocated in the arena. */
void df_image_ref_parse(struct arena *a, const char *image,
			struct df_image_ref *out);

#endif
