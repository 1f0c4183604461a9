/*
 * Dockerfile rules about secrets: credentials written into ENV, ARG,
 * LABEL and RUN lines, secret-bearing files copied into the image, a
 * build context that sends them along, and ADD fetching what COPY or a
 * verified download should.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/dockerfile-internal.h"
#include "rules/secretish.h"

#define HADOLINT(id) "https://github.com/hadolint/hadolint/wiki/" id
#define SECRETS_REF "https://docs.docker.com/build/building/secrets/"

/* Longest path or word the checks copy. */
#define WORD_MAX 1024

/* Shared by every secret rule: the article's four alternatives. */
#define SECRET_FIX                                                             \
	"Pass secrets at run time instead: docker run -e / compose "           \
	"environment: with ${VAR}, an env_file that stays out of the image, "  \
	"Docker secrets read through a *_FILE variable "                       \
	"(DB_PASSWORD_FILE=/run/secrets/db_password), and for the build "      \
	"itself a BuildKit secret mount: RUN --mount=type=secret,id=npmrc,"    \
	"target=/root/.npmrc npm ci.  Rotate any secret that was committed."

static void
set_evidence(struct finding *f, const char *text, size_t at, size_t len)
{
	char *r = redact_secret(text + at, len);

	finding_set_evidence(f, r);
	free(r);
}

/* ---- ENV, ARG and LABEL ---- */

static bool
kv_reportable(const struct df_instr *in)
{
	return in->kind == DF_ENV || in->kind == DF_ARG || in->kind == DF_LABEL;
}

/* Report one pair whose value is a credential; true when reported. */
static bool
kv_secret_value(const struct rule *self, const struct dockerfile *df,
		const struct df_instr *at, const struct df_instr *in,
		const struct df_kv *kv, struct findings *out)
{
	const char *v = kv->value;
	const char *what;
	size_t off, len;
	struct finding *f;

	if (!v || !*v)
		return false;
	what = secretish_find_format(v, &off, &len);
	if (what) {
		f = df_report(self, df, at, out, "%s %s holds a %s",
			      df_kind_name(in->kind), kv->key, what);
		f->severity = SEV_CRITICAL;
		set_evidence(f, v, off, len);
		return true;
	}
	if (secretish_find_url_password(v, &off, &len)) {
		f = df_report(self, df, at, out,
			      "%s %s holds a URL with a password",
			      df_kind_name(in->kind), kv->key);
		set_evidence(f, v, off, len);
		return true;
	}
	if (in->kind == DF_LABEL || !secretish_name(kv->key) ||
	    !secretish_value_literal(v))
		return false;
	f = df_report(self, df, at, out,
		      "%s %s sets a credential in the image; anyone with the "
		      "image reads it with docker history or inspect",
		      df_kind_name(in->kind), kv->key);
	set_evidence(f, v, 0, strlen(v));
	return true;
}

static void
check_secret_value(const struct rule *self, const struct dockerfile *df,
		   struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind == DF_ONBUILD && in->onbuild)
			in = in->onbuild;
		if (!kv_reportable(in))
			continue;
		for (size_t k = 0; k < in->n_kvs; k++)
			kv_secret_value(self, df, &df->instrs[i], in,
					&in->kvs[k], out);
	}
}

const struct rule df_rule_secret_value = {
	.id = "DF032",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "Credential written into ENV, ARG or LABEL",
	.why = "ENV, ARG defaults and LABELs are stored in the image config "
	       "and history for good: docker history and docker inspect show "
	       "them to anyone who can pull the image, and deleting the line "
	       "later does not remove them from images already pushed.",
	.remediation = SECRET_FIX,
	.bad = "ENV DATABASE_PASSWORD=mysecretpassword",
	.good = "# docker run -e DATABASE_PASSWORD_FILE=/run/secrets/db ...\n"
		"ENV DATABASE_PASSWORD_FILE=/run/secrets/db_password",
	.aliases = (const char *const[]){ "DL3064", "DS-0031", "CIS-4.10",
					  "CIS-DI-0010", NULL },
	.references =
	    (const char *const[]){ SECRETS_REF, HADOLINT("DL3064"), NULL },
	.check.dockerfile = check_secret_value,
};

static void
check_secret_name(const struct rule *self, const struct dockerfile *df,
		  struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind == DF_ONBUILD && in->onbuild)
			in = in->onbuild;
		if (in->kind != DF_ARG)
			continue;
		for (size_t k = 0; k < in->n_kvs; k++) {
			const struct df_kv *kv = &in->kvs[k];

			if (!secretish_name(kv->key) ||
			    secretish_value_literal(kv->value))
				continue;
			df_report(self, df, &df->instrs[i], out,
				  "build argument %s looks like a credential; "
				  "values given with --build-arg are kept in "
				  "the image history",
				  kv->key);
		}
	}
}

const struct rule df_rule_secret_name = {
	.id = "DF033",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Build argument named like a credential",
	.why = "A value passed with --build-arg ends up in the image history "
	       "of every RUN that follows the ARG, in clear text.",
	.remediation = "Use a BuildKit secret mount for build-time secrets: "
		       "RUN --mount=type=secret,id=token ... and docker build "
		       "--secret id=token,env=TOKEN.  " SECRET_FIX,
	.bad = "ARG NPM_TOKEN\nRUN npm ci",
	.good = "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
	.aliases =
	    (const char *const[]){ "DL3064", "DS-0031", "CIS-4.10", NULL },
	.references =
	    (const char *const[]){ SECRETS_REF, HADOLINT("DL3064"), NULL },
	.check.dockerfile = check_secret_name,
};

/* ---- secret-bearing files ---- */

static const char *const secret_basenames[] = {
	".env",	     "id_rsa",		 "id_dsa",
	"id_ecdsa",  "id_ed25519",	 ".npmrc",
	".pypirc",   ".netrc",		 ".git-credentials",
	".htpasswd", "credentials.json", ".dockercfg",
	".pgpass",   ".s3cfg",		 ".vault-token",
	NULL,
};

static const char *const secret_suffixes[] = {
	".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".kdbx", NULL,
};

/* Directory names whose contents are credentials. */
static const char *const secret_dirs[] = {
	".ssh", ".aws", ".git", ".gnupg", ".kube", NULL,
};

static const char *const env_exempt_suffixes[] = {
	".example", ".sample", ".template", ".dist", ".defaults", NULL,
};

static bool
ends_with_any(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (str_iends_with(s, *list))
			return true;
	return false;
}

/* Why a path names a secret-bearing file, or NULL. */
static const char *
secret_path_reason(const char *path)
{
	const char *base = df_basename(path);
	char comp[WORD_MAX];
	const char *p = path;

	for (const char *const *b = secret_basenames; *b; b++)
		if (!strcmp(base, *b))
			return *b;
	if (str_starts_with(base, ".env.") &&
	    !ends_with_any(base, env_exempt_suffixes))
		return ".env file";
	if (ends_with_any(base, secret_suffixes))
		return "key or certificate file";
	if (str_ends_with(path, ".docker/config.json"))
		return "Docker registry credentials";
	while (*p) {
		size_t n = strcspn(p, "/\\");

		if (n && n < sizeof(comp)) {
			memcpy(comp, p, n);
			comp[n] = '\0';
			for (const char *const *d = secret_dirs; *d; d++)
				if (!strcmp(comp, *d))
					return *d;
		}
		p += n;
		if (*p)
			p++;
	}
	return NULL;
}

static bool
is_copy_like(const struct df_instr *in)
{
	return (in->kind == DF_COPY || in->kind == DF_ADD) && !in->n_heredocs;
}

static void
check_secret_copy(const struct rule *self, const struct dockerfile *df,
		  struct findings *out)
{
	char src[WORD_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind == DF_ONBUILD && in->onbuild)
			in = in->onbuild;
		if (!is_copy_like(in))
			continue;
		for (size_t k = 0; k + 1 < in->argc; k++) {
			const char *why;

			df_unquote(in->argv[k], src, sizeof(src));
			why = secret_path_reason(src);
			if (!why)
				continue;
			df_report(self, df, &df->instrs[i], out,
				  "%s copies '%s' (%s) into an image layer, "
				  "where it stays even if a later step "
				  "deletes it",
				  df_kind_name(in->kind), src, why);
			break;
		}
	}
}

const struct rule df_rule_secret_copy = {
	.id = "DF034",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "Secret-bearing file copied into the image",
	.why = "Every layer is part of the image: a .env, SSH key, .npmrc or "
	       "cloud credential copied in can be extracted by anyone who "
	       "pulls it, even if a later RUN removes the file.",
	.remediation = SECRET_FIX,
	.bad = "COPY .env /app/.env",
	.good = "# compose: env_file: [.env]\nRUN --mount=type=secret,id=npmrc,"
		"target=/root/.npmrc npm ci",
	.aliases = (const char *const[]){ "CIS-4.10", "CIS-DI-0010", NULL },
	.references = (const char *const[]){ SECRETS_REF, NULL },
	.check.dockerfile = check_secret_copy,
};

static bool
whole_context(const char *src)
{
	static const char *const forms[] = { ".", "./", "*", "./*",
					     "/", ".*", NULL };

	for (const char *const *f = forms; *f; f++)
		if (!strcmp(src, *f))
			return true;
	return false;
}

/* Paths a .dockerignore must keep out; each stands for a class. */
static const char *const context_probes[] = {
	".env", ".git", "id_rsa", "x.pem", NULL,
};

static void
missing_probes(const struct dockerignore *di, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (const char *const *p = context_probes; *p; p++) {
		size_t n = strlen(*p);

		if (di->present && dockerignore_excludes(di, *p))
			continue;
		if (used + n + 3 >= len)
			break;
		if (used) {
			memcpy(buf + used, ", ", 2);
			used += 2;
		}
		memcpy(buf + used, *p, n + 1);
		used += n;
	}
}

static void
check_context_copy(const struct rule *self, const struct dockerfile *df,
		   struct findings *out)
{
	const struct dockerignore *di = df_ctx ? df_ctx->ignore : NULL;
	char src[WORD_MAX], missing[256];

	if (!di)
		return;
	missing_probes(di, missing, sizeof(missing));
	if (!*missing)
		return;
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (!is_copy_like(in) || df_instr_flag(in, "from"))
			continue;
		for (size_t k = 0; k + 1 < in->argc; k++) {
			if (!whole_context(
				df_unquote(in->argv[k], src, sizeof(src))))
				continue;
			if (!di->present)
				df_report(self, df, in, out,
					  "%s %s copies the whole build "
					  "context and there is no "
					  ".dockerignore, so .env files, .git "
					  "and keys go into the image",
					  df_kind_name(in->kind), src);
			else
				df_report(self, df, in, out,
					  "%s %s copies the whole build "
					  "context and .dockerignore does not "
					  "exclude: %s",
					  df_kind_name(in->kind), src, missing);
			break;
		}
	}
}

const struct rule df_rule_context_copy = {
	.id = "DF035",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "Whole build context copied without a .dockerignore that "
		 "excludes secrets",
	.why = "COPY . . takes everything the build context holds: .env "
	       "files, the .git directory with its history, private keys.  "
	       "Only .dockerignore keeps them out of the layer.",
	.remediation = "Add a .dockerignore beside the Dockerfile with at "
		       "least .env*, .git, *.pem, *.key, id_* and .ssh, or "
		       "copy only the files the image needs.",
	.bad = "COPY . .   # and no .dockerignore",
	.good = "# .dockerignore: .git .env* *.pem *.key id_* .ssh "
		"node_modules\nCOPY . .",
	.references =
	    (const char *const[]){
		"https://docs.docker.com/build/concepts/context/#dockerignore-files",
		NULL },
	.check.dockerfile = check_context_copy,
};

/* ---- credentials on RUN lines ---- */

static bool
literal(const char *v)
{
	return v && *v && !word_has_var(v);
}

static const char *
password_option(const struct sh_cmd *c)
{
	static const char *const longs[] = {
		"password",	 "pass",	 "token",      "api-key",
		"apikey",	 "access-token", "auth-token", "secret",
		"client-secret", NULL,
	};
	const char *v;

	for (const char *const *l = longs; *l; l++) {
		v = sh_cmd_flag_value(c, *l, 0);
		if (literal(v))
			return v;
	}
	return NULL;
}

/* mysql -pSECRET: only the attached form carries a password. */
static const char *
mysql_password(const struct sh_cmd *c)
{
	static const char *const tools[] = { "mysql", "mysqladmin", "mysqldump",
					     "mariadb", NULL };

	if (!cmd_is_any(c, tools))
		return NULL;
	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;

		if (w[0] == '-' && w[1] == 'p' && w[2] && literal(w + 2))
			return w + 2;
	}
	return NULL;
}

static const char *
short_password(const struct sh_cmd *c)
{
	static const char *const tools[] = { "sshpass", NULL };
	const char *v;

	if (cmd_is(c, "docker") || cmd_is(c, "podman") ||
	    cmd_is(c, "buildah") || cmd_is(c, "skopeo")) {
		if (strcmp(cmd_sub(c, NULL), "login"))
			return NULL;
		v = sh_cmd_flag_value(c, NULL, 'p');
		return literal(v) ? v : NULL;
	}
	if (cmd_is_any(c, tools)) {
		v = sh_cmd_flag_value(c, NULL, 'p');
		return literal(v) ? v : NULL;
	}
	if (cmd_is(c, "curl")) {
		v = sh_cmd_flag_value(c, "user", 'u');
		if (v && strchr(v, ':') && literal(strchr(v, ':') + 1))
			return strchr(v, ':') + 1;
	}
	return NULL;
}

static const char *
assigned_secret(const struct sh_cmd *c, const char **name)
{
	for (size_t i = 0; i < c->n_assigns; i++) {
		const char *w = c->assigns[i].text;
		const char *eq = strchr(w, '=');
		char key[128];
		size_t n;

		if (!eq || (n = (size_t)(eq - w)) >= sizeof(key))
			continue;
		memcpy(key, w, n);
		key[n] = '\0';
		if (secretish_name(key) && secretish_value_literal(eq + 1)) {
			*name = w;
			return eq + 1;
		}
	}
	if (cmd_is(c, "export"))
		for (size_t i = 1; i < c->n_words; i++) {
			const char *w = c->words[i].text;
			const char *eq = strchr(w, '=');
			char key[128];
			size_t n;

			if (!eq || (n = (size_t)(eq - w)) >= sizeof(key))
				continue;
			memcpy(key, w, n);
			key[n] = '\0';
			if (secretish_name(key) &&
			    secretish_value_literal(eq + 1)) {
				*name = w;
				return eq + 1;
			}
		}
	return NULL;
}

/* echo "pw" | docker login --password-stdin */
static const char *
echoed_password(const struct sh_script *s, size_t i)
{
	const struct sh_cmd *c = &s->cmds[i];

	if (!(cmd_is(c, "echo") || cmd_is(c, "printf")) ||
	    c->sep != SH_SEP_PIPE || i + 1 >= s->n)
		return NULL;
	if (!sh_cmd_has_flag(&s->cmds[i + 1], "password-stdin", 0))
		return NULL;
	for (size_t k = c->n_words; k-- > 1;)
		if (c->words[k].text[0] != '-')
			return literal(c->words[k].text) ? c->words[k].text
							 : NULL;
	return NULL;
}

struct run_secret {
	const char *what;
	const char *value;
	size_t at, len;
};

static bool
word_secret(const struct sh_cmd *c, struct run_secret *rs)
{
	for (size_t i = 1; i < c->n_words; i++) {
		const char *w = c->words[i].text;
		const char *fmt = secretish_find_format(w, &rs->at, &rs->len);

		if (fmt) {
			rs->what = fmt;
			rs->value = w;
			return true;
		}
		if (secretish_find_url_password(w, &rs->at, &rs->len)) {
			rs->what = "a URL with a password";
			rs->value = w;
			return true;
		}
	}
	return false;
}

static bool
cmd_secret(const struct sh_script *s, size_t i, struct run_secret *rs)
{
	const struct sh_cmd *c = &s->cmds[i];
	const char *name = NULL;

	rs->at = 0;
	if ((rs->value = password_option(c)) ||
	    (rs->value = mysql_password(c)) ||
	    (rs->value = short_password(c))) {
		rs->what = "a password option";
	} else if ((rs->value = echoed_password(s, i))) {
		rs->what = "a password piped to --password-stdin";
	} else if ((rs->value = assigned_secret(c, &name))) {
		rs->what = "a credential variable";
	} else {
		return word_secret(c, rs);
	}
	rs->len = strlen(rs->value);
	return true;
}

static void
check_secret_run(const struct rule *self, const struct dockerfile *df,
		 struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_run(&df->instrs[i]);
		struct run_secret rs;

		if (!in || df_run_has_mount(in, "secret", NULL))
			continue;
		for (size_t k = 0; k < in->script.n; k++) {
			struct finding *f;

			if (!cmd_secret(&in->script, k, &rs))
				continue;
			f = df_report(self, df, &df->instrs[i], out,
				      "'%s' is given %s on the RUN line, which "
				      "the image history keeps",
				      sh_cmd_name(&in->script.cmds[k]),
				      rs.what);
			set_evidence(f, rs.value, rs.at, rs.len);
			break;
		}
	}
}

const struct rule df_rule_secret_run = {
	.id = "DF036",
	.severity = SEV_HIGH,
	.target = RULE_DOCKERFILE,
	.title = "Credential on a RUN line",
	.why = "The text of every RUN is stored in the image history.  "
	       "curl -u user:pass, docker login -p, mysql -pSECRET, a token "
	       "in a URL: each is readable by anyone with the image.",
	.remediation = "Mount the secret for that one RUN: RUN "
		       "--mount=type=secret,id=token TOKEN=$(cat "
		       "/run/secrets/token) ...; a RUN with a secret mount is "
		       "never reported.  " SECRET_FIX,
	.bad = "RUN curl -u admin:hunter2 https://repo.example.com/pkg.tgz -o "
	       "/tmp/pkg.tgz",
	.good = "RUN --mount=type=secret,id=repo curl -u \"admin:$(cat "
		"/run/secrets/repo)\" https://repo.example.com/pkg.tgz -o "
		"/tmp/pkg.tgz",
	.aliases = (const char *const[]){ "CIS-4.10", "CIS-DI-0010", NULL },
	.references = (const char *const[]){ SECRETS_REF, NULL },
	.check.dockerfile = check_secret_run,
};

/* ---- ADD ---- */

static bool
is_url(const char *s)
{
	return str_istarts_with(s, "http://") ||
	       str_istarts_with(s, "https://") || str_istarts_with(s, "git@") ||
	       str_istarts_with(s, "git://");
}

static const char *const archive_suffixes[] = {
	".tar",	   ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz",
	".tar.xz", ".txz",    ".gz",  ".bz2",	  ".xz",   ".tar.zst",
	".zst",	   ".tar.lz", ".lz",  ".tar.Z",	  ".Z",	   NULL,
};

static void
check_add_url(const struct rule *self, const struct dockerfile *df,
	      struct findings *out)
{
	char src[WORD_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = df_as_kind(&df->instrs[i], DF_ADD);

		if (!in || in->n_heredocs || df_instr_flag(in, "checksum"))
			continue;
		for (size_t k = 0; k + 1 < in->argc; k++)
			if (is_url(df_unquote(in->argv[k], src, sizeof(src)))) {
				df_report(self, df, &df->instrs[i], out,
					  "ADD downloads '%s' with no checksum "
					  "to verify it",
					  src);
				break;
			}
	}
}

const struct rule df_rule_add_url = {
	.id = "DF037",
	.severity = SEV_MEDIUM,
	.target = RULE_DOCKERFILE,
	.title = "ADD downloads a URL without --checksum",
	.why = "ADD <url> fetches whatever the server returns at build time, "
	       "unverified; a compromised or redirected server puts its own "
	       "file in the image.",
	.remediation = "Use ADD --checksum=sha256:... <url>, or download in a "
		       "RUN that checks a pinned hash.",
	.bad = "ADD https://example.com/tool.tgz /opt/",
	.good = "ADD --checksum=sha256:<hash> https://example.com/tool.tgz "
		"/opt/",
	.aliases = (const char *const[]){ "CIS-4.9", NULL },
	.references =
	    (const char *const[]){
		"https://docs.docker.com/reference/dockerfile/#add---checksum",
		NULL },
	.check.dockerfile = check_add_url,
};

static void
check_add_local(const struct rule *self, const struct dockerfile *df,
		struct findings *out)
{
	char src[WORD_MAX];

	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind != DF_ADD || in->n_heredocs)
			continue;
		for (size_t k = 0; k + 1 < in->argc; k++) {
			df_unquote(in->argv[k], src, sizeof(src));
			if (is_url(src) ||
			    ends_with_any(src, archive_suffixes) ||
			    word_has_var(src))
				continue;
			df_report(self, df, in, out,
				  "ADD of '%s', which is not an archive to "
				  "unpack; COPY does this without ADD's "
				  "surprises",
				  src);
			break;
		}
	}
}

const struct rule df_rule_add_local = {
	.id = "DF038",
	.severity = SEV_LOW,
	.target = RULE_DOCKERFILE,
	.title = "ADD where COPY serves",
	.why = "ADD also unpacks archives and fetches URLs; using it for "
	       "plain files hides which of those a line does.  COPY does "
	       "only what it says.",
	.remediation = "Use COPY for files and directories; keep ADD for "
		       "local archives that should be unpacked.",
	.bad = "ADD app.jar /app/",
	.good = "COPY app.jar /app/",
	.aliases = (const char *const[]){ "DL3020", "DS-0005", "CIS-4.9",
					  "CKV_DOCKER_4", NULL },
	.references = (const char *const[]){ HADOLINT("DL3020"), NULL },
	.check.dockerfile = check_add_local,
};
