/*
 * hull version
 */
#include "cli/cli.h"

int
cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the version command is being built on its own branch. */
	cli_error("'version' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
