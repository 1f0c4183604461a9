/*
 * hull harden IMAGE | COMPOSE-FILE[:SERVICE]: print a hardened docker run
 * line and compose snippet, every setting explained.
 *
 * What the image needs comes from its config when the Engine has it
 * (user, exposed ports, volumes, working directory, healthcheck), else
 * from the compose service; what cannot be known is said on stderr.  For
 * a bare IMAGE the Engine is the input: when it cannot be reached (or
 * has no such image) the line is still printed, with an error, and the
 * exit code is 3.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "engine/engine.h"
#include "parse/compose.h"

/* What the hardened line is built from. */
struct harden_in {
	const char *image;
	const char *name;
	const char *user;      /* NULL: none known */
	bool user_known;       /* the user comes from the image or the spec */
	struct strvec ports;   /* container ports, "80" */
	struct strvec volumes; /* VOLUME paths */
	const char *workdir;
	bool has_healthcheck;
};

struct harden_cmd {
	const char *host;
};

static int
opt_host(void *ctx, const char *arg)
{
	((struct harden_cmd *)ctx)->host = arg;
	return 0;
}

static const struct cli_opt harden_opts[] = {
	{ "host", 'H', true, opt_host,
	  "Docker Engine to read the image's config from" },
	{ NULL, 0, false, NULL, NULL },
};

static bool
needs_low_port(const struct harden_in *in)
{
	for (size_t i = 0; i < in->ports.n; i++) {
		long long p;

		if (!str_to_ll(in->ports.v[i], 1, 1023, &p))
			return true;
	}
	return false;
}

/* One option with its reason, into the run line and the comment block. */
static void
opt_line(struct buf *run, struct buf *why, const char *opt, const char *reason)
{
	buf_addf(run, "  %s \\\n", opt);
	buf_addf(why, "#   %-44s %s\n", opt, reason);
}

static const char *const writable_paths[] = { "/tmp", "/run", "/var/run" };

static void
render_run(const struct harden_in *in, struct buf *out)
{
	struct buf run = BUF_INIT, why = BUF_INIT, t = BUF_INIT;
	const char *user = in->user ? in->user : "10001:10001";

	buf_reset(&t);
	buf_addf(&t, "--user %s", user);
	opt_line(&run, &why, t.data,
		 in->user ? "the image's non-root user"
			  : "an unprivileged uid (the image names none)");
	opt_line(&run, &why, "--read-only",
		 "the root filesystem cannot change");
	for (size_t i = 0; i < ARRAY_SIZE(writable_paths); i++) {
		buf_reset(&t);
		buf_addf(&t, "--tmpfs %s:rw,noexec,nosuid,size=64m",
			 writable_paths[i]);
		opt_line(&run, &why, t.data,
			 "scratch space in memory, nothing executable");
	}
	for (size_t i = 0; i < in->volumes.n; i++) {
		buf_reset(&t);
		buf_addf(&t, "-v %s-data-%zu:%s", in->name, i + 1,
			 in->volumes.v[i]);
		opt_line(&run, &why, t.data,
			 "a named volume for the image's VOLUME");
	}
	opt_line(&run, &why, "--cap-drop ALL", "no Linux capabilities");
	if (needs_low_port(in))
		opt_line(&run, &why, "--cap-add NET_BIND_SERVICE",
			 "it listens on a port below 1024");
	opt_line(&run, &why, "--security-opt no-new-privileges:true",
		 "setuid binaries cannot raise privileges");
	opt_line(&run, &why, "--memory 512m --memory-swap 512m",
		 "memory cap, no swap beyond it (adjust)");
	opt_line(&run, &why, "--cpus 1", "CPU cap (adjust)");
	opt_line(&run, &why, "--pids-limit 100", "no fork bombs (adjust)");
	opt_line(&run, &why, "--restart on-failure:5",
		 "restart a crash, but not forever");
	for (size_t i = 0; i < in->ports.n; i++) {
		buf_reset(&t);
		buf_addf(&t, "-p 127.0.0.1:%s:%s", in->ports.v[i],
			 in->ports.v[i]);
		opt_line(&run, &why, t.data,
			 "published on loopback only (put a proxy in front)");
	}
	if (!in->has_healthcheck)
		opt_line(&run, &why,
			 "--health-cmd 'CHANGE-ME: a command that exits 0 "
			 "when healthy'",
			 "the image has no HEALTHCHECK");
	buf_addf(out, "# Hardened docker run line for %s\n#\n%s", in->image,
		 why.data);
	if (in->workdir)
		buf_addf(out,
			 "#   (if the program writes into its WORKDIR %s, add "
			 "--tmpfs %s or a volume)\n",
			 in->workdir, in->workdir);
	buf_addf(out, "docker run -d --name %s \\\n%s  %s\n\n", in->name,
		 run.data, in->image);
	buf_release(&run);
	buf_release(&why);
	buf_release(&t);
}

static void
render_compose(const struct harden_in *in, struct buf *out)
{
	buf_addf(out, "# The same as a compose service\nservices:\n  %s:\n",
		 in->name);
	buf_addf(out, "    image: %s\n", in->image);
	buf_addf(out, "    user: \"%s\"  # %s\n",
		 in->user ? in->user : "10001:10001",
		 in->user ? "the image's non-root user"
			  : "an unprivileged uid (the image names none)");
	buf_addstr(out, "    read_only: true  # the root filesystem cannot "
			"change\n    tmpfs:  # scratch space, nothing "
			"executable\n");
	for (size_t i = 0; i < ARRAY_SIZE(writable_paths); i++)
		buf_addf(out, "      - %s:rw,noexec,nosuid,size=64m\n",
			 writable_paths[i]);
	if (in->volumes.n) {
		buf_addstr(out, "    volumes:  # the image's VOLUMEs\n");
		for (size_t i = 0; i < in->volumes.n; i++)
			buf_addf(out, "      - %s-data-%zu:%s\n", in->name,
				 i + 1, in->volumes.v[i]);
	}
	buf_addstr(out, "    cap_drop: [ALL]  # no Linux capabilities\n");
	if (needs_low_port(in))
		buf_addstr(out, "    cap_add: [NET_BIND_SERVICE]  # it listens "
				"below 1024\n");
	buf_addstr(out,
		   "    security_opt:\n      - no-new-privileges:true  # "
		   "setuid cannot raise privileges\n"
		   "    mem_limit: 512m  # adjust\n    memswap_limit: 512m\n"
		   "    cpus: 1\n    pids_limit: 100\n"
		   "    restart: on-failure:5  # not forever\n");
	if (in->ports.n) {
		buf_addstr(out, "    ports:  # loopback only\n");
		for (size_t i = 0; i < in->ports.n; i++)
			buf_addf(out, "      - \"127.0.0.1:%s:%s\"\n",
				 in->ports.v[i], in->ports.v[i]);
	}
	if (!in->has_healthcheck)
		buf_addstr(out, "    healthcheck:  # CHANGE-ME: the image has "
				"none\n      test: [\"CMD\", \"false\"]\n");
}

/* Fill `in` from the image config the Engine holds; -1 when it cannot. */
static int
from_engine(const struct harden_cmd *cmd, struct harden_in *in, json_t **keep,
	    struct err *e)
{
	struct engine eng;
	json_t *img = NULL, *cfg, *v;
	char *esc, *path;
	const char *key;
	int rc;

	if (engine_open(&eng, cmd->host, e))
		return -1;
	esc = engine_escape(in->image);
	path = xasprintf("/images/%s/json", esc);
	rc = engine_get_json(&eng, path, &img, NULL, e);
	free(esc);
	free(path);
	engine_close(&eng);
	if (rc)
		return -1;
	cfg = json_object_get(img, "Config");
	in->user = json_string_value(json_object_get(cfg, "User"));
	if (in->user && (!*in->user || !strcmp(in->user, "root") ||
			 !strcmp(in->user, "0") || !strncmp(in->user, "0:", 2)))
		in->user = NULL;
	in->user_known = true;
	json_object_foreach(json_object_get(cfg, "ExposedPorts"), key, v)
	    strvec_push_nodup(&in->ports, xstrndup(key, strcspn(key, "/")));
	json_object_foreach(json_object_get(cfg, "Volumes"), key, v)
	    strvec_push(&in->volumes, key);
	in->workdir = json_string_value(json_object_get(cfg, "WorkingDir"));
	if (in->workdir && !*in->workdir)
		in->workdir = NULL;
	in->has_healthcheck =
	    json_array_size(json_object_get(json_object_get(cfg, "Healthcheck"),
					    "Test")) > 0;
	*keep = img;
	return 0;
}

/* Fill `in` from a compose service.  Returns 0, or -1 after printing. */
static int
from_compose(const char *file, const char *service, struct spec_list *l,
	     struct harden_in *in)
{
	struct strvec problems = STRVEC_INIT;
	const struct container_spec *s = NULL;
	struct err e = ERR_INIT;

	if (compose_load(l, &file, 1, NULL, &problems, &e)) {
		cli_error("%s", e.msg);
		strvec_release(&problems);
		return -1;
	}
	strvec_release(&problems);
	for (size_t i = 0; i < l->n && !s; i++)
		if (!service || !strcmp(l->v[i]->name, service))
			s = l->v[i];
	if (!s || !s->image.v) {
		cli_error(s ? "service '%s' has no image" : "no service '%s'",
			  service ? service
			  : s	  ? s->name
				  : "(any)");
		return -1;
	}
	in->image = s->image.v;
	in->name = s->name;
	if (s->user.v && !spec_user_is_root(s->user.v)) {
		in->user = s->user.v;
		in->user_known = true;
	}
	for (size_t i = 0; i < s->n_ports; i++)
		strvec_pushf(&in->ports, "%u", s->ports[i].cont_lo);
	in->has_healthcheck = s->healthcheck.on;
	return 0;
}

/* "file.yml:web" to file and service when the file part exists. */
static bool
split_compose_arg(const char *arg, char **file, const char **service)
{
	const char *colon = strrchr(arg, ':');

	if (path_is_file(arg)) {
		*file = xstrdup(arg);
		*service = NULL;
		return true;
	}
	if (!colon)
		return false;
	*file = xstrndup(arg, (size_t)(colon - arg));
	*service = colon + 1;
	if (path_is_file(*file))
		return true;
	FREE_AND_NULL(*file);
	return false;
}

static char *
name_from_image(const char *image)
{
	const char *slash = strrchr(image, '/');
	const char *b = slash ? slash + 1 : image;

	return xstrndup(b, strcspn(b, ":@"));
}

int
cmd_harden(int argc, char **argv)
{
	struct harden_cmd cmd = { NULL };
	struct harden_in in = { 0 };
	struct spec_list specs = SPEC_LIST_INIT;
	struct buf out = BUF_INIT;
	const char *service;
	char *file = NULL, *name = NULL;
	json_t *img = NULL;
	struct err e = ERR_INIT;
	struct cli c;
	int rc = HULL_EXIT_OK;

	cli_init(&c, "harden");
	if (cli_parse(&c, argc, argv, harden_opts, &cmd) || c.args.n != 1) {
		if (c.args.n != 1)
			cli_error("usage: hull harden IMAGE | "
				  "COMPOSE-FILE[:SERVICE]");
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if (split_compose_arg(c.args.v[0], &file, &service)) {
		if (from_compose(file, service, &specs, &in)) {
			rc = HULL_EXIT_INPUT;
			goto out;
		}
	} else {
		in.image = c.args.v[0];
		in.name = name = name_from_image(in.image);
	}
	/* The image's own config knows best; the Engine may not have it.
	 * For a bare IMAGE the Engine is the input: the line is still
	 * printed from what is known, but the exit code says the input
	 * could not be read.  A compose service was read; its image's
	 * config only adds to it. */
	if (from_engine(&cmd, &in, &img, &e)) {
		if (file) {
			cli_warn("cannot read the config of '%s' (%s); the "
				 "user, ports and volumes are not known",
				 in.image, e.msg);
		} else {
			cli_error("cannot read the config of '%s' (%s); the "
				  "user, ports and volumes are not known",
				  in.image, e.msg);
			rc = cli_exit_for(&e);
		}
	}
	if (!in.user)
		cli_warn("'%s' names no non-root user; the line below uses "
			 "10001:10001, check that the image works with it",
			 in.image);
	render_run(&in, &out);
	render_compose(&in, &out);
	if (cli_write_output(&c, out.data, out.len))
		rc = HULL_EXIT_INTERNAL;
out:
	json_decref(img);
	strvec_release(&in.ports);
	strvec_release(&in.volumes);
	spec_list_release(&specs);
	buf_release(&out);
	free(file);
	free(name);
	cli_release(&c);
	return rc;
}
