/*
 * What the parts of `hull scan` share: the walk of the project tree and
 * the run state.  scan.c drives the run and audits compose files,
 * Dockerfiles and build contexts; scan-walk.c lists and classifies the
 * tree; scan-text.c reads every text file once for the secret scan and
 * the docker run lines.
 */
#ifndef HULL_CLI_SCAN_INTERNAL_H
#define HULL_CLI_SCAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"
#include "core/strmap.h"
#include "report/finding.h"
#include "secret/secret.h"

/* Directory levels below DIR that are walked; deeper ones are skipped
 * with a warning: no source tree is that deep, a generated one may be. */
#define SCAN_MAX_DEPTH 64
/* Entries recorded in one walk; past it the walk stops with a warning.
 * A million files is far beyond any project a person audits at once. */
#define SCAN_MAX_ENTRIES 1000000
/* Bytes of one file kept in memory for the docker run line finder; the
 * secret scan streams the whole file (up to SECRET_MAX_FILE). */
#define SCAN_MAX_TEXT (16u * 1024 * 1024)
/* Bytes read at a time. */
#define SCAN_READ_CHUNK (1u << 20)

enum scan_kind {
	SCAN_FILE,    /* a regular file */
	SCAN_LINK,    /* a symbolic link, not followed unless named */
	SCAN_GITDIR,  /* a .git directory, recorded but not entered */
	SCAN_SPECIAL, /* FIFO, socket, device */
};

struct scan_entry {
	char *rel; /* relative to DIR, '/' separated */
	enum scan_kind kind;
};

struct scan {
	struct cli *c;
	const char *dir; /* as given */
	struct strvec skip_dirs;

	struct scan_entry *v; /* in walk order: sorted, depth first */
	size_t n, cap;

	struct secret_scanner *secrets;
	struct findings se; /* the secret engine's, deduplicated at the end */
	char *chunk;

	/* Dockerfiles to lint (rel) and the context each is built in (rel,
	 * "" for DIR itself): parallel vectors. */
	struct strvec dockerfiles;
	struct strvec contexts;

	/* paths already reported as unreadable (scan_file_error) */
	struct strmap unreadable;
};

/* Walk s->dir into s->v.  Returns 0, or -1 after reporting that DIR
 * itself cannot be read. */
int scan_walk(struct scan *s);
void scan_entries_release(struct scan *s);

/* DIR-joined path of a rel path (fresh). */
char *scan_path(const struct scan *s, const char *rel);

/*
 * Clean a '/' separated relative path lexically ("a/./b/../c" -> "a/c",
 * "." -> "").  Returns a fresh string, or NULL when it is absolute or
 * climbs above its start.
 */
char *scan_path_clean(const char *rel);

/* Compose file names, in docker compose's order of preference; the
 * override names match them one to one. */
extern const char *const scan_compose_names[];
extern const char *const scan_compose_override_names[];
#define SCAN_COMPOSE_NAMES 4

/*
 * Report that the file at path cannot be read (e says why), once: the
 * passes that read the same file (as a Dockerfile, then as text) do not
 * repeat it.
 */
void scan_file_error(struct scan *s, const char *path, const struct err *e);

/*
 * Open a file that the scan means to read: a regular file, or a symbolic
 * link to one when `follow`.  Returns the descriptor, or -1 after
 * reporting an input error (dangling link, FIFO, directory...) through
 * scan_file_error().
 */
int scan_open(struct scan *s, const char *path, bool follow);

/* The text pass: secrets in every text file, run lines in scripts,
 * Makefiles and CI files. */
void scan_text_files(struct scan *s);

/* Drop secret-engine findings that repeat a Dockerfile or compose/run
 * secret finding (see scan.c), then move the rest into the report. */
void scan_secrets_merge(struct scan *s);

#endif
