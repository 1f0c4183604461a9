/*
 * hull secrets
 */
#include "cli/cli.h"

int
cmd_secrets(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the secrets command is being built on its own branch. */
	cli_error("'secrets' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
