/*
 * Matching: the Alpine 3.10 image against the vuln-list data (the exact
 * expected findings of data/advisories/alpine-3.10-vulnlist), against
 * alpine-secdb v3.10 (no findings), and small OSV and Debian files
 * written here that exercise each matching path, ecosystem and severity
 * fallback.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "vuln/match.h"
#include "vuln/vulndb.h"

#include "vulndbtest.h"

static char tmpdir[] = "/tmp/hull-test-match-XXXXXX";

static void
write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(path);
}

/* A fresh database holding everything imported from `paths`. */
static struct vulndb *
db_from(const char *const *paths, size_t n)
{
	static int serial;
	char *dbpath = xasprintf("%s/db-%d.sqlite", tmpdir, serial++);
	struct vulndb *db = testdb_import(dbpath, paths, n);

	free(dbpath);
	return db;
}

static bool
have_data(void)
{
	return access(HULL_TEST_DATA "/advisories", F_OK) == 0;
}

#define MAX_PKGS 64

struct pkglist {
	struct match_pkg p[MAX_PKGS];
	char *text[MAX_PKGS][4];
	size_t n;
};

/* Read name, version, origin from images/alpine-310.packages.tsv. */
static void
read_packages(struct pkglist *l, const char *path, const char *eco)
{
	FILE *fp = fopen(path, "r");
	char line[512];

	assert_non_null(fp);
	l->n = 0;
	assert_non_null(fgets(line, sizeof(line), fp)); /* header */
	while (fgets(line, sizeof(line), fp) && l->n < MAX_PKGS) {
		char *f[4] = { line, NULL, NULL, NULL };

		line[strcspn(line, "\n")] = '\0';
		for (int i = 1; i < 4; i++) {
			f[i] = strchr(f[i - 1], '\t');
			assert_non_null(f[i]);
			*f[i]++ = '\0';
		}
		for (int i = 0; i < 4; i++)
			l->text[l->n][i] = xstrdup(f[i]);
		l->p[l->n] = (struct match_pkg){ eco,
						 l->text[l->n][0],
						 l->text[l->n][2],
						 l->text[l->n][1],
						 NULL,
						 NULL,
						 NULL };
		l->n++;
	}
	fclose(fp);
}

static void
pkglist_release(struct pkglist *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (int k = 0; k < 4; k++)
			free(l->text[i][k]);
}

static const struct finding *
find(const struct findings *fs, const char *id, const char *pkg)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].id, id) &&
		    !strcmp(fs->v[i].vuln->pkg_name, pkg))
			return &fs->v[i];
	return NULL;
}

static void
alpine_310_image_matches_expected_findings(void **state)
{
	const char *src[] = { HULL_TEST_DATA
			      "/advisories/alpine-3.10-vulnlist" };
	struct findings fs = FINDINGS_INIT;
	struct pkglist l;
	struct err e = ERR_INIT;
	struct vulndb *db;
	char line[512];
	FILE *fp;
	int expected = 0, n;

	(void)state;
	if (!have_data()) {
		print_message("skipped: ../shared/data is absent\n");
		skip();
	}
	db = db_from(src, 1);
	read_packages(&l, HULL_TEST_DATA "/images/alpine-310.packages.tsv",
		      "alpine:3.10.4");
	assert_int_equal(l.n, 14);
	n = vulndb_match(db, l.p, l.n, &fs, &e);
	assert_int_equal(n, (int)fs.n);

	fp = fopen(HULL_TEST_DATA
		   "/advisories/alpine-3.10-vulnlist/expected-alpine-310.tsv",
		   "r");
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof(line), fp));
	while (fgets(line, sizeof(line), fp)) {
		char pkg[64], inst[64], origin[64], cve[64], fixed[64],
		    verdict[32];
		const struct finding *f;

		assert_int_equal(sscanf(line, "%63s %63s %63s %63s %63s %31s",
					pkg, inst, origin, cve, fixed, verdict),
				 6);
		f = find(&fs, cve, pkg);
		if (strcmp(verdict, "vulnerable")) {
			if (f)
				fail_msg("%s %s reported but fixed", pkg, cve);
			continue;
		}
		expected++;
		if (!f)
			fail_msg("%s %s %s missing", pkg, inst, cve);
		assert_string_equal(f->vuln->pkg_version, inst);
		assert_non_null(f->vuln->fixed_version);
		assert_string_equal(f->vuln->fixed_version, fixed);
		assert_string_equal(f->vuln->status, "fixed");
	}
	fclose(fp);
	assert_int_equal(expected, 20);
	assert_int_equal(fs.n, 20);
	findings_release(&fs);
	pkglist_release(&l);
	vulndb_close(db);
}

static void
alpine_310_image_clean_against_secdb_v310(void **state)
{
	const char *src[] = {
		HULL_TEST_DATA "/advisories/alpine-secdb/v3.10/main.yaml",
		HULL_TEST_DATA "/advisories/alpine-secdb/v3.10/community.yaml",
	};
	struct findings fs = FINDINGS_INIT;
	struct pkglist l;
	struct err e = ERR_INIT;
	struct vulndb *db;

	(void)state;
	if (!have_data()) {
		print_message("skipped: ../shared/data is absent\n");
		skip();
	}
	db = db_from(src, 2);
	read_packages(&l, HULL_TEST_DATA "/images/alpine-310.packages.tsv",
		      "alpine:3.10.4");
	assert_int_equal(vulndb_match(db, l.p, l.n, &fs, &e), 0);
	assert_int_equal(fs.n, 0);

	/* The same data does know these packages: an older install hits. */
	l.p[0].version = "1.1.22-r2"; /* musl, CVE-2019-14697 fixed r3 */
	assert_int_equal(vulndb_match(db, l.p, 1, &fs, &e), 1);
	assert_string_equal(fs.v[0].id, "CVE-2019-14697");
	assert_string_equal(fs.v[0].vuln->fixed_version, "1.1.22-r3");
	findings_release(&fs);
	pkglist_release(&l);
	vulndb_close(db);
}

/* OSV files for each ecosystem and range kind. */
static const char osv_npm[] =
    "{\"id\":\"GHSA-npm1\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"summary\":\"prototype pollution\",\"aliases\":[\"CVE-2099-1000\"],"
    "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
    "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],"
    "\"database_specific\":{\"severity\":\"LOW\"},"
    "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"lodash\"},"
    "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
    "{\"fixed\":\"4.17.21\"}]}],"
    "\"database_specific\":{\"odd\":[1,{\"x\":null}],\"y\":true}}]}";

static const char osv_pypi[] =
    "id: PYSEC-9999-1\n"
    "modified: 2024-01-01T00:00:00Z\n"
    "summary: two vulnerable ranges\n"
    "database_specific:\n  severity: MODERATE\n"
    "affected:\n"
    "- package:\n    name: django-rest-framework\n    ecosystem: PyPI\n"
    "  ranges:\n"
    "  - type: GIT\n    repo: https://example.invalid/r\n    events:\n"
    "    - introduced: \"0\"\n    - fixed: 0123456789abcdef\n"
    "  - type: ECOSYSTEM\n    events:\n"
    "    - fixed: \"3.6.2\"\n    - introduced: \"3.5\"\n"
    "    - introduced: \"3.0\"\n    - fixed: \"3.1\"\n"
    "- package:\n    name: listed.only\n    ecosystem: PyPI\n"
    "  versions: [\"1.0\", \"1.1\"]\n";

static const char osv_go[] =
    "[{\"id\":\"GO-9999-0001\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"aliases\":[\"CVE-2099-2000\"],"
    "\"affected\":[{\"package\":{\"ecosystem\":\"Go\","
    "\"name\":\"example.com/mod\"},\"ranges\":[{\"type\":\"SEMVER\","
    "\"events\":[{\"introduced\":\"1.2.0\"},{\"last_affected\":\"1.4.0\"}]}]},"
    "{\"package\":{\"ecosystem\":\"Go\",\"name\":\"stdlib\"},"
    "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
    "{\"fixed\":\"1.20.11\"},{\"introduced\":\"1.21.0-0\"},"
    "{\"fixed\":\"1.21.4\"}]}]}]},"
    "{\"id\":\"CVE-2099-2000\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"database_specific\":{\"severity\":\"HIGH\"}}]";

static const char osv_maven[] =
    "{\"id\":\"GHSA-mvn1\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"affected\":[{\"package\":{\"ecosystem\":\"Maven\","
    "\"name\":\"org.example:lib\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
    "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}]}]}]}";

/* A 4.0 vector next to a 3.1 one and a rating: the 4.0 vector decides.
 * The second advisory's 4.0 vector is malformed: its 3.1 one decides.
 * The third gives a malformed 4.0 vector before a good one. */
static const char osv_crates[] =
    "[{\"id\":\"RUSTSEC-9999-0001\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
    "\"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N\"},"
    "{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/"
    "AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}],"
    "\"database_specific\":{\"severity\":\"HIGH\"},"
    "\"affected\":[{\"package\":{\"ecosystem\":\"crates.io\","
    "\"name\":\"my-crate\"},\"ranges\":[{\"type\":\"SEMVER\","
    "\"events\":[{\"introduced\":\"0.1.0\"},{\"fixed\":\"0.3.0\"}]}]}]},"
    "{\"id\":\"RUSTSEC-9999-0002\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"severity\":[{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N\"},"
    "{\"type\":\"CVSS_V3\",\"score\":"
    "\"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N\"}],"
    "\"database_specific\":{\"severity\":\"HIGH\"},"
    "\"affected\":[{\"package\":{\"ecosystem\":\"crates.io\","
    "\"name\":\"other-crate\"},\"ranges\":[{\"type\":\"SEMVER\","
    "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"}]}]}]},"
    "{\"id\":\"RUSTSEC-9999-0003\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"severity\":[{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:Q\"},"
    "{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/"
    "VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U\"}],"
    "\"database_specific\":{\"severity\":\"LOW\"},"
    "\"affected\":[{\"package\":{\"ecosystem\":\"crates.io\","
    "\"name\":\"third-crate\"},\"ranges\":[{\"type\":\"SEMVER\","
    "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"}]}]}]}]";

static const char osv_gem[] =
    "{\"id\":\"GHSA-gem1\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"aliases\":[\"CVE-2099-3000\"],"
    "\"affected\":[{\"package\":{\"ecosystem\":\"RubyGems\","
    "\"name\":\"rails\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
    "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"6.1.4.1\"}]}]}]}";

/* Shares CVE-2099-3000 with GHSA-gem1 and carries the only rating. */
static const char osv_gem_rated[] =
    "{\"id\":\"OSV-9999-3000\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"aliases\":[\"CVE-2099-3000\"],"
    "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
    "\"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N\"}]}";

static const char osv_distros[] =
    "[{\"id\":\"ALPINE-9999\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"affected\":[{\"package\":{\"ecosystem\":\"Alpine:v3.18\","
    "\"name\":\"openssl\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
    "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.1.4-r0\"}]}]}]},"
    "{\"id\":\"DEBIAN-CVE-9999\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\","
    "\"name\":\"curl\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
    "\"events\":[{\"introduced\":\"0\"},"
    "{\"fixed\":\"7.88.1-10+deb12u1\"}]}]}]},"
    "{\"id\":\"RLSA-9999\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"affected\":[{\"package\":{\"ecosystem\":\"Rocky Linux:9\","
    "\"name\":\"openssl\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
    "\"events\":[{\"introduced\":\"0\"},"
    "{\"fixed\":\"1:3.0.7-17.el9_2\"}]}]}]},"
    "{\"id\":\"GHSA-gone\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"withdrawn\":\"2024-02-01T00:00:00Z\","
    "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"lodash\"},"
    "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}]"
    "}]";

/* Vectors that are invalid (an unknown metric, a repeated one): each
 * advisory falls back as if it had none, to its own rating, an alias's
 * rating, or nothing. */
static const char osv_bad_vectors[] =
    "[{\"id\":\"GHSA-bad1\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
    "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y\"}],"
    "\"database_specific\":{\"severity\":\"LOW\"},"
    "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"bad-a\"},"
    "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
    "{\"fixed\":\"2.0.0\"}]}]}]},"
    "{\"id\":\"CVE-2099-6000\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"database_specific\":{\"severity\":\"MODERATE\"}},"
    "{\"id\":\"GHSA-bad2\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"aliases\":[\"CVE-2099-6000\"],"
    "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
    "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:H\"}],"
    "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"bad-b\"},"
    "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
    "{\"fixed\":\"2.0.0\"}]}]}]},"
    "{\"id\":\"GHSA-bad3\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"severity\":[{\"type\":\"CVSS_V2\",\"score\":"
    "\"AV:N/AC:L/Au:N/C:C/I:C/A:C/XX:Y\"},{\"type\":\"CVSS_V4\",\"score\":"
    "\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
    "E:A/E:A\"}],"
    "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"bad-c\"},"
    "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
    "{\"fixed\":\"2.0.0\"}]}]}]}]";

static const char debian_list[] =
    "[01 Apr 2023] DLA-9999-1 openssh - security update\n"
    "\t{CVE-2099-4000 CVE-2099-4001}\n"
    "\t[bookworm] - openssh <unfixed>\n"
    "\t[bullseye] - openssh <no-dsa> (Minor issue)\n"
    "\t[buster] - openssh <not-affected> (Vulnerable code not present)\n"
    "        NOTE: a note\n";

/* The tracker's JSON export: package -> CVE -> release -> status. */
static const char debian_json[] =
    "{\"tiff\": {"
    "\"CVE-2099-5000\": {\"description\": \"heap overflow in tiffcp\","
    " \"releases\": {"
    "  \"bookworm\": {\"status\": \"resolved\","
    "   \"fixed_version\": \"4.5.0-6\", \"urgency\": \"medium\"},"
    "  \"bullseye\": {\"status\": \"open\", \"urgency\": \"low*\"},"
    "  \"buster\": {\"status\": \"resolved\", \"fixed_version\": \"0\","
    "   \"urgency\": \"unimportant\"}}}}}";

static struct vulndb *small_db;

static int
setup_small(void **state)
{
	const char *paths[] = { tmpdir };

	(void)state;
	write_file("npm.json", osv_npm);
	write_file("pypi.yaml", osv_pypi);
	write_file("go.json", osv_go);
	write_file("maven.json", osv_maven);
	write_file("crates.json", osv_crates);
	write_file("gem.json", osv_gem);
	write_file("gem-rated.json", osv_gem_rated);
	write_file("distros.json", osv_distros);
	write_file("bad-vectors.json", osv_bad_vectors);
	write_file("DLA.list", debian_list);
	write_file("tracker.json", debian_json);
	small_db = db_from(paths, 1);
	return 0;
}

static int
teardown_small(void **state)
{
	(void)state;
	vulndb_close(small_db);
	return 0;
}

/*
 * Match one package; return its finding for `id` (a copy in *fs), or
 * NULL when no finding with that id came out.
 */
static const struct finding *
match_one(struct findings *fs, const char *eco, const char *name,
	  const char *src, const char *ver, const char *src_ver, const char *id)
{
	struct match_pkg p = { eco, name, src, ver, src_ver, NULL, NULL };
	struct err e = ERR_INIT;

	findings_release(fs);
	if (vulndb_match(small_db, &p, 1, fs, &e) < 0)
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].id, id))
			return &fs->v[i];
	return NULL;
}

static void
assert_fixed(const struct finding *f, const char *fixed)
{
	assert_non_null(f);
	if (!fixed) {
		assert_null(f->vuln->fixed_version);
		return;
	}
	assert_non_null(f->vuln->fixed_version);
	assert_string_equal(f->vuln->fixed_version, fixed);
}

static void
npm_semver_range_fixed_and_name_case(void **state)
{
	struct findings fs = FINDINGS_INIT;
	const struct finding *f;

	(void)state;
	f = match_one(&fs, "npm", "Lodash", NULL, "4.17.20", NULL, "GHSA-npm1");
	assert_fixed(f, "4.17.21");
	assert_string_equal(f->vuln->status, "fixed");
	assert_true(strvec_contains(&f->aliases, "CVE-2099-1000"));
	assert_string_equal(f->title, "prototype pollution");
	/* The vector decides, not the source's "LOW". */
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_true(f->vuln->cvss_score > 9.79 && f->vuln->cvss_score < 9.81);
	assert_null(match_one(&fs, "npm", "lodash", NULL, "4.17.21", NULL,
			      "GHSA-npm1"));
	/* The withdrawn advisory on the same package never shows. */
	assert_null(
	    match_one(&fs, "npm", "lodash", NULL, "1.0.0", NULL, "GHSA-gone"));
	findings_release(&fs);
}

static void
pypi_ranges_versions_and_pep503_names(void **state)
{
	struct findings fs = FINDINGS_INIT;
	const struct finding *f;

	(void)state;
	f = match_one(&fs, "PyPI", "Django_Rest.Framework", NULL, "3.5.1", NULL,
		      "PYSEC-9999-1");
	assert_fixed(f, "3.6.2");
	assert_int_equal(f->severity, SEV_MEDIUM); /* source rating */
	assert_fixed(match_one(&fs, "PyPI", "django-rest-framework", NULL,
			       "3.0.post1", NULL, "PYSEC-9999-1"),
		     "3.1");
	assert_null(match_one(&fs, "PyPI", "django-rest-framework", NULL, "3.2",
			      NULL, "PYSEC-9999-1"));
	assert_null(match_one(&fs, "PyPI", "django-rest-framework", NULL,
			      "3.0rc1", NULL, "PYSEC-9999-1"));
	assert_null(match_one(&fs, "PyPI", "django-rest-framework", NULL,
			      "3.6.2", NULL, "PYSEC-9999-1"));
	/* Only an explicit versions list: exact versions hit, no fix. */
	f = match_one(&fs, "PyPI", "Listed_Only", NULL, "1.1.0", NULL,
		      "PYSEC-9999-1");
	assert_fixed(f, NULL);
	assert_string_equal(f->vuln->status, "affected");
	assert_null(match_one(&fs, "PyPI", "listed-only", NULL, "1.2", NULL,
			      "PYSEC-9999-1"));
	findings_release(&fs);
}

static void
go_last_affected_stdlib_and_alias_rating(void **state)
{
	struct findings fs = FINDINGS_INIT;
	const struct finding *f;

	(void)state;
	f = match_one(&fs, "Go", "example.com/mod", NULL, "v1.4.0", NULL,
		      "GO-9999-0001");
	assert_fixed(f, NULL);
	assert_string_equal(f->vuln->status, "affected");
	/* No vector, no rating: the alias CVE-2099-2000 rates it HIGH. */
	assert_int_equal(f->severity, SEV_HIGH);
	assert_non_null(match_one(&fs, "Go", "example.com/mod", NULL, "v1.2.0",
				  NULL, "GO-9999-0001"));
	assert_null(match_one(&fs, "Go", "example.com/mod", NULL, "v1.4.1",
			      NULL, "GO-9999-0001"));
	assert_null(match_one(&fs, "Go", "example.com/mod", NULL, "v1.1.9",
			      NULL, "GO-9999-0001"));
	assert_fixed(match_one(&fs, "Go", "stdlib", NULL, "go1.21.3", NULL,
			       "GO-9999-0001"),
		     "1.21.4");
	assert_fixed(match_one(&fs, "Go", "stdlib", NULL, "go1.20.2", NULL,
			       "GO-9999-0001"),
		     "1.20.11");
	assert_null(match_one(&fs, "Go", "stdlib", NULL, "go1.20.11", NULL,
			      "GO-9999-0001"));
	findings_release(&fs);
}

static void
maven_crates_rubygems(void **state)
{
	struct findings fs = FINDINGS_INIT;
	const struct finding *f;

	(void)state;
	f = match_one(&fs, "Maven", "org.example:lib", NULL, "2.0-beta1", NULL,
		      "GHSA-mvn1");
	assert_fixed(f, "2.0");
	assert_int_equal(f->severity, SEV_UNKNOWN); /* nothing rates it */
	assert_null(match_one(&fs, "Maven", "org.example:lib", NULL, "2.0.0",
			      NULL, "GHSA-mvn1"));
	assert_null(match_one(&fs, "Maven", "org.example:lib", NULL, "2.0-sp1",
			      NULL, "GHSA-mvn1"));

	f = match_one(&fs, "crates.io", "my_crate", NULL, "0.2.5", NULL,
		      "RUSTSEC-9999-0001");
	assert_fixed(f, "0.3.0");
	/* The 4.0 vector (9.3) wins over the 3.1 one (3.1) and "HIGH". */
	assert_int_equal(f->severity, SEV_CRITICAL);
	assert_true(f->vuln->cvss_score > 9.29 && f->vuln->cvss_score < 9.31);
	assert_true(strncmp(f->vuln->cvss_vector, "CVSS:4.0/", 9) == 0);
	f = match_one(&fs, "crates.io", "other-crate", NULL, "0.9.0", NULL,
		      "RUSTSEC-9999-0002");
	assert_int_equal(f->severity, SEV_LOW);
	assert_true(strncmp(f->vuln->cvss_vector, "CVSS:3.1/", 9) == 0);
	/* CVSS-BT with E:U: macrovector 000220, 8.1 */
	f = match_one(&fs, "crates.io", "third-crate", NULL, "0.9.0", NULL,
		      "RUSTSEC-9999-0003");
	assert_int_equal(f->severity, SEV_HIGH);
	assert_true(f->vuln->cvss_score > 8.09 && f->vuln->cvss_score < 8.11);
	assert_null(match_one(&fs, "crates.io", "my-crate", NULL, "0.0.9", NULL,
			      "RUSTSEC-9999-0001"));

	f = match_one(&fs, "RubyGems", "rails", NULL, "6.1.4", NULL,
		      "GHSA-gem1");
	assert_fixed(f, "6.1.4.1");
	/* Rated through OSV-9999-3000, which shares its CVE. */
	assert_int_equal(f->severity, SEV_LOW);
	assert_non_null(match_one(&fs, "RubyGems", "rails", NULL, "6.1.4.1.rc1",
				  NULL, "GHSA-gem1"));
	assert_null(match_one(&fs, "RubyGems", "rails", NULL, "6.1.4.1", NULL,
			      "GHSA-gem1"));
	findings_release(&fs);
}

static void
invalid_vectors_fall_back_to_ratings(void **state)
{
	struct findings fs = FINDINGS_INIT;
	const struct finding *f;

	(void)state;
	f = match_one(&fs, "npm", "bad-a", NULL, "1.0.0", NULL, "GHSA-bad1");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_LOW); /* its own rating */
	assert_null(f->vuln->cvss_vector);
	f = match_one(&fs, "npm", "bad-b", NULL, "1.0.0", NULL, "GHSA-bad2");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_MEDIUM); /* CVE-2099-6000's */
	f = match_one(&fs, "npm", "bad-c", NULL, "1.0.0", NULL, "GHSA-bad3");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_UNKNOWN);
	assert_true(f->vuln->cvss_score == 0);
	findings_release(&fs);
}

static void
distro_source_packages_and_releases(void **state)
{
	struct findings fs = FINDINGS_INIT;

	(void)state;
	/* apk: origin decides, within the 3.18 branch only. */
	assert_fixed(match_one(&fs, "alpine:3.18.4", "libssl3", "openssl",
			       "3.1.3-r0", NULL, "ALPINE-9999"),
		     "3.1.4-r0");
	assert_null(match_one(&fs, "alpine:3.19.0", "libssl3", "openssl",
			      "3.1.3-r0", NULL, "ALPINE-9999"));
	assert_null(match_one(&fs, "alpine:3.18.4", "libssl3", "openssl",
			      "3.1.4-r0", NULL, "ALPINE-9999"));
	/* dpkg: source name and version, codename or number. */
	assert_fixed(match_one(&fs, "debian:12", "libcurl4", "curl",
			       "7.88.1-10+b1", "7.88.1-10", "DEBIAN-CVE-9999"),
		     "7.88.1-10+deb12u1");
	assert_non_null(match_one(&fs, "debian:bookworm", "curl", NULL,
				  "7.88.1-10", NULL, "DEBIAN-CVE-9999"));
	assert_null(match_one(&fs, "debian:12", "libcurl4", "curl",
			      "7.88.1-10+deb12u1", NULL, "DEBIAN-CVE-9999"));
	assert_null(match_one(&fs, "debian:11", "curl", NULL, "7.74.0-1", NULL,
			      "DEBIAN-CVE-9999"));
	/* rpm: epoch and release. */
	assert_fixed(match_one(&fs, "rpm:Rocky Linux:9", "openssl", NULL,
			       "1:3.0.7-16.el9_2", NULL, "RLSA-9999"),
		     "1:3.0.7-17.el9_2");
	assert_null(match_one(&fs, "rpm:Rocky Linux:9", "openssl", NULL,
			      "1:3.0.7-17.el9_2", NULL, "RLSA-9999"));
	findings_release(&fs);
}

static void
debian_list_unfixed_and_will_not_fix(void **state)
{
	struct findings fs = FINDINGS_INIT;
	const struct finding *f;

	(void)state;
	f = match_one(&fs, "debian:12", "openssh-client", "openssh",
		      "1:9.2p1-2", NULL, "DLA-9999-1");
	assert_fixed(f, NULL);
	assert_string_equal(f->vuln->status, "affected");
	assert_true(strvec_contains(&f->aliases, "CVE-2099-4001"));
	f = match_one(&fs, "debian:11", "openssh-server", "openssh",
		      "1:8.4p1-5", NULL, "DLA-9999-1");
	assert_fixed(f, NULL);
	assert_string_equal(f->vuln->status, "will_not_fix");
	assert_null(match_one(&fs, "debian:10", "openssh-server", "openssh",
			      "1:7.9p1-10", NULL, "DLA-9999-1"));
	findings_release(&fs);
}

static void
debian_json_export_statuses_and_urgency(void **state)
{
	struct findings fs = FINDINGS_INIT;
	const struct finding *f;

	(void)state;
	f = match_one(&fs, "debian:12", "libtiff6", "tiff", "4.5.0-5", NULL,
		      "CVE-2099-5000");
	assert_fixed(f, "4.5.0-6");
	assert_string_equal(f->title, "heap overflow in tiffcp");
	assert_int_equal(f->severity, SEV_MEDIUM); /* the urgency */
	assert_null(match_one(&fs, "debian:12", "libtiff6", "tiff", "4.5.0-6",
			      NULL, "CVE-2099-5000"));
	f = match_one(&fs, "debian:11", "libtiff5", "tiff", "4.2.0-1+deb11u4",
		      NULL, "CVE-2099-5000");
	assert_fixed(f, NULL);
	assert_int_equal(f->severity, SEV_LOW);
	/* fixed_version "0": never affected in buster. */
	assert_null(match_one(&fs, "debian:10", "libtiff5", "tiff", "4.1.0-1",
			      NULL, "CVE-2099-5000"));
	findings_release(&fs);
}

static void
unknown_ecosystems_and_bad_versions_are_skipped(void **state)
{
	struct findings fs = FINDINGS_INIT;

	(void)state;
	assert_null(match_one(&fs, "nonesuch", "lodash", NULL, "1.0", NULL,
			      "GHSA-npm1"));
	assert_null(match_one(&fs, "npm", "lodash", NULL, "not a version", NULL,
			      "GHSA-npm1"));
	assert_int_equal(fs.n, 0);
	findings_release(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alpine_310_image_matches_expected_findings),
		cmocka_unit_test(alpine_310_image_clean_against_secdb_v310),
		cmocka_unit_test(npm_semver_range_fixed_and_name_case),
		cmocka_unit_test(pypi_ranges_versions_and_pep503_names),
		cmocka_unit_test(go_last_affected_stdlib_and_alias_rating),
		cmocka_unit_test(maven_crates_rubygems),
		cmocka_unit_test(invalid_vectors_fall_back_to_ratings),
		cmocka_unit_test(distro_source_packages_and_releases),
		cmocka_unit_test(debian_list_unfixed_and_will_not_fix),
		cmocka_unit_test(debian_json_export_statuses_and_urgency),
		cmocka_unit_test(
		    unknown_ecosystems_and_bad_versions_are_skipped),
	};
	char cmd[128];
	int rc;

	if (!mkdtemp(tmpdir))
		return 1;
	rc = cmocka_run_group_tests(tests, setup_small, teardown_small);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		rc = rc ? rc : 1;
	return rc;
}
