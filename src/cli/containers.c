/*
 * hull containers [NAME...]: audit running containers through the Engine.
 *
 * Lists the running containers (GET /containers/json), or takes the names
 * given, inspects each (GET /containers/{id}/json), asks for the image's
 * config when the container names no user, and runs the runtime rules on
 * what the Engine says the container really has.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "engine/engine.h"
#include "engine/inspect.h"
#include "rules/runtime.h"

struct containers_cmd {
	const char *host;
};

static int
opt_host(void *ctx, const char *arg)
{
	((struct containers_cmd *)ctx)->host = arg;
	return 0;
}

static const struct cli_opt containers_opts[] = {
	{ "host", 'H', true, opt_host,
	  "Docker Engine address (default: DOCKER_HOST, then the local "
	  "socket)" },
	{ NULL, 0, false, NULL, NULL },
};

/* The image's inspect answer, or NULL when it cannot be had. */
static json_t *
image_config(struct engine *eng, json_t *c)
{
	const char *id = json_string_value(json_object_get(c, "Image"));
	json_t *img = NULL;
	char *esc, *path;

	if (!id)
		return NULL;
	esc = engine_escape(id);
	path = xasprintf("/images/%s/json", esc);
	if (engine_get_json(eng, path, &img, NULL, NULL))
		img = NULL;
	free(esc);
	free(path);
	return img;
}

static void
audit_one(struct cli *c, struct engine *eng, struct spec_list *specs,
	  json_t *info, const char *id)
{
	char *esc = engine_escape(id);
	char *path = xasprintf("/containers/%s/json", esc);
	struct container_spec *s;
	json_t *j = NULL, *img = NULL;
	struct err e = ERR_INIT;

	strvec_push(&c->report.targets, id);
	if (engine_get_json(eng, path, &j, NULL, &e)) {
		cli_input_error(c, &e);
		goto out;
	}
	if (!json_string_value(
		json_object_get(json_object_get(j, "Config"), "User")) ||
	    !*json_string_value(
		json_object_get(json_object_get(j, "Config"), "User")))
		img = image_config(eng, j);
	if (inspect_to_spec(specs, j, img, &s, &e)) {
		err_prefix(&e, "container '%s'", id);
		cli_input_error(c, &e);
		goto out;
	}
	inspect_apply_daemon_info(s, info);
	runtime_check(s, c->secrets, &c->report.findings);
out:
	json_decref(j);
	json_decref(img);
	free(esc);
	free(path);
}

/* Every running container; -1 when the Engine cannot be reached. */
static int
audit_all(struct cli *c, struct engine *eng, struct spec_list *specs,
	  json_t *info)
{
	struct err e = ERR_INIT;
	json_t *list = NULL, *v;
	size_t i;

	if (engine_get_json(eng, "/containers/json", &list, NULL, &e)) {
		cli_input_error(c, &e);
		return -1;
	}
	json_array_foreach(list, i, v)
	{
		const char *id = json_string_value(json_object_get(v, "Id"));

		if (id)
			audit_one(c, eng, specs, info, id);
	}
	json_decref(list);
	return 0;
}

int
cmd_containers(int argc, char **argv)
{
	struct containers_cmd cmd = { NULL };
	struct spec_list specs = SPEC_LIST_INIT;
	json_t *info = NULL;
	struct engine eng;
	struct err e = ERR_INIT;
	struct cli c;
	int rc;

	cli_init(&c, "containers");
	if (cli_parse(&c, argc, argv, containers_opts, &cmd)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if ((rc = cli_setup_policy(&c, "."))) {
		cli_release(&c);
		return rc;
	}
	if ((rc = cli_setup_secrets(&c))) {
		cli_release(&c);
		return rc;
	}
	if (engine_open(&eng, cmd.host, &e)) {
		cli_error("%s", e.msg);
		cli_release(&c);
		return cli_exit_for(&e);
	}
	/* The daemon's defaults (--no-new-privileges), asked once; without
	 * them each container is judged on its own settings. */
	if (engine_get_json(&eng, "/info", &info, NULL, NULL))
		info = NULL;
	if (c.args.n)
		for (size_t i = 0; i < c.args.n; i++)
			audit_one(&c, &eng, &specs, info, c.args.v[i]);
	else
		audit_all(&c, &eng, &specs, info);
	json_decref(info);
	rc = cli_finish(&c);
	engine_close(&eng);
	spec_list_release(&specs);
	cli_release(&c);
	return rc;
}
