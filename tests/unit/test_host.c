/*
 * Unit tests for the host facts parsers and the host rules: each rule on
 * fabricated facts that should make it fire and facts that should not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/err.h"
#include "engine/host_facts.h"
#include "report/finding.h"
#include "rules/host.h"
#include "rules/rule.h"

/* 2026-01-01T00:00:00Z */
#define NOW 1767225600LL

/* How many findings rule `id` makes on f. */
static size_t
fires(const char *id, const struct host_facts *f)
{
	const struct rule *r = rules_find(id);
	struct findings out = FINDINGS_INIT;
	size_t n;

	assert_non_null(r);
	assert_string_equal(r->id, id);
	r->check.host(r, f, &out);
	n = out.n;
	for (size_t i = 0; i < n; i++)
		assert_string_equal(out.v[i].id, id);
	findings_release(&out);
	return n;
}

/* Facts of a hardened rootful daemon: no daemon rule fires. */
static void
facts_good(struct host_facts *f)
{
	host_facts_init(f);
	f->engine_ok = true;
	f->engine_host = strdup("unix:///var/run/docker.sock");
	f->version = strdup("28.0.1");
	f->rootless = HOST_NO;
	f->userns = HOST_YES;
	f->seccomp = HOST_YES;
	f->seccomp_profile = strdup("default");
	f->no_new_privileges = HOST_YES;
	f->live_restore = HOST_YES;
	f->icc = HOST_NO;
	f->userland_proxy = HOST_NO;
	f->cgroup_version = 2;
	f->logging_driver = strdup("syslog");
	f->storage_driver = strdup("overlay2");
	f->content_trust = strdup("1");
	f->daemon_uid = 0;
	f->daemon_uid_known = true;
	f->docker_group_found = true;
	f->docker_gid = 998;
	f->now = NOW;
}

static void
hardened_daemon_fires_nothing(void **state)
{
	struct host_facts f;
	struct findings out = FINDINGS_INIT;

	(void)state;
	facts_good(&f);
	host_rules_check(&f, &out);
	assert_int_equal(out.n, 0);
	findings_release(&out);
	host_facts_release(&f);
}

static void
unknown_facts_fire_nothing_but_content_trust(void **state)
{
	struct host_facts f;
	struct findings out = FINDINGS_INIT;

	(void)state;
	host_facts_init(&f);
	host_rules_check(&f, &out);
	/* Content trust is hull's own environment: always known. */
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].id, "HO013");
	findings_release(&out);
	host_facts_release(&f);
}

static void
ho001_rootful_without_userns(void **state)
{
	struct host_facts f;

	(void)state;
	facts_good(&f);
	assert_int_equal(fires("HO001", &f), 0);
	f.userns = HOST_NO;
	assert_int_equal(fires("HO001", &f), 1);
	f.rootless = HOST_YES;
	assert_int_equal(fires("HO001", &f), 0);
	assert_non_null(rules_find("CIS-2.1"));
	assert_string_equal(rules_find("check_2_9")->id, "HO001");
	host_facts_release(&f);
}

static void
ho002_to_ho007_settings(void **state)
{
	struct host_facts f;

	(void)state;
	facts_good(&f);
	f.icc = HOST_YES;
	assert_int_equal(fires("HO002", &f), 1);
	f.cgroup_version = 1;
	assert_int_equal(fires("HO003", &f), 1);
	f.live_restore = HOST_NO;
	assert_int_equal(fires("HO004", &f), 1);
	f.userland_proxy = HOST_YES;
	assert_int_equal(fires("HO005", &f), 1);
	f.no_new_privileges = HOST_NO;
	assert_int_equal(fires("HO006", &f), 1);
	assert_int_equal(fires("HO007", &f), 0);
	f.seccomp = HOST_NO;
	assert_int_equal(fires("HO007", &f), 1);
	f.seccomp = HOST_YES;
	free(f.seccomp_profile);
	f.seccomp_profile = strdup("unconfined");
	assert_int_equal(fires("HO007", &f), 1);
	assert_string_equal(rules_find("CIS-2.2")->id, "HO002");
	host_facts_release(&f);
}

static void
ho008_ho009_log_drivers(void **state)
{
	struct host_facts f;

	(void)state;
	facts_good(&f);
	assert_int_equal(fires("HO008", &f), 0);
	assert_int_equal(fires("HO009", &f), 0);
	free(f.logging_driver);
	f.logging_driver = strdup("none");
	assert_int_equal(fires("HO008", &f), 1);
	assert_int_equal(fires("HO009", &f), 0);
	free(f.logging_driver);
	f.logging_driver = strdup("json-file");
	assert_int_equal(fires("HO008", &f), 0);
	assert_int_equal(fires("HO009", &f), 1);
	host_facts_release(&f);
}

static void
ho010_ho011_registries_and_tcp(void **state)
{
	struct host_facts f;

	(void)state;
	facts_good(&f);
	strvec_push(&f.insecure_registries, "registry.lan:5000");
	assert_int_equal(fires("HO010", &f), 1);
	assert_int_equal(fires("HO011", &f), 0);
	strvec_push(&f.plain_tcp_hosts, "tcp://0.0.0.0:2375");
	assert_int_equal(fires("HO011", &f), 1);
	strvec_release(&f.plain_tcp_hosts);
	/* The daemon answered hull itself over plain TCP. */
	free(f.engine_host);
	f.engine_host = strdup("tcp://127.0.0.1:2375");
	assert_int_equal(fires("HO011", &f), 1);
	f.engine_tls = true;
	assert_int_equal(fires("HO011", &f), 0);
	host_facts_release(&f);
}

static void
ho012_docker_group_members(void **state)
{
	struct host_facts f;
	const char *group = "root:x:0:\n"
			    "docker:x:998:alice, bob\n"
			    "users:x:100:alice\n";

	(void)state;
	facts_good(&f);
	f.docker_group_found = false;
	host_facts_from_group(&f, group, strlen(group));
	assert_true(f.docker_group_found);
	assert_int_equal(f.docker_gid, 998);
	assert_int_equal(f.docker_group_members.n, 2);
	assert_string_equal(f.docker_group_members.v[1], "bob");
	assert_int_equal(fires("HO012", &f), 1);
	f.rootless = HOST_YES;
	assert_int_equal(fires("HO012", &f), 0);
	host_facts_release(&f);

	facts_good(&f);
	host_facts_from_group(&f, "docker:x:998:", 13);
	assert_int_equal(fires("HO012", &f), 0);
	host_facts_release(&f);
}

static void
ho013_content_trust(void **state)
{
	struct host_facts f;

	(void)state;
	facts_good(&f);
	assert_int_equal(fires("HO013", &f), 0);
	free(f.content_trust);
	f.content_trust = strdup("0");
	assert_int_equal(fires("HO013", &f), 1);
	free(f.content_trust);
	f.content_trust = NULL;
	assert_int_equal(fires("HO013", &f), 1);
	host_facts_release(&f);
}

static void
ho014_engine_age(void **state)
{
	struct host_facts f;
	char line[16];

	(void)state;
	assert_int_equal(host_engine_line_date("20.10.24+dfsg1", line),
			 1607385600LL); /* 2020-12-08 */
	assert_string_equal(line, "20.10");
	assert_int_equal(host_engine_line_date("v1.13.1", line),
			 1488326400LL); /* older than the table: 17.03 */
	assert_int_equal(host_engine_line_date("99.0.0", NULL), -1);
	assert_int_equal(host_engine_line_date("garbage", NULL), -1);
	assert_int_equal(host_engine_line_date("", NULL), -1);

	facts_good(&f);
	assert_int_equal(fires("HO014", &f), 0);
	free(f.version);
	f.version = strdup("20.10.24+dfsg1");
	assert_int_equal(fires("HO014", &f), 1);
	/* The same version a year after its release is fine. */
	f.now = 1607385600LL + 365 * 86400LL;
	assert_int_equal(fires("HO014", &f), 0);
	host_facts_release(&f);
}

static void
ho015_aufs(void **state)
{
	struct host_facts f;

	(void)state;
	facts_good(&f);
	assert_int_equal(fires("HO015", &f), 0);
	free(f.storage_driver);
	f.storage_driver = strdup("aufs");
	assert_int_equal(fires("HO015", &f), 1);
	host_facts_release(&f);
}

static void
add_present(struct host_facts *f, enum host_file_kind kind, const char *path,
	    unsigned uid, unsigned gid, unsigned mode)
{
	struct host_file *hf = host_facts_add_file(f, kind, path);

	hf->state = HOST_FILE_PRESENT;
	hf->uid = uid;
	hf->gid = gid;
	hf->mode = mode;
}

static void
file_rules_check_owner_group_and_mode(void **state)
{
	static const struct {
		const char *id;
		enum host_file_kind kind;
		unsigned good_mode, bad_mode;
	} cases[] = {
		{ "HO020", HOST_FILE_SERVICE, 0644, 0664 },
		{ "HO021", HOST_FILE_SOCKET_UNIT, 0644, 0646 },
		{ "HO022", HOST_FILE_ETC_DOCKER, S_IFDIR | 0755,
		  S_IFDIR | 0775 },
		{ "HO023", HOST_FILE_REGISTRY_CERT, 0444, 0644 },
		{ "HO024", HOST_FILE_TLS_CA, 0444, 0644 },
		{ "HO025", HOST_FILE_TLS_CERT, 0444, 0664 },
		{ "HO026", HOST_FILE_TLS_KEY, 0400, 0440 },
		{ "HO027", HOST_FILE_SOCK, S_IFSOCK | 0660, S_IFSOCK | 0666 },
		{ "HO028", HOST_FILE_DAEMON_JSON, 0644, 0666 },
		{ "HO029", HOST_FILE_DEFAULT, 0644, 0664 },
		{ "HO030", HOST_FILE_SYSCONFIG, 0600, 0602 },
		{ "HO031", HOST_FILE_CONTAINERD_SOCK, S_IFSOCK | 0660,
		  S_IFSOCK | 0662 },
	};
	struct host_facts f;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		facts_good(&f);
		add_present(&f, cases[i].kind, "/x", 0, 0, cases[i].good_mode);
		assert_int_equal(fires(cases[i].id, &f), 0);
		host_facts_release(&f);

		facts_good(&f);
		add_present(&f, cases[i].kind, "/x", 0, 0, cases[i].bad_mode);
		assert_int_equal(fires(cases[i].id, &f), 1);
		host_facts_release(&f);

		/* Wrong owner, right mode. */
		facts_good(&f);
		add_present(&f, cases[i].kind, "/x", 1000, 0,
			    cases[i].good_mode);
		assert_int_equal(fires(cases[i].id, &f), 1);
		host_facts_release(&f);

		/* Wrong group. */
		facts_good(&f);
		add_present(&f, cases[i].kind, "/x", 0, 50, cases[i].good_mode);
		assert_int_equal(fires(cases[i].id, &f), 1);
		host_facts_release(&f);
	}
}

static void
socket_may_belong_to_docker_group_and_rootless_user(void **state)
{
	struct host_facts f;

	(void)state;
	facts_good(&f);
	add_present(&f, HOST_FILE_SOCK, "/var/run/docker.sock", 0, 998,
		    S_IFSOCK | 0660);
	assert_int_equal(fires("HO027", &f), 0);
	/* daemon.json may not. */
	add_present(&f, HOST_FILE_DAEMON_JSON, "/etc/docker/daemon.json", 0,
		    998, 0644);
	assert_int_equal(fires("HO028", &f), 1);
	host_facts_release(&f);

	/* A rootless daemon's socket belongs to its user; sticky is fine. */
	facts_good(&f);
	f.rootless = HOST_YES;
	f.daemon_uid = 1001;
	add_present(&f, HOST_FILE_SOCK, "/run/user/1001/docker.sock", 1001,
		    100105, S_IFSOCK | 01660);
	assert_int_equal(fires("HO027", &f), 0);
	f.files[0].uid = 0;
	assert_int_equal(fires("HO027", &f), 1);
	host_facts_release(&f);

	/* Files hull could not stat are not judged. */
	facts_good(&f);
	add_present(&f, HOST_FILE_TLS_KEY, "/k", 5, 5, 0777);
	f.files[0].state = HOST_FILE_DENIED;
	assert_int_equal(fires("HO026", &f), 0);
	host_facts_release(&f);
}

static void
info_answer_fills_facts(void **state)
{
	const char *text =
	    "{\"SecurityOptions\": [\"name=seccomp,profile=default\","
	    " \"name=rootless\", \"name=no-new-privileges\"],"
	    " \"CgroupVersion\": \"2\", \"LiveRestoreEnabled\": true,"
	    " \"LoggingDriver\": \"journald\", \"Driver\": \"overlay2\","
	    " \"RegistryConfig\": {\"InsecureRegistryCIDRs\":"
	    " [\"127.0.0.0/8\", \"10.0.0.0/8\"], \"IndexConfigs\": {"
	    " \"docker.io\": {\"Secure\": true},"
	    " \"reg.lan:5000\": {\"Secure\": false}}}}";
	json_t *j = json_loads(text, 0, NULL);
	struct host_facts f;

	(void)state;
	assert_non_null(j);
	host_facts_init(&f);
	host_facts_from_info(&f, j);
	assert_int_equal(f.rootless, HOST_YES);
	assert_int_equal(f.userns, HOST_NO);
	assert_int_equal(f.seccomp, HOST_YES);
	assert_string_equal(f.seccomp_profile, "default");
	assert_int_equal(f.no_new_privileges, HOST_YES);
	assert_int_equal(f.cgroup_version, 2);
	assert_int_equal(f.live_restore, HOST_YES);
	assert_string_equal(f.logging_driver, "journald");
	assert_int_equal(f.insecure_registries.n, 2);
	assert_string_equal(f.insecure_registries.v[0], "10.0.0.0/8");
	assert_string_equal(f.insecure_registries.v[1], "reg.lan:5000");
	/* The bridge network: icc comes from its options. */
	host_facts_from_bridge(&f, NULL);
	assert_int_equal(f.bridge, HOST_NO);
	assert_int_equal(f.icc, HOST_NO);
	json_decref(j);
	host_facts_release(&f);
}

static void
daemon_json_fills_only_unknown_settings(void **state)
{
	const char *cfg = "{ \"icc\": false, \"userland-proxy\": false,"
			  " \"live-restore\": false, \"userns-remap\": "
			  "\"default\", \"seccomp-profile\": \"unconfined\","
			  " \"hosts\": [\"unix:///var/run/docker.sock\","
			  " \"tcp://0.0.0.0:2375\"],"
			  " \"tlscacert\": \"/etc/docker/ca.pem\","
			  " \"insecure-registries\": [\"reg:5000\"] }";
	struct host_facts f;
	struct err e = ERR_INIT;

	(void)state;
	host_facts_init(&f);
	f.live_restore = HOST_YES; /* as the Engine said */
	assert_int_equal(host_facts_from_daemon_json(&f, cfg, strlen(cfg),
						     "daemon.json", &e),
			 0);
	assert_int_equal(f.icc, HOST_NO);
	assert_int_equal(f.userland_proxy, HOST_NO);
	assert_int_equal(f.live_restore, HOST_YES);
	assert_int_equal(f.userns, HOST_YES);
	assert_int_equal(f.seccomp, HOST_NO);
	assert_int_equal(f.plain_tcp_hosts.n, 1);
	assert_string_equal(f.plain_tcp_hosts.v[0], "tcp://0.0.0.0:2375");
	assert_int_equal(f.tls_paths.n, 1);
	assert_string_equal(f.tls_paths.v[0], "ca=/etc/docker/ca.pem");
	assert_int_equal(f.insecure_registries.n, 1);
	host_facts_release(&f);

	/* With tlsverify, the TCP host is fine. */
	host_facts_init(&f);
	cfg = "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tlsverify\": true}";
	assert_int_equal(host_facts_from_daemon_json(&f, cfg, strlen(cfg),
						     "daemon.json", &e),
			 0);
	assert_int_equal(f.plain_tcp_hosts.n, 0);
	host_facts_apply_defaults(&f);
	assert_int_equal(f.userland_proxy, HOST_YES);
	assert_int_equal(f.no_new_privileges, HOST_NO);
	host_facts_release(&f);
}

static void
daemon_json_errors_name_the_file(void **state)
{
	static const char *const bad[] = {
		"[1, 2]",
		"{\"icc\": false",
		"{\"a\": 1, \"a\": 2}",
		"",
	};
	struct host_facts f;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct err e = ERR_INIT;

		host_facts_init(&f);
		assert_int_equal(
		    host_facts_from_daemon_json(&f, bad[i], strlen(bad[i]),
						"/etc/docker/daemon.json", &e),
		    -1);
		assert_int_equal(e.kind, ERR_INPUT);
		assert_non_null(strstr(e.msg, "'/etc/docker/daemon.json'"));
		host_facts_release(&f);
	}
}

static void
unit_command_line_is_read(void **state)
{
	const char *unit =
	    "[Service]\n"
	    "ExecStart=\n"
	    "ExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 "
	    "--containerd=/run/containerd/containerd.sock --icc=false "
	    "--userland-proxy=false --live-restore --tlskey \"/etc/k.pem\"\n";
	const char *dflt = "# comment\nexport DOCKER_OPTS=\"--host=tcp://"
			   "1.2.3.4:2376 --tlsverify --no-new-privileges\"\n";
	struct host_facts f;

	(void)state;
	host_facts_init(&f);
	host_facts_from_daemon_args(&f, unit, strlen(unit));
	assert_int_equal(f.icc, HOST_NO);
	assert_int_equal(f.userland_proxy, HOST_NO);
	assert_int_equal(f.live_restore, HOST_YES);
	assert_int_equal(f.plain_tcp_hosts.n, 1);
	assert_string_equal(f.plain_tcp_hosts.v[0], "tcp://0.0.0.0:2375");
	assert_int_equal(f.tls_paths.n, 1);
	assert_string_equal(f.tls_paths.v[0], "key=/etc/k.pem");
	host_facts_from_daemon_args(&f, dflt, strlen(dflt));
	assert_int_equal(f.plain_tcp_hosts.n, 1);
	assert_int_equal(f.no_new_privileges, HOST_YES);
	host_facts_release(&f);
}

static void
running_daemon_argv_is_read(void **state)
{
	/* /proc/PID/cmdline: NUL between words, and after the last one. */
	static const char argv[] =
	    "/usr/sbin/dockerd\0-H\0unix:///run/x.sock\0--host=tcp://"
	    "0.0.0.0:2375\0--config-file\0/srv/d.json\0--icc=false\0"
	    "--no-new-privileges\0--tlscacert=/ca.pem\0";
	static const char other[] = "/usr/bin/containerd\0--icc=false\0";
	struct host_facts f;

	(void)state;
	host_facts_init(&f);
	assert_int_equal(
	    host_facts_from_daemon_argv(&f, other, sizeof(other) - 1), -1);
	assert_int_equal(f.icc, HOST_UNKNOWN);
	assert_int_equal(
	    host_facts_from_daemon_argv(&f, argv, sizeof(argv) - 1), 0);
	assert_int_equal(f.icc, HOST_NO);
	assert_int_equal(f.no_new_privileges, HOST_YES);
	assert_int_equal(f.userland_proxy, HOST_UNKNOWN);
	assert_string_equal(f.daemon_config_arg, "/srv/d.json");
	assert_int_equal(f.plain_tcp_hosts.n, 1);
	assert_string_equal(f.plain_tcp_hosts.v[0], "tcp://0.0.0.0:2375");
	/* The unit naming the same TLS file adds no second copy. */
	host_facts_from_daemon_args(&f, "ExecStart=dockerd --tlscacert /ca.pem",
				    37);
	assert_int_equal(f.tls_paths.n, 1);
	assert_string_equal(f.tls_paths.v[0], "ca=/ca.pem");
	/* Without the last NUL, and with nothing at all. */
	assert_int_equal(host_facts_from_daemon_argv(&f, "dockerd", 7), 0);
	assert_int_equal(host_facts_from_daemon_argv(&f, "", 0), -1);
	host_facts_release(&f);
}

/* True when one of f's notes holds `text`. */
static bool
has_note(const struct host_facts *f, const char *text)
{
	for (size_t i = 0; i < f->notes.n; i++)
		if (strstr(f->notes.v[i], text))
			return true;
	return false;
}

/* A daemon that answered over TCP: what /info and the bridge report. */
static void
facts_tcp(struct host_facts *f)
{
	json_t *info = json_loads(
	    "{\"SecurityOptions\": [\"name=seccomp,profile=default\"],"
	    " \"LiveRestoreEnabled\": false}",
	    0, NULL);
	json_t *bridge = json_loads(
	    "{\"Options\": {\"com.docker.network.bridge.enable_icc\":"
	    " \"true\"}}",
	    0, NULL);

	host_facts_init(f);
	f->engine_ok = true;
	f->engine_host = strdup("tcp://127.0.0.1:2376");
	f->cmdline_tcp = true;
	f->now = NOW;
	host_facts_from_info(f, info);
	host_facts_from_bridge(f, bridge);
	json_decref(info);
	json_decref(bridge);
}

static void
tcp_daemon_flag_settings_stay_unknown(void **state)
{
	struct host_facts f;

	(void)state;
	facts_tcp(&f);
	host_facts_settle(&f);
	/* What the Engine reports is known ... */
	assert_int_equal(f.icc, HOST_YES);
	assert_int_equal(f.live_restore, HOST_NO);
	assert_int_equal(f.userns, HOST_NO);
	/* ... what only the command line or daemon.json can say is not. */
	assert_int_equal(f.userland_proxy, HOST_UNKNOWN);
	assert_int_equal(f.no_new_privileges, HOST_UNKNOWN);
	assert_int_equal(fires("HO005", &f), 0);
	assert_int_equal(fires("HO006", &f), 0);
	assert_true(has_note(&f, "command line was not read (TCP endpoint)"));
	assert_true(has_note(&f, "userland-proxy, no-new-privileges"));
	assert_false(has_note(&f, "no answer from it"));
	host_facts_release(&f);
}

static void
tcp_daemon_with_daemon_json_read_takes_defaults(void **state)
{
	struct host_facts f;

	(void)state;
	facts_tcp(&f);
	f.daemon_json_read = f.daemon_json_present = true;
	host_facts_settle(&f);
	assert_int_equal(f.userland_proxy, HOST_YES);
	assert_int_equal(f.no_new_privileges, HOST_NO);
	assert_int_equal(fires("HO005", &f), 1);
	assert_int_equal(f.notes.n, 0);
	host_facts_release(&f);
}

static void
local_daemon_with_command_line_takes_defaults(void **state)
{
	struct host_facts f;

	(void)state;
	facts_tcp(&f);
	f.cmdline_tcp = false;
	f.daemon_pid = 4242;
	f.daemon_json_read = true; /* absent */
	host_facts_settle(&f);
	assert_int_equal(f.userland_proxy, HOST_YES);
	assert_int_equal(f.notes.n, 0);
	host_facts_release(&f);
}

static void
broken_daemon_json_note_names_what_is_unknown(void **state)
{
	struct host_facts f;

	(void)state;
	facts_tcp(&f);
	f.cmdline_tcp = false;
	f.daemon_pid = 4242;
	f.daemon_json_read = false; /* it did not parse */
	host_facts_settle(&f);
	assert_int_equal(f.userland_proxy, HOST_UNKNOWN);
	assert_true(has_note(&f, "daemon.json could not be read"));
	assert_false(has_note(&f, "no answer from it"));
	host_facts_release(&f);
	/* An unreachable daemon with no daemon.json: nothing is known. */
	host_facts_init(&f);
	host_facts_settle(&f);
	assert_true(has_note(&f, "no answer from it and no daemon.json read"));
	assert_int_equal(f.userland_proxy, HOST_UNKNOWN);
	host_facts_release(&f);
}

static void
absent_daemon_json_is_no_finding_heading(void **state)
{
	struct host_facts f;
	struct findings out = FINDINGS_INIT;

	(void)state;
	facts_good(&f);
	f.icc = HOST_YES;
	f.daemon_json_path = strdup("/etc/docker/daemon.json");
	host_rules_check(&f, &out);
	assert_int_equal(out.n, 1);
	assert_null(out.v[0].loc.file);
	findings_release(&out);
	f.daemon_json_present = true;
	host_rules_check(&f, &out);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].loc.file, "/etc/docker/daemon.json");
	findings_release(&out);
	host_facts_release(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hardened_daemon_fires_nothing),
		cmocka_unit_test(tcp_daemon_flag_settings_stay_unknown),
		cmocka_unit_test(
		    tcp_daemon_with_daemon_json_read_takes_defaults),
		cmocka_unit_test(local_daemon_with_command_line_takes_defaults),
		cmocka_unit_test(broken_daemon_json_note_names_what_is_unknown),
		cmocka_unit_test(absent_daemon_json_is_no_finding_heading),
		cmocka_unit_test(unknown_facts_fire_nothing_but_content_trust),
		cmocka_unit_test(ho001_rootful_without_userns),
		cmocka_unit_test(ho002_to_ho007_settings),
		cmocka_unit_test(ho008_ho009_log_drivers),
		cmocka_unit_test(ho010_ho011_registries_and_tcp),
		cmocka_unit_test(ho012_docker_group_members),
		cmocka_unit_test(ho013_content_trust),
		cmocka_unit_test(ho014_engine_age),
		cmocka_unit_test(ho015_aufs),
		cmocka_unit_test(file_rules_check_owner_group_and_mode),
		cmocka_unit_test(
		    socket_may_belong_to_docker_group_and_rootless_user),
		cmocka_unit_test(info_answer_fills_facts),
		cmocka_unit_test(daemon_json_fills_only_unknown_settings),
		cmocka_unit_test(daemon_json_errors_name_the_file),
		cmocka_unit_test(unit_command_line_is_read),
		cmocka_unit_test(running_daemon_argv_is_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
