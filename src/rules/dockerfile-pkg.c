/*
 * Dockerfile rules about package managers: non-interactive installs,
 * caches left in layers, version pinning, and upgrades, for apt, apk,
 * yum, dnf, zypper, pip, npm, yarn, gem and go.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rules/dockerfile-internal.h"

#define HADOLINT(id) "https://github.com/hadolint/hadolint/wiki/" id

/*
 * A per-command check: returns a message when command k of the RUN `run`
 * (instruction index `at`) breaks the rule, else NULL.  `buf` may hold
 * the message.
 */
typedef const char *(*cmd_check_fn)(const struct dockerfile *df, size_t at,
				    const struct df_instr *run, size_t k,
				    char *buf, size_t len);

/* Report the first command of each RUN that fn flags. */
static void
each_cmd(const struct rule *self, const struct dockerfile *df, cmd_check_fn fn,
	 struct findings *out)
{
	char buf[256];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		for (size_t k = 0; in && k < in->script.n; k++) {
			const char *msg = fn(df, i, in, k, buf, sizeof(buf));

			if (msg) {
				df_report(self, df, &df->instrs[i], out, "%s",
					  msg);
				break;
			}
		}
	}
}

static const char *const apt_valued[] = {
	"-o", "-t", "-c", "--option", "--target-release", "--config-file", NULL,
};

static size_t
args_of(const struct sh_cmd *c, const char *const *valued, const char **a)
{
	size_t n = cmd_args(c, valued, a, DF_MAX_ARGS);

	return n > DF_MAX_ARGS ? DF_MAX_ARGS : n;
}

static bool
apt_get_install(const struct sh_cmd *c)
{
	return cmd_is(c, "apt-get") &&
	       !strcmp(cmd_sub(c, apt_valued), "install");
}

/* ---- apk ---- */

static const char *
apk_no_cache(const struct dockerfile *df, size_t at, const struct df_instr *run,
	     size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];

	(void)df, (void)at, (void)buf, (void)len;
	if (!cmd_is(c, "apk") || strcmp(cmd_sub(c, NULL), "add") ||
	    sh_cmd_has_flag(c, "no-cache", 0) ||
	    df_run_has_mount(run, "cache|tmpfs", "/var/cache/apk"))
		return NULL;
	return "apk add without --no-cache leaves the package index in the "
	       "layer";
}

static void
check_apk_cache(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	each_cmd(self, df, apk_no_cache, out);
}

const struct rule df_rule_apk_cache = {
	.id = "DF060",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "apk add without --no-cache",
	.why = "The package index stays in the layer: megabytes of data that "
	       "serve nothing at run time.",
	.remediation = "Use apk add --no-cache, or a BuildKit cache mount on "
		       "/var/cache/apk.",
	.bad = "RUN apk add curl",
	.good = "RUN apk add --no-cache curl",
	.aliases = (const char *const[]){ "DL3019", "DS-0025", NULL },
	.references = (const char *const[]){ HADOLINT("DL3019"), NULL },
	.check.dockerfile = check_apk_cache,
};

/* ---- apt ---- */

static unsigned
quiet_level(const struct sh_cmd *c)
{
	unsigned q = 0;

	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (!strcmp(w, "--quiet"))
			q++;
		else if (str_starts_with(w, "--quiet=") ||
			 str_starts_with(w, "-q="))
			q += (unsigned)(strchr(w, '=')[1] - '0');
		else if (w[0] == '-' && w[1] != '-')
			for (const char *p = w + 1; *p; p++)
				q += *p == 'q';
	}
	return q;
}

static const char *
apt_no_yes(const struct dockerfile *df, size_t at, const struct df_instr *run,
	   size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];

	(void)df, (void)at, (void)buf, (void)len;
	if (!apt_get_install(c) || sh_cmd_has_flag(c, "yes", 'y') ||
	    sh_cmd_has_flag(c, "assume-yes", 0) || quiet_level(c) >= 2)
		return NULL;
	return "apt-get install without -y waits for an answer that never "
	       "comes";
}

static void
check_apt_yes(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, apt_no_yes, out);
}

const struct rule df_rule_apt_yes = {
	.id = "DF061",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "apt-get install without -y",
	.why = "Without -y apt-get asks for confirmation and the build "
	       "aborts.",
	.remediation = "Use apt-get install -y.",
	.bad = "RUN apt-get install curl",
	.good = "RUN apt-get install -y --no-install-recommends curl",
	.aliases = (const char *const[]){ "DL3014", "DS-0021", NULL },
	.references = (const char *const[]){ HADOLINT("DL3014"), NULL },
	.check.dockerfile = check_apt_yes,
};

static const char *
apt_recommends(const struct dockerfile *df, size_t at,
	       const struct df_instr *run, size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];

	(void)df, (void)at, (void)buf, (void)len;
	if (!apt_get_install(c) ||
	    sh_cmd_has_flag(c, "no-install-recommends", 0) ||
	    cmd_word_contains(c, "Install-Recommends=false") ||
	    cmd_word_contains(c, "Install-Recommends=0"))
		return NULL;
	return "apt-get install without --no-install-recommends pulls in "
	       "packages nobody asked for";
}

static void
check_apt_recommends(const struct rule *self, const struct dockerfile *df,
		     struct findings *out)
{
	each_cmd(self, df, apt_recommends, out);
}

const struct rule df_rule_apt_recommends = {
	.id = "DF062",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "apt-get install without --no-install-recommends",
	.why = "Recommended packages are optional extras: more code, more "
	       "CVEs, bigger image.",
	.remediation = "Add --no-install-recommends.",
	.bad = "RUN apt-get install -y curl",
	.good = "RUN apt-get install -y --no-install-recommends curl",
	.aliases = (const char *const[]){ "DL3015", "DS-0029", NULL },
	.references = (const char *const[]){ HADOLINT("DL3015"), NULL },
	.check.dockerfile = check_apt_recommends,
};

static const char *const apt_family[] = { "apt-get", "apt", "aptitude", NULL };

static bool
is_apt_update(const struct sh_cmd *c)
{
	return cmd_is_any(c, apt_family) &&
	       !strcmp(cmd_sub(c, apt_valued), "update");
}

static bool
removes_apt_lists(const struct sh_cmd *c)
{
	return cmd_is(c, "rm") && cmd_word_contains(c, "/var/lib/apt/lists");
}

static bool
apt_lists_mounted(const struct df_instr *run)
{
	return df_run_has_mount(run, "cache|tmpfs", "/var/lib/apt/lists") ||
	       (df_run_has_mount(run, "cache|tmpfs", "/var/lib/apt") &&
		df_run_has_mount(run, "cache|tmpfs", "/var/cache/apt"));
}

/* Does the layer a RUN writes end up in an image someone runs? */
static bool
run_reaches_image(const struct dockerfile *df, const struct df_instr *in)
{
	return in->kind == DF_ONBUILD || in->stage < 0 ||
	       df_stage_is_used(df, (size_t)in->stage);
}

static void
check_apt_lists(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (!in || !script_any(&in->script, is_apt_update) ||
		    script_any(&in->script, removes_apt_lists) ||
		    apt_lists_mounted(in) ||
		    !run_reaches_image(df, &df->instrs[i]))
			continue;
		df_report(self, df, &df->instrs[i], out,
			  "apt lists are not removed in the RUN that "
			  "downloaded them");
	}
}

const struct rule df_rule_apt_lists = {
	.id = "DF063",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "apt lists not removed in the same RUN",
	.why = "apt-get update downloads tens of megabytes of package lists; "
	       "unless the same RUN deletes them they are in the layer for "
	       "good.",
	.remediation = "End the RUN with && rm -rf /var/lib/apt/lists/*, or "
		       "use cache mounts on /var/lib/apt and /var/cache/apt.",
	.bad = "RUN apt-get update && apt-get install -y curl",
	.good = "RUN apt-get update && apt-get install -y curl && rm -rf "
		"/var/lib/apt/lists/*",
	.aliases = (const char *const[]){ "DL3009", NULL },
	.references = (const char *const[]){ HADOLINT("DL3009"), NULL },
	.check.dockerfile = check_apt_lists,
};

static bool
is_index_update(const struct sh_cmd *c)
{
	return is_apt_update(c) ||
	       (cmd_is(c, "apk") && !strcmp(cmd_sub(c, NULL), "update"));
}

static bool
uses_index(const struct sh_cmd *c)
{
	static const char *const subs[] = {
		"install",   "upgrade", "dist-upgrade", "full-upgrade", "add",
		"build-dep", "source",	"download",	"fix",		NULL,
	};
	const char *sub;

	if (!cmd_is_any(c, apt_family) && !cmd_is(c, "apk"))
		return false;
	sub = cmd_sub(c, apt_valued);
	for (const char *const *s = subs; *s; s++)
		if (!strcmp(sub, *s))
			return true;
	return false;
}

static void
check_apt_update_alone(const struct rule *self, const struct dockerfile *df,
		       struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (!in || !script_any(&in->script, is_index_update) ||
		    script_any(&in->script, uses_index))
			continue;
		df_report(self, df, &df->instrs[i], out,
			  "the package index is updated in a RUN of its own; "
			  "the cached layer goes stale while later installs "
			  "reuse it");
	}
}

const struct rule df_rule_apt_update_alone = {
	.id = "DF064",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Package index update alone in its RUN",
	.why = "The layer cache keeps the old 'apt-get update' and rebuilds "
	       "only the install line, which then installs outdated (and "
	       "possibly vulnerable) versions or fails.",
	.remediation = "Update and install in one RUN: apt-get update && "
		       "apt-get install -y ...",
	.bad = "RUN apt-get update\nRUN apt-get install -y curl",
	.good = "RUN apt-get update && apt-get install -y curl",
	.aliases = (const char *const[]){ "DS-0017", "CKV_DOCKER_5", NULL },
	.references =
	    (const char *const[]){
		"https://docs.docker.com/build/building/best-practices/#apt-get",
		NULL },
	.check.dockerfile = check_apt_update_alone,
};

static const char *
dist_upgrade(const struct dockerfile *df, size_t at, const struct df_instr *run,
	     size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];
	const char *sub;

	(void)df, (void)at, (void)buf, (void)len;
	if (cmd_is(c, "apt-get") || cmd_is(c, "apt")) {
		sub = cmd_sub(c, apt_valued);
		if (!strcmp(sub, "dist-upgrade") ||
		    !strcmp(sub, "full-upgrade"))
			return "a distribution upgrade in the image changes "
			       "what the base image tag promised";
	}
	if (cmd_is(c, "zypper")) {
		sub = cmd_sub(c, NULL);
		if (!strcmp(sub, "dist-upgrade") || !strcmp(sub, "dup"))
			return "zypper dist-upgrade moves the image to another "
			       "release than the base image's";
	}
	return NULL;
}

static void
check_dist_upgrade(const struct rule *self, const struct dockerfile *df,
		   struct findings *out)
{
	each_cmd(self, df, dist_upgrade, out);
}

const struct rule df_rule_dist_upgrade = {
	.id = "DF065",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Distribution upgrade inside the image",
	.why = "dist-upgrade may move to a new release, replacing what the "
	       "base image's tag describes; scans and support then no longer "
	       "match.  Patch by rebuilding on a newer base image instead.",
	.remediation = "Use a newer base image tag; if packages need fixes, "
		       "upgrade only those.",
	.bad = "RUN apt-get update && apt-get dist-upgrade -y",
	.good = "FROM debian:12.6-slim",
	.aliases = (const char *const[]){ "DS-0024", "DL3035", NULL },
	.references = (const char *const[]){ HADOLINT("DL3035"), NULL },
	.check.dockerfile = check_dist_upgrade,
};

/* ---- pip ---- */

static bool
is_pip_name(const char *n)
{
	if (strncmp(n, "pip", 3))
		return false;
	return strspn(n + 3, "0123456789.") == strlen(n + 3);
}

static bool
is_python_name(const char *n)
{
	if (strncmp(n, "python", 6))
		return false;
	return strspn(n + 6, "0123456789.") == strlen(n + 6);
}

/* Index of the "install" word of a pip (or python -m pip) command; 0 if
 * it is not one.  pipx counts when allow_pipx. */
static size_t
pip_install_at(const struct sh_cmd *c, bool allow_pipx)
{
	const char *n = sh_cmd_name(c);
	size_t i = 1;

	if (is_python_name(n)) {
		if (c->n_words < 3 || strcmp(c->words[1].text, "-m") ||
		    !is_pip_name(c->words[2].text))
			return 0;
		i = 3;
	} else if (!is_pip_name(n) && !(allow_pipx && !strcmp(n, "pipx"))) {
		return 0;
	}
	for (; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (w[0] == '-')
			continue;
		return !strcmp(w, "install") ? i : 0;
	}
	return 0;
}

static bool
truthy(const char *v)
{
	static const char *const yes[] = { "1", "on", "yes", "true", NULL };

	for (const char *const *y = yes; v && *y; y++)
		if (!strcasecmp(v, *y))
			return true;
	return false;
}

static bool
pip_no_cache_set(const struct dockerfile *df, size_t at,
		 const struct df_instr *run, size_t k)
{
	const struct sh_cmd *c = &run->script.cmds[k];
	static const char key[] = "PIP_NO_CACHE_DIR=";

	if (truthy(df_env_at(df, at, "PIP_NO_CACHE_DIR")))
		return true;
	for (size_t i = 0; i < c->n_assigns; i++)
		if (str_starts_with(c->assigns[i].text, key))
			return truthy(c->assigns[i].text + sizeof(key) - 1);
	for (size_t j = 0; j < k; j++) {
		const struct sh_cmd *e = &run->script.cmds[j];

		for (size_t i = 1; cmd_is(e, "export") && i < e->n_words; i++)
			if (str_starts_with(e->words[i].text, key))
				return truthy(e->words[i].text + sizeof(key) -
					      1);
	}
	return false;
}

static const char *
pip_cache(const struct dockerfile *df, size_t at, const struct df_instr *run,
	  size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];

	(void)buf, (void)len;
	if (!pip_install_at(c, false) ||
	    sh_cmd_has_flag(c, "no-cache-dir", 0) ||
	    df_run_has_mount(run, "cache|tmpfs", "/root/.cache/pip") ||
	    pip_no_cache_set(df, at, run, k))
		return NULL;
	return "pip install without --no-cache-dir keeps the wheel cache in "
	       "the layer";
}

static void
check_pip_cache(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	each_cmd(self, df, pip_cache, out);
}

const struct rule df_rule_pip_cache = {
	.id = "DF066",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "pip install without --no-cache-dir",
	.why = "pip's download cache stays in the layer and can double the "
	       "size of a Python image.",
	.remediation = "Use pip install --no-cache-dir (or ENV "
		       "PIP_NO_CACHE_DIR=1, or a cache mount on "
		       "/root/.cache/pip).",
	.bad = "RUN pip install -r requirements.txt",
	.good = "RUN pip install --no-cache-dir -r requirements.txt",
	.aliases = (const char *const[]){ "DL3042", NULL },
	.references = (const char *const[]){ HADOLINT("DL3042"), NULL },
	.check.dockerfile = check_pip_cache,
};

/* ---- version pinning ---- */

static const char *
first_unpinned(const char **args, size_t from, size_t n,
	       bool (*pinned)(const char *))
{
	for (size_t i = from; i < n; i++)
		if (!word_has_var(args[i]) && !pinned(args[i]))
			return args[i];
	return NULL;
}

static bool
apt_pinned(const char *p)
{
	return strchr(p, '=') || str_ends_with(p, ".deb") || strchr(p, '/');
}

static const char *
apt_pin(const struct dockerfile *df, size_t at, const struct df_instr *run,
	size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];
	const char *args[DF_MAX_ARGS], *p;
	size_t n;

	(void)df, (void)at;
	if (!apt_get_install(c))
		return NULL;
	n = args_of(c, apt_valued, args);
	if (!(p = first_unpinned(args, 1, n, apt_pinned)))
		return NULL;
	snprintf(buf, len, "'%s' is installed without a version (pkg=ver)", p);
	return buf;
}

static void
check_apt_pin(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, apt_pin, out);
}

#define PIN_WHY                                                                \
	"Unpinned packages make every build install whatever is newest "       \
	"that day: builds stop being repeatable and a scan of one build "      \
	"says little about the next."

const struct rule df_rule_apt_pin = {
	.id = "DF067",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "apt-get install without version pins",
	.why = PIN_WHY,
	.remediation =
	    "Pin versions: apt-get install -y curl=7.88.1-10+deb12u5.",
	.bad = "RUN apt-get install -y curl",
	.good = "RUN apt-get install -y curl=7.88.1-10+deb12u5",
	.aliases = (const char *const[]){ "DL3008", NULL },
	.references = (const char *const[]){ HADOLINT("DL3008"), NULL },
	.check.dockerfile = check_apt_pin,
};

static bool
apk_pinned(const char *p)
{
	return strpbrk(p, "=~<>") || str_ends_with(p, ".apk");
}

static const char *
apk_pin(const struct dockerfile *df, size_t at, const struct df_instr *run,
	size_t k, char *buf, size_t len)
{
	static const char *const valued[] = {
		"-t",
		"--virtual",
		"-X",
		"--repository",
		"--repositories-file",
		"-p",
		"--root",
		"--arch",
		"--cache-dir",
		"--keys-dir",
		NULL,
	};
	const struct sh_cmd *c = &run->script.cmds[k];
	const char *args[DF_MAX_ARGS], *p;
	size_t n;

	(void)df, (void)at;
	if (!cmd_is(c, "apk"))
		return NULL;
	n = args_of(c, valued, args);
	if (!n || strcmp(args[0], "add"))
		return NULL;
	if (!(p = first_unpinned(args, 1, n, apk_pinned)))
		return NULL;
	snprintf(buf, len, "'%s' is installed without a version (pkg=ver)", p);
	return buf;
}

static void
check_apk_pin(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, apk_pin, out);
}

const struct rule df_rule_apk_pin = {
	.id = "DF068",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "apk add without version pins",
	.why = PIN_WHY,
	.remediation = "Pin versions: apk add --no-cache curl=8.9.1-r0 (or "
		       "curl~8.9).",
	.bad = "RUN apk add --no-cache curl",
	.good = "RUN apk add --no-cache curl~8.9",
	.aliases = (const char *const[]){ "DL3018", NULL },
	.references = (const char *const[]){ HADOLINT("DL3018"), NULL },
	.check.dockerfile = check_apk_pin,
};

static const char *const pip_valued[] = {
	"-r",
	"--requirement",
	"-e",
	"--editable",
	"-i",
	"--index-url",
	"--extra-index-url",
	"--trusted-host",
	"-t",
	"--target",
	"--prefix",
	"--root",
	"--build",
	"--src",
	"-f",
	"--find-links",
	"--platform",
	"--python-version",
	"--implementation",
	"--abi",
	"--root-user-action",
	"--progress-bar",
	"--cache-dir",
	"--log",
	"--proxy",
	"--retries",
	"--timeout",
	"--exists-action",
	"--cert",
	"--client-cert",
	"--upgrade-strategy",
	"--only-binary",
	"--no-binary",
	"--global-option",
	"--install-option",
	"--config-settings",
	"-C",
	"--python",
	"--pip-args",
	"--suffix",
	"--spec",
	NULL,
};

static bool
in_strlist(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(w, *list))
			return true;
	return false;
}

/* git+https://host/repo.git@ref: is there an @ref after the host? */
static bool
vcs_ref_pinned(const char *url)
{
	const char *p = strstr(url, "://");
	const char *path;

	if (!p)
		return strchr(url, '@') != NULL;
	path = strchr(p + 3, '/');
	return path && strchr(path, '@');
}

static bool
pip_pinned(const char *p)
{
	if (str_starts_with(p, "git+") || strstr(p, "+git"))
		return vcs_ref_pinned(p);
	if (strstr(p, "==") || strstr(p, "~=") || strpbrk(p, "<>!@") ||
	    strstr(p, "://"))
		return true;
	return p[0] == '.' || p[0] == '/' || p[0] == '~' || strchr(p, '/') ||
	       str_ends_with(p, ".whl") || str_ends_with(p, ".tar.gz") ||
	       str_ends_with(p, ".zip") || str_ends_with(p, ".tgz");
}

static const char *
pip_pin(const struct dockerfile *df, size_t at, const struct df_instr *run,
	size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];
	size_t i = pip_install_at(c, true);

	(void)df, (void)at;
	if (!i || sh_cmd_has_flag(c, "constraint", 'c'))
		return NULL;
	for (i++; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (w[0] == '-') {
			if (!strchr(w, '=') && in_strlist(w, pip_valued))
				i++;
			continue;
		}
		if (word_has_var(w) || pip_pinned(w))
			continue;
		snprintf(buf, len,
			 "'%s' is installed without a version (pkg==ver)", w);
		return buf;
	}
	return NULL;
}

static void
check_pip_pin(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, pip_pin, out);
}

const struct rule df_rule_pip_pin = {
	.id = "DF069",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "pip install without version pins",
	.why = PIN_WHY,
	.remediation = "Pin versions (pip install flask==3.0.3) or install "
		       "from a locked requirements file.",
	.bad = "RUN pip install flask",
	.good = "RUN pip install --no-cache-dir flask==3.0.3",
	.aliases = (const char *const[]){ "DL3013", NULL },
	.references = (const char *const[]){ HADOLINT("DL3013"), NULL },
	.check.dockerfile = check_pip_pin,
};

static bool
npm_pinned(const char *p)
{
	static const char *const sfx[] = { ".tar", ".tar.gz", ".tgz", NULL };

	for (const char *const *s = sfx; *s; s++)
		if (str_ends_with(p, *s))
			return true;
	if (p[0] == '/' || str_starts_with(p, "./") ||
	    str_starts_with(p, "../") || str_starts_with(p, "~/"))
		return true;
	if (strstr(p, "://") || str_starts_with(p, "git+") ||
	    str_starts_with(p, "github:"))
		return strchr(p, '#') != NULL;
	return strchr(p + 1, '@') != NULL;
}

static const char *
npm_pin(const struct dockerfile *df, size_t at, const struct df_instr *run,
	size_t k, char *buf, size_t len)
{
	static const char *const valued[] = {
		"--registry", "--loglevel",  "--prefix",     "--cache", "--tag",
		"-w",	      "--workspace", "--userconfig", NULL,
	};
	const struct sh_cmd *c = &run->script.cmds[k];
	const char *args[DF_MAX_ARGS], *p;
	size_t n;

	(void)df, (void)at;
	if (!cmd_is(c, "npm"))
		return NULL;
	n = args_of(c, valued, args);
	if (!n || (strcmp(args[0], "install") && strcmp(args[0], "i") &&
		   strcmp(args[0], "add")))
		return NULL;
	if (!(p = first_unpinned(args, 1, n, npm_pinned)))
		return NULL;
	snprintf(buf, len, "'%s' is installed without a version (pkg@ver)", p);
	return buf;
}

static void
check_npm_pin(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, npm_pin, out);
}

const struct rule df_rule_npm_pin = {
	.id = "DF070",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "npm install of a package without a version",
	.why = PIN_WHY,
	.remediation = "Pin the version (npm install -g pm2@5.4.2), or list "
		       "it in package.json and use npm ci.",
	.bad = "RUN npm install -g pm2",
	.good = "RUN npm install -g pm2@5.4.2",
	.aliases = (const char *const[]){ "DL3016", NULL },
	.references = (const char *const[]){ HADOLINT("DL3016"), NULL },
	.check.dockerfile = check_npm_pin,
};

static const char *const gem_bool_flags[] = {
	"--no-document",
	"--no-ri",
	"--no-rdoc",
	"--user-install",
	"--no-user-install",
	"--conservative",
	"--minimal-deps",
	"--force",
	"--local",
	"--remote",
	"--both",
	"--clear-sources",
	"--development",
	"--development-all",
	"--prerelease",
	"--default",
	"--ignore-dependencies",
	"--env-shebang",
	"--no-env-shebang",
	"--wrappers",
	"--no-wrappers",
	"--format-executable",
	"--post-install-message",
	"--suggestions",
	"--lock",
	"--no-lock",
	"--explain",
	"--silent",
	"--quiet",
	"--verbose",
	"--backtrace",
	"--debug",
	"--norc",
	"--vendor",
	"--no-vendor",
	NULL,
};

static const char *
gem_pin(const struct dockerfile *df, size_t at, const struct df_instr *run,
	size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];
	size_t i = 1;

	(void)df, (void)at;
	if (!cmd_is(c, "gem") || sh_cmd_has_flag(c, "version", 'v'))
		return NULL;
	while (i < c->n_words && c->words[i].text[0] == '-')
		i++;
	if (i >= c->n_words || (strcmp(c->words[i].text, "install") &&
				strcmp(c->words[i].text, "i")))
		return NULL;
	for (i++; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (!strcmp(w, "--"))
			break;
		if (w[0] == '-') {
			/* A long option not known to be a switch takes the
			 * next word as its value. */
			if (w[1] == '-' && !strchr(w, '=') &&
			    !in_strlist(w, gem_bool_flags))
				i++;
			else if (w[1] != '-' && strchr("sinPg", w[1]) && !w[2])
				i++;
			continue;
		}
		if (word_has_var(w) || strchr(w, ':'))
			continue;
		snprintf(buf, len,
			 "gem '%s' is installed without a version "
			 "(gem:ver)",
			 w);
		return buf;
	}
	return NULL;
}

static void
check_gem_pin(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, gem_pin, out);
}

const struct rule df_rule_gem_pin = {
	.id = "DF071",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "gem install without a version",
	.why = PIN_WHY,
	.remediation = "Pin the version: gem install bundler:2.5.11 (or -v).",
	.bad = "RUN gem install bundler",
	.good = "RUN gem install bundler:2.5.11",
	.aliases = (const char *const[]){ "DL3028", NULL },
	.references = (const char *const[]){ HADOLINT("DL3028"), NULL },
	.check.dockerfile = check_gem_pin,
};

static bool
go_pinned(const char *p)
{
	const char *at = strrchr(p, '@');

	if (p[0] == '.' || p[0] == '/')
		return true;
	return at && strcmp(at, "@latest");
}

static const char *
go_pin(const struct dockerfile *df, size_t at, const struct df_instr *run,
       size_t k, char *buf, size_t len)
{
	const struct sh_cmd *c = &run->script.cmds[k];
	const char *args[DF_MAX_ARGS], *p;
	size_t n;

	(void)df, (void)at;
	if (!cmd_is(c, "go"))
		return NULL;
	n = args_of(c, NULL, args);
	if (!n || (strcmp(args[0], "install") && strcmp(args[0], "get") &&
		   strcmp(args[0], "run")))
		return NULL;
	if (!strcmp(args[0], "run") && n > 2)
		n = 2; /* the rest are the program's own arguments */
	if (!(p = first_unpinned(args, 1, n, go_pinned)))
		return NULL;
	snprintf(buf, len, "'%s' is fetched without a fixed version (@vX.Y.Z)",
		 p);
	return buf;
}

static void
check_go_pin(const struct rule *self, const struct dockerfile *df,
	     struct findings *out)
{
	each_cmd(self, df, go_pin, out);
}

const struct rule df_rule_go_pin = {
	.id = "DF072",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "go install, get or run without a fixed version",
	.why = PIN_WHY,
	.remediation = "Add an exact version: go install "
		       "example.com/tool@v1.2.3.",
	.bad = "RUN go install golang.org/x/tools/cmd/goimports@latest",
	.good = "RUN go install golang.org/x/tools/cmd/goimports@v0.24.0",
	.aliases = (const char *const[]){ "DL3062", NULL },
	.references = (const char *const[]){ HADOLINT("DL3062"), NULL },
	.check.dockerfile = check_go_pin,
};

/* ---- yum, dnf, zypper ---- */

static const char *const rpm_valued[] = {
	"-c", "--config",  "--installroot", "--releasever",  "-d",	 "-e",
	"-x", "--exclude", "--enablerepo",  "--disablerepo", "--setopt", NULL,
};

/* Is args[] an install-like subcommand of a yum-family tool?  *pkgs is
 * where the package names start. */
static bool
rpm_installs(const char **args, size_t n, const char *const *subs, size_t *pkgs,
	     bool *module)
{
	*module = false;
	if (!n)
		return false;
	if ((!strcmp(args[0], "module") || !strcmp(args[0], "group")) &&
	    n > 1 && !strcmp(args[1], "install")) {
		*module = !strcmp(args[0], "module");
		*pkgs = *module ? 2 : n; /* groups are not pinned */
		return true;
	}
	for (const char *const *s = subs; *s; s++)
		if (!strcmp(args[0], *s)) {
			*pkgs = 1;
			return true;
		}
	return false;
}

static const char *const yum_subs[] = {
	"install", "groupinstall", "localinstall", "reinstall", NULL,
};
static const char *const yum_modify[] = {
	"install", "groupinstall", "localinstall", "reinstall", "update",
	"upgrade", "remove",	   "erase",	   "downgrade", NULL,
};
static const char *const dnf_subs[] = {
	"install", "in",	   "reinstall",	   "rei",
	"upgrade", "up",	   "update",	   "upgrade-minimal",
	"up-min",  "groupinstall", "localinstall", "downgrade",
	NULL,
};
static const char *const dnf_names[] = { "dnf", "microdnf", "dnf5", NULL };

static const char *
no_assume_yes(const struct sh_cmd *c, const char *const *names,
	      const char *const *subs, const char *tool)
{
	const char *args[DF_MAX_ARGS];
	size_t n, pk;
	bool mod;

	if (!cmd_is_any(c, names))
		return NULL;
	n = args_of(c, rpm_valued, args);
	if (!rpm_installs(args, n, subs, &pk, &mod) ||
	    sh_cmd_has_flag(c, "assumeyes", 'y'))
		return NULL;
	return tool;
}

static const char *
yum_yes(const struct dockerfile *df, size_t at, const struct df_instr *run,
	size_t k, char *buf, size_t len)
{
	static const char *const names[] = { "yum", NULL };

	(void)df, (void)at, (void)buf, (void)len;
	return no_assume_yes(&run->script.cmds[k], names, yum_modify,
			     "yum without -y waits for a confirmation");
}

static const char *
dnf_yes(const struct dockerfile *df, size_t at, const struct df_instr *run,
	size_t k, char *buf, size_t len)
{
	(void)df, (void)at, (void)buf, (void)len;
	return no_assume_yes(&run->script.cmds[k], dnf_names, dnf_subs,
			     "dnf without -y waits for a confirmation");
}

static void
check_yum_yes(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, yum_yes, out);
}

static void
check_dnf_yes(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	each_cmd(self, df, dnf_yes, out);
}

const struct rule df_rule_yum_yes = {
	.id = "DF073",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "yum install without -y",
	.why = "Without -y yum asks for confirmation and the build aborts.",
	.remediation = "Use yum install -y.",
	.bad = "RUN yum install httpd-2.4.6",
	.good = "RUN yum install -y httpd-2.4.6 && yum clean all",
	.aliases = (const char *const[]){ "DL3030", NULL },
	.references = (const char *const[]){ HADOLINT("DL3030"), NULL },
	.check.dockerfile = check_yum_yes,
};

const struct rule df_rule_dnf_yes = {
	.id = "DF079",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "dnf install without -y",
	.why = "Without -y dnf asks for confirmation and the build aborts.",
	.remediation = "Use dnf install -y.",
	.bad = "RUN dnf install httpd-2.4.57",
	.good = "RUN dnf install -y httpd-2.4.57 && dnf clean all",
	.aliases = (const char *const[]){ "DL3038", NULL },
	.references = (const char *const[]){ HADOLINT("DL3038"), NULL },
	.check.dockerfile = check_dnf_yes,
};

/*
 * Index of the last install-like command of the tools in `names`, and
 * whether a cleanup (pred) follows it in the same RUN.
 */
static bool
install_without_cleanup(const struct df_instr *run, const char *const *names,
			const char *const *subs,
			bool (*cleans)(const struct sh_cmd *installer,
				       const struct sh_cmd *c))
{
	const struct sh_cmd *last = NULL;
	bool cleaned = false;

	for (size_t k = 0; k < run->script.n; k++) {
		const struct sh_cmd *c = &run->script.cmds[k];
		const char *args[DF_MAX_ARGS];
		size_t n, pk;
		bool mod;

		if (cmd_is_any(c, names)) {
			n = args_of(c, rpm_valued, args);
			if (rpm_installs(args, n, subs, &pk, &mod)) {
				last = c;
				cleaned = false;
				continue;
			}
		}
		if (last && cleans(last, c))
			cleaned = true;
	}
	return last && !cleaned;
}

static bool
rm_of(const struct sh_cmd *c, const char *const *dirs)
{
	if (!cmd_is(c, "rm"))
		return false;
	for (; *dirs; dirs++)
		if (cmd_word_contains(c, *dirs))
			return true;
	return false;
}

static bool
yum_cleans(const struct sh_cmd *installer, const struct sh_cmd *c)
{
	static const char *const dirs[] = { "/var/cache/yum", NULL };
	const char *args[2];

	(void)installer;
	if (rm_of(c, dirs))
		return true;
	return cmd_is(c, "yum") && cmd_args(c, NULL, args, 2) >= 2 &&
	       !strcmp(args[0], "clean") && !strcmp(args[1], "all");
}

static bool
dnf_cleans(const struct sh_cmd *installer, const struct sh_cmd *c)
{
	static const char *const dirs[] = { "/var/cache/yum", "/var/cache/dnf",
					    "/var/cache/libdnf5", NULL };
	const char *args[2];

	if (rm_of(c, dirs))
		return true;
	return !strcmp(sh_cmd_name(c), sh_cmd_name(installer)) &&
	       cmd_args(c, NULL, args, 2) >= 2 && !strcmp(args[0], "clean") &&
	       !strcmp(args[1], "all");
}

static void
check_yum_clean(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	static const char *const names[] = { "yum", NULL };

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (!in ||
		    df_run_has_mount(in, "cache|tmpfs", "/var/cache/yum") ||
		    !install_without_cleanup(in, names, yum_subs, yum_cleans))
			continue;
		df_report(self, df, &df->instrs[i], out,
			  "yum install without a later 'yum clean all' in "
			  "the same RUN");
	}
}

const struct rule df_rule_yum_clean = {
	.id = "DF074",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "yum install without yum clean all",
	.why = "yum's metadata and package cache stay in the layer.",
	.remediation = "End the RUN with && yum clean all (or rm -rf "
		       "/var/cache/yum).",
	.bad = "RUN yum install -y httpd-2.4.6",
	.good = "RUN yum install -y httpd-2.4.6 && yum clean all",
	.aliases = (const char *const[]){ "DL3032", "DS-0015", NULL },
	.references = (const char *const[]){ HADOLINT("DL3032"), NULL },
	.check.dockerfile = check_yum_clean,
};

static void
check_dnf_clean(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (!in ||
		    df_run_has_mount(in, "cache|tmpfs", "/var/cache/libdnf5") ||
		    df_run_has_mount(in, "cache|tmpfs", "/var/cache/dnf") ||
		    df_run_has_mount(in, "cache|tmpfs", "/var/cache/yum") ||
		    !install_without_cleanup(in, dnf_names, dnf_subs,
					     dnf_cleans))
			continue;
		df_report(self, df, &df->instrs[i], out,
			  "dnf install without a later 'dnf clean all' in the "
			  "same RUN");
	}
}

const struct rule df_rule_dnf_clean = {
	.id = "DF080",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "dnf install without dnf clean all",
	.why = "dnf's metadata and package cache stay in the layer.",
	.remediation = "End the RUN with && dnf clean all (microdnf clean all "
		       "for microdnf).",
	.bad = "RUN dnf install -y httpd-2.4.57",
	.good = "RUN dnf install -y httpd-2.4.57 && dnf clean all",
	.aliases = (const char *const[]){ "DL3040", "DS-0019", NULL },
	.references = (const char *const[]){ HADOLINT("DL3040"), NULL },
	.check.dockerfile = check_dnf_clean,
};

/* name-1.2.3, name-1:1.2, foo.rpm, a path */
static bool
rpm_pinned(const char *p)
{
	for (const char *d = strchr(p, '-'); d; d = strchr(d + 1, '-'))
		if (isdigit((unsigned char)d[1]))
			return true;
	return str_ends_with(p, ".rpm") || strchr(p, '/');
}

/* Is the variable set by an ENV or ARG hull can see at `at`?  Like
 * hadolint, an ARG anywhere earlier in the file counts. */
static bool
var_known(const struct dockerfile *df, size_t at, const char *name)
{
	const struct df_var_defs *d;

	if (df_env_at(df, at, name))
		return true;
	d = dockerfile_var_defs(df, name);
	return d && d->first_arg < at;
}

/* pkg-${version}: pinned when every variable in it is known. */
static bool
vars_known(const struct dockerfile *df, size_t at, const char *w)
{
	for (const char *p = strchr(w, '$'); p; p = strchr(p + 1, '$')) {
		char name[128];
		size_t n;

		p += p[1] == '{' ? 2 : 1;
		n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
			      "wxyz0123456789_");
		if (!n || n >= sizeof(name))
			return false;
		memcpy(name, p, n);
		name[n] = '\0';
		if (!var_known(df, at, name))
			return false;
	}
	return true;
}

static const char *
rpm_unpinned(const struct dockerfile *df, size_t at, const struct df_instr *run,
	     const char *const *names, const char *const *subs, char *buf,
	     size_t len)
{
	const struct sh_script *s = &run->script;
	const char *hit = NULL;

	for (size_t k = 0; !hit && k < s->n; k++) {
		const struct sh_cmd *c = &s->cmds[k];
		const char *args[DF_MAX_ARGS];
		size_t n, pk;
		bool mod;

		if (!cmd_is_any(c, names))
			continue;
		n = args_of(c, rpm_valued, args);
		if (!rpm_installs(args, n, subs, &pk, &mod))
			continue;
		for (size_t i = pk; !hit && i < n; i++) {
			if (word_has_var(args[i]) &&
			    vars_known(df, at, args[i]))
				continue;
			if (mod ? !strchr(args[i], ':') : !rpm_pinned(args[i]))
				hit = args[i];
		}
	}
	if (hit)
		snprintf(buf, len,
			 "'%s' is installed without a version (name-version)",
			 hit);
	return hit ? buf : NULL;
}

static void
check_rpm_pin(const struct rule *self, const struct dockerfile *df,
	      const char *const *names, const char *const *subs,
	      struct findings *out)
{
	char buf[320];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);
		const char *msg =
		    in ? rpm_unpinned(df, i, in, names, subs, buf, sizeof(buf))
		       : NULL;

		if (msg)
			df_report(self, df, &df->instrs[i], out, "%s", msg);
	}
}

static void
check_yum_pin(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	static const char *const names[] = { "yum", NULL };

	check_rpm_pin(self, df, names, yum_subs, out);
}

static void
check_dnf_pin(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	static const char *const subs[] = { "install", "in", NULL };

	check_rpm_pin(self, df, dnf_names, subs, out);
}

const struct rule df_rule_yum_pin = {
	.id = "DF075",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "yum install without version pins",
	.why = PIN_WHY,
	.remediation = "Pin versions: yum install -y httpd-2.4.6.",
	.bad = "RUN yum install -y httpd && yum clean all",
	.good = "RUN yum install -y httpd-2.4.6 && yum clean all",
	.aliases = (const char *const[]){ "DL3033", NULL },
	.references = (const char *const[]){ HADOLINT("DL3033"), NULL },
	.check.dockerfile = check_yum_pin,
};

const struct rule df_rule_dnf_pin = {
	.id = "DF081",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "dnf install without version pins",
	.why = PIN_WHY,
	.remediation = "Pin versions: dnf install -y httpd-2.4.57.",
	.bad = "RUN dnf install -y httpd && dnf clean all",
	.good = "RUN dnf install -y httpd-2.4.57 && dnf clean all",
	.aliases = (const char *const[]){ "DL3041", NULL },
	.references = (const char *const[]){ HADOLINT("DL3041"), NULL },
	.check.dockerfile = check_dnf_pin,
};

static const char *const zypper_valued[] = {
	"-t", "--type", "-r", "--repo",	  "--from",
	"-R", "--root", "-c", "--config", NULL,
};

static bool
zypper_installs(const struct sh_cmd *c, const char **args, size_t *n)
{
	if (!cmd_is(c, "zypper"))
		return false;
	*n = args_of(c, zypper_valued, args);
	return *n && (!strcmp(args[0], "install") || !strcmp(args[0], "in"));
}

static const char *
zypper_yes(const struct dockerfile *df, size_t at, const struct df_instr *run,
	   size_t k, char *buf, size_t len)
{
	static const char *const modify[] = {
		"install", "in",    "remove", "rm", "source-install",
		"si",	   "patch", "update", "up", "dist-upgrade",
		"dup",	   NULL,
	};
	const struct sh_cmd *c = &run->script.cmds[k];
	const char *args[DF_MAX_ARGS];
	size_t n;

	(void)df, (void)at, (void)buf, (void)len;
	if (!cmd_is(c, "zypper"))
		return NULL;
	n = args_of(c, zypper_valued, args);
	if (!n || !in_strlist(args[0], modify) ||
	    sh_cmd_has_flag(c, "non-interactive", 'n') ||
	    sh_cmd_has_flag(c, "no-confirm", 'y'))
		return NULL;
	return "zypper without -n waits for a confirmation";
}

static void
check_zypper_yes(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	each_cmd(self, df, zypper_yes, out);
}

const struct rule df_rule_zypper_yes = {
	.id = "DF076",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "zypper without --non-interactive",
	.why = "Without -n zypper asks for confirmation and the build "
	       "aborts.",
	.remediation = "Use zypper -n install or zypper install -y.",
	.bad = "RUN zypper install httpd=2.4.58",
	.good = "RUN zypper install -y httpd=2.4.58 && zypper clean",
	.aliases = (const char *const[]){ "DL3034", NULL },
	.references = (const char *const[]){ HADOLINT("DL3034"), NULL },
	.check.dockerfile = check_zypper_yes,
};

static void
check_zypper_clean(const struct rule *self, const struct dockerfile *df,
		   struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);
		bool pending = false;

		if (!in ||
		    df_run_has_mount(in, "cache|tmpfs", "/var/cache/zypp"))
			continue;
		for (size_t k = 0; k < in->script.n; k++) {
			const struct sh_cmd *c = &in->script.cmds[k];
			const char *args[DF_MAX_ARGS];
			size_t n;

			if (zypper_installs(c, args, &n))
				pending = true;
			else if (cmd_is(c, "zypper") &&
				 (!strcmp(cmd_sub(c, NULL), "clean") ||
				  !strcmp(cmd_sub(c, NULL), "cc")))
				pending = false;
		}
		if (pending)
			df_report(self, df, &df->instrs[i], out,
				  "zypper install without a later 'zypper "
				  "clean' in the same RUN");
	}
}

const struct rule df_rule_zypper_clean = {
	.id = "DF077",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "zypper install without zypper clean",
	.why = "zypper's package cache stays in the layer.",
	.remediation = "End the RUN with && zypper clean.",
	.bad = "RUN zypper install -y httpd=2.4.58",
	.good = "RUN zypper install -y httpd=2.4.58 && zypper clean",
	.aliases = (const char *const[]){ "DL3036", "DS-0020", NULL },
	.references = (const char *const[]){ HADOLINT("DL3036"), NULL },
	.check.dockerfile = check_zypper_clean,
};

static bool
zypper_pinned(const char *p)
{
	return strpbrk(p, "=<>") || str_ends_with(p, ".rpm");
}

static const char *
zypper_pin(const struct dockerfile *df, size_t at, const struct df_instr *run,
	   size_t k, char *buf, size_t len)
{
	const char *args[DF_MAX_ARGS], *p;
	size_t n;

	(void)df, (void)at;
	if (!zypper_installs(&run->script.cmds[k], args, &n) ||
	    !(p = first_unpinned(args, 1, n, zypper_pinned)))
		return NULL;
	snprintf(buf, len, "'%s' is installed without a version (pkg=ver)", p);
	return buf;
}

static void
check_zypper_pin(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	each_cmd(self, df, zypper_pin, out);
}

const struct rule df_rule_zypper_pin = {
	.id = "DF078",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "zypper install without version pins",
	.why = PIN_WHY,
	.remediation = "Pin versions: zypper install -y httpd=2.4.58.",
	.bad = "RUN zypper install -y httpd",
	.good = "RUN zypper install -y httpd=2.4.58",
	.aliases = (const char *const[]){ "DL3037", NULL },
	.references = (const char *const[]){ HADOLINT("DL3037"), NULL },
	.check.dockerfile = check_zypper_pin,
};

/* ---- apt CLI, yarn ---- */

static bool
is_apt(const struct sh_cmd *c)
{
	return cmd_is(c, "apt");
}

static void
check_apt_cli(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (in && script_any(&in->script, is_apt))
			df_report(self, df, &df->instrs[i], out,
				  "'apt' is for people; scripts should use "
				  "apt-get or apt-cache");
	}
}

const struct rule df_rule_apt_cli = {
	.id = "DF082",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "apt used instead of apt-get",
	.why = "apt's interface is not stable for scripts and warns so on "
	       "every run.",
	.remediation = "Use apt-get.",
	.bad = "RUN apt install -y curl",
	.good = "RUN apt-get install -y curl",
	.aliases = (const char *const[]){ "DL3027", "CKV_DOCKER_9", NULL },
	.references = (const char *const[]){ HADOLINT("DL3027"), NULL },
	.check.dockerfile = check_apt_cli,
};

static bool
yarn_pending(const struct df_instr *run)
{
	bool pending = false;

	for (size_t k = 0; k < run->script.n; k++) {
		const struct sh_cmd *c = &run->script.cmds[k];
		const char *args[2];
		size_t n;

		if (!cmd_is(c, "yarn"))
			continue;
		n = cmd_args(c, NULL, args, 2);
		if (n >= 1 &&
		    (!strcmp(args[0], "install") || !strcmp(args[0], "add")))
			pending = true;
		else if (n >= 2 && !strcmp(args[0], "cache") &&
			 !strcmp(args[1], "clean"))
			pending = false;
	}
	return pending;
}

static void
check_yarn_cache(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (!in || !yarn_pending(in) ||
		    df_run_has_mount(in, "cache|tmpfs", "/root/.cache/yarn") ||
		    df_run_has_mount(in, "cache|tmpfs",
				     "/usr/local/share/.cache/yarn") ||
		    !run_reaches_image(df, &df->instrs[i]))
			continue;
		df_report(self, df, &df->instrs[i], out,
			  "yarn install without 'yarn cache clean' in the same "
			  "RUN");
	}
}

const struct rule df_rule_yarn_cache = {
	.id = "DF083",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "yarn install without yarn cache clean",
	.why = "yarn's global cache stays in the layer.",
	.remediation = "End the RUN with && yarn cache clean, or use a cache "
		       "mount.",
	.bad = "RUN yarn install --frozen-lockfile",
	.good = "RUN yarn install --frozen-lockfile && yarn cache clean",
	.aliases = (const char *const[]){ "DL3060", NULL },
	.references = (const char *const[]){ HADOLINT("DL3060"), NULL },
	.check.dockerfile = check_yarn_cache,
};
