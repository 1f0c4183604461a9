/*
 * hull run
 */
#include "cli/cli.h"

int
cmd_run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the run command is being built on its own branch. */
	cli_error("'run' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
