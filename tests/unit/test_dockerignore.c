/*
 * Unit tests for .dockerignore matching (parse/dockerignore.h).  The
 * expected answers are Docker's: moby's patternmatcher semantics and the
 * examples in the Docker build context documentation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "parse/dockerignore.h"

static bool
excludes(const char *text, const char *path)
{
	struct dockerignore di = DOCKERIGNORE_INIT;
	bool r;

	dockerignore_parse(&di, text, strlen(text));
	r = dockerignore_excludes(&di, path);
	dockerignore_release(&di);
	return r;
}

static void
comments_blank_lines_and_spaces(void **state)
{
	struct dockerignore di = DOCKERIGNORE_INIT;
	const char *text = "# comment\n\n  *.log  \r\n # not a comment\n"
			   "!  keep.log\n";

	(void)state;
	dockerignore_parse(&di, text, strlen(text));
	assert_int_equal(di.n, 3);
	assert_string_equal(di.v[0].pattern, "*.log");
	assert_int_equal(di.v[0].line, 3);
	assert_string_equal(di.v[1].pattern, "# not a comment");
	assert_string_equal(di.v[2].pattern, "keep.log");
	assert_true(di.v[2].negate);
	dockerignore_release(&di);
}

static void
patterns_are_cleaned(void **state)
{
	struct dockerignore di = DOCKERIGNORE_INIT;
	const char *text = "/foo\n./bar/\na//b/./c/../d\n!/x/y\n/\n..\n";

	(void)state;
	dockerignore_parse(&di, text, strlen(text));
	assert_int_equal(di.n, 6);
	assert_string_equal(di.v[0].pattern, "foo");
	assert_string_equal(di.v[1].pattern, "bar");
	assert_string_equal(di.v[2].pattern, "a/b/d");
	assert_string_equal(di.v[3].pattern, "x/y");
	assert_true(di.v[3].negate);
	assert_string_equal(di.v[4].pattern, "/");
	assert_string_equal(di.v[5].pattern, "..");
	dockerignore_release(&di);
}

static void
star_stays_in_one_directory(void **state)
{
	(void)state;
	/* Docker's documented example: *\/temp* matches one level down */
	assert_true(excludes("*/temp*", "somedir/temporary.txt"));
	assert_true(excludes("*/temp*", "somedir/temp"));
	assert_false(excludes("*/temp*", "temp.txt"));
	assert_false(excludes("*/temp*", "a/b/temp.txt"));
	assert_true(excludes("*/*/temp*", "somedir/subdir/temporary.txt"));
	assert_true(excludes("*.go", "main.go"));
	assert_false(excludes("*.go", "cmd/main.go"));
}

static void
question_mark_is_one_character(void **state)
{
	(void)state;
	assert_true(excludes("temp?", "tempa"));
	assert_false(excludes("temp?", "temp"));
	assert_false(excludes("temp?", "tempab"));
	assert_false(excludes("a?b", "a/b"));
}

static void
double_star_spans_directories(void **state)
{
	(void)state;
	assert_true(excludes("**/*.go", "main.go"));
	assert_true(excludes("**/*.go", "a/b/c/main.go"));
	assert_false(excludes("**/*.go", "main.goo"));
	assert_true(excludes("**", "anything/at/all"));
	assert_true(excludes("foo/**", "foo/x"));
	assert_true(excludes("foo/**", "foo/x/y"));
	assert_false(excludes("foo/**", "foo"));
	assert_true(excludes("a/**/b", "a/b"));
	assert_true(excludes("a/**/b", "a/x/y/b"));
	assert_false(excludes("a/**/b", "a/xb"));
	/* "**" with no other wildcard is a suffix test in Docker */
	assert_true(excludes("**/foo", "foo"));
	assert_true(excludes("**/foo", "x/y/foo"));
	assert_true(excludes("**foo", "barfoo"));
}

static void
classes_and_escapes(void **state)
{
	(void)state;
	assert_true(excludes("[a-c].txt", "b.txt"));
	assert_false(excludes("[a-c].txt", "d.txt"));
	assert_true(excludes("[^a-c].txt", "d.txt"));
	assert_false(excludes("[^a-c].txt", "a.txt"));
	assert_true(excludes("\\*.txt", "*.txt"));
	assert_false(excludes("\\*.txt", "a.txt"));
	assert_true(excludes("a\\[b", "a[b"));
	/* regexp characters in names are literal */
	assert_true(excludes("a.b+c(d)", "a.b+c(d)"));
	assert_false(excludes("a.b", "axb"));
	/* a malformed class matches nothing */
	assert_false(excludes("[abc", "[abc"));
	assert_false(excludes("[abc", "a"));
}

static void
directories_exclude_their_contents(void **state)
{
	(void)state;
	assert_true(excludes("node_modules", "node_modules"));
	assert_true(excludes("node_modules", "node_modules/x/y.js"));
	assert_false(excludes("node_modules", "src/node_modules/x"));
	assert_true(excludes("**/node_modules", "src/node_modules/x"));
	assert_true(excludes(".git", ".git/config"));
	assert_true(excludes("/secrets/", "secrets/key.pem"));
	/* a wildcard pattern that matches a parent directory */
	assert_true(excludes("build*", "build-out/x/y.o"));
	assert_true(excludes("*/cache", "a/cache/b/c"));
	assert_false(excludes("*/cache", "cache/b"));
	assert_true(excludes("**/tmp", "a/b/tmp/c"));
}

static void
exceptions_and_last_match_wins(void **state)
{
	const char *doc = "*.md\n!README*.md\nREADME-secret.md\n";

	(void)state;
	/* the documented example of exceptions */
	assert_true(excludes(doc, "CHANGES.md"));
	assert_false(excludes(doc, "README.md"));
	assert_false(excludes(doc, "README-public.md"));
	assert_true(excludes(doc, "README-secret.md"));
	/* the exception first, then the broad pattern, excludes it */
	assert_true(excludes("!README*.md\n*.md\n", "README.md"));
	assert_false(excludes("docs\n!docs/keep.md\n", "docs/keep.md"));
	assert_true(excludes("docs\n!docs/keep.md\n", "docs/other.md"));
	assert_false(excludes("!x\n", "x"));
}

static void
paths_are_cleaned_before_matching(void **state)
{
	(void)state;
	assert_true(excludes("foo/bar", "./foo/bar"));
	assert_true(excludes("foo/bar", "/foo/bar"));
	assert_true(excludes("foo/bar", "foo//bar/"));
	assert_false(excludes("", "x"));
	assert_false(excludes("# only a comment\n", "x"));
}

static void
hostile_patterns_stay_fast(void **state)
{
	struct buf pat = BUF_INIT, path = BUF_INIT;
	clock_t t0 = clock();

	(void)state;
	for (int i = 0; i < 200; i++)
		buf_addstr(&pat, "*a");
	buf_addstr(&pat, "*b\n");
	for (int i = 0; i < 2000; i++)
		buf_addch(&path, 'a');
	assert_false(excludes(pat.data, path.data));
	buf_reset(&pat);
	for (int i = 0; i < 200; i++)
		buf_addstr(&pat, "**/");
	buf_addstr(&pat, "x\n");
	buf_reset(&path);
	for (int i = 0; i < 500; i++)
		buf_addstr(&path, "d/");
	buf_addch(&path, 'y');
	assert_false(excludes(pat.data, path.data));
	/* a deep path against a long pattern */
	buf_reset(&pat);
	for (int i = 0; i < 1000; i++)
		buf_addstr(&pat, "*/");
	buf_addstr(&pat, "z\n");
	buf_reset(&path);
	for (int i = 0; i < 2000; i++)
		buf_addstr(&path, "d/");
	buf_addch(&path, 'y');
	assert_false(excludes(pat.data, path.data));
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	buf_release(&pat);
	buf_release(&path);
}

static void
load_prefers_the_dockerfile_specific_file(void **state)
{
	char dir[] = "/tmp/hull-di-XXXXXX";
	char p1[256], p2[256], df[256];
	struct dockerignore di = DOCKERIGNORE_INIT;
	struct err e = ERR_INIT;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(dockerignore_load(&di, dir, NULL, &e), 0);
	assert_false(di.present);
	assert_false(dockerignore_excludes(&di, "a.log"));

	snprintf(p1, sizeof(p1), "%s/.dockerignore", dir);
	snprintf(p2, sizeof(p2), "%s/app.Dockerfile.dockerignore", dir);
	snprintf(df, sizeof(df), "%s/app.Dockerfile", dir);
	fp = fopen(p1, "w");
	fputs("*.log\n", fp);
	fclose(fp);
	assert_int_equal(dockerignore_load(&di, dir, df, &e), 0);
	assert_true(di.present);
	assert_true(dockerignore_excludes(&di, "a.log"));
	dockerignore_release(&di);

	fp = fopen(p2, "w");
	fputs("*.tmp\n", fp);
	fclose(fp);
	assert_int_equal(dockerignore_load(&di, dir, df, &e), 0);
	assert_true(dockerignore_excludes(&di, "a.tmp"));
	assert_false(dockerignore_excludes(&di, "a.log"));
	dockerignore_release(&di);

	unlink(p1);
	unlink(p2);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(comments_blank_lines_and_spaces),
		cmocka_unit_test(patterns_are_cleaned),
		cmocka_unit_test(star_stays_in_one_directory),
		cmocka_unit_test(question_mark_is_one_character),
		cmocka_unit_test(double_star_spans_directories),
		cmocka_unit_test(classes_and_escapes),
		cmocka_unit_test(directories_exclude_their_contents),
		cmocka_unit_test(exceptions_and_last_match_wins),
		cmocka_unit_test(paths_are_cleaned_before_matching),
		cmocka_unit_test(hostile_patterns_stay_fast),
		cmocka_unit_test(load_prefers_the_dockerfile_specific_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
