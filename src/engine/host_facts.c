/*
 * Gathering struct host_facts: the Engine API, daemon.json, the daemon's
 * command line in its unit files, the files' owners and modes, and
 * /etc/group.
 */
#include "engine/host_facts.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "engine/engine.h"

/* /proc/PID/environ of a daemon: a few kilobytes at most. */
#define HOST_ENVIRON_MAX (256u * 1024)
/* /proc/PID/cmdline: the kernel caps argv well below this. */
#define HOST_CMDLINE_MAX (4u * 1024 * 1024)

static const char *const file_kind_names[HOST_FILE_KINDS] = {
	[HOST_FILE_SERVICE] = "docker.service",
	[HOST_FILE_SOCKET_UNIT] = "docker.socket",
	[HOST_FILE_ETC_DOCKER] = "/etc/docker",
	[HOST_FILE_REGISTRY_CERT] = "registry certificate",
	[HOST_FILE_TLS_CA] = "TLS CA certificate",
	[HOST_FILE_TLS_CERT] = "TLS server certificate",
	[HOST_FILE_TLS_KEY] = "TLS server key",
	[HOST_FILE_SOCK] = "Docker socket",
	[HOST_FILE_DAEMON_JSON] = "daemon.json",
	[HOST_FILE_DEFAULT] = "/etc/default/docker",
	[HOST_FILE_SYSCONFIG] = "/etc/sysconfig/docker",
	[HOST_FILE_CONTAINERD_SOCK] = "containerd socket",
};

const char *
host_file_kind_name(enum host_file_kind kind)
{
	return kind < HOST_FILE_KINDS ? file_kind_names[kind] : "file";
}

void
host_facts_init(struct host_facts *f)
{
	memset(f, 0, sizeof(*f));
}

void
host_facts_release(struct host_facts *f)
{
	free(f->engine_host);
	free(f->version);
	free(f->api_version);
	free(f->os_type);
	free(f->seccomp_profile);
	free(f->logging_driver);
	free(f->storage_driver);
	strvec_release(&f->insecure_registries);
	strvec_release(&f->plain_tcp_hosts);
	strvec_release(&f->tls_paths);
	free(f->daemon_config_arg);
	free(f->daemon_json_path);
	free(f->sock_path);
	for (size_t i = 0; i < f->nfiles; i++)
		free(f->files[i].path);
	free(f->files);
	strvec_release(&f->docker_group_members);
	free(f->content_trust);
	strvec_release(&f->notes);
	memset(f, 0, sizeof(*f));
}

static void
tri_set(enum host_tri *t, bool yes)
{
	if (*t == HOST_UNKNOWN)
		*t = yes ? HOST_YES : HOST_NO;
}

static void
str_set(char **dst, const char *s)
{
	if (!*dst && s && *s)
		*dst = xstrdup(s);
}

struct host_file *
host_facts_add_file(struct host_facts *f, enum host_file_kind kind,
		    const char *path)
{
	struct host_file *hf;

	f->files = xreallocarray(f->files, f->nfiles + 1, sizeof(*f->files));
	hf = &f->files[f->nfiles++];
	memset(hf, 0, sizeof(*hf));
	hf->kind = kind;
	hf->path = xstrdup(path);
	return hf;
}

/* ---- the Engine ---- */

/* One SecurityOptions entry: "name=seccomp,profile=default". */
static void
info_security_option(struct host_facts *f, const char *opt)
{
	char *copy = xstrdup(opt), *p = copy, *name = NULL, *profile = NULL;

	while (p && *p) {
		char *next = strchr(p, ',');

		if (next)
			*next++ = '\0';
		if (str_starts_with(p, "name="))
			name = p + 5;
		else if (str_starts_with(p, "profile="))
			profile = p + 8;
		p = next;
	}
	if (!name)
		name = copy; /* old daemons list bare names */
	if (!strcmp(name, "rootless"))
		f->rootless = HOST_YES;
	else if (!strcmp(name, "userns"))
		f->userns = HOST_YES;
	else if (!strcmp(name, "no-new-privileges"))
		f->no_new_privileges = HOST_YES;
	else if (!strcmp(name, "seccomp")) {
		f->seccomp = HOST_YES;
		str_set(&f->seccomp_profile, profile);
	}
	free(copy);
}

static bool
cidr_is_loopback(const char *cidr)
{
	return str_starts_with(cidr, "127.") || !strcmp(cidr, "::1/128");
}

static void
info_registries(struct host_facts *f, const json_t *reg)
{
	const json_t *cidrs = json_object_get(reg, "InsecureRegistryCIDRs");
	const json_t *idx = json_object_get(reg, "IndexConfigs");
	const char *key;
	json_t *v;
	size_t i;

	json_array_foreach(cidrs, i, v)
	{
		const char *s = json_string_value(v);

		if (s && !cidr_is_loopback(s) &&
		    !strvec_contains(&f->insecure_registries, s))
			strvec_push(&f->insecure_registries, s);
	}
	json_object_foreach((json_t *)idx, key, v)
	{
		if (json_is_false(json_object_get(v, "Secure")) &&
		    !strvec_contains(&f->insecure_registries, key))
			strvec_push(&f->insecure_registries, key);
	}
}

void
host_facts_from_info(struct host_facts *f, const json_t *info)
{
	const json_t *opts = json_object_get(info, "SecurityOptions");
	const char *cg;
	json_t *v;
	size_t i;

	if (!json_is_object(info))
		return;
	if (json_is_array(opts)) {
		json_array_foreach(opts, i, v)
		{
			if (json_is_string(v))
				info_security_option(f, json_string_value(v));
		}
		/* The list is complete: what it omits is off. */
		tri_set(&f->rootless, false);
		tri_set(&f->userns, false);
		tri_set(&f->seccomp, false);
	}
	cg = json_string_value(json_object_get(info, "CgroupVersion"));
	if (cg && (!strcmp(cg, "1") || !strcmp(cg, "2")))
		f->cgroup_version = cg[0] - '0';
	v = json_object_get(info, "LiveRestoreEnabled");
	if (json_is_boolean(v))
		tri_set(&f->live_restore, json_is_true(v));
	str_set(&f->logging_driver,
		json_string_value(json_object_get(info, "LoggingDriver")));
	str_set(&f->storage_driver,
		json_string_value(json_object_get(info, "Driver")));
	str_set(&f->os_type,
		json_string_value(json_object_get(info, "OSType")));
	v = json_object_get(info, "RegistryConfig");
	if (json_is_object(v))
		info_registries(f, v);
}

void
host_facts_from_version(struct host_facts *f, const json_t *version)
{
	str_set(&f->version,
		json_string_value(json_object_get(version, "Version")));
	str_set(&f->api_version,
		json_string_value(json_object_get(version, "ApiVersion")));
}

void
host_facts_from_bridge(struct host_facts *f, const json_t *net)
{
	const char *icc;

	if (!net) {
		/* No default bridge: nothing to talk across. */
		f->bridge = HOST_NO;
		tri_set(&f->icc, false);
		return;
	}
	f->bridge = HOST_YES;
	icc = json_string_value(
	    json_object_get(json_object_get(net, "Options"),
			    "com.docker.network.bridge.enable_icc"));
	/* The daemon writes the option on the bridge it creates. */
	if (icc)
		tri_set(&f->icc, strcmp(icc, "false") != 0);
}

/* ---- daemon.json ---- */

static void
json_bool_into(const json_t *obj, const char *key, enum host_tri *t)
{
	const json_t *v = json_object_get(obj, key);

	if (json_is_boolean(v))
		tri_set(t, json_is_true(v));
}

static bool
host_is_tcp(const char *h)
{
	return str_starts_with(h, "tcp://") || str_starts_with(h, "http://") ||
	       str_starts_with(h, "https://");
}

static void
add_plain_tcp(struct host_facts *f, const char *h)
{
	if (!strvec_contains(&f->plain_tcp_hosts, h))
		strvec_push(&f->plain_tcp_hosts, h);
}

/* The same file named on the command line and in a unit is one file. */
static void
add_tls_path(struct host_facts *f, const char *kind, const char *path)
{
	char *s;

	if (!path || !*path)
		return;
	s = xasprintf("%s=%s", kind, path);
	if (!strvec_contains(&f->tls_paths, s))
		strvec_push(&f->tls_paths, s);
	free(s);
}

static void
daemon_json_hosts(struct host_facts *f, const json_t *cfg)
{
	const json_t *hosts = json_object_get(cfg, "hosts");
	bool verify = json_is_true(json_object_get(cfg, "tlsverify"));
	json_t *v;
	size_t i;

	json_array_foreach(hosts, i, v)
	{
		const char *h = json_string_value(v);

		if (h && host_is_tcp(h) && !verify)
			add_plain_tcp(f, h);
	}
	add_tls_path(f, "ca",
		     json_string_value(json_object_get(cfg, "tlscacert")));
	add_tls_path(f, "cert",
		     json_string_value(json_object_get(cfg, "tlscert")));
	add_tls_path(f, "key",
		     json_string_value(json_object_get(cfg, "tlskey")));
}

static void
daemon_json_settings(struct host_facts *f, const json_t *cfg)
{
	const char *s;
	const json_t *v;
	size_t i;

	json_bool_into(cfg, "icc", &f->icc);
	json_bool_into(cfg, "userland-proxy", &f->userland_proxy);
	json_bool_into(cfg, "live-restore", &f->live_restore);
	json_bool_into(cfg, "no-new-privileges", &f->no_new_privileges);
	s = json_string_value(json_object_get(cfg, "userns-remap"));
	if (s)
		tri_set(&f->userns, *s != '\0');
	s = json_string_value(json_object_get(cfg, "seccomp-profile"));
	if (s && *s) {
		str_set(&f->seccomp_profile, s);
		tri_set(&f->seccomp, strcmp(s, "unconfined") != 0);
	}
	str_set(&f->logging_driver,
		json_string_value(json_object_get(cfg, "log-driver")));
	str_set(&f->storage_driver,
		json_string_value(json_object_get(cfg, "storage-driver")));
	json_array_foreach(json_object_get(cfg, "insecure-registries"), i, v)
	{
		s = json_string_value(v);
		if (s && !cidr_is_loopback(s) &&
		    !strvec_contains(&f->insecure_registries, s))
			strvec_push(&f->insecure_registries, s);
	}
	daemon_json_hosts(f, cfg);
}

int
host_facts_from_daemon_json(struct host_facts *f, const char *text, size_t len,
			    const char *name, struct err *e)
{
	json_error_t jerr;
	json_t *cfg;

	cfg = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!cfg)
		return err_set(e, ERR_INPUT, "cannot parse '%s': line %d: %s",
			       name, jerr.line, jerr.text);
	if (!json_is_object(cfg)) {
		json_decref(cfg);
		return err_set(e, ERR_INPUT,
			       "cannot parse '%s': not a JSON object", name);
	}
	daemon_json_settings(f, cfg);
	json_decref(cfg);
	return 0;
}

/* ---- the daemon's command line ---- */

/* The words of one command line, quotes removed (no escapes). */
static void
split_words(const char *s, size_t n, struct strvec *out)
{
	struct buf w = BUF_INIT;
	size_t i = 0;

	while (i < n) {
		char q = 0;

		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\\'))
			i++;
		if (i >= n)
			break;
		buf_reset(&w);
		while (i < n && (q || (s[i] != ' ' && s[i] != '\t'))) {
			if (!q && (s[i] == '"' || s[i] == '\''))
				q = s[i];
			else if (q && s[i] == q)
				q = 0;
			else
				buf_addch(&w, s[i]);
			i++;
		}
		strvec_push(out, w.data);
	}
	buf_release(&w);
}

/* "--name=value" or "--name value": the value, else NULL. */
static const char *
flag_value(const struct strvec *w, size_t *i, const char *name)
{
	size_t n = strlen(name);
	const char *s = w->v[*i];

	if (strncmp(s, name, n))
		return NULL;
	if (s[n] == '=')
		return s + n + 1;
	if (s[n] == '\0' && *i + 1 < w->n)
		return w->v[++*i];
	/* -Htcp://... */
	if (!strcmp(name, "-H") && s[n])
		return s + n;
	return NULL;
}

/* A boolean flag: "--flag", "--flag=true", "--flag=false". */
static bool
flag_bool(const char *s, const char *name, bool *val)
{
	size_t n = strlen(name);

	if (strncmp(s, name, n))
		return false;
	if (s[n] == '\0') {
		*val = true;
		return true;
	}
	if (s[n] != '=')
		return false;
	*val = strcmp(s + n + 1, "false") && strcmp(s + n + 1, "0");
	return true;
}

static void
args_settings(struct host_facts *f, const struct strvec *w)
{
	bool b;

	for (size_t i = 0; i < w->n; i++) {
		const char *s = w->v[i], *v;

		if (flag_bool(s, "--icc", &b))
			tri_set(&f->icc, b);
		else if (flag_bool(s, "--userland-proxy", &b))
			tri_set(&f->userland_proxy, b);
		else if (flag_bool(s, "--live-restore", &b))
			tri_set(&f->live_restore, b);
		else if (flag_bool(s, "--no-new-privileges", &b))
			tri_set(&f->no_new_privileges, b);
		else if ((v = flag_value(w, &i, "--userns-remap")))
			tri_set(&f->userns, *v != '\0');
		else if ((v = flag_value(w, &i, "--seccomp-profile"))) {
			str_set(&f->seccomp_profile, v);
			tri_set(&f->seccomp, strcmp(v, "unconfined") != 0);
		} else if ((v = flag_value(w, &i, "--config-file")))
			str_set(&f->daemon_config_arg, v);
	}
}

static void
args_hosts(struct host_facts *f, const struct strvec *w)
{
	struct strvec tcp = STRVEC_INIT;
	bool verify = false, b;

	for (size_t i = 0; i < w->n; i++) {
		const char *v;

		if (flag_bool(w->v[i], "--tlsverify", &b))
			verify = b;
		else if ((v = flag_value(w, &i, "--host")) ||
			 (v = flag_value(w, &i, "-H"))) {
			if (host_is_tcp(v))
				strvec_push(&tcp, v);
		} else if ((v = flag_value(w, &i, "--tlscacert")))
			add_tls_path(f, "ca", v);
		else if ((v = flag_value(w, &i, "--tlscert")))
			add_tls_path(f, "cert", v);
		else if ((v = flag_value(w, &i, "--tlskey")))
			add_tls_path(f, "key", v);
	}
	for (size_t i = 0; i < tcp.n && !verify; i++)
		add_plain_tcp(f, tcp.v[i]);
	strvec_release(&tcp);
}

/* The value part of a line that sets the daemon's command line. */
static const char *
args_line_value(const char *line, size_t n, size_t *vlen)
{
	static const char *const keys[] = {
		"ExecStart=",
		"DOCKER_OPTS=",
		"OPTIONS=",
		"DOCKERD_OPTS=",
	};

	while (n && (*line == ' ' || *line == '\t'))
		line++, n--;
	if (n >= 7 && !strncmp(line, "export ", 7))
		line += 7, n -= 7;
	for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
		size_t kl = strlen(keys[k]);

		if (n > kl && !strncmp(line, keys[k], kl)) {
			const char *v = line + kl;

			*vlen = n - kl;
			/* VAR="--a --b": the shell's quotes hold all words. */
			if (k && *vlen >= 2 && (*v == '"' || *v == '\'') &&
			    v[*vlen - 1] == *v) {
				v++;
				*vlen -= 2;
			}
			return v;
		}
	}
	return NULL;
}

void
host_facts_from_daemon_args(struct host_facts *f, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t vlen = 0;
		const char *v = args_line_value(p, n, &vlen);

		if (v) {
			struct strvec w = STRVEC_INIT;

			split_words(v, vlen, &w);
			args_settings(f, &w);
			args_hosts(f, &w);
			strvec_release(&w);
		}
		p += n + 1;
	}
}

/* argv[0] names dockerd itself ("/usr/sbin/dockerd", "dockerd"). */
static bool
argv_is_dockerd(const char *prog)
{
	const char *base = strrchr(prog, '/');

	return !strcmp(base ? base + 1 : prog, "dockerd");
}

/* NUL-separated words into w (a missing last NUL is tolerated). */
static void
argv_words(const char *s, size_t n, struct strvec *w)
{
	size_t i = 0;

	while (i < n) {
		const char *z = memchr(s + i, '\0', n - i);
		size_t l = z ? (size_t)(z - (s + i)) : n - i;
		char *word = xmalloc(l + 1);

		memcpy(word, s + i, l);
		word[l] = '\0';
		strvec_push_nodup(w, word);
		i += l + 1;
	}
}

int
host_facts_from_daemon_argv(struct host_facts *f, const char *argv, size_t len)
{
	struct strvec w = STRVEC_INIT;
	int rc = -1;

	argv_words(argv, len, &w);
	if (w.n && argv_is_dockerd(w.v[0])) {
		args_settings(f, &w);
		args_hosts(f, &w);
		rc = 0;
	}
	strvec_release(&w);
	return rc;
}

/* ---- /etc/group ---- */

static void
group_members(struct host_facts *f, const char *s, size_t n)
{
	while (n) {
		const char *c = memchr(s, ',', n);
		size_t l = c ? (size_t)(c - s) : n;
		char *m = str_trim_dup(s, l);

		if (*m && !strvec_contains(&f->docker_group_members, m))
			strvec_push_nodup(&f->docker_group_members, m);
		else
			free(m);
		if (!c)
			break;
		n -= l + 1;
		s = c + 1;
	}
}

void
host_facts_from_group(struct host_facts *f, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *c1, *c2, *c3;
		char *gid;
		long long g;

		/* docker:x:GID:members */
		if (n > 7 && !strncmp(p, "docker:", 7) &&
		    (c1 = memchr(p + 7, ':', n - 7)) &&
		    (c2 = memchr(c1 + 1, ':', (size_t)(p + n - c1 - 1)))) {
			c3 = p + n;
			gid = xstrndup(c1 + 1, (size_t)(c2 - c1 - 1));
			if (!str_to_ll(gid, 0, 0xffffffffLL, &g)) {
				f->docker_group_found = true;
				f->docker_gid = (unsigned)g;
				group_members(f, c2 + 1, (size_t)(c3 - c2 - 1));
			}
			free(gid);
		}
		p += n + 1;
	}
}

/* ---- defaults ---- */

void
host_facts_apply_defaults(struct host_facts *f)
{
	/* dockerd's defaults when neither flags nor daemon.json say. */
	tri_set(&f->userland_proxy, true);
	tri_set(&f->live_restore, false);
	tri_set(&f->no_new_privileges, false);
	tri_set(&f->userns, false);
	if (f->bridge != HOST_NO)
		tri_set(&f->icc, true);
}

/* ---- gathering from the host ---- */

struct gather {
	struct host_facts *f;
	const struct host_options *opt;
	const char *root; /* "" for / */
	char *home;	  /* the rootless daemon's HOME */
	char *config_home;
};

/*
 * NEEDSWORK: an absolute symlink inside --root resolves on the real host;
 * resolving each component under the root would need openat2 or a walk.
 */
static char *
host_path(const struct gather *g, const char *path)
{
	return xasprintf("%s%s", g->root, path);
}

static void
note_denied(struct host_facts *f, const char *what, const char *path)
{
	if (f->is_root)
		strvec_pushf(&f->notes,
			     "cannot check %s '%s': permission "
			     "denied",
			     what, path);
	else
		strvec_pushf(&f->notes,
			     "skipped %s '%s': needs root (permission "
			     "denied)",
			     what, path);
}

/* stat() `real`, recorded as `path`, when it exists or is hidden from
 * us.  Returns the record or NULL when absent. */
static struct host_file *
stat_into(struct host_facts *f, enum host_file_kind kind, const char *path,
	  const char *real)
{
	struct host_file *hf = NULL;
	struct stat st;

	if (stat(real, &st) == 0) {
		hf = host_facts_add_file(f, kind, path);
		hf->state = HOST_FILE_PRESENT;
		hf->uid = st.st_uid;
		hf->gid = st.st_gid;
		hf->mode = st.st_mode;
	} else if (errno == EACCES) {
		hf = host_facts_add_file(f, kind, path);
		hf->state = HOST_FILE_DENIED;
		note_denied(f, host_file_kind_name(kind), path);
	} else if (errno != ENOENT && errno != ENOTDIR) {
		hf = host_facts_add_file(f, kind, path);
		hf->state = HOST_FILE_ERROR;
		strvec_pushf(&f->notes, "cannot check %s '%s': %s",
			     host_file_kind_name(kind), path, strerror(errno));
	}
	return hf;
}

/* The same for a path on the host, under --root. */
static struct host_file *
gather_stat(struct gather *g, enum host_file_kind kind, const char *path)
{
	char *real = host_path(g, path);
	struct host_file *hf = stat_into(g->f, kind, path, real);

	free(real);
	return hf;
}

/* Read a text file for its settings; silent when absent. */
static void
gather_args_file(struct gather *g, const char *path)
{
	char *real = host_path(g, path);
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;

	if (file_read(real, HOST_TEXT_MAX, &b, &e) == 0)
		host_facts_from_daemon_args(g->f, b.data, b.len);
	buf_release(&b);
	free(real);
}

static void
gather_engine(struct gather *g, struct err *eerr)
{
	struct host_facts *f = g->f;
	struct engine eng;
	json_t *j = NULL;
	long status = 0;

	if (engine_open(&eng, g->opt->docker_host, eerr))
		return;
	f->engine_host = xstrdup(eng.host);
	f->engine_tls = str_starts_with(eng.base_url, "https://");
	if (eng.unix_path)
		f->sock_path = xstrdup(eng.unix_path);
	if (engine_get_json(&eng, "/info", &j, &status, eerr)) {
		engine_close(&eng);
		return;
	}
	f->engine_ok = true;
	host_facts_from_info(f, j);
	json_decref(j);
	if (engine_get_json(&eng, "/version", &j, NULL, NULL) == 0) {
		host_facts_from_version(f, j);
		json_decref(j);
	}
	if (engine_get_json(&eng, "/networks/bridge", &j, &status, NULL) == 0) {
		host_facts_from_bridge(f, j);
		json_decref(j);
	} else if (status == 404) {
		host_facts_from_bridge(f, NULL);
	}
	engine_close(&eng);
}

/*
 * The process that listens on the unix socket `path`: SO_PEERCRED on a
 * connection names the process that called listen().  0 when it cannot
 * be told (no socket, no rights, or a process outside our PID
 * namespace, which the kernel reports as 0).
 */
static long long
socket_listener_pid(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct ucred cred = { 0 };
	socklen_t len = sizeof(cred);
	long long pid = 0;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return 0;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
		pid = cred.pid;
	close(fd);
	return pid;
}

/* Is `sock` the socket a dockerd with this argv listens on? */
static bool
argv_serves(const char *argv, size_t len, const char *sock)
{
	static const char *const defaults[] = {
		"/var/run/docker.sock",
		"/run/docker.sock",
	};
	struct strvec w = STRVEC_INIT;
	bool named = false, serves = false;

	argv_words(argv, len, &w);
	for (size_t i = 0; i < w.n && !serves; i++) {
		const char *v;

		if ((v = flag_value(&w, &i, "--host")) ||
		    (v = flag_value(&w, &i, "-H"))) {
			named = true;
			serves = str_starts_with(v, "unix://") &&
				 !strcmp(v + 7, sock);
			/* fd:// is systemd's socket, which is the default. */
			if (str_starts_with(v, "fd://"))
				named = false;
		}
	}
	strvec_release(&w);
	for (size_t i = 0; !named && !serves && i < ARRAY_SIZE(defaults); i++)
		serves = !strcmp(sock, defaults[i]);
	return serves;
}

/*
 * Read /proc/PID/cmdline into f when PID is dockerd and, unless `sock` is
 * NULL, argv_serves() that socket; 0 on success.
 */
static int
cmdline_read(struct host_facts *f, long long pid, const char *sock)
{
	char *path = xasprintf("/proc/%lld/cmdline", pid);
	struct buf b = BUF_INIT;
	int rc = -1;

	if (file_read(path, HOST_CMDLINE_MAX, &b, NULL) == 0 &&
	    (!sock || argv_serves(b.data, b.len, sock)) &&
	    host_facts_from_daemon_argv(f, b.data, b.len) == 0) {
		f->daemon_pid = pid;
		rc = 0;
	}
	buf_release(&b);
	free(path);
	return rc;
}

/*
 * The running daemon's own command line.  The process listening on the
 * socket is dockerd, except when systemd holds the socket for it
 * (socket activation): then the pid file is read, and its process is
 * taken only when its -H names this socket (or none, for the default
 * socket), so that another daemon's flags are never read as this one's.
 */
static void
gather_cmdline(struct gather *g)
{
	static const char *const pidfiles[] = {
		"/var/run/docker.pid",
		"/run/docker.pid",
	};
	struct host_facts *f = g->f;
	struct buf b = BUF_INIT;
	long long pid;
	char *dir, *own;

	/* Under --root the host is not running here. */
	if (*g->root)
		return;
	/*
	 * NEEDSWORK: a loopback TCP endpoint's listener could be found
	 * through /proc/net/tcp{,6} and the sockets in /proc/PID/fd.
	 */
	if (!f->sock_path) {
		f->cmdline_tcp = true;
		return;
	}
	pid = socket_listener_pid(f->sock_path);
	if (pid > 0 && cmdline_read(f, pid, NULL) == 0)
		return;
	dir = path_dirname(f->sock_path);
	own = path_join(dir, "docker.pid");
	free(dir);
	for (size_t i = 0; i <= ARRAY_SIZE(pidfiles); i++) {
		const char *pf = i ? pidfiles[i - 1] : own;

		buf_reset(&b);
		if (file_read(pf, 64, &b, NULL) != 0)
			continue;
		buf_rtrim(&b);
		if (str_to_ll(b.data, 1, 0x7fffffff, &pid))
			continue;
		if (cmdline_read(f, pid, f->sock_path) == 0)
			break;
	}
	free(own);
	buf_release(&b);
	if (!f->daemon_pid)
		strvec_push(&f->notes,
			    "the daemon's own command line was not read: "
			    "its process could not be found");
}

/* The value of NAME= in a NUL-separated environment block. */
static char *
environ_get(const struct buf *env, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < env->len; i += strlen(env->data + i) + 1)
		if (!strncmp(env->data + i, name, n) && env->data[i + n] == '=')
			return xstrdup(env->data + i + n + 1);
	return NULL;
}

/*
 * A rootless daemon keeps its pid file beside its socket
 * ($XDG_RUNTIME_DIR/docker.pid); its environment says where its HOME and
 * config directory are.  Reading another user's environment needs root.
 */
static void
rootless_find_home(struct gather *g)
{
	struct host_facts *f = g->f;
	char *dir, *pidf, *envp;
	struct buf b = BUF_INIT, env = BUF_INIT;
	long long pid;

	if (!f->sock_path || *g->root)
		goto fallback;
	dir = path_dirname(f->sock_path);
	pidf = path_join(dir, "docker.pid");
	free(dir);
	if (file_read(pidf, 64, &b, NULL) == 0) {
		buf_rtrim(&b);
		if (!str_to_ll(b.data, 1, 0x7fffffff, &pid)) {
			envp = xasprintf("/proc/%lld/environ", pid);
			if (file_read(envp, HOST_ENVIRON_MAX, &env, NULL) ==
			    0) {
				g->home = environ_get(&env, "HOME");
				g->config_home =
				    environ_get(&env, "XDG_CONFIG_HOME");
			} else if (!f->is_root) {
				strvec_pushf(&f->notes,
					     "skipped reading the rootless "
					     "daemon's environment '%s': "
					     "needs root",
					     envp);
			}
			free(envp);
		}
	}
	free(pidf);
	buf_release(&b);
	buf_release(&env);
fallback:
	if (!g->home && f->daemon_uid_known) {
		struct passwd *pw = getpwuid(f->daemon_uid);

		if (pw && pw->pw_dir)
			g->home = xstrdup(pw->pw_dir);
	}
	if (!g->config_home && g->home)
		g->config_home = path_join(g->home, ".config");
}

/* Whose daemon is it: root's, or the user that owns the socket. */
static void
gather_owner(struct gather *g)
{
	struct host_facts *f = g->f;
	struct stat st;
	char *real;
	bool have;

	if (!f->sock_path)
		f->sock_path = xstrdup("/var/run/docker.sock");
	real = host_path(g, f->sock_path);
	have = stat(real, &st) == 0;
	free(real);
	/* An unreachable daemon whose socket a user owns is rootless. */
	if (!f->engine_ok && have && st.st_uid != 0)
		f->rootless = HOST_YES;
	if (f->rootless != HOST_YES) {
		f->daemon_uid = 0;
		f->daemon_uid_known = true;
		return;
	}
	if (have) {
		f->daemon_uid = st.st_uid;
		f->daemon_uid_known = true;
	}
	rootless_find_home(g);
}

static void
daemon_json_read(struct host_facts *f, const char *real, struct err *ierr)
{
	struct buf b = BUF_INIT;

	if (file_read(real, HOST_DAEMON_JSON_MAX, &b, ierr) == 0 &&
	    host_facts_from_daemon_json(f, b.data, b.len, real, ierr) == 0) {
		f->daemon_json_read = true;
		f->daemon_json_present = true;
	}
	buf_release(&b);
}

static void
gather_daemon_json(struct gather *g, struct err *ierr)
{
	struct host_facts *f = g->f;
	struct host_file *hf;

	/*
	 * An explicit --daemon-config is taken as given, not under --root;
	 * so is the --config-file on the running daemon's command line.
	 */
	if (g->opt->daemon_config || (f->daemon_pid && f->daemon_config_arg)) {
		f->daemon_json_path =
		    xstrdup(g->opt->daemon_config ? g->opt->daemon_config
						  : f->daemon_config_arg);
		stat_into(f, HOST_FILE_DAEMON_JSON, f->daemon_json_path,
			  f->daemon_json_path);
		daemon_json_read(f, f->daemon_json_path, ierr);
		return;
	}
	if (f->rootless != HOST_YES)
		f->daemon_json_path = xstrdup("/etc/docker/daemon.json");
	else if (g->config_home)
		f->daemon_json_path =
		    path_join(g->config_home, "docker/daemon.json");
	else
		return;
	hf = gather_stat(g, HOST_FILE_DAEMON_JSON, f->daemon_json_path);
	if (!hf) {
		/* Absent: all defaults, if it is this daemon's place; a
		 * daemon over TCP may be another host's. */
		f->daemon_json_read = f->sock_path || f->daemon_pid;
	} else if (hf->state == HOST_FILE_PRESENT) {
		char *real = host_path(g, f->daemon_json_path);

		daemon_json_read(f, real, ierr);
		free(real);
	}
}

static const char *const unit_dirs[] = {
	"/etc/systemd/system",
	"/lib/systemd/system",
	"/usr/lib/systemd/system",
};

static void
gather_units(struct gather *g)
{
	static const struct {
		const char *name;
		enum host_file_kind kind;
	} units[] = {
		{ "docker.service", HOST_FILE_SERVICE },
		{ "docker.socket", HOST_FILE_SOCKET_UNIT },
	};
	char *p;

	if (g->f->rootless == HOST_YES) {
		if (!g->config_home)
			return;
		p = path_join(g->config_home, "systemd/user/docker.service");
		if (gather_stat(g, HOST_FILE_SERVICE, p))
			gather_args_file(g, p);
		free(p);
		return;
	}
	for (size_t u = 0; u < ARRAY_SIZE(units); u++)
		for (size_t d = 0; d < ARRAY_SIZE(unit_dirs); d++) {
			p = path_join(unit_dirs[d], units[u].name);
			if (gather_stat(g, units[u].kind, p)) {
				gather_args_file(g, p);
				free(p);
				break;
			}
			free(p);
		}
	gather_args_file(g, "/etc/systemd/system/docker.service.d/"
			    "override.conf");
}

static void
gather_registry_certs(struct gather *g)
{
	char *real = host_path(g, "/etc/docker/certs.d");
	DIR *top = opendir(real), *sub;
	struct dirent *d, *e;
	unsigned n = 0;

	while (top && (d = readdir(top)) && n < HOST_CERTS_MAX) {
		char *dir, *rdir;

		if (d->d_name[0] == '.')
			continue;
		dir = xasprintf("/etc/docker/certs.d/%s", d->d_name);
		rdir = host_path(g, dir);
		sub = opendir(rdir);
		while (sub && (e = readdir(sub)) && n < HOST_CERTS_MAX) {
			char *p;

			if (e->d_name[0] == '.')
				continue;
			p = path_join(dir, e->d_name);
			gather_stat(g, HOST_FILE_REGISTRY_CERT, p);
			free(p);
			n++;
		}
		if (sub)
			closedir(sub);
		free(rdir);
		free(dir);
	}
	if (top)
		closedir(top);
	free(real);
}

static void
gather_tls(struct gather *g)
{
	static const struct {
		const char *prefix;
		enum host_file_kind kind;
	} tls[] = {
		{ "ca=", HOST_FILE_TLS_CA },
		{ "cert=", HOST_FILE_TLS_CERT },
		{ "key=", HOST_FILE_TLS_KEY },
	};

	for (size_t i = 0; i < g->f->tls_paths.n; i++)
		for (size_t k = 0; k < ARRAY_SIZE(tls); k++)
			if (str_starts_with(g->f->tls_paths.v[i],
					    tls[k].prefix))
				gather_stat(g, tls[k].kind,
					    g->f->tls_paths.v[i] +
						strlen(tls[k].prefix));
}

static void
gather_files(struct gather *g)
{
	struct buf b = BUF_INIT;
	char *real;

	gather_units(g);
	if (g->f->rootless != HOST_YES) {
		gather_stat(g, HOST_FILE_ETC_DOCKER, "/etc/docker");
		gather_registry_certs(g);
		if (gather_stat(g, HOST_FILE_DEFAULT, "/etc/default/docker"))
			gather_args_file(g, "/etc/default/docker");
		if (gather_stat(g, HOST_FILE_SYSCONFIG,
				"/etc/sysconfig/docker"))
			gather_args_file(g, "/etc/sysconfig/docker");
		gather_stat(g, HOST_FILE_CONTAINERD_SOCK,
			    "/run/containerd/containerd.sock");
	}
	gather_stat(g, HOST_FILE_SOCK, g->f->sock_path);
	gather_tls(g);

	real = host_path(g, "/etc/group");
	if (file_read(real, HOST_TEXT_MAX, &b, NULL) == 0)
		host_facts_from_group(g->f, b.data, b.len);
	buf_release(&b);
	free(real);
}

/* Why the settings its command line or daemon.json set are not known. */
static const char *
settle_reason(const struct host_facts *f)
{
	if (f->cmdline_tcp)
		return "the daemon's command line was not read (TCP endpoint)";
	if (!f->daemon_pid)
		return "neither the daemon's command line nor a daemon.json "
		       "was read";
	return "the daemon's daemon.json could not be read";
}

void
host_facts_settle(struct host_facts *f)
{
	const struct {
		const char *name;
		enum host_tri *t;
	} flags[] = {
		{ "icc", &f->icc },
		{ "userland-proxy", &f->userland_proxy },
		{ "no-new-privileges", &f->no_new_privileges },
		{ "live-restore", &f->live_restore },
		{ "userns-remap", &f->userns },
	};
	struct buf names = BUF_INIT;

	if (!f->engine_ok && !f->daemon_json_present) {
		strvec_push(&f->notes, "the daemon's settings are unknown: "
				       "no answer from it and no daemon.json "
				       "read");
		return;
	}
	if (f->daemon_json_present || (f->daemon_pid && f->daemon_json_read)) {
		host_facts_apply_defaults(f);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (*flags[i].t == HOST_UNKNOWN)
			buf_addf(&names, "%s%s", names.len ? ", " : "",
				 flags[i].name);
	if (names.len)
		strvec_pushf(&f->notes,
			     "%s: settings it may set are unknown (%s)",
			     settle_reason(f), names.data);
	buf_release(&names);
}

int
host_facts_gather(struct host_facts *f, const struct host_options *opt,
		  struct err *engine_err, struct err *input_err)
{
	struct gather g = { f, opt, opt->root ? opt->root : "", NULL, NULL };
	const char *ct = getenv("DOCKER_CONTENT_TRUST");
	int rc = 0;

	/* "/" as --root means the host itself. */
	if (!strcmp(g.root, "/"))
		g.root = "";
	f->is_root = geteuid() == 0;
	f->now = (long long)time(NULL);
	if (ct)
		f->content_trust = xstrdup(ct);

	gather_engine(&g, engine_err);
	if (!f->engine_ok)
		rc = -1;
	else
		gather_cmdline(&g);
	gather_owner(&g);
	gather_daemon_json(&g, input_err);
	if (input_err->kind != ERR_NONE)
		rc = -1;
	gather_files(&g);
	host_facts_settle(f);
	free(g.home);
	free(g.config_home);
	return rc;
}
