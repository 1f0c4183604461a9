/*
 * Compose files into struct container_spec, one per service.
 *
 * Follows the Compose Specification as people write it:
 *
 *  - interpolation of $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 *    ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt} (nested in the
 *    default), with $$ for a literal dollar; variables come from the
 *    process environment, then the .env file beside the first compose file
 *    (the environment wins); a .env that is there but cannot be read (no
 *    permission, not a regular file, too large), a missing --env-file or
 *    include env_file, is a problem and the files are interpolated
 *    without it (a ${VAR:?} that fails then names that file too);
 *  - several files merged in order (`-f a.yml -f b.yml`): mappings merge key
 *    by key, lists append, environment/sysctls/ulimits merge by name,
 *    volumes by target, scalars are replaced; `!reset` clears a value and
 *    `!override` replaces it instead of merging;
 *  - `extends` from the same file or another (`file:`), to a bounded depth;
 *    a cycle (a service extending itself, a -> b -> a, in one file or
 *    across files) is one problem naming the chain;
 *  - top-level `include:` (a path, or `path` (one or a list, merged like
 *    -f files), `project_directory`, `env_file`), paths relative to the
 *    including file; each included file keeps its own file:line and is
 *    interpolated from its project directory's .env (or its env_file);
 *    a service both included and defined by the includer (or by two
 *    includes) is a conflict, as are include cycles, missing files and
 *    nesting past COMPOSE_MAX_INCLUDE (all reported as problems);
 *  - every service is read whatever its profiles (they are noted in
 *    spec->profiles; compose_service_active() tells whether a set of
 *    profiles deploys it);
 *    `x-` keys are ignored.
 *
 * Problems that leave the rest of the file usable (a value of the wrong
 * type, an invalid port, an unset ${VAR:?}) are collected in `problems` as
 * "file:line: message"; the service is still audited with what was
 * understood.  A file that cannot be read or is not a YAML mapping fails
 * the whole load.
 */
#ifndef HULL_PARSE_COMPOSE_H
#define HULL_PARSE_COMPOSE_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/strmap.h"
#include "core/util.h"
#include "parse/container_spec.h"

/* Compose files are kilobytes; anything past this is not one. */
#define COMPOSE_MAX_FILE (8u * 1024 * 1024)
/* A single value longer than this is refused (and reported). */
#define COMPOSE_MAX_SCALAR (256u * 1024)
/* Files merged in one load. */
#define COMPOSE_MAX_FILES 64
/* extends chains deeper than this are a loop or a mistake. */
#define COMPOSE_MAX_EXTENDS 16
/* include: nesting deeper than this is a loop or a mistake. */
#define COMPOSE_MAX_INCLUDE 16
/* A .env file is a few lines; the same cap as a compose file, and one
 * past it is an error, not silently skipped. */
#define COMPOSE_MAX_ENV_FILE COMPOSE_MAX_FILE
/* Interpolation nesting (${A:-${B:-...}}). */
#define COMPOSE_MAX_INTERP_DEPTH 16

struct compose_opts {
	/* Variables to use instead of the process environment (tests);
	 * values are char *.  NULL for the process environment. */
	const struct strmap *env;
	/* The .env file; NULL for ".env" beside the first file, "" for
	 * none. */
	const char *env_file;
};

/*
 * Load files[0..n) (merged in order) into l, one spec per service, in the
 * order services first appear.  Returns 0 or -1 with ERR_INPUT naming the
 * file and line.  Recoverable problems go to `problems`.
 */
int compose_load(struct spec_list *l, const char *const *files, size_t n,
		 const struct compose_opts *opts, struct strvec *problems,
		 struct err *e);

/*
 * The same for one document already in memory (fuzzing, tests): `name`
 * is used in messages and locations.
 */
int compose_load_buf(struct spec_list *l, const char *data, size_t len,
		     const char *name, const struct compose_opts *opts,
		     struct strvec *problems, struct err *e);

/*
 * Whether service s is deployed with the profiles active[0..n) active, as
 * `docker compose --profile` decides: a service with no `profiles:` is,
 * and one with a profile in the list ("*" is every profile).  With n 0
 * every service is (the caller decides what "none given" means).
 */
bool compose_service_active(const struct container_spec *s,
			    const char *const *active, size_t n);

/*
 * Parse a .env file's text into map (char * values, owned by the caller:
 * release with strmap_release(map, free)).  Lines are KEY=VALUE with an
 * optional `export `, single quotes (literal), double quotes (\n, \", \\
 * escapes), comments (# at line start, or after a space in an unquoted
 * value).  Existing keys are not replaced.
 */
void compose_dotenv_parse(const char *text, size_t len, struct strmap *map);

/* compose_interpolate's result when a ${VAR:?} or ${VAR?} failed. */
#define COMPOSE_INTERP_UNSET (-2)

/* Most unset variables one value records: a value is at most
 * COMPOSE_MAX_SCALAR bytes, and a warning per name is enough. */
#define COMPOSE_MAX_BLANK_VARS 16

/*
 * Interpolate `in` into out.  *had_ref is set when a variable was
 * referenced.  The names of variables used without a default ($VAR,
 * ${VAR}) that are not set, and so become "", are pushed onto blank
 * (when not NULL; at most COMPOSE_MAX_BLANK_VARS).  Returns 0;
 * COMPOSE_INTERP_UNSET when a required variable is unset (or empty for `:?`);
 * or -1 for a bad ${...}; e says why and out then holds the best effort.
 */
int compose_interpolate(const char *in, const struct strmap *vars,
			bool use_environ, struct buf *out, bool *had_ref,
			struct strvec *blank, struct err *e);

#endif
