/*
 * hull harden IMAGE | COMPOSE-FILE[:SERVICE]: print a hardened docker run
 * line and compose snippet, every setting explained.
 *
 * What the image needs comes from its config (user, exposed ports,
 * volumes, working directory, healthcheck), read from any source `hull
 * image` reads, the config only; a compose service's own settings come
 * first.  What cannot be known is said on stderr.  The image's config is
 * an input in both forms: when it cannot be read (no Engine, no such
 * image, an unreadable archive) the lines are still printed from what is
 * known, with an error, and the exit code is 3.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "image/image.h"
#include "parse/compose.h"

/* What the hardened line is built from. */
struct harden_in {
	const char *image;  /* as the lines name it */
	const char *source; /* the IMAGE argument, when it is one */
	bool placeholder;   /* `image` is "IMAGE": the source has no name */
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
	if (in->placeholder)
		buf_addf(out,
			 "# Hardened docker run line for the image in '%s'\n"
			 "# It carries no name: load it (docker load -i) or "
			 "push it, and put its name\n# where IMAGE stands "
			 "below.\n#\n%s",
			 in->source, why.data);
	else if (in->source && strcmp(in->source, in->image))
		buf_addf(out,
			 "# Hardened docker run line for %s (read from "
			 "'%s')\n#\n%s",
			 in->image, in->source, why.data);
	else
		buf_addf(out, "# Hardened docker run line for %s\n#\n%s",
			 in->image, why.data);
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
	if (in->placeholder)
		buf_addf(out, "    image: IMAGE  # the image in '%s'\n",
			 in->source);
	else
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

/* A user that is root in effect is no user to keep. */
static bool
user_is_root(const char *u)
{
	return !u || !*u || !strcmp(u, "root") || !strcmp(u, "0") ||
	       !strncmp(u, "0:", 2) || !strncmp(u, "root:", 5);
}

/*
 * Fill `in` from the image's config, read from any source `hull image`
 * reads (config only: the Engine's inspect answer, a registry's config
 * blob, an archive's or layout's config).  What the compose service set
 * stays; the image adds what it leaves open.  -1 when it cannot be read.
 */
static int
from_image(const struct cli *c, const struct harden_cmd *cmd, const char *ref,
	   struct harden_in *in, struct image *img, struct err *e)
{
	struct image_options opt = { 0 };
	const struct image_facts *f = &img->facts;

	opt.platform = c->opt.platform;
	opt.insecure_registry = c->opt.insecure_registry;
	opt.docker_host = cmd->host;
	opt.config_only = true;
	if (image_open(img, ref, &opt, e) < 0)
		return -1;
	if (!in->user_known) {
		in->user = user_is_root(f->user) ? NULL : f->user;
		in->user_known = true;
	}
	if (!in->ports.n)
		for (size_t i = 0; i < f->ports.n; i++)
			strvec_push_nodup(
			    &in->ports, xstrndup(f->ports.v[i],
						 strcspn(f->ports.v[i], "/")));
	for (size_t i = 0; i < f->volumes.n; i++)
		strvec_push(&in->volumes, f->volumes.v[i]);
	if (f->workdir)
		in->workdir = f->workdir;
	if (f->has_healthcheck && !f->healthcheck_disabled)
		in->has_healthcheck = true;
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

/* A compose file: an existing .yml or .yaml file (an image archive is a
 * file too, and is an IMAGE). */
static bool
is_compose_file(const char *path)
{
	return (str_ends_with(path, ".yml") || str_ends_with(path, ".yaml")) &&
	       path_is_file(path);
}

/* "file.yml:web" to file and service when the file part exists. */
static bool
split_compose_arg(const char *arg, char **file, const char **service)
{
	const char *colon = strrchr(arg, ':');

	if (is_compose_file(arg)) {
		*file = xstrdup(arg);
		*service = NULL;
		return true;
	}
	if (!colon)
		return false;
	*file = xstrndup(arg, (size_t)(colon - arg));
	*service = colon + 1;
	if (is_compose_file(*file))
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

/*
 * What the lines name the image by: the name the image goes by (its
 * reference, or the tag its archive carries), else the placeholder
 * IMAGE, and a container name from it.
 */
static void
harden_name(struct harden_in *in, const struct image *img, const char *arg,
	    char **name)
{
	const char *ref = image_run_ref(img);

	in->source = arg;
	if (!ref) {
		in->image = "IMAGE";
		in->placeholder = true;
		in->name = "app";
		return;
	}
	in->image = ref;
	in->name = *name = name_from_image(ref);
}

int
cmd_harden(int argc, char **argv)
{
	struct harden_cmd cmd = { NULL };
	struct harden_in in = { 0 };
	struct spec_list specs = SPEC_LIST_INIT;
	struct buf out = BUF_INIT;
	const char *service, *ref;
	char *file = NULL, *name = NULL;
	struct image img;
	struct err e = ERR_INIT;
	struct cli c;
	int rc = HULL_EXIT_OK;

	cli_init(&c, "harden");
	image_init(&img);
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
	}
	ref = file ? in.image : c.args.v[0];
	/*
	 * The image's config is an input in both forms: when it cannot be
	 * read the lines are still printed from what is known (the compose
	 * service, safe defaults), and the exit code is 3.  A reference that
	 * cannot be used at all ("-", an unknown DOCKER_HOST scheme) is a
	 * usage error and prints nothing.
	 */
	if (from_image(&c, &cmd, ref, &in, &img, &e) < 0) {
		if (e.kind == ERR_USAGE) {
			cli_error("cannot read image '%s': %s", ref, e.msg);
			rc = HULL_EXIT_USAGE;
			goto out;
		}
		cli_error("cannot read the config of '%s' (%s); the user, "
			  "ports and volumes are not known",
			  ref, e.msg);
		rc = cli_exit_for(&e);
	} else if (!img.facts.has_config)
		cli_warn("'%s' has no image config (a root filesystem); the "
			 "user, ports and volumes are not known",
			 ref);
	if (!file)
		harden_name(&in, &img, ref, &name);
	if (!in.user)
		cli_warn("'%s' names no non-root user; the line below uses "
			 "10001:10001, check that the image works with it",
			 ref);
	render_run(&in, &out);
	render_compose(&in, &out);
	if (cli_write_output(&c, out.data, out.len))
		rc = HULL_EXIT_INTERNAL;
out:
	image_release(&img);
	strvec_release(&in.ports);
	strvec_release(&in.volumes);
	spec_list_release(&specs);
	buf_release(&out);
	free(file);
	free(name);
	cli_release(&c);
	return rc;
}
