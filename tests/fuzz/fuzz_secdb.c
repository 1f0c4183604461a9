/*
 * Fuzz target: YAML advisory import, Alpine secdb files and OSV YAML (the
 * pypa advisory database format), into an in-memory database, each input
 * in a transaction rolled back after.
 */
#include <stdint.h>
#include <stdlib.h>

#include "vuln/vulndb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vulndb *db;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vulndb_stats st = { 0 };

	if (!db && vulndb_open(&db, ":memory:", VULNDB_CREATE, NULL))
		abort();
	if (vulndb_begin(db, NULL))
		abort();
	vulndb_import_data(db, "fuzz.yaml", (const char *)data, size, &st,
			   NULL);
	vulndb_rollback(db);
	return 0;
}
