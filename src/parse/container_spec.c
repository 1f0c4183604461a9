#include "parse/container_spec.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/xalloc.h"

/*
 * Arrays live in the arena: growing one allocates a bigger copy and leaves
 * the old one behind.  Doubling keeps the waste under the final size.
 */
static void *
arena_grow(struct arena *a, void *old, size_t n, size_t *cap, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return old;
	ncap = *cap ? *cap * 2 : 4;
	p = arena_alloc(a, ncap * size);
	if (n)
		memcpy(p, old, n * size);
	*cap = ncap;
	return p;
}

#define SPEC_PUSH(l, arr, n, cap)                                              \
	((arr) = arena_grow(&(l)->arena, (arr), (n), &(cap), sizeof(*(arr))),  \
	 memset(&(arr)[(n)], 0, sizeof(*(arr))), &(arr)[(n)++])

struct container_spec *
spec_list_add(struct spec_list *l, enum spec_origin origin, const char *name)
{
	struct container_spec *s = arena_alloc(&l->arena, sizeof(*s));

	s->origin = origin;
	s->name = arena_strdup(&l->arena, name ? name : "");
	ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n++] = s;
	return s;
}

void
spec_list_release(struct spec_list *l)
{
	free(l->v);
	arena_release(&l->arena);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
spec_words_add(struct spec_list *l, struct spec_words *w, const char *v,
	       struct spec_pos pos)
{
	struct spec_word *x = SPEC_PUSH(l, w->v, w->n, w->cap);

	x->v = arena_strdup(&l->arena, v);
	x->pos = pos;
}

struct spec_mount *
spec_add_mount(struct spec_list *l, struct container_spec *s)
{
	return SPEC_PUSH(l, s->mounts, s->n_mounts, s->cap_mounts);
}

struct spec_port *
spec_add_port(struct spec_list *l, struct container_spec *s)
{
	return SPEC_PUSH(l, s->ports, s->n_ports, s->cap_ports);
}

struct spec_env *
spec_add_env(struct spec_list *l, struct container_spec *s)
{
	return SPEC_PUSH(l, s->env, s->n_env, s->cap_env);
}

struct spec_ulimit *
spec_add_ulimit(struct spec_list *l, struct container_spec *s)
{
	return SPEC_PUSH(l, s->ulimits, s->n_ulimits, s->cap_ulimits);
}

struct spec_sysctl *
spec_add_sysctl(struct spec_list *l, struct container_spec *s)
{
	return SPEC_PUSH(l, s->sysctls, s->n_sysctls, s->cap_sysctls);
}

struct spec_label *
spec_add_label(struct spec_list *l, struct container_spec *s, const char *name,
	       const char *value, struct spec_pos pos)
{
	struct spec_label *lb =
	    SPEC_PUSH(l, s->meta_labels, s->n_meta_labels, s->cap_meta_labels);

	lb->name = arena_strdup(&l->arena, name);
	lb->value = arena_strdup(&l->arena, value ? value : "");
	lb->pos = pos;
	return lb;
}

void
spec_set_str(struct spec_list *l, struct spec_str *f, const char *v,
	     struct spec_pos pos)
{
	f->v = v ? arena_strdup(&l->arena, v) : NULL;
	f->pos = pos;
}

void
spec_set_user(struct spec_list *l, struct container_spec *s, const char *v,
	      struct spec_pos pos)
{
	if (v && *v)
		spec_set_str(l, &s->user, v, pos);
}

/* A $VAR or ${VAR} that is not escaped as $$. */
static bool
has_reference(const char *v)
{
	for (const char *p = v; *p; p++) {
		if (*p != '$')
			continue;
		if (p[1] == '$') {
			p++;
			continue;
		}
		if (p[1] == '{' || isalpha((unsigned char)p[1]) || p[1] == '_')
			return true;
	}
	return false;
}

void
spec_add_env_text(struct spec_list *l, struct container_spec *s,
		  const char *text, struct spec_pos pos)
{
	struct spec_env *ev = spec_add_env(l, s);
	const char *eq = strchr(text, '=');

	ev->pos = pos;
	if (!eq) {
		ev->name = arena_strdup(&l->arena, text);
		ev->kind = SPEC_ENV_PASSTHROUGH;
		return;
	}
	ev->name = arena_strndup(&l->arena, text, (size_t)(eq - text));
	ev->value = arena_strdup(&l->arena, eq + 1);
	ev->kind =
	    has_reference(eq + 1) ? SPEC_ENV_REFERENCE : SPEC_ENV_LITERAL;
}

/* Largest value any size or count parses to: far above any real limit. */
#define SPEC_NUM_MAX (1LL << 62)

int
spec_parse_bytes(const char *text, long long *out, struct err *e)
{
	static const char units[] = "bkmgtp";
	const char *p = text;
	char *end;
	double v;
	int shift = 0;

	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		goto bad;
	errno = 0;
	v = strtod(p, &end);
	if (errno || v < 0)
		goto bad;
	p = end;
	while (*p == ' ')
		p++;
	if (*p) {
		const char *u = strchr(units, tolower((unsigned char)*p));

		if (!u)
			goto bad;
		shift = (int)(u - units) * 10;
		p++;
		if (shift && (*p == 'i' || *p == 'I'))
			p++;
		if (shift && (*p == 'b' || *p == 'B'))
			p++;
		if (*p)
			goto bad;
	}
	v = ldexp(v, shift);
	if (v > (double)SPEC_NUM_MAX)
		goto bad;
	*out = (long long)v;
	return 0;
bad:
	return err_set(e, ERR_INPUT, "invalid size '%s'", text);
}

int
spec_parse_cpus(const char *text, long long *out, struct err *e)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (errno || end == text || *end || v < 0 || v > 1e9 || v != v)
		return err_set(e, ERR_INPUT, "invalid number of cpus '%s'",
			       text);
	*out = (long long)(v * 1e9 + 0.5);
	return 0;
}

/* "80" or "8000-8010" into lo..hi; an empty string is port 0. */
static int
port_range(const char *s, size_t n, unsigned *lo, unsigned *hi)
{
	char buf[32];
	const char *dash;
	long long a, b;

	*lo = *hi = 0;
	if (!n)
		return 0;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	dash = strchr(buf, '-');
	if (dash) {
		buf[dash - buf] = '\0';
		if (str_to_ll(buf, 0, 65535, &a) ||
		    str_to_ll(dash + 1, 0, 65535, &b) || b < a)
			return -1;
	} else {
		if (str_to_ll(buf, 0, 65535, &a))
			return -1;
		b = a;
	}
	*lo = (unsigned)a;
	*hi = (unsigned)b;
	return 0;
}

int
spec_parse_port(struct spec_list *l, struct spec_port *p, const char *text,
		struct err *e)
{
	const char *slash = strrchr(text, '/');
	size_t len = slash ? (size_t)(slash - text) : strlen(text);
	const char *last = NULL, *prev = NULL;

	p->text = arena_strdup(&l->arena, text);
	p->proto = arena_strdup(&l->arena, slash ? slash + 1 : "tcp");
	for (size_t i = 0; i < len; i++) {
		if (text[i] == ']')
			prev = last =
			    NULL; /* colons inside [v6] are not ours */
		if (text[i] == ':') {
			prev = last;
			last = text + i;
		}
	}
	if (!last) {
		if (port_range(text, len, &p->cont_lo, &p->cont_hi))
			goto bad;
	} else {
		const char *hs = prev ? prev + 1 : text;

		if (port_range(last + 1, (size_t)(text + len - last - 1),
			       &p->cont_lo, &p->cont_hi) ||
		    port_range(hs, (size_t)(last - hs), &p->host_lo,
			       &p->host_hi))
			goto bad;
		if (prev && prev > text) {
			const char *ip = text;
			size_t n = (size_t)(prev - text);

			if (ip[0] == '[' && n >= 2 && ip[n - 1] == ']') {
				ip++;
				n -= 2;
			}
			p->host_ip = arena_strndup(&l->arena, ip, n);
		}
	}
	if (!p->cont_lo)
		goto bad;
	return 0;
bad:
	return err_set(e, ERR_INPUT, "invalid port '%s'", text);
}

static bool
looks_like_host_path(const char *s)
{
	return s[0] == '/' || s[0] == '.' || s[0] == '~' || s[0] == '\\' ||
	       (isalpha((unsigned char)s[0]) && s[1] == ':' &&
		(s[2] == '\\' || s[2] == '/'));
}

static bool
is_propagation(const char *o)
{
	static const char *const modes[] = { "shared", "rshared", "slave",
					     "rslave", "private", "rprivate" };

	for (size_t i = 0; i < ARRAY_SIZE(modes); i++)
		if (!strcmp(o, modes[i]))
			return true;
	return false;
}

static void
volume_options(struct spec_list *l, struct spec_mount *m, const char *opts)
{
	char *copy = xstrdup(opts);

	m->options = arena_strdup(&l->arena, opts);
	for (char *o = copy, *next; o; o = next) {
		next = strchr(o, ',');
		if (next)
			*next++ = '\0';
		if (!strcmp(o, "ro") || !strcmp(o, "readonly"))
			m->read_only = true;
		else if (!strcmp(o, "rw"))
			m->read_only = false;
		else if (is_propagation(o))
			m->propagation = arena_strdup(&l->arena, o);
	}
	free(copy);
}

int
spec_parse_volume(struct spec_list *l, struct spec_mount *m, const char *text,
		  struct err *e)
{
	const char *c1 = strchr(text, ':'), *c2;

	/* A Windows drive letter is part of the path, not a separator. */
	if (c1 == text + 1 && isalpha((unsigned char)text[0]))
		c1 = strchr(c1 + 1, ':');
	if (!*text)
		return err_set(e, ERR_INPUT, "empty volume");
	if (!c1) {
		m->type = SPEC_MOUNT_VOLUME;
		m->target = arena_strdup(&l->arena, text);
		return 0;
	}
	c2 = strchr(c1 + 1, ':');
	if (c1[1] == '\0' || c1[1] == ':')
		return err_set(e, ERR_INPUT, "invalid volume '%s'", text);
	/* An empty source is what an unset ${VAR} leaves: a bind mount of
	 * a path hull cannot know. */
	m->source = c1 == text
			? NULL
			: arena_strndup(&l->arena, text, (size_t)(c1 - text));
	m->type = !m->source || looks_like_host_path(m->source)
		      ? SPEC_MOUNT_BIND
		      : SPEC_MOUNT_VOLUME;
	if (c2) {
		m->target =
		    arena_strndup(&l->arena, c1 + 1, (size_t)(c2 - c1 - 1));
		volume_options(l, m, c2 + 1);
	} else {
		m->target = arena_strdup(&l->arena, c1 + 1);
	}
	return 0;
}

void
spec_tmpfs_options(struct spec_list *l, struct spec_mount *m, const char *opts)
{
	char *copy = xstrdup(opts);

	m->options = arena_strdup(&l->arena, opts);
	for (char *o = copy, *next; o; o = next) {
		next = strchr(o, ',');
		if (next)
			*next++ = '\0';
		if (!strcmp(o, "noexec"))
			m->noexec = true;
		else if (!strcmp(o, "exec"))
			m->noexec = false;
		else if (!strcmp(o, "nosuid"))
			m->nosuid = true;
		else if (!strcmp(o, "suid"))
			m->nosuid = false;
		else if (!strcmp(o, "nodev"))
			m->nodev = true;
		else if (!strcmp(o, "ro"))
			m->read_only = true;
		else if (str_starts_with(o, "size="))
			spec_parse_bytes(o + 5, &m->size, NULL);
	}
	free(copy);
}

void
spec_parse_tmpfs(struct spec_list *l, struct spec_mount *m, const char *text)
{
	const char *colon = strchr(text, ':');

	m->type = SPEC_MOUNT_TMPFS;
	if (!colon) {
		m->target = arena_strdup(&l->arena, text);
		return;
	}
	m->target = arena_strndup(&l->arena, text, (size_t)(colon - text));
	spec_tmpfs_options(l, m, colon + 1);
}

static bool
csv_true(const char *v)
{
	return !v || !strcasecmp(v, "true") || !strcmp(v, "1");
}

static void
mount_field(struct spec_list *l, struct spec_mount *m, const char *k,
	    const char *v, struct buf *tmpfs_opts)
{
	if (!strcmp(k, "type") && v)
		m->type = !strcmp(v, "bind")	 ? SPEC_MOUNT_BIND
			  : !strcmp(v, "volume") ? SPEC_MOUNT_VOLUME
			  : !strcmp(v, "tmpfs")	 ? SPEC_MOUNT_TMPFS
						 : SPEC_MOUNT_OTHER;
	else if ((!strcmp(k, "source") || !strcmp(k, "src")) && v)
		m->source = arena_strdup(&l->arena, v);
	else if ((!strcmp(k, "target") || !strcmp(k, "destination") ||
		  !strcmp(k, "dst")) &&
		 v)
		m->target = arena_strdup(&l->arena, v);
	else if (!strcmp(k, "readonly") || !strcmp(k, "ro"))
		m->read_only = csv_true(v);
	else if (!strcmp(k, "bind-propagation") && v)
		m->propagation = arena_strdup(&l->arena, v);
	else if (!strcmp(k, "tmpfs-size") && v)
		spec_parse_bytes(v, &m->size, NULL);
	else if (!strcmp(k, "tmpfs-mode") && v)
		buf_addf(tmpfs_opts, "%smode=%s", tmpfs_opts->len ? "," : "",
			 v);
}

int
spec_parse_mount(struct spec_list *l, struct spec_mount *m, const char *text,
		 struct err *e)
{
	struct buf opts = BUF_INIT;
	char *copy = xstrdup(text);

	m->type = SPEC_MOUNT_VOLUME; /* Docker's default type */
	for (char *f = copy, *next; f; f = next) {
		char *eq;

		next = strchr(f, ',');
		if (next)
			*next++ = '\0';
		/* Quoted CSV fields: drop the quotes around the field. */
		if (*f == '"' && strlen(f) >= 2 && f[strlen(f) - 1] == '"') {
			f[strlen(f) - 1] = '\0';
			f++;
		}
		eq = strchr(f, '=');
		if (eq)
			*eq++ = '\0';
		mount_field(l, m, f, eq, &opts);
	}
	free(copy);
	if (opts.len)
		m->options = arena_strdup(&l->arena, opts.data);
	buf_release(&opts);
	if (!m->target)
		return err_set(e, ERR_INPUT, "mount '%s' has no target", text);
	return 0;
}

/* "no-new-privileges", ":true", "=true", "=false", ":false" */
static bool
nnp_value(const char *rest)
{
	if (!*rest)
		return true;
	rest++;
	return !strcasecmp(rest, "true") || !strcmp(rest, "1");
}

void
spec_add_security_opt(struct spec_list *l, struct container_spec *s,
		      const char *text, struct spec_pos pos)
{
	const char *v;

	spec_words_add(l, &s->security_opt, text, pos);
	if (str_starts_with(text, "no-new-privileges") &&
	    (!text[17] || text[17] == ':' || text[17] == '=')) {
		s->no_new_privileges.set = true;
		s->no_new_privileges.on = nnp_value(text + 17);
		s->no_new_privileges.pos = pos;
		return;
	}
	if (str_starts_with(text, "seccomp") &&
	    (text[7] == '=' || text[7] == ':')) {
		spec_set_str(l, &s->seccomp, text + 8, pos);
	} else if (str_starts_with(text, "apparmor") &&
		   (text[8] == '=' || text[8] == ':')) {
		spec_set_str(l, &s->apparmor, text + 9, pos);
	} else if (str_starts_with(text, "label") &&
		   (text[5] == '=' || text[5] == ':')) {
		v = text + 6;
		spec_words_add(l, &s->labels, v, pos);
	}
}

int
spec_parse_ulimit(struct spec_list *l, struct spec_ulimit *u, const char *text,
		  struct err *e)
{
	const char *eq = strchr(text, '=');
	const char *colon;
	char num[32];

	if (!eq || eq == text)
		goto bad;
	u->name = arena_strndup(&l->arena, text, (size_t)(eq - text));
	colon = strchr(eq + 1, ':');
	if (colon) {
		size_t n = (size_t)(colon - eq - 1);

		if (n >= sizeof(num))
			goto bad;
		memcpy(num, eq + 1, n);
		num[n] = '\0';
		if (str_to_ll(num, -1, SPEC_NUM_MAX, &u->soft) ||
		    str_to_ll(colon + 1, -1, SPEC_NUM_MAX, &u->hard))
			goto bad;
	} else {
		if (str_to_ll(eq + 1, -1, SPEC_NUM_MAX, &u->soft))
			goto bad;
		u->hard = u->soft;
	}
	return 0;
bad:
	return err_set(e, ERR_INPUT, "invalid ulimit '%s'", text);
}

const char *
spec_cap_normalize(struct spec_list *l, const char *cap)
{
	char *c;

	if (!strncasecmp(cap, "CAP_", 4))
		cap += 4;
	c = arena_strdup(&l->arena, cap);
	return str_upper(c);
}

void
spec_set_restart(struct spec_list *l, struct container_spec *s,
		 const char *text, struct spec_pos pos)
{
	const char *colon = strchr(text, ':');
	long long n;

	if (!colon) {
		spec_set_str(l, &s->restart, text, pos);
		return;
	}
	s->restart.v = arena_strndup(&l->arena, text, (size_t)(colon - text));
	s->restart.pos = pos;
	if (!str_to_ll(colon + 1, 0, SPEC_NUM_MAX, &n)) {
		s->restart_retries.set = true;
		s->restart_retries.v = n;
		s->restart_retries.pos = pos;
	}
}

bool
spec_user_is_root(const char *user)
{
	size_t n;

	if (!user)
		return false;
	n = strcspn(user, ":");
	return (n == 4 && !strncmp(user, "root", 4)) ||
	       (n == 1 && user[0] == '0') || n == 0;
}

void
spec_image_ref_parse(const char *ref, struct spec_image_ref *out)
{
	const char *at = strchr(ref, '@');
	const char *end = at ? at : ref + strlen(ref);
	const char *slash = NULL, *colon = NULL;

	memset(out, 0, sizeof(*out));
	out->has_digest = at != NULL;
	for (const char *p = ref; p < end; p++) {
		if (*p == '/')
			slash = p;
	}
	/* A colon after the last slash starts the tag; one before it is a
	 * registry port. */
	colon = memchr(slash ? slash : ref, ':',
		       (size_t)(end - (slash ? slash : ref)));
	if (colon) {
		out->has_tag = true;
		out->tag_start = colon + 1;
		out->tag_len = (size_t)(end - colon - 1);
	}
	out->latest =
	    !out->has_digest &&
	    (!out->has_tag ||
	     (out->tag_len == 6 && !strncmp(out->tag_start, "latest", 6)));
}
