/*
 * hull image IMAGE: read an image from any source in one pass over its
 * layers, run the image rules on its config and files, catalogue its
 * packages, match them against the vulnerability database, and report.
 *
 * Exit 3 when the image or a part of it cannot be read (no manifest, a
 * layer that does not decompress, a package database that does not
 * parse, daemon or registry unreachable), or when the vulnerability
 * database the user named (--db, db.path) is missing, unreadable or
 * damaged.  A bad layer is an IM018 finding and an error; the rest of
 * the image is still read and reported.  When
 * the default database does not exist, the scan warns and reports
 * everything else with its usual exit code; the report says that
 * vulnerabilities were not checked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "image/image.h"
#include "parse/dockerfile.h"
#include "pkg/catalog.h"
#include "rules/image.h"
#include "rules/rule.h"
#include "secret/secret.h"
#include "vuln/pkgmatch.h"
#include "vuln/vulndb.h"

/* The options only `hull image` has. */
struct image_cmd {
	bool no_vulns; /* --no-vulns: no packages, no database */
};

/* What the analyzer hooks may use: one scan of one image. */
struct image_run {
	struct cli *c;
	struct image_cmd *cmd;
	struct image *img;
	struct secret_scanner *secrets;
	struct catalog *cat; /* NULL until the package hook made it */
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

/* The package catalogers, for the vulnerability match after the scan.
 * Not made with --no-vulns: nothing would read the inventory. */
static int
packages_create(struct analyzer *out, struct image_run *run, struct err *e)
{
	(void)e;
	if (run->cmd->no_vulns)
		return 1;
	run->cat = xmalloc(sizeof(*run->cat));
	catalog_init(run->cat);
	catalog_analyzer(run->cat, out);
	return 0;
}

static void
packages_destroy(struct analyzer *an)
{
	catalog_release(an->self);
	free(an->self);
}

static const struct image_analyzer_hook image_analyzer_hooks[] = {
	{ "secrets", secrets_create, secret_analyzer_free },
	{ "packages", packages_create, packages_destroy },
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

/* The analyzers made for one scan, and the hook that made each. */
struct analyzer_set {
	struct analyzer an[ARRAY_SIZE(image_analyzer_hooks)];
	const struct image_analyzer_hook
	    *hook[ARRAY_SIZE(image_analyzer_hooks)];
	size_t n;
};

/* Make each hook's analyzer; a create that returns 1 is not wanted. */
static int
analyzers_create(struct image_run *run, struct analyzer_set *set)
{
	set->n = 0;
	for (size_t i = 0; image_analyzer_hooks[i].name; i++) {
		struct err e = ERR_INIT;
		int r =
		    image_analyzer_hooks[i].create(&set->an[set->n], run, &e);

		if (r < 0) {
			cli_input_error(run->c, &e);
			return -1;
		}
		if (r > 0)
			continue;
		set->hook[set->n++] = &image_analyzer_hooks[i];
	}
	return 0;
}

static void
analyzers_destroy(struct analyzer_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		set->hook[i]->destroy(&set->an[i]);
	set->n = 0;
}

/*
 * The notes as warnings; each layer that could not be read as an input
 * error too (besides its IM018 finding), so that a partly read image
 * exits 3 and the report lists what was not read.
 */
static void
notes_print(struct cli *c, const struct image *img)
{
	for (size_t i = 0; i < img->facts.notes.n; i++)
		cli_warn("%s: %s", img->ref, img->facts.notes.v[i]);
	for (size_t i = 0; i < img->facts.n_layers; i++) {
		const struct image_layer *l = &img->facts.layers[i];
		const char *id = l->digest ? l->digest : l->member;
		struct err e = ERR_INIT;

		if (l->skipped) {
			cli_warn("%s: layer %zu (%s) is a foreign layer and "
				 "was not read",
				 img->ref, i, id ? id : "?");
		} else if (l->read_failed) {
			err_set(&e, ERR_INPUT,
				"cannot read layer %zu (%s) of image '%s': %s",
				i, id ? id : "?", img->ref,
				l->error ? l->error : "unknown error");
			cli_input_error(c, &e);
		}
	}
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

/* The database to read, and whether the user chose it. */
static char *
db_path_for(const struct cli *c, bool *named)
{
	*named = c->policy.db_path != NULL;
	if (*named)
		return xstrdup(c->policy.db_path);
	return vulndb_default_path();
}

/* Record in the report that no vulnerability check happened, and why. */
static void
vulns_not_checked(struct cli *c, const char *path, char *why)
{
	char *copy = path ? xstrdup(path) : NULL;

	c->report.vulns.checked = false;
	free(c->report.vulns.database);
	c->report.vulns.database = copy;
	free(c->report.vulns.not_checked);
	c->report.vulns.not_checked = why;
}

/*
 * Open the database read-only.  A missing default database is a warning;
 * a missing or unreadable database the user named is an input error.
 * Returns the database or NULL (the reason is recorded in the report).
 */
static struct vulndb *
vulns_open(struct cli *c)
{
	struct vulndb *db = NULL;
	struct err e = ERR_INIT;
	struct stat st;
	bool named;
	char *path = db_path_for(c, &named);

	if (!path) {
		cli_warn("no vulnerability database: neither XDG_CACHE_HOME "
			 "nor HOME is set; use --db; vulnerabilities were not "
			 "checked");
		vulns_not_checked(c, NULL, xstrdup("no database path"));
		return NULL;
	}
	if (stat(path, &st) < 0 && errno == ENOENT) {
		char *msg = xasprintf("no vulnerability database at '%s'; run "
				      "'hull db import' or 'hull db update'; "
				      "vulnerabilities were not checked",
				      path);

		if (named) {
			err_set(&e, ERR_INPUT, "%s", msg);
			cli_input_error(c, &e);
		} else {
			cli_warn("%s", msg);
		}
		free(msg);
		vulns_not_checked(c, path, xstrdup("no database"));
		free(path);
		return NULL;
	}
	if (vulndb_open(&db, path, VULNDB_READ | VULNDB_VERIFY_ONCE, &e) < 0) {
		struct err why = ERR_INIT;

		err_set(&why, e.kind, "%s; vulnerabilities were not checked",
			e.msg);
		cli_input_error(c, &why);
		vulns_not_checked(c, path, xstrdup("unreadable database"));
		free(path);
		return NULL;
	}
	c->report.vulns.database = path;
	return db;
}

/* Warn when the data is older than db.max-age-days.  Returns -1 when
 * the record of imports cannot be read: the file is damaged, and
 * nothing it answers can be trusted (recorded as an input error). */
static int
vulns_age_check(struct cli *c, struct vulndb *db)
{
	struct err e = ERR_INIT;
	long age = vulndb_age_days(db, c->policy.now, &e);

	if (age == -2) {
		err_prefix(&e, "cannot read the imports of the vulnerability "
			       "database");
		cli_input_error(c, &e);
		vulns_not_checked(c, c->report.vulns.database,
				  xstrdup("damaged database"));
		return -1;
	}
	c->report.vulns.age_days = age;
	if (age < 0)
		cli_warn("vulnerability database '%s' records no import; "
			 "its age is unknown",
			 c->report.vulns.database);
	else if (age > c->policy.db_max_age_days)
		cli_warn("vulnerability data is %ld days old (db.max-age-days "
			 "is %ld); run 'hull db update'",
			 age, c->policy.db_max_age_days);
	return 0;
}

/* Each package's location: the image, its layer and that layer's
 * history line, and the file that recorded the package. */
static void
vulns_locate(const struct image_facts *facts, struct pkgmatch *pm)
{
	for (size_t i = 0; i < pm->n; i++) {
		const struct pkg *p = pm->from[i];

		image_facts_location(facts, p->layer_index, p->path,
				     &pm->locs[i]);
	}
}

/* The package file and the upgrade advice of each new vulnerability
 * finding, for the reporters. */
static void
vulns_details(struct findings *fs, size_t from)
{
	for (size_t i = from; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		struct vuln_detail *v = f->vuln;

		if (!v)
			continue;
		if (!v->pkg_path && f->loc.path)
			v->pkg_path = xstrdup(f->loc.path);
		if (!f->remediation && v->fixed_version)
			f->remediation =
			    xasprintf("upgrade %s to %s or later", v->pkg_name,
				      v->fixed_version);
	}
}

/*
 * The catalogers' problems: a package database that could not be read,
 * wholly or in part, is an input error (the check of what it holds is
 * incomplete); anything else (a manifest that does not parse) is a
 * warning.  Either way the rest still matches.
 */
static void
catalog_problems_print(struct cli *c, struct image_run *run)
{
	for (size_t i = 0; i < run->cat->errors.n; i++) {
		struct err e = ERR_INIT;

		err_set(&e, ERR_INPUT,
			"image '%s': %s; the vulnerability check of its "
			"packages is incomplete",
			run->img->ref, run->cat->errors.v[i]);
		cli_input_error(c, &e);
	}
	for (size_t i = 0; i < run->cat->problems.n; i++)
		cli_warn("%s: %s", run->img->ref, run->cat->problems.v[i]);
}

/* Match the catalogued packages against the database and add the
 * findings. */
static void
vulns_check(struct cli *c, struct image_run *run)
{
	struct pkgmatch pm;
	struct vulndb *db;
	struct err e = ERR_INIT;
	size_t from = c->report.findings.n;

	catalog_finish(run->cat);
	catalog_problems_print(c, run);
	db = vulns_open(c);
	if (!db)
		return;
	if (vulns_age_check(c, db) < 0) {
		vulndb_close(db);
		return;
	}
	pkgmatch_build(&pm, &run->cat->pkgs);
	vulns_locate(&run->img->facts, &pm);
	if (vulndb_match(db, pm.v, pm.n, &c->report.findings, &e) < 0) {
		err_prefix(&e, "cannot match packages against '%s'",
			   c->report.vulns.database);
		cli_input_error(c, &e);
		vulns_not_checked(c, c->report.vulns.database,
				  xstrdup("database error"));
	} else {
		c->report.vulns.checked = true;
		vuln_findings_dedup(&c->report.findings, from);
		vulns_details(&c->report.findings, from);
	}
	if (pm.skipped && c->opt.verbosity > 0)
		cli_warn("%s: %zu packages have no ecosystem hull matches "
			 "(unknown or unsupported distribution) and were not "
			 "checked",
			 run->img->ref, pm.skipped);
	pkgmatch_release(&pm);
	vulndb_close(db);
}

/* Scan one image into the report; returns 0, -1 when it could not be
 * read (recorded in the report), or HULL_EXIT_USAGE after printing. */
static int
image_one(struct cli *c, struct image_cmd *cmd, const char *ref,
	  struct secret_scanner *secrets)
{
	struct image_options opt = { 0 };
	struct analyzer_set set = { 0 };
	struct image_run run = { c, cmd, NULL, secrets, NULL };
	size_t from;
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
		if (e.kind == ERR_USAGE) {
			cli_error("%s", e.msg);
			rc = HULL_EXIT_USAGE;
			goto out;
		}
		cli_input_error(c, &e);
		goto out;
	}
	if (c->opt.dockerfile)
		dockerfile_map(c, &run);
	image_config_secrets(&img, run.secrets, &c->report.findings);
	if (analyzers_create(&run, &set) < 0)
		goto out;
	from = c->report.findings.n;
	if (image_scan(&img, set.an, set.n, &c->report.findings, &e) < 0) {
		err_prefix(&e, "cannot read image '%s'", ref);
		cli_input_error(c, &e);
		notes_print(c, &img);
		goto out;
	}
	image_findings_place(&img.facts, from, &c->report.findings);
	notes_print(c, &img);
	rules_run(&img.facts, &c->report.findings);
	if (run.cat)
		vulns_check(c, &run);
	rc = 0;
out:
	analyzers_destroy(&set);
	image_release(&img);
	return rc;
}

static int
opt_no_vulns(void *ctx, const char *arg)
{
	(void)arg;
	((struct image_cmd *)ctx)->no_vulns = true;
	return 0;
}

static const struct cli_opt image_opts[] = {
	{ "no-vulns", 0, false, opt_no_vulns,
	  "do not catalogue packages or match vulnerabilities" },
	{ NULL, 0, false, NULL, NULL },
};

int
cmd_image(int argc, char **argv)
{
	struct secret_scanner *secrets;
	struct image_cmd cmd = { false };
	struct err e = ERR_INIT;
	struct cli c;
	int rc;

	cli_init(&c, "image");
	if (cli_parse(&c, argc, argv, image_opts, &cmd)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (c.args.n != 1) {
		cli_error("usage: hull image [options] IMAGE");
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if ((rc = cli_setup_policy(&c, "."))) {
		cli_release(&c);
		return rc;
	}
	if (!(secrets = cli_secret_scanner_new(&c, &e))) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	c.report.vulns.applies = !cmd.no_vulns;
	c.report.vulns.age_days = -1;
	/* A reference that asks for the impossible ("-", an unknown Docker
	 * host scheme) is a usage error: no report. */
	if (image_one(&c, &cmd, c.args.v[0], secrets) == HULL_EXIT_USAGE) {
		secret_scanner_free(secrets);
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (c.report.vulns.applies && !c.report.vulns.checked &&
	    !c.report.vulns.not_checked)
		c.report.vulns.not_checked = xstrdup("the image was not read");
	secret_scanner_free(secrets);
	rc = cli_finish(&c);
	cli_release(&c);
	return rc;
}
