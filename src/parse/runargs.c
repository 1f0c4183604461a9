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
		/* -u "" leaves the image's user, as no -u does. */
		if (v && *v)
			spec_set_str(l, &s->user, v, pos);
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

/* Line and column of offset `off`, counting from a known point. */
static struct spec_pos
pos_of(const char *text, size_t off, size_t *from, struct spec_pos *at)
{
	for (size_t i = *from; i < off; i++) {
		if (text[i] == '\n') {
			at->line++;
			at->col = 1;
		} else {
			at->col++;
		}
	}
	*from = off;
	return *at;
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

/* Is there a "docker run"-like command starting at word offset off? */
static bool
starts_run(const char *text, size_t len, size_t off)
{
	static const char *const heads[] = { "docker run", "docker create",
					     "docker container run",
					     "docker container create",
					     "podman run" };

	if (off && (isalnum((unsigned char)text[off - 1]) ||
		    text[off - 1] == '-' || text[off - 1] == '_' ||
		    text[off - 1] == '/' || text[off - 1] == '.'))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		size_t hl = strlen(heads[i]);

		if (off + hl < len && !strncmp(text + off, heads[i], hl) &&
		    (text[off + hl] == ' ' || text[off + hl] == '\t' ||
		     text[off + hl] == '\\'))
			return true;
	}
	return false;
}

/*
 * The bytes handed to the shell splitter for a command that starts at
 * `off`: its logical line (backslash-newline joins lines), at most
 * RUNARGS_MAX_LINE bytes.  A command opened by a backtick ends at the
 * next one, since the splitter would otherwise read that backtick as the
 * start of a substitution.
 */
static size_t
window_end(const char *text, size_t len, size_t off)
{
	size_t end = off, cap = len - off > RUNARGS_MAX_LINE
				    ? off + RUNARGS_MAX_LINE
				    : len;
	bool backtick = off && text[off - 1] == '`';

	while (end < cap) {
		if (backtick && text[end] == '`')
			break;
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

/*
 * Split the command that starts at `off` with the shell splitter into a
 * runargs_line.  Returns the offset of its last word (where the search
 * for the next command resumes, so that a `docker run` inside a quoted
 * `sh -c '...'` is found too), and adds the bytes split to *spent.
 */
static size_t
read_line(struct arena *a, const char *text, size_t len, size_t off,
	  struct runargs_line *rl, size_t *from, struct spec_pos *at,
	  size_t *spent)
{
	size_t end = window_end(text, len, off), resume = off;
	struct sh_script sc;
	const struct sh_cmd *cmd = NULL;
	size_t n;

	sh_parse(a, window_text(a, text + off, end - off), end - off, &sc);
	*spent += end - off;
	for (size_t i = 0; i < sc.n && !cmd; i++)
		if (!sc.cmds[i].offset && !sc.cmds[i].in_subst)
			cmd = &sc.cmds[i];
	n = cmd ? cmd->n_words : 0;
	if (n > RUNARGS_MAX_WORDS + 1)
		n = RUNARGS_MAX_WORDS + 1;
	rl->line = pos_of(text, off, from, at).line;
	rl->words = arena_alloc(a, (n + 1) * sizeof(*rl->words));
	rl->n = n;
	for (size_t i = 0; i < n; i++) {
		resume = off + cmd->words[i].offset;
		rl->words[i].text = cmd->words[i].text;
		rl->words[i].pos = pos_of(text, resume, from, at);
	}
	return resume;
}

/* Is offset off inside a '#' comment of its line (outside quotes)? */
static bool
in_comment(const char *text, size_t off)
{
	size_t start = off;
	char quote = 0;

	while (start && text[start - 1] != '\n')
		start--;
	for (size_t i = start; i < off; i++) {
		if (quote) {
			if (text[i] == quote)
				quote = 0;
		} else if (text[i] == '\'' || text[i] == '"') {
			quote = text[i];
		} else if (text[i] == '#' &&
			   (i == start || text[i - 1] == ' ' ||
			    text[i - 1] == '\t')) {
			return true;
		}
	}
	return false;
}

size_t
runargs_find(struct arena *a, const char *text, size_t len,
	     struct runargs_line **out)
{
	struct runargs_line *v = NULL;
	size_t n = 0, cap = 0, from = 0, spent = 0;
	struct spec_pos at = { .line = 1, .col = 1 };

	if (len > RUNARGS_MAX_TEXT)
		len = RUNARGS_MAX_TEXT;
	for (size_t i = 0; i < len && n < RUNARGS_MAX_LINES; i++) {
		size_t resume;

		if (text[i] != 'd' && text[i] != 'p')
			continue;
		if (!starts_run(text, len, i) || in_comment(text, i))
			continue;
		if (spent >= RUNARGS_MAX_SPLIT)
			break;
		ALLOC_GROW(v, n + 1, cap);
		resume = read_line(a, text, len, i, &v[n], &from, &at, &spent);
		n++;
		if (resume > i)
			i = resume - 1;
	}
	*out = arena_alloc(a, (n + 1) * sizeof(*v));
	if (n)
		memcpy(*out, v, n * sizeof(*v));
	free(v);
	return n;
}
