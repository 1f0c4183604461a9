/*
 * Fuzz target: the Dockerfile parser, with the stage lookups and the
 * shell splits it produces walked so that every pointer gets touched.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse/dockerfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
walk_script(const struct sh_script *sc)
{
	size_t n = 0;

	for (size_t i = 0; i < sc->n; i++) {
		n += strlen(sh_cmd_name(&sc->cmds[i]));
		for (size_t r = 0; r < sc->cmds[i].n_redirs; r++)
			n += strlen(sc->cmds[i].redirs[r].target);
	}
	return n;
}

static size_t
walk_instr(const struct df_instr *in)
{
	size_t n = strlen(in->args) + strlen(in->expanded) +
		   strlen(in->original) + walk_script(&in->script);

	for (size_t i = 0; i < in->argc; i++)
		n += strlen(in->argv[i]);
	for (size_t i = 0; i < in->n_kvs; i++)
		n += strlen(in->kvs[i].key) +
		     (in->kvs[i].value_expanded
			  ? strlen(in->kvs[i].value_expanded)
			  : 0);
	for (size_t i = 0; i < in->n_heredocs; i++)
		n += strlen(in->heredocs[i].body);
	if (in->onbuild)
		n += walk_instr(in->onbuild);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dockerfile df;
	volatile size_t sink = 0;

	if (dockerfile_parse(&df, "fuzz", (const char *)data, size, NULL) < 0)
		return 0;
	for (size_t i = 0; i < df.n; i++) {
		const struct df_flag *from =
		    df_instr_flag(&df.instrs[i], "from");

		sink += walk_instr(&df.instrs[i]);
		if (from && from->value)
			(void)dockerfile_find_stage(&df, from->value,
						    df.n_stages);
	}
	for (size_t i = 0; i < df.n_stages; i++)
		sink += strlen(df.stages[i].image) +
			strlen(df.stages[i].ref.repository);
	(void)dockerfile_final_stage(&df);
	dockerfile_release(&df);
	(void)sink;
	return 0;
}
