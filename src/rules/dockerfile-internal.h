/*
 * What the Dockerfile rules share: the lint context, the helpers that
 * read instructions, stages and shell commands, and the rule objects of
 * each theme file (dockerfile-*.c), which dockerfile.c lists.
 */
#ifndef HULL_RULES_DOCKERFILE_INTERNAL_H
#define HULL_RULES_DOCKERFILE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "parse/dockerfile.h"
#include "parse/dockerignore.h"
#include "parse/shell.h"
#include "report/policy.h"
#include "rules/rule.h"

/*
 * The settings of the run in progress, set by dockerfile_lint() for the
 * duration of one file.  The rule check signature carries no context, so
 * the few rules that read the policy (trusted registries) or the build
 * context (.dockerignore) look here.  Either pointer may be NULL.
 */
struct df_lint_ctx {
	const struct policy *policy;
	const struct dockerignore *ignore;
};
extern const struct df_lint_ctx *df_ctx;

/* Add a finding for `r` at instruction `in` (NULL: line 1).  The message
 * is formatted by df_vformat(): every %s value is capped. */
struct finding *df_report(const struct rule *r, const struct dockerfile *df,
			  const struct df_instr *in, struct findings *out,
			  const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ---- instructions and stages (dockerfile-util.c) ---- */

/* The RUN an instruction executes: itself, the RUN wrapped by ONBUILD,
 * or NULL. */
const struct df_instr *df_as_run(const struct df_instr *in);
/* Same for any kind: `in`, or what ONBUILD wraps when it is of `kind`. */
const struct df_instr *df_as_kind(const struct df_instr *in, enum df_kind kind);

/*
 * Does the RUN carry --mount=type=<type>[,...,]target=<target>?  `type`
 * may be NULL for any type; types "cache" and "tmpfs" are what the
 * cache rules accept, so pass "cache|tmpfs" for either.  Targets compare
 * after dropping a trailing '/'.
 */
bool df_run_has_mount(const struct df_instr *in, const char *types,
		      const char *target);
/* The value of key `key` in a --mount spec, copied into buf; NULL if none. */
const char *df_mount_value(const char *spec, const char *key, char *buf,
			   size_t len);

/* Is stage `s` the final stage, or a stage some later FROM builds on? */
bool df_stage_is_used(const struct dockerfile *df, size_t s);
/* Stage index of the final stage, or -1. */
int df_final_stage_index(const struct dockerfile *df);

/*
 * The value ENV/ARG `name` has at instruction `at`: set earlier in its
 * stage or in the stages it is built FROM.  NULL when unset.
 */
const char *df_env_at(const struct dockerfile *df, size_t at, const char *name);

/*
 * Walk a stage and the stages it is built FROM: start with s, then
 * df_stage_base(df, s) until it returns -1.  The walk stops after
 * DF_MAX_STAGE_CHAIN links, as the parser's variable scopes do, so a
 * malformed chain cannot loop and a long one cannot make a rule
 * quadratic.
 */
int df_stage_base(const struct dockerfile *df, int s, size_t *hops);

/* Copy s without one layer of surrounding quotes into buf. */
const char *df_unquote(const char *s, char *buf, size_t len);
/*
 * The words of a COPY or ADD as written: the file arguments split at
 * blanks, a "quoted part" kept whole, quotes removed and backslashes left
 * alone (Windows paths).  Exec form uses the JSON strings.  Word `idx`
 * is copied to buf; returns the word count.
 */
size_t df_copy_word(const struct df_instr *in, size_t idx, char *buf,
		    size_t len);

/* Last path component, for '/' and '\\' separators. */
const char *df_basename(const char *path);
/* An absolute path: "/x", "C:\\x", "c:/x", or one starting with a
 * variable (which hull cannot know). */
bool df_path_absolute(const char *p);

/* ---- shell commands ---- */

bool cmd_is(const struct sh_cmd *c, const char *name);
/* Any of a NULL-terminated list. */
bool cmd_is_any(const struct sh_cmd *c, const char *const *names);
/*
 * The non-flag words after the command name, values of `valued` flags
 * skipped (see sh_cmd_nonflags).  Returns the count, at most max in out.
 */
size_t cmd_args(const struct sh_cmd *c, const char *const *valued,
		const char **out, size_t max);
/* The first non-flag word (a subcommand), or "". */
const char *cmd_sub(const struct sh_cmd *c, const char *const *valued);
/* Does a word (not the name) contain `needle`? */
bool cmd_word_contains(const struct sh_cmd *c, const char *needle);
/* Does any command of the script satisfy pred? */
bool script_any(const struct sh_script *s,
		bool (*pred)(const struct sh_cmd *c));
/* True when the word holds a shell or Docker variable. */
bool word_has_var(const char *w);

/* Most package lists a rule looks at at once. */
#define DF_MAX_ARGS 256

/* ---- rule objects, by theme ---- */

/* dockerfile-user.c: users, ports, base images, stages */
extern const struct rule df_rule_no_user, df_rule_root_user, df_rule_low_port,
    df_rule_ssh_port, df_rule_bad_port, df_rule_untagged, df_rule_latest,
    df_rule_no_digest, df_rule_untrusted_registry, df_rule_platform_const,
    df_rule_platform_target, df_rule_stage_reserved, df_rule_stage_dup,
    df_rule_copy_self, df_rule_copy_unknown_stage, df_rule_copy_root,
    df_rule_before_from, df_rule_onbuild_bad, df_rule_maintainer,
    df_rule_multi_cmd, df_rule_multi_entrypoint, df_rule_multi_healthcheck,
    df_rule_no_healthcheck, df_rule_shell_form, df_rule_workdir_relative,
    df_rule_copy_dest_slash, df_rule_copy_dest_relative, df_rule_label_key,
    df_rule_env_self_ref, df_rule_user_numeric, df_rule_shell_link,
    df_rule_parse, df_rule_unknown_instr, df_rule_pragma_reason;

/* dockerfile-secret.c: credentials, secret files, the build context */
extern const struct rule df_rule_secret_value, df_rule_secret_name,
    df_rule_secret_copy, df_rule_context_copy, df_rule_secret_run,
    df_rule_add_url, df_rule_add_local;

/* dockerfile-run.c: RUN hygiene */
extern const struct rule df_rule_sudo, df_rule_pipe_shell,
    df_rule_world_writable, df_rule_tls_off, df_rule_cd, df_rule_pipefail,
    df_rule_wget_curl, df_rule_wget_progress, df_rule_consecutive_run,
    df_rule_useradd_uid, df_rule_pointless_cmd, df_rule_build_tools,
    df_rule_npm_dev, df_rule_copy_extract;

/* dockerfile-pkg.c: package managers */
extern const struct rule df_rule_apk_cache, df_rule_apt_yes,
    df_rule_apt_recommends, df_rule_apt_lists, df_rule_apt_update_alone,
    df_rule_dist_upgrade, df_rule_pip_cache, df_rule_apt_pin, df_rule_apk_pin,
    df_rule_pip_pin, df_rule_npm_pin, df_rule_gem_pin, df_rule_go_pin,
    df_rule_yum_yes, df_rule_yum_clean, df_rule_yum_pin, df_rule_zypper_yes,
    df_rule_zypper_clean, df_rule_zypper_pin, df_rule_dnf_yes,
    df_rule_dnf_clean, df_rule_dnf_pin, df_rule_apt_cli, df_rule_yarn_cache;

#endif
