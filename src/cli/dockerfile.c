/*
 * hull dockerfile
 */
#include "cli/cli.h"

int
cmd_dockerfile(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the dockerfile command is being built on its own branch.
	 */
	cli_error("'dockerfile' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
