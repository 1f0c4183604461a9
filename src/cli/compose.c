/*
 * hull compose
 */
#include "cli/cli.h"

int
cmd_compose(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the compose command is being built on its own branch. */
	cli_error("'compose' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
