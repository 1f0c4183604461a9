/*
 * Fuzz target: the Debian security tracker DSA/DLA list parser, writing
 * into an in-memory database, each input in a transaction rolled back
 * after.
 */
#include <stdint.h>

#include "vuln/vulndb-internal.h"

#include "vulndb_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vulndb *db = fuzz_db_begin();
	struct vulndb_stats st = { 0 };

	import_debian_list(db, "list", (const char *)data, size, &st, NULL);
	vulndb_rollback(db);
	return 0;
}
