/*
 * The secret scanner: one engine for every place a credential hides.
 *
 * Dockerfile values, compose files, image files, image history and
 * environment, and `hull secrets PATH...` all go through the same
 * compiled scanner, so a kind of secret is found (and redacted, and
 * allowlisted) the same way everywhere.
 *
 * How it works.  Every kind (secret-internal.h, rules.c) has a Hyperscan
 * trigger, keywords and a PCRE2 regex.  With Hyperscan (HULL_HAVE_
 * HYPERSCAN) one streaming pass over the input runs every kind's trigger
 * at once; the kind's regex then runs only on the line of a trigger
 * match, which in ordinary text is rare.  Without Hyperscan one PCRE2
 * alternation finds the keywords instead and the regexes run on their
 * lines (correct, much slower).  Matches are then filtered: the kind's
 * known example values, placeholders such as ${VAR} or changeme, the
 * literal-and-randomness gate of the generic kind, and the user's
 * allowlists.  What is left becomes a finding whose evidence is always
 * redacted (redact_secret): no finding ever carries a whole secret.
 * Lines are counted only up to findings.
 *
 * Use:
 *
 *	struct secret_options o = SECRET_OPTIONS_INIT;
 *	o.allow_paths = &policy.secret_allow_paths;
 *	o.allow_patterns = &policy.secret_allow_patterns;
 *	struct secret_scanner *s = secret_scanner_new(&o, &err);
 *
 *	secret_scan_buffer(s, text, len, &loc, &findings);     whole buffers
 *	secret_scan_value(s, "DB_PASSWORD", v, &loc, &findings); one value
 *
 *	struct secret_stream st;                                 large inputs
 *	secret_stream_init(&st, s, &loc);
 *	while ((n = read(...)) > 0)
 *		secret_scan_stream(&st, chunk, n);
 *	secret_stream_finish(&st, &findings);
 *	secret_stream_release(&st);
 *
 *	secret_scanner_free(s);
 *
 * A scanner is built once and reused for every input: compiling the
 * ~50 regexes takes milliseconds, the trigger database about 80 ms of
 * CPU, so the compiled database is cached on disk (hscache.h).  It holds
 * per-scan scratch space, so one scanner serves one thread at a time; one
 * stream may be open per scanner at a time.
 *
 * Locations: the caller passes a template (file, or image path, layer
 * index, digest and history); each finding copies it and fills in line,
 * column and end_line.  The allowlist globs are matched against
 * loc->path when set, else loc->file.
 */
#ifndef HULL_SECRET_SECRET_H
#define HULL_SECRET_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/util.h"
#include "image/analyzer.h"
#include "report/finding.h"

/*
 * Bytes at the start of an input searched for a NUL byte: an input with
 * one is binary and skipped (git uses the same test and size).
 */
#define SECRET_BINARY_PROBE (8u * 1024)

/*
 * Findings kept per input.  A file with more is almost certainly a
 * dictionary or a dump; its first findings are enough to act on, and the
 * cap keeps a hostile input from growing the report without bound.
 */
#define SECRET_MAX_FINDINGS_PER_INPUT 1000

struct secret_options {
	/* fnmatch globs on the finding's path: matching inputs are skipped.
	 * A glob without '/' is also tried on the base name. */
	const struct strvec *allow_paths;
	/* PCRE2 regexes: a match whose text or secret they match is
	 * dropped. */
	const struct strvec *allow_patterns;
	/* Use the PCRE2 fallback even when Hyperscan is built in.
	 * The environment variable HULL_SECRET_ENGINE=pcre2 does the same. */
	bool force_pcre2;
};

#define SECRET_OPTIONS_INIT                                                    \
	{                                                                      \
		NULL, NULL, false                                              \
	}

struct secret_scanner;

/*
 * Compile the rules, the one-pass matcher and the allowlists.  Returns
 * NULL with ERR_USAGE in e when an allow pattern is not a valid regex,
 * ERR_INTERNAL when a built-in pattern fails to compile (a bug).
 */
struct secret_scanner *secret_scanner_new(const struct secret_options *o,
					  struct err *e);
void secret_scanner_free(struct secret_scanner *s);

/* "hyperscan" or "pcre2": which one-pass matcher the scanner uses. */
const char *secret_scanner_engine(const struct secret_scanner *s);

/* True when the allowlist globs exclude this path. */
bool secret_path_allowed(const struct secret_scanner *s, const char *path);

/*
 * True when an allow pattern matches text: for callers with heuristics
 * of their own (the image config rules) that must honour the same
 * allowlist as the engine.
 */
bool secret_text_allowed(const struct secret_scanner *s, const char *text);

/*
 * True when the name alone says the file is binary (images, archives,
 * object code, fonts...): such files are not worth reading.
 */
bool secret_path_is_binary(const char *path);

/*
 * True for names that hold credentials by convention: id_rsa, .env,
 * .npmrc, .git-credentials, .aws/credentials, .docker/config.json, shell
 * histories, .pgpass, .netrc...  Scanners read these whatever their size
 * or extension.
 */
bool secret_path_is_sensitive(const char *path);

/*
 * A stream: an input fed in chunks of any size, scanned with bounded
 * memory.  A secret that straddles two chunks is found; lines are
 * counted across chunks.  An input whose first SECRET_BINARY_PROBE bytes
 * hold a NUL is skipped (`binary` is set).  The stream copies `loc`.
 */
struct secret_stream_priv;

struct secret_stream {
	struct secret_scanner *s;
	struct location loc; /* template (owned copies) */
	struct buf win;	     /* retained bytes [base, base + win.len) */
	uint64_t base;	     /* stream offset of win.data[0] */
	uint64_t total;	     /* bytes fed so far */
	struct secret_stream_priv *priv;
	struct err e;	/* why secret_scan_stream failed */
	bool probing;	/* still looking for a NUL byte */
	bool binary;	/* skipped as binary */
	bool skipped;	/* skipped by an allow path */
	bool truncated; /* hit SECRET_MAX_FINDINGS_PER_INPUT */
};

void secret_stream_init(struct secret_stream *st, struct secret_scanner *s,
			const struct location *loc);
/* Feed the next chunk.  Returns 0, or -1 when the one-pass matcher failed
 * (an internal error, in st's err). */
int secret_scan_stream(struct secret_stream *st, const void *data, size_t len);
/* End of input: scan what is left and add the findings to out.  Returns
 * the number of findings added. */
int secret_stream_finish(struct secret_stream *st, struct findings *out);
void secret_stream_release(struct secret_stream *st);

/*
 * Scan a whole buffer (any bytes; it need not be NUL-terminated).
 * Returns the number of findings added to out.
 */
int secret_scan_buffer(struct secret_scanner *s, const void *data, size_t len,
		       const struct location *loc, struct findings *out);

/*
 * Scan one named value: an ENV or ARG value, a label, an environment
 * entry of an image config or compose service, one history line.  `name`
 * may be NULL; when given, the value is scanned as "name=value" so that
 * the name can make a generic finding ("DB_PASSWORD=...").  Findings keep
 * loc's line (the instruction's line) rather than a line of the value.
 * Returns the number of findings added.
 */
int secret_scan_value(struct secret_scanner *s, const char *name,
		      const char *value, const struct location *loc,
		      struct findings *out);

/*
 * The image analyzer (image/analyzer.h): wants regular files that may
 * hold secrets and scans them streaming, with the layer index, digest and
 * history in each finding's location.  A file that a later layer deletes
 * is still reported: it can still be extracted from its layer.  `target`
 * (the image reference) is copied into every location; may be NULL.
 *
 * secret_analyzer_new returns an analyzer whose `self` is owned by the
 * caller through secret_analyzer_free; findings are added in `finish`.
 */
struct analyzer secret_analyzer_new(struct secret_scanner *s,
				    const char *target);
void secret_analyzer_free(struct analyzer *a);

/*
 * Largest file the analyzer and `hull secrets` read: larger files are
 * scanned up to the cap and a warning is logged.  Text files of that size
 * are logs and dumps; the cap bounds the time a hostile layer can cost.
 */
#define SECRET_MAX_FILE (256ull * 1024 * 1024)

#endif
