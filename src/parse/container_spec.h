/*
 * struct container_spec: how one container is set up to run, whatever
 * described it.
 *
 * A compose service, a `docker run` command line and a running container's
 * inspect answer all say the same things: who the process runs as, which
 * privileges it has, what it may write, what it may use, what it sees of the
 * host.  Each parser (parse/compose.h, parse/runargs.h, engine/inspect.h)
 * fills this one model and the runtime rules (rules/runtime.c) read only
 * this model, so a rule written once covers all three inputs.
 *
 * Every setting remembers where it was written (struct spec_pos): the line
 * and column in a compose file or script, the word index of a command line
 * (column; line 0 for `hull run`), nothing for the Engine, whose findings
 * name the container instead.  An unset setting has `set == false` (or a
 * NULL string), which the rules read as "Docker's default applies".
 *
 * Ownership: every string and array of every spec in a struct spec_list
 * belongs to the list's arena and goes with spec_list_release().
 */
#ifndef HULL_PARSE_CONTAINER_SPEC_H
#define HULL_PARSE_CONTAINER_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

/* Where a spec came from. */
enum spec_origin {
	SPEC_COMPOSE, /* a compose service */
	SPEC_RUN,     /* a docker run command line */
	SPEC_ENGINE,  /* a container the Engine reports */
};

/*
 * Where a setting was written: 1-based line and column, 0 when unknown;
 * `file` when it differs from the spec's (merged or extended compose
 * files), else NULL.
 */
struct spec_pos {
	const char *file;
	unsigned line;
	unsigned col;
};

struct spec_str {
	const char *v; /* NULL when not set */
	struct spec_pos pos;
};

struct spec_bool {
	bool set;
	bool on;
	struct spec_pos pos;
};

struct spec_num {
	bool set;
	long long v;
	struct spec_pos pos;
};

/* A plain list of words: capabilities, devices, env files, secrets. */
struct spec_word {
	const char *v;
	struct spec_pos pos;
};

struct spec_words {
	struct spec_word *v;
	size_t n, cap;
};

enum spec_mount_type {
	SPEC_MOUNT_BIND,
	SPEC_MOUNT_VOLUME,
	SPEC_MOUNT_TMPFS,
	SPEC_MOUNT_OTHER, /* npipe, cluster, image */
};

struct spec_mount {
	enum spec_mount_type type;
	const char *source;	 /* host path or volume name; NULL for tmpfs */
	const char *target;	 /* path in the container */
	const char *options;	 /* as written, e.g. "rw,noexec,nosuid" */
	const char *propagation; /* "shared", "rshared", ... or NULL */
	bool read_only;
	bool noexec, nosuid, nodev; /* tmpfs options */
	long long size;		    /* tmpfs size in bytes, 0 when unset */
	struct spec_pos pos;
};

struct spec_port {
	const char *host_ip;	   /* NULL when bound to every interface */
	unsigned host_lo, host_hi; /* 0 when the Engine picks the port */
	unsigned cont_lo, cont_hi;
	const char *proto; /* "tcp", "udp", "sctp" */
	const char *text;  /* as written */
	struct spec_pos pos;
};

enum spec_env_kind {
	SPEC_ENV_LITERAL,     /* NAME=value written in the file or argv */
	SPEC_ENV_REFERENCE,   /* NAME=${VAR}: the value comes from outside */
	SPEC_ENV_PASSTHROUGH, /* NAME alone: taken from the caller's env */
};

struct spec_env {
	const char *name;
	const char *value; /* after interpolation; NULL for passthrough */
	enum spec_env_kind kind;
	struct spec_pos pos;
};

struct spec_ulimit {
	const char *name;
	long long soft, hard;
	struct spec_pos pos;
};

struct spec_sysctl {
	const char *name;
	const char *value;
	struct spec_pos pos;
};

/* A container label (compose `labels:`, `--label`, Config.Labels). */
struct spec_label {
	const char *name;
	const char *value; /* "" when the label has no value */
	struct spec_pos pos;
};

struct container_spec {
	enum spec_origin origin;
	const char *name;     /* service, container name, or "docker run" */
	const char *file;     /* compose file or script; NULL for argv/Engine */
	struct spec_pos pos;  /* of the service key or the run line */
	const char *profiles; /* compose profiles, comma-separated, or NULL */
	/* compose `build:`: the context and dockerfile as written (the
	 * context relative to the compose file's directory, the dockerfile to
	 * the context); NULL when absent.  Read by hull scan to lint a
	 * Dockerfile with the context the service builds it in. */
	const char *build_context;
	const char *build_dockerfile;
	struct spec_pos build_pos;

	struct spec_str image;
	struct spec_str user;
	/* The user came from the image's config, not from the spec. */
	bool user_from_image;

	struct spec_bool privileged;
	struct spec_words cap_add, cap_drop; /* upper case, no CAP_ prefix */
	struct spec_bool read_only;

	/* security_opt / --security-opt, also split out below */
	struct spec_words security_opt;
	struct spec_bool no_new_privileges;
	struct spec_str seccomp;  /* profile path or "unconfined" */
	struct spec_str apparmor; /* profile name or "unconfined" */
	struct spec_words labels; /* label=... options */

	struct spec_num memory;	 /* bytes */
	struct spec_num memswap; /* bytes; -1 unlimited */
	struct spec_num nano_cpus;
	struct spec_num cpu_quota;
	struct spec_num cpu_shares;
	struct spec_num pids_limit; /* -1 or 0 mean unlimited */

	struct spec_ulimit *ulimits;
	size_t n_ulimits, cap_ulimits;
	struct spec_mount *mounts;
	size_t n_mounts, cap_mounts;
	struct spec_words devices;

	struct spec_str network_mode;
	struct spec_str pid_mode;
	struct spec_str ipc_mode;
	struct spec_str uts_mode;
	struct spec_str userns_mode;
	struct spec_str cgroupns_mode;

	struct spec_port *ports;
	size_t n_ports, cap_ports;
	struct spec_bool publish_all; /* -P */

	struct spec_env *env;
	size_t n_env, cap_env;
	struct spec_words env_files;
	struct spec_words secrets;
	struct spec_sysctl *sysctls;
	size_t n_sysctls, cap_sysctls;

	/* Container labels written as literals (an interpolated compose
	 * value is left out: it is not in the file). */
	struct spec_label *meta_labels;
	size_t n_meta_labels, cap_meta_labels;
	/* The entrypoint and command words as written (compose `entrypoint:`
	 * and `command:`, `--entrypoint` and the words after the image on a
	 * run line, the Engine's Entrypoint and Cmd), literal words only.
	 * Read by the secret check: a `--password=...` in a command is in
	 * `docker inspect` too. */
	struct spec_words entrypoint;
	struct spec_words command;

	struct spec_str restart; /* "no", "always", "on-failure", ... */
	struct spec_num restart_retries;

	/* A healthcheck test is set, or explicitly disabled. */
	struct spec_bool healthcheck;
	struct spec_bool healthcheck_disabled;
	const char *healthcheck_test;
};

/* Specs parsed from one input, owning everything they point at. */
struct spec_list {
	struct arena arena;
	struct container_spec **v;
	size_t n, cap;
};

#define SPEC_LIST_INIT                                                         \
	{                                                                      \
		ARENA_INIT, NULL, 0, 0                                         \
	}

/* A fresh zeroed spec at the end of the list. */
struct container_spec *spec_list_add(struct spec_list *l,
				     enum spec_origin origin, const char *name);
void spec_list_release(struct spec_list *l);

/*
 * Adders: copy their strings into the list's arena.  They return the new
 * element so the caller can fill the rest.
 */
void spec_words_add(struct spec_list *l, struct spec_words *w, const char *v,
		    struct spec_pos pos);
struct spec_mount *spec_add_mount(struct spec_list *l,
				  struct container_spec *s);
struct spec_port *spec_add_port(struct spec_list *l, struct container_spec *s);
struct spec_env *spec_add_env(struct spec_list *l, struct container_spec *s);
struct spec_ulimit *spec_add_ulimit(struct spec_list *l,
				    struct container_spec *s);
struct spec_sysctl *spec_add_sysctl(struct spec_list *l,
				    struct container_spec *s);
/* A label "NAME=value" or "NAME" (value ""), copied into the arena. */
struct spec_label *spec_add_label(struct spec_list *l, struct container_spec *s,
				  const char *name, const char *value,
				  struct spec_pos pos);
void spec_set_str(struct spec_list *l, struct spec_str *f, const char *v,
		  struct spec_pos pos);
/*
 * The user a spec file or a command line gives (compose `user:`, `docker
 * run -u`).  An empty one (`user: "${UID}"` with UID unset, `-u ""`) is
 * no user: the container runs as the image's, as with none given, so it
 * leaves s->user as it was.
 */
void spec_set_user(struct spec_list *l, struct container_spec *s, const char *v,
		   struct spec_pos pos);
/* Add "NAME=value" or "NAME"; the kind is guessed from the value. */
void spec_add_env_text(struct spec_list *l, struct container_spec *s,
		       const char *text, struct spec_pos pos);

/*
 * Shared parsing of the value syntaxes Docker uses everywhere.  Each
 * returns 0 or -1 (with a reason in e, ERR_INPUT) when the text is not
 * valid.
 */

/* "512m", "1g", "1.5G", "1048576", "100k", "1b"; Docker's RAMInBytes. */
int spec_parse_bytes(const char *text, long long *out, struct err *e);
/* "1.5" cpus to nano cpus. */
int spec_parse_cpus(const char *text, long long *out, struct err *e);
/*
 * A published port: "80", "8080:80", "127.0.0.1:80:80", "[::1]:80:80",
 * "8000-8010:8000-8010/udp", ":80".
 */
int spec_parse_port(struct spec_list *l, struct spec_port *p, const char *text,
		    struct err *e);
/*
 * A short volume "src:dst[:opts]" or "dst" (anonymous volume); a source
 * starting with '/', '.' or '~' is a bind mount.
 */
int spec_parse_volume(struct spec_list *l, struct spec_mount *m,
		      const char *text, struct err *e);
/* A --mount value "type=bind,src=/a,dst=/b,readonly". */
int spec_parse_mount(struct spec_list *l, struct spec_mount *m,
		     const char *text, struct err *e);
/* A tmpfs "/path[:opts]" into a tmpfs mount. */
void spec_parse_tmpfs(struct spec_list *l, struct spec_mount *m,
		      const char *text);
/* Apply tmpfs options "rw,noexec,nosuid,size=64m,mode=1777". */
void spec_tmpfs_options(struct spec_list *l, struct spec_mount *m,
			const char *opts);
/*
 * One security option ("no-new-privileges", "no-new-privileges:true",
 * "no-new-privileges=false", "seccomp=unconfined", "apparmor:x",
 * "label=disable") recorded in its field and in s->security_opt.
 */
void spec_add_security_opt(struct spec_list *l, struct container_spec *s,
			   const char *text, struct spec_pos pos);
/* A ulimit "nofile=1024:2048" or "nproc=512". */
int spec_parse_ulimit(struct spec_list *l, struct spec_ulimit *u,
		      const char *text, struct err *e);
/* A capability as Docker compares it: upper case, no "CAP_" prefix. */
const char *spec_cap_normalize(struct spec_list *l, const char *cap);
/* "always", "on-failure:5", "unless-stopped", "no". */
void spec_set_restart(struct spec_list *l, struct container_spec *s,
		      const char *text, struct spec_pos pos);

/* True when the user string names uid 0 ("root", "0", "0:0", "root:x"). */
bool spec_user_is_root(const char *user);

/* Parts of an image reference: "repo[:tag][@digest]". */
struct spec_image_ref {
	bool has_tag;
	bool has_digest;
	bool latest;	       /* no tag, or the tag "latest" */
	const char *tag_start; /* into the reference, or NULL */
	size_t tag_len;
};

void spec_image_ref_parse(const char *ref, struct spec_image_ref *out);

#endif
