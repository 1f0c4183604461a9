/*
 * hull image
 */
#include "cli/cli.h"

int
cmd_image(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* NEEDSWORK: the image command is being built on its own branch. */
	cli_error("'image' is not available in this build yet");
	return HULL_EXIT_INTERNAL;
}
