/*
 * Dockerfile rules about what RUN lines do: privilege, downloads piped
 * to a shell, world-writable files, switched-off verification, shell
 * habits, and build tools left in the image.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "rules/dockerfile-internal.h"

#define HADOLINT(id) "https://github.com/hadolint/hadolint/wiki/" id

/* Longest word the checks copy. */
#define WORD_MAX 1024

/* Report rule `self` once for every RUN (or ONBUILD RUN) where pred
 * holds for some command. */
static void
each_run_any(const struct rule *self, const struct dockerfile *df,
	     bool (*pred)(const struct sh_cmd *c), const char *msg,
	     struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (in && script_any(&in->script, pred))
			df_report(self, df, &df->instrs[i], out, "%s", msg);
	}
}

static bool
is_sudo(const struct sh_cmd *c)
{
	return cmd_is(c, "sudo");
}

static void
check_sudo(const struct rule *self, const struct dockerfile *df,
	   struct findings *out)
{
	each_run_any(self, df, is_sudo,
		     "RUN uses sudo; it hides which steps need root and "
		     "leaves a setuid path to root in the image",
		     out);
}

const struct rule df_rule_sudo = {
	.id = "DF040",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "RUN uses sudo",
	.why = "sudo in an image means sudo is installed and configured, a "
	       "ready path back to root for anyone who gets a shell.  Build "
	       "steps that need root should say so with USER root.",
	.remediation = "Run the step as USER root and switch back to the "
		       "unprivileged user afterwards; do not install sudo.",
	.bad = "USER app\nRUN sudo apt-get install -y curl",
	.good = "USER root\nRUN apt-get install -y curl\nUSER app",
	.aliases = (const char *const[]){ "DL3004", "DS-0010", NULL },
	.references = (const char *const[]){ HADOLINT("DL3004"), NULL },
	.check.dockerfile = check_sudo,
};

static const char *const shells[] = {
	"sh", "bash", "zsh", "ash", "dash", "ksh", "fish", NULL,
};
static const char *const fetchers[] = { "curl", "wget", NULL };

static bool
substituted_fetch(const struct sh_script *s, size_t i)
{
	const struct sh_cmd *c = &s->cmds[i];

	/* sh -c "$(curl ...)" and bash <(curl ...): the fetch is reported
	 * as a command inside a substitution right after the shell. */
	if (!cmd_is_any(c, shells))
		return false;
	for (size_t k = i + 1; k < s->n && s->cmds[k].in_subst; k++)
		if (cmd_is_any(&s->cmds[k], fetchers))
			return true;
	for (size_t k = 1; k < c->n_words; k++)
		if (strstr(c->words[k].raw, "<(curl") ||
		    strstr(c->words[k].raw, "<(wget"))
			return true;
	return false;
}

static bool
script_pipes_to_shell(const struct sh_script *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (substituted_fetch(s, i))
			return true;
		if (!cmd_is_any(&s->cmds[i], fetchers))
			continue;
		/* Follow the pipeline to its end. */
		for (size_t k = i;
		     k + 1 < s->n && s->cmds[k].sep == SH_SEP_PIPE; k++) {
			const struct sh_cmd *n = &s->cmds[k + 1];

			if (cmd_is_any(n, shells) ||
			    (cmd_is(n, "sudo") && n->n_words > 1 &&
			     strstr("sh bash zsh", n->words[1].text)))
				return true;
		}
	}
	return false;
}

static void
check_pipe_shell(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		if (in && script_pipes_to_shell(&in->script))
			df_report(self, df, &df->instrs[i], out,
				  "a downloaded script is run straight from "
				  "the network with no checksum");
	}
}

const struct rule df_rule_pipe_shell = {
	.id = "DF041",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Download piped into a shell",
	.why = "curl ... | sh runs whatever the server sends at build time, "
	       "as root, with no record of what it was.  A compromised or "
	       "hijacked server owns the image.",
	.remediation = "Download to a file, check it against a pinned "
		       "sha256 (sha256sum -c), then run it; or install from a "
		       "signed package.",
	.bad = "RUN curl -fsSL https://example.com/install.sh | sh",
	.good = "RUN curl -fsSLo /tmp/i.sh https://example.com/install.sh && "
		"echo \"<sha256>  /tmp/i.sh\" | sha256sum -c - && sh /tmp/i.sh",
	.references =
	    (const char *const[]){
		"https://docs.docker.com/build/building/best-practices/#run",
		NULL },
	.check.dockerfile = check_pipe_shell,
};

/* Is an octal mode world-writable (others' write bit, sticky excepted)? */
static bool
octal_world_writable(const char *m)
{
	size_t n = strlen(m);
	int others;

	if (n < 3 || n > 4 || strspn(m, "01234567") != n)
		return false;
	others = m[n - 1] - '0';
	if (n == 4 && ((m[0] - '0') & 1))
		return false; /* sticky, as for /tmp */
	return (others & 2) != 0;
}

static bool
symbolic_world_writable(const char *m)
{
	/* o+w, a+w, go+rwx, ugo=rwx ... in comma-separated clauses. */
	const char *p = m;

	while (*p) {
		size_t n = strcspn(p, ",");
		const char *op = p + strcspn(p, "+=");

		if (op < p + n) {
			size_t who = (size_t)(op - p);
			bool all = memchr(p, 'a', who) || memchr(p, 'o', who);

			if (all && memchr(op, 'w', (size_t)(p + n - op)) &&
			    !memchr(p, 't', n))
				return true;
		}
		p += n;
		if (*p)
			p++;
	}
	return false;
}

static bool
is_world_chmod(const struct sh_cmd *c)
{
	const char *args[2];

	if (!cmd_is(c, "chmod") || cmd_args(c, NULL, args, 2) < 2)
		return false;
	return octal_world_writable(args[0]) ||
	       symbolic_world_writable(args[0]);
}

static void
check_world_writable(const struct rule *self, const struct dockerfile *df,
		     struct findings *out)
{
	each_run_any(self, df, is_world_chmod,
		     "chmod makes files writable by every user", out);
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		const struct df_flag *m;

		if (in->kind != DF_COPY && in->kind != DF_ADD)
			continue;
		m = df_instr_flag(in, "chmod");
		if (m && m->value &&
		    (octal_world_writable(m->value) ||
		     symbolic_world_writable(m->value)))
			df_report(self, df, in, out,
				  "--chmod=%s makes the files writable by "
				  "every user",
				  m->value);
	}
}

const struct rule df_rule_world_writable = {
	.id = "DF042",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "World-writable permissions",
	.why = "chmod 777 (or o+w, 666) lets any process in the container, "
	       "whatever its user, rewrite the files: an attacker who gets a "
	       "foothold can replace the application's own code.",
	.remediation = "Give ownership to the user that needs to write "
		       "(chown or COPY --chown) and use 755/644, or 1777 for a "
		       "shared scratch directory.",
	.bad = "RUN chmod -R 777 /app",
	.good = "COPY --chown=app:app . /app\nRUN chmod -R a-w /app/dist",
	.references =
	    (const char *const[]){
		"https://docs.docker.com/build/building/best-practices/",
		NULL },
	.check.dockerfile = check_world_writable,
};

/* ---- verification switched off ---- */

static bool
in_falsy(const char *v)
{
	static const char *const falsy[] = { "false", "0", "no", "off", NULL };

	for (const char *const *f = falsy; *f; f++)
		if (!strcasecmp(v, *f))
			return true;
	return false;
}

static const char *
apt_tls_off(const struct sh_cmd *c)
{
	static const char *const apts[] = { "apt-get", "apt", "aptitude",
					    NULL };

	if (!cmd_is_any(c, apts))
		return NULL;
	if (sh_cmd_has_flag(c, "allow-unauthenticated", 0) ||
	    sh_cmd_has_flag(c, "allow-insecure-repositories", 0))
		return "apt is told to accept unauthenticated packages";
	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (str_icase_find(w, "Verify-Peer=false") ||
		    str_icase_find(w, "Verify-Host=false") ||
		    str_icase_find(w, "AllowUnauthenticated=true") ||
		    str_icase_find(w, "AllowInsecureRepositories=true"))
			return "apt certificate or signature checks are off";
	}
	return NULL;
}

static const char *
config_tls_off(const struct sh_cmd *c)
{
	static const char *const node_tools[] = { "npm", "yarn", "pnpm", NULL };

	if (cmd_is_any(c, node_tools) && cmd_word_contains(c, "strict-ssl")) {
		for (size_t i = 1; i + 1 < c->n_words; i++)
			if (strstr(c->words[i].text, "strict-ssl") &&
			    (!strcasecmp(c->words[i + 1].text, "false") ||
			     str_iends_with(c->words[i].text, "=false")))
				return "npm strict-ssl is off";
		if (cmd_word_contains(c, "strict-ssl=false"))
			return "npm strict-ssl is off";
	}
	if (cmd_is(c, "git")) {
		for (size_t i = 1; i < c->n_words; i++) {
			const char *w = c->words[i].text;

			if (str_icase_find(w, "http.sslVerify=false") ||
			    (!strcasecmp(w, "http.sslVerify") &&
			     i + 1 < c->n_words &&
			     !strcasecmp(c->words[i + 1].text, "false")))
				return "git TLS verification is off";
		}
	}
	return NULL;
}

static const char *
tool_tls_off(const struct sh_cmd *c)
{
	static const char *const pips[] = { "pip", "pip3", "pip2", NULL };
	static const char *const rpms[] = { "yum", "dnf", "microdnf", NULL };

	if (cmd_is(c, "curl") && sh_cmd_has_flag(c, "insecure", 'k'))
		return "curl -k skips certificate verification";
	if (cmd_is(c, "wget") && sh_cmd_has_flag(c, "no-check-certificate", 0))
		return "wget --no-check-certificate skips certificate "
		       "verification";
	if ((cmd_is_any(c, pips) || cmd_word_contains(c, "pip")) &&
	    sh_cmd_has_flag(c, "trusted-host", 0))
		return "pip --trusted-host accepts that host without TLS "
		       "checks";
	if (cmd_is(c, "apk") && sh_cmd_has_flag(c, "allow-untrusted", 0))
		return "apk --allow-untrusted installs unsigned packages";
	if (cmd_is_any(c, rpms) && sh_cmd_has_flag(c, "nogpgcheck", 0))
		return "--nogpgcheck installs unsigned packages";
	if (cmd_is(c, "zypper") && sh_cmd_has_flag(c, "no-gpg-checks", 0))
		return "zypper --no-gpg-checks installs unsigned packages";
	return NULL;
}

static const char *
env_tls_off(const char *key, const char *value)
{
	if (!value)
		return NULL;
	if (!strcmp(key, "NODE_TLS_REJECT_UNAUTHORIZED") && !strcmp(value, "0"))
		return "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS checks in "
		       "Node.js";
	if (!strcmp(key, "GIT_SSL_NO_VERIFY") && *value && !in_falsy(value))
		return "GIT_SSL_NO_VERIFY turns off git TLS checks";
	if (!strcmp(key, "PYTHONHTTPSVERIFY") && !strcmp(value, "0"))
		return "PYTHONHTTPSVERIFY=0 turns off TLS checks in Python";
	if (!strcasecmp(key, "NPM_CONFIG_STRICT_SSL") &&
	    !strcasecmp(value, "false"))
		return "npm strict-ssl is off";
	if (!strcmp(key, "PIP_TRUSTED_HOST") && *value)
		return "PIP_TRUSTED_HOST accepts hosts without TLS checks";
	return NULL;
}

static const char *
assign_tls_off(const struct sh_cmd *c)
{
	for (size_t i = 0; i < c->n_assigns; i++) {
		const char *w = c->assigns[i].text;
		const char *eq = strchr(w, '=');
		char key[64];
		const char *why;
		size_t n;

		if (!eq || (n = (size_t)(eq - w)) >= sizeof(key))
			continue;
		memcpy(key, w, n);
		key[n] = '\0';
		if ((why = env_tls_off(key, eq + 1)))
			return why;
	}
	return NULL;
}

static const char *
cmd_tls_off(const struct sh_cmd *c)
{
	const char *why;

	if ((why = tool_tls_off(c)) || (why = apt_tls_off(c)) ||
	    (why = config_tls_off(c)) || (why = assign_tls_off(c)))
		return why;
	return NULL;
}

static void
check_tls_off(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		const struct df_instr *run = df_as_run(in);
		const char *why = NULL;

		if (in->kind == DF_ONBUILD && in->onbuild)
			in = in->onbuild;
		for (size_t k = 0; run && !why && k < run->script.n; k++)
			why = cmd_tls_off(&run->script.cmds[k]);
		if (in->kind == DF_ENV || in->kind == DF_ARG)
			for (size_t k = 0; !why && k < in->n_kvs; k++)
				why = env_tls_off(in->kvs[k].key,
						  in->kvs[k].value);
		if (why)
			df_report(self, df, &df->instrs[i], out, "%s", why);
	}
}

const struct rule df_rule_tls_off = {
	.id = "DF043",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "TLS or signature verification switched off",
	.why = "curl -k, wget --no-check-certificate, pip --trusted-host, npm "
	       "strict-ssl false, NODE_TLS_REJECT_UNAUTHORIZED=0, apk "
	       "--allow-untrusted and friends accept whatever a "
	       "man-in-the-middle sends, and often stay on in the running "
	       "container too.",
	.remediation = "Fix the certificate problem instead: install the CA "
		       "(ca-certificates, or COPY the corporate CA and run "
		       "update-ca-certificates) and keep verification on.",
	.bad = "RUN curl -k https://example.com/tool -o /usr/local/bin/tool",
	.good = "RUN apk add --no-cache ca-certificates && curl -fsSL "
		"https://example.com/tool -o /usr/local/bin/tool",
	.references =
	    (const char *const[]){ "https://curl.se/docs/sslcerts.html", NULL },
	.check.dockerfile = check_tls_off,
};

/* ---- shell habits ---- */

static bool
is_cd(const struct sh_cmd *c)
{
	return cmd_is(c, "cd") && !c->in_subst && !c->depth;
}

static void
check_cd(const struct rule *self, const struct dockerfile *df,
	 struct findings *out)
{
	each_run_any(self, df, is_cd,
		     "use WORKDIR to change directory instead of cd", out);
}

const struct rule df_rule_cd = {
	.id = "DF044",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "cd in RUN instead of WORKDIR",
	.why = "A cd lasts for one RUN; the next line starts elsewhere, "
	       "which is easy to misread.",
	.remediation = "Use WORKDIR /path.",
	.bad = "RUN cd /app && make",
	.good = "WORKDIR /app\nRUN make",
	.aliases = (const char *const[]){ "DL3003", "DS-0013", NULL },
	.references = (const char *const[]){ HADOLINT("DL3003"), NULL },
	.check.dockerfile = check_cd,
};

enum shell_kind {
	SHELL_SH,	/* /bin/sh: no pipefail to rely on */
	SHELL_PIPEFAIL, /* bash/zsh/ash/ksh with -o pipefail */
	SHELL_POSIX_NO, /* bash-like without pipefail */
	SHELL_OTHER,	/* powershell, cmd: pipes mean something else */
};

static enum shell_kind
shell_of(const struct df_instr *sh)
{
	static const char *const capable[] = { "bash", "zsh",  "ash",
					       "ksh",  "mksh", NULL };
	const char *name;
	bool pipefail = false;

	if (!sh || !sh->argc)
		return SHELL_SH;
	name = df_basename(sh->argv[0]);
	for (size_t i = 1; i + 1 < sh->argc; i++)
		if (!strcmp(sh->argv[i + 1], "pipefail") &&
		    (!strcmp(sh->argv[i], "-o") ||
		     (sh->argv[i][0] == '-' && strchr(sh->argv[i], 'o'))))
			pipefail = true;
	for (const char *const *c = capable; *c; c++)
		if (!strcmp(name, *c))
			return pipefail ? SHELL_PIPEFAIL : SHELL_POSIX_NO;
	if (!strcmp(name, "sh") || !strcmp(name, "dash"))
		return SHELL_SH;
	return SHELL_OTHER;
}

static bool
script_sets_pipefail(const struct sh_script *s, size_t before)
{
	for (size_t i = 0; i < before && i < s->n; i++) {
		const struct sh_cmd *c = &s->cmds[i];

		if (cmd_is(c, "set") && cmd_word_contains(c, "pipefail"))
			return true;
	}
	return false;
}

static bool
script_has_pipe(const struct sh_script *s, size_t *at)
{
	for (size_t c = 0; c < s->n; c++)
		if (s->cmds[c].sep == SH_SEP_PIPE) {
			*at = c;
			return true;
		}
	return false;
}

static void
report_pipefail(const struct rule *self, const struct dockerfile *df,
		const struct df_instr *in, enum shell_kind k,
		struct findings *out)
{
	size_t c;

	if (k == SHELL_PIPEFAIL || k == SHELL_OTHER ||
	    !script_has_pipe(&in->script, &c) ||
	    script_sets_pipefail(&in->script, c))
		return;
	df_report(self, df, in, out,
		  k == SHELL_SH ? "a pipeline in /bin/sh hides failures of "
				  "all but its last command"
				: "a pipeline without 'set -o pipefail' hides "
				  "failures of all but its last command");
}

static void
check_pipefail(const struct rule *self, const struct dockerfile *df,
	       struct findings *out)
{
	/* The SHELL in force, per stage, carried into stages built FROM
	 * it; one forward pass keeps this linear. */
	const struct df_instr **last = NULL;
	const struct df_instr *cur = NULL;

	if (df->n_stages)
		last = xcalloc(df->n_stages, sizeof(*last));
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];
		int s = in->stage;

		if (in->kind == DF_FROM && s >= 0 && last) {
			int b = df->stages[s].base_stage;

			cur = b >= 0 && b < s ? last[b] : NULL;
		} else if (in->kind == DF_SHELL) {
			cur = in;
		} else if (in->kind == DF_RUN && in->form == DF_FORM_SHELL) {
			report_pipefail(self, df, in, shell_of(cur), out);
		}
		if (s >= 0 && last)
			last[s] = cur;
	}
	free(last);
}

const struct rule df_rule_pipefail = {
	.id = "DF045",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Pipeline in RUN without pipefail",
	.why = "A RUN succeeds when the last command of a pipe succeeds: "
	       "curl failing in curl | tar leaves a half-built image that "
	       "the build reports as fine.",
	.remediation = "Start the stage with SHELL [\"/bin/bash\", \"-o\", "
		       "\"pipefail\", \"-c\"] (or set -o pipefail in the RUN).",
	.bad = "RUN wget -O - https://example.com/x.tgz | tar xz",
	.good = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget "
		"-O - https://example.com/x.tgz | tar xz",
	.aliases = (const char *const[]){ "DL4006", NULL },
	.references = (const char *const[]){ HADOLINT("DL4006"), NULL },
	.check.dockerfile = check_pipefail,
};

static bool
is_wget(const struct sh_cmd *c)
{
	return cmd_is(c, "wget");
}

static bool
is_curl(const struct sh_cmd *c)
{
	return cmd_is(c, "curl");
}

static void
check_wget_curl(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	for (size_t s = 0; s < df->n_stages; s++) {
		const struct df_stage *st = &df->stages[s];
		bool seen_w = false, seen_c = false;

		for (size_t i = st->first; i <= st->last && i < df->n; i++) {
			const struct df_instr *in = df_as_run(&df->instrs[i]);
			bool w, c;

			if (!in)
				continue;
			w = script_any(&in->script, is_wget);
			c = script_any(&in->script, is_curl);
			if ((w && (seen_c || c)) || (c && seen_w))
				df_report(self, df, &df->instrs[i], out,
					  "this stage uses both wget and curl");
			seen_w |= w;
			seen_c |= c;
		}
	}
}

const struct rule df_rule_wget_curl = {
	.id = "DF046",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Both wget and curl in one stage",
	.why = "Two download tools double what must be installed and kept "
	       "patched.",
	.remediation = "Pick one of them.",
	.bad = "RUN wget -q https://a/x\nRUN curl -fsSO https://b/y",
	.good = "RUN curl -fsSO https://a/x\nRUN curl -fsSO https://b/y",
	.aliases = (const char *const[]){ "DL4001", "DS-0014", NULL },
	.references = (const char *const[]){ HADOLINT("DL4001"), NULL },
	.check.dockerfile = check_wget_curl,
};

static bool
is_chatty_wget(const struct sh_cmd *c)
{
	if (!cmd_is(c, "wget"))
		return false;
	return !(sh_cmd_has_flag(c, "progress", 0) ||
		 sh_cmd_has_flag(c, "quiet", 'q') ||
		 sh_cmd_has_flag(c, "no-verbose", 0) ||
		 sh_cmd_has_arg(c, "-nv") ||
		 sh_cmd_has_flag(c, "output-file", 'o') ||
		 sh_cmd_has_flag(c, "append-output", 'a'));
}

static void
check_wget_progress(const struct rule *self, const struct dockerfile *df,
		    struct findings *out)
{
	each_run_any(self, df, is_chatty_wget,
		     "wget without --progress fills the build log", out);
}

const struct rule df_rule_wget_progress = {
	.id = "DF047",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "wget without --progress or -q",
	.why = "wget's default progress bar writes thousands of lines into "
	       "build logs.",
	.remediation = "Add --progress=dot:giga, -q or -nv.",
	.bad = "RUN wget https://example.com/x.tgz",
	.good = "RUN wget -q https://example.com/x.tgz",
	.aliases = (const char *const[]){ "DL3047", NULL },
	.references = (const char *const[]){ HADOLINT("DL3047"), NULL },
	.check.dockerfile = check_wget_progress,
};

static bool
same_flags(const struct df_instr *a, const struct df_instr *b)
{
	if (a->n_flags != b->n_flags)
		return false;
	for (size_t i = 0; i < a->n_flags; i++) {
		const char *va = a->flags[i].value, *vb = b->flags[i].value;

		if (strcmp(a->flags[i].name, b->flags[i].name) ||
		    (va ? !vb || strcmp(va, vb) : vb != NULL))
			return false;
	}
	return true;
}

static void
check_consecutive_run(const struct rule *self, const struct dockerfile *df,
		      struct findings *out)
{
	for (size_t i = 1; i < df->n; i++) {
		const struct df_instr *a = &df->instrs[i - 1];
		const struct df_instr *b = &df->instrs[i];

		if (a->kind != DF_RUN || b->kind != DF_RUN ||
		    a->form != DF_FORM_SHELL || b->form != DF_FORM_SHELL ||
		    a->script.n != 1 || b->script.n != 1 || !same_flags(a, b))
			continue;
		df_report(self, df, b, out,
			  "consecutive RUN instructions could be one layer");
	}
}

const struct rule df_rule_consecutive_run = {
	.id = "DF048",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Consecutive RUN instructions",
	.why = "Each RUN is a layer; files removed in a later layer still "
	       "ship in the earlier one.",
	.remediation = "Join related commands with && in one RUN.",
	.bad = "RUN apt-get update\nRUN apt-get install -y curl",
	.good = "RUN apt-get update && apt-get install -y curl",
	.aliases = (const char *const[]){ "DL3059", NULL },
	.references = (const char *const[]){ HADOLINT("DL3059"), NULL },
	.check.dockerfile = check_consecutive_run,
};

static bool
is_useradd_big_uid(const struct sh_cmd *c)
{
	const char *uid;

	if (!cmd_is(c, "useradd"))
		return false;
	uid = sh_cmd_flag_value(c, "uid", 'u');
	return uid && strlen(uid) > 5 && !word_has_var(uid) &&
	       !sh_cmd_has_flag(c, "no-log-init", 'l');
}

static void
check_useradd_uid(const struct rule *self, const struct dockerfile *df,
		  struct findings *out)
{
	each_run_any(self, df, is_useradd_big_uid,
		     "useradd with a large UID and no -l writes a huge "
		     "sparse lastlog file into the layer",
		     out);
}

const struct rule df_rule_useradd_uid = {
	.id = "DF049",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "useradd with a large UID without -l",
	.why = "useradd records the user in /var/log/lastlog at an offset of "
	       "the UID; a large UID makes a file of gigabytes.",
	.remediation = "Add -l (--no-log-init).",
	.bad = "RUN useradd -u 1000000 app",
	.good = "RUN useradd -l -u 1000000 app",
	.aliases = (const char *const[]){ "DL3046", NULL },
	.references = (const char *const[]){ HADOLINT("DL3046"), NULL },
	.check.dockerfile = check_useradd_uid,
};

static bool
is_pointless(const struct sh_cmd *c)
{
	static const char *const names[] = {
		"ssh", "vim",  "shutdown", "service",  "ps", "free",
		"top", "kill", "mount",	   "ifconfig", NULL,
	};

	return cmd_is_any(c, names);
}

static void
check_pointless_cmd(const struct rule *self, const struct dockerfile *df,
		    struct findings *out)
{
	each_run_any(self, df, is_pointless,
		     "this command has no lasting effect in a build", out);
}

const struct rule df_rule_pointless_cmd = {
	.id = "DF050",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Interactive or system command in RUN",
	.why = "ssh, vim, service, shutdown, ps, top, kill, mount and "
	       "ifconfig do nothing useful while building a layer.",
	.remediation = "Remove the command.",
	.bad = "RUN service nginx start",
	.good = "CMD [\"nginx\", \"-g\", \"daemon off;\"]",
	.aliases = (const char *const[]){ "DL3001", NULL },
	.references = (const char *const[]){ HADOLINT("DL3001"), NULL },
	.check.dockerfile = check_pointless_cmd,
};

/* ---- build tools and devDependencies in the final image ---- */

static const char *const build_pkgs[] = {
	"gcc",	      "g++",	 "make",    "build-essential",
	"build-base", "clang",	 "cmake",   "autoconf",
	"automake",   "libtool", "gcc-c++", "musl-dev",
	"golang",     "rustc",	 "cargo",   NULL,
};

static bool
is_build_pkg(const char *p)
{
	char name[WORD_MAX];
	size_t n = strcspn(p, "=<>~");

	if (n >= sizeof(name))
		return false;
	memcpy(name, p, n);
	name[n] = '\0';
	for (const char *const *b = build_pkgs; *b; b++)
		if (!strcmp(name, *b))
			return true;
	return str_ends_with(name, "-dev") || str_ends_with(name, "-devel");
}

/* The first build tool a package-install command adds, or NULL. */
static const char *
installs_build_tool(const struct sh_cmd *c)
{
	static const char *const pms[] = { "apt-get", "apt",	  "apk", "yum",
					   "dnf",     "microdnf", NULL };
	static const char *const valued[] = {
		"-t", "--virtual", "-o", "--repository", "-X", NULL
	};
	const char *args[DF_MAX_ARGS];
	size_t n;

	if (!cmd_is_any(c, pms))
		return NULL;
	n = cmd_args(c, valued, args, DF_MAX_ARGS);
	if (n > DF_MAX_ARGS)
		n = DF_MAX_ARGS;
	if (!n || (strcmp(args[0], "install") && strcmp(args[0], "add")))
		return NULL;
	for (size_t i = 1; i < n; i++)
		if (is_build_pkg(args[i]))
			return args[i];
	return NULL;
}

static bool
removes_packages(const struct sh_cmd *c)
{
	const char *sub = cmd_sub(c, NULL);

	return (cmd_is(c, "apk") && !strcmp(sub, "del")) ||
	       ((cmd_is(c, "apt-get") || cmd_is(c, "apt")) &&
		(!strcmp(sub, "purge") || !strcmp(sub, "remove") ||
		 !strcmp(sub, "autoremove"))) ||
	       ((cmd_is(c, "yum") || cmd_is(c, "dnf")) &&
		(!strcmp(sub, "remove") || !strcmp(sub, "erase") ||
		 !strcmp(sub, "autoremove")));
}

static bool
stage_runs_app(const struct dockerfile *df, const struct df_stage *st)
{
	for (size_t i = st->first; i <= st->last && i < df->n; i++)
		if (df->instrs[i].kind == DF_CMD ||
		    df->instrs[i].kind == DF_ENTRYPOINT)
			return true;
	return false;
}

static void
check_build_tools(const struct rule *self, const struct dockerfile *df,
		  struct findings *out)
{
	const struct df_stage *st;

	if (df->n_stages != 1)
		return;
	st = &df->stages[0];
	if (!stage_runs_app(df, st))
		return;
	for (size_t i = st->first; i <= st->last && i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);
		const char *tool = NULL;

		if (!in || script_any(&in->script, removes_packages))
			continue;
		for (size_t k = 0; !tool && k < in->script.n; k++)
			tool = installs_build_tool(&in->script.cmds[k]);
		if (tool)
			df_report(self, df, &df->instrs[i], out,
				  "'%s' is installed into the same image that "
				  "runs the application",
				  tool);
	}
}

const struct rule df_rule_build_tools = {
	.id = "DF051",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "Build tools in a single-stage image that runs the app",
	.why = "Compilers, make and -dev headers are only needed to build.  "
	       "Left in the running image they widen the attack surface and "
	       "hand an intruder a toolchain.",
	.remediation = "Use a multi-stage build: compile in a builder stage "
		       "and COPY --from=builder only the artifacts into a "
		       "slim final stage.",
	.bad = "FROM python:3.12\nRUN apt-get install -y gcc libpq-dev && "
	       "pip install -r requirements.txt\nCMD [\"python\", "
	       "\"app.py\"]",
	.good = "FROM python:3.12 AS build\nRUN apt-get install -y gcc "
		"libpq-dev && pip wheel -w /wheels -r requirements.txt\n"
		"FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n"
		"RUN pip install --no-cache-dir /wheels/*",
	.references =
	    (const char *const[]){
		"https://docs.docker.com/build/building/multi-stage/", NULL },
	.check.dockerfile = check_build_tools,
};

static bool
npm_installs_dev(const struct sh_cmd *c)
{
	const char *args[4];
	size_t n;

	if (!cmd_is(c, "npm"))
		return false;
	n = cmd_args(c, NULL, args, 4);
	if (!n || (strcmp(args[0], "install") && strcmp(args[0], "i") &&
		   strcmp(args[0], "ci")))
		return false;
	if (n > 1 || sh_cmd_has_flag(c, "global", 'g'))
		return false; /* named packages, not the project's deps */
	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (str_starts_with(w, "--omit=dev") ||
		    str_starts_with(w, "--only=prod") ||
		    str_starts_with(w, "--production") || !strcmp(w, "--omit"))
			return false;
	}
	return true;
}

static bool
is_prune(const struct sh_cmd *c)
{
	return cmd_is(c, "npm") && !strcmp(cmd_sub(c, NULL), "prune");
}

static void
check_npm_dev(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	int fs = df_final_stage_index(df);
	const struct df_stage *st;

	if (fs < 0)
		return;
	st = &df->stages[fs];
	for (size_t i = st->first; i <= st->last && i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);
		const char *env;

		if (!in || !script_any(&in->script, npm_installs_dev) ||
		    script_any(&in->script, is_prune))
			continue;
		env = df_env_at(df, i, "NODE_ENV");
		if (env && !strcmp(env, "production"))
			continue;
		df_report(self, df, &df->instrs[i], out,
			  "npm installs devDependencies into the final "
			  "image");
	}
}

const struct rule df_rule_npm_dev = {
	.id = "DF052",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "npm installs devDependencies in the final image",
	.why = "npm install and npm ci without --omit=dev bring test "
	       "runners, bundlers and their dependencies into production, "
	       "with their vulnerabilities; npm install may also change the "
	       "lock file's versions.",
	.remediation = "Use npm ci --omit=dev in the final stage (build in an "
		       "earlier stage if the build needs devDependencies).",
	.bad = "FROM node:22-alpine\nCOPY . .\nRUN npm install\nCMD [\"node\", "
	       "\"server.js\"]",
	.good = "FROM node:22-alpine\nCOPY package*.json ./\nRUN npm ci "
		"--omit=dev\nCOPY . .\nCMD [\"node\", \"server.js\"]",
	.references =
	    (const char *const[]){ "https://docs.npmjs.com/cli/commands/npm-ci",
				   NULL },
	.check.dockerfile = check_npm_dev,
};

/* ---- COPY an archive, then unpack it ---- */

static bool
is_tarball(const char *p)
{
	static const char *const sfx[] = { ".tar",     ".tar.gz", ".tgz",
					   ".tar.bz2", ".tbz2",	  ".tar.xz",
					   ".txz",     NULL };

	for (const char *const *s = sfx; *s; s++)
		if (str_iends_with(p, *s))
			return true;
	return false;
}

static bool
tar_extracts(const struct sh_cmd *c, const char *base)
{
	bool x = false, names = false;

	if (!cmd_is(c, "tar"))
		return false;
	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if ((w[0] == '-' && w[1] != '-' && strchr(w, 'x')) ||
		    !strcmp(w, "--extract") ||
		    (i == 1 && strchr(w, 'x') && w[0] != '-' && strlen(w) < 6))
			x = true;
		if (!strcmp(df_basename(w), base))
			names = true;
	}
	return x && names;
}

static bool
later_extracts(const struct dockerfile *df, size_t from, const char *base)
{
	int stage = df->instrs[from].stage;

	for (size_t i = from + 1; i < df->n && df->instrs[i].stage == stage;
	     i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);

		for (size_t k = 0; in && k < in->script.n; k++)
			if (tar_extracts(&in->script.cmds[k], base))
				return true;
	}
	return false;
}

static void
check_copy_extract(const struct rule *self, const struct dockerfile *df,
		   struct findings *out)
{
	char src[WORD_MAX], dst[WORD_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		size_t words;

		if (in->kind != DF_COPY || in->n_heredocs ||
		    df_instr_flag(in, "from") ||
		    (words = df_copy_word(in, 0, src, sizeof(src))) < 2)
			continue;
		df_copy_word(in, words - 1, dst, sizeof(dst));
		if (!is_tarball(src))
			continue;
		if (later_extracts(df, i, df_basename(src)) ||
		    (is_tarball(dst) &&
		     later_extracts(df, i, df_basename(dst))))
			df_report(self, df, in, out,
				  "'%s' is copied and then unpacked; the "
				  "archive stays in this layer",
				  src);
	}
}

const struct rule df_rule_copy_extract = {
	.id = "DF053",
	.severity = SEV_INFO,
	.target = RULE_DOCKERFILE,
	.title = "Archive copied, then unpacked in a later RUN",
	.why = "The copied archive stays in its own layer even after it is "
	       "unpacked and deleted, doubling the image's size.",
	.remediation =
	    "ADD a local archive (it is unpacked in one layer), or "
	    "unpack from a bind mount: RUN --mount=type=bind,"
	    "source=app.tar,target=/tmp/app.tar tar -xf /tmp/app.tar.",
	.bad = "COPY app.tar /tmp/\nRUN tar -xf /tmp/app.tar -C /opt",
	.good = "ADD app.tar /opt/",
	.aliases = (const char *const[]){ "DL3010", NULL },
	.references = (const char *const[]){ HADOLINT("DL3010"), NULL },
	.check.dockerfile = check_copy_extract,
};
