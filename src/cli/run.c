/*
 * hull run -- docker run ARGS...: audit one docker run command line.
 *
 * The words after `--` are the command line as the shell split it
 * (`docker run ...`, `docker container run ...`, `run ...` or just the
 * options).  A single word holding spaces is split as a shell would.
 * `--in FILE` instead audits every docker run line found in a script,
 * Makefile or CI file.
 */
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "parse/runargs.h"
#include "rules/runtime.h"

/* Scripts are read whole; this is far above any real one. */
#define RUN_MAX_SCRIPT (16u * 1024 * 1024)

struct run_cmd {
	struct strvec in;
};

static int
opt_in(void *ctx, const char *arg)
{
	strvec_push(&((struct run_cmd *)ctx)->in, arg);
	return 0;
}

static const struct cli_opt run_opts[] = {
	{ "in", 0, true, opt_in,
	  "audit the docker run lines of a script, Makefile or CI file" },
	{ NULL, 0, false, NULL, NULL },
};

/* Returns 0, or -1 when the words are not a run line (a usage error). */
static int
audit_words(struct cli *c, struct spec_list *specs,
	    const struct runargs_word *w, size_t n, const char *file)
{
	struct container_spec *s;
	struct err e = ERR_INIT;

	if (runargs_parse(specs, w, n, file, &s, &e)) {
		if (file && n)
			err_prefix(&e, "%s:%u", file, w[0].pos.line);
		if (e.kind == ERR_USAGE) {
			cli_error("%s", e.msg);
			return -1;
		}
		cli_input_error(c, &e);
		return 0;
	}
	runtime_check(s, c->secrets, &c->report.findings);
	return 0;
}

static void
audit_file(struct cli *c, struct spec_list *specs, const char *path)
{
	struct buf text = BUF_INIT;
	struct runargs_line *lines;
	struct err e = ERR_INIT;
	size_t n;

	strvec_push(&c->report.targets, path);
	if (file_read(path, RUN_MAX_SCRIPT, &text, &e)) {
		cli_input_error(c, &e);
		goto out;
	}
	n = runargs_find_file(&specs->arena, path, text.data, text.len, &lines);
	for (size_t i = 0; i < n; i++)
		audit_words(c, specs, lines[i].words, lines[i].n, path);
out:
	buf_release(&text);
}

static int
audit_argv(struct cli *c, struct spec_list *specs)
{
	struct runargs_word *w;
	size_t n = c->args.n;

	strvec_push(&c->report.targets, "command line");
	if (n == 1 && strpbrk(c->args.v[0], " \t\n")) {
		n = runargs_split(&specs->arena, c->args.v[0], &w);
	} else {
		w = arena_alloc(&specs->arena, (n + 1) * sizeof(*w));
		for (size_t i = 0; i < n; i++) {
			w[i].text = c->args.v[i];
			w[i].pos.col = (unsigned)i + 1;
		}
	}
	return audit_words(c, specs, w, n, NULL);
}

int
cmd_run(int argc, char **argv)
{
	struct run_cmd cmd = { STRVEC_INIT };
	struct spec_list specs = SPEC_LIST_INIT;
	struct cli c;
	int rc;

	cli_init(&c, "run");
	if (cli_parse(&c, argc, argv, run_opts, &cmd)) {
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if (!c.args.n && !cmd.in.n) {
		cli_error("usage: hull run [OPTIONS] -- docker run ARGS... | "
			  "hull run --in FILE");
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if ((rc = cli_setup_policy(&c, cmd.in.n ? cmd.in.v[0] : ".")))
		goto out;
	if ((rc = cli_setup_secrets(&c)))
		goto out;
	for (size_t i = 0; i < cmd.in.n; i++)
		audit_file(&c, &specs, cmd.in.v[i]);
	if (c.args.n && audit_argv(&c, &specs)) {
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	rc = cli_finish(&c);
out:
	spec_list_release(&specs);
	strvec_release(&cmd.in);
	cli_release(&c);
	return rc;
}
