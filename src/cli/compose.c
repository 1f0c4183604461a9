/*
 * hull compose [--file FILE]... [--profile NAME]... [PATH...]: audit
 * compose files.
 *
 * Each PATH is one project: a compose file, or a directory whose
 * compose.yaml / docker-compose.yml (with its .override file) is read.
 * The --file options together form one more project, merged in order as
 * `docker compose -f a.yml -f b.yml` does.  A project that cannot be read
 * is reported (exit 3) and the others are still audited.
 *
 * Profiles: with --profile (or COMPOSE_PROFILES) only the services
 * docker compose would start are audited; with none, every service is,
 * since an audit should see all that could be deployed.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "parse/compose.h"
#include "rules/runtime.h"

struct compose_cmd {
	struct strvec files;
	const char *env_file;
	struct strvec profiles; /* the active ones; none: every service */
};

static int
opt_file(void *ctx, const char *arg)
{
	strvec_push(&((struct compose_cmd *)ctx)->files, arg);
	return 0;
}

static int
opt_env_file(void *ctx, const char *arg)
{
	((struct compose_cmd *)ctx)->env_file = arg;
	return 0;
}

static int
opt_profile(void *ctx, const char *arg)
{
	strvec_push(&((struct compose_cmd *)ctx)->profiles, arg);
	return 0;
}

/* COMPOSE_PROFILES when no --profile was given: comma-separated. */
static void
profiles_from_env(struct strvec *out)
{
	const char *p = getenv("COMPOSE_PROFILES");

	while (p && *p) {
		size_t n = strcspn(p, ",");
		char *name = str_trim_dup(p, n);

		if (*name)
			strvec_push_nodup(out, name);
		else
			free(name);
		p += n;
		if (*p)
			p++;
	}
}

static const struct cli_opt compose_opts[] = {
	{ "file", 'F', true, opt_file,
	  "compose file; several are merged in order" },
	{ "env-file", 0, true, opt_env_file,
	  "variables for interpolation (default: .env beside the file)" },
	{ "profile", 0, true, opt_profile,
	  "audit only services without profiles or in this one "
	  "(repeatable; default: COMPOSE_PROFILES, else every service)" },
	{ NULL, 0, false, NULL, NULL },
};

/* The names docker compose looks for, in its order. */
static const char *const default_names[] = {
	"compose.yaml",
	"compose.yml",
	"docker-compose.yaml",
	"docker-compose.yml",
};

static const char *const override_names[] = {
	"compose.override.yaml",
	"compose.override.yml",
	"docker-compose.override.yaml",
	"docker-compose.override.yml",
};

/* The files of a directory project; none when it holds no compose file. */
static void
project_files(const char *dir, struct strvec *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(default_names); i++) {
		char *p = path_join(dir, default_names[i]);

		if (path_is_file(p)) {
			strvec_push_nodup(out, p);
			break;
		}
		free(p);
	}
	for (size_t i = 0; out->n && i < ARRAY_SIZE(override_names); i++) {
		char *p = path_join(dir, override_names[i]);

		if (path_is_file(p)) {
			strvec_push_nodup(out, p);
			break;
		}
		free(p);
	}
}

static void
audit_project(struct cli *c, const struct compose_cmd *cmd,
	      const struct strvec *files)
{
	struct compose_opts opts = { NULL, cmd->env_file };
	struct spec_list specs = SPEC_LIST_INIT;
	struct strvec problems = STRVEC_INIT;
	struct err e = ERR_INIT;

	for (size_t i = 0; i < files->n; i++)
		strvec_push(&c->report.targets, files->v[i]);
	if (compose_load(&specs, (const char *const *)files->v, files->n, &opts,
			 &problems, &e))
		cli_input_error(c, &e);
	for (size_t i = 0; i < problems.n; i++) {
		struct err pe = ERR_INIT;

		err_set(&pe, ERR_INPUT, "%s", problems.v[i]);
		cli_input_error(c, &pe);
	}
	for (size_t i = 0; i < specs.n; i++) {
		const struct container_spec *s = specs.v[i];

		if (!compose_service_active(
			s, (const char *const *)cmd->profiles.v,
			cmd->profiles.n)) {
			log_info("service '%s' skipped: its profiles (%s) are "
				 "not active",
				 s->name, s->profiles);
			continue;
		}
		runtime_check(specs.v[i], c->secrets, &c->report.findings);
	}
	strvec_release(&problems);
	spec_list_release(&specs);
}

static void
audit_path(struct cli *c, const struct compose_cmd *cmd, const char *path)
{
	struct strvec files = STRVEC_INIT;
	struct err e = ERR_INIT;

	if (path_is_dir(path)) {
		project_files(path, &files);
		if (!files.n) {
			err_set(&e, ERR_INPUT, "no compose file in '%s'", path);
			cli_input_error(c, &e);
		}
	} else {
		strvec_push(&files, path);
	}
	if (files.n)
		audit_project(c, cmd, &files);
	strvec_release(&files);
}

int
cmd_compose(int argc, char **argv)
{
	struct compose_cmd cmd = { STRVEC_INIT, NULL, STRVEC_INIT };
	struct cli c;
	int rc;

	cli_init(&c, "compose");
	if (cli_parse(&c, argc, argv, compose_opts, &cmd)) {
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if (!cmd.profiles.n)
		profiles_from_env(&cmd.profiles);
	if (!c.args.n && !cmd.files.n)
		strvec_push(&c.args, ".");
	if ((rc = cli_setup_policy(&c,
				   cmd.files.n ? cmd.files.v[0] : c.args.v[0])))
		goto out;
	if ((rc = cli_setup_secrets(&c)))
		goto out;
	if (cmd.files.n)
		audit_project(&c, &cmd, &cmd.files);
	for (size_t i = 0; i < c.args.n; i++)
		audit_path(&c, &cmd, c.args.v[i]);
	rc = cli_finish(&c);
out:
	strvec_release(&cmd.files);
	strvec_release(&cmd.profiles);
	cli_release(&c);
	return rc;
}
