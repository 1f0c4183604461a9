/*
 * hull version [compare SCHEME A B]
 *
 * Without arguments, print hull's own version.  "compare" orders two
 * versions the way an ecosystem does and prints "<", "=" or ">".  An
 * unknown scheme, an invalid version or one longer than VERSION_MAX_LEN is
 * a usage error (exit 2); messages quote at most CLI_QUOTE_MAX bytes
 * of an argument.  The apk
 * scheme, like apk-tools, still orders strings outside its grammar (see
 * version-apk.c); that result is printed with a warning.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "vuln/version.h"

static void
version_usage(void)
{
	struct buf names = BUF_INIT;

	for (size_t i = 0; version_schemes[i]; i++)
		buf_addf(&names, "%s%s", i ? ", " : "",
			 version_schemes[i]->name);
	cli_error("usage: hull version compare SCHEME A B (schemes: %s)",
		  names.data);
	buf_release(&names);
}

static int
version_compare_cmd(const char *scheme, const char *a, const char *b)
{
	const struct version_scheme *s = version_scheme_find(scheme);
	int cmp;

	if (!s) {
		cli_error("unknown version scheme '%.*s%s'",
			  CLI_QUOTED(scheme));
		version_usage();
		return HULL_EXIT_USAGE;
	}
	for (int i = 0; i < 2; i++) {
		const char *v = i ? b : a;

		if (strlen(v) > VERSION_MAX_LEN) {
			cli_error("version '%.*s%s' is too long (%zu bytes; "
				  "at most %d)",
				  CLI_QUOTED(v), strlen(v), VERSION_MAX_LEN);
			return HULL_EXIT_USAGE;
		}
		if (s->valid(v))
			continue;
		if (!s->lenient) {
			cli_error("'%.*s%s' is not a valid %s version",
				  CLI_QUOTED(v), s->name);
			return HULL_EXIT_USAGE;
		}
		cli_warn("'%.*s%s' is not a valid %s version; ordered as "
			 "apk-tools orders it",
			 CLI_QUOTED(v), s->name);
	}
	if (version_compare(s, a, b, &cmp)) {
		cli_error("cannot compare '%.*s%s' and '%.*s%s' as %s versions",
			  CLI_QUOTED(a), CLI_QUOTED(b), s->name);
		return HULL_EXIT_USAGE;
	}
	printf("%s\n", cmp < 0 ? "<" : cmp > 0 ? ">" : "=");
	return HULL_EXIT_OK;
}

int
cmd_version(int argc, char **argv)
{
	const char *args[4];
	bool dashes = false;
	int i = 1, n = 0;

	if (argc == 1) {
		printf("hull %s\n", HULL_VERSION);
		return HULL_EXIT_OK;
	}
	if (strcmp(argv[i], "compare")) {
		cli_error("unknown subcommand '%.*s%s'", CLI_QUOTED(argv[i]));
		version_usage();
		return HULL_EXIT_USAGE;
	}
	/* Versions may start with '-': "--" (anywhere) is the only option,
	 * and is dropped once. */
	for (i++; i < argc && n < 4; i++) {
		if (!dashes && !strcmp(argv[i], "--")) {
			dashes = true;
			continue;
		}
		args[n++] = argv[i];
	}
	if (n != 3 || i != argc) {
		version_usage();
		return HULL_EXIT_USAGE;
	}
	return version_compare_cmd(args[0], args[1], args[2]);
}
