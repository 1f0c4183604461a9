/*
 * Shared by the image rules (rules/image*.c): the rule objects and small
 * helpers to report against a layer.
 */
#ifndef HULL_RULES_IMAGE_INTERNAL_H
#define HULL_RULES_IMAGE_INTERNAL_H

#include <stdbool.h>

#include "image/image.h"
#include "rules/rule.h"

/* image-config.c */
extern const struct rule im001, im002, im003, im004, im005, im006, im007, im008;
/* image-files.c */
extern const struct rule im009, im010, im011, im012, im013, im014, im015, im016,
    im017, im018, im019, im020;

/*
 * Add a finding of `r` about layer `layer` (-1: the whole image) and
 * `path` (may be NULL).
 */
struct finding *image_finding(const struct rule *r, const struct image_facts *f,
			      int layer, const char *path, struct findings *out,
			      const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Does NAME=value look like a credential?  A small local heuristic on
 * the name (password, token, secret, key...) and a few well-known value
 * shapes: the fallback of IM002-IM004 for the values the secret engine
 * does not recognise (rules/image.h).
 */
bool image_credential_like(const char *name, const char *value);

/* The runtime user's uid from the config user and etc/passwd; -1 when it
 * cannot be told (a name with no passwd entry), 0 for root or unset. */
long long image_user_uid(const struct image_facts *f);

#endif
