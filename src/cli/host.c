/*
 * hull host [--host DOCKER_HOST] [--daemon-config PATH] [--root DIR]
 *
 * Audit one Docker daemon and the host it runs on: its settings through
 * the Engine API and daemon.json, its files' owners and modes, the docker
 * group.  A daemon that cannot be reached is an input error (exit 3), but
 * the file checks still run and are reported; an address of a kind hull
 * cannot use (DOCKER_HOST=ssh://...) is a usage error (exit 2).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "engine/host_facts.h"
#include "rules/host.h"

static int
opt_host(void *ctx, const char *arg)
{
	((struct host_options *)ctx)->docker_host = arg;
	return 0;
}

static int
opt_daemon_config(void *ctx, const char *arg)
{
	((struct host_options *)ctx)->daemon_config = arg;
	return 0;
}

static int
opt_root(void *ctx, const char *arg)
{
	((struct host_options *)ctx)->root = arg;
	return 0;
}

static const struct cli_opt host_opts[] = {
	{ "host", 'H', true, opt_host,
	  "the daemon to ask (default $DOCKER_HOST, else the local socket)" },
	{ "daemon-config", 0, true, opt_daemon_config,
	  "daemon.json to read (default: found beside the daemon)" },
	{ "root", 0, true, opt_root, "read the host's files under DIR" },
	{ NULL, 0, false, NULL, NULL },
};

static const char *
tri_name(enum host_tri t)
{
	return t == HOST_YES ? "yes" : t == HOST_NO ? "no" : "unknown";
}

/* What was audited, for the report's target list and for -v. */
static void
host_describe(struct cli *c, const struct host_facts *f)
{
	const char *kind = f->rootless == HOST_YES  ? "rootless"
			   : f->rootless == HOST_NO ? "rootful"
						    : "unknown";

	if (f->engine_ok)
		strvec_pushf(&c->report.targets, "daemon %s (%s, Engine %s)",
			     f->engine_host, kind,
			     f->version ? f->version : "?");
	else
		strvec_pushf(&c->report.targets, "daemon %s (unreachable)",
			     f->engine_host ? f->engine_host : "?");
	if (f->daemon_json_path)
		strvec_pushf(&c->report.targets, "config %s%s",
			     f->daemon_json_path,
			     f->daemon_json_read ? "" : " (not read)");
	if (c->opt.verbosity <= 0)
		return;
	cli_note("daemon %s: %s; userns %s; seccomp %s; "
		 "no-new-privileges %s; live-restore %s; icc %s; "
		 "userland-proxy %s; cgroup v%d; log driver %s",
		 f->engine_host ? f->engine_host : "?", kind,
		 tri_name(f->userns), tri_name(f->seccomp),
		 tri_name(f->no_new_privileges), tri_name(f->live_restore),
		 tri_name(f->icc), tri_name(f->userland_proxy),
		 f->cgroup_version,
		 f->logging_driver ? f->logging_driver : "?");
	if (f->daemon_pid)
		cli_note("daemon process %lld: command line read",
			 f->daemon_pid);
}

int
cmd_host(int argc, char **argv)
{
	struct host_options opt = { NULL, NULL, NULL };
	struct err eerr = ERR_INIT, ierr = ERR_INIT;
	struct host_facts f;
	struct cli c;
	int rc;

	cli_init(&c, "host");
	if (cli_parse(&c, argc, argv, host_opts, &opt)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (c.args.n) {
		cli_error("usage: hull host [--host DOCKER_HOST] "
			  "[--daemon-config PATH] [--root DIR]");
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if ((rc = cli_setup_policy(&c, "."))) {
		cli_release(&c);
		return rc;
	}

	host_facts_init(&f);
	host_facts_gather(&f, &opt, &eerr, &ierr);
	/* An address hull cannot use (an unknown scheme) is the user's to
	 * fix, not an unreachable daemon: no report. */
	if (eerr.kind == ERR_USAGE) {
		cli_error("%s", eerr.msg);
		host_facts_release(&f);
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (eerr.kind != ERR_NONE)
		cli_input_error(&c, &eerr);
	if (ierr.kind != ERR_NONE)
		cli_input_error(&c, &ierr);
	for (size_t i = 0; i < f.notes.n && c.opt.verbosity >= 0; i++)
		cli_warn("%s", f.notes.v[i]);
	host_describe(&c, &f);
	host_rules_check(&f, &c.report.findings);

	rc = cli_finish(&c);
	host_facts_release(&f);
	cli_release(&c);
	return rc;
}
