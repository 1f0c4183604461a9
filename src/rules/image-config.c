/*
 * Image rules that read the config: user, environment, labels, history,
 * healthcheck, ports, age.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "rules/image-internal.h"

struct finding *
image_finding(const struct rule *r, const struct image_facts *f, int layer,
	      const char *path, struct findings *out, const char *fmt, ...)
{
	struct location loc;
	struct finding *fi;
	va_list ap;
	char *msg;

	image_facts_location(f, layer, path, &loc);
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	va_end(ap);
	fi = findings_add_rule(out, r, &loc, "%s", msg);
	free(msg);
	return fi;
}

static bool
name_has(const char *name, const char *word)
{
	return str_icase_find(name, word) != NULL;
}

bool
image_credential_like(const char *name, const char *value)
{
	static const char *const words[] = {
		"password",   "passwd",	  "secret",	   "token",
		"api_key",    "apikey",	  "access_key",	   "private_key",
		"credential", "auth_key", "client_secret",
	};
	static const char *const not_secret[] = { "_file", "_path", "_dir",
						  "_url",  "_host", "_user" };
	bool named = false;

	if (!value || !*value)
		return false;
	/* Well-known shapes, whatever the name. */
	if ((str_starts_with(value, "AKIA") && strlen(value) == 20) ||
	    str_starts_with(value, "ghp_") ||
	    str_starts_with(value, "glpat-") ||
	    str_starts_with(value, "xoxb-") ||
	    str_starts_with(value, "xoxp-") ||
	    strstr(value, "-----BEGIN") != NULL)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (name_has(name, words[i]))
			named = true;
	if (!named)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(not_secret); i++)
		if (str_iends_with(name, not_secret[i]))
			return false;
	/* A path or a reference to another variable is not the secret. */
	return value[0] != '/' && value[0] != '$';
}

/* IM001 */
static bool
user_is_root(const char *user)
{
	size_t n;

	if (!user || !*user)
		return true;
	n = strcspn(user, ":");
	return (n == 4 && !strncmp(user, "root", 4)) ||
	       (n == 1 && user[0] == '0');
}

static void
check_root_user(const struct rule *r, const struct image_facts *f,
		struct findings *out)
{
	if (!f->has_config || !user_is_root(f->user))
		return;
	image_finding(r, f, -1, NULL, out,
		      f->user ? "the image runs as '%s'"
			      : "the image sets no USER, so it runs as root%s",
		      f->user ? f->user : "");
}

const struct rule im001 = {
	.id = "IM001",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Image runs as root",
	.why = "A process running as root in a container is root on the host's "
	       "kernel: any escape through a kernel or runtime bug, a mounted "
	       "socket or a writable host path gives full control of the host.",
	.remediation =
	    "Create an unprivileged user in the Dockerfile and switch "
	    "to it with USER before the CMD.",
	.bad = "FROM alpine:3.19\nCMD [\"app\"]",
	.good = "FROM alpine:3.19\nRUN adduser -D -u 10001 app\nUSER 10001\n"
		"CMD [\"app\"]",
	.aliases = (const char *const[]){ "CIS-DI-0001", "CIS-4.1", NULL },
	.check.image = check_root_user,
};

/*
 * IM002, IM003, IM004: found by image_config_secrets (image-secrets.c),
 * after the secret engine, so that one secret makes one finding.
 */
const struct rule im002 = {
	.id = "IM002",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Credential in the image environment",
	.why = "ENV values are stored in the image config: anyone who can pull "
	       "the image reads them with docker inspect, and every container "
	       "and child process inherits them.",
	.remediation = "Pass secrets at run time (secrets mounts, an "
		       "orchestrator's secret store), never with ENV.",
	.bad = "ENV DB_PASSWORD=hunter2",
	.good = "RUN --mount=type=secret,id=db ...",
	.aliases = (const char *const[]){ "CIS-DI-0010", "CIS-4.10", NULL },
};

const struct rule im003 = {
	.id = "IM003",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Credential in an image label",
	.why = "Labels are public metadata of the image, shown by docker "
	       "inspect and by registries.",
	.remediation = "Remove the label; keep secrets out of the image.",
	.bad = "LABEL deploy.token=abc123",
	.good = "LABEL org.opencontainers.image.source=https://example.org/app",
	.aliases = (const char *const[]){ "CIS-DI-0010", NULL },
};

const struct rule im004 = {
	.id = "IM004",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Credential in the image history (build argument)",
	.why =
	    "A build argument used by a RUN is written into the history of "
	    "the image ('|1 TOKEN=... /bin/sh -c ...'), where docker history "
	    "shows it to anyone who can pull the image.",
	.remediation = "Use BuildKit secret mounts (RUN --mount=type=secret) "
		       "instead of ARG for credentials.",
	.bad = "ARG TOKEN\nRUN curl -H \"Authorization: $TOKEN\" ...",
	.good =
	    "RUN --mount=type=secret,id=token curl -H @/run/secrets/token ...",
	.aliases = (const char *const[]){ "CIS-DI-0010", NULL },
};

/* IM005 */
static void
check_healthcheck(const struct rule *r, const struct image_facts *f,
		  struct findings *out)
{
	if (!f->has_config || (f->has_healthcheck && !f->healthcheck_disabled))
		return;
	image_finding(r, f, -1, NULL, out,
		      f->healthcheck_disabled
			  ? "the image disables its HEALTHCHECK"
			  : "the image defines no HEALTHCHECK");
}

const struct rule im005 = {
	.id = "IM005",
	.severity = SEV_LOW,
	.target = RULE_IMAGE,
	.title = "No HEALTHCHECK in the image",
	.why =
	    "Without a health check the engine cannot tell a hung service "
	    "from a working one, so it is neither restarted nor taken out of "
	    "rotation.",
	.remediation = "Add a HEALTHCHECK that exercises the service.",
	.bad = "CMD [\"server\"]",
	.good =
	    "HEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1",
	.aliases = (const char *const[]){ "CIS-DI-0006", "CIS-4.6", NULL },
	.check.image = check_healthcheck,
};

/* IM006, IM007 */
static long
port_number(const char *spec)
{
	long long v;
	char num[16];
	size_t n = strcspn(spec, "/");

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, spec, n);
	num[n] = '\0';
	return str_to_ll(num, 0, 65535, &v) ? -1 : (long)v;
}

static void
check_low_ports(const struct rule *r, const struct image_facts *f,
		struct findings *out)
{
	if (user_is_root(f->user))
		return;
	for (size_t i = 0; i < f->ports.n; i++) {
		long p = port_number(f->ports.v[i]);

		if (p > 0 && p < 1024 && p != 22)
			image_finding(r, f, -1, NULL, out,
				      "port %s is below 1024 but the image "
				      "runs as the unprivileged user '%s'",
				      f->ports.v[i], f->user);
	}
}

const struct rule im006 = {
	.id = "IM006",
	.severity = SEV_LOW,
	.target = RULE_IMAGE,
	.title = "Privileged port exposed by a non-root image",
	.why =
	    "An unprivileged process cannot bind a port below 1024 without "
	    "CAP_NET_BIND_SERVICE, so the image either fails at start or gets "
	    "run with more privilege than it needs.",
	.remediation = "Listen on a port of 1024 or above and map it at run "
		       "time (-p 80:8080).",
	.bad = "USER app\nEXPOSE 80",
	.good = "USER app\nEXPOSE 8080",
	.aliases = (const char *const[]){ "CIS-5.8", NULL },
	.check.image = check_low_ports,
};

static void
check_ssh_port(const struct rule *r, const struct image_facts *f,
	       struct findings *out)
{
	for (size_t i = 0; i < f->ports.n; i++)
		if (port_number(f->ports.v[i]) == 22)
			image_finding(r, f, -1, NULL, out,
				      "the image exposes port %s (SSH)",
				      f->ports.v[i]);
}

const struct rule im007 = {
	.id = "IM007",
	.severity = SEV_MEDIUM,
	.target = RULE_IMAGE,
	.title = "Image exposes the SSH port",
	.why = "An SSH server in a container is another daemon, another set of "
	       "credentials and another way in; docker exec covers the need.",
	.remediation =
	    "Remove the SSH server and EXPOSE 22; use docker exec or "
	    "kubectl exec.",
	.bad = "EXPOSE 22",
	.good = "EXPOSE 8080",
	.aliases = (const char *const[]){ "CIS-5.7", NULL },
	.check.image = check_ssh_port,
};

/* IM008 */
static int
created_time(const char *s, time_t *out)
{
	struct tm tm = { 0 };

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
			 &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return 0;
}

static void
check_age(const struct rule *r, const struct image_facts *f,
	  struct findings *out)
{
	time_t created;
	long days;

	if (f->max_age_days <= 0 || created_time(f->created, &created) < 0)
		return;
	/* Reproducible builds stamp the epoch; that says nothing of age. */
	if (created <= 0)
		return;
	days = (long)((f->now - created) / 86400);
	if (days > f->max_age_days)
		image_finding(r, f, -1, NULL, out,
			      "the image was built %ld days ago (%s); the "
			      "policy allows %ld",
			      days, f->created, f->max_age_days);
}

const struct rule im008 = {
	.id = "IM008",
	.severity = SEV_LOW,
	.target = RULE_IMAGE,
	.title = "Image older than the policy allows",
	.why =
	    "An image that is not rebuilt does not get the security fixes of "
	    "its base image and packages.",
	.remediation = "Rebuild and redeploy images regularly (set "
		       "image.max-age-days in .hull.yaml).",
	.bad = "created: 2019-01-01T00:00:00Z",
	.good = "rebuilt weekly by CI",
	.check.image = check_age,
};
