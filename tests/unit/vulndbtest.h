/*
 * Helpers shared by the vulnerability database tests.  Include after
 * cmocka.h.
 */
#ifndef HULL_TESTS_VULNDBTEST_H
#define HULL_TESTS_VULNDBTEST_H

#include <stddef.h>

#include "core/err.h"
#include "vuln/vulndb.h"

/*
 * Create the database at dbpath and import every one of `paths` into it
 * in one transaction; any error fails the test.  Returns the open
 * database.
 */
static inline struct vulndb *
testdb_import(const char *dbpath, const char *const *paths, size_t n)
{
	struct vulndb *db = NULL;
	struct err e = ERR_INIT;

	if (vulndb_open(&db, dbpath, VULNDB_CREATE, &e) || vulndb_begin(db, &e))
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < n; i++) {
		struct vulndb_stats st = { 0 };

		if (vulndb_import_path(db, paths[i], &st, &e))
			fail_msg("%s", e.msg);
	}
	if (vulndb_commit(db, &e))
		fail_msg("%s", e.msg);
	return db;
}

#endif
