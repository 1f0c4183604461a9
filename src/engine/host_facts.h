/*
 * struct host_facts: what `hull host` knows about one Docker daemon and
 * the host it runs on, gathered once and then read by the host rules
 * (rules/host.c).
 *
 * The facts come from five places, in this order of trust:
 *
 *   1. the Engine API (GET /info, /version, /networks/bridge): what the
 *      running daemon reports about itself;
 *   2. the running daemon's own command line (/proc/PID/cmdline of the
 *      process listening on its unix socket; not over TCP): flags such
 *      as --icc=false, -H tcp://..., and --config-file, which says
 *      where daemon.json is;
 *   3. daemon.json: what the daemon was told at start (fills only what
 *      the Engine did not report, such as icc or the userland proxy);
 *   4. the service units and /etc/default/docker: the command line the
 *      daemon is given when the service manager starts it;
 *   5. the files themselves (lstat) and /etc/group.
 *
 * A setting nobody could tell is HOST_UNKNOWN, and its rule stays silent:
 * hull never guesses a setting to be wrong.  Where a setting is unknown
 * because hull lacked the rights to look, a note says so.
 *
 * Ownership: a host_facts owns every string and array in it;
 * host_facts_release() frees them all.
 */
#ifndef HULL_ENGINE_HOST_FACTS_H
#define HULL_ENGINE_HOST_FACTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/util.h"

/* daemon.json is a few hundred bytes; anything past this is not one. */
#define HOST_DAEMON_JSON_MAX (1024u * 1024)
/* Unit files, /etc/default/docker and /etc/group: generous text caps. */
#define HOST_TEXT_MAX (4u * 1024 * 1024)
/* Registry certificates looked at under /etc/docker/certs.d. */
#define HOST_CERTS_MAX 256

enum host_tri {
	HOST_UNKNOWN = 0,
	HOST_NO,
	HOST_YES,
};

/* The daemon's files, by what they are (CIS Docker Benchmark section 3). */
enum host_file_kind {
	HOST_FILE_SERVICE,	   /* docker.service */
	HOST_FILE_SOCKET_UNIT,	   /* docker.socket */
	HOST_FILE_ETC_DOCKER,	   /* /etc/docker */
	HOST_FILE_REGISTRY_CERT,   /* /etc/docker/certs.d/<registry>/<file> */
	HOST_FILE_TLS_CA,	   /* --tlscacert */
	HOST_FILE_TLS_CERT,	   /* --tlscert */
	HOST_FILE_TLS_KEY,	   /* --tlskey */
	HOST_FILE_SOCK,		   /* the daemon's unix socket */
	HOST_FILE_DAEMON_JSON,	   /* daemon.json */
	HOST_FILE_DEFAULT,	   /* /etc/default/docker */
	HOST_FILE_SYSCONFIG,	   /* /etc/sysconfig/docker */
	HOST_FILE_CONTAINERD_SOCK, /* containerd's socket */
	HOST_FILE_KINDS,
};

enum host_file_state {
	HOST_FILE_ABSENT = 0,
	HOST_FILE_PRESENT,
	HOST_FILE_DENIED, /* lstat refused: needs more rights (root) */
	HOST_FILE_ERROR,  /* lstat failed for another reason */
};

struct host_file {
	enum host_file_kind kind;
	enum host_file_state state;
	char *path; /* as the host names it, without --root */
	unsigned uid;
	unsigned gid;
	unsigned mode; /* st_mode: type and permission bits */
};

struct host_facts {
	/* From the Engine; engine_ok is false when it could not be asked. */
	bool engine_ok;
	char *engine_host; /* unix:///... or tcp://... as asked */
	bool engine_tls;   /* hull spoke TLS to it */
	char *version;	   /* "20.10.24+dfsg1" */
	char *api_version;
	char *os_type;
	enum host_tri rootless;
	enum host_tri userns;
	enum host_tri seccomp;
	char *seccomp_profile; /* "default", "unconfined", a path, or NULL */
	enum host_tri no_new_privileges;
	enum host_tri live_restore;
	enum host_tri icc;
	enum host_tri userland_proxy;
	enum host_tri bridge; /* the default bridge network exists */
	int cgroup_version;   /* 1, 2 or 0 when unknown */
	char *logging_driver;
	char *storage_driver;
	/* Registries pulled from without TLS, beyond the loopback default. */
	struct strvec insecure_registries;
	/* Daemon endpoints on TCP without TLS verification of clients. */
	struct strvec plain_tcp_hosts;
	/* TLS material named on the command line or in daemon.json, as
	 * "ca=PATH", "cert=PATH", "key=PATH". */
	struct strvec tls_paths;

	/* The running daemon's process, when hull could find it and read
	 * its command line (0 otherwise), and the --config-file it names. */
	long long daemon_pid;
	char *daemon_config_arg;
	bool cmdline_tcp; /* not read: the daemon was asked over TCP */

	/* Where the daemon's own files are: rootless daemons keep them in
	 * their user's home and runtime directory. */
	char *daemon_json_path;
	bool daemon_json_read;	  /* read and parsed, or known absent */
	bool daemon_json_present; /* it exists and was parsed */
	char *sock_path;	  /* the unix socket, NULL for TCP */
	unsigned daemon_uid;	  /* who should own the files: 0, or the user */
	bool daemon_uid_known;

	struct host_file *files;
	size_t nfiles;

	bool docker_group_found;
	unsigned docker_gid;
	struct strvec docker_group_members;

	char *content_trust; /* DOCKER_CONTENT_TRUST as hull saw it */
	bool is_root;	     /* hull runs with euid 0 */
	long long now;	     /* seconds since the epoch, for ages */

	/* Checks that could not be made and why ("needs root"). */
	struct strvec notes;
};

/* What `hull host` was asked to look at. */
struct host_options {
	const char *docker_host;   /* NULL: DOCKER_HOST, else the default */
	const char *daemon_config; /* NULL: found beside the daemon */
	const char *root;	   /* read host files under this; NULL is / */
};

void host_facts_init(struct host_facts *f);
void host_facts_release(struct host_facts *f);

/*
 * Gather everything.  Always fills what it can: when the Engine cannot
 * be reached, *engine_err says why, engine_ok stays false and the file
 * checks still have their facts.  A daemon.json that exists but cannot
 * be parsed is reported through *input_err (and its settings stay
 * unknown).  Returns 0, or -1 when either error was set.
 */
int host_facts_gather(struct host_facts *f, const struct host_options *opt,
		      struct err *engine_err, struct err *input_err);

/*
 * The pieces of host_facts_gather, each usable on its own (tests, fuzz).
 */

/* Read GET /info. */
void host_facts_from_info(struct host_facts *f, const json_t *info);
/* Read GET /version. */
void host_facts_from_version(struct host_facts *f, const json_t *version);
/* Read GET /networks/bridge (NULL when the daemon has no such network). */
void host_facts_from_bridge(struct host_facts *f, const json_t *net);

/*
 * Parse daemon.json text; settings the Engine already reported are kept.
 * Returns 0, or -1 with ERR_INPUT naming `name` when the text is not a
 * JSON object.
 */
int host_facts_from_daemon_json(struct host_facts *f, const char *text,
				size_t len, const char *name, struct err *e);

/*
 * Read the daemon's command line from a systemd unit (ExecStart=) or an
 * /etc/default/docker file (DOCKER_OPTS=, OPTIONS=): -H/--host,
 * --tlsverify, --tlscacert/--tlscert/--tlskey, and the hardening flags
 * (--icc, --userland-proxy, --live-restore, --no-new-privileges,
 * --userns-remap, --seccomp-profile).  Settings already known are kept.
 */
void host_facts_from_daemon_args(struct host_facts *f, const char *text,
				 size_t len);

/*
 * Read a running daemon's argv as /proc/PID/cmdline holds it: words
 * separated by NUL bytes, the program first.  The same flags as
 * host_facts_from_daemon_args(), plus --config-file.  Returns 0, or -1
 * (and reads nothing) when the program is not dockerd.
 */
int host_facts_from_daemon_argv(struct host_facts *f, const char *argv,
				size_t len);

/* Find the docker group and its members in /etc/group text. */
void host_facts_from_group(struct host_facts *f, const char *text, size_t len);

/* Record a file fact (path as the host names it). */
struct host_file *host_facts_add_file(struct host_facts *f,
				      enum host_file_kind kind,
				      const char *path);

/* Apply the defaults the daemon uses when nothing says otherwise. */
void host_facts_apply_defaults(struct host_facts *f);

/*
 * After gathering: apply dockerd's defaults when its configuration was
 * all seen (its command line and its daemon.json, read or known absent;
 * or a daemon.json actually read).  Otherwise the settings only those
 * could tell (icc, userland-proxy, no-new-privileges, live-restore,
 * userns-remap, when the Engine did not report them) stay unknown and
 * their rules silent, and a note names them and says why: the command
 * line not read (cmdline_tcp: a TCP endpoint), or daemon.json unreadable.
 */
void host_facts_settle(struct host_facts *f);

/* Name of a file kind: "docker.service", "daemon.json", ... */
const char *host_file_kind_name(enum host_file_kind kind);

#endif
