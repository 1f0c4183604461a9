/*
 * Dockerfile rules about who the image runs as, what it exposes, which
 * images it starts from and how its stages and instructions fit together.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "rules/dockerfile-internal.h"

#define HADOLINT(id) "https://github.com/hadolint/hadolint/wiki/" id
#define DOCKER_REF(page) "https://docs.docker.com/reference/dockerfile/#" page

/* Longest USER, WORKDIR or image text the checks copy. */
#define VALUE_MAX 512

/* ---- who the image runs as ---- */

/* "root", "0", "root:root", "0:0" */
static bool
user_is_root(const char *user)
{
	size_t n = strcspn(user, ":");

	return (n == 4 && !strncmp(user, "root", 4)) ||
	       (n == 1 && user[0] == '0');
}

static const char *
user_of(const struct df_instr *in, char *buf)
{
	return df_unquote(in->expanded ? in->expanded : in->args, buf,
			  VALUE_MAX);
}

/* The last USER of stage s (direct instructions only), or NULL. */
static const struct df_instr *
stage_last_user(const struct dockerfile *df, size_t s)
{
	const struct df_stage *st = &df->stages[s];

	for (size_t i = st->last + 1; i-- > st->first;)
		if (df->instrs[i].kind == DF_USER)
			return &df->instrs[i];
	return NULL;
}

/* The USER the final image starts with, following FROM <stage>. */
static const struct df_instr *
final_user(const struct dockerfile *df)
{
	size_t hops = 0;

	for (int s = df_final_stage_index(df); s >= 0;
	     s = df_stage_base(df, s, &hops)) {
		const struct df_instr *u = stage_last_user(df, (size_t)s);

		if (u)
			return u;
	}
	return NULL;
}

/* Base images that are known to set a non-root user themselves. */
static bool
image_sets_user(const struct df_stage *st)
{
	return st->image &&
	       (strstr(st->image, "nonroot") || strstr(st->image, "rootless"));
}

static void
check_no_user(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	int fs = df_final_stage_index(df);
	size_t hops = 0;

	if (fs < 0 || final_user(df))
		return;
	for (int s = fs; s >= 0; s = df_stage_base(df, s, &hops))
		if (image_sets_user(&df->stages[s]))
			return;
	df_report(self, df, &df->instrs[df->stages[fs].first], out,
		  "the final stage has no USER instruction, so the container "
		  "runs as root");
}

const struct rule df_rule_no_user = {
	.id = "DF001",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "Image runs as root: no USER in the final stage",
	.why = "Containers run as root unless the image says otherwise.  A "
	       "process that is root inside the container is one kernel bug "
	       "or one bad mount away from being root on the host.",
	.remediation = "Create an unprivileged user and switch to it with "
		       "USER before CMD (e.g. RUN adduser --system app, then "
		       "USER app), or use the base image's own user such as "
		       "USER node.",
	.bad = "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]",
	.good = "FROM node:22-alpine\nRUN addgroup --system app && adduser "
		"--system --ingroup app app\nCOPY --chown=app:app . .\nUSER "
		"app\nCMD [\"node\", \"server.js\"]",
	.aliases = (const char *const[]){ "DS-0002", "CIS-4.1", "CIS-DI-0001",
					  "CKV_DOCKER_3", NULL },
	.references = (const char *const[]){ DOCKER_REF("user"), NULL },
	.check.dockerfile = check_no_user,
};

static void
check_root_user(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	const struct df_instr *eff = final_user(df);
	char buf[VALUE_MAX];

	for (size_t s = 0; s < df->n_stages; s++) {
		const struct df_instr *u = stage_last_user(df, s);
		struct finding *f;

		if (!u)
			continue;
		user_of(u, buf);
		/* USER ${U} with ARG U declared without a default and
		 * no --build-arg: the user is empty, the base image's
		 * (root for most) or a build error. */
		if (u == eff && strcspn(buf, ":") == 0 &&
		    strchr(u->args, '$')) {
			df_report(self, df, u, out,
				  "USER may be root: '%s' has no default, so "
				  "it is empty and the container runs as the "
				  "base image's user",
				  u->args);
			continue;
		}
		if (!user_is_root(buf))
			continue;
		if (u == eff) {
			df_report(self, df, u, out,
				  "the last USER is '%s', so the container "
				  "runs as root",
				  buf);
			continue;
		}
		/* A build stage that ends as root never runs as a
		 * container; hadolint still reports it. */
		f = df_report(self, df, u, out,
			      "build stage %zu ends as '%s'; it is not the "
			      "final image, so this only matters if it is run "
			      "directly",
			      s, buf);
		f->severity = SEV_INFO;
	}
}

const struct rule df_rule_root_user = {
	.id = "DF002",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "Last USER is root",
	.why = "Switching back to root at the end of a stage leaves the "
	       "container running with every privilege root has.  A stage "
	       "that is not the final image is reported as INFO.",
	.remediation = "Do the root-only work earlier, then end the stage "
		       "with USER <unprivileged user>.",
	.bad = "FROM debian:12\nUSER root\nCMD [\"/app\"]",
	.good = "FROM debian:12\nRUN useradd -r app\nUSER app\nCMD "
		"[\"/app\"]",
	.aliases = (const char *const[]){ "DL3002", "DS-0002", "CIS-4.1",
					  "CIS-DI-0001", "CKV_DOCKER_8", NULL },
	.references = (const char *const[]){ HADOLINT("DL3002"), NULL },
	.check.dockerfile = check_root_user,
};

/* ---- ports ---- */

/*
 * Parse "80", "80/tcp", "8000-8010/udp" into lo..hi.  Returns false for
 * words hull cannot read (variables, garbage).
 */
static bool
port_range(const char *w, long *lo, long *hi)
{
	char *end;

	if (word_has_var(w) || !(*w >= '0' && *w <= '9'))
		return false;
	*lo = strtol(w, &end, 10);
	*hi = *lo;
	if (*end == '-') {
		if (!(end[1] >= '0' && end[1] <= '9'))
			return false;
		*hi = strtol(end + 1, &end, 10);
	}
	return *end == '\0' || *end == '/';
}

static void
check_ssh_port(const struct rule *self, const struct dockerfile *df,
	       struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in =
		    df_as_kind(&df->instrs[i], DF_EXPOSE);
		long lo, hi;

		for (size_t k = 0; in && k < in->argc; k++)
			if (port_range(in->argv[k], &lo, &hi) && lo <= 22 &&
			    hi >= 22) {
				df_report(self, df, &df->instrs[i], out,
					  "port 22 (SSH) is exposed");
				break;
			}
	}
}

const struct rule df_rule_ssh_port = {
	.id = "DF004",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Port 22 (SSH) exposed",
	.why = "An SSH daemon in a container is another service to patch and "
	       "another way in.  docker exec reaches a running container "
	       "without one.",
	.remediation = "Remove EXPOSE 22 and the SSH server; use docker exec "
		       "(or kubectl exec) for debugging.",
	.bad = "EXPOSE 22",
	.good = "EXPOSE 8080",
	.aliases = (const char *const[]){ "DS-0004", "CKV_DOCKER_1", NULL },
	.references = (const char *const[]){ DOCKER_REF("expose"), NULL },
	.check.dockerfile = check_ssh_port,
};

static void
check_bad_port(const struct rule *self, const struct dockerfile *df,
	       struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in =
		    df_as_kind(&df->instrs[i], DF_EXPOSE);
		long lo, hi;

		for (size_t k = 0; in && k < in->argc; k++)
			if (port_range(in->argv[k], &lo, &hi) &&
			    (hi > 65535 || lo > 65535 || hi < lo)) {
				df_report(self, df, &df->instrs[i], out,
					  "'%s' is not a valid port (0-65535)",
					  in->argv[k]);
				break;
			}
	}
}

const struct rule df_rule_bad_port = {
	.id = "DF005",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Exposed port out of range",
	.why = "TCP and UDP ports stop at 65535; anything above is a typo "
	       "that leaves the real port undocumented.",
	.remediation = "Use a port between 1 and 65535.",
	.bad = "EXPOSE 80000",
	.good = "EXPOSE 8000",
	.aliases = (const char *const[]){ "DL3011", "DS-0008", NULL },
	.references = (const char *const[]){ HADOLINT("DL3011"), NULL },
	.check.dockerfile = check_bad_port,
};

static void
check_low_port(const struct rule *self, const struct dockerfile *df,
	       struct findings *out)
{
	const struct df_instr *u = final_user(df);
	char buf[VALUE_MAX];
	int fs = df_final_stage_index(df);

	if (fs < 0 || !u || user_is_root(user_of(u, buf)))
		return;
	for (size_t i = df->stages[fs].first; i <= df->stages[fs].last; i++) {
		const struct df_instr *in = &df->instrs[i];
		long lo, hi;

		if (in->kind != DF_EXPOSE)
			continue;
		for (size_t k = 0; k < in->argc; k++)
			if (port_range(in->argv[k], &lo, &hi) && lo < 1024) {
				df_report(self, df, in, out,
					  "port %ld is below 1024 but the "
					  "image runs as '%s', which cannot "
					  "bind it without "
					  "CAP_NET_BIND_SERVICE",
					  lo, buf);
				break;
			}
	}
}

const struct rule df_rule_low_port = {
	.id = "DF003",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Privileged port exposed by a non-root image",
	.why = "Ports below 1024 need root or CAP_NET_BIND_SERVICE.  An "
	       "image that rightly drops root but listens on port 80 tempts "
	       "people to add the capability back or to run it as root.",
	.remediation = "Listen on a port above 1024 (e.g. 8080) and map it "
		       "with -p 80:8080 when the container starts.",
	.bad = "USER app\nEXPOSE 80",
	.good = "USER app\nEXPOSE 8080",
	.references = (const char *const[]){ DOCKER_REF("expose"), NULL },
	.check.dockerfile = check_low_port,
};

/* ---- base images ---- */

/*
 * The image a FROM names, when it is a real image: not scratch, not an
 * earlier stage, and not a variable hull could not resolve.
 */
static bool
stage_is_image(const struct df_stage *st)
{
	if (st->is_scratch || st->base_stage >= 0 || !st->image || !*st->image)
		return false;
	return !word_has_var(st->image);
}

static const struct df_instr *
stage_from(const struct dockerfile *df, const struct df_stage *st)
{
	return &df->instrs[st->first];
}

/* How a FROM pins its image. */
enum df_base_pin {
	DF_BASE_UNTAGGED,
	DF_BASE_LATEST, /* the moving tag 'latest' */
	DF_BASE_TAG,	/* some other tag, no digest */
	DF_BASE_DIGEST,
};

static enum df_base_pin
stage_pin(const struct df_stage *st)
{
	if (st->ref.digest)
		return DF_BASE_DIGEST;
	if (!st->ref.tag)
		return DF_BASE_UNTAGGED;
	return strcmp(st->ref.tag, "latest") ? DF_BASE_TAG : DF_BASE_LATEST;
}

/* Report each base image pinned as `pin`; `msg` takes the image name. */
static void
report_base_pin(const struct rule *self, const struct dockerfile *df,
		struct findings *out, enum df_base_pin pin, const char *msg)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const struct df_stage *st = &df->stages[s];

		if (stage_is_image(st) && stage_pin(st) == pin)
			df_report(self, df, stage_from(df, st), out, msg,
				  st->image);
	}
}

static void
check_untagged(const struct rule *self, const struct dockerfile *df,
	       struct findings *out)
{
	report_base_pin(self, df, out, DF_BASE_UNTAGGED,
			"'%s' has no tag, so each build takes whatever "
			"'latest' is that day");
}

const struct rule df_rule_untagged = {
	.id = "DF006",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Base image without a tag",
	.why = "An untagged FROM means :latest.  The base can change under "
	       "you between two builds, which makes builds unrepeatable and "
	       "audits meaningless.",
	.remediation = "Pin a version tag (FROM node:22.12-alpine), ideally "
		       "with its digest.",
	.bad = "FROM node",
	.good = "FROM node:22.12-alpine",
	.aliases =
	    (const char *const[]){ "DL3006", "DS-0001", "CKV_DOCKER_7", NULL },
	.references = (const char *const[]){ HADOLINT("DL3006"), NULL },
	.check.dockerfile = check_untagged,
};

static void
check_latest(const struct rule *self, const struct dockerfile *df,
	     struct findings *out)
{
	report_base_pin(self, df, out, DF_BASE_LATEST,
			"'%s' uses the moving tag 'latest'");
}

const struct rule df_rule_latest = {
	.id = "DF007",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Base image uses the latest tag",
	.why = "latest changes without notice: the same Dockerfile builds a "
	       "different image tomorrow, and a scan of today's image says "
	       "nothing about tomorrow's.",
	.remediation = "Use a specific version tag such as node:22.12-alpine, "
		       "and a digest for full repeatability.",
	.bad = "FROM node:latest",
	.good = "FROM node:22.12-alpine",
	.aliases =
	    (const char *const[]){ "DL3007", "DS-0001", "CKV_DOCKER_7", NULL },
	.references = (const char *const[]){ HADOLINT("DL3007"), NULL },
	.check.dockerfile = check_latest,
};

static void
check_no_digest(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	report_base_pin(self, df, out, DF_BASE_TAG,
			"'%s' is pinned by tag only; a tag can be moved to "
			"other content");
}

const struct rule df_rule_no_digest = {
	.id = "DF008",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Base image pinned by tag but not by digest",
	.why = "Tags are mutable: a registry owner (or an attacker with push "
	       "rights) can point node:22 at new content.  A digest names "
	       "exactly one image.",
	.remediation = "Add the digest: FROM node:22.12-alpine@sha256:..., "
		       "and let a bot such as Renovate keep it current.",
	.bad = "FROM node:22.12-alpine",
	.good = "FROM node:22.12-alpine@sha256:<digest>",
	.references = (const char *const[]){ DOCKER_REF("from"), NULL },
	.check.dockerfile = check_no_digest,
};

/* The registry host of an image reference, "docker.io" when none. */
static void
ref_registry(const char *image, char *buf, size_t len)
{
	size_t n = strcspn(image, "/");

	if (image[n] == '/' &&
	    (memchr(image, '.', n) || memchr(image, ':', n) ||
	     (n == 9 && !strncmp(image, "localhost", 9)))) {
		if (n >= len)
			n = len - 1;
		memcpy(buf, image, n);
		buf[n] = '\0';
	} else {
		snprintf(buf, len, "docker.io");
	}
	if (!strcmp(buf, "index.docker.io") ||
	    !strcmp(buf, "registry-1.docker.io"))
		snprintf(buf, len, "docker.io");
}

static bool
registry_trusted(const struct strvec *trusted, const char *reg)
{
	for (size_t i = 0; i < trusted->n; i++) {
		const char *t = trusted->v[i];

		if (!strcmp(t, "*") || !strcasecmp(t, reg))
			return true;
		if (t[0] == '*' && t[1] == '.' && str_iends_with(reg, t + 1))
			return true;
	}
	return false;
}

/* --from=<x> names an image (not a stage) when it looks like one. */
static bool
looks_like_image(const char *s)
{
	return strchr(s, ':') || strchr(s, '/') || strchr(s, '@');
}

static void
report_untrusted(const struct rule *self, const struct dockerfile *df,
		 const struct df_instr *in, const char *image,
		 struct findings *out)
{
	const struct strvec *trusted = &df_ctx->policy->trusted_registries;
	char reg[256];

	if (word_has_var(image))
		return;
	ref_registry(image, reg, sizeof(reg));
	if (!registry_trusted(trusted, reg))
		df_report(self, df, in, out,
			  "'%s' comes from registry '%s', which is not in "
			  "trusted-registries",
			  image, reg);
}

static void
check_mount_sources(const struct rule *self, const struct dockerfile *df,
		    const struct df_instr *in, struct findings *out)
{
	char from[VALUE_MAX];

	for (size_t k = 0; k < in->n_flags; k++) {
		const struct df_flag *fl = &in->flags[k];

		if (!strcmp(fl->name, "mount") && fl->value &&
		    df_mount_value(fl->value, "from", from, sizeof(from)) &&
		    looks_like_image(from))
			report_untrusted(self, df, in, from, out);
	}
}

static void
check_untrusted_registry(const struct rule *self, const struct dockerfile *df,
			 struct findings *out)
{
	if (!df_ctx || !df_ctx->policy || !df_ctx->policy->trusted_registries.n)
		return;
	for (size_t s = 0; s < df->n_stages; s++) {
		const struct df_stage *st = &df->stages[s];

		if (stage_is_image(st))
			report_untrusted(self, df, stage_from(df, st),
					 st->image, out);
	}
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		const struct df_flag *from;

		if (in->kind == DF_RUN)
			check_mount_sources(self, df, in, out);
		if (in->kind != DF_COPY)
			continue;
		from = df_instr_flag(in, "from");
		if (from && from->value && looks_like_image(from->value))
			report_untrusted(self, df, in, from->value, out);
	}
}

const struct rule df_rule_untrusted_registry = {
	.id = "DF009",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Image from a registry outside trusted-registries",
	.why = "When a policy lists the registries images may come from, a "
	       "FROM, COPY --from or RUN --mount from= elsewhere pulls code "
	       "nobody vetted into the build.",
	.remediation = "Mirror the image into a trusted registry, or add the "
		       "registry to trusted-registries in .hull.yaml.",
	.bad = "# trusted-registries: [registry.example.com]\nFROM "
	       "docker.io/library/debian:12",
	.good = "FROM registry.example.com/library/debian:12",
	.aliases = (const char *const[]){ "DL3026", NULL },
	.references = (const char *const[]){ HADOLINT("DL3026"), NULL },
	.check.dockerfile = check_untrusted_registry,
};

static const char *
platform_value(const struct df_instr *from)
{
	const struct df_flag *fl = df_instr_flag(from, "platform");

	return fl ? (fl->value ? fl->value : "") : NULL;
}

static void
check_platform_const(const struct rule *self, const struct dockerfile *df,
		     struct findings *out)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const struct df_instr *from = stage_from(df, &df->stages[s]);
		const char *p = platform_value(from);

		if (p && *p && !word_has_var(p))
			df_report(self, df, from, out,
				  "FROM --platform=%s fixes the platform; "
				  "builds for other platforms will pull the "
				  "wrong image",
				  p);
	}
}

const struct rule df_rule_platform_const = {
	.id = "DF010",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "FROM --platform with a fixed value",
	.why = "A hard-coded platform defeats multi-platform builds and "
	       "silently runs emulated binaries elsewhere.",
	.remediation = "Drop --platform, or use $BUILDPLATFORM for build "
		       "stages.",
	.bad = "FROM --platform=linux/amd64 debian:12",
	.good = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
	.aliases = (const char *const[]){ "DL3029", NULL },
	.references = (const char *const[]){ HADOLINT("DL3029"), NULL },
	.check.dockerfile = check_platform_const,
};

static void
check_platform_target(const struct rule *self, const struct dockerfile *df,
		      struct findings *out)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const struct df_instr *from = stage_from(df, &df->stages[s]);

		const char *p = platform_value(from);

		if (p && strstr(p, "TARGETPLATFORM"))
			df_report(self, df, from, out,
				  "--platform=$TARGETPLATFORM is the default "
				  "and can be dropped");
	}
}

const struct rule df_rule_platform_target = {
	.id = "DF011",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Redundant FROM --platform=$TARGETPLATFORM",
	.why = "FROM already uses the target platform; saying so adds noise.",
	.remediation = "Remove the --platform flag.",
	.bad = "FROM --platform=$TARGETPLATFORM alpine:3.20",
	.good = "FROM alpine:3.20",
	.aliases = (const char *const[]){ "DL3065", NULL },
	.references = (const char *const[]){ HADOLINT("DL3065"), NULL },
	.check.dockerfile = check_platform_target,
};

/* ---- stages ---- */

static void
check_stage_reserved(const struct rule *self, const struct dockerfile *df,
		     struct findings *out)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const char *n = df->stages[s].name;

		if (n && (!strcmp(n, "scratch") || !strcmp(n, "context")))
			df_report(self, df, stage_from(df, &df->stages[s]), out,
				  "'%s' is a reserved name, not a stage "
				  "name",
				  n);
	}
}

const struct rule df_rule_stage_reserved = {
	.id = "DF012",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Stage named with a reserved word",
	.why = "'scratch' and 'context' already mean something to BuildKit; a "
	       "stage with that name makes FROM and COPY --from ambiguous.",
	.remediation = "Rename the stage.",
	.bad = "FROM golang:1.22 AS scratch",
	.good = "FROM golang:1.22 AS build",
	.aliases = (const char *const[]){ "DL3063", NULL },
	.references = (const char *const[]){ HADOLINT("DL3063"), NULL },
	.check.dockerfile = check_stage_reserved,
};

static void
check_stage_dup(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const char *n = df->stages[s].name;

		const struct df_stage *t;

		if (!n)
			continue;
		t = dockerfile_stage_named(df, n, s);
		if (t)
			df_report(self, df, stage_from(df, &df->stages[s]), out,
				  "stage name '%s' is already used by stage %u",
				  n, t->index);
	}
}

const struct rule df_rule_stage_dup = {
	.id = "DF013",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Duplicate stage name",
	.why = "Two stages with one name make COPY --from pick one of them "
	       "silently.",
	.remediation = "Give every stage its own name.",
	.bad = "FROM node:22 AS build\nFROM golang:1.22 AS build",
	.good = "FROM node:22 AS web\nFROM golang:1.22 AS api",
	.aliases =
	    (const char *const[]){ "DL3024", "DS-0012", "CKV_DOCKER_11", NULL },
	.references = (const char *const[]){ HADOLINT("DL3024"), NULL },
	.check.dockerfile = check_stage_dup,
};

static const char *
copy_from(const struct df_instr *in)
{
	const struct df_flag *fl;

	if (in->kind != DF_COPY)
		return NULL;
	fl = df_instr_flag(in, "from");
	return fl && fl->value && *fl->value ? fl->value : NULL;
}

static void
check_copy_self(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		const char *from = copy_from(in);
		const char *name;

		if (!from || in->stage < 0)
			continue;
		name = df->stages[in->stage].name;
		if (name && !strcasecmp(name, from))
			df_report(self, df, in, out,
				  "COPY --from=%s names the stage it is in",
				  from);
	}
}

const struct rule df_rule_copy_self = {
	.id = "DF014",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "COPY --from refers to its own stage",
	.why = "A stage cannot copy from itself; the build fails or copies "
	       "from an image of the same name.",
	.remediation = "Point --from at an earlier stage.",
	.bad = "FROM node:22 AS app\nCOPY --from=app /x /x",
	.good = "FROM node:22 AS build\nFROM node:22 AS app\nCOPY "
		"--from=build /x /x",
	.aliases = (const char *const[]){ "DL3023", "DS-0006", NULL },
	.references = (const char *const[]){ HADOLINT("DL3023"), NULL },
	.check.dockerfile = check_copy_self,
};

static bool
stage_defined_before(const struct dockerfile *df, const char *ref,
		     const struct df_instr *in)
{
	long long idx;

	if (!str_to_ll(ref, 0, 1000000, &idx))
		return in->stage >= 0 && idx < in->stage;
	return in->stage > 0 &&
	       dockerfile_stage_named(df, ref, (size_t)in->stage) != NULL;
}

static void
check_copy_unknown_stage(const struct rule *self, const struct dockerfile *df,
			 struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		const char *from = copy_from(in);
		const char *own;

		if (!from || looks_like_image(from) || word_has_var(from))
			continue;
		own = in->stage >= 0 ? df->stages[in->stage].name : NULL;
		if (own && !strcasecmp(own, from))
			continue; /* DF014 */
		if (!stage_defined_before(df, from, in))
			df_report(self, df, in, out,
				  "COPY --from=%s names no earlier stage",
				  from);
	}
}

const struct rule df_rule_copy_unknown_stage = {
	.id = "DF015",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "COPY --from names no earlier stage",
	.why = "When no stage of that name exists before the COPY, Docker "
	       "pulls an image of that name from a registry instead: a "
	       "typo becomes a supply-chain hole.",
	.remediation = "Define the stage before it is used, or name a full, "
		       "tagged image.",
	.bad = "FROM node:22\nCOPY --from=biuld /app /app",
	.good = "FROM node:22 AS build\nFROM node:22\nCOPY --from=build /app "
		"/app",
	.aliases = (const char *const[]){ "DL3022", NULL },
	.references = (const char *const[]){ HADOLINT("DL3022"), NULL },
	.check.dockerfile = check_copy_unknown_stage,
};

static void
check_copy_root(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	char a[8], b[8];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (!copy_from(in) || in->argc != 2)
			continue;
		if (!strcmp(df_unquote(in->argv[0], a, sizeof(a)), "/") &&
		    !strcmp(df_unquote(in->argv[1], b, sizeof(b)), "/"))
			df_report(self, df, in, out,
				  "copies the whole filesystem of another "
				  "stage over this one");
	}
}

const struct rule df_rule_copy_root = {
	.id = "DF016",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "COPY --from copies a whole root filesystem to /",
	.why = "Copying / over / drags every file of the other stage, "
	       "compilers and secrets included, into this one and defeats "
	       "the point of a multi-stage build.",
	.remediation = "Copy only the artifacts the final image needs.",
	.bad = "COPY --from=build / /",
	.good = "COPY --from=build /app/dist /app/dist",
	.aliases = (const char *const[]){ "DL3067", NULL },
	.references = (const char *const[]){ HADOLINT("DL3067"), NULL },
	.check.dockerfile = check_copy_root,
};

static void
check_before_from(const struct rule *self, const struct dockerfile *df,
		  struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind == DF_FROM || in->stage >= 0)
			break;
		if (in->kind == DF_ARG || in->kind == DF_UNKNOWN)
			continue;
		if (!df->n_stages)
			return; /* a fragment, not a whole Dockerfile */
		df_report(self, df, in, out,
			  "%s comes before the first FROM; only ARG may",
			  df_kind_name(in->kind));
		return;
	}
}

const struct rule df_rule_before_from = {
	.id = "DF017",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Instruction before the first FROM",
	.why = "Only ARG may come before FROM; anything else is an error "
	       "for the builder.",
	.remediation = "Move the instruction after FROM.",
	.bad = "LABEL team=web\nFROM node:22",
	.good = "FROM node:22\nLABEL team=web",
	.aliases = (const char *const[]){ "DL3061", NULL },
	.references = (const char *const[]){ HADOLINT("DL3061"), NULL },
	.check.dockerfile = check_before_from,
};

/* The keyword ONBUILD wraps, read from the text when the parser refused
 * to build the inner instruction. */
static const char *
onbuild_forbidden(const struct df_instr *in)
{
	static const char *const bad[] = { "ONBUILD", "FROM", "MAINTAINER",
					   NULL };
	const char *a = in->args ? in->args : "";
	size_t n = strcspn(a, " \t");

	if (in->onbuild) {
		enum df_kind k = in->onbuild->kind;

		if (k == DF_ONBUILD || k == DF_FROM || k == DF_MAINTAINER)
			return df_kind_name(k);
		return NULL;
	}
	for (const char *const *b = bad; *b; b++)
		if (strlen(*b) == n && !strncasecmp(a, *b, n))
			return *b;
	return NULL;
}

static void
check_onbuild_bad(const struct rule *self, const struct dockerfile *df,
		  struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		const char *k;

		if (in->kind == DF_ONBUILD && (k = onbuild_forbidden(in)))
			df_report(self, df, in, out, "ONBUILD may not wrap %s",
				  k);
	}
}

const struct rule df_rule_onbuild_bad = {
	.id = "DF018",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "ONBUILD wraps FROM, MAINTAINER or ONBUILD",
	.why = "The builder rejects these triggers; images built FROM this "
	       "one fail.",
	.remediation = "Remove the instruction from the ONBUILD trigger.",
	.bad = "ONBUILD FROM debian:12",
	.good = "ONBUILD COPY . /app",
	.aliases = (const char *const[]){ "DL3043", NULL },
	.references = (const char *const[]){ HADOLINT("DL3043"), NULL },
	.check.dockerfile = check_onbuild_bad,
};

static void
check_maintainer(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	for (size_t i = 0; i < df->n; i++)
		if (df->instrs[i].kind == DF_MAINTAINER)
			df_report(self, df, &df->instrs[i], out,
				  "MAINTAINER is deprecated");
}

const struct rule df_rule_maintainer = {
	.id = "DF019",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Deprecated MAINTAINER",
	.why = "MAINTAINER is deprecated; labels carry the same fact in a "
	       "form tools read.",
	.remediation = "Use LABEL org.opencontainers.image.authors=\"...\".",
	.bad = "MAINTAINER dev@example.com",
	.good = "LABEL org.opencontainers.image.authors=\"dev@example.com\"",
	.aliases =
	    (const char *const[]){ "DL4000", "DS-0022", "CKV_DOCKER_6", NULL },
	.references = (const char *const[]){ HADOLINT("DL4000"), NULL },
	.check.dockerfile = check_maintainer,
};

/* Report every instruction of `kind` after the first in its stage. */
static void
check_repeated(const struct rule *self, const struct dockerfile *df,
	       enum df_kind kind, struct findings *out)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const struct df_stage *st = &df->stages[s];
		unsigned seen = 0;

		for (size_t i = st->first; i <= st->last && i < df->n; i++) {
			if (df->instrs[i].kind != kind || !seen++)
				continue;
			df_report(self, df, &df->instrs[i], out,
				  "%s number %u in this stage; only the last "
				  "one takes effect",
				  df_kind_name(kind), seen);
		}
	}
}

static void
check_multi_cmd(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	check_repeated(self, df, DF_CMD, out);
}

static void
check_multi_entrypoint(const struct rule *self, const struct dockerfile *df,
		       struct findings *out)
{
	check_repeated(self, df, DF_ENTRYPOINT, out);
}

static void
check_multi_healthcheck(const struct rule *self, const struct dockerfile *df,
			struct findings *out)
{
	check_repeated(self, df, DF_HEALTHCHECK, out);
}

const struct rule df_rule_multi_cmd = {
	.id = "DF020",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Several CMD instructions in one stage",
	.why = "Only the last CMD counts; the others mislead the reader about "
	       "what the container runs.",
	.remediation = "Keep one CMD per stage.",
	.bad = "CMD [\"./a\"]\nCMD [\"./b\"]",
	.good = "CMD [\"./b\"]",
	.aliases = (const char *const[]){ "DL4003", "DS-0016", NULL },
	.references = (const char *const[]){ HADOLINT("DL4003"), NULL },
	.check.dockerfile = check_multi_cmd,
};

const struct rule df_rule_multi_entrypoint = {
	.id = "DF021",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Several ENTRYPOINT instructions in one stage",
	.why = "Only the last ENTRYPOINT counts; the others mislead the "
	       "reader about what the container runs.",
	.remediation = "Keep one ENTRYPOINT per stage.",
	.bad = "ENTRYPOINT [\"./a\"]\nENTRYPOINT [\"./b\"]",
	.good = "ENTRYPOINT [\"./b\"]",
	.aliases = (const char *const[]){ "DL4004", "DS-0007", NULL },
	.references = (const char *const[]){ HADOLINT("DL4004"), NULL },
	.check.dockerfile = check_multi_entrypoint,
};

const struct rule df_rule_multi_healthcheck = {
	.id = "DF022",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Several HEALTHCHECK instructions in one stage",
	.why = "Only the last HEALTHCHECK counts; an earlier one that looks "
	       "active is not.",
	.remediation = "Keep one HEALTHCHECK per stage.",
	.bad = "HEALTHCHECK CMD [\"/a\"]\nHEALTHCHECK CMD [\"/b\"]",
	.good = "HEALTHCHECK CMD [\"/b\"]",
	.aliases = (const char *const[]){ "DL3012", "DS-0023", NULL },
	.references = (const char *const[]){ HADOLINT("DL3012"), NULL },
	.check.dockerfile = check_multi_healthcheck,
};

static void
check_no_healthcheck(const struct rule *self, const struct dockerfile *df,
		     struct findings *out)
{
	int fs = df_final_stage_index(df);
	size_t hops = 0;

	if (fs < 0)
		return;
	for (int s = fs; s >= 0; s = df_stage_base(df, s, &hops)) {
		const struct df_stage *st = &df->stages[s];

		for (size_t i = st->first; i <= st->last && i < df->n; i++)
			if (df->instrs[i].kind == DF_HEALTHCHECK)
				return;
	}
	df_report(self, df, stage_from(df, &df->stages[fs]), out,
		  "the final image has no HEALTHCHECK");
}

const struct rule df_rule_no_healthcheck = {
	.id = "DF023",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "No HEALTHCHECK in the final image",
	.why = "Without a health check the engine only knows whether the "
	       "process exists, not whether it works; a hung service keeps "
	       "receiving traffic.",
	.remediation = "Add HEALTHCHECK CMD [...] that probes the service, or "
		       "HEALTHCHECK NONE to say that none is wanted.",
	.bad = "FROM node:22-alpine\nCMD [\"node\", \"server.js\"]",
	.good = "FROM node:22-alpine\nHEALTHCHECK CMD [\"wget\", \"-qO-\", "
		"\"http://localhost:3000/health\"]\nCMD [\"node\", "
		"\"server.js\"]",
	.aliases = (const char *const[]){ "DL3057", "DS-0026", "CIS-4.6",
					  "CIS-DI-0006", "CKV_DOCKER_2", NULL },
	.references = (const char *const[]){ DOCKER_REF("healthcheck"), NULL },
	.check.dockerfile = check_no_healthcheck,
};

static void
check_shell_form(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind != DF_CMD && in->kind != DF_ENTRYPOINT &&
		    in->kind != DF_HEALTHCHECK)
			continue;
		if (in->form != DF_FORM_SHELL)
			continue;
		df_report(self, df, in, out,
			  "%s in shell form runs under /bin/sh -c, which does "
			  "not pass signals to the program",
			  df_kind_name(in->kind));
	}
}

const struct rule df_rule_shell_form = {
	.id = "DF024",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "CMD, ENTRYPOINT or HEALTHCHECK in shell form",
	.why = "The shell form wraps the program in /bin/sh -c: the shell is "
	       "PID 1, SIGTERM never reaches the program, and docker stop "
	       "ends in SIGKILL after the grace period.",
	.remediation = "Use the exec (JSON) form: CMD [\"node\", "
		       "\"server.js\"].",
	.bad = "CMD node server.js",
	.good = "CMD [\"node\", \"server.js\"]",
	.aliases = (const char *const[]){ "DL3025", NULL },
	.references = (const char *const[]){ HADOLINT("DL3025"), NULL },
	.check.dockerfile = check_shell_form,
};

static void
check_workdir_relative(const struct rule *self, const struct dockerfile *df,
		       struct findings *out)
{
	char buf[VALUE_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in =
		    df_as_kind(&df->instrs[i], DF_WORKDIR);

		if (!in || !in->args)
			continue;
		df_unquote(in->args, buf, sizeof(buf));
		if (*buf && !df_path_absolute(buf))
			df_report(self, df, &df->instrs[i], out,
				  "WORKDIR '%s' is relative to whatever the "
				  "directory was before",
				  buf);
	}
}

const struct rule df_rule_workdir_relative = {
	.id = "DF025",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Relative WORKDIR",
	.why = "A relative WORKDIR depends on every WORKDIR before it, "
	       "including the base image's; files land somewhere unexpected.",
	.remediation = "Use an absolute path: WORKDIR /app.",
	.bad = "WORKDIR app",
	.good = "WORKDIR /app",
	.aliases =
	    (const char *const[]){ "DL3000", "DS-0009", "CKV_DOCKER_10", NULL },
	.references = (const char *const[]){ HADOLINT("DL3000"), NULL },
	.check.dockerfile = check_workdir_relative,
};

static void
check_copy_dest_slash(const struct rule *self, const struct dockerfile *df,
		      struct findings *out)
{
	char buf[VALUE_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		size_t n, words;

		if (in->kind != DF_COPY || in->n_heredocs)
			continue;
		words = df_copy_word(in, 0, buf, sizeof(buf));
		if (words < 3)
			continue;
		df_copy_word(in, words - 1, buf, sizeof(buf));
		n = strlen(buf);
		if (n && buf[n - 1] != '/' && buf[n - 1] != '\\')
			df_report(self, df, in, out,
				  "COPY of several sources needs a directory "
				  "destination ending in '/', not '%s'",
				  buf);
	}
}

const struct rule df_rule_copy_dest_slash = {
	.id = "DF026",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "COPY of several files to a destination without a slash",
	.why = "With more than one source the destination must be a "
	       "directory; without the trailing '/' the build fails.",
	.remediation = "End the destination with '/'.",
	.bad = "COPY package.json yarn.lock /app",
	.good = "COPY package.json yarn.lock /app/",
	.aliases = (const char *const[]){ "DL3021", "DS-0011", NULL },
	.references = (const char *const[]){ HADOLINT("DL3021"), NULL },
	.check.dockerfile = check_copy_dest_slash,
};

/* Index of the first WORKDIR of each stage, or SIZE_MAX; one pass, so
 * that the question below costs a walk of the stage chain only. */
static size_t *
stage_first_workdirs(const struct dockerfile *df)
{
	size_t *first = xcalloc(df->n_stages + 1, sizeof(*first));

	for (size_t s = 0; s < df->n_stages; s++)
		first[s] = SIZE_MAX;
	for (size_t i = 0; i < df->n; i++) {
		int s = df->instrs[i].stage;

		if (s >= 0 && (size_t)s < df->n_stages &&
		    first[s] == SIZE_MAX &&
		    df_as_kind(&df->instrs[i], DF_WORKDIR))
			first[s] = i;
	}
	return first;
}

/* Is there a WORKDIR before instruction `at`, in its stage chain? */
static bool
workdir_before(const struct dockerfile *df, const size_t *first, size_t at)
{
	int s = df->instrs[at].stage;
	size_t hops = 0;

	if (s < 0 || (size_t)s >= df->n_stages)
		return false;
	if (first[s] < at)
		return true;
	while ((s = df_stage_base(df, s, &hops)) >= 0)
		if (first[s] != SIZE_MAX)
			return true;
	return false;
}

static void
check_copy_dest_relative(const struct rule *self, const struct dockerfile *df,
			 struct findings *out)
{
	size_t *first = stage_first_workdirs(df);
	char buf[VALUE_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_kind(&df->instrs[i], DF_COPY);
		size_t words;

		if (!in || in->n_heredocs ||
		    (words = df_copy_word(in, 0, buf, sizeof(buf))) < 2)
			continue;
		df_copy_word(in, words - 1, buf, sizeof(buf));
		if (!*buf || df_path_absolute(buf) ||
		    workdir_before(df, first, i))
			continue;
		df_report(self, df, &df->instrs[i], out,
			  "COPY to relative '%s' with no WORKDIR set", buf);
	}
	free(first);
}

const struct rule df_rule_copy_dest_relative = {
	.id = "DF027",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "COPY to a relative path without WORKDIR",
	.why = "Without a WORKDIR the destination is relative to the base "
	       "image's directory, which can change with the base image.",
	.remediation = "Set WORKDIR first, or copy to an absolute path.",
	.bad = "COPY app.js app.js",
	.good = "WORKDIR /app\nCOPY app.js app.js",
	.aliases = (const char *const[]){ "DL3045", NULL },
	.references = (const char *const[]){ HADOLINT("DL3045"), NULL },
	.check.dockerfile = check_copy_dest_relative,
};

static bool
label_key_ok(const char *k, const char **why)
{
	size_t n = strlen(k);

	if (str_starts_with(k, "com.docker.") ||
	    str_starts_with(k, "io.docker.") ||
	    str_starts_with(k, "org.dockerproject.")) {
		*why = "uses a namespace reserved by Docker";
		return false;
	}
	if (!n ||
	    !((k[0] >= 'a' && k[0] <= 'z') || (k[0] >= 'A' && k[0] <= 'Z')) ||
	    k[n - 1] == '.' || k[n - 1] == '-') {
		*why =
		    "must start with a letter and end with a letter or digit";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char c = k[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-')) {
			*why = "may only hold letters, digits, '.' and '-'";
			return false;
		}
		if ((c == '.' || c == '-') &&
		    (k[i + 1] == '.' || k[i + 1] == '-')) {
			*why = "has two separators in a row";
			return false;
		}
	}
	return true;
}

static void
check_label_key(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		const char *why;

		if (in->kind != DF_LABEL)
			continue;
		for (size_t k = 0; k < in->n_kvs; k++)
			if (!label_key_ok(in->kvs[k].key, &why))
				df_report(self, df, in, out,
					  "label key '%s' %s", in->kvs[k].key,
					  why);
	}
}

const struct rule df_rule_label_key = {
	.id = "DF028",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Invalid label key",
	.why = "Label keys follow reverse-DNS rules; others are rejected or "
	       "ignored by tools that read them.",
	.remediation = "Use lower-case reverse-DNS keys such as "
		       "org.opencontainers.image.source.",
	.bad = "LABEL com.docker.x=1",
	.good = "LABEL org.example.team=web",
	.aliases = (const char *const[]){ "DL3048", NULL },
	.references = (const char *const[]){ HADOLINT("DL3048"), NULL },
	.check.dockerfile = check_label_key,
};

/* Does `value` mention variable `name` ($name or ${name...})? */
static bool
value_refs(const char *value, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strchr(value, '$'); p; p = strchr(p + 1, '$')) {
		const char *v = p + 1;
		char next;

		if (*v == '{')
			v++;
		if (strncmp(v, name, n))
			continue;
		next = v[n];
		if (v[-1] == '{'
			? (next == '}' || next == ':')
			: !((next >= 'a' && next <= 'z') ||
			    (next >= 'A' && next <= 'Z') ||
			    (next >= '0' && next <= '9') || next == '_'))
			return true;
	}
	return false;
}

static void
check_env_self_ref(const struct rule *self, const struct dockerfile *df,
		   struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		bool hit = false;

		if (in->kind != DF_ENV)
			continue;
		for (size_t j = 1; j < in->n_kvs && !hit; j++)
			for (size_t k = 0; k < j && !hit; k++)
				if (in->kvs[j].value &&
				    value_refs(in->kvs[j].value,
					       in->kvs[k].key)) {
					df_report(self, df, in, out,
						  "'%s' uses '%s', which this "
						  "same ENV sets; it sees the "
						  "old value",
						  in->kvs[j].key,
						  in->kvs[k].key);
					hit = true;
				}
	}
}

const struct rule df_rule_env_self_ref = {
	.id = "DF029",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "ENV uses a variable it sets in the same instruction",
	.why = "All pairs of one ENV are expanded before any is set, so a "
	       "reference to a key of the same ENV reads the old value.",
	.remediation = "Split the ENV in two.",
	.bad = "ENV A=1 B=$A",
	.good = "ENV A=1\nENV B=$A",
	.aliases = (const char *const[]){ "DL3044", NULL },
	.references = (const char *const[]){ HADOLINT("DL3044"), NULL },
	.check.dockerfile = check_env_self_ref,
};

static bool
all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void
check_user_numeric(const struct rule *self, const struct dockerfile *df,
		   struct findings *out)
{
	char buf[VALUE_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		size_t n;

		if (in->kind != DF_USER || !in->args || word_has_var(in->args))
			continue;
		df_unquote(in->args, buf, sizeof(buf));
		n = strcspn(buf, ":");
		if (!*buf ||
		    (all_digits(buf, n) &&
		     (!buf[n] || all_digits(buf + n + 1, strlen(buf + n + 1)))))
			continue;
		df_report(self, df, in, out,
			  "USER '%s' is a name; orchestrators that enforce "
			  "non-root (runAsNonRoot) need a numeric UID",
			  buf);
	}
}

const struct rule df_rule_user_numeric = {
	.id = "DF030",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "USER by name rather than numeric UID",
	.why = "Kubernetes can only verify runAsNonRoot against a numeric "
	       "UID; a name has to be resolved inside the image first.",
	.remediation = "Use the UID (and GID): USER 10001:10001.",
	.bad = "USER app",
	.good = "USER 10001:10001",
	.aliases = (const char *const[]){ "DL3066", NULL },
	.references = (const char *const[]){ HADOLINT("DL3066"), NULL },
	.check.dockerfile = check_user_numeric,
};

static bool
is_sh_link(const struct sh_cmd *c)
{
	const char *args[DF_MAX_ARGS];
	size_t n;

	if (!cmd_is(c, "ln"))
		return false;
	n = cmd_args(c, NULL, args, DF_MAX_ARGS);
	return n >= 2 && n <= DF_MAX_ARGS && !strcmp(args[n - 1], "/bin/sh");
}

static void
check_shell_link(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (in && script_any(&in->script, is_sh_link))
			df_report(self, df, &df->instrs[i], out,
				  "replaces /bin/sh with a link; use the "
				  "SHELL instruction instead");
	}
}

const struct rule df_rule_shell_link = {
	.id = "DF031",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "RUN relinks /bin/sh instead of using SHELL",
	.why = "Replacing /bin/sh changes the shell of every script in the "
	       "image, not only of the build.",
	.remediation = "Use SHELL [\"/bin/bash\", \"-o\", \"pipefail\", "
		       "\"-c\"] for the build's RUN lines.",
	.bad = "RUN ln -sf /bin/bash /bin/sh",
	.good = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
	.aliases = (const char *const[]){ "DL4005", NULL },
	.references = (const char *const[]){ HADOLINT("DL4005"), NULL },
	.check.dockerfile = check_shell_link,
};

/* ---- what the parser could not read ---- */

/* DF000 and DF099 findings are made by dockerfile_lint() from df->diags
 * and DF_UNKNOWN instructions; the rules exist for their pages and ids. */
const struct rule df_rule_parse = {
	.id = "DF000",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Dockerfile syntax error",
	.why = "The builder would reject or misread this line, and hull's "
	       "other rules cannot judge what they cannot read.",
	.remediation = "Fix the syntax the message points at.",
	.bad = "RUN <<EOF\napt-get update\n(no closing EOF)",
	.good = "RUN <<EOF\napt-get update\nEOF",
	.references =
	    (const char *const[]){
		"https://docs.docker.com/reference/dockerfile/", NULL },
};

const struct rule df_rule_unknown_instr = {
	.id = "DF099",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Unknown instruction",
	.why = "The builder stops at an instruction it does not know; often "
	       "a typo or a lost line continuation.",
	.remediation = "Fix the keyword, or join the line to the one before "
		       "with a trailing backslash.",
	.bad = "RUNN apt-get update",
	.good = "RUN apt-get update",
	.references =
	    (const char *const[]){
		"https://docs.docker.com/reference/dockerfile/", NULL },
};

/* The ids of a pragma, comma-separated, for a message. */
static void
pragma_ids(const struct pragma *p, struct buf *b)
{
	for (size_t i = 0; i < p->ids.n; i++) {
		if (i)
			buf_addch(b, ',');
		buf_addstr(b, p->ids.v[i]);
	}
}

static void
check_pragma_reason(const struct rule *self, const struct dockerfile *df,
		    struct findings *out)
{
	for (size_t i = 0; i < df->pragmas.n; i++) {
		const struct pragma *p = &df->pragmas.v[i];
		struct buf ids = BUF_INIT;
		struct finding *f;

		if (pragma_effective(p))
			continue;
		pragma_ids(p, &ids);
		f = df_report(self, df, NULL, out,
			      "'# hull %signore=%s' gives no reason, so it "
			      "suppresses nothing",
			      p->line ? "" : "global ", ids.data);
		f->loc.line = f->loc.end_line = p->at;
		buf_release(&ids);
	}
}

const struct rule df_rule_pragma_reason = {
	.id = "DF086",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Inline ignore pragma without a reason",
	.why = "An ignore hides a finding from every later reader.  hull "
	       "asks for the reason next to it, in .hull.yaml and in "
	       "'# hull ignore=' comments alike, so that the next reviewer "
	       "can tell a judgement from a silenced warning.  A hull pragma "
	       "without one suppresses nothing.",
	.remediation = "Write the reason after the ids: "
		       "# hull ignore=DF043 the script is vendored and pinned "
		       "by digest.  (# hadolint ignore= pragmas need none.)",
	.bad = "# hull ignore=DF043\nRUN curl -fsSL https://x.example/i.sh "
	       "| sh",
	.good = "# hull ignore=DF043 vendored installer, checked by digest\n"
		"RUN curl -fsSL https://x.example/i.sh | sh",
	.references = (const char *const[]){ "https://github.com/hadolint/"
					     "hadolint#inline-ignores",
					     NULL },
	.check.dockerfile = check_pragma_reason,
};
