/*
 * Compose services into container specs.  Each file is applied to the
 * specs in order, field by field, which is how the Compose merge rules
 * read: a later file replaces scalars, appends to lists and merges
 * mappings by key.
 */
#include "parse/compose.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "parse/yaml.h"

struct compose_file {
	char *path;
	struct yaml_doc doc;
	bool loaded;
	/* service name -> its yaml_node (the last of duplicate keys), built
	 * on first need so that a lookup does not scan every service */
	struct strmap services;
	bool indexed;
	/* identity on disk, to find include cycles however spelt */
	dev_t dev;
	ino_t ino;
	bool has_id;
	bool active;   /* on the include chain being processed */
	bool included; /* already imported by an include */
};

/* One service on the extends chain. */
struct ext_link {
	struct compose_file *f;
	const char *name;
};

/* Where a service was first defined, to find include conflicts. */
struct svc_origin {
	const char *file;
	unsigned group; /* 0 for the -f files, one per include entry */
	size_t top;	/* the -f file whose load defined it */
};

struct compose_ctx {
	struct spec_list *l;
	const struct compose_opts *opts;
	struct strmap dotenv; /* from the .env file, char * values */
	/* the variables of the file being applied: dotenv or an
	 * include's own */
	struct strmap *vars;
	/* why vars lacks a variables file that should have filled it
	 * ("'p/.env' could not be read"), or NULL; owned by whoever set it */
	const char *vars_unread;
	char *dotenv_unread; /* owned; vars_unread for dotenv */
	/* the include chain, the -f file first */
	struct compose_file *chain[COMPOSE_MAX_INCLUDE + 1];
	size_t n_chain;
	struct strmap origin; /* service name -> struct svc_origin */
	unsigned group, n_groups;
	size_t top;
	struct strvec *problems;
	struct compose_file **files; /* loaded so far, for extends */
	size_t n_files, cap_files;
	const char *file; /* the file being applied, in l's arena */
	struct buf tmp;
	struct strmap specs; /* service name -> its spec in l */
	/* the extends chain being applied, the audited service first */
	struct ext_link ext_chain[COMPOSE_MAX_EXTENDS + 1];
	size_t n_ext;
	/* services on an extends cycle already reported (ext_cycle_key) */
	struct strmap ext_cycles;
	/* "file\nVAR" of unset variables already warned about */
	struct strmap blank_warned;
};

/* Record a problem at node n of the current file. */
static void __attribute__((format(printf, 3, 4)))
problem(struct compose_ctx *c, const struct yaml_node *n, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_addf(&b, "%s:%u: ", c->file, n ? n->line : 0);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	strvec_push_nodup(c->problems, buf_detach(&b, NULL));
}

static struct spec_pos
pos_at(const struct compose_ctx *c, const struct yaml_node *n)
{
	return (struct spec_pos){ c->file, n->line, n->column };
}

/*
 * Say, once per variable and file, that an unset variable used without a
 * default became a blank string, as docker compose does.  A warning, not
 * a problem: compose goes on with the blank value.
 */
static void
warn_blank(struct compose_ctx *c, const struct yaml_node *n,
	   struct strvec *blank)
{
	struct buf key = BUF_INIT;

	for (size_t i = 0; i < blank->n; i++) {
		buf_reset(&key);
		buf_addf(&key, "%s\n%s", c->file, blank->v[i]);
		if (strmap_has(&c->blank_warned, key.data))
			continue;
		strmap_put(&c->blank_warned, key.data, NULL);
		log_warn("%s:%u: the %s variable is not set; defaulting to a "
			 "blank string",
			 c->file, n->line, blank->v[i]);
	}
	buf_release(&key);
	strvec_release(blank);
}

/*
 * The interpolated text of a scalar (in the arena), or NULL when n is not
 * a scalar or is null.  *ref tells whether a variable was used.
 */
static const char *
scalar(struct compose_ctx *c, const struct yaml_node *n, bool *ref)
{
	struct strvec blank = STRVEC_INIT;
	struct err e = ERR_INIT;
	bool had = false;
	int rc;

	if (ref)
		*ref = false;
	if (!n || n->kind != YAML_SCALAR || yaml_is_null(n))
		return NULL;
	if (n->len > COMPOSE_MAX_SCALAR) {
		problem(c, n, "value longer than %u bytes", COMPOSE_MAX_SCALAR);
		return NULL;
	}
	/* Copied: the YAML trees go when the load ends, the specs stay. */
	if (!memchr(n->str, '$', n->len))
		return arena_strndup(&c->l->arena, n->str, n->len);
	buf_reset(&c->tmp);
	rc = compose_interpolate(n->str, c->vars, !c->opts->env, &c->tmp, &had,
				 &blank, &e);
	warn_blank(c, n, &blank);
	/* An unset variable may well have been in the file not read. */
	if (rc == COMPOSE_INTERP_UNSET && c->vars_unread)
		problem(c, n, "%s (%s)", e.msg, c->vars_unread);
	else if (rc)
		problem(c, n, "%s", e.msg);
	if (ref)
		*ref = had;
	return arena_strndup(&c->l->arena, c->tmp.data, c->tmp.len);
}

/* A scalar that must be there; a problem otherwise. */
static const char *
want_scalar(struct compose_ctx *c, const struct yaml_node *n, const char *key)
{
	const char *s = scalar(c, n, NULL);

	/* A scalar that gave nothing was already reported (too long). */
	if (!s && n && n->kind != YAML_SCALAR)
		problem(c, n, "'%s' must be a string or number", key);
	return s;
}

static int
parse_bool_text(const char *s)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; s && i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(s, yes[i]))
			return 1;
		if (!strcasecmp(s, no[i]))
			return 0;
	}
	return -1;
}

static void
set_bool(struct compose_ctx *c, struct spec_bool *b, const struct yaml_node *n,
	 const char *key)
{
	int v = parse_bool_text(scalar(c, n, NULL));

	if (v < 0) {
		if (!yaml_is_null(n))
			problem(c, n, "'%s' must be true or false", key);
		return;
	}
	b->set = true;
	b->on = v;
	b->pos = pos_at(c, n);
}

static bool
is_reset(const struct yaml_node *n)
{
	return n->tag && !strcmp(n->tag, "!reset");
}

static bool
is_override(const struct yaml_node *n)
{
	return n->tag && !strcmp(n->tag, "!override");
}

/* Items of a sequence; a problem (and none) for anything else. */
static bool
want_seq(struct compose_ctx *c, const struct yaml_node *n, const char *key)
{
	if (n->kind == YAML_SEQ)
		return true;
	if (!yaml_is_null(n))
		problem(c, n, "'%s' must be a list", key);
	return false;
}

static void
add_words(struct compose_ctx *c, struct spec_words *w,
	  const struct yaml_node *n, const char *key, bool caps)
{
	if (is_reset(n) || is_override(n))
		w->n = 0;
	if (n->kind == YAML_SCALAR && !yaml_is_null(n)) {
		/* A single string where a list is expected: compose accepts
		 * it for some keys (tmpfs, env_file, dns). */
		const char *s = want_scalar(c, n, key);

		if (s)
			spec_words_add(c->l, w, s, pos_at(c, n));
		return;
	}
	if (!want_seq(c, n, key))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *s = want_scalar(c, n->items[i], key);

		if (!s)
			continue;
		if (caps)
			s = spec_cap_normalize(c->l, s);
		spec_words_add(c->l, w, s, pos_at(c, n->items[i]));
	}
}

static void
f_image(struct compose_ctx *c, struct container_spec *s,
	const struct yaml_node *n)
{
	const char *v = want_scalar(c, n, "image");

	spec_set_str(c->l, &s->image, v, pos_at(c, n));
}

/* build: DIR, or build: {context: DIR, dockerfile: FILE}. */
static void
f_build(struct compose_ctx *c, struct container_spec *s,
	const struct yaml_node *n)
{
	const struct yaml_node *df = NULL;

	s->build_pos = pos_at(c, n);
	if (n->kind == YAML_MAP) {
		df = yaml_get(n, "dockerfile");
		n = yaml_get(n, "context");
		/* compose's default context is the project directory */
		s->build_context = n ? want_scalar(c, n, "build.context") : ".";
		if (df)
			s->build_dockerfile =
			    want_scalar(c, df, "build.dockerfile");
		return;
	}
	s->build_context = want_scalar(c, n, "build");
}

static void
f_user(struct compose_ctx *c, struct container_spec *s,
       const struct yaml_node *n)
{
	spec_set_user(c->l, s, want_scalar(c, n, "user"), pos_at(c, n));
}

static void
f_privileged(struct compose_ctx *c, struct container_spec *s,
	     const struct yaml_node *n)
{
	set_bool(c, &s->privileged, n, "privileged");
}

static void
f_read_only(struct compose_ctx *c, struct container_spec *s,
	    const struct yaml_node *n)
{
	set_bool(c, &s->read_only, n, "read_only");
}

static void
f_cap_add(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	add_words(c, &s->cap_add, n, "cap_add", true);
}

static void
f_cap_drop(struct compose_ctx *c, struct container_spec *s,
	   const struct yaml_node *n)
{
	add_words(c, &s->cap_drop, n, "cap_drop", true);
}

static void
f_devices(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	if (is_reset(n) || is_override(n))
		s->devices.n = 0;
	if (!want_seq(c, n, "devices"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const struct yaml_node *it = n->items[i];
		const char *v = it->kind == YAML_MAP
				    ? scalar(c, yaml_get(it, "source"), NULL)
				    : want_scalar(c, it, "devices");

		if (v)
			spec_words_add(c->l, &s->devices, v, pos_at(c, it));
	}
}

static void
f_security_opt(struct compose_ctx *c, struct container_spec *s,
	       const struct yaml_node *n)
{
	if (is_reset(n) || is_override(n))
		s->security_opt.n = 0;
	if (!want_seq(c, n, "security_opt"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *v = want_scalar(c, n->items[i], "security_opt");

		if (v)
			spec_add_security_opt(c->l, s, v,
					      pos_at(c, n->items[i]));
	}
}

/* Replace a mount with the same target, as the merge rules say. */
static struct spec_mount *
mount_slot(struct compose_ctx *c, struct container_spec *s, const char *target)
{
	for (size_t i = 0; target && i < s->n_mounts; i++)
		if (s->mounts[i].target && !strcmp(s->mounts[i].target, target))
			return memset(&s->mounts[i], 0, sizeof(s->mounts[i]));
	return spec_add_mount(c->l, s);
}

static void
f_tmpfs(struct compose_ctx *c, struct container_spec *s,
	const struct yaml_node *n)
{
	struct spec_words w = { 0 };

	add_words(c, &w, n, "tmpfs", false);
	for (size_t i = 0; i < w.n; i++) {
		size_t tl = strcspn(w.v[i].v, ":");
		char *target = xstrndup(w.v[i].v, tl);
		struct spec_mount *m = mount_slot(c, s, target);

		free(target);
		spec_parse_tmpfs(c->l, m, w.v[i].v);
		m->pos = w.v[i].pos;
	}
}

static void
volume_long(struct compose_ctx *c, struct spec_mount *m,
	    const struct yaml_node *it)
{
	const char *type = scalar(c, yaml_get(it, "type"), NULL);
	const struct yaml_node *tmpfs = yaml_get(it, "tmpfs");
	const struct yaml_node *bind = yaml_get(it, "bind");
	int ro = parse_bool_text(scalar(c, yaml_get(it, "read_only"), NULL));

	m->type = !type || !strcmp(type, "volume") ? SPEC_MOUNT_VOLUME
		  : !strcmp(type, "bind")	   ? SPEC_MOUNT_BIND
		  : !strcmp(type, "tmpfs")	   ? SPEC_MOUNT_TMPFS
						   : SPEC_MOUNT_OTHER;
	m->source = scalar(c, yaml_get(it, "source"), NULL);
	m->target = scalar(c, yaml_get(it, "target"), NULL);
	m->read_only = ro == 1;
	if (bind)
		m->propagation = scalar(c, yaml_get(bind, "propagation"), NULL);
	if (tmpfs) {
		const char *size = scalar(c, yaml_get(tmpfs, "size"), NULL);
		const char *mode = scalar(c, yaml_get(tmpfs, "mode"), NULL);

		if (size && spec_parse_bytes(size, &m->size, NULL))
			problem(c, tmpfs, "invalid tmpfs size '%s'", size);
		if (mode)
			m->options =
			    arena_printf(&c->l->arena, "mode=%s", mode);
	}
	if (!m->target)
		problem(c, it, "volume has no 'target'");
}

static void
f_volumes(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	if (is_reset(n) || is_override(n))
		s->n_mounts = 0;
	if (!want_seq(c, n, "volumes"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const struct yaml_node *it = n->items[i];
		struct spec_mount tmp = { 0 }, *m;
		struct err e = ERR_INIT;

		if (it->kind == YAML_MAP) {
			volume_long(c, &tmp, it);
		} else {
			const char *v = want_scalar(c, it, "volumes");

			if (!v)
				continue;
			if (spec_parse_volume(c->l, &tmp, v, &e)) {
				problem(c, it, "%s", e.msg);
				continue;
			}
		}
		tmp.pos = pos_at(c, it);
		m = mount_slot(c, s, tmp.target);
		*m = tmp;
	}
}

static void
port_long(struct compose_ctx *c, struct spec_port *p,
	  const struct yaml_node *it)
{
	const char *target = scalar(c, yaml_get(it, "target"), NULL);
	const char *pub = scalar(c, yaml_get(it, "published"), NULL);
	const char *ip = scalar(c, yaml_get(it, "host_ip"), NULL);
	const char *proto = scalar(c, yaml_get(it, "protocol"), NULL);
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;

	if (ip)
		buf_addf(&b, "%s%s%s:", strchr(ip, ':') ? "[" : "", ip,
			 strchr(ip, ':') ? "]" : "");
	if (pub || ip)
		buf_addf(&b, "%s:", pub ? pub : "");
	buf_addf(&b, "%s/%s", target ? target : "", proto ? proto : "tcp");
	if (spec_parse_port(c->l, p, b.data, &e))
		problem(c, it, "%s", e.msg);
	buf_release(&b);
}

static void
f_ports(struct compose_ctx *c, struct container_spec *s,
	const struct yaml_node *n)
{
	if (is_reset(n) || is_override(n))
		s->n_ports = 0;
	if (!want_seq(c, n, "ports"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const struct yaml_node *it = n->items[i];
		struct spec_port *p = spec_add_port(c->l, s);
		struct err e = ERR_INIT;

		p->pos = pos_at(c, it);
		if (it->kind == YAML_MAP) {
			port_long(c, p, it);
			continue;
		}
		const char *v = want_scalar(c, it, "ports");

		if (v && spec_parse_port(c->l, p, v, &e))
			problem(c, it, "%s", e.msg);
		if (!v || e.kind)
			s->n_ports--;
	}
}

/* Set NAME in the spec's environment, replacing an earlier value. */
static void
env_set(struct compose_ctx *c, struct container_spec *s, const char *name,
	const char *value, bool ref, struct spec_pos pos)
{
	struct spec_env *ev = NULL;

	for (size_t i = 0; i < s->n_env; i++)
		if (!strcmp(s->env[i].name, name))
			ev = &s->env[i];
	if (!ev) {
		ev = spec_add_env(c->l, s);
		ev->name = arena_strdup(&c->l->arena, name);
	}
	ev->value = value;
	ev->kind = !value ? SPEC_ENV_PASSTHROUGH
		   : ref  ? SPEC_ENV_REFERENCE
			  : SPEC_ENV_LITERAL;
	ev->pos = pos;
}

static void
f_environment(struct compose_ctx *c, struct container_spec *s,
	      const struct yaml_node *n)
{
	bool ref;

	if (is_reset(n) || is_override(n))
		s->n_env = 0;
	if (n->kind == YAML_MAP) {
		for (size_t i = 0; i < n->n; i++) {
			const struct yaml_pair *p = &n->pairs[i];
			const char *k = yaml_str(p->key);
			const char *v = scalar(c, p->value, &ref);

			if (!k)
				continue;
			if (p->value->kind != YAML_SCALAR)
				problem(c, p->value,
					"environment '%s' must be a string", k);
			env_set(c, s, k, v ? v : NULL, ref, pos_at(c, p->key));
		}
		return;
	}
	if (!want_seq(c, n, "environment"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *v = want_scalar(c, n->items[i], "environment");
		const char *eq;
		char *name;

		if (!v)
			continue;
		scalar(c, n->items[i], &ref);
		eq = strchr(v, '=');
		name = xstrndup(v, eq ? (size_t)(eq - v) : strlen(v));
		env_set(c, s, name,
			eq ? arena_strdup(&c->l->arena, eq + 1) : NULL, ref,
			pos_at(c, n->items[i]));
		free(name);
	}
}

static void
f_env_file(struct compose_ctx *c, struct container_spec *s,
	   const struct yaml_node *n)
{
	if (n->kind == YAML_SEQ) {
		for (size_t i = 0; i < n->n; i++) {
			const struct yaml_node *it = n->items[i];
			const char *v =
			    it->kind == YAML_MAP
				? scalar(c, yaml_get(it, "path"), NULL)
				: want_scalar(c, it, "env_file");

			if (v)
				spec_words_add(c->l, &s->env_files, v,
					       pos_at(c, it));
		}
		return;
	}
	add_words(c, &s->env_files, n, "env_file", false);
}

static void
f_secrets(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	if (is_reset(n) || is_override(n))
		s->secrets.n = 0;
	if (!want_seq(c, n, "secrets"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const struct yaml_node *it = n->items[i];
		const char *v = it->kind == YAML_MAP
				    ? scalar(c, yaml_get(it, "source"), NULL)
				    : want_scalar(c, it, "secrets");

		if (v)
			spec_words_add(c->l, &s->secrets, v, pos_at(c, it));
	}
}

static void
sysctl_set(struct compose_ctx *c, struct container_spec *s, const char *k,
	   const char *v, struct spec_pos pos)
{
	struct spec_sysctl *sc = NULL;

	for (size_t i = 0; i < s->n_sysctls; i++)
		if (!strcmp(s->sysctls[i].name, k))
			sc = &s->sysctls[i];
	if (!sc) {
		sc = spec_add_sysctl(c->l, s);
		sc->name = arena_strdup(&c->l->arena, k);
	}
	sc->value = v ? v : "";
	sc->pos = pos;
}

static void
f_sysctls(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	if (is_reset(n) || is_override(n))
		s->n_sysctls = 0;
	if (n->kind == YAML_MAP) {
		for (size_t i = 0; i < n->n; i++)
			if (yaml_str(n->pairs[i].key))
				sysctl_set(c, s, n->pairs[i].key->str,
					   scalar(c, n->pairs[i].value, NULL),
					   pos_at(c, n->pairs[i].key));
		return;
	}
	if (!want_seq(c, n, "sysctls"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *v = want_scalar(c, n->items[i], "sysctls");
		const char *eq = v ? strchr(v, '=') : NULL;
		char *k;

		if (!eq) {
			if (v)
				problem(c, n->items[i],
					"sysctl '%s' has no '='", v);
			continue;
		}
		k = xstrndup(v, (size_t)(eq - v));
		sysctl_set(c, s, k, eq + 1, pos_at(c, n->items[i]));
		free(k);
	}
}

static void
f_ulimits(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	if (is_reset(n) || is_override(n))
		s->n_ulimits = 0;
	if (n->kind != YAML_MAP) {
		if (!yaml_is_null(n))
			problem(c, n, "'ulimits' must be a mapping");
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct yaml_pair *p = &n->pairs[i];
		const char *name = yaml_str(p->key);
		const char *soft, *hard;
		struct spec_ulimit *u;

		if (!name)
			continue;
		soft = p->value->kind == YAML_MAP
			   ? scalar(c, yaml_get(p->value, "soft"), NULL)
			   : scalar(c, p->value, NULL);
		hard = p->value->kind == YAML_MAP
			   ? scalar(c, yaml_get(p->value, "hard"), NULL)
			   : soft;
		u = spec_add_ulimit(c->l, s);
		u->name = arena_strdup(&c->l->arena, name);
		u->pos = pos_at(c, p->key);
		if (!soft || !hard ||
		    str_to_ll(soft, -1, 1LL << 62, &u->soft) ||
		    str_to_ll(hard, -1, 1LL << 62, &u->hard)) {
			problem(c, p->value, "invalid ulimit '%s'", name);
			s->n_ulimits--;
		}
	}
}

static struct spec_str *
ns_field(struct container_spec *s, const char *key)
{
	if (!strcmp(key, "network_mode"))
		return &s->network_mode;
	if (!strcmp(key, "pid"))
		return &s->pid_mode;
	if (!strcmp(key, "ipc"))
		return &s->ipc_mode;
	if (!strcmp(key, "uts"))
		return &s->uts_mode;
	if (!strcmp(key, "userns_mode"))
		return &s->userns_mode;
	return &s->cgroupns_mode;
}

/* Numbers with a key name, for the limit fields below. */
static void
set_limit(struct compose_ctx *c, struct spec_num *f, const struct yaml_node *n,
	  const char *key)
{
	const char *v = want_scalar(c, n, key);
	struct err e = ERR_INIT;
	long long x;
	int rc;

	if (!v)
		return;
	if (!strcmp(key, "cpus"))
		rc = spec_parse_cpus(v, &x, &e);
	else if (!strcmp(key, "pids_limit") || !strcmp(key, "pids") ||
		 !strcmp(key, "cpu_quota") || !strcmp(key, "cpu_shares"))
		rc = str_to_ll(v, -1, 1LL << 62, &x)
			 ? err_set(&e, ERR_INPUT, "invalid number '%s'", v)
			 : 0;
	else if (!strcmp(v, "-1"))
		rc = (x = -1, 0);
	else
		rc = spec_parse_bytes(v, &x, &e);
	if (rc) {
		problem(c, n, "'%s': %s", key, e.msg);
		return;
	}
	f->set = true;
	f->v = x;
	f->pos = pos_at(c, n);
}

static void
f_deploy(struct compose_ctx *c, struct container_spec *s,
	 const struct yaml_node *n)
{
	const struct yaml_node *lim =
	    yaml_get(yaml_get(n, "resources"), "limits");

	if (!lim)
		return;
	if (lim->kind != YAML_MAP) {
		problem(c, lim, "'deploy.resources.limits' must be a mapping");
		return;
	}
	if (yaml_get(lim, "memory"))
		set_limit(c, &s->memory, yaml_get(lim, "memory"), "memory");
	if (yaml_get(lim, "cpus"))
		set_limit(c, &s->nano_cpus, yaml_get(lim, "cpus"), "cpus");
	if (yaml_get(lim, "pids"))
		set_limit(c, &s->pids_limit, yaml_get(lim, "pids"), "pids");
}

static void
f_restart(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	const char *v = want_scalar(c, n, "restart");

	if (v)
		spec_set_restart(c->l, s, v, pos_at(c, n));
}

static void
f_healthcheck(struct compose_ctx *c, struct container_spec *s,
	      const struct yaml_node *n)
{
	const struct yaml_node *test = yaml_get(n, "test");
	const struct yaml_node *dis = yaml_get(n, "disable");

	if (n->kind != YAML_MAP) {
		problem(c, n, "'healthcheck' must be a mapping");
		return;
	}
	if (dis)
		set_bool(c, &s->healthcheck_disabled, dis, "disable");
	if (!test)
		return;
	if (test->kind == YAML_SEQ && test->n && yaml_str(test->items[0]) &&
	    !strcmp(test->items[0]->str, "NONE")) {
		s->healthcheck_disabled =
		    (struct spec_bool){ true, true, pos_at(c, test) };
		return;
	}
	s->healthcheck = (struct spec_bool){ true, true, pos_at(c, test) };
	s->healthcheck_test =
	    test->kind == YAML_SCALAR ? scalar(c, test, NULL) : "(exec form)";
}

static void
f_namespace(struct compose_ctx *c, struct container_spec *s,
	    const struct yaml_node *n, const char *key)
{
	spec_set_str(c->l, ns_field(s, key), want_scalar(c, n, key),
		     pos_at(c, n));
}

static void
f_profiles(struct compose_ctx *c, struct container_spec *s,
	   const struct yaml_node *n)
{
	struct buf b = BUF_INIT;

	if (!want_seq(c, n, "profiles"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *v = want_scalar(c, n->items[i], "profiles");

		if (v)
			buf_addf(&b, "%s%s", b.len ? "," : "", v);
	}
	s->profiles = b.len ? arena_strdup(&c->l->arena, b.data) : NULL;
	buf_release(&b);
}

/* labels: a map or a list of "NAME=value"; a later file's value wins. */
static void
label_set(struct compose_ctx *c, struct container_spec *s, const char *name,
	  const char *value, bool ref, struct spec_pos pos)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n_meta_labels; i++)
		if (strcmp(s->meta_labels[i].name, name))
			s->meta_labels[k++] = s->meta_labels[i];
	s->n_meta_labels = k;
	/* an interpolated value came from outside the file */
	if (!ref)
		spec_add_label(c->l, s, name, value, pos);
}

static void
f_labels(struct compose_ctx *c, struct container_spec *s,
	 const struct yaml_node *n)
{
	bool ref;

	if (is_reset(n) || is_override(n))
		s->n_meta_labels = 0;
	if (n->kind == YAML_MAP) {
		for (size_t i = 0; i < n->n; i++) {
			const struct yaml_pair *p = &n->pairs[i];
			const char *k = yaml_str(p->key);
			const char *v = scalar(c, p->value, &ref);

			if (k)
				label_set(c, s, k, v, ref, pos_at(c, p->key));
		}
		return;
	}
	if (!want_seq(c, n, "labels"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *v = scalar(c, n->items[i], &ref);
		const char *eq;
		char *name;

		if (!v)
			continue;
		eq = strchr(v, '=');
		name = xstrndup(v, eq ? (size_t)(eq - v) : strlen(v));
		label_set(c, s, name, eq ? eq + 1 : "", ref,
			  pos_at(c, n->items[i]));
		free(name);
	}
}

/* command: and entrypoint:, a string or a list; each replaces. */
static void
set_command(struct compose_ctx *c, struct spec_words *w,
	    const struct yaml_node *n, const char *key)
{
	const struct yaml_node *one[1] = { n };
	const struct yaml_node *const *items = one;
	size_t count = 1;
	bool ref;

	w->n = 0;
	if (n->kind == YAML_SEQ) {
		items = (const struct yaml_node *const *)n->items;
		count = n->n;
	}
	for (size_t i = 0; i < count; i++) {
		const char *v = scalar(c, items[i], &ref);

		if (v && !ref)
			spec_words_add(c->l, w, v, pos_at(c, items[i]));
	}
}

static void
f_command(struct compose_ctx *c, struct container_spec *s,
	  const struct yaml_node *n)
{
	set_command(c, &s->command, n, "command");
}

static void
f_entrypoint(struct compose_ctx *c, struct container_spec *s,
	     const struct yaml_node *n)
{
	set_command(c, &s->entrypoint, n, "entrypoint");
}

/* Keys handled by a function of their own. */
static const struct {
	const char *key;
	void (*apply)(struct compose_ctx *c, struct container_spec *s,
		      const struct yaml_node *n);
} service_fields[] = {
	{ "image", f_image },
	{ "build", f_build },
	{ "user", f_user },
	{ "privileged", f_privileged },
	{ "read_only", f_read_only },
	{ "cap_add", f_cap_add },
	{ "cap_drop", f_cap_drop },
	{ "devices", f_devices },
	{ "security_opt", f_security_opt },
	{ "tmpfs", f_tmpfs },
	{ "volumes", f_volumes },
	{ "ports", f_ports },
	{ "environment", f_environment },
	{ "env_file", f_env_file },
	{ "secrets", f_secrets },
	{ "sysctls", f_sysctls },
	{ "ulimits", f_ulimits },
	{ "deploy", f_deploy },
	{ "restart", f_restart },
	{ "healthcheck", f_healthcheck },
	{ "profiles", f_profiles },
	{ "labels", f_labels },
	{ "command", f_command },
	{ "entrypoint", f_entrypoint },
};

static const char *const namespace_keys[] = { "network_mode", "pid",
					      "ipc",	      "uts",
					      "userns_mode",  "cgroup" };

static const struct {
	const char *key;
	size_t off;
} limit_keys[] = {
	{ "mem_limit", offsetof(struct container_spec, memory) },
	{ "memswap_limit", offsetof(struct container_spec, memswap) },
	{ "cpus", offsetof(struct container_spec, nano_cpus) },
	{ "cpu_quota", offsetof(struct container_spec, cpu_quota) },
	{ "cpu_shares", offsetof(struct container_spec, cpu_shares) },
	{ "pids_limit", offsetof(struct container_spec, pids_limit) },
};

static void
apply_field(struct compose_ctx *c, struct container_spec *s,
	    const struct yaml_pair *p)
{
	const char *key = yaml_str(p->key);

	if (!key || str_starts_with(key, "x-"))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(service_fields); i++)
		if (!strcmp(key, service_fields[i].key)) {
			if (yaml_is_null(p->value) && !is_reset(p->value))
				return;
			service_fields[i].apply(c, s, p->value);
			return;
		}
	for (size_t i = 0; i < ARRAY_SIZE(namespace_keys); i++)
		if (!strcmp(key, namespace_keys[i])) {
			f_namespace(c, s, p->value, key);
			return;
		}
	for (size_t i = 0; i < ARRAY_SIZE(limit_keys); i++)
		if (!strcmp(key, limit_keys[i].key)) {
			set_limit(
			    c,
			    (struct spec_num *)((char *)s + limit_keys[i].off),
			    p->value,
			    !strcmp(key, "mem_limit") ||
				    !strcmp(key, "memswap_limit")
				? "memory"
				: key);
			return;
		}
}

static struct compose_file *load_file(struct compose_ctx *c, const char *path,
				      const char *data, size_t len,
				      struct err *e);

static void apply_service(struct compose_ctx *c, struct container_spec *s,
			  struct compose_file *f, const char *name, int depth);

/* Whether f and g are the same file on disk, however their paths read. */
static bool
file_same(const struct compose_file *f, const struct compose_file *g)
{
	return f == g ||
	       (f->has_id && g->has_id && f->dev == g->dev && f->ino == g->ino);
}

/* Where (f, name) is on the extends chain; -1 when it is not. */
static int
ext_chain_find(const struct compose_ctx *c, const struct compose_file *f,
	       const char *name)
{
	for (size_t i = 0; i < c->n_ext; i++)
		if (file_same(c->ext_chain[i].f, f) &&
		    !strcmp(c->ext_chain[i].name, name))
			return (int)i;
	return -1;
}

/* A key for service name of f, the same however f's path is spelt. */
static char *
ext_cycle_key(const struct compose_file *f, const char *name)
{
	if (f->has_id)
		return xasprintf("%ju:%ju:%s", (uintmax_t)f->dev,
				 (uintmax_t)f->ino, name);
	return xasprintf("%zu:%s:%s", strlen(f->path), f->path, name);
}

/*
 * The chain from index `from` closes on itself: report it once, naming
 * its services (and their files when it crosses files), however many of
 * its members are audited and find it again.
 */
static void
ext_cycle_problem(struct compose_ctx *c, const struct yaml_node *ext,
		  size_t from)
{
	const struct compose_file *first = c->ext_chain[from].f;
	struct buf b = BUF_INIT;
	bool seen = false, cross = false;

	for (size_t i = from; i < c->n_ext; i++) {
		char *key =
		    ext_cycle_key(c->ext_chain[i].f, c->ext_chain[i].name);

		seen |= strmap_has(&c->ext_cycles, key);
		cross |= !file_same(c->ext_chain[i].f, first);
		strmap_put(&c->ext_cycles, key, NULL);
		free(key);
	}
	if (seen)
		return;
	for (size_t i = from; i <= c->n_ext; i++) {
		const struct ext_link *l =
		    &c->ext_chain[i < c->n_ext ? i : from];

		buf_addf(&b, "'%s'", l->name);
		if (cross)
			buf_addf(&b, " ('%s')", l->f->path);
		if (i < c->n_ext)
			buf_addstr(&b, " -> ");
	}
	problem(c, ext, "'extends' cycle: %s", b.data);
	buf_release(&b);
}

/* extends: apply the base service first, from this file or another. */
static void
apply_extends(struct compose_ctx *c, struct container_spec *s,
	      struct compose_file *f, const struct yaml_node *ext, int depth)
{
	const char *base = ext->kind == YAML_MAP
			       ? scalar(c, yaml_get(ext, "service"), NULL)
			       : scalar(c, ext, NULL);
	const char *other = scalar(c, yaml_get(ext, "file"), NULL);
	struct compose_file *bf = f;
	struct err e = ERR_INIT;
	int at;

	if (!base) {
		problem(c, ext, "'extends' names no service");
		return;
	}
	if (other) {
		char *dir = path_dirname(f->path);
		char *p =
		    other[0] == '/' ? xstrdup(other) : path_join(dir, other);

		free(dir);
		bf = load_file(c, p, NULL, 0, &e);
		free(p);
		if (!bf) {
			problem(c, ext, "%s", e.msg);
			return;
		}
	}
	if ((at = ext_chain_find(c, bf, base)) >= 0) {
		ext_cycle_problem(c, ext, (size_t)at);
		return;
	}
	if (depth >= COMPOSE_MAX_EXTENDS) {
		problem(c, ext, "'extends' chain deeper than %d",
			COMPOSE_MAX_EXTENDS);
		return;
	}
	apply_service(c, s, bf, base, depth + 1);
	c->file = arena_strdup(&c->l->arena, f->path);
}

/* The service `name` of f, through f's index. */
static const struct yaml_node *
service_node(struct compose_file *f, const struct yaml_node *svcs,
	     const char *name)
{
	if (!f->indexed) {
		for (size_t i = 0;
		     svcs && svcs->kind == YAML_MAP && i < svcs->n; i++) {
			const char *k = yaml_str(svcs->pairs[i].key);

			if (k)
				strmap_put(&f->services, k,
					   (void *)svcs->pairs[i].value);
		}
		f->indexed = true;
	}
	return strmap_get(&f->services, name);
}

static void
apply_service(struct compose_ctx *c, struct container_spec *s,
	      struct compose_file *f, const char *name, int depth)
{
	const struct yaml_node *svcs = yaml_get(f->doc.root, "services");
	const struct yaml_node *svc = service_node(f, svcs, name);
	const struct yaml_node *ext;

	c->file = arena_strdup(&c->l->arena, f->path);
	if (!svc) {
		problem(c, svcs, "no service '%s' to extend", name);
		return;
	}
	if (svc->kind != YAML_MAP) {
		if (!yaml_is_null(svc))
			problem(c, svc, "service '%s' must be a mapping", name);
		return;
	}
	ext = yaml_get(svc, "extends");
	if (ext) {
		/* depth < COMPOSE_MAX_EXTENDS here: the chain has room */
		c->ext_chain[c->n_ext++] = (struct ext_link){ f, name };
		apply_extends(c, s, f, ext, depth);
		c->n_ext--;
	}
	for (size_t i = 0; i < svc->n; i++)
		apply_field(c, s, &svc->pairs[i]);
}

/* Read and parse a file once; later requests get the same one. */
static struct compose_file *
load_file(struct compose_ctx *c, const char *path, const char *data, size_t len,
	  struct err *e)
{
	struct buf b = BUF_INIT;
	struct compose_file *f;
	struct stat st;
	int rc;

	for (size_t i = 0; i < c->n_files; i++)
		if (!strcmp(c->files[i]->path, path))
			return c->files[i]->loaded ? c->files[i] : NULL;
	if (c->n_files >= COMPOSE_MAX_FILES) {
		err_set(e, ERR_INPUT, "more than %d compose files",
			COMPOSE_MAX_FILES);
		return NULL;
	}
	ALLOC_GROW(c->files, c->n_files + 1, c->cap_files);
	/* Each file is its own allocation: callers keep pointers to it
	 * while extends loads more. */
	f = xcalloc(1, sizeof(*f));
	c->files[c->n_files++] = f;
	f->path = xstrdup(path);
	if (!data) {
		if (file_read(path, COMPOSE_MAX_FILE, &b, e))
			goto out;
		data = b.data;
		len = b.len;
		if (!stat(path, &st)) {
			f->dev = st.st_dev;
			f->ino = st.st_ino;
			f->has_id = true;
		}
	} else if (len > COMPOSE_MAX_FILE) {
		err_set(e, ERR_INPUT, "'%s' is larger than %u bytes", path,
			COMPOSE_MAX_FILE);
		goto out;
	}
	rc = yaml_parse(&f->doc, data, len, path, e);
	if (rc)
		goto out;
	if (f->doc.root && f->doc.root->kind != YAML_MAP) {
		err_set(e, ERR_INPUT, "%s:%u: the top level is not a mapping",
			path, f->doc.root->line);
		yaml_doc_release(&f->doc);
		goto out;
	}
	f->loaded = true;
out:
	buf_release(&b);
	return f->loaded ? f : NULL;
}

/*
 * Read the variables file at path into vars (existing keys stay).  A
 * missing file is normal when it is only the default .env (!named);
 * anything else that stops the read (no permission, a directory or a
 * FIFO, past COMPOSE_MAX_ENV_FILE) is a problem, as docker compose
 * refuses it too, and the load goes on without those variables.
 * Returns NULL, or why the file is not used (for ${VAR:?} messages).
 */
static char *
vars_read(struct compose_ctx *c, struct strmap *vars, const char *path,
	  bool named)
{
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;
	struct stat st;
	char *why = NULL;

	if (!named && stat(path, &st) && errno == ENOENT)
		return NULL;
	if (file_read(path, COMPOSE_MAX_ENV_FILE, &b, &e)) {
		strvec_push_nodup(
		    c->problems,
		    xasprintf("%s; its variables are not used", e.msg));
		why = xasprintf("'%s' could not be read", path);
	} else {
		compose_dotenv_parse(b.data, b.len, vars);
	}
	buf_release(&b);
	return why;
}

static void
load_dotenv(struct compose_ctx *c, const char *first)
{
	char *dir, *path;

	if (c->opts->env_file && !*c->opts->env_file)
		return;
	if (c->opts->env_file) {
		path = xstrdup(c->opts->env_file);
	} else {
		dir = path_dirname(first);
		path = path_join(dir, ".env");
		free(dir);
	}
	c->dotenv_unread = vars_read(c, &c->dotenv, path, c->opts->env_file);
	c->vars_unread = c->dotenv_unread;
	free(path);
}

static struct container_spec *
spec_for(struct compose_ctx *c, const char *name, const struct yaml_pair *key)
{
	struct container_spec *s = strmap_get(&c->specs, name);

	if (s)
		return s;
	s = spec_list_add(c->l, SPEC_COMPOSE, name);
	s->file = c->file;
	s->pos = pos_at(c, key->key);
	strmap_put(&c->specs, name, s);
	return s;
}

/*
 * Whether `name` was already defined by another include of the same -f
 * file (or by an include of this one): Compose refuses that ("conflicts
 * with imported resource").  The first definition stays.
 */
static bool
origin_conflict(struct compose_ctx *c, const char *name,
		const struct yaml_pair *key)
{
	struct svc_origin *o = strmap_get(&c->origin, name);

	if (!o) {
		o = arena_alloc(&c->l->arena, sizeof(*o));
		o->file = c->file;
		o->group = c->group;
		o->top = c->top;
		strmap_put(&c->origin, name, o);
		return false;
	}
	if (o->top != c->top || o->group == c->group)
		return false;
	problem(c, key->key,
		"service '%s' conflicts with imported resource in '%s'", name,
		o->file);
	return true;
}

static void
apply_file(struct compose_ctx *c, struct compose_file *f, size_t first_spec)
{
	const struct yaml_node *svcs = yaml_get(f->doc.root, "services");

	c->file = arena_strdup(&c->l->arena, f->path);
	if (!svcs || yaml_is_null(svcs))
		return;
	if (svcs->kind != YAML_MAP) {
		problem(c, svcs, "'services' must be a mapping");
		return;
	}
	for (size_t i = 0; i < svcs->n; i++) {
		const char *name = yaml_str(svcs->pairs[i].key);
		struct container_spec *s;

		if (!name)
			continue;
		if (origin_conflict(c, name, &svcs->pairs[i]))
			continue;
		s = spec_for(c, name, &svcs->pairs[i]);
		if (is_reset(svcs->pairs[i].value)) {
			/* NEEDSWORK: a !reset service should vanish. */
			continue;
		}
		apply_service(c, s, f, name, 0);
	}
	(void)first_spec;
}

static void process_file(struct compose_ctx *c, struct compose_file *f,
			 unsigned group);

/* A path of an include entry, relative to dir; NULL when n is not one. */
static char *
include_path(struct compose_ctx *c, const struct yaml_node *n, const char *dir,
	     const char *key)
{
	const char *v = want_scalar(c, n, key);

	if (!v || !*v)
		return NULL;
	return v[0] == '/' ? xstrdup(v) : path_join(dir, v);
}

/* Keep the first reason a variables file was not used. */
static void
why_keep(char **why, char *more)
{
	if (*why)
		free(more);
	else
		*why = more;
}

/*
 * The variables of an include entry: its env_file (later files win), or
 * the .env of its project directory; the given environment wins over both.
 * Returns NULL, or why a variables file was not used (the caller frees).
 */
static char *
include_vars(struct compose_ctx *c, struct strmap *vars,
	     const struct yaml_node *ef, const char *dir, const char *proj)
{
	char *why = NULL;

	if (ef && ef->kind == YAML_SEQ) {
		/* compose_dotenv_parse keeps existing keys: read backwards */
		for (size_t i = ef->n; i-- > 0;) {
			char *p =
			    include_path(c, ef->items[i], dir, "env_file");

			if (p)
				why_keep(&why, vars_read(c, vars, p, true));
			free(p);
		}
	} else if (ef) {
		char *p = include_path(c, ef, dir, "env_file");

		if (p)
			why_keep(&why, vars_read(c, vars, p, true));
		free(p);
	} else {
		char *p = path_join(proj, ".env");

		why_keep(&why, vars_read(c, vars, p, false));
		free(p);
	}
	if (c->opts->env) {
		const char *k;
		void *v;

		for (size_t i = 0; strmap_next(c->opts->env, &i, &k, &v);)
			free(strmap_put(vars, k, xstrdup(v)));
	}
	return why;
}

/* Whether the file at path is already on the include chain. */
static bool
chain_has(const struct compose_ctx *c, const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return false;
	for (size_t i = 0; i < c->n_chain; i++)
		if (c->chain[i]->has_id && c->chain[i]->dev == st.st_dev &&
		    c->chain[i]->ino == st.st_ino)
			return true;
	return false;
}

static void
chain_problem(struct compose_ctx *c, const struct yaml_node *n,
	      const char *path)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < c->n_chain; i++)
		buf_addf(&b, "'%s' -> ", c->chain[i]->path);
	buf_addf(&b, "'%s'", path);
	problem(c, n, "include cycle: %s", b.data);
	buf_release(&b);
}

/* Load one path of an include entry; NULL (reported) when it cannot be. */
static struct compose_file *
include_load(struct compose_ctx *c, const struct yaml_node *n, const char *path)
{
	struct err e = ERR_INIT;
	struct compose_file *g;

	if (chain_has(c, path)) {
		chain_problem(c, n, path);
		return NULL;
	}
	if (c->n_chain > COMPOSE_MAX_INCLUDE) {
		problem(c, n, "'include' nested deeper than %d at '%s'",
			COMPOSE_MAX_INCLUDE, path);
		return NULL;
	}
	g = load_file(c, path, NULL, 0, &e);
	if (!g)
		problem(c, n, "cannot include '%s': %s", path,
			e.kind != ERR_NONE ? e.msg : "it could not be loaded");
	return g;
}

/*
 * One entry of `include`: a path, or a mapping with `path` (one or a
 * list, merged in order), `project_directory` and `env_file`.  Paths are
 * relative to the including file's directory.
 */
static void
include_entry(struct compose_ctx *c, struct compose_file *f,
	      const struct yaml_node *it)
{
	const struct yaml_node *pn = it, *pd = NULL, *ef = NULL;
	struct compose_file *g[COMPOSE_MAX_FILES];
	char *dir = path_dirname(f->path), *proj = NULL;
	struct strmap vars = STRMAP_INIT;
	struct strmap *saved = c->vars;
	const char *saved_why = c->vars_unread;
	char *why = NULL;
	unsigned group;
	size_t ng = 0;

	if (it->kind == YAML_MAP) {
		pn = yaml_get(it, "path");
		pd = yaml_get(it, "project_directory");
		ef = yaml_get(it, "env_file");
		if (!pn) {
			problem(c, it, "'include' entry has no 'path'");
			goto out;
		}
	}
	if (pn->kind == YAML_SEQ) {
		for (size_t i = 0; i < pn->n && ng < ARRAY_SIZE(g); i++) {
			char *p = include_path(c, pn->items[i], dir, "path");

			if (p && !ng && !pd)
				proj = path_dirname(p);
			if (p && (g[ng] = include_load(c, pn->items[i], p)))
				ng++;
			free(p);
		}
	} else {
		char *p = include_path(c, pn, dir, "path");

		if (p && !pd)
			proj = path_dirname(p);
		if (p && (g[ng] = include_load(c, pn, p)))
			ng++;
		free(p);
	}
	if (pd)
		proj = include_path(c, pd, dir, "project_directory");
	if (!proj)
		proj = xstrdup(dir);
	why = include_vars(c, &vars, ef, dir, proj);
	group = ++c->n_groups;
	c->vars = &vars;
	c->vars_unread = why;
	for (size_t i = 0; i < ng; i++) {
		/* a file imported twice (a diamond) is the same resources */
		if (g[i]->included || g[i]->active)
			continue;
		g[i]->included = true;
		process_file(c, g[i], group);
	}
	c->vars = saved;
	c->vars_unread = saved_why;
out:
	strmap_release(&vars, free);
	free(why);
	free(proj);
	free(dir);
}

/* f's includes first, then its own services (group: see svc_origin). */
static void
process_file(struct compose_ctx *c, struct compose_file *f, unsigned group)
{
	const struct yaml_node *inc = yaml_get(f->doc.root, "include");

	f->active = true;
	c->chain[c->n_chain++] = f;
	if (inc && inc->kind == YAML_SEQ) {
		for (size_t i = 0; i < inc->n; i++) {
			c->file = arena_strdup(&c->l->arena, f->path);
			include_entry(c, f, inc->items[i]);
		}
	} else if (inc && !yaml_is_null(inc)) {
		c->file = arena_strdup(&c->l->arena, f->path);
		problem(c, inc, "'include' must be a list");
	}
	c->group = group;
	apply_file(c, f, c->l->n);
	c->n_chain--;
	f->active = false;
}

static void
ctx_release(struct compose_ctx *c)
{
	for (size_t i = 0; i < c->n_files; i++) {
		free(c->files[i]->path);
		if (c->files[i]->loaded)
			yaml_doc_release(&c->files[i]->doc);
		strmap_release(&c->files[i]->services, NULL);
		free(c->files[i]);
	}
	free(c->files);
	strmap_release(&c->dotenv, free);
	free(c->dotenv_unread);
	strmap_release(&c->specs, NULL);
	strmap_release(&c->origin, NULL);
	strmap_release(&c->ext_cycles, NULL);
	strmap_release(&c->blank_warned, NULL);
	buf_release(&c->tmp);
}

static int
load_all(struct spec_list *l, const char *const *files, size_t n,
	 const char *data, size_t len, const struct compose_opts *opts,
	 struct strvec *problems, struct err *e)
{
	static const struct compose_opts none = { 0 };
	struct compose_ctx c = { 0 };
	int rc = 0;

	c.l = l;
	c.opts = opts ? opts : &none;
	c.problems = problems;
	c.vars = &c.dotenv;
	buf_init(&c.tmp);
	if (n)
		load_dotenv(&c, files[0]);
	if (c.opts->env) {
		const char *k;
		void *v;

		/* The given environment wins over the .env file. */
		for (size_t i = 0; strmap_next(c.opts->env, &i, &k, &v);)
			free(strmap_put(&c.dotenv, k, xstrdup(v)));
	}
	for (size_t i = 0; i < n && !rc; i++) {
		struct compose_file *f = load_file(&c, files[i], data, len, e);

		if (!f) {
			rc = -1;
			break;
		}
		c.top = i;
		process_file(&c, f, 0);
	}
	ctx_release(&c);
	return rc;
}

int
compose_load(struct spec_list *l, const char *const *files, size_t n,
	     const struct compose_opts *opts, struct strvec *problems,
	     struct err *e)
{
	return load_all(l, files, n, NULL, 0, opts, problems, e);
}

int
compose_load_buf(struct spec_list *l, const char *data, size_t len,
		 const char *name, const struct compose_opts *opts,
		 struct strvec *problems, struct err *e)
{
	struct compose_opts o = opts ? *opts : (struct compose_opts){ 0 };

	if (!o.env_file)
		o.env_file = "";
	return load_all(l, &name, 1, data, len, &o, problems, e);
}

bool
compose_service_active(const struct container_spec *s,
		       const char *const *active, size_t n)
{
	const char *p = s->profiles;

	if (!n || !p)
		return true;
	while (*p) {
		size_t len = strcspn(p, ",");

		for (size_t i = 0; i < n; i++)
			if (!strcmp(active[i], "*") ||
			    (strlen(active[i]) == len &&
			     !strncmp(active[i], p, len)))
				return true;
		p += len;
		if (*p)
			p++;
	}
	return false;
}
