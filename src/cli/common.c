#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "report/report.h"
#include "rules/image.h"
#include "rules/rule.h"
#include "secret/secret.h"

static int cli_verbosity;

/*
 * Write "hull: KIND MSG" as one line on stderr.  Messages quote text from
 * strangers (a registry's or the Engine's error body, a path inside an
 * image, a config value), so control characters are shown as \xNN, as
 * the table report does: no escape sequence reaches the terminal.  The
 * C1 controls (U+0080 to U+009F, which some terminals obey) are shown
 * the same way, byte by byte.  Every message hull prints goes through
 * here, which is why this is the one place that cleans them.
 */
static void
stderr_line(const char *kind, const char *msg)
{
	struct buf line = BUF_INIT;

	buf_addstr(&line, "hull: ");
	buf_addstr(&line, kind);
	report_add_printable(&line, msg);
	buf_addch(&line, '\n');
	fwrite(line.data, 1, line.len, stderr);
	buf_release(&line);
}

static void
vmsg(const char *kind, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;

	buf_vaddf(&msg, fmt, ap);
	stderr_line(kind, msg.data ? msg.data : "");
	buf_release(&msg);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	if (cli_verbosity < 0)
		return;
	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

int
cli_quote_len(const char *s)
{
	size_t n = strlen(s);

	return n > CLI_QUOTE_MAX ? CLI_QUOTE_MAX : (int)n;
}

const char *
cli_quote_tail(const char *s)
{
	return strlen(s) > CLI_QUOTE_MAX ? "..." : "";
}

void
cli_note(const char *fmt, ...)
{
	va_list ap;

	if (cli_verbosity < 0)
		return;
	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

static void
log_to_stderr(enum log_level level, const char *msg)
{
	static const char *const prefix[] = { "", "warning: ", "", "debug: " };

	if ((int)level > cli_verbosity + 1)
		return;
	if (level == LOG_ERROR || level == LOG_WARN || cli_verbosity > 0)
		stderr_line(prefix[level], msg);
}

void
cli_init(struct cli *c, const char *command)
{
	memset(c, 0, sizeof(*c));
	c->command = command;
	c->report.command = command;
	policy_init(&c->policy);
	log_set_sink(log_to_stderr);
}

void
cli_release(struct cli *c)
{
	if (c->redactor)
		secret_scanner_free(c->redactor);
	if (c->secrets)
		secret_scanner_free(c->secrets);
	strvec_release(&c->opt.rules);
	strvec_release(&c->opt.skips);
	strvec_release(&c->args);
	policy_release(&c->policy);
	report_release(&c->report);
}

enum common_id {
	O_FORMAT = 1,
	O_OUTPUT,
	O_CONFIG,
	O_IGNORE_FILE,
	O_SEVERITY,
	O_FAIL_ON,
	O_IGNORE_UNFIXED,
	O_RULE,
	O_SKIP,
	O_DB,
	O_OFFLINE,
	O_QUIET,
	O_VERBOSE,
	O_NO_COLOR,
	O_PLATFORM,
	O_INSECURE,
	O_DOCKERFILE,
};

static const struct {
	const char *name;
	char short_name;
	bool has_arg;
	enum common_id id;
} common_opts[] = {
	{ "format", 'f', true, O_FORMAT },
	{ "output", 'o', true, O_OUTPUT },
	{ "config", 'c', true, O_CONFIG },
	{ "ignore-file", 0, true, O_IGNORE_FILE },
	{ "severity", 's', true, O_SEVERITY },
	{ "fail-on", 0, true, O_FAIL_ON },
	{ "ignore-unfixed", 0, false, O_IGNORE_UNFIXED },
	{ "rule", 0, true, O_RULE },
	{ "skip", 0, true, O_SKIP },
	{ "db", 0, true, O_DB },
	{ "offline", 0, false, O_OFFLINE },
	{ "quiet", 'q', false, O_QUIET },
	{ "verbose", 'v', false, O_VERBOSE },
	{ "no-color", 0, false, O_NO_COLOR },
	{ "platform", 0, true, O_PLATFORM },
	{ "insecure-registry", 0, false, O_INSECURE },
	{ "dockerfile", 0, true, O_DOCKERFILE },
};

static void
push_list(struct strvec *sv, const char *arg)
{
	while (*arg) {
		size_t n = strcspn(arg, ",");

		if (n)
			strvec_push_nodup(sv, xstrndup(arg, n));
		arg += n;
		if (*arg)
			arg++;
	}
}

/*
 * --rule and --skip: an empty list would be silently ignored, so that a
 * CI line with an unset variable (--rule "$RULES") checks everything.
 */
static int
push_ids(struct strvec *sv, const char *opt, const char *arg)
{
	size_t before = sv->n;

	push_list(sv, arg);
	if (sv->n == before) {
		cli_error("--%s '%s' names no rule", opt, arg);
		return -1;
	}
	return 0;
}

/*
 * An unknown --format.  `docker compose -f FILE` habits make a file name
 * the likeliest mistake: say what -f is here and how to name the file.
 */
static void
format_error(const struct cli *c, const char *arg)
{
	size_t n = strlen(arg);
	bool yaml = (n > 4 && !strcasecmp(arg + n - 4, ".yml")) ||
		    (n > 5 && !strcasecmp(arg + n - 5, ".yaml"));

	cli_error("unknown format '%s' (table, json, sarif, github, "
		  "cyclonedx, spdx)",
		  arg);
	if (!yaml && !path_is_file(arg))
		return;
	if (!strcmp(c->command, "compose"))
		cli_error("'-f' is --format in hull; use -F/--file to name a "
			  "compose file");
	else
		cli_error("'-f' is --format in hull; name the file as an "
			  "argument");
}

static int
set_common(struct cli *c, enum common_id id, const char *arg)
{
	struct cli_common *o = &c->opt;

	switch (id) {
	case O_FORMAT:
		if (report_format_parse(arg, &o->format)) {
			format_error(c, arg);
			return -1;
		}
		o->format_set = true;
		break;
	case O_OUTPUT:
		o->output = arg;
		break;
	case O_CONFIG:
		o->config = arg;
		break;
	case O_IGNORE_FILE:
		o->ignore_file = arg;
		break;
	case O_SEVERITY:
		o->severity = arg;
		break;
	case O_FAIL_ON:
		o->fail_on = arg;
		break;
	case O_IGNORE_UNFIXED:
		o->ignore_unfixed = true;
		break;
	case O_RULE:
	case O_SKIP:
		return push_ids(id == O_RULE ? &o->rules : &o->skips,
				id == O_RULE ? "rule" : "skip", arg);
	case O_DB:
		o->db = arg;
		break;
	case O_OFFLINE:
		o->offline = true;
		break;
	case O_QUIET:
		o->verbosity = -1;
		break;
	case O_VERBOSE:
		if (o->verbosity < 2)
			o->verbosity++;
		break;
	case O_NO_COLOR:
		o->no_color = true;
		break;
	case O_PLATFORM:
		o->platform = arg;
		break;
	case O_INSECURE:
		o->insecure_registry = true;
		break;
	case O_DOCKERFILE:
		o->dockerfile = arg;
		break;
	}
	cli_verbosity = o->verbosity;
	return 0;
}

/* One option, long or short; *used tells whether `next` was consumed. */
static int
parse_one(struct cli *c, const char *name, char short_name,
	  const char *inline_arg, const char *next, bool *used,
	  const struct cli_opt *extra, void *ctx)
{
	bool has_arg = false;
	int common = -1;
	const struct cli_opt *x = NULL;
	const char *arg = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(common_opts); i++) {
		if (name ? !strcmp(name, common_opts[i].name)
			 : short_name == common_opts[i].short_name) {
			common = (int)i;
			has_arg = common_opts[i].has_arg;
			break;
		}
	}
	for (const struct cli_opt *e = extra; common < 0 && e && e->name; e++) {
		if (name ? !strcmp(name, e->name)
			 : short_name == e->short_name) {
			x = e;
			has_arg = e->has_arg;
			break;
		}
	}
	if (common < 0 && !x) {
		if (name)
			cli_error("unknown option '--%s'", name);
		else
			cli_error("unknown option '-%c'", short_name);
		return -1;
	}
	if (has_arg) {
		if (inline_arg) {
			arg = inline_arg;
		} else if (next) {
			arg = next;
			*used = true;
		} else {
			cli_error("option '%s%s' needs a value",
				  name ? "--" : "-",
				  name ? name : (char[]){ short_name, 0 });
			return -1;
		}
	} else if (inline_arg) {
		cli_error("option '--%s' takes no value", name);
		return -1;
	}
	if (x)
		return x->set(ctx, arg);
	return set_common(c, common_opts[common].id, arg);
}

int
cli_parse(struct cli *c, int argc, char **argv, const struct cli_opt *extra,
	  void *ctx)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		bool used = false;

		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				strvec_push(&c->args, argv[i]);
			break;
		}
		if (a[0] == '-' && a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			char *name = eq ? xstrndup(a + 2, (size_t)(eq - a - 2))
					: xstrdup(a + 2);
			int rc = parse_one(c, name, 0, eq ? eq + 1 : NULL, next,
					   &used, extra, ctx);

			free(name);
			if (rc)
				return -1;
		} else if (a[0] == '-' && a[1]) {
			/* Grouped short flags: -qv; a value may follow
			 * attached (-ojson) or as the next word. */
			for (const char *s = a + 1; *s; s++) {
				const char *rest = s[1] ? s + 1 : NULL;
				bool takes = false;

				for (size_t k = 0; k < ARRAY_SIZE(common_opts);
				     k++)
					if (common_opts[k].short_name == *s)
						takes = common_opts[k].has_arg;
				for (const struct cli_opt *e = extra;
				     e && e->name; e++)
					if (e->short_name == *s)
						takes = e->has_arg;
				if (parse_one(c, NULL, *s, takes ? rest : NULL,
					      next, &used, extra, ctx))
					return -1;
				if (takes)
					break;
			}
		} else {
			strvec_push(&c->args, a);
		}
		if (used)
			i++;
	}
	return 0;
}

/*
 * Find out before the scan whether the report can be written, so that a
 * long scan does not end in "cannot write".  The file is created if it is
 * missing but not truncated: a scan that fails to run leaves it alone.
 */
static int
cli_check_output(const char *path, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0666);

	if (fd < 0)
		return err_errno(e, ERR_INTERNAL, errno, "cannot write '%s'",
				 path);
	close(fd);
	return 0;
}

int
cli_setup_policy(struct cli *c, const char *near)
{
	struct cli_common *o = &c->opt;
	struct err e = ERR_INIT;
	char *found = NULL;

	if (o->config || (near && (found = policy_find_config(near)))) {
		const char *path = o->config ? o->config : found;
		int rc = policy_load_config(&c->policy, path, &e);

		/* An empty list would hide every finding and exit 0. */
		if (!rc && !c->policy.show_mask)
			rc =
			    err_set(&e, ERR_USAGE,
				    "%s: 'severity' is an empty list: it would "
				    "hide every finding",
				    path);
		free(found);
		if (rc)
			goto fail;
	}
	if (o->ignore_file &&
	    policy_load_ignore_file(&c->policy, o->ignore_file, &e))
		goto fail;
	if (o->severity &&
	    policy_parse_severities(o->severity, &c->policy.show_mask, &e))
		goto fail;
	if (o->severity && !c->policy.show_mask) {
		err_set(&e, ERR_USAGE,
			"--severity '%s' names no severity: it would hide "
			"every finding",
			o->severity);
		goto fail;
	}
	if (o->fail_on) {
		if (!strcasecmp(o->fail_on, "never")) {
			c->policy.fail_never = true;
		} else if (severity_parse(o->fail_on, &c->policy.fail_on)) {
			err_set(&e, ERR_USAGE,
				"unknown --fail-on '%s' (a severity or never)",
				o->fail_on);
			goto fail;
		}
		if (strcasecmp(o->fail_on, "never"))
			c->policy.fail_never = false;
	}
	if (o->ignore_unfixed)
		c->policy.ignore_unfixed = true;
	for (size_t i = 0; i < o->rules.n; i++)
		strvec_push(&c->policy.only, o->rules.v[i]);
	for (size_t i = 0; i < o->skips.n; i++)
		strvec_push(&c->policy.skip, o->skips.v[i]);
	for (size_t i = 0; i < o->rules.n + o->skips.n; i++) {
		const char *id =
		    i < o->rules.n ? o->rules.v[i] : o->skips.v[i - o->rules.n];

		/* Advisory ids (CVE-..., GHSA-...) are not rules; anything
		 * else that names no rule is a typo that would silently turn
		 * a CI gate off. */
		if (!rules_find(id) && !strchr(id, '-')) {
			err_set(&e, ERR_USAGE,
				"unknown rule '%s' (see 'hull rules')", id);
			goto fail;
		}
	}
	if (o->output && strcmp(o->output, "-") &&
	    cli_check_output(o->output, &e))
		goto fail;
	if (o->db) {
		free(c->policy.db_path);
		c->policy.db_path = xstrdup(o->db);
	}
	return 0;
fail:
	cli_error("%s", e.msg);
	return cli_exit_for(&e);
}

static void redact_field(struct secret_scanner **s, bool *failed, char **field);

struct secret_scanner *
cli_secret_scanner_new(const struct cli *c, struct err *e)
{
	struct secret_options o = SECRET_OPTIONS_INIT;
	struct secret_scanner *s;

	o.allow_paths = &c->policy.secret_allow_paths;
	o.allow_patterns = &c->policy.secret_allow_patterns;
	s = secret_scanner_new(&o, e);
	if (!s)
		cli_error("%s", e->msg);
	return s;
}

int
cli_setup_secrets(struct cli *c)
{
	struct err e = ERR_INIT;

	if (c->secrets)
		return 0;
	c->secrets = cli_secret_scanner_new(c, &e);
	return c->secrets ? 0 : cli_exit_for(&e);
}

/* The scanner that keeps secrets out of messages: the command's own when
 * it built one (no second compile), else one built on first need. */
static struct secret_scanner **
redactor_of(struct cli *c)
{
	return c->secrets ? &c->secrets : &c->redactor;
}

void
cli_input_error(struct cli *c, const struct err *e)
{
	char *msg = xstrdup(e->msg);

	redact_field(redactor_of(c), &c->redactor_failed, &msg);
	cli_error("%s", msg);
	strvec_push_nodup(&c->report.errors, msg);
	if (e->kind == ERR_INTERNAL)
		c->internal_error = true;
	else
		c->input_error = true;
}

int
cli_exit_for(const struct err *e)
{
	switch (e->kind) {
	case ERR_USAGE:
		return HULL_EXIT_USAGE;
	case ERR_INPUT:
	case ERR_NETWORK:
		return HULL_EXIT_INPUT;
	default:
		return HULL_EXIT_INTERNAL;
	}
}

int
cli_write_output(const struct cli *c, const char *data, size_t len)
{
	FILE *fp = stdout;

	if (c->opt.output && strcmp(c->opt.output, "-")) {
		fp = fopen(c->opt.output, "wb");
		if (!fp) {
			cli_error("cannot write '%s': %s", c->opt.output,
				  strerror(errno));
			return -1;
		}
	}
	if (fwrite(data, 1, len, fp) != len || fflush(fp)) {
		cli_error("cannot write the report: %s", strerror(errno));
		if (fp != stdout)
			fclose(fp);
		return -1;
	}
	if (fp != stdout && fclose(fp)) {
		cli_error("cannot write '%s': %s", c->opt.output,
			  strerror(errno));
		return -1;
	}
	return 0;
}

static bool
want_color(const struct cli *c)
{
	if (c->opt.no_color || getenv("NO_COLOR"))
		return false;
	if (c->opt.output && strcmp(c->opt.output, "-"))
		return false;
	return isatty(STDOUT_FILENO);
}

/*
 * A run of this many token characters is the least that can hold a
 * credential; text without one needs no secret scan.
 */
#define REDACT_MIN_RUN 16

static bool
maybe_secret(const char *s)
{
	size_t run = 0;

	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (isalnum(ch) || strchr("+/=_-.:@", ch)) {
			if (++run >= REDACT_MIN_RUN)
				return true;
		} else {
			run = 0;
		}
	}
	return false;
}

static void
redact_field(struct secret_scanner **s, bool *failed, char **field)
{
	struct err e = ERR_INIT;
	struct secret_options o = SECRET_OPTIONS_INIT;
	char *clean;

	if (!maybe_secret(*field) || *failed)
		return;
	if (!*s && !(*s = secret_scanner_new(&o, &e))) {
		*failed = true;
		return;
	}
	clean = image_text_redact(*s, *field);
	if (clean) {
		free(*field);
		*field = clean;
	}
}

/*
 * The last line of defence: whatever a rule or a parser quoted in a
 * message (an image name, a port, a ${VAR:?} text), no report and no
 * error line carries a whole secret.  Evidence is redacted where it is
 * made; this catches values that were never meant to be secrets.
 */
static void
redact_report(struct cli *c)
{
	struct secret_scanner **s = redactor_of(c);
	bool *failed = &c->redactor_failed;

	for (size_t i = 0; i < c->report.findings.n; i++) {
		struct finding *f = &c->report.findings.v[i];

		if (f->suppressed)
			continue;
		redact_field(s, failed, &f->message);
		redact_field(s, failed, &f->title);
		redact_field(s, failed, (char **)&f->loc.instruction);
		redact_field(s, failed, (char **)&f->loc.layer_created_by);
	}
}

int
cli_finish(struct cli *c)
{
	struct report_style st = { want_color(c), c->opt.verbosity > 0 };
	struct buf out = BUF_INIT;
	int rc;

	policy_apply(&c->policy, &c->report.findings);
	redact_report(c);
	findings_sort(&c->report.findings);
	switch (c->opt.format) {
	case REPORT_JSON:
		report_json(&c->report, &out);
		break;
	case REPORT_SARIF:
		report_sarif(&c->report, &out);
		break;
	case REPORT_GITHUB:
		report_github(&c->report, &out);
		break;
	case REPORT_CYCLONEDX:
	case REPORT_SPDX:
		cli_error("--format %s is for 'hull sbom'",
			  c->opt.format == REPORT_SPDX ? "spdx" : "cyclonedx");
		buf_release(&out);
		return HULL_EXIT_USAGE;
	default:
		report_table(&c->report, &st, &out);
	}
	rc = cli_write_output(c, out.data, out.len);
	buf_release(&out);
	if (rc || c->internal_error)
		return HULL_EXIT_INTERNAL;
	if (c->input_error)
		return HULL_EXIT_INPUT;
	return policy_fails(&c->policy, &c->report.findings)
		   ? HULL_EXIT_FINDINGS
		   : HULL_EXIT_OK;
}
