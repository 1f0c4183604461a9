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

/* The stage-name index agrees with a scan: the first stage of a name. */
static void
check_stage_index(const struct dockerfile *df)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const char *n = df->stages[s].name;
		const struct df_stage *first = NULL;

		if (!n)
			continue;
		for (size_t t = 0; t <= s && !first; t++)
			if (df->stages[t].name &&
			    !strcmp(df->stages[t].name, n))
				first = &df->stages[t];
		if (dockerfile_stage_named(df, n, s + 1) != first)
			__builtin_trap();
		if (df->stages[s].base_stage >= (int)s)
			__builtin_trap();
	}
	if (df->n_stages && !df->stages[df->n_stages - 1].used)
		__builtin_trap();
}

/* Each variable's definitions are ascending instruction indexes. */
static void
check_var_defs(const struct dockerfile *df)
{
	for (size_t i = 0; i < df->n; i++)
		for (size_t k = 0; k < df->instrs[i].n_kvs; k++) {
			const struct df_var_defs *d =
			    dockerfile_var_defs(df, df->instrs[i].kvs[k].key);

			if (df->instrs[i].kind != DF_ENV &&
			    df->instrs[i].kind != DF_ARG)
				continue;
			if (!d || !d->n)
				__builtin_trap();
			for (size_t j = 1; j < d->n; j++)
				if (d->at[j - 1] >= d->at[j] ||
				    d->at[j] >= df->n)
					__builtin_trap();
		}
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
	check_stage_index(&df);
	check_var_defs(&df);
	dockerfile_release(&df);
	(void)sink;
	return 0;
}
