/*
 * hull sbom
 */
#include "cli/cli.h"

int
cmd_sbom(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the sbom command is being built on its own branch. */
	cli_error("'sbom' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
