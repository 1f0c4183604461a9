/*
 * Fuzz target: the shell command splitter and its helpers.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse/shell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const skip[] = { "-o", "--target", NULL };
	struct arena a = ARENA_INIT;
	struct sh_script sc;
	const char *out[4];
	volatile size_t sink = 0;

	sh_parse(&a, (const char *)data, size, &sc);
	for (size_t i = 0; i < sc.n; i++) {
		const struct sh_cmd *c = &sc.cmds[i];

		sink += strlen(sh_cmd_name(c));
		sink += sh_cmd_has_flag(c, "yes", 'y');
		sink += sh_cmd_has_arg(c, "install");
		if (sh_cmd_flag_value(c, "target", 't'))
			sink++;
		sink += sh_cmd_nonflags(c, skip, out, 4);
		for (size_t w = 0; w < c->n_words; w++)
			sink += strlen(c->words[w].raw);
	}
	arena_release(&a);
	(void)sink;
	return 0;
}
