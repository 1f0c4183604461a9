/*
 * What `hull image` needs from the image rules besides the rule table:
 * the secret pass over the config and history, the mapping of layers to
 * Dockerfile instructions, and the placing of analyzer findings.
 *
 * The order of a scan:
 *
 *	image_open(&img, ...);
 *	image_dockerfile_map(&img, &df, scanner, &warnings);   (--dockerfile)
 *	image_config_secrets(&img, scanner, &findings);
 *	from = findings.n;
 *	image_scan(&img, analyzers, n, &findings, &e);
 *	image_findings_place(&img.facts, from, &findings);
 *	run the IM rules on img.facts
 *
 * One finding per secret.  The secret engine (the SE rules) reads every
 * Env entry, label and history line first and reports what it
 * recognises: a token format, a key, a password assignment random enough
 * for its generic rule.  The name heuristics of IM002 (Env), IM003
 * (labels) and IM004 (build arguments in history) report only the values
 * the engine passed over, such as DB_PASSWORD=hunter2.  IM009 likewise
 * gives way to an SE finding on the same file in the same layer.  A
 * history line that records an ENV or LABEL whose secret the config
 * already reports is not reported again.
 */
#ifndef HULL_RULES_IMAGE_H
#define HULL_RULES_IMAGE_H

#include "core/util.h"
#include "image/image.h"
#include "report/finding.h"

struct secret_scanner;
struct dockerfile;

/*
 * A history line longer than this is not redacted word by word: when it
 * holds a secret it is shown as a placeholder.  Real lines are a few KiB;
 * the cap bounds the scans a hostile config can ask for.
 */
#define IMAGE_REDACT_MAX_LINE (64u * 1024)
/* Words of one line scanned on their own to find the secret's word. */
#define IMAGE_REDACT_MAX_WORDS 2048u

/*
 * Scan Env, Labels and every history line with `s` (and the IM002-IM004
 * heuristics) into out, and set each history entry's `shown` (and its
 * layer's created_by) to a redacted copy when the line holds a secret.
 * Call before image_scan, so that analyzers see the redacted lines.
 */
void image_config_secrets(struct image *img, struct secret_scanner *s,
			  struct findings *out);

/*
 * `text` with every word that holds a secret redacted, or NULL when the
 * engine and the build-argument heuristic find nothing in it.  When the
 * secret cannot be pinned to words, the whole text is replaced by a
 * placeholder.  The result is malloc'd.
 */
char *image_text_redact(struct secret_scanner *s, const char *text);

/*
 * Map the image's layers to the instructions of df's final stage (and of
 * the stages it is built FROM) that made them, matching from the top and
 * checking each pair by its history line.  Sets layers[i].instruction
 * (redacted with s, which may be NULL) and dockerfile_line.  Returns the
 * number of layers mapped, or -1 when the image and the Dockerfile
 * disagree: then nothing is mapped and `warnings` says why.
 */
int image_dockerfile_map(struct image *img, const struct dockerfile *df,
			 struct secret_scanner *s, struct strvec *warnings);

/*
 * Findings out->v[from..] came from the layer analyzers: give those about
 * a mapped layer the Dockerfile file, line and instruction (a line inside
 * the image file moves into the message), and say in the message of a
 * secret finding when a later layer removed or replaced its file.
 */
void image_findings_place(const struct image_facts *f, size_t from,
			  struct findings *out);

#endif
