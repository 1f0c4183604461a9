/*
 * The image rules: config checks (image-config.c) and file checks on the
 * final filesystem and the layers (image-files.c).
 */
#include <stddef.h>

#include "rules/image-internal.h"
#include "rules/registry-internal.h"

const struct rule *const image_rules[] = {
	&im001, &im002, &im003, &im004, &im005, &im006, &im007,
	&im008, &im009, &im010, &im011, &im012, &im013, &im014,
	&im015, &im016, &im017, &im018, &im019, &im020, NULL,
};
