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
 *
 * Every value copied from the image or the compose file is checked
 * against what it can legally be (harden-value.h) and quoted for the
 * shell and for YAML.  One that fails is left out of both forms, said on
 * stderr and in a comment line, and the exit code is 3: that part of the
 * input could not be used.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/harden-value.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "image/image.h"
#include "parse/compose.h"
#include "report/report.h"

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
	struct strvec left_out; /* what was left out and why, raw text */
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

/* The comment lines over the run line: what it is for, what was left out. */
static void
render_head(const struct harden_in *in, struct buf *out)
{
	if (in->placeholder && in->source) {
		buf_addstr(out,
			   "# Hardened docker run line for the image in '");
		report_add_printable(out, in->source);
		buf_addstr(out,
			   "'\n# It carries no usable name: load it (docker "
			   "load -i) or push it, and put\n# its name where "
			   "IMAGE stands below.\n");
	} else if (in->placeholder) {
		buf_addstr(out, "# Hardened docker run line; put the image's "
				"name where IMAGE stands below.\n");
	} else {
		buf_addf(out, "# Hardened docker run line for %s", in->image);
		if (in->source && strcmp(in->source, in->image)) {
			buf_addstr(out, " (read from '");
			report_add_printable(out, in->source);
			buf_addstr(out, "')");
		}
		buf_addch(out, '\n');
	}
	for (size_t i = 0; i < in->left_out.n; i++) {
		buf_addstr(out, "# left out: ");
		report_add_printable(out, in->left_out.v[i]);
		buf_addch(out, '\n');
	}
	buf_addstr(out, "#\n");
}

static void
render_run(const struct harden_in *in, struct buf *out)
{
	struct buf run = BUF_INIT, why = BUF_INIT, t = BUF_INIT, v = BUF_INIT;
	const char *user = in->user ? in->user : "10001:10001";

	buf_reset(&t);
	buf_addstr(&t, "--user ");
	harden_add_shell_word(&t, user);
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
		buf_reset(&v);
		buf_addf(&v, "%s-data-%zu:%s", in->name, i + 1,
			 in->volumes.v[i]);
		buf_reset(&t);
		buf_addstr(&t, "-v ");
		harden_add_shell_word(&t, v.data);
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
	render_head(in, out);
	buf_addstr(out, why.data);
	if (in->workdir) {
		buf_reset(&t);
		harden_add_shell_word(&t, in->workdir);
		buf_addf(out,
			 "#   (if the program writes into its WORKDIR %s, add "
			 "--tmpfs %s or a volume)\n",
			 t.data, t.data);
	}
	buf_addf(out, "docker run -d --name %s \\\n%s  ", in->name, run.data);
	harden_add_shell_word(out, in->image);
	buf_addstr(out, "\n\n");
	buf_release(&v);
	buf_release(&run);
	buf_release(&why);
	buf_release(&t);
}

static void
render_yaml_volume(const struct harden_in *in, size_t i, struct buf *out)
{
	struct buf v = BUF_INIT;

	buf_addf(&v, "%s-data-%zu:%s", in->name, i + 1, in->volumes.v[i]);
	buf_addstr(out, "      - ");
	harden_add_yaml_string(out, v.data);
	buf_addch(out, '\n');
	buf_release(&v);
}

static void
render_compose(const struct harden_in *in, struct buf *out)
{
	buf_addf(out, "# The same as a compose service\nservices:\n  %s:\n",
		 in->name);
	buf_addstr(out, "    image: ");
	harden_add_yaml_string(out, in->image);
	if (in->placeholder && in->source) {
		buf_addstr(out, "  # the image in '");
		report_add_printable(out, in->source);
		buf_addch(out, '\'');
	}
	buf_addstr(out, "\n    user: ");
	harden_add_yaml_string(out, in->user ? in->user : "10001:10001");
	buf_addf(out, "  # %s\n",
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
			render_yaml_volume(in, i, out);
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

/* Say that the value `what` ('val') was left out, on stderr and later in
 * a comment line. */
static void
left_out(struct harden_in *in, const char *what, const char *val,
	 const char *why)
{
	cli_warn("%s '%s' is %s; left out", what, val, why);
	strvec_pushf(&in->left_out, "%s '%s' (%s)", what, val, why);
}

/*
 * Check every value taken from the image or the compose file; what is
 * not what it can legally be is left out (harden-value.h).
 */
static void
keep_valid(struct harden_in *in, struct strvec *sv, bool (*ok)(const char *),
	   const char *what, const char *why)
{
	size_t n = 0;

	for (size_t i = 0; i < sv->n; i++) {
		if (ok(sv->v[i])) {
			sv->v[n++] = sv->v[i];
			continue;
		}
		left_out(in, what, sv->v[i], why);
		free(sv->v[i]);
	}
	sv->n = n;
	if (sv->v)
		sv->v[n] = NULL;
}

static void
harden_check(struct harden_in *in)
{

	if (in->user && !harden_user_is_valid(in->user)) {
		left_out(in, "user", in->user, "not a user name or uid[:gid]");
		in->user = NULL;
	}
	keep_valid(in, &in->ports, harden_port_is_valid, "port",
		   "not a port number");
	keep_valid(in, &in->volumes, harden_path_is_valid, "volume",
		   "not an absolute path of printable characters without ':' "
		   "or ','");
	if (in->workdir &&
	    (in->workdir[0] != '/' || !harden_text_is_printable(in->workdir))) {
		left_out(in, "working directory", in->workdir,
			 "not an absolute path of printable characters");
		in->workdir = NULL;
	}
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
	if (!harden_name_is_valid(s->name)) {
		left_out(in, "service name", s->name, "not a container name");
		in->name = "app";
	}
	if (!harden_ref_is_valid(s->image.v)) {
		left_out(in, "image", s->image.v, "not an image reference");
		in->image = "IMAGE";
		in->placeholder = true;
	}
	if (s->user.v && !spec_user_is_root(s->user.v)) {
		in->user = s->user.v;
		in->user_known = true;
	}
	for (size_t i = 0; i < s->n_ports; i++)
		strvec_pushf(&in->ports, "%u", s->ports[i].cont_lo);
	in->has_healthcheck = s->healthcheck.on;
	return 0;
}

static bool
is_compose_name(const char *path, size_t len)
{
	return (len > 4 && !memcmp(path + len - 4, ".yml", 4)) ||
	       (len > 5 && !memcmp(path + len - 5, ".yaml", 5));
}

/*
 * "file.yml" or "file.yml:web" to file and service: an argument named
 * like a compose file is one, whether or not it exists (an image archive
 * is a file too, but is not named .yml).  False for an IMAGE.
 */
static bool
split_compose_arg(const char *arg, char **file, const char **service)
{
	const char *colon = strrchr(arg, ':');

	*service = NULL;
	if (is_compose_name(arg, strlen(arg))) {
		*file = xstrdup(arg);
		return true;
	}
	if (!colon || !is_compose_name(arg, (size_t)(colon - arg)))
		return false;
	*file = xstrndup(arg, (size_t)(colon - arg));
	*service = colon + 1;
	return true;
}

/* A compose file that cannot be read is said and ends the command. */
static int
compose_file_check(const char *file)
{
	struct stat st;

	if (stat(file, &st)) {
		cli_error("cannot read '%s': %s", file, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		cli_error("cannot read '%s': not a regular file", file);
		return -1;
	}
	return 0;
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
	if (!harden_ref_is_valid(ref)) {
		left_out(in, "image name", ref, "not an image reference");
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
		if (compose_file_check(file) ||
		    from_compose(file, service, &specs, &in)) {
			rc = HULL_EXIT_INPUT;
			goto out;
		}
	}
	ref = file ? in.image : c.args.v[0];
	if (in.placeholder) {
		rc = HULL_EXIT_INPUT;
		goto render;
	}
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
render:
	harden_check(&in);
	if (in.left_out.n && rc == HULL_EXIT_OK)
		rc = HULL_EXIT_INPUT;
	if (!in.user)
		cli_warn("no non-root user is known for '%s'; the line below "
			 "uses 10001:10001, check that the image works with it",
			 c.args.v[0]);
	render_run(&in, &out);
	render_compose(&in, &out);
	if (cli_write_output(&c, out.data, out.len))
		rc = HULL_EXIT_INTERNAL;
out:
	image_release(&img);
	strvec_release(&in.ports);
	strvec_release(&in.volumes);
	strvec_release(&in.left_out);
	spec_list_release(&specs);
	buf_release(&out);
	free(file);
	free(name);
	cli_release(&c);
	return rc;
}
