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
#include "rules/rule.h"

/*
 * Analyzers that run on the layer stream besides hull's own file checks.
 * The secret scanner and the package catalogers are added here: `create`
 * sets up one analyzer for this image (its findings come out of its
 * `finish`), `destroy` frees it after the scan.
 */
struct image_analyzer_hook {
	const char *name;
	int (*create)(struct analyzer *out, const struct policy *policy,
		      struct image *img, struct err *e);
	void (*destroy)(struct analyzer *an);
};

static const struct image_analyzer_hook image_analyzer_hooks[] = {
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
analyzers_create(struct cli *c, struct image *img, struct analyzer *an,
		 size_t *n)
{
	*n = 0;
	for (size_t i = 0; image_analyzer_hooks[i].name; i++) {
		struct err e = ERR_INIT;

		if (image_analyzer_hooks[i].create(&an[*n], &c->policy, img,
						   &e) < 0) {
			cli_input_error(c, &e);
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
image_one(struct cli *c, const char *ref)
{
	struct image_options opt = { 0 };
	struct analyzer an[ARRAY_SIZE(image_analyzer_hooks)];
	size_t n_an = 0;
	struct image img;
	struct err e = ERR_INIT;
	int rc = -1;

	opt.platform = c->opt.platform;
	opt.insecure_registry = c->opt.insecure_registry;
	image_init(&img);
	img.facts.max_age_days = c->policy.image_max_age_days;
	img.facts.now = c->policy.now;
	img.facts.dockerfile = c->opt.dockerfile;
	strvec_push(&c->report.targets, ref);
	if (image_open(&img, ref, &opt, &e) < 0) {
		err_prefix(&e, "cannot read image '%s'", ref);
		cli_input_error(c, &e);
		goto out;
	}
	if (analyzers_create(c, &img, an, &n_an) < 0)
		goto out;
	if (image_scan(&img, an, n_an, &c->report.findings, &e) < 0) {
		err_prefix(&e, "cannot read image '%s'", ref);
		cli_input_error(c, &e);
		notes_print(&img);
		goto out;
	}
	notes_print(&img);
	/* NEEDSWORK: mapping layers to Dockerfile instructions waits for
	 * the Dockerfile parser (parse/dockerfile.h) to land; until then
	 * findings name the layer and its history entry only. */
	if (c->opt.dockerfile)
		cli_warn("--dockerfile '%s': mapping layers to instructions is "
			 "not in this build; findings name layers and history",
			 c->opt.dockerfile);
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
	image_one(&c, c.args.v[0]);
	rc = cli_finish(&c);
	cli_release(&c);
	return rc;
}
