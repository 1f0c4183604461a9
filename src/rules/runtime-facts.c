/*
 * Facts the runtime rules share: dangerous capabilities, sensitive host
 * paths, runtime sockets, credential-like variable names.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "rules/runtime-internal.h"

static const char *
origin_word(enum spec_origin o)
{
	switch (o) {
	case SPEC_COMPOSE:
		return "service";
	case SPEC_RUN:
		return "docker run";
	case SPEC_ENGINE:
		return "container";
	}
	return "";
}

struct finding *
rt_report(const struct rule *r, const struct container_spec *s,
	  const struct spec_pos *pos, struct findings *out, const char *fmt,
	  ...)
{
	struct location loc = LOCATION_INIT;
	struct buf msg = BUF_INIT;
	struct finding *f;
	va_list ap;

	if (!pos || !pos->line) {
		/* Command-line words have a column (the word index) only. */
		if (!pos || !pos->col)
			pos = &s->pos;
	}
	loc.file = pos->file ? pos->file : s->file;
	if (!loc.file && s->origin == SPEC_RUN)
		loc.file = "command line";
	loc.line = pos->line;
	loc.column = pos->col;
	loc.target = s->name;
	buf_addf(&msg, "%s '%s': ", origin_word(s->origin), s->name);
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	f = findings_add_rule(out, r, &loc, "%s", msg.data);
	buf_release(&msg);
	return f;
}

/*
 * Capabilities that, added to a container, give it power over the host or
 * other containers: ALL; SYS_ADMIN (mount, namespaces: most escapes);
 * SYS_MODULE (kernel modules); SYS_RAWIO, SYS_PTRACE (other processes'
 * memory); DAC_READ_SEARCH (open_by_handle_at, the "shocker" escape);
 * NET_ADMIN (host firewall and interfaces with host networking); BPF,
 * PERFMON; SYS_BOOT, SYS_TIME; MAC_ADMIN, MAC_OVERRIDE (the LSM);
 * AUDIT_CONTROL, SYSLOG; LINUX_IMMUTABLE; SYS_RESOURCE.
 */
static const char *const dangerous_caps[] = {
	"ALL",		"SYS_ADMIN",	   "SYS_MODULE", "SYS_RAWIO",
	"SYS_PTRACE",	"DAC_READ_SEARCH", "NET_ADMIN",	 "BPF",
	"PERFMON",	"SYS_BOOT",	   "SYS_TIME",	 "MAC_ADMIN",
	"MAC_OVERRIDE", "AUDIT_CONTROL",   "SYSLOG",	 "LINUX_IMMUTABLE",
	"SYS_RESOURCE",
};

bool
rt_cap_dangerous(const char *cap)
{
	for (size_t i = 0; i < ARRAY_SIZE(dangerous_caps); i++)
		if (!strcasecmp(cap, dangerous_caps[i]))
			return true;
	return false;
}

bool
rt_drops_all(const struct container_spec *s)
{
	for (size_t i = 0; i < s->cap_drop.n; i++)
		if (!strcasecmp(s->cap_drop.v[i].v, "ALL"))
			return true;
	return false;
}

/* "/var//run/" to "/var/run"; "" for "/". */
static char *
path_clean(const char *p)
{
	struct buf b = BUF_INIT;

	for (const char *s = p; *s; s++) {
		if (*s == '/' && (s[1] == '/' || !s[1]))
			continue;
		if (*s == '/' && s[1] == '.' && (s[2] == '/' || !s[2])) {
			s++;
			continue;
		}
		buf_addch(&b, *s);
	}
	return buf_detach(&b, NULL);
}

static const char *const runtime_sockets[] = {
	"/var/run/docker.sock",
	"/run/docker.sock",
	"/var/run/containerd/containerd.sock",
	"/run/containerd/containerd.sock",
	"/var/run/crio/crio.sock",
	"/run/crio/crio.sock",
	"/var/run/podman/podman.sock",
	"/run/podman/podman.sock",
	"/var/run/cri-dockerd.sock",
	"/run/cri-dockerd.sock",
};

bool
rt_path_is_runtime_socket(const char *path)
{
	char *p = path_clean(path);
	const char *base = strrchr(p, '/');
	bool hit = false;

	for (size_t i = 0; i < ARRAY_SIZE(runtime_sockets) && !hit; i++)
		hit = !strcmp(p, runtime_sockets[i]);
	/* Rootless daemons: /run/user/1000/docker.sock and the like. */
	base = base ? base + 1 : p;
	if (!hit && str_ends_with(base, ".sock"))
		hit = strstr(base, "docker") || strstr(base, "containerd") ||
		      strstr(base, "podman") || strstr(base, "crio");
	free(p);
	return hit;
}

/* Mounting these, or a directory above them, hands the host over. */
static const char *const sensitive_paths[] = {
	"/",
	"/boot",
	"/dev",
	"/etc",
	"/lib",
	"/proc",
	"/sys",
	"/usr",
	"/var/run",
	"/run",
	"/root",
	"/var/lib/docker",
	"/var/lib/containerd",
};

/* Anything below these is sensitive too (but not below /etc or /dev as a
 * whole: /etc/localtime and /dev/shm are common and harmless). */
static const char *const sensitive_trees[] = {
	"/proc",
	"/sys",
	"/boot",
	"/root",
	"/var/lib/docker",
	"/etc/shadow",
	"/etc/sudoers",
	"/etc/ssh",
	"/etc/kubernetes",
	"/etc/docker",
	"/var/lib/kubelet",
};

static bool
is_below(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(p, dir, n) && (p[n] == '/' || !p[n]);
}

bool
rt_path_is_sensitive(const char *path, const char **what)
{
	char *p;
	bool hit = false;

	if (path[0] != '/')
		return false;
	p = path_clean(path);
	for (size_t i = 0; i < ARRAY_SIZE(sensitive_paths) && !hit; i++) {
		const char *s = sensitive_paths[i];

		/* Equal to it, or a directory above it ("" is "/"). */
		hit = !strcmp(p, s[1] ? s : "") ||
		      (!*p || (is_below(s, p) && strcmp(s, "/")));
		if (hit)
			*what = s;
	}
	for (size_t i = 0; i < ARRAY_SIZE(sensitive_trees) && !hit; i++) {
		hit = is_below(p, sensitive_trees[i]);
		if (hit)
			*what = sensitive_trees[i];
	}
	free(p);
	return hit;
}

bool
rt_mode_is_host(const char *mode)
{
	return mode && !strcasecmp(mode, "host");
}

/* Name parts that mark a credential. */
static const char *const secret_words[] = {
	"PASSWORD",    "PASSWD",     "PASS",	"PWD",	      "SECRET",
	"TOKEN",       "APIKEY",     "API_KEY", "PRIVATE",    "CREDENTIAL",
	"CREDENTIALS", "ACCESS_KEY", "AUTH",	"SECRET_KEY",
};

/* Name endings that mean the value is not the secret itself. */
static const char *const not_secret_suffixes[] = {
	"_FILE",    "_PATH", "_DIR",  "_ID",	 "_USER",     "_USERNAME",
	"_NAME",    "_HOST", "_PORT", "_LENGTH", "_TTL",      "_EXPIRY",
	"_ENABLED", "_MODE", "_TYPE", "_METHOD", "_URL_FILE",
};

/* Whole "words" of a NAME_LIKE_THIS, so PASS matches DB_PASS but not
 * PASSAGE; SECRET_KEY, API_KEY match across one underscore. */
static bool
name_has_word(const char *name, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = name; (p = str_icase_find(p, w)); p++) {
		bool start =
		    p == name || p[-1] == '_' || p[-1] == '-' || p[-1] == '.';
		bool end = !p[n] || p[n] == '_' || p[n] == '-' || p[n] == '.';

		if (start && end)
			return true;
	}
	return false;
}

static bool
name_is_credential(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(not_secret_suffixes); i++)
		if (str_iends_with(name, not_secret_suffixes[i]))
			return false;
	for (size_t i = 0; i < ARRAY_SIZE(secret_words); i++)
		if (name_has_word(name, secret_words[i]))
			return true;
	return false;
}

/* scheme://user:password@host with a literal password. */
static bool
url_has_password(const char *v)
{
	const char *s = strstr(v, "://"), *at, *colon;

	if (!s)
		return false;
	s += 3;
	at = strchr(s, '@');
	if (!at)
		return false;
	colon = memchr(s, ':', (size_t)(at - s));
	return colon && colon + 1 < at && !memchr(s, '/', (size_t)(at - s));
}

static bool
value_is_placeholder(const char *v)
{
	return !*v || !strcasecmp(v, "true") || !strcasecmp(v, "false") ||
	       str_starts_with(v, "/run/secrets/") || v[0] == '/';
}

bool
rt_env_is_literal_secret(const struct spec_env *ev)
{
	if (ev->kind != SPEC_ENV_LITERAL || !ev->value)
		return false;
	if (url_has_password(ev->value))
		return true;
	return name_is_credential(ev->name) && !value_is_placeholder(ev->value);
}
