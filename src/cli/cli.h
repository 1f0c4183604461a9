/*
 * What every command shares: the exit codes, the common options, and the
 * run that ends every scan (policy, sorting, rendering, exit code).
 *
 * cli/ is the only layer that prints or exits.  Each command lives in its
 * own file and is listed in the command table of main.c.
 */
#ifndef HULL_CLI_CLI_H
#define HULL_CLI_CLI_H

#include <stdbool.h>

#include "core/err.h"
#include "core/util.h"
#include "report/policy.h"
#include "report/report.h"

struct secret_scanner;

/*
 * The exit codes, documented in hull(1).  When several apply, the highest
 * wins, except that findings (1) never hide an unreadable input (3).
 */
enum hull_exit {
	HULL_EXIT_OK = 0,	/* nothing at or above --fail-on */
	HULL_EXIT_FINDINGS = 1, /* findings at or above --fail-on */
	HULL_EXIT_USAGE = 2,	/* bad command line or config */
	HULL_EXIT_INPUT = 3,	/* a target, daemon or registry unreachable */
	HULL_EXIT_INTERNAL = 4, /* a bug or an environment failure */
};

/* Options every scanning command accepts. */
struct cli_common {
	enum report_format format;
	bool format_set;
	const char *output;
	const char *config;
	const char *ignore_file;
	const char *severity;
	const char *fail_on;
	bool ignore_unfixed;
	struct strvec rules;
	struct strvec skips;
	const char *db;
	bool offline;
	int verbosity; /* -1 quiet, 0 default, 1 -v, 2 -vv */
	bool no_color;
	/* image options, shared by image, sbom, scan and harden */
	const char *platform;
	bool insecure_registry;
	const char *dockerfile;
};

/*
 * A command-specific option.  `set` receives the command's own context and
 * the argument (NULL for a flag).  Returns 0, or -1 after printing why.
 */
struct cli_opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 for none */
	bool has_arg;
	int (*set)(void *ctx, const char *arg);
	const char *help;
};

struct cli {
	const char *command;
	struct cli_common opt;
	struct strvec args; /* positional arguments */
	struct policy policy;
	struct report report;
	bool input_error;
	bool internal_error;
	/* Built on first need, to keep secrets out of messages. */
	struct secret_scanner *redactor;
	bool redactor_failed;
	/* The run's secret engine with the policy's allowlists
	 * (cli_setup_secrets); NULL until then. */
	struct secret_scanner *secrets;
};

void cli_init(struct cli *c, const char *command);
void cli_release(struct cli *c);

/*
 * Parse argv (argv[0] is the command name).  Unknown options are a usage
 * error.  `extra` (NULL-name terminated, may be NULL) adds the command's
 * own options.  "--" ends options; everything after is positional.
 * Returns 0, or -1 after printing the error.
 */
int cli_parse(struct cli *c, int argc, char **argv, const struct cli_opt *extra,
	      void *ctx);

/*
 * Build the policy: config file (--config, or .hull.yaml upward from
 * `near`), ignore file, then command-line options, and check that the
 * --output file can be written.  Returns 0, or after printing the error
 * the exit code: HULL_EXIT_USAGE for a bad option or config,
 * HULL_EXIT_INTERNAL for an output file that cannot be written.
 */
int cli_setup_policy(struct cli *c, const char *near);

/*
 * Build c->secrets, the secret engine with the policy's allowlists, once
 * for the run (after cli_setup_policy).  Returns 0, or the exit code
 * after printing why (an allow pattern that is not a valid regex).
 */
int cli_setup_secrets(struct cli *c);

/*
 * A new secret engine with the policy's allowlists (after
 * cli_setup_policy), owned by the caller: for commands that keep their
 * own.  Returns NULL after printing why, with `e` set, when an allow
 * pattern is not a valid regex or the engine cannot start.
 */
struct secret_scanner *cli_secret_scanner_new(const struct cli *c,
					      struct err *e);

/* An input could not be read: print it, record it, go on. */
void cli_input_error(struct cli *c, const struct err *e);

/*
 * Apply the policy, sort, render in the chosen format to stdout or
 * --output, and return the exit code.
 */
int cli_finish(struct cli *c);

/*
 * Print "hull: msg" on stderr (errors are always shown; warnings and
 * notes not with -q).  Control characters in the message are shown as
 * \xNN, so text quoted from a server or an image cannot drive the
 * terminal.
 */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Messages quote at most CLI_QUOTE_MAX bytes of a command-line argument,
 * then "...": enough to recognise it, short enough that a hostile
 * argument cannot flood the terminal.  Write the quote as "'%.*s%s'" and
 * pass CLI_QUOTED(s) for its three arguments.
 */
#define CLI_QUOTE_MAX 64
#define CLI_QUOTED(s) cli_quote_len(s), (s), cli_quote_tail(s)
int cli_quote_len(const char *s);
const char *cli_quote_tail(const char *s);

/* Map an error kind to its exit code. */
int cli_exit_for(const struct err *e);

/* Write bytes to --output or stdout; returns 0 or -1 after printing. */
int cli_write_output(const struct cli *c, const char *data, size_t len);

/* Each command: argv[0] is the command's name. */
int cmd_scan(int argc, char **argv);
int cmd_dockerfile(int argc, char **argv);
int cmd_compose(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_image(int argc, char **argv);
int cmd_sbom(int argc, char **argv);
int cmd_secrets(int argc, char **argv);
int cmd_containers(int argc, char **argv);
int cmd_host(int argc, char **argv);
int cmd_harden(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
