#include "engine/inspect.h"

#include <string.h>

#include "core/buf.h"
#include "core/util.h"

static const char *
jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s && *s ? s : NULL;
}

static void
set_bool(struct spec_bool *b, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_boolean(v)) {
		b->set = true;
		b->on = json_is_true(v);
	}
}

static void
set_num(struct spec_num *n, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_integer(v)) {
		n->set = true;
		n->v = json_integer_value(v);
	}
}

static void
add_strings(struct spec_list *l, struct spec_words *w, json_t *arr, bool caps)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
	{
		const char *s = json_string_value(v);

		if (s)
			spec_words_add(l, w,
				       caps ? spec_cap_normalize(l, s) : s,
				       (struct spec_pos){ 0 });
	}
}

static void
map_mounts(struct spec_list *l, struct container_spec *s, json_t *c, json_t *hc)
{
	const char *path, *opts;
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(c, "Mounts"), i, v)
	{
		const char *type = jstr(v, "Type");
		struct spec_mount *m = spec_add_mount(l, s);

		m->type = !type || !strcmp(type, "volume") ? SPEC_MOUNT_VOLUME
			  : !strcmp(type, "bind")	   ? SPEC_MOUNT_BIND
			  : !strcmp(type, "tmpfs")	   ? SPEC_MOUNT_TMPFS
							   : SPEC_MOUNT_OTHER;
		if (jstr(v, "Source"))
			m->source = arena_strdup(&l->arena, jstr(v, "Source"));
		if (jstr(v, "Destination"))
			m->target =
			    arena_strdup(&l->arena, jstr(v, "Destination"));
		if (jstr(v, "Propagation"))
			m->propagation =
			    arena_strdup(&l->arena, jstr(v, "Propagation"));
		m->read_only = json_is_false(json_object_get(v, "RW"));
	}
	json_object_foreach(json_object_get(hc, "Tmpfs"), path, v)
	{
		struct spec_mount *m = spec_add_mount(l, s);

		m->type = SPEC_MOUNT_TMPFS;
		m->target = arena_strdup(&l->arena, path);
		opts = json_string_value(v);
		if (opts && *opts)
			spec_tmpfs_options(l, m, opts);
	}
}

static void
map_ports(struct spec_list *l, struct container_spec *s, json_t *hc)
{
	const char *key;
	json_t *binds;

	json_object_foreach(json_object_get(hc, "PortBindings"), key, binds)
	{
		size_t i;
		json_t *b;

		json_array_foreach(binds, i, b)
		{
			const char *ip = jstr(b, "HostIp");
			const char *hp = jstr(b, "HostPort");
			struct spec_port *p = spec_add_port(l, s);
			struct buf t = BUF_INIT;

			if (ip)
				buf_addf(&t,
					 strchr(ip, ':') ? "[%s]:" : "%s:", ip);
			buf_addf(&t, "%s%s%s", hp || ip ? (hp ? hp : "") : "",
				 hp || ip ? ":" : "", key);
			if (spec_parse_port(l, p, t.data, NULL))
				s->n_ports--;
			buf_release(&t);
		}
	}
	set_bool(&s->publish_all, hc, "PublishAllPorts");
}

static void
map_namespaces(struct spec_list *l, struct container_spec *s, json_t *hc)
{
	static const struct {
		const char *key;
		size_t off;
	} modes[] = {
		{ "NetworkMode",
		  offsetof(struct container_spec, network_mode) },
		{ "PidMode", offsetof(struct container_spec, pid_mode) },
		{ "IpcMode", offsetof(struct container_spec, ipc_mode) },
		{ "UTSMode", offsetof(struct container_spec, uts_mode) },
		{ "UsernsMode", offsetof(struct container_spec, userns_mode) },
		{ "CgroupnsMode",
		  offsetof(struct container_spec, cgroupns_mode) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(modes); i++)
		spec_set_str(l, (struct spec_str *)((char *)s + modes[i].off),
			     jstr(hc, modes[i].key), (struct spec_pos){ 0 });
}

static void
map_limits(struct spec_list *l, struct container_spec *s, json_t *hc)
{
	const char *key;
	json_t *v;
	size_t i;

	set_num(&s->memory, hc, "Memory");
	set_num(&s->memswap, hc, "MemorySwap");
	set_num(&s->nano_cpus, hc, "NanoCpus");
	set_num(&s->cpu_quota, hc, "CpuQuota");
	set_num(&s->cpu_shares, hc, "CpuShares");
	set_num(&s->pids_limit, hc, "PidsLimit");
	json_object_foreach(json_object_get(hc, "Sysctls"), key, v)
	{
		struct spec_sysctl *sc = spec_add_sysctl(l, s);

		sc->name = arena_strdup(&l->arena, key);
		sc->value = arena_strdup(&l->arena, json_string_value(v)
							? json_string_value(v)
							: "");
	}
	json_array_foreach(json_object_get(hc, "Ulimits"), i, v)
	{
		struct spec_ulimit *u = spec_add_ulimit(l, s);

		u->name = arena_strdup(&l->arena,
				       jstr(v, "Name") ? jstr(v, "Name") : "");
		u->soft = json_integer_value(json_object_get(v, "Soft"));
		u->hard = json_integer_value(json_object_get(v, "Hard"));
	}
}

/*
 * The daemon itself adds "label=disable" for privileged containers and
 * those sharing the host's PID or IPC namespace; that is no choice of the
 * user's, and RT002/RT016/RT017 already say it.
 */
static bool
daemon_label(const struct container_spec *s, json_t *opt)
{
	return !strcmp(json_string_value(opt), "label=disable") &&
	       (s->privileged.on ||
		(s->pid_mode.v && !strcmp(s->pid_mode.v, "host")) ||
		(s->ipc_mode.v && !strcmp(s->ipc_mode.v, "host")));
}

static void
map_security(struct spec_list *l, struct container_spec *s, json_t *c,
	     json_t *hc)
{
	json_t *v;
	size_t i;

	set_bool(&s->read_only, hc, "ReadonlyRootfs");
	add_strings(l, &s->cap_add, json_object_get(hc, "CapAdd"), true);
	add_strings(l, &s->cap_drop, json_object_get(hc, "CapDrop"), true);
	json_array_foreach(json_object_get(hc, "SecurityOpt"), i, v)
	{
		if (json_string_value(v) && !daemon_label(s, v))
			spec_add_security_opt(l, s, json_string_value(v),
					      (struct spec_pos){ 0 });
	}
	/* The top-level AppArmorProfile is not used: the daemon sets it to
	 * "unconfined" by itself for --privileged and --pid host, which
	 * RT002 and RT016 report; an explicit choice is in SecurityOpt. */
	json_array_foreach(json_object_get(hc, "Devices"), i, v)
	{
		if (jstr(v, "PathOnHost"))
			spec_words_add(l, &s->devices, jstr(v, "PathOnHost"),
				       (struct spec_pos){ 0 });
	}
}

/* Labels, Entrypoint and Cmd: read by RT022's secret-format check. */
static void
map_labels_and_command(struct spec_list *l, struct container_spec *s,
		       json_t *cfg)
{
	const char *k;
	json_t *v;

	json_object_foreach(json_object_get(cfg, "Labels"), k, v)
	{
		if (json_string_value(v))
			spec_add_label(l, s, k, json_string_value(v),
				       (struct spec_pos){ 0 });
	}
	add_strings(l, &s->entrypoint, json_object_get(cfg, "Entrypoint"),
		    false);
	add_strings(l, &s->command, json_object_get(cfg, "Cmd"), false);
}

static void
map_config(struct spec_list *l, struct container_spec *s, json_t *cfg,
	   json_t *image)
{
	json_t *hc = json_object_get(cfg, "Healthcheck");
	json_t *test = json_object_get(hc, "Test");
	const char *user = jstr(cfg, "User");
	json_t *v;
	size_t i;

	if (!user && image)
		user = jstr(json_object_get(image, "Config"), "User");
	s->user_from_image = !jstr(cfg, "User") && user;
	spec_set_str(l, &s->user, user, (struct spec_pos){ 0 });
	spec_set_str(l, &s->image, jstr(cfg, "Image"), (struct spec_pos){ 0 });
	json_array_foreach(json_object_get(cfg, "Env"), i, v)
	{
		if (json_string_value(v))
			spec_add_env_text(l, s, json_string_value(v),
					  (struct spec_pos){ 0 });
	}
	map_labels_and_command(l, s, cfg);
	/* What the Engine stores is the value: no reference survives. */
	for (i = 0; i < s->n_env; i++)
		if (s->env[i].kind == SPEC_ENV_REFERENCE)
			s->env[i].kind = SPEC_ENV_LITERAL;
	if (json_array_size(test) &&
	    json_string_value(json_array_get(test, 0)) &&
	    !strcmp(json_string_value(json_array_get(test, 0)), "NONE"))
		s->healthcheck_disabled.set = s->healthcheck_disabled.on = true;
	else if (json_array_size(test))
		s->healthcheck.set = s->healthcheck.on = true;
}

int
inspect_to_spec(struct spec_list *l, json_t *c, json_t *image,
		struct container_spec **out, struct err *e)
{
	json_t *hc = json_object_get(c, "HostConfig");
	json_t *cfg = json_object_get(c, "Config");
	json_t *rp = json_object_get(hc, "RestartPolicy");
	const char *name = jstr(c, "Name");
	struct container_spec *s;

	if (!json_is_object(c) || !json_is_object(hc) || !json_is_object(cfg))
		return err_set(e, ERR_INPUT,
			       "not a container inspect answer (no "
			       "HostConfig or Config)");
	if (name && *name == '/')
		name++;
	s = spec_list_add(l, SPEC_ENGINE, name ? name : jstr(c, "Id"));
	map_config(l, s, cfg, image);
	set_bool(&s->privileged, hc, "Privileged");
	map_namespaces(l, s, hc);
	map_security(l, s, c, hc);
	map_limits(l, s, hc);
	map_mounts(l, s, c, hc);
	map_ports(l, s, hc);
	if (jstr(rp, "Name"))
		spec_set_restart(l, s, jstr(rp, "Name"),
				 (struct spec_pos){ 0 });
	set_num(&s->restart_retries, rp, "MaximumRetryCount");
	*out = s;
	return 0;
}

void
inspect_apply_daemon_info(struct container_spec *s, json_t *info)
{
	json_t *v;
	size_t i;

	if (s->no_new_privileges.set)
		return;
	json_array_foreach(json_object_get(info, "SecurityOptions"), i, v)
	{
		const char *opt = json_string_value(v);

		/* "name=no-new-privileges", possibly with ",key=value" */
		if (opt && str_starts_with(opt, "name=no-new-privileges") &&
		    strchr(",", opt[strlen("name=no-new-privileges")])) {
			s->no_new_privileges.set = true;
			s->no_new_privileges.on = true;
			return;
		}
	}
}
