#include "parse/runargs.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "parse/shell.h"
#include "parse/yaml.h"

/* What an option does to the spec; RA_SKIP options only need skipping. */
enum ra_action {
	RA_SKIP,
	RA_NAME,
	RA_USER,
	RA_PRIVILEGED,
	RA_CAP_ADD,
	RA_CAP_DROP,
	RA_READ_ONLY,
	RA_TMPFS,
	RA_SECURITY_OPT,
	RA_MEMORY,
	RA_MEMSWAP,
	RA_CPUS,
	RA_CPU_QUOTA,
	RA_CPU_SHARES,
	RA_PIDS,
	RA_VOLUME,
	RA_MOUNT,
	RA_NETWORK,
	RA_PID,
	RA_IPC,
	RA_UTS,
	RA_USERNS,
	RA_CGROUPNS,
	RA_PUBLISH,
	RA_PUBLISH_ALL,
	RA_ENV,
	RA_ENV_FILE,
	RA_DEVICE,
	RA_SYSCTL,
	RA_ULIMIT,
	RA_RESTART,
	RA_HEALTH_CMD,
	RA_NO_HEALTHCHECK,
	RA_LABEL,
	RA_ENTRYPOINT,
};

struct ra_opt {
	const char *name; /* long name without "--" */
	char short_name;
	bool has_arg;
	enum ra_action action;
};

/*
 * Every option of docker run / docker create (Docker 20 to 27) and the
 * common podman ones.  Options that do not matter for hardening are still
 * listed so that their values are never taken for the image.
 */
static const struct ra_opt ra_opts[] = {
	{ "add-host", 0, true, RA_SKIP },
	{ "annotation", 0, true, RA_SKIP },
	{ "attach", 'a', true, RA_SKIP },
	{ "blkio-weight", 0, true, RA_SKIP },
	{ "blkio-weight-device", 0, true, RA_SKIP },
	{ "cap-add", 0, true, RA_CAP_ADD },
	{ "cap-drop", 0, true, RA_CAP_DROP },
	{ "cgroup-parent", 0, true, RA_SKIP },
	{ "cgroupns", 0, true, RA_CGROUPNS },
	{ "cidfile", 0, true, RA_SKIP },
	{ "cpu-count", 0, true, RA_SKIP },
	{ "cpu-percent", 0, true, RA_SKIP },
	{ "cpu-period", 0, true, RA_SKIP },
	{ "cpu-quota", 0, true, RA_CPU_QUOTA },
	{ "cpu-rt-period", 0, true, RA_SKIP },
	{ "cpu-rt-runtime", 0, true, RA_SKIP },
	{ "cpu-shares", 'c', true, RA_CPU_SHARES },
	{ "cpus", 0, true, RA_CPUS },
	{ "cpuset-cpus", 0, true, RA_SKIP },
	{ "cpuset-mems", 0, true, RA_SKIP },
	{ "detach", 'd', false, RA_SKIP },
	{ "detach-keys", 0, true, RA_SKIP },
	{ "device", 0, true, RA_DEVICE },
	{ "device-cgroup-rule", 0, true, RA_SKIP },
	{ "device-read-bps", 0, true, RA_SKIP },
	{ "device-read-iops", 0, true, RA_SKIP },
	{ "device-write-bps", 0, true, RA_SKIP },
	{ "device-write-iops", 0, true, RA_SKIP },
	{ "disable-content-trust", 0, false, RA_SKIP },
	{ "dns", 0, true, RA_SKIP },
	{ "dns-opt", 0, true, RA_SKIP },
	{ "dns-option", 0, true, RA_SKIP },
	{ "dns-search", 0, true, RA_SKIP },
	{ "domainname", 0, true, RA_SKIP },
	{ "entrypoint", 0, true, RA_ENTRYPOINT },
	{ "env", 'e', true, RA_ENV },
	{ "env-file", 0, true, RA_ENV_FILE },
	{ "expose", 0, true, RA_SKIP },
	{ "gpus", 0, true, RA_SKIP },
	{ "group-add", 0, true, RA_SKIP },
	{ "health-cmd", 0, true, RA_HEALTH_CMD },
	{ "health-interval", 0, true, RA_SKIP },
	{ "health-retries", 0, true, RA_SKIP },
	{ "health-start-interval", 0, true, RA_SKIP },
	{ "health-start-period", 0, true, RA_SKIP },
	{ "health-timeout", 0, true, RA_SKIP },
	{ "help", 0, false, RA_SKIP },
	{ "hostname", 'h', true, RA_SKIP },
	{ "init", 0, false, RA_SKIP },
	{ "interactive", 'i', false, RA_SKIP },
	{ "io-maxbandwidth", 0, true, RA_SKIP },
	{ "io-maxiops", 0, true, RA_SKIP },
	{ "ip", 0, true, RA_SKIP },
	{ "ip6", 0, true, RA_SKIP },
	{ "ipc", 0, true, RA_IPC },
	{ "isolation", 0, true, RA_SKIP },
	{ "kernel-memory", 0, true, RA_SKIP },
	{ "label", 'l', true, RA_LABEL },
	{ "label-file", 0, true, RA_SKIP },
	{ "link", 0, true, RA_SKIP },
	{ "link-local-ip", 0, true, RA_SKIP },
	{ "log-driver", 0, true, RA_SKIP },
	{ "log-opt", 0, true, RA_SKIP },
	{ "mac-address", 0, true, RA_SKIP },
	{ "memory", 'm', true, RA_MEMORY },
	{ "memory-reservation", 0, true, RA_SKIP },
	{ "memory-swap", 0, true, RA_MEMSWAP },
	{ "memory-swappiness", 0, true, RA_SKIP },
	{ "mount", 0, true, RA_MOUNT },
	{ "name", 0, true, RA_NAME },
	{ "net", 0, true, RA_NETWORK },
	{ "net-alias", 0, true, RA_SKIP },
	{ "network", 0, true, RA_NETWORK },
	{ "network-alias", 0, true, RA_SKIP },
	{ "no-healthcheck", 0, false, RA_NO_HEALTHCHECK },
	{ "oom-kill-disable", 0, false, RA_SKIP },
	{ "oom-score-adj", 0, true, RA_SKIP },
	{ "pid", 0, true, RA_PID },
	{ "pids-limit", 0, true, RA_PIDS },
	{ "platform", 0, true, RA_SKIP },
	{ "pod", 0, true, RA_SKIP },
	{ "privileged", 0, false, RA_PRIVILEGED },
	{ "publish", 'p', true, RA_PUBLISH },
	{ "publish-all", 'P', false, RA_PUBLISH_ALL },
	{ "pull", 0, true, RA_SKIP },
	{ "quiet", 'q', false, RA_SKIP },
	{ "read-only", 0, false, RA_READ_ONLY },
	{ "replace", 0, false, RA_SKIP },
	{ "restart", 0, true, RA_RESTART },
	{ "rm", 0, false, RA_SKIP },
	{ "runtime", 0, true, RA_SKIP },
	{ "security-opt", 0, true, RA_SECURITY_OPT },
	{ "shm-size", 0, true, RA_SKIP },
	{ "sig-proxy", 0, false, RA_SKIP },
	{ "stop-signal", 0, true, RA_SKIP },
	{ "stop-timeout", 0, true, RA_SKIP },
	{ "storage-opt", 0, true, RA_SKIP },
	{ "sysctl", 0, true, RA_SYSCTL },
	{ "tmpfs", 0, true, RA_TMPFS },
	{ "tty", 't', false, RA_SKIP },
	{ "ulimit", 0, true, RA_ULIMIT },
	{ "use-api-socket", 0, false, RA_SKIP },
	{ "user", 'u', true, RA_USER },
	{ "userns", 0, true, RA_USERNS },
	{ "uts", 0, true, RA_UTS },
	{ "volume", 'v', true, RA_VOLUME },
	{ "volume-driver", 0, true, RA_SKIP },
	{ "volumes-from", 0, true, RA_SKIP },
	{ "workdir", 'w', true, RA_SKIP },
};

static const struct ra_opt *
opt_long(const char *name, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(ra_opts); i++)
		if (strlen(ra_opts[i].name) == n &&
		    !strncmp(ra_opts[i].name, name, n))
			return &ra_opts[i];
	return NULL;
}

static const struct ra_opt *
opt_short(char c)
{
	for (size_t i = 0; i < ARRAY_SIZE(ra_opts); i++)
		if (ra_opts[i].short_name == c)
			return &ra_opts[i];
	return NULL;
}

/* A boolean flag's value: absent means true. */
static bool
flag_on(const char *v)
{
	return !v || !strcasecmp(v, "true") || !strcmp(v, "1");
}

static int
set_num(struct spec_num *f, long long v, struct spec_pos pos)
{
	f->set = true;
	f->v = v;
	f->pos = pos;
	return 0;
}

static int
apply_limit(struct spec_num *f, const char *v, struct spec_pos pos,
	    enum ra_action a, struct err *e)
{
	long long n;

	switch (a) {
	case RA_MEMORY:
		if (spec_parse_bytes(v, &n, e))
			return -1;
		break;
	case RA_MEMSWAP:
		if (!strcmp(v, "-1"))
			n = -1;
		else if (spec_parse_bytes(v, &n, e))
			return -1;
		break;
	case RA_CPUS:
		if (spec_parse_cpus(v, &n, e))
			return -1;
		break;
	default:
		if (str_to_ll(v, -1, 1LL << 62, &n))
			return err_set(e, ERR_INPUT, "invalid number '%s'", v);
	}
	return set_num(f, n, pos);
}

static struct spec_num *
limit_field(struct container_spec *s, enum ra_action a)
{
	switch (a) {
	case RA_MEMORY:
		return &s->memory;
	case RA_MEMSWAP:
		return &s->memswap;
	case RA_CPUS:
		return &s->nano_cpus;
	case RA_CPU_QUOTA:
		return &s->cpu_quota;
	case RA_CPU_SHARES:
		return &s->cpu_shares;
	case RA_PIDS:
		return &s->pids_limit;
	default:
		return NULL;
	}
}

static struct spec_str *
namespace_field(struct container_spec *s, enum ra_action a)
{
	switch (a) {
	case RA_NETWORK:
		return &s->network_mode;
	case RA_PID:
		return &s->pid_mode;
	case RA_IPC:
		return &s->ipc_mode;
	case RA_UTS:
		return &s->uts_mode;
	case RA_USERNS:
		return &s->userns_mode;
	case RA_CGROUPNS:
		return &s->cgroupns_mode;
	default:
		return NULL;
	}
}

static int
apply_mount(struct spec_list *l, struct container_spec *s, enum ra_action a,
	    const char *v, struct spec_pos pos, struct err *e)
{
	struct spec_mount *m = spec_add_mount(l, s);

	m->pos = pos;
	if (a == RA_TMPFS) {
		spec_parse_tmpfs(l, m, v);
		return 0;
	}
	if (a == RA_MOUNT)
		return spec_parse_mount(l, m, v, e);
	return spec_parse_volume(l, m, v, e);
}

static int
apply_sysctl(struct spec_list *l, struct container_spec *s, const char *v,
	     struct spec_pos pos, struct err *e)
{
	const char *eq = strchr(v, '=');
	struct spec_sysctl *sc;

	if (!eq || eq == v)
		return err_set(e, ERR_INPUT, "invalid sysctl '%s'", v);
	sc = spec_add_sysctl(l, s);
	sc->name = arena_strndup(&l->arena, v, (size_t)(eq - v));
	sc->value = arena_strdup(&l->arena, eq + 1);
	sc->pos = pos;
	return 0;
}

/* "--label NAME=value" or "--label NAME". */
static void
apply_label(struct spec_list *l, struct container_spec *s, const char *v,
	    struct spec_pos pos)
{
	const char *eq = strchr(v, '=');
	char *name = xstrndup(v, eq ? (size_t)(eq - v) : strlen(v));

	spec_add_label(l, s, name, eq ? eq + 1 : "", pos);
	free(name);
}

static void
apply_flag(struct container_spec *s, enum ra_action a, const char *v,
	   struct spec_pos pos)
{
	struct spec_bool *b = a == RA_PRIVILEGED    ? &s->privileged
			      : a == RA_READ_ONLY   ? &s->read_only
			      : a == RA_PUBLISH_ALL ? &s->publish_all
						    : &s->healthcheck_disabled;

	b->set = true;
	b->on = flag_on(v);
	b->pos = pos;
}

static int
apply_value(struct spec_list *l, struct container_spec *s, enum ra_action a,
	    const char *v, struct spec_pos pos, struct err *e)
{
	struct spec_num *num = limit_field(s, a);
	struct spec_str *ns = namespace_field(s, a);
	struct spec_port *p;

	if (num)
		return apply_limit(num, v, pos, a, e);
	if (ns) {
		spec_set_str(l, ns, v, pos);
		return 0;
	}
	switch (a) {
	case RA_NAME:
		s->name = arena_strdup(&l->arena, v);
		break;
	case RA_USER:
		spec_set_user(l, s, v, pos);
		break;
	case RA_CAP_ADD:
	case RA_CAP_DROP:
		spec_words_add(l, a == RA_CAP_ADD ? &s->cap_add : &s->cap_drop,
			       spec_cap_normalize(l, v), pos);
		break;
	case RA_SECURITY_OPT:
		spec_add_security_opt(l, s, v, pos);
		break;
	case RA_TMPFS:
	case RA_VOLUME:
	case RA_MOUNT:
		return apply_mount(l, s, a, v, pos, e);
	case RA_PUBLISH:
		p = spec_add_port(l, s);
		p->pos = pos;
		return spec_parse_port(l, p, v, e);
	case RA_ENV:
		spec_add_env_text(l, s, v, pos);
		break;
	case RA_ENV_FILE:
		spec_words_add(l, &s->env_files, v, pos);
		break;
	case RA_DEVICE:
		spec_words_add(l, &s->devices, v, pos);
		break;
	case RA_SYSCTL:
		return apply_sysctl(l, s, v, pos, e);
	case RA_ULIMIT: {
		struct spec_ulimit *u = spec_add_ulimit(l, s);

		u->pos = pos;
		return spec_parse_ulimit(l, u, v, e);
	}
	case RA_RESTART:
		spec_set_restart(l, s, v, pos);
		break;
	case RA_LABEL:
		apply_label(l, s, v, pos);
		break;
	case RA_ENTRYPOINT:
		spec_words_add(l, &s->entrypoint, v, pos);
		break;
	case RA_HEALTH_CMD:
		s->healthcheck.set = s->healthcheck.on = true;
		s->healthcheck.pos = pos;
		s->healthcheck_test = arena_strdup(&l->arena, v);
		break;
	default:
		break;
	}
	return 0;
}

static int
apply(struct spec_list *l, struct container_spec *s, const struct ra_opt *o,
      const char *v, struct spec_pos pos, struct err *e)
{
	if (!o->has_arg) {
		if (o->action != RA_SKIP)
			apply_flag(s, o->action, v, pos);
		return 0;
	}
	if (apply_value(l, s, o->action, v, pos, e))
		return err_prefix(e, "option '--%s'", o->name);
	return 0;
}

/*
 * Skip "docker [container] run|create", "podman run|create", "run" or
 * "create"; the index after.  A line that starts with options is taken
 * as they are.  Returns -1 for anything else ("ls -la", "docker ps").
 */
static long
skip_command(const struct runargs_word *w, size_t n)
{
	size_t i = 0;
	bool tool = false;

	if (i < n && (!strcmp(path_basename(w[i].text), "docker") ||
		      !strcmp(path_basename(w[i].text), "podman"))) {
		i++;
		tool = true;
	}
	if (tool && i < n && !strcmp(w[i].text, "container"))
		i++;
	if (i < n &&
	    (!strcmp(w[i].text, "run") || !strcmp(w[i].text, "create")))
		return (long)i + 1;
	if (!tool && (i >= n || w[i].text[0] == '-'))
		return (long)i;
	return -1;
}

/* One "--name[=value]" word; *used tells whether next was consumed. */
static int
parse_long(struct spec_list *l, struct container_spec *s,
	   const struct runargs_word *w, const struct runargs_word *next,
	   bool *used, struct err *e)
{
	const char *name = w->text + 2;
	const char *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct ra_opt *o = opt_long(name, n);

	/* Unknown options are taken as flags: the docker CLI grows, and a
	 * value mistaken for the image would be worse than one skipped. */
	if (!o)
		return 0;
	if (o->has_arg && !eq) {
		if (!next)
			return err_set(e, ERR_INPUT,
				       "option '--%s' needs a value", o->name);
		*used = true;
		return apply(l, s, o, next->text, w->pos, e);
	}
	return apply(l, s, o, eq ? eq + 1 : NULL, w->pos, e);
}

/* "-itd", "-dp 80:80", "-p80:80", "-uapp", "-e=X=1". */
static int
parse_short(struct spec_list *l, struct container_spec *s,
	    const struct runargs_word *w, const struct runargs_word *next,
	    bool *used, struct err *e)
{
	for (const char *c = w->text + 1; *c; c++) {
		const struct ra_opt *o = opt_short(*c);

		if (!o)
			continue;
		if (!o->has_arg) {
			if (apply(l, s, o, NULL, w->pos, e))
				return -1;
			continue;
		}
		if (c[1]) {
			const char *v = c[1] == '=' ? c + 2 : c + 1;

			return apply(l, s, o, v, w->pos, e);
		}
		if (!next)
			return err_set(e, ERR_INPUT,
				       "option '-%c' needs a value", *c);
		*used = true;
		return apply(l, s, o, next->text, w->pos, e);
	}
	return 0;
}

int
runargs_parse(struct spec_list *l, const struct runargs_word *words, size_t n,
	      const char *file, struct container_spec **out, struct err *e)
{
	struct container_spec *s = spec_list_add(l, SPEC_RUN, NULL);
	long head = skip_command(words, n);
	size_t i = head < 0 ? 0 : (size_t)head;
	int rc = 0;

	*out = s;
	s->file = file ? arena_strdup(&l->arena, file) : NULL;
	s->pos = n ? words[0].pos : (struct spec_pos){ 0 };
	if (n > RUNARGS_MAX_WORDS)
		return err_set(e, ERR_INPUT,
			       "command line has more than %d words",
			       RUNARGS_MAX_WORDS);
	if (head < 0)
		return err_set(
		    e, ERR_USAGE,
		    "'%s%s%s' is not a docker run command line (want "
		    "docker run, docker container run, docker "
		    "create, podman run, run, or run options)",
		    words[0].text, n > 1 ? " " : "",
		    n > 1 ? words[1].text : "");
	for (; i < n && !rc; i++) {
		const struct runargs_word *w = &words[i];
		const struct runargs_word *next =
		    i + 1 < n ? &words[i + 1] : NULL;
		bool used = false;

		if (!strcmp(w->text, "--")) {
			i++;
			break;
		}
		if (w->text[0] != '-' || !w->text[1])
			break;
		if (w->text[1] == '-')
			rc = parse_long(l, s, w, next, &used, e);
		else
			rc = parse_short(l, s, w, next, &used, e);
		if (used)
			i++;
	}
	if (rc)
		return -1;
	if (i >= n)
		return err_set(e, ERR_INPUT, "docker run line names no image");
	spec_set_str(l, &s->image, words[i].text, words[i].pos);
	if (!*s->name)
		s->name = s->image.v;
	for (i++; i < n; i++)
		spec_words_add(l, &s->command, words[i].text, words[i].pos);
	return 0;
}

static const char *window_text(struct arena *a, const char *text, size_t len);

size_t
runargs_split(struct arena *a, const char *text, struct runargs_word **out)
{
	struct sh_script sc;
	size_t n = 0, len = strlen(text);

	sh_parse(a, window_text(a, text, len), len, &sc);
	for (size_t i = 0; i < sc.n; i++)
		if (!sc.cmds[i].in_subst)
			n += sc.cmds[i].n_words;
	if (n > RUNARGS_MAX_WORDS + 1)
		n = RUNARGS_MAX_WORDS + 1;
	*out = arena_alloc(a, (n + 1) * sizeof(**out));
	n = 0;
	/* A separator in the string keeps the words on both sides. */
	for (size_t i = 0; i < sc.n; i++) {
		const struct sh_cmd *c = &sc.cmds[i];

		for (size_t k = 0; !c->in_subst && k < c->n_words &&
				   n < RUNARGS_MAX_WORDS + 1;
		     k++, n++) {
			(*out)[n].text = c->words[k].text;
			(*out)[n].pos =
			    (struct spec_pos){ .col = (unsigned)n + 1 };
		}
	}
	return n;
}

/*
 * A logical line of a text: from `off` up to its newline, with
 * backslash-newline (also backslash-CRLF) continuations joined, at most
 * RUNARGS_MAX_LINE bytes.  Returns its end.
 */
static size_t
window_end(const char *text, size_t len, size_t off)
{
	size_t end = off, cap = len - off > RUNARGS_MAX_LINE
				    ? off + RUNARGS_MAX_LINE
				    : len;

	while (end < cap) {
		if (text[end] == '\n' &&
		    !(end > off && text[end - 1] == '\\') &&
		    !(end > off + 1 && text[end - 1] == '\r' &&
		      text[end - 2] == '\\'))
			break;
		end++;
	}
	return end;
}

/*
 * A copy of the window in which "\\\r\n" (a CRLF line continuation) is
 * rewritten as "\r\\\n": same length, so offsets still hold, and the
 * splitter sees a blank and an ordinary continuation.
 */
static const char *
window_text(struct arena *a, const char *text, size_t len)
{
	char *copy;

	if (!memchr(text, '\r', len))
		return text;
	copy = arena_strndup(a, text, len);
	for (size_t i = 0; i + 2 < len; i++)
		if (copy[i] == '\\' && copy[i + 1] == '\r' &&
		    copy[i + 2] == '\n') {
			copy[i] = '\r';
			copy[i + 1] = '\\';
		}
	return copy;
}

/* Where the lines of a window start, to give a word its line and column. */
struct finder {
	struct arena *a;
	const char *text; /* the whole text */
	size_t win;	  /* offset of the window in text */
	unsigned line;	  /* line number of the window's first line */
	size_t *nl;	  /* offsets (in text) of the window's newlines */
	size_t n_nl;
	struct runargs_line *v;
	size_t n, cap;
	size_t spent; /* bytes split so far */
};

static struct spec_pos
finder_pos(const struct finder *f, size_t off)
{
	size_t lo = 0, hi = f->n_nl, start = f->win;

	/* the number of newlines before off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->nl[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo)
		start = f->nl[lo - 1] + 1;
	return (struct spec_pos){ .line = f->line + (unsigned)lo,
				  .col = (unsigned)(off - start) + 1 };
}

static bool
name_is(const char *w, const char *const *names)
{
	const char *b = path_basename(w);

	for (; *names; names++)
		if (!strcmp(b, *names))
			return true;
	return false;
}

/* NAME=value */
static bool
is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');

	if (!eq || eq == w || isdigit((unsigned char)*w))
		return false;
	for (const char *p = w; p < eq; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return false;
	return true;
}

/*
 * The first word of c that is in command position: past the words that
 * run the command after them (sudo and its options, exec, command, env
 * and its assignments, nohup, time, nice, timeout and its duration),
 * past assignments, and past what is not shell but often precedes a
 * command in CI text and Procfiles: a YAML list dash, a "key:" word.
 */
static size_t
command_word(const struct sh_cmd *c)
{
	static const char *const runners[] = { "exec",	 "command", "nohup",
					       "time",	 "nice",    "builtin",
					       "stdbuf", NULL };
	static const char *const sudo[] = { "sudo", "doas", NULL };
	/* sudo options that take a separate value */
	static const char *const sudo_val = "ugpChDrtUTR";
	size_t i = 0, n = c->n_words;

	while (i < n) {
		const struct sh_word *w = &c->words[i];
		size_t len = strlen(w->text);

		if ((!strcmp(w->text, "-") ||
		     (len > 1 && w->text[len - 1] == ':')) &&
		    !w->quoted) {
			i++;
		} else if (name_is(w->text, sudo)) {
			for (i++; i < n && c->words[i].text[0] == '-'; i++)
				if (c->words[i].text[1] &&
				    !c->words[i].text[2] &&
				    strchr(sudo_val, c->words[i].text[1]))
					i++;
		} else if (name_is(w->text, runners)) {
			for (i++; i < n && c->words[i].text[0] == '-'; i++)
				;
		} else if (!strcmp(path_basename(w->text), "env")) {
			for (i++; i < n && (c->words[i].text[0] == '-' ||
					    is_assignment(c->words[i].text));
			     i++)
				;
		} else if (!strcmp(path_basename(w->text), "timeout")) {
			for (i++; i < n && c->words[i].text[0] == '-'; i++)
				;
			i++; /* the duration */
		} else if (is_assignment(w->text) && !w->quoted) {
			i++;
		} else {
			break;
		}
	}
	return i;
}

/* "docker", "/usr/bin/docker", "@docker" (a Makefile recipe), podman. */
static const char *
tool_word(const char *w)
{
	static const char *const tools[] = { "docker", "podman", NULL };

	while (*w == '@' || *w == '+' || *w == '-')
		w++;
	return name_is(w, tools) ? w : NULL;
}

/* Do words[i..n) start a docker/podman run or create? */
static bool
is_run(const struct sh_cmd *c, size_t i)
{
	if (i >= c->n_words || !tool_word(c->words[i].text))
		return false;
	i++;
	if (i < c->n_words && !strcmp(c->words[i].text, "container"))
		i++;
	return i < c->n_words && (!strcmp(c->words[i].text, "run") ||
				  !strcmp(c->words[i].text, "create"));
}

static void find_text(struct finder *f, const char *text, size_t len,
		      size_t base, bool exact, int depth);

/*
 * Scripts handed to a shell in a word: `sh -c 'docker run ...'` (also
 * -ec, -xc, bash -lc, and as a container's command) and Jenkins'
 * `sh 'docker run ...'`.  Word offsets inside a single-quoted script map
 * exactly; inside any other word, to the word's start.
 */
static void
find_nested(struct finder *f, const struct sh_cmd *c, size_t base, bool exact,
	    int depth)
{
	static const char *const shells[] = { "sh",  "bash", "dash", "zsh",
					      "ksh", "ash",  NULL };

	for (size_t j = 0; j + 1 < c->n_words; j++) {
		const struct sh_word *s = NULL, *w = &c->words[j];
		size_t k = j + 1;
		bool quoted;

		if (!name_is(w->text, shells))
			continue;
		for (; k < c->n_words && c->words[k].text[0] == '-'; k++)
			if (strchr(c->words[k].text + 1, 'c') &&
			    c->words[k].text[1] != '-' && k + 1 < c->n_words) {
				s = &c->words[k + 1];
				break;
			}
		if (!s && k == j + 1 && c->words[k].quoted)
			s = &c->words[k];
		if (!s ||
		    (!strstr(s->text, "docker") && !strstr(s->text, "podman")))
			continue;
		quoted = exact && s->raw[0] == '\'' &&
			 strlen(s->raw) == strlen(s->text) + 2;
		find_text(f, s->text, strlen(s->text),
			  exact ? base + s->offset + quoted : base, quoted,
			  depth + 1);
	}
}

static void
add_line(struct finder *f, const struct sh_cmd *c, size_t i, size_t base,
	 bool exact)
{
	struct runargs_line *rl;
	size_t n = c->n_words - i;

	if (f->n >= RUNARGS_MAX_LINES)
		return;
	if (n > RUNARGS_MAX_WORDS + 1)
		n = RUNARGS_MAX_WORDS + 1;
	ALLOC_GROW(f->v, f->n + 1, f->cap);
	rl = &f->v[f->n++];
	rl->words = arena_alloc(f->a, (n + 1) * sizeof(*rl->words));
	rl->n = n;
	for (size_t k = 0; k < n; k++) {
		const struct sh_word *w = &c->words[i + k];
		size_t off = base + (exact ? w->offset : 0);

		rl->words[k].text = k ? w->text : tool_word(w->text);
		rl->words[k].pos = finder_pos(f, off);
	}
	rl->line = rl->words[0].pos.line;
}

/*
 * Split text[0..len) (a window of f->text at `base` when exact, or a
 * script inside a word that starts at `base`) and keep its run commands.
 */
static void
find_text(struct finder *f, const char *text, size_t len, size_t base,
	  bool exact, int depth)
{
	struct sh_script sc;

	if (depth > RUNARGS_MAX_NEST || f->spent >= RUNARGS_MAX_SPLIT)
		return;
	f->spent += len;
	sh_parse(f->a, text, len, &sc);
	for (size_t i = 0; i < sc.n && f->n < RUNARGS_MAX_LINES; i++) {
		const struct sh_cmd *c = &sc.cmds[i];
		size_t w = command_word(c);

		if (is_run(c, w))
			add_line(f, c, w, base, exact);
		find_nested(f, c, base, exact, depth);
	}
}

size_t
runargs_find(struct arena *a, const char *text, size_t len,
	     struct runargs_line **out)
{
	struct finder f = { .a = a, .text = text, .line = 1 };
	size_t off = 0, nl_cap = 0;

	if (len > RUNARGS_MAX_TEXT)
		len = RUNARGS_MAX_TEXT;
	while (off < len && f.n < RUNARGS_MAX_LINES &&
	       f.spent < RUNARGS_MAX_SPLIT) {
		size_t end = window_end(text, len, off);
		const char *w = text + off;
		size_t wl = end - off;

		f.win = off;
		f.n_nl = 0;
		for (size_t i = off; i < end; i++)
			if (text[i] == '\n') {
				ALLOC_GROW(f.nl, f.n_nl + 1, nl_cap);
				f.nl[f.n_nl++] = i;
			}
		/* Only lines that name the tool are split. */
		if (memmem(w, wl, "docker", 6) || memmem(w, wl, "podman", 6))
			find_text(&f, window_text(a, w, wl), wl, off, true, 0);
		f.line += (unsigned)f.n_nl + 1;
		off = end + 1;
	}
	free(f.nl);
	*out = arena_alloc(a, (f.n + 1) * sizeof(*f.v));
	if (f.n)
		memcpy(*out, f.v, f.n * sizeof(*f.v));
	free(f.v);
	return f.n;
}

/* Keys of CI files whose values are shell scripts. */
static const char *const yaml_script_keys[] = {
	"run",
	"script",
	"before_script",
	"after_script",
	"command",
	"commands",
	"bash",
	"sh",
	"before_install",
	"install",
	"after_success",
	"after_failure",
	NULL,
};

struct yaml_find {
	struct arena *a;
	const char *text; /* the YAML source */
	size_t len;
	struct runargs_line *v;
	size_t n, cap;
	size_t spent; /* bytes of scalars split */
};

/* The source byte where node n starts, or 0. */
static char
yaml_lead(const struct yaml_find *y, const struct yaml_node *n)
{
	unsigned line = 1;
	size_t i = 0;

	while (i < y->len && line < n->line)
		if (y->text[i++] == '\n')
			line++;
	i += n->column - 1;
	return i < y->len ? y->text[i] : 0;
}

/*
 * The run lines of one script scalar, with lines mapped back to the
 * file: a literal block (|) line by line, a folded block (>) to its
 * first line, a plain or quoted scalar to its own line.
 */
static void
yaml_scalar(struct yaml_find *y, const struct yaml_node *n)
{
	struct runargs_line *l;
	size_t k;
	char lead;

	if (!n->str || (!memmem(n->str, n->len, "docker", 6) &&
			!memmem(n->str, n->len, "podman", 6)))
		return;
	if (y->spent >= RUNARGS_MAX_SPLIT || y->n >= RUNARGS_MAX_LINES)
		return;
	y->spent += n->len;
	lead = yaml_lead(y, n);
	k = runargs_find(y->a, n->str, n->len, &l);
	for (size_t i = 0; i < k && y->n < RUNARGS_MAX_LINES; i++) {
		for (size_t j = 0; j < l[i].n; j++) {
			struct spec_pos *p = &l[i].words[j].pos;

			if (lead == '|') {
				p->line += n->line;
			} else if (lead == '>') {
				p->line = n->line + 1;
			} else {
				if (p->line == 1)
					p->col += n->column - 1 +
						  (lead == '"' || lead == '\'');
				p->line = n->line;
			}
		}
		l[i].line = l[i].words[0].pos.line;
		ALLOC_GROW(y->v, y->n + 1, y->cap);
		y->v[y->n++] = l[i];
	}
}

static void
yaml_walk(struct yaml_find *y, const struct yaml_node *n, int depth,
	  bool script)
{
	if (!n || depth > YAML_MAX_DEPTH)
		return;
	switch (n->kind) {
	case YAML_SCALAR:
		if (script)
			yaml_scalar(y, n);
		break;
	case YAML_SEQ:
		for (size_t i = 0; i < n->n; i++)
			yaml_walk(y, n->items[i], depth + 1, script);
		break;
	case YAML_MAP:
		for (size_t i = 0; i < n->n; i++) {
			const char *k = yaml_str(n->pairs[i].key);

			yaml_walk(y, n->pairs[i].value, depth + 1,
				  k && name_is(k, yaml_script_keys));
		}
		break;
	}
}

size_t
runargs_find_file(struct arena *a, const char *name, const char *text,
		  size_t len, struct runargs_line **out)
{
	struct yaml_find y = { .a = a, .text = text, .len = len };
	struct yaml_doc doc;

	if (!name ||
	    !(str_ends_with(name, ".yml") || str_ends_with(name, ".yaml")))
		return runargs_find(a, text, len, out);
	if (len > RUNARGS_MAX_TEXT ||
	    yaml_parse(&doc, text, len, name, NULL) < 0)
		return runargs_find(a, text, len, out);
	yaml_walk(&y, doc.root, 0, false);
	/* The words live in a; the scalars they came from do not matter. */
	*out = arena_alloc(a, (y.n + 1) * sizeof(*y.v));
	if (y.n)
		memcpy(*out, y.v, y.n * sizeof(*y.v));
	free(y.v);
	yaml_doc_release(&doc);
	return y.n;
}
