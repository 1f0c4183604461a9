/*
 * hull harden
 */
#include "cli/cli.h"

int
cmd_harden(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the harden command is being built on its own branch. */
	cli_error("'harden' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
