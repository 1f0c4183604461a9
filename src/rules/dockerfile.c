/*
 * The Dockerfile rules: the table the registry reads, and
 * dockerfile_lint(), which runs them over one parsed file.  The checks
 * live in dockerfile-*.c by theme.
 */
#include "rules/dockerfile.h"

#include <stddef.h>
#include <string.h>

#include "rules/context.h"
#include "rules/dockerfile-internal.h"
#include "rules/registry-internal.h"

const struct rule *const dockerfile_rules[] = {
	&df_rule_parse,
	&df_rule_no_user,
	&df_rule_root_user,
	&df_rule_low_port,
	&df_rule_ssh_port,
	&df_rule_bad_port,
	&df_rule_untagged,
	&df_rule_latest,
	&df_rule_no_digest,
	&df_rule_untrusted_registry,
	&df_rule_platform_const,
	&df_rule_platform_target,
	&df_rule_stage_reserved,
	&df_rule_stage_dup,
	&df_rule_copy_self,
	&df_rule_copy_unknown_stage,
	&df_rule_copy_root,
	&df_rule_before_from,
	&df_rule_onbuild_bad,
	&df_rule_maintainer,
	&df_rule_multi_cmd,
	&df_rule_multi_entrypoint,
	&df_rule_multi_healthcheck,
	&df_rule_no_healthcheck,
	&df_rule_shell_form,
	&df_rule_workdir_relative,
	&df_rule_copy_dest_slash,
	&df_rule_copy_dest_relative,
	&df_rule_label_key,
	&df_rule_env_self_ref,
	&df_rule_user_numeric,
	&df_rule_shell_link,
	&df_rule_secret_value,
	&df_rule_secret_name,
	&df_rule_secret_copy,
	&df_rule_context_copy,
	&df_rule_secret_run,
	&df_rule_add_url,
	&df_rule_add_local,
	&df_rule_sudo,
	&df_rule_pipe_shell,
	&df_rule_world_writable,
	&df_rule_tls_off,
	&df_rule_cd,
	&df_rule_pipefail,
	&df_rule_wget_curl,
	&df_rule_wget_progress,
	&df_rule_consecutive_run,
	&df_rule_useradd_uid,
	&df_rule_pointless_cmd,
	&df_rule_build_tools,
	&df_rule_npm_dev,
	&df_rule_copy_extract,
	&df_rule_apk_cache,
	&df_rule_apt_yes,
	&df_rule_apt_recommends,
	&df_rule_apt_lists,
	&df_rule_apt_update_alone,
	&df_rule_dist_upgrade,
	&df_rule_pip_cache,
	&df_rule_apt_pin,
	&df_rule_apk_pin,
	&df_rule_pip_pin,
	&df_rule_npm_pin,
	&df_rule_gem_pin,
	&df_rule_go_pin,
	&df_rule_yum_yes,
	&df_rule_yum_clean,
	&df_rule_yum_pin,
	&df_rule_zypper_yes,
	&df_rule_zypper_clean,
	&df_rule_zypper_pin,
	&df_rule_dnf_yes,
	&df_rule_dnf_clean,
	&df_rule_dnf_pin,
	&df_rule_apt_cli,
	&df_rule_yarn_cache,
	&df_rule_pragma_reason,
	&df_rule_unknown_instr,
	&context_rule_secret_file,
	&context_rule_no_ignore,
	NULL,
};

/* Does an unknown instruction start on `line`?  Instructions are in line
 * order, so bisection finds it. */
static bool
line_has_unknown(const struct dockerfile *df, unsigned line)
{
	size_t lo = 0, hi = df->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (df->instrs[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < df->n && df->instrs[lo].line == line; lo++)
		if (df->instrs[lo].kind == DF_UNKNOWN)
			return true;
	return false;
}

/* The parser's problems, as DF099 (unknown instruction) and DF000. */
static void
report_parse(const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < df->n; i++) {
		const struct df_instr *in = &df->instrs[i];

		if (in->kind == DF_UNKNOWN)
			df_report(&df_rule_unknown_instr, df, in, out,
				  "unknown instruction '%s'",
				  in->keyword ? in->keyword : "");
	}
	for (size_t i = 0; i < df->n_diags; i++) {
		const struct df_diag *d = &df->diags[i];
		struct location loc = LOCATION_INIT;

		/* DF017 and DF018 already report these with peer aliases. */
		if (line_has_unknown(df, d->line) ||
		    strstr(d->message, "before the first FROM") ||
		    strstr(d->message, "ONBUILD cannot wrap"))
			continue;
		/* The parser capped the values its message quotes. */
		loc.file = df->path;
		loc.line = loc.end_line = d->line;
		loc.column = d->column;
		findings_add_rule(out, &df_rule_parse, &loc, "%s", d->message);
	}
}

void
dockerfile_lint(const struct dockerfile *df, const struct policy *policy,
		const struct dockerignore *ignore, struct findings *out)
{
	struct df_lint_ctx ctx = { policy, ignore };
	struct findings mine = FINDINGS_INIT;

	df_ctx = &ctx;
	report_parse(df, &mine);
	for (const struct rule *const *r = dockerfile_rules; *r; r++) {
		if (!(*r)->check.dockerfile)
			continue;
		if (policy && !policy_rule_enabled(policy, (*r)->id))
			continue;
		(*r)->check.dockerfile(*r, df, &mine);
	}
	pragmas_apply(&df->pragmas, df->path, &mine);
	findings_move(out, &mine);
	findings_release(&mine);
	df_ctx = NULL;
}
