/*
 * What the secret engine shares privately: the table that ties each SE
 * rule to its patterns.
 *
 * A struct rule (rules/rule.h) says what a finding means; a struct
 * secret_kind says how to find it:
 *
 *  - `trigger`: a Hyperscan pattern (no look-arounds, back-references or
 *    named groups) that matches on every line where `regex` can match:
 *    a piece of the match (often its fixed prefix and the shortest
 *    tail), or for kinds that need a word beside the match (twilio,
 *    discord) that word.  All triggers are compiled into one Hyperscan
 *    database and scanned in one pass; `regex` only runs on the line of
 *    a trigger match, so a trigger must be a superset of the regex on
 *    its line and should be rare in ordinary text.
 *  - `keywords`: '|'-separated literals, one of which occurs on every
 *    line where `regex` matches.  The PCRE2 fallback (no Hyperscan, or
 *    HULL_SECRET_ENGINE=pcre2) finds them case-insensitively with one
 *    alternation and runs `regex` on their lines.
 *  - `regex`: a PCRE2 pattern.  When it has a group named "secret", that
 *    group is the secret (redacted for display, tested by the filters);
 *    otherwise the whole match is.
 *  - `allow`: a PCRE2 pattern for values that are published examples
 *    (AKIAIOSFODNN7EXAMPLE); a secret it matches is not reported.
 *  - `flags`: SECRET_MULTILINE when a match may span lines (PEM blocks),
 *    SECRET_GENERIC for the keyword=value heuristics that give way to a
 *    specific kind on the same line, SECRET_PLACEHOLDERS to drop values
 *    such as ${VAR}, changeme or <password>, SECRET_ENTROPY to require a
 *    random-looking value.
 */
#ifndef HULL_SECRET_SECRET_INTERNAL_H
#define HULL_SECRET_SECRET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/rule.h"

enum secret_flags {
	SECRET_MULTILINE = 1 << 0,
	SECRET_GENERIC = 1 << 1,
	SECRET_PLACEHOLDERS = 1 << 2,
	SECRET_ENTROPY = 1 << 3,
};

struct secret_kind {
	const struct rule *rule;
	const char *trigger;
	const char *keywords;
	const char *regex;
	const char *allow; /* may be NULL */
	unsigned flags;
};

extern const struct secret_kind secret_kinds[];
extern const size_t secret_kinds_count;

/*
 * Filters shared by the engine and its tests.
 *
 * secret_entropy: Shannon entropy of s[0..n) in bits per byte.
 * secret_is_placeholder: true for values that stand for a secret rather
 * than being one: "${DB_PASS}", "$TOKEN", "changeme", "xxxxxxxx",
 * "<password>", "your-api-key", "example", "********", "{{ .Values.x }}".
 */
double secret_entropy(const char *s, size_t n);
bool secret_is_placeholder(const char *s, size_t n);

/*
 * The gate of SECRET_ENTROPY kinds: at least 8 bytes, two character
 * classes, SECRET_MIN_ENTROPY bits per byte, and not a path, URL, dotted
 * identifier (os.environ.get) or CONSTANT_NAME.
 */
bool secret_looks_random(const char *s, size_t n);

/*
 * The extra gate of the generic kind (SECRET_GENERIC): the match is
 * m[0..mn), its value m[vs..vs + vn), on the line (or window) line[0..ln).
 * False when the value is code rather than a literal (a bare name or
 * dotted path assigned with `=`, `:=`, `=>` or after a quoted key), a
 * test or documentation value, or not random enough for its character
 * set (letters only, digits only, short hex, short alphanumerics).
 */
bool secret_generic_keep(const char *m, size_t mn, size_t vs, size_t vn,
			 const char *line, size_t ln);

struct strvec;
/* Does any glob match path, its base name (globs without '/'), or a
 * suffix of it that starts after a '/'? */
bool secret_glob_match(const struct strvec *globs, const char *path);

#endif
