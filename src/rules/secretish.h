/*
 * Small heuristics for credentials written into build files: names that
 * announce a secret (DB_PASSWORD, GITHUB_TOKEN) and a few value formats
 * that are secrets whatever they are called (AWS access key ids, GitHub
 * and GitLab tokens, Slack and Stripe keys, PEM private keys, passwords
 * in URLs).  The full secret engine lives in src/secret/; this is what the
 * Dockerfile and runtime rules need without it.
 */
#ifndef HULL_RULES_SECRETISH_H
#define HULL_RULES_SECRETISH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Does a variable name announce a credential?  Case-insensitive.  Names
 * that only point at one (DB_PASSWORD_FILE, TOKEN_URL, SECRET_DIR) or
 * describe one (PASSWORD_LENGTH, API_KEY_HEADER) do not.
 */
bool secretish_name(const char *name);

/*
 * Is a value a literal worth reporting when its name is secret-ish?
 * Not when it is empty, a reference ($VAR, ${VAR}), a path (a *_FILE
 * style pointer such as the /run/secrets/db path), or a plain switch (true, no,
 * 0).
 */
bool secretish_value_literal(const char *value);

/*
 * Find a well-known credential format in text.  Returns its name ("AWS
 * access key id", ...) and sets *at and *len to the match, or returns
 * NULL.
 */
const char *secretish_find_format(const char *text, size_t *at, size_t *len);

/*
 * Find "scheme://user:password@" with a literal password in text.
 * Returns true and sets *at and *len to the password.
 */
bool secretish_find_url_password(const char *text, size_t *at, size_t *len);

#endif
