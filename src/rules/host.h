/*
 * The host rules (HO...): checks of one Docker daemon and its host, read
 * from a struct host_facts (engine/host_facts.h).
 *
 * Daemon settings follow section 2 of the CIS Docker Benchmark, the
 * daemon's files section 3; each rule lists the CIS Docker Benchmark
 * v1.8.0 section ("CIS-2.16") and docker-bench-security's check, which
 * keeps the v1.6.0 numbering ("check_2_15"), as aliases.  A rule whose
 * fact is unknown stays silent.
 */
#ifndef HULL_RULES_HOST_H
#define HULL_RULES_HOST_H

#include "engine/host_facts.h"
#include "report/finding.h"

/*
 * An Engine line older than this is reported: upstream maintains a line
 * for months and distributions for one release cycle, so two years means
 * the version misses fixes that were never backported.
 */
#define HOST_ENGINE_MAX_AGE_DAYS 730

/* Run every host rule on f, adding findings to out. */
void host_rules_check(const struct host_facts *f, struct findings *out);

/*
 * The release date (seconds since the epoch, UTC midnight) of the Engine
 * line `version` belongs to ("20.10.24+dfsg1" -> 2020-12-08), or -1 when
 * the version is not one hull knows (malformed, or newer than its table).
 * `line` (may be NULL) receives "20.10".
 */
long long host_engine_line_date(const char *version, char line[16]);

#endif
