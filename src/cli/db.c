/*
 * hull db import|update|info|cvss: manage the vulnerability database,
 * score CVSS vectors.
 *
 *   hull db import PATH...   add advisory files, directories or archives
 *   hull db update [URL...]  rebuild from db.sources (or the URLs given)
 *   hull db info             sources, counts per ecosystem, age
 *   hull db cvss VECTOR...   score CVSS vectors ("-": one a line on stdin)
 *
 * The database is --db, else db.path from .hull.yaml, else the default
 * cache path.  Import is one transaction: a file that fails leaves the
 * database as it was.  A failed update leaves the old database in place
 * and exits 3.  Import, update and info check every page of the database
 * (vulndb_verify) and exit 3 when it is damaged; import and update also
 * refuse an SQLite file that is not hull's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "report/jsonw.h"
#include "vuln/cvss.h"
#include "vuln/update.h"
#include "vuln/vulndb.h"

static char *
db_path_for(struct cli *c)
{
	if (c->policy.db_path)
		return xstrdup(c->policy.db_path);
	return vulndb_default_path();
}

/* How a summary names what was skipped, one and many. */
static const char *const skip_words[VULNDB_SKIP_KINDS][2] = {
	[VULNDB_SKIP_FILE] = { "file of no advisory format",
			       "files of no advisory format" },
	[VULNDB_SKIP_RECORD] = { "record", "records" },
	[VULNDB_SKIP_AFFECTED] = { "affected entry", "affected entries" },
	[VULNDB_SKIP_FIELD] = { "malformed field", "malformed fields" },
};

/* "; skipped 1 record, 2 affected entries (first: NOTE)", or nothing. */
static void
skip_summary(struct buf *out, const struct vulndb_stats *st)
{
	const char *sep = "; skipped ";

	if (!vulndb_stats_skipped(st))
		return;
	for (int k = 0; k < VULNDB_SKIP_KINDS; k++) {
		if (!st->skipped[k])
			continue;
		buf_addf(out, "%s%zu %s", sep, st->skipped[k],
			 skip_words[k][st->skipped[k] != 1]);
		sep = ", ";
	}
	buf_addstr(out, " (first: ");
	report_add_printable(out, st->first_skip);
	buf_addch(out, ')');
}

static int
db_import(struct cli *c, const char *path)
{
	struct vulndb *db = NULL;
	struct err e = ERR_INIT;
	struct vulndb_stats total = { 0 };
	time_t now = time(NULL);
	int rc = HULL_EXIT_OK;

	if (c->args.n < 2) {
		cli_error("usage: hull db import PATH...");
		return HULL_EXIT_USAGE;
	}
	if (vulndb_open(&db, path, VULNDB_CREATE | VULNDB_VERIFY, &e) ||
	    vulndb_begin(db, &e))
		goto fail;
	for (size_t i = 1; i < c->args.n; i++) {
		struct vulndb_stats st = { 0 };
		char *url = realpath(c->args.v[i], NULL);
		struct vulndb_source src = { c->args.v[i], NULL, NULL, NULL,
					     now,	   0,	 0 };

		if (vulndb_import_path(db, c->args.v[i], &st, &e)) {
			free(url);
			goto fail;
		}
		src.url = url ? url : c->args.v[i];
		src.advisories = st.advisories;
		src.affected = st.affected;
		if (vulndb_source_put(db, &src, &e)) {
			free(url);
			goto fail;
		}
		free(url);
		if (c->opt.verbosity >= 0) {
			struct buf skips = BUF_INIT;

			skip_summary(&skips, &st);
			fprintf(stderr,
				"hull: imported '%s': %zu files, %zu "
				"advisory records, %zu affected packages%s\n",
				c->args.v[i], st.files, st.advisories,
				st.affected, skips.data);
			buf_release(&skips);
		}
		total.files += st.files;
		total.advisories += st.advisories;
	}
	/* What was written is read back whole before it is committed. */
	if (vulndb_verify(db, &e) || vulndb_commit(db, &e))
		goto fail;
	vulndb_close(db);
	vulndb_stamp_file(path);
	return rc;
fail:
	if (db)
		vulndb_rollback(db);
	vulndb_close(db);
	cli_error("import failed: %s; the database was not changed", e.msg);
	return cli_exit_for(&e) == HULL_EXIT_USAGE ? HULL_EXIT_USAGE
						   : HULL_EXIT_INPUT;
}

static int
db_update(struct cli *c, const char *path)
{
	struct strvec sources = STRVEC_INIT;
	struct update_result res;
	struct err e = ERR_INIT;
	const struct strvec *use = &c->policy.db_sources;

	if (c->opt.offline) {
		cli_error("'hull db update' needs the network; --offline was "
			  "given");
		return HULL_EXIT_USAGE;
	}
	for (size_t i = 1; i < c->args.n; i++)
		strvec_push(&sources, c->args.v[i]);
	if (sources.n)
		use = &sources;
	if (vulndb_update(path, use, &res, &e)) {
		strvec_release(&sources);
		cli_error("update failed: %s", e.msg);
		if (e.kind == ERR_USAGE)
			return HULL_EXIT_USAGE;
		cli_error("the database at '%s' was left as it was", path);
		return HULL_EXIT_INPUT;
	}
	strvec_release(&sources);
	if (c->opt.verbosity < 0)
		return HULL_EXIT_OK;
	if (res.rebuilt) {
		struct buf skips = BUF_INIT;

		skip_summary(&skips, &res.stats);
		fprintf(stderr,
			"hull: updated '%s' from %zu sources (%zu new, %zu not "
			"modified): %zu advisory records, %zu affected "
			"packages%s\n",
			path, res.sources, res.downloaded, res.not_modified,
			res.stats.advisories, res.stats.affected, skips.data);
		buf_release(&skips);
	} else
		fprintf(stderr,
			"hull: '%s' is up to date (%zu sources not modified)\n",
			path, res.not_modified);
	return HULL_EXIT_OK;
}

struct info_ctx {
	struct buf *out;
	struct jsonw *w;
	time_t now;
};

static void
info_source(void *ctx, const struct vulndb_source *s)
{
	struct info_ctx *ic = ctx;
	char when[32] = "never";
	struct tm tm;

	if (ic->w) {
		jsonw_obj(ic->w);
		jsonw_kstr(ic->w, "name", s->name);
		jsonw_kstr(ic->w, "url", s->url);
		jsonw_kstr(ic->w, "etag", s->etag);
		jsonw_kstr(ic->w, "last_modified", s->last_modified);
		jsonw_kint(ic->w, "imported_at", (long long)s->imported_at);
		jsonw_kint(ic->w, "advisories", (long long)s->advisories);
		jsonw_kint(ic->w, "affected", (long long)s->affected);
		jsonw_end(ic->w);
		return;
	}
	if (s->imported_at && gmtime_r(&s->imported_at, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	buf_addstr(ic->out, "  ");
	report_add_printable_cell(ic->out, s->name, 50);
	buf_addf(ic->out, " %8zu %9zu  %s\n", s->advisories, s->affected, when);
}

static void
info_ecosystem(void *ctx, const char *eco, size_t advisories, size_t pkgs)
{
	struct info_ctx *ic = ctx;

	if (ic->w) {
		jsonw_obj(ic->w);
		jsonw_kstr(ic->w, "ecosystem", eco);
		jsonw_kint(ic->w, "advisories", (long long)advisories);
		jsonw_kint(ic->w, "packages", (long long)pkgs);
		jsonw_end(ic->w);
		return;
	}
	buf_addstr(ic->out, "  ");
	report_add_printable_cell(ic->out, eco, 20);
	buf_addf(ic->out, " %10zu %10zu\n", advisories, pkgs);
}

static int
db_info_run(struct vulndb *db, struct buf *out, struct jsonw *w,
	    struct vulndb_totals *t, struct err *e)
{
	struct info_ctx ic = { out, w, time(NULL) };
	struct vulndb_info_cb sources = { info_source, NULL, &ic };
	struct vulndb_info_cb ecos = { NULL, info_ecosystem, &ic };

	if (w) {
		jsonw_key(w, "sources");
		jsonw_arr(w);
	} else {
		buf_addf(out, "sources:\n  %-50s %8s %9s  %s\n", "NAME",
			 "RECORDS", "AFFECTED", "IMPORTED");
	}
	if (vulndb_info(db, &sources, t, e))
		return -1;
	if (w) {
		jsonw_end(w);
		jsonw_key(w, "ecosystems");
		jsonw_arr(w);
	} else {
		buf_addf(out, "\necosystems:\n  %-20s %10s %10s\n", "ECOSYSTEM",
			 "ADVISORIES", "PACKAGES");
	}
	if (vulndb_info(db, &ecos, t, e))
		return -1;
	if (w)
		jsonw_end(w);
	return 0;
}

static int
db_info(struct cli *c, const char *path)
{
	struct vulndb *db = NULL;
	struct err e = ERR_INIT;
	struct vulndb_totals t;
	struct buf out = BUF_INIT;
	struct jsonw w;
	bool json = c->opt.format == REPORT_JSON;
	long age;
	int rc = HULL_EXIT_OK;

	if (vulndb_open(&db, path, VULNDB_READ | VULNDB_VERIFY, &e)) {
		cli_error("%s", e.msg);
		return HULL_EXIT_INPUT;
	}
	if (json) {
		jsonw_init(&w, &out, false);
		jsonw_obj(&w);
		jsonw_kstr(&w, "path", path);
	} else {
		buf_addf(&out, "database: %s\n\n", path);
	}
	if (db_info_run(db, &out, json ? &w : NULL, &t, &e)) {
		cli_error("%s", e.msg);
		rc = HULL_EXIT_INPUT;
		goto out;
	}
	age = vulndb_age_days(db, time(NULL), &e);
	if (age == -2) {
		cli_error("%s", e.msg);
		rc = HULL_EXIT_INPUT;
		goto out;
	}
	if (json) {
		jsonw_kint(&w, "advisories", (long long)t.advisories);
		jsonw_kint(&w, "aliases", (long long)t.aliases);
		jsonw_kint(&w, "affected", (long long)t.affected);
		jsonw_kint(&w, "age_days", age);
		jsonw_end(&w);
		buf_addch(&out, '\n');
	} else {
		buf_addf(&out,
			 "\ntotal: %zu advisories, %zu aliases, %zu affected "
			 "packages; ",
			 t.advisories, t.aliases, t.affected);
		if (age < 0)
			buf_addstr(&out, "age unknown\n");
		else
			buf_addf(&out, "data is %ld days old\n", age);
	}
	if (age > c->policy.db_max_age_days)
		cli_warn("vulnerability data is %ld days old (db.max-age-days "
			 "is %ld); run 'hull db update'",
			 age, c->policy.db_max_age_days);
	if (cli_write_output(c, out.data, out.len))
		rc = HULL_EXIT_INTERNAL;
out:
	buf_release(&out);
	vulndb_close(db);
	return rc;
}

/* The CVSS qualitative rating: "NONE" for 0.0, else the severity. */
static const char *
cvss_rating(const struct cvss *c)
{
	if (c->score <= 0)
		return "NONE";
	return severity_name(cvss_severity(c->score, c->version == CVSS_V2));
}

static const char *
cvss_kind(const struct cvss *c)
{
	switch (c->version) {
	case CVSS_V2:
		return "2.0";
	case CVSS_V30:
		return "3.0";
	case CVSS_V31:
		return "3.1";
	case CVSS_V40:
		break;
	}
	return c->nomenclature;
}

/* One line "SCORE<TAB>RATING<TAB>KIND<TAB>VECTOR", KIND being the 4.0
 * nomenclature (CVSS-B, CVSS-BT, CVSS-BE, CVSS-BTE) or the version. */
static int
cvss_line(struct buf *out, const char *vector)
{
	struct cvss c;
	struct err e = ERR_INIT;

	if (cvss_compute(vector, &c, &e)) {
		cli_error("invalid CVSS vector '%.*s%s': %s",
			  CLI_QUOTED(vector), e.msg);
		return -1;
	}
	buf_addf(out, "%.1f\t%s\t%s\t%s\n", c.score, cvss_rating(&c),
		 cvss_kind(&c), vector);
	return 0;
}

/* Vectors one a line from stdin; a line longer than any vector is an
 * error and the rest of it is skipped. */
static int
cvss_stdin(struct buf *out)
{
	char line[CVSS_MAX_VECTOR + 2];
	int bad = 0;

	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strcspn(line, "\r\n");
		int ch;

		if (!line[len] && !feof(stdin)) {
			cli_error("CVSS vector on stdin longer than %d "
				  "characters",
				  CVSS_MAX_VECTOR);
			while ((ch = getchar()) != EOF && ch != '\n')
				;
			bad = 1;
			continue;
		}
		line[len] = '\0';
		if (len && cvss_line(out, line))
			bad = 1;
	}
	return bad ? -1 : 0;
}

/* Score vectors: not a database command, but where a user looks for
 * how hull turned an advisory's vector into its severity. */
static int
db_cvss(struct cli *c)
{
	struct buf out = BUF_INIT;
	int rc = HULL_EXIT_OK;

	if (c->args.n < 2) {
		cli_error("usage: hull db cvss VECTOR... | -");
		return HULL_EXIT_USAGE;
	}
	for (size_t i = 1; i < c->args.n; i++) {
		const char *a = c->args.v[i];

		if (!strcmp(a, "-") ? cvss_stdin(&out) : cvss_line(&out, a))
			rc = HULL_EXIT_INPUT;
	}
	if (cli_write_output(c, out.data, out.len))
		rc = HULL_EXIT_INTERNAL;
	buf_release(&out);
	return rc;
}

int
cmd_db(int argc, char **argv)
{
	struct cli c;
	char *path = NULL;
	int rc;

	cli_init(&c, "db");
	if (cli_parse(&c, argc, argv, NULL, NULL)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (!c.args.n) {
		cli_error("usage: hull db import PATH... | update [URL...] | "
			  "info | cvss VECTOR...");
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if ((rc = cli_setup_policy(&c, ".")))
		goto out;
	if (!strcmp(c.args.v[0], "cvss")) {
		rc = db_cvss(&c);
		goto out;
	}
	path = db_path_for(&c);
	if (!path) {
		cli_error("no database path: set --db, db.path, "
			  "XDG_CACHE_HOME or HOME");
		rc = HULL_EXIT_USAGE;
		goto out;
	}
	if (!strcmp(c.args.v[0], "import")) {
		rc = db_import(&c, path);
	} else if (!strcmp(c.args.v[0], "update")) {
		rc = db_update(&c, path);
	} else if (!strcmp(c.args.v[0], "info") && c.args.n == 1) {
		rc = db_info(&c, path);
	} else {
		cli_error("usage: hull db import PATH... | update [URL...] | "
			  "info | cvss VECTOR...");
		rc = HULL_EXIT_USAGE;
	}
out:
	free(path);
	cli_release(&c);
	return rc;
}
