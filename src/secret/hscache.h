/*
 * The on-disk cache of the compiled Hyperscan trigger database (see
 * hscache.c for where it lives and why it is safe to load).
 */
#ifndef HULL_SECRET_HSCACHE_H
#define HULL_SECRET_HSCACHE_H

#ifdef HULL_HAVE_HYPERSCAN
#include <hs/hs.h>

/*
 * hs_compile_multi with a cache: load the database compiled earlier for
 * exactly these patterns, flags, ids, mode and Hyperscan version, or
 * compile it and store it for the next run.  Same arguments and result
 * as hs_compile_multi (without a platform); *cerr is set only when
 * compiling failed and is freed by the caller.
 */
int hscache_compile(const char *const *pats, const unsigned *flags,
		    const unsigned *ids, unsigned n, unsigned mode,
		    hs_database_t **db, hs_compile_error_t **cerr);
#endif

#endif
