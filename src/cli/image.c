/*
 * hull image IMAGE: read an image from any source in one pass over its
 * layers, run the image rules on its config and files, and report.
 *
 * Exit 3 only when the image as a whole cannot be read (no manifest, no
 * layer readable, daemon or registry unreachable); a bad layer is an
 * IM018 finding and the rest of the image is still reported.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "image/image.h"
#include "parse/dockerfile.h"
#include "rules/image.h"
#include "rules/rule.h"
#include "secret/secret.h"

/* What the analyzer hooks may use: one scan of one image. */
struct image_run {
	struct cli *c;
	struct image *img;
	struct secret_scanner *secrets;
};

/*
 * Analyzers that run on the layer stream besides hull's own file checks.
 * The secret scanner and the package catalogers are added here: `create`
 * sets up one analyzer for this image (its findings come out of its
 * `finish`), `destroy` frees it after the scan.
 */
struct image_analyzer_hook {
	const char *name;
	int (*create)(struct analyzer *out, struct image_run *run,
		      struct err *e);
	void (*destroy)(struct analyzer *an);
};

static int
secrets_create(struct analyzer *out, struct image_run *run, struct err *e)
{
	(void)e;
	*out = secret_analyzer_new(run->secrets, run->img->ref);
	return 0;
}

static const struct image_analyzer_hook image_analyzer_hooks[] = {
	{ "secrets", secrets_create, secret_analyzer_free },
	{ NULL, NULL, NULL },
};

static void
rules_run(const struct image_facts *facts, struct findings *out)
{
	for (unsigned i = 0; i < rules_count(); i++) {
		const struct rule *r = rules_at(i);

		if (r->target == RULE_IMAGE && r->check.image)
			r->check.image(r, facts, out);
	}
}

static int
analyzers_create(struct image_run *run, struct analyzer *an, size_t *n)
{
	*n = 0;
	for (size_t i = 0; image_analyzer_hooks[i].name; i++) {
		struct err e = ERR_INIT;

		if (image_analyzer_hooks[i].create(&an[*n], run, &e) < 0) {
			cli_input_error(run->c, &e);
			return -1;
		}
		(*n)++;
	}
	return 0;
}

static void
analyzers_destroy(struct analyzer *an, size_t n)
{
	for (size_t i = 0; i < n; i++)
		image_analyzer_hooks[i].destroy(&an[i]);
}

static void
notes_print(const struct image *img)
{
	for (size_t i = 0; i < img->facts.notes.n; i++)
		cli_warn("%s: %s", img->ref, img->facts.notes.v[i]);
	for (size_t i = 0; i < img->facts.n_layers; i++) {
		const struct image_layer *l = &img->facts.layers[i];

		if (l->skipped)
			cli_warn("%s: layer %zu (%s) is a foreign layer and "
				 "was not read",
				 img->ref, i, l->digest ? l->digest : "?");
		else if (l->read_failed)
			cli_error("cannot read layer %zu of '%s': %s", i,
				  img->ref, l->error);
	}
}

static int
scanner_build(struct cli *c, struct secret_scanner **out)
{
	struct secret_options o = SECRET_OPTIONS_INIT;
	struct err e = ERR_INIT;

	o.allow_paths = &c->policy.secret_allow_paths;
	o.allow_patterns = &c->policy.secret_allow_patterns;
	*out = secret_scanner_new(&o, &e);
	if (!*out) {
		cli_error("%s", e.msg);
		return -1;
	}
	return 0;
}

/* --dockerfile: which instruction made each layer. */
static void
dockerfile_map(struct cli *c, struct image_run *run)
{
	struct dockerfile df;
	struct strvec warnings = STRVEC_INIT;
	struct err e = ERR_INIT;
	const char *path = c->opt.dockerfile;

	if (dockerfile_load(&df, path, &e) < 0) {
		err_prefix(&e, "--dockerfile '%s'", path);
		cli_input_error(c, &e);
		run->img->facts.dockerfile = NULL;
		return;
	}
	if (image_dockerfile_map(run->img, &df, run->secrets, &warnings) < 0) {
		for (size_t i = 0; i < warnings.n; i++)
			cli_warn("--dockerfile '%s': %s; no layer is mapped to "
				 "an instruction",
				 path, warnings.v[i]);
		run->img->facts.dockerfile = NULL;
	}
	strvec_release(&warnings);
	dockerfile_release(&df);
}

static int
image_one(struct cli *c, const char *ref, struct secret_scanner *secrets)
{
	struct image_options opt = { 0 };
	struct analyzer an[ARRAY_SIZE(image_analyzer_hooks)];
	struct image_run run = { c, NULL, secrets };
	size_t n_an = 0, from;
	struct image img;
	struct err e = ERR_INIT;
	int rc = -1;

	opt.platform = c->opt.platform;
	opt.insecure_registry = c->opt.insecure_registry;
	image_init(&img);
	run.img = &img;
	img.facts.max_age_days = c->policy.image_max_age_days;
	img.facts.now = c->policy.now;
	img.facts.dockerfile = c->opt.dockerfile;
	strvec_push(&c->report.targets, ref);
	if (image_open(&img, ref, &opt, &e) < 0) {
		err_prefix(&e, "cannot read image '%s'", ref);
		cli_input_error(c, &e);
		goto out;
	}
	if (c->opt.dockerfile)
		dockerfile_map(c, &run);
	image_config_secrets(&img, run.secrets, &c->report.findings);
	if (analyzers_create(&run, an, &n_an) < 0)
		goto out;
	from = c->report.findings.n;
	if (image_scan(&img, an, n_an, &c->report.findings, &e) < 0) {
		err_prefix(&e, "cannot read image '%s'", ref);
		cli_input_error(c, &e);
		notes_print(&img);
		goto out;
	}
	image_findings_place(&img.facts, from, &c->report.findings);
	notes_print(&img);
	rules_run(&img.facts, &c->report.findings);
	rc = 0;
out:
	analyzers_destroy(an, n_an);
	image_release(&img);
	return rc;
}

int
cmd_image(int argc, char **argv)
{
	struct secret_scanner *secrets;
	struct cli c;
	int rc;

	cli_init(&c, "image");
	if (cli_parse(&c, argc, argv, NULL, NULL)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (c.args.n != 1) {
		cli_error("usage: hull image [options] IMAGE");
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (cli_setup_policy(&c, ".")) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (scanner_build(&c, &secrets) < 0) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	image_one(&c, c.args.v[0], secrets);
	secret_scanner_free(secrets);
	rc = cli_finish(&c);
	cli_release(&c);
	return rc;
}
