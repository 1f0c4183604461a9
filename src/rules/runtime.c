/*
 * The runtime rules: RT001...  Each reads one struct container_spec, so
 * the same rule covers a compose service, a docker run line and a running
 * container.
 *
 * Settings a compose file or run line leaves to the image (the user, the
 * healthcheck) are judged only where hull knows the value: an explicit
 * setting anywhere, and the container's effective configuration from the
 * Engine.  The image's own defaults are the image and Dockerfile rules'
 * business; see docs/runtime.md.
 *
 * CIS ids are those of the CIS Docker Benchmark v1.6.0 and later (v1.8.0),
 * where section 5 starts with "5.1 swarm mode" and privileged containers
 * are 5.5.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/util.h"
#include "rules/registry-internal.h"
#include "rules/runtime-internal.h"
#include "rules/runtime.h"
#include "secret/secret.h"

#define RT_CHECK(fn)                                                           \
	static void fn(const struct rule *r, const struct container_spec *s,   \
		       struct findings *out)

#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })

RT_CHECK(check_root_user)
{
	if (s->user.v && spec_user_is_root(s->user.v))
		rt_report(r, s, &s->user.pos, out, "runs as root (user '%s'%s)",
			  s->user.v,
			  s->user_from_image ? ", from the image" : "");
	else if (s->origin == SPEC_ENGINE && !s->user.v)
		rt_report(r, s, NULL, out,
			  "runs as root (neither the container nor its image "
			  "sets a user)");
}

RT_CHECK(check_privileged)
{
	if (s->privileged.on)
		rt_report(r, s, &s->privileged.pos, out, "runs privileged");
}

RT_CHECK(check_cap_add)
{
	for (size_t i = 0; i < s->cap_add.n; i++)
		if (rt_cap_dangerous(s->cap_add.v[i].v))
			rt_report(r, s, &s->cap_add.v[i].pos, out,
				  "adds capability %s", s->cap_add.v[i].v);
}

RT_CHECK(check_cap_drop)
{
	if (!s->privileged.on && !rt_drops_all(s))
		rt_report(r, s, s->cap_drop.n ? &s->cap_drop.v[0].pos : NULL,
			  out,
			  "keeps Docker's default capabilities (no cap_drop "
			  "ALL)");
}

RT_CHECK(check_read_only)
{
	if (!s->read_only.on)
		rt_report(r, s, &s->read_only.pos, out,
			  "has a writable root filesystem");
}

RT_CHECK(check_tmpfs_options)
{
	for (size_t i = 0; i < s->n_mounts; i++) {
		const struct spec_mount *m = &s->mounts[i];

		if (m->type != SPEC_MOUNT_TMPFS || (m->noexec && m->nosuid))
			continue;
		rt_report(r, s, &m->pos, out,
			  "tmpfs '%s' is mounted without %s",
			  m->target ? m->target : "",
			  !m->noexec && !m->nosuid ? "noexec and nosuid"
			  : !m->noexec		   ? "noexec"
						   : "nosuid");
	}
}

RT_CHECK(check_no_new_privs)
{
	if (s->privileged.on)
		return; /* RT002 says more */
	if (!s->no_new_privileges.set)
		rt_report(r, s, NULL, out,
			  "may gain privileges through setuid binaries "
			  "(no-new-privileges is not set)");
	else if (!s->no_new_privileges.on)
		rt_report(r, s, &s->no_new_privileges.pos, out,
			  "turns no-new-privileges off");
}

RT_CHECK(check_seccomp)
{
	if (s->seccomp.v && !strcasecmp(s->seccomp.v, "unconfined"))
		rt_report(r, s, &s->seccomp.pos, out,
			  "runs without a seccomp profile");
}

RT_CHECK(check_lsm)
{
	if (s->apparmor.v && !strcasecmp(s->apparmor.v, "unconfined"))
		rt_report(r, s, &s->apparmor.pos, out,
			  "runs without an AppArmor profile");
	for (size_t i = 0; i < s->labels.n; i++)
		if (!strcasecmp(s->labels.v[i].v, "disable") ||
		    !strcasecmp(s->labels.v[i].v, "type:spc_t") ||
		    !strcasecmp(s->labels.v[i].v, "type:unconfined_t"))
			rt_report(r, s, &s->labels.v[i].pos, out,
				  "turns SELinux labelling off (label=%s)",
				  s->labels.v[i].v);
}

/* A limit of 0 (or -1 for pids) means none. */
static bool
limited(const struct spec_num *n)
{
	return n->set && n->v > 0;
}

RT_CHECK(check_memory)
{
	if (!limited(&s->memory))
		rt_report(r, s, &s->memory.pos, out, "has no memory limit");
}

RT_CHECK(check_cpu)
{
	if (!limited(&s->nano_cpus) && !limited(&s->cpu_quota))
		rt_report(r, s, NULL, out, "has no CPU limit");
}

RT_CHECK(check_pids)
{
	if (!limited(&s->pids_limit))
		rt_report(r, s, &s->pids_limit.pos, out,
			  "has no limit on the number of processes");
}

static bool
is_bind(const struct spec_mount *m)
{
	return m->type == SPEC_MOUNT_BIND && m->source;
}

RT_CHECK(check_socket)
{
	for (size_t i = 0; i < s->n_mounts; i++)
		if (is_bind(&s->mounts[i]) &&
		    rt_path_is_runtime_socket(s->mounts[i].source))
			rt_report(r, s, &s->mounts[i].pos, out,
				  "mounts the container runtime socket '%s'%s",
				  s->mounts[i].source,
				  s->mounts[i].read_only
				      ? " (read-only does not limit the API)"
				      : "");
}

RT_CHECK(check_sensitive_mount)
{
	for (size_t i = 0; i < s->n_mounts; i++) {
		const struct spec_mount *m = &s->mounts[i];
		const char *what = NULL;

		if (!is_bind(m) || rt_path_is_runtime_socket(m->source) ||
		    !rt_path_is_sensitive(m->source, &what))
			continue;
		if (!strcmp(what, m->source))
			rt_report(r, s, &m->pos, out,
				  "mounts the host's '%s'%s", m->source,
				  m->read_only ? " (read-only)" : "");
		else
			rt_report(r, s, &m->pos, out,
				  "mounts the host's '%s', which holds '%s'%s",
				  m->source, what,
				  m->read_only ? " (read-only)" : "");
	}
}

static void
check_namespace(const struct rule *r, const struct container_spec *s,
		const struct spec_str *mode, const char *what,
		struct findings *out)
{
	if (rt_mode_is_host(mode->v))
		rt_report(r, s, &mode->pos, out, "shares the host's %s", what);
}

RT_CHECK(check_host_network)
{
	check_namespace(r, s, &s->network_mode, "network namespace", out);
}

RT_CHECK(check_host_pid)
{
	check_namespace(r, s, &s->pid_mode, "process namespace", out);
}

RT_CHECK(check_host_ipc)
{
	check_namespace(r, s, &s->ipc_mode, "IPC namespace", out);
}

RT_CHECK(check_host_uts)
{
	check_namespace(r, s, &s->uts_mode, "UTS namespace", out);
}

RT_CHECK(check_host_userns)
{
	check_namespace(r, s, &s->userns_mode, "user namespace", out);
}

RT_CHECK(check_host_cgroupns)
{
	/* NEEDSWORK: on cgroup v1 hosts the Engine reports "host" for every
	 * container that did not ask otherwise, so an inspect answer cannot
	 * tell a choice from the default; only written settings count. */
	if (s->origin == SPEC_ENGINE)
		return;
	check_namespace(r, s, &s->cgroupns_mode, "cgroup namespace", out);
}

/* Bound to every interface: no address, 0.0.0.0 or ::. */
static bool
on_all_interfaces(const struct spec_port *p)
{
	return !p->host_ip || !*p->host_ip || !strcmp(p->host_ip, "0.0.0.0") ||
	       !strcmp(p->host_ip, "::");
}

static bool
is_privileged_port(const struct spec_port *p)
{
	return p->host_lo && p->host_lo < 1024;
}

RT_CHECK(check_privileged_port)
{
	for (size_t i = 0; i < s->n_ports; i++) {
		const struct spec_port *p = &s->ports[i];

		if (is_privileged_port(p) && on_all_interfaces(p))
			rt_report(r, s, &p->pos, out,
				  "publishes privileged port %u on every "
				  "interface ('%s')",
				  p->host_lo, p->text);
	}
}

RT_CHECK(check_port_all_interfaces)
{
	for (size_t i = 0; i < s->n_ports; i++) {
		const struct spec_port *p = &s->ports[i];

		if (!is_privileged_port(p) && on_all_interfaces(p))
			rt_report(r, s, &p->pos, out,
				  "publishes port '%s' on every interface",
				  p->text);
	}
	if (s->publish_all.on)
		rt_report(r, s, &s->publish_all.pos, out,
			  "publishes every exposed port on every interface "
			  "(-P)");
}

RT_CHECK(check_env_secret)
{
	for (size_t i = 0; i < s->n_env; i++) {
		const struct spec_env *ev = &s->env[i];
		struct finding *f;
		char *red;

		if (!rt_env_is_literal_secret(ev))
			continue;
		f = rt_report(r, s, &ev->pos, out,
			      "sets '%s' to a literal value in its environment",
			      ev->name);
		red = redact_secret(ev->value, strlen(ev->value));
		finding_set_evidence(f, red);
		free(red);
	}
}

RT_CHECK(check_image_latest)
{
	struct spec_image_ref ref;

	/* An empty image is one whose ${VAR:?} failed: already an error. */
	if (!s->image.v || !*s->image.v)
		return;
	spec_image_ref_parse(s->image.v, &ref);
	if (ref.latest)
		rt_report(r, s, &s->image.pos, out, "image '%s' is %s",
			  s->image.v,
			  ref.has_tag ? "tagged latest" : "not tagged");
}

RT_CHECK(check_image_digest)
{
	struct spec_image_ref ref;

	if (!s->image.v || !*s->image.v)
		return;
	spec_image_ref_parse(s->image.v, &ref);
	if (!ref.latest && !ref.has_digest)
		rt_report(r, s, &s->image.pos, out,
			  "image '%s' is not pinned by digest", s->image.v);
}

RT_CHECK(check_healthcheck)
{
	if (s->healthcheck_disabled.on)
		rt_report(r, s, &s->healthcheck_disabled.pos, out,
			  "turns the healthcheck off");
	else if (s->origin == SPEC_ENGINE && !s->healthcheck.on)
		rt_report(r, s, NULL, out,
			  "has no healthcheck (neither the container nor its "
			  "image defines one)");
}

RT_CHECK(check_restart)
{
	const char *p = s->restart.v;

	if (!p)
		return;
	if (!strcmp(p, "always") || !strcmp(p, "unless-stopped"))
		rt_report(r, s, &s->restart.pos, out,
			  "restarts without limit (restart '%s')", p);
	else if (!strcmp(p, "on-failure") &&
		 (!s->restart_retries.set || s->restart_retries.v <= 0))
		rt_report(r, s, &s->restart.pos, out,
			  "restarts on failure without a retry limit");
}

RT_CHECK(check_devices)
{
	for (size_t i = 0; i < s->devices.n; i++)
		rt_report(r, s, &s->devices.v[i].pos, out,
			  "passes host device '%s' through", s->devices.v[i].v);
}

RT_CHECK(check_propagation)
{
	for (size_t i = 0; i < s->n_mounts; i++) {
		const char *p = s->mounts[i].propagation;

		if (p && (!strcmp(p, "shared") || !strcmp(p, "rshared")))
			rt_report(
			    r, s, &s->mounts[i].pos, out,
			    "mounts '%s' with %s propagation",
			    s->mounts[i].target ? s->mounts[i].target : "", p);
	}
}

#define RULE(var, rid, sev, ttl, chk)                                          \
	static const struct rule var = { .id = rid,                            \
					 .severity = sev,                      \
					 .target = RULE_RUNTIME,               \
					 .title = ttl,                         \
					 .check.runtime = chk,
#define END_RULE                                                               \
	}                                                                      \
	;

#include "rules/runtime-table.h"

const struct rule *const runtime_rules[] = {
	&rt001, &rt002, &rt003, &rt004, &rt005, &rt006, &rt007, &rt008,
	&rt009, &rt010, &rt011, &rt012, &rt013, &rt014, &rt015, &rt016,
	&rt017, &rt018, &rt019, &rt020, &rt021, &rt022, &rt023, &rt024,
	&rt025, &rt026, &rt027, &rt028, &rt029, NULL,
};

/*
 * RT022 by format: one value through the secret engine.  The engine's
 * first finding names the kind and gives the (redacted) evidence.
 */
static void
engine_report(const struct container_spec *s, struct secret_scanner *sc,
	      const char *name, const char *value, const struct spec_pos *pos,
	      const char *what, struct findings *out)
{
	struct findings tmp = FINDINGS_INIT;
	struct location loc = LOCATION_INIT;
	struct finding *f;

	loc.file = pos->file ? pos->file : s->file;
	if (secret_scan_value(sc, name, value, &loc, &tmp) > 0) {
		f = rt_report(&rt022, s, pos, out, "%s holds a secret (%s)",
			      what, tmp.v[0].title ? tmp.v[0].title : "");
		finding_set_evidence(f, tmp.v[0].evidence);
	}
	findings_release(&tmp);
}

static void
engine_words(const struct container_spec *s, struct secret_scanner *sc,
	     const struct spec_words *w, const char *what, struct findings *out)
{
	for (size_t i = 0; i < w->n; i++)
		engine_report(s, sc, NULL, w->v[i].v, &w->v[i].pos, what, out);
}

/* Every literal value of s that check_env_secret did not report. */
static void
check_secret_values(const struct container_spec *s, struct secret_scanner *sc,
		    struct findings *out)
{
	struct buf what = BUF_INIT;

	for (size_t i = 0; i < s->n_env; i++) {
		const struct spec_env *ev = &s->env[i];

		if (ev->kind != SPEC_ENV_LITERAL || !ev->value ||
		    rt_env_is_literal_secret(ev))
			continue;
		buf_reset(&what);
		buf_addf(&what, "environment variable '%s'", ev->name);
		engine_report(s, sc, ev->name, ev->value, &ev->pos, what.data,
			      out);
	}
	for (size_t i = 0; i < s->n_meta_labels; i++) {
		const struct spec_label *lb = &s->meta_labels[i];

		buf_reset(&what);
		buf_addf(&what, "label '%s'", lb->name);
		engine_report(s, sc, lb->name, lb->value, &lb->pos, what.data,
			      out);
	}
	engine_words(s, sc, &s->entrypoint, "the entrypoint", out);
	engine_words(s, sc, &s->command, "the command", out);
	buf_release(&what);
}

void
runtime_check(const struct container_spec *s, struct secret_scanner *secrets,
	      struct findings *out)
{
	for (const struct rule *const *r = runtime_rules; *r; r++)
		(*r)->check.runtime(*r, s, out);
	if (secrets)
		check_secret_values(s, secrets, out);
}
