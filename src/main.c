/*
 * hull: audit containerised applications for security.
 *
 * This file holds the command table and the options that come before a
 * command.  Each command is in src/cli/<name>.c.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/util.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *args;
	const char *summary;
};

static const struct command commands[] = {
	{ "scan", cmd_scan, "[DIR]",
	  "audit a whole project: Dockerfiles, compose files, run lines, "
	  "context" },
	{ "dockerfile", cmd_dockerfile, "PATH...",
	  "lint Dockerfiles and Containerfiles (directories are searched)" },
	{ "compose", cmd_compose, "[--file F]... [--profile P]... [PATH...]",
	  "audit compose files (several --file are merged in order)" },
	{ "run", cmd_run, "-- docker run ARGS... | --in FILE",
	  "audit a docker run line, or every one in a script" },
	{ "image", cmd_image, "IMAGE",
	  "audit an image: config, files, secrets, packages, "
	  "vulnerabilities" },
	{ "sbom", cmd_sbom, "IMAGE|DIR",
	  "print the package inventory (cyclonedx, spdx, json, table)" },
	{ "secrets", cmd_secrets, "PATH...",
	  "scan files, directories and tarballs for secrets" },
	{ "containers", cmd_containers, "[NAME...]",
	  "audit running containers through the Engine API" },
	{ "host", cmd_host, "", "audit the Docker daemon and host" },
	{ "harden", cmd_harden, "IMAGE|COMPOSE[:SERVICE]",
	  "print a hardened docker run line and compose snippet" },
	{ "db", cmd_db, "import|update|info|cvss",
	  "manage the vulnerability database; score CVSS vectors" },
	{ "rules", cmd_rules, "[ID]", "list the rules, or explain one" },
	{ "version", cmd_version, "compare SCHEME A B",
	  "compare two versions the way an ecosystem does" },
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: hull COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(fp, "  %s %s\n      %s\n", commands[i].name,
			commands[i].args, commands[i].summary);
	fprintf(fp,
		"\ncommon options:\n"
		"  -f, --format FMT       table, json, sarif, github; for "
		"sbom: cyclonedx,\n"
		"                         spdx, json, table\n"
		"  -o, --output FILE      write the report to FILE\n"
		"  -s, --severity LIST    severities to show, e.g. "
		"CRITICAL,HIGH\n"
		"      --fail-on SEV      exit 1 on findings at or above SEV "
		"(default MEDIUM; never)\n"
		"      --ignore-unfixed   hide vulnerabilities with no fix\n"
		"  -c, --config FILE      config file (default .hull.yaml "
		"upward from the target)\n"
		"      --ignore-file FILE ignores, each with a reason\n"
		"      --rule ID / --skip ID  only / never these rules (hull "
		"ids or aliases)\n"
		"      --db PATH          vulnerability database\n"
		"      --offline          never use the network\n"
		"  -q, --quiet / -v, --verbose\n"
		"      --no-color\n"
		"\nexit codes: 0 clean, 1 findings at or above --fail-on, 2 "
		"usage, 3 unreadable\ninput or unreachable daemon/registry, 4 "
		"internal error.  See hull(1).\n");
}

/* "-h" or "--help" before any "--" asks for the command's usage. */
static bool
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return HULL_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("hull %s\n", HULL_VERSION);
		return HULL_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return HULL_EXIT_OK;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		if (wants_help(argc - 1, argv + 1)) {
			printf("usage: hull %s %s\n  %s\n\nThe common options "
			       "are listed by 'hull --help'; every option is "
			       "in hull(1)\n(man -l docs/hull.1).\n",
			       commands[i].name, commands[i].args,
			       commands[i].summary);
			return HULL_EXIT_OK;
		}
		return commands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "hull: '%s' is not a hull command\n\n", argv[1]);
	usage(stderr);
	return HULL_EXIT_USAGE;
}
