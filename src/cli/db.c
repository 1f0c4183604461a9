/*
 * hull db
 */
#include "cli/cli.h"

int
cmd_db(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the db command is being built on its own branch. */
	cli_error("'db' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
