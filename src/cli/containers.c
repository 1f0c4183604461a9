/*
 * hull containers
 */
#include "cli/cli.h"

int
cmd_containers(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the containers command is being built on its own branch.
	 */
	cli_error("'containers' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
