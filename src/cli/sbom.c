/*
 * hull sbom IMAGE|DIR: the package inventory as CycloneDX, SPDX, hull's
 * JSON or a table.
 *
 * The format defaults to a table when stdout is a terminal and to
 * CycloneDX otherwise, so `hull sbom DIR > bom.json` writes a document.
 *
 * Directories (`DIR` or `dir:DIR`) go through the package directory
 * walker.  Anything else is an image reference: image_open() finds it,
 * image_scan() streams its layers through catalog_analyzer()'s analyzer,
 * then sbom_emit() renders the result.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/file.h"
#include "image/image.h"
#include "pkg/catalog.h"
#include "report/sbom.h"

/*
 * Print the problems on stderr, render, write; returns the exit code.
 * A package database that could not be read (cat->errors) is an error
 * and makes the exit code 3, but the inventory of what was read is
 * still written; hull's JSON lists errors and warnings as "problems".
 */
static int
sbom_emit(struct cli *c, struct catalog *cat, const struct sbom_subject *s)
{
	struct buf out = BUF_INIT;
	struct strvec problems = STRVEC_INIT;
	enum report_format fmt = c->opt.format;
	int rc = HULL_EXIT_OK;

	if (!c->opt.format_set)
		fmt = isatty(STDOUT_FILENO) && !c->opt.output
			  ? REPORT_TABLE
			  : REPORT_CYCLONEDX;
	for (size_t i = 0; i < cat->errors.n; i++) {
		cli_error("%s", cat->errors.v[i]);
		strvec_push(&problems, cat->errors.v[i]);
	}
	for (size_t i = 0; i < cat->problems.n; i++) {
		cli_warn("%s", cat->problems.v[i]);
		strvec_push(&problems, cat->problems.v[i]);
	}
	if (sbom_render(&cat->pkgs, s, &problems, fmt, &out) < 0) {
		cli_error("the package inventory has no %s format "
			  "(cyclonedx, spdx, json, table)",
			  fmt == REPORT_SARIF ? "sarif" : "github");
		rc = HULL_EXIT_USAGE;
	} else if (cli_write_output(c, out.data, out.len)) {
		rc = HULL_EXIT_INTERNAL;
	} else if (cat->errors.n) {
		rc = HULL_EXIT_INPUT;
	}
	strvec_release(&problems);
	buf_release(&out);
	return rc;
}

/* Print each layer that could not be read; returns how many. */
static size_t
layers_report_failed(const struct image *img)
{
	size_t n = 0;

	for (size_t i = 0; i < img->facts.n_layers; i++) {
		const struct image_layer *l = &img->facts.layers[i];
		const char *id = l->digest ? l->digest : l->member;

		if (!l->read_failed)
			continue;
		cli_error("cannot read layer %zu (%s) of image '%s': %s", i,
			  id ? id : "?", img->ref,
			  l->error ? l->error : "unknown error");
		n++;
	}
	return n;
}

/* The inventory of an image; returns the exit code. */
static int
sbom_image(struct cli *c, const char *ref)
{
	struct image_options opt = { 0 };
	struct sbom_subject s = { 0 };
	struct findings ignored = FINDINGS_INIT;
	struct err e = ERR_INIT;
	struct catalog cat;
	struct analyzer an;
	struct image img;
	size_t failed;
	int rc;

	opt.platform = c->opt.platform;
	opt.insecure_registry = c->opt.insecure_registry;
	image_init(&img);
	catalog_init(&cat);
	catalog_analyzer(&cat, &an);
	if (image_open(&img, ref, &opt, &e) < 0 ||
	    image_scan(&img, &an, 1, &ignored, &e) < 0) {
		err_prefix(&e, "cannot read image '%s'", ref);
		cli_error("%s", e.msg);
		rc = cli_exit_for(&e);
		goto out;
	}
	/* The inventory lacks what an unreadable layer holds: it is still
	 * written, but the run says that part of the image was not read. */
	failed = layers_report_failed(&img);
	catalog_finish(&cat);
	s.name = ref;
	s.is_image = true;
	rc = sbom_emit(c, &cat, &s);
	if (failed && rc == HULL_EXIT_OK)
		rc = HULL_EXIT_INPUT;
out:
	findings_release(&ignored);
	catalog_release(&cat);
	image_release(&img);
	return rc;
}

/* "dir:PATH" or an existing directory; NULL for anything else. */
static const char *
target_dir(const char *arg)
{
	if (!strncmp(arg, "dir:", 4))
		return arg + 4;
	return path_is_dir(arg) ? arg : NULL;
}

int
cmd_sbom(int argc, char **argv)
{
	struct catalog cat;
	struct sbom_subject s = { 0 };
	struct err e = ERR_INIT;
	const char *dir;
	struct cli c;
	int rc;

	cli_init(&c, "sbom");
	if (cli_parse(&c, argc, argv, NULL, NULL)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (c.args.n != 1) {
		cli_error("usage: hull sbom IMAGE|DIR [--format "
			  "cyclonedx|spdx|json|table]");
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	dir = target_dir(c.args.v[0]);
	if (!dir) {
		rc = sbom_image(&c, c.args.v[0]);
		cli_release(&c);
		return rc;
	}
	catalog_init(&cat);
	if (catalog_scan_dir(&cat, dir, &e) < 0 && !cat.pkgs.n &&
	    !path_is_dir(dir)) {
		cli_error("%s", e.msg);
		rc = HULL_EXIT_INPUT;
		goto out;
	}
	if (e.kind != ERR_NONE)
		cli_warn("%s", e.msg);
	s.name = dir;
	s.is_image = false;
	rc = sbom_emit(&c, &cat, &s);
out:
	catalog_release(&cat);
	cli_release(&c);
	return rc;
}
