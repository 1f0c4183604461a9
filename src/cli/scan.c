/*
 * hull scan
 */
#include "cli/cli.h"

int
cmd_scan(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the scan command is being built on its own branch. */
	cli_error("'scan' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
