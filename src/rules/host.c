/*
 * The host rules: the daemon's settings (HO001...) and the ownership and
 * modes of its files (HO020...).
 */
#include "rules/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "rules/registry-internal.h"

#define DAY (24LL * 60 * 60)

static void
add(struct findings *out, const struct rule *self, const struct host_facts *f,
    const char *file, const char *msg)
{
	struct location loc = LOCATION_INIT;

	/* A daemon.json that is not there is no place to point at. */
	if (file && file == f->daemon_json_path && !f->daemon_json_present)
		file = NULL;
	loc.file = file;
	loc.target = f->engine_host;
	findings_add_rule(out, self, &loc, "%s", msg);
}

/* ---- the daemon's settings ---- */

static void
check_rootful(const struct rule *self, const struct host_facts *f,
	      struct findings *out)
{
	if (f->rootless == HOST_NO && f->userns == HOST_NO)
		add(out, self, f, NULL,
		    "the daemon runs as root and maps container root to "
		    "host root (neither rootless nor userns-remap)");
}

static void
check_icc(const struct rule *self, const struct host_facts *f,
	  struct findings *out)
{
	if (f->icc == HOST_YES)
		add(out, self, f, f->daemon_json_path,
		    "containers on the default bridge can reach each other "
		    "(icc is not false)");
}

static void
check_cgroup(const struct rule *self, const struct host_facts *f,
	     struct findings *out)
{
	if (f->cgroup_version == 1)
		add(out, self, f, NULL,
		    "the host uses cgroup v1; rootless containers get no "
		    "resource limits and v1 lacks v2's delegation");
}

static void
check_live_restore(const struct rule *self, const struct host_facts *f,
		   struct findings *out)
{
	if (f->live_restore == HOST_NO)
		add(out, self, f, f->daemon_json_path,
		    "live-restore is off: stopping the daemon stops every "
		    "container");
}

static void
check_userland_proxy(const struct rule *self, const struct host_facts *f,
		     struct findings *out)
{
	if (f->userland_proxy == HOST_YES)
		add(out, self, f, f->daemon_json_path,
		    "published ports go through docker-proxy (userland-proxy "
		    "is not false)");
}

static void
check_nnp(const struct rule *self, const struct host_facts *f,
	  struct findings *out)
{
	if (f->no_new_privileges == HOST_NO)
		add(out, self, f, f->daemon_json_path,
		    "containers may gain privileges through setuid binaries "
		    "unless each one sets no-new-privileges");
}

static void
check_seccomp(const struct rule *self, const struct host_facts *f,
	      struct findings *out)
{
	char msg[256];

	if (f->seccomp == HOST_NO)
		add(out, self, f, NULL,
		    "the daemon applies no seccomp profile to containers");
	else if (f->seccomp_profile &&
		 !strcmp(f->seccomp_profile, "unconfined")) {
		snprintf(msg, sizeof(msg),
			 "the daemon's default seccomp profile is '%s'",
			 f->seccomp_profile);
		add(out, self, f, f->daemon_json_path, msg);
	}
}

static void
check_log_none(const struct rule *self, const struct host_facts *f,
	       struct findings *out)
{
	if (f->logging_driver && !strcmp(f->logging_driver, "none"))
		add(out, self, f, f->daemon_json_path,
		    "the default log driver is 'none': container output is "
		    "thrown away");
}

static void
check_log_local(const struct rule *self, const struct host_facts *f,
		struct findings *out)
{
	static const char *const local[] = { "json-file", "local" };
	char msg[256];

	if (!f->logging_driver)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(local); i++)
		if (!strcmp(f->logging_driver, local[i])) {
			snprintf(msg, sizeof(msg),
				 "the default log driver '%s' keeps logs "
				 "only on this host",
				 f->logging_driver);
			add(out, self, f, f->daemon_json_path, msg);
		}
}

static void
join(struct buf *b, const struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		buf_addf(b, "%s'%s'", i ? ", " : "", sv->v[i]);
}

static void
check_insecure_registries(const struct rule *self, const struct host_facts *f,
			  struct findings *out)
{
	struct buf b = BUF_INIT;

	if (!f->insecure_registries.n)
		return;
	buf_addstr(&b, "images are pulled without TLS from ");
	join(&b, &f->insecure_registries);
	add(out, self, f, f->daemon_json_path, b.data);
	buf_release(&b);
}

static void
check_plain_tcp(const struct rule *self, const struct host_facts *f,
		struct findings *out)
{
	struct buf b = BUF_INIT;

	if (f->engine_ok && f->engine_host &&
	    (str_starts_with(f->engine_host, "tcp://") ||
	     str_starts_with(f->engine_host, "http://")) &&
	    !f->engine_tls) {
		buf_addf(&b,
			 "the daemon answered on '%s' without TLS: anyone "
			 "who reaches the port is root on the host",
			 f->engine_host);
		add(out, self, f, NULL, b.data);
		buf_reset(&b);
	}
	if (!f->plain_tcp_hosts.n)
		goto out;
	buf_addstr(&b, "the daemon listens on ");
	join(&b, &f->plain_tcp_hosts);
	buf_addstr(&b, " without --tlsverify");
	add(out, self, f, f->daemon_json_path, b.data);
out:
	buf_release(&b);
}

static void
check_docker_group(const struct rule *self, const struct host_facts *f,
		   struct findings *out)
{
	struct buf b = BUF_INIT;

	/* The group grants the rootful daemon's socket only. */
	if (f->rootless == HOST_YES || !f->docker_group_members.n)
		return;
	buf_addstr(&b, "members of the docker group can take root on this "
		       "host: ");
	join(&b, &f->docker_group_members);
	add(out, self, f, "/etc/group", b.data);
	buf_release(&b);
}

static void
check_content_trust(const struct rule *self, const struct host_facts *f,
		    struct findings *out)
{
	char msg[256];

	if (f->content_trust && !strcmp(f->content_trust, "1"))
		return;
	if (f->content_trust)
		snprintf(msg, sizeof(msg),
			 "DOCKER_CONTENT_TRUST is '%.64s', not 1: image "
			 "signatures are not checked",
			 f->content_trust);
	else
		snprintf(msg, sizeof(msg),
			 "DOCKER_CONTENT_TRUST is not set: image signatures "
			 "are not checked");
	add(out, self, f, NULL, msg);
}

static void
check_aufs(const struct rule *self, const struct host_facts *f,
	   struct findings *out)
{
	if (f->storage_driver && !strcmp(f->storage_driver, "aufs"))
		add(out, self, f, NULL,
		    "the daemon stores images with the aufs driver");
}

/* ---- the Engine's age ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long
days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/*
 * When each Engine line was first released (upstream release notes).
 * NEEDSWORK: lines newer than the last entry are not judged until the
 * table grows.
 */
static const struct engine_line {
	int major, minor;
	int y, m, d;
} engine_lines[] = {
	{ 17, 3, 2017, 3, 1 },	 { 17, 6, 2017, 6, 28 },
	{ 17, 9, 2017, 9, 26 },	 { 17, 12, 2017, 12, 27 },
	{ 18, 3, 2018, 3, 21 },	 { 18, 6, 2018, 7, 18 },
	{ 18, 9, 2018, 11, 8 },	 { 19, 3, 2019, 7, 22 },
	{ 20, 10, 2020, 12, 8 }, { 23, 0, 2023, 2, 1 },
	{ 24, 0, 2023, 5, 16 },	 { 25, 0, 2024, 1, 19 },
	{ 26, 0, 2024, 3, 20 },	 { 26, 1, 2024, 4, 22 },
	{ 27, 0, 2024, 6, 24 },	 { 28, 0, 2025, 2, 19 },
};

/* "20.10.24+dfsg1" -> 20, 10; the "v" of "v1.13" is tolerated. */
static int
version_split(const char *v, int *major, int *minor)
{
	char a[8], b[8];
	size_t i = 0, j = 0;
	long long x, y;

	if (*v == 'v')
		v++;
	while (v[i] >= '0' && v[i] <= '9' && i < sizeof(a) - 1)
		a[i] = v[i], i++;
	a[i] = '\0';
	if (v[i] != '.')
		return -1;
	v += i + 1;
	while (v[j] >= '0' && v[j] <= '9' && j < sizeof(b) - 1)
		b[j] = v[j], j++;
	b[j] = '\0';
	if (str_to_ll(a, 0, 9999, &x) || str_to_ll(b, 0, 9999, &y))
		return -1;
	*major = (int)x;
	*minor = (int)y;
	return 0;
}

long long
host_engine_line_date(const char *version, char line[16])
{
	const struct engine_line *hit = NULL;
	int major, minor;

	if (!version || version_split(version, &major, &minor))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(engine_lines); i++) {
		const struct engine_line *l = &engine_lines[i];

		if (l->major < major ||
		    (l->major == major && l->minor <= minor))
			hit = l;
	}
	/* Newer than the table: hull cannot tell its age. */
	if (major > engine_lines[ARRAY_SIZE(engine_lines) - 1].major)
		return -1;
	/* Older than the table: as old as its first line, or more. */
	if (!hit)
		hit = &engine_lines[0];
	if (line)
		snprintf(line, 16, "%d.%02d", hit->major, hit->minor);
	return days_from_civil(hit->y, hit->m, hit->d) * DAY;
}

static void
check_engine_age(const struct rule *self, const struct host_facts *f,
		 struct findings *out)
{
	char line[16], msg[256];
	long long released = host_engine_line_date(f->version, line);
	long long days;

	if (released < 0 || !f->now)
		return;
	days = (f->now - released) / DAY;
	if (days <= HOST_ENGINE_MAX_AGE_DAYS)
		return;
	snprintf(msg, sizeof(msg),
		 "Docker Engine %.64s belongs to the %s line, released %lld "
		 "days ago",
		 f->version, line, days);
	add(out, self, f, NULL, msg);
}

/* ---- the daemon's files ---- */

/* Who should own a file besides the daemon's user. */
enum file_group {
	FILE_GROUP_ROOT,   /* group root (rootful) */
	FILE_GROUP_DOCKER, /* group root or docker (the socket) */
};

struct file_spec {
	const struct rule *rule;
	enum host_file_kind kind;
	enum file_group group;
	unsigned mode_max; /* no permission bit beyond these */
};

static const struct file_spec *file_spec_of(const struct rule *r);

static bool
group_ok(const struct host_facts *f, const struct file_spec *s,
	 const struct host_file *hf)
{
	/* A rootless daemon's files belong to its user's own groups. */
	if (f->rootless == HOST_YES)
		return true;
	if (hf->gid == 0)
		return true;
	return s->group == FILE_GROUP_DOCKER && f->docker_group_found &&
	       hf->gid == f->docker_gid;
}

static void
check_one_file(const struct rule *self, const struct file_spec *s,
	       const struct host_facts *f, const struct host_file *hf,
	       struct findings *out)
{
	unsigned perm = hf->mode & 07777;
	/* The sticky bit grants nothing to others: leave it out. */
	unsigned extra = perm & 06777 & ~s->mode_max;
	struct buf b = BUF_INIT;

	if (f->daemon_uid_known && hf->uid != f->daemon_uid)
		buf_addf(&b, "owned by uid %u, not %u", hf->uid, f->daemon_uid);
	if (!group_ok(f, s, hf))
		buf_addf(&b, "%sgroup %u is neither root%s", b.len ? "; " : "",
			 hf->gid,
			 s->group == FILE_GROUP_DOCKER ? " nor docker" : "");
	if (extra)
		buf_addf(&b, "%smode %04o allows more than %04o",
			 b.len ? "; " : "", perm, s->mode_max);
	if (b.len) {
		char *msg =
		    xasprintf("%s '%s': %s", host_file_kind_name(hf->kind),
			      hf->path, b.data);

		add(out, self, f, hf->path, msg);
		free(msg);
	}
	buf_release(&b);
}

static void
check_files(const struct rule *self, const struct host_facts *f,
	    struct findings *out)
{
	const struct file_spec *s = file_spec_of(self);

	for (size_t i = 0; s && i < f->nfiles; i++)
		if (f->files[i].kind == s->kind &&
		    f->files[i].state == HOST_FILE_PRESENT)
			check_one_file(self, s, f, &f->files[i], out);
}

/* ---- the table ---- */

static const char *const host_references[] = {
	"https://www.cisecurity.org/benchmark/docker",
	"https://docs.docker.com/engine/security/",
	NULL,
};

static const char *const ho001_aliases[] = {
	"CIS-2.1", "check_2_1", "CIS-2.10", "check_2_9", NULL,
};

static const struct rule ho001 = {
	.id = "HO001",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "Daemon runs as root without user-namespace remapping",
	.why = "A rootful daemon without userns-remap maps root inside a "
	       "container to root on the host: a container escape, or a "
	       "bind mount of a host path, acts with full root rights. A "
	       "rootless daemon, or userns-remap, turns that root into "
	       "an unprivileged user.",
	.remediation = "Run the daemon rootless (dockerd-rootless-setuptool.sh "
		       "install), or set \"userns-remap\": \"default\" in "
		       "daemon.json.",
	.bad = "$ docker info --format "
	       "'{{.SecurityOptions}}'\n[name=seccomp,profile=default]",
	.good = "$ docker info --format "
		"'{{.SecurityOptions}}'\n[name=seccomp,profile=default "
		"name=rootless]",
	.aliases = ho001_aliases,
	.references = host_references,
	.check.host = check_rootful,
};

static const char *const ho002_aliases[] = {
	"CIS-2.2",
	"check_2_2",
	NULL,
};

static const struct rule ho002 = {
	.id = "HO002",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "Containers on the default bridge can talk to each other",
	.why = "With inter-container communication on, every container "
	       "on the default bridge reaches every other one on any "
	       "port: one compromised container can probe and attack the "
	       "rest.",
	.remediation =
	    "Set \"icc\": false in daemon.json and connect containers "
	    "that must talk through user-defined networks.",
	.bad = "{ \"log-driver\": \"json-file\" }",
	.good = "{ \"icc\": false }",
	.aliases = ho002_aliases,
	.references = host_references,
	.check.host = check_icc,
};

static const struct rule ho003 = {
	.id = "HO003",
	.severity = SEV_LOW,
	.target = RULE_HOST,
	.title = "Host uses cgroup v1",
	.why = "cgroup v1 cannot delegate controllers to an unprivileged "
	       "user, so a rootless daemon on it cannot enforce memory, "
	       "CPU or pids limits; v2 also brings a single, consistent "
	       "hierarchy.",
	.remediation = "Boot with systemd.unified_cgroup_hierarchy=1 (the "
		       "default on current distributions).",
	.bad = "$ docker info --format '{{.CgroupVersion}}'\n1",
	.good = "$ docker info --format '{{.CgroupVersion}}'\n2",
	.aliases = NULL,
	.references = host_references,
	.check.host = check_cgroup,
};

static const char *const ho004_aliases[] = {
	"CIS-2.16",
	"check_2_15",
	NULL,
};

static const struct rule ho004 = {
	.id = "HO004",
	.severity = SEV_LOW,
	.target = RULE_HOST,
	.title = "Live restore is disabled",
	.why = "Without live-restore, restarting or upgrading the daemon "
	       "stops every container, which makes people put off daemon "
	       "updates.",
	.remediation = "Set \"live-restore\": true in daemon.json.",
	.bad = "{ }",
	.good = "{ \"live-restore\": true }",
	.aliases = ho004_aliases,
	.references = host_references,
	.check.host = check_live_restore,
};

static const char *const ho005_aliases[] = {
	"CIS-2.17",
	"check_2_16",
	NULL,
};

static const struct rule ho005 = {
	.id = "HO005",
	.severity = SEV_LOW,
	.target = RULE_HOST,
	.title = "Userland proxy is enabled",
	.why = "docker-proxy relays published ports through a userland "
	       "process running as root on the host, a larger attack "
	       "surface than the kernel's NAT rules.",
	.remediation = "Set \"userland-proxy\": false in daemon.json.",
	.bad = "{ }",
	.good = "{ \"userland-proxy\": false }",
	.aliases = ho005_aliases,
	.references = host_references,
	.check.host = check_userland_proxy,
};

static const char *const ho006_aliases[] = {
	"CIS-2.15",
	"check_2_14",
	NULL,
};

static const struct rule ho006 = {
	.id = "HO006",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "Containers may acquire new privileges by default",
	.why = "Unless no-new-privileges is the default, a process in a "
	       "container can gain privileges through setuid and setgid "
	       "binaries in its image.",
	.remediation = "Set \"no-new-privileges\": true in daemon.json.",
	.bad = "{ }",
	.good = "{ \"no-new-privileges\": true }",
	.aliases = ho006_aliases,
	.references = host_references,
	.check.host = check_nnp,
};

static const char *const ho007_aliases[] = {
	"CIS-2.18",
	"check_2_17",
	NULL,
};

static const struct rule ho007 = {
	.id = "HO007",
	.severity = SEV_HIGH,
	.target = RULE_HOST,
	.title = "Daemon applies no seccomp profile",
	.why = "The default seccomp profile blocks about forty system "
	       "calls that containers never need and that kernel "
	       "exploits rely on; without it, every container can call "
	       "them.",
	.remediation = "Remove \"seccomp-profile\": \"unconfined\" from "
		       "daemon.json, or point it at a reviewed profile.",
	.bad = "{ \"seccomp-profile\": \"unconfined\" }",
	.good = "{ }",
	.aliases = ho007_aliases,
	.references = host_references,
	.check.host = check_seccomp,
};

static const char *const ho008_aliases[] = {
	"CIS-2.14",
	"check_2_13",
	NULL,
};

static const struct rule ho008 = {
	.id = "HO008",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "Container logs are discarded",
	.why = "With the 'none' log driver nothing a container writes is "
	       "kept: an intrusion leaves no trace to investigate.",
	.remediation =
	    "Set \"log-driver\" in daemon.json to a driver that keeps "
	    "logs (json-file with rotation, journald, syslog, "
	    "fluentd).",
	.bad = "{ \"log-driver\": \"none\" }",
	.good = "{ \"log-driver\": \"journald\" }",
	.aliases = ho008_aliases,
	.references = host_references,
	.check.host = check_log_none,
};

static const char *const ho009_aliases[] = {
	"CIS-2.14",
	"check_2_13",
	NULL,
};

static const struct rule ho009 = {
	.id = "HO009",
	.severity = SEV_LOW,
	.target = RULE_HOST,
	.title = "Container logs stay only on the host",
	.why = "Logs kept only on the host can be erased by whoever "
	       "compromises it; a remote log store keeps the record.",
	.remediation = "Send logs to a central store: \"log-driver\": "
		       "\"syslog\", \"fluentd\", \"gelf\" or journald with "
		       "forwarding.",
	.bad = "{ \"log-driver\": \"json-file\" }",
	.good = "{ \"log-driver\": \"syslog\", \"log-opts\": { "
		"\"syslog-address\": \"tcp://logs:514\" } }",
	.aliases = ho009_aliases,
	.references = host_references,
	.check.host = check_log_local,
};

static const char *const ho010_aliases[] = {
	"CIS-2.5",
	"check_2_5",
	NULL,
};

static const struct rule ho010 = {
	.id = "HO010",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "Daemon pulls from insecure registries",
	.why = "An insecure registry is reached over plain HTTP or "
	       "without certificate checks: anyone on the path can swap "
	       "the images the daemon runs.",
	.remediation =
	    "Remove the entries from \"insecure-registries\" and give "
	    "the registries TLS certificates.",
	.bad = "{ \"insecure-registries\": [\"registry.lan:5000\"] }",
	.good = "{ }",
	.aliases = ho010_aliases,
	.references = host_references,
	.check.host = check_insecure_registries,
};

static const char *const ho011_aliases[] = {
	"CIS-2.8",
	"check_2_7",
	NULL,
};

static const struct rule ho011 = {
	.id = "HO011",
	.severity = SEV_CRITICAL,
	.target = RULE_HOST,
	.title = "Daemon listens on TCP without TLS client verification",
	.why = "The Engine API is root on the host. On a TCP socket "
	       "without --tlsverify anyone who reaches the port can "
	       "start a privileged container and own the machine.",
	.remediation =
	    "Listen on the unix socket only, or add --tlsverify with "
	    "--tlscacert, --tlscert and --tlskey.",
	.bad = "{ \"hosts\": [\"tcp://0.0.0.0:2375\"] }",
	.good = "{ \"hosts\": [\"tcp://0.0.0.0:2376\"], \"tlsverify\": "
		"true,\n  \"tlscacert\": \"/etc/docker/ca.pem\", "
		"\"tlscert\": \"/etc/docker/server.pem\",\n  \"tlskey\": "
		"\"/etc/docker/server-key.pem\" }",
	.aliases = ho011_aliases,
	.references = host_references,
	.check.host = check_plain_tcp,
};

static const char *const ho012_aliases[] = {
	"CIS-1.1.2",
	"check_1_1_2",
	NULL,
};

static const struct rule ho012 = {
	.id = "HO012",
	.severity = SEV_LOW,
	.target = RULE_HOST,
	.title = "Users in the docker group control the daemon",
	.why = "Membership of the docker group is root on the host "
	       "without a password or an audit trail: a member can mount "
	       "/ into a container. Each member must be someone you "
	       "would give root.",
	.remediation =
	    "Remove users who do not need the daemon (gpasswd -d USER "
	    "docker); prefer rootless Docker per user.",
	.bad = "docker:x:998:alice,ci-runner,intern",
	.good = "docker:x:998:",
	.aliases = ho012_aliases,
	.references = host_references,
	.check.host = check_docker_group,
};

static const char *const ho013_aliases[] = {
	"CIS-4.5",
	"check_4_5",
	NULL,
};

static const struct rule ho013 = {
	.id = "HO013",
	.severity = SEV_LOW,
	.target = RULE_HOST,
	.title = "Content trust is not enabled",
	.why = "Without DOCKER_CONTENT_TRUST=1 the docker client pulls "
	       "and runs images whether or not their publisher signed "
	       "them.",
	.remediation =
	    "export DOCKER_CONTENT_TRUST=1 in the environment of the "
	    "users and jobs that pull images.",
	.bad = "$ echo $DOCKER_CONTENT_TRUST\n",
	.good = "$ echo $DOCKER_CONTENT_TRUST\n1",
	.aliases = ho013_aliases,
	.references = host_references,
	.check.host = check_content_trust,
};

static const char *const ho014_aliases[] = {
	"CIS-1.2.2",
	"check_1_2_2",
	NULL,
};

static const struct rule ho014 = {
	.id = "HO014",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "Docker Engine line is old",
	.why = "An Engine line more than two years old no longer gets "
	       "upstream fixes; distribution packages backport some, not "
	       "all, and miss the hardening of newer lines.",
	.remediation = "Upgrade to a maintained Engine line.",
	.bad = "Server Version: 19.03.15",
	.good = "Server Version: 28.0.1",
	.aliases = ho014_aliases,
	.references = host_references,
	.check.host = check_engine_age,
};

static const char *const ho015_aliases[] = {
	"CIS-2.6",
	"check_2_6",
	NULL,
};

static const struct rule ho015 = {
	.id = "HO015",
	.severity = SEV_LOW,
	.target = RULE_HOST,
	.title = "Daemon uses the aufs storage driver",
	.why = "aufs is unmaintained, out of the mainline kernel, and "
	       "known for kernel crashes and security issues.",
	.remediation = "Move to overlay2: set \"storage-driver\": \"overlay2\" "
		       "and re-pull images.",
	.bad = "{ \"storage-driver\": \"aufs\" }",
	.good = "{ \"storage-driver\": \"overlay2\" }",
	.aliases = ho015_aliases,
	.references = host_references,
	.check.host = check_aufs,
};

static const char *const ho020_aliases[] = {
	"CIS-3.1", "check_3_1", "CIS-3.2", "check_3_2", NULL,
};

static const struct rule ho020 = {
	.id = "HO020",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "docker.service is not owned by root or is writable by "
		 "others",
	.why = "Whoever can edit docker.service chooses the daemon's "
	       "command line, and the daemon runs as root.",
	.remediation =
	    "chown root:root docker.service; chmod 644 docker.service",
	.bad = "-rw-rw-r-- 1 root staff "
	       "/lib/systemd/system/docker.service",
	.good = "-rw-r--r-- 1 root root "
		"/lib/systemd/system/docker.service",
	.aliases = ho020_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho021_aliases[] = {
	"CIS-3.3", "check_3_3", "CIS-3.4", "check_3_4", NULL,
};

static const struct rule ho021 = {
	.id = "HO021",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "docker.socket is not owned by root or is writable by "
		 "others",
	.why = "Whoever can edit docker.socket chooses who may open the "
	       "daemon's socket.",
	.remediation = "chown root:root docker.socket; chmod 644 docker.socket",
	.bad = "-rw-rw-rw- 1 root root /lib/systemd/system/docker.socket",
	.good = "-rw-r--r-- 1 root root /lib/systemd/system/docker.socket",
	.aliases = ho021_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho022_aliases[] = {
	"CIS-3.5", "check_3_5", "CIS-3.6", "check_3_6", NULL,
};

static const struct rule ho022 = {
	.id = "HO022",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "/etc/docker is not owned by root or is writable by "
		 "others",
	.why = "/etc/docker holds the daemon's configuration, keys and "
	       "registry certificates.",
	.remediation = "chown root:root /etc/docker; chmod 755 /etc/docker",
	.bad = "drwxrwxrwx 3 root root /etc/docker",
	.good = "drwxr-xr-x 3 root root /etc/docker",
	.aliases = ho022_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho023_aliases[] = {
	"CIS-3.7", "check_3_7", "CIS-3.8", "check_3_8", NULL,
};

static const struct rule ho023 = {
	.id = "HO023",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "Registry certificate is not owned by root or is writable",
	.why = "A registry certificate that others can replace lets them "
	       "vouch for a registry of their own.",
	.remediation = "chown root:root /etc/docker/certs.d/*/*; chmod 444 "
		       "/etc/docker/certs.d/*/*",
	.bad = "-rw-rw-r-- 1 alice alice "
	       "/etc/docker/certs.d/reg:5000/ca.crt",
	.good = "-r--r--r-- 1 root root "
		"/etc/docker/certs.d/reg:5000/ca.crt",
	.aliases = ho023_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho024_aliases[] = {
	"CIS-3.9", "check_3_9", "CIS-3.10", "check_3_10", NULL,
};

static const struct rule ho024 = {
	.id = "HO024",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "TLS CA certificate is not owned by root or is writable",
	.why = "The CA certificate decides which clients may drive the "
	       "daemon over TCP; whoever replaces it can issue their "
	       "own.",
	.remediation = "chown root:root CA.pem; chmod 444 CA.pem",
	.bad = "-rw-r--r-- 1 alice alice /etc/docker/ca.pem",
	.good = "-r--r--r-- 1 root root /etc/docker/ca.pem",
	.aliases = ho024_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho025_aliases[] = {
	"CIS-3.11", "check_3_11", "CIS-3.12", "check_3_12", NULL,
};

static const struct rule ho025 = {
	.id = "HO025",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "TLS server certificate is not owned by root or is "
		 "writable",
	.why = "A replaced server certificate lets someone else "
	       "impersonate the daemon to its clients.",
	.remediation = "chown root:root server.pem; chmod 444 server.pem",
	.bad = "-rw-rw-r-- 1 root root /etc/docker/server.pem",
	.good = "-r--r--r-- 1 root root /etc/docker/server.pem",
	.aliases = ho025_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho026_aliases[] = {
	"CIS-3.13", "check_3_13", "CIS-3.14", "check_3_14", NULL,
};

static const struct rule ho026 = {
	.id = "HO026",
	.severity = SEV_HIGH,
	.target = RULE_HOST,
	.title = "TLS server key is not owned by root or is readable by "
		 "others",
	.why = "Anyone who can read the server key can impersonate the "
	       "daemon.",
	.remediation =
	    "chown root:root server-key.pem; chmod 400 server-key.pem",
	.bad = "-rw-r--r-- 1 root root /etc/docker/server-key.pem",
	.good = "-r-------- 1 root root /etc/docker/server-key.pem",
	.aliases = ho026_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho027_aliases[] = {
	"CIS-3.15", "check_3_15", "CIS-3.16", "check_3_16", NULL,
};

static const struct rule ho027 = {
	.id = "HO027",
	.severity = SEV_HIGH,
	.target = RULE_HOST,
	.title = "Docker socket is open beyond root and the docker group",
	.why = "Whoever can open the daemon's socket is root on the "
	       "host.",
	.remediation = "chown root:docker /var/run/docker.sock; chmod 660 "
		       "/var/run/docker.sock (set by the daemon's --group)",
	.bad = "srw-rw-rw- 1 root docker /var/run/docker.sock",
	.good = "srw-rw---- 1 root docker /var/run/docker.sock",
	.aliases = ho027_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho028_aliases[] = {
	"CIS-3.17", "check_3_17", "CIS-3.18", "check_3_18", NULL,
};

static const struct rule ho028 = {
	.id = "HO028",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "daemon.json is not owned by root or is writable by "
		 "others",
	.why = "Whoever can edit daemon.json chooses the daemon's "
	       "settings at its next start: seccomp off, a TCP socket, "
	       "an insecure registry.",
	.remediation = "chown root:root /etc/docker/daemon.json; chmod 644 "
		       "/etc/docker/daemon.json",
	.bad = "-rw-rw-rw- 1 root root /etc/docker/daemon.json",
	.good = "-rw-r--r-- 1 root root /etc/docker/daemon.json",
	.aliases = ho028_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho029_aliases[] = {
	"CIS-3.19", "check_3_19", "CIS-3.20", "check_3_20", NULL,
};

static const struct rule ho029 = {
	.id = "HO029",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "/etc/default/docker is not owned by root or is writable "
		 "by others",
	.why = "/etc/default/docker adds options to the daemon's command "
	       "line.",
	.remediation = "chown root:root /etc/default/docker; chmod 644 "
		       "/etc/default/docker",
	.bad = "-rw-rw-rw- 1 root root /etc/default/docker",
	.good = "-rw-r--r-- 1 root root /etc/default/docker",
	.aliases = ho029_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho030_aliases[] = {
	"CIS-3.21", "check_3_21", "CIS-3.22", "check_3_22", NULL,
};

static const struct rule ho030 = {
	.id = "HO030",
	.severity = SEV_MEDIUM,
	.target = RULE_HOST,
	.title = "/etc/sysconfig/docker is not owned by root or is "
		 "writable by others",
	.why = "/etc/sysconfig/docker adds options to the daemon's "
	       "command line.",
	.remediation = "chown root:root /etc/sysconfig/docker; chmod 644 "
		       "/etc/sysconfig/docker",
	.bad = "-rw-rw-rw- 1 root root /etc/sysconfig/docker",
	.good = "-rw-r--r-- 1 root root /etc/sysconfig/docker",
	.aliases = ho030_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const char *const ho031_aliases[] = {
	"CIS-3.23", "check_3_23", "CIS-3.24", "check_3_24", NULL,
};

static const struct rule ho031 = {
	.id = "HO031",
	.severity = SEV_HIGH,
	.target = RULE_HOST,
	.title = "containerd socket is open beyond root",
	.why = "containerd's socket gives the same control over "
	       "containers as the Docker socket, without Docker's "
	       "checks.",
	.remediation = "chown root:root /run/containerd/containerd.sock; chmod "
		       "660 /run/containerd/containerd.sock",
	.bad = "srw-rw-rw- 1 root root /run/containerd/containerd.sock",
	.good = "srw-rw---- 1 root root /run/containerd/containerd.sock",
	.aliases = ho031_aliases,
	.references = host_references,
	.check.host = check_files,
};

static const struct file_spec file_specs[] = {
	{ &ho020, HOST_FILE_SERVICE, FILE_GROUP_ROOT, 0644 },
	{ &ho021, HOST_FILE_SOCKET_UNIT, FILE_GROUP_ROOT, 0644 },
	{ &ho022, HOST_FILE_ETC_DOCKER, FILE_GROUP_ROOT, 0755 },
	{ &ho023, HOST_FILE_REGISTRY_CERT, FILE_GROUP_ROOT, 0444 },
	{ &ho024, HOST_FILE_TLS_CA, FILE_GROUP_ROOT, 0444 },
	{ &ho025, HOST_FILE_TLS_CERT, FILE_GROUP_ROOT, 0444 },
	{ &ho026, HOST_FILE_TLS_KEY, FILE_GROUP_ROOT, 0400 },
	{ &ho027, HOST_FILE_SOCK, FILE_GROUP_DOCKER, 0660 },
	{ &ho028, HOST_FILE_DAEMON_JSON, FILE_GROUP_ROOT, 0644 },
	{ &ho029, HOST_FILE_DEFAULT, FILE_GROUP_ROOT, 0644 },
	{ &ho030, HOST_FILE_SYSCONFIG, FILE_GROUP_ROOT, 0644 },
	{ &ho031, HOST_FILE_CONTAINERD_SOCK, FILE_GROUP_ROOT, 0660 },
};

static const struct file_spec *
file_spec_of(const struct rule *r)
{
	for (size_t i = 0; i < ARRAY_SIZE(file_specs); i++)
		if (file_specs[i].rule == r)
			return &file_specs[i];
	return NULL;
}

const struct rule *const host_rules[] = {
	&ho001, &ho002, &ho003, &ho004, &ho005, &ho006, &ho007,
	&ho008, &ho009, &ho010, &ho011, &ho012, &ho013, &ho014,
	&ho015, &ho020, &ho021, &ho022, &ho023, &ho024, &ho025,
	&ho026, &ho027, &ho028, &ho029, &ho030, &ho031, NULL,
};

void
host_rules_check(const struct host_facts *f, struct findings *out)
{
	for (size_t i = 0; host_rules[i]; i++)
		host_rules[i]->check.host(host_rules[i], f, out);
}
