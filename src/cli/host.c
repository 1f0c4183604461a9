/*
 * hull host
 */
#include "cli/cli.h"

int
cmd_host(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the host command is being built on its own branch. */
	cli_error("'host' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
