/*
 * Fuzz target: OSV JSON import (and the JSON kinds it recognises: arrays
 * of OSV entries, vuln-list Alpine files, the Debian tracker export) into
 * an in-memory database, each input in a transaction rolled back after.
 */
#include <stdint.h>

#include "vuln/vulndb.h"

#include "vulndb_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vulndb *db = fuzz_db_begin();
	struct vulndb_stats st = { 0 };

	vulndb_import_data(db, "fuzz.json", (const char *)data, size, &st,
			   NULL);
	vulndb_rollback(db);
	return 0;
}
