/*
 * Shared by the advisory import fuzz targets: one in-memory database for
 * the whole run, each input imported in a transaction that is rolled
 * back after it.
 */
#ifndef HULL_TESTS_VULNDB_FUZZ_H
#define HULL_TESTS_VULNDB_FUZZ_H

#include <stdlib.h>

#include "vuln/vulndb.h"

/* The run's database, opened on first use, with a transaction begun;
 * the caller imports one input and calls vulndb_rollback(). */
static inline struct vulndb *
fuzz_db_begin(void)
{
	static struct vulndb *db;

	if (!db && vulndb_open(&db, ":memory:", VULNDB_CREATE, NULL))
		abort();
	if (vulndb_begin(db, NULL))
		abort();
	return db;
}

#endif
