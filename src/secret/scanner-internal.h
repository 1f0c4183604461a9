/*
 * The compiled scanner, shared by scanner.c (building it), stream.c
 * (running it) and analyzer.c.
 */
#ifndef HULL_SECRET_SCANNER_INTERNAL_H
#define HULL_SECRET_SCANNER_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <strings.h>

#ifdef HULL_HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

#include "secret/secret-internal.h"
#include "secret/secret.h"

/* Groups named "secret" one pattern may have (alternatives with (?J)). */
#define SECRET_MAX_GROUPS 4

struct compiled_kind {
	const struct secret_kind *kind;
	pcre2_code *re;
	pcre2_code *allow;
	uint32_t groups[SECRET_MAX_GROUPS];
	unsigned n_groups;
};

struct secret_scanner {
	struct compiled_kind *kinds;
	size_t nkinds;

	/* Keywords, lowercased and unique; kw_kinds[i] has bit k set when
	 * kind k lists keyword i. */
	char **kw;
	size_t *kw_len;
	uint64_t *kw_kinds;
	size_t nkw, kw_cap, max_kw;

	bool use_hs;
	pcre2_code *kw_re; /* the fallback's alternation */
#ifdef HULL_HAVE_HYPERSCAN
	hs_database_t *hs_db;
	hs_scratch_t *hs_scratch;
#endif
	pcre2_match_data *md;

	struct strvec allow_paths;
	pcre2_code **allow;
	size_t nallow;
};

#endif
