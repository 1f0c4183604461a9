/*
 * Unit tests for the shell command splitter (parse/shell.h).  Expected
 * values follow POSIX shell grammar: what a shell would run as separate
 * commands, and the words it would pass them after quote removal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "parse/shell.h"

static struct arena arena;

static int
setup(void **state)
{
	(void)state;
	memset(&arena, 0, sizeof(arena));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_release(&arena);
	return 0;
}

static struct sh_script
split(const char *text)
{
	struct sh_script sc;

	sh_parse(&arena, text, strlen(text), &sc);
	return sc;
}

/* The words of a command joined by single spaces. */
static const char *
words(const struct sh_cmd *c)
{
	struct buf b = BUF_INIT;
	char *out;

	for (size_t i = 0; i < c->n_words; i++) {
		if (i)
			buf_addch(&b, ' ');
		buf_addstr(&b, c->words[i].text);
	}
	out = arena_strdup(&arena, b.data);
	buf_release(&b);
	return out;
}

static void
lists_split_at_and_or_semicolon(void **state)
{
	struct sh_script sc = split("apt-get update && apt-get install -y "
				    "curl || true; echo done\nls");

	(void)state;
	assert_int_equal(sc.n, 5);
	assert_string_equal(words(&sc.cmds[0]), "apt-get update");
	assert_int_equal(sc.cmds[0].sep, SH_SEP_AND);
	assert_string_equal(words(&sc.cmds[1]), "apt-get install -y curl");
	assert_int_equal(sc.cmds[1].sep, SH_SEP_OR);
	assert_string_equal(words(&sc.cmds[2]), "true");
	assert_int_equal(sc.cmds[2].sep, SH_SEP_END);
	assert_string_equal(words(&sc.cmds[3]), "echo done");
	assert_string_equal(words(&sc.cmds[4]), "ls");
	assert_false(sc.incomplete);
}

static void
pipelines_mark_piped_in(void **state)
{
	struct sh_script sc = split("curl -sSL https://x | sh -s -- -y & "
				    "wait");

	(void)state;
	assert_int_equal(sc.n, 3);
	assert_int_equal(sc.cmds[0].sep, SH_SEP_PIPE);
	assert_false(sc.cmds[0].piped_in);
	assert_string_equal(sh_cmd_name(&sc.cmds[1]), "sh");
	assert_true(sc.cmds[1].piped_in);
	assert_int_equal(sc.cmds[1].sep, SH_SEP_BG);
	assert_false(sc.cmds[2].piped_in);
}

static void
quotes_are_removed_and_escapes_resolved(void **state)
{
	struct sh_script sc = split("echo 'a  b' \"c \\\"d\\\" $HOME\" e\\ f "
				    "\"x\\y\" $'t\\'q'");
	const struct sh_cmd *c = &sc.cmds[0];

	(void)state;
	assert_int_equal(sc.n, 1);
	assert_int_equal(c->n_words, 6);
	assert_string_equal(c->words[1].text, "a  b");
	assert_true(c->words[1].quoted);
	assert_string_equal(c->words[1].raw, "'a  b'");
	assert_string_equal(c->words[2].text, "c \"d\" $HOME");
	assert_string_equal(c->words[3].text, "e f");
	/* inside double quotes a backslash before y stays */
	assert_string_equal(c->words[4].text, "x\\y");
	assert_string_equal(c->words[5].text, "t\\'q");
	assert_false(c->words[0].quoted);
	assert_int_equal(c->words[1].offset, 5);
}

static void
quoted_operators_are_words(void **state)
{
	struct sh_script sc = split("echo '&&' \"|\" ';'");

	(void)state;
	assert_int_equal(sc.n, 1);
	assert_string_equal(words(&sc.cmds[0]), "echo && | ;");
}

static void
subshells_and_groups_nest(void **state)
{
	struct sh_script sc = split("(cd /tmp && make) && { echo a; echo b; "
				    "} | tee log");

	(void)state;
	assert_int_equal(sc.n, 5);
	assert_string_equal(words(&sc.cmds[0]), "cd /tmp");
	assert_int_equal(sc.cmds[0].depth, 1);
	assert_string_equal(words(&sc.cmds[1]), "make");
	/* the && after ')' joins the subshell's last command */
	assert_int_equal(sc.cmds[1].sep, SH_SEP_AND);
	assert_string_equal(words(&sc.cmds[2]), "echo a");
	assert_int_equal(sc.cmds[2].depth, 1);
	assert_string_equal(words(&sc.cmds[3]), "echo b");
	assert_int_equal(sc.cmds[3].sep, SH_SEP_PIPE);
	assert_string_equal(words(&sc.cmds[4]), "tee log");
	assert_int_equal(sc.cmds[4].depth, 0);
	assert_true(sc.cmds[4].piped_in);
}

static void
substitutions_report_inner_commands(void **state)
{
	struct sh_script sc =
	    split("echo \"$(curl -s http://x | sha256sum)\" `id -u` "
		  "$((1 + 2))");

	(void)state;
	assert_int_equal(sc.n, 4);
	assert_string_equal(sh_cmd_name(&sc.cmds[0]), "echo");
	assert_false(sc.cmds[0].in_subst);
	assert_int_equal(sc.cmds[0].n_words, 4);
	assert_string_equal(sc.cmds[0].words[1].text,
			    "$(curl -s http://x | sha256sum)");
	assert_string_equal(sc.cmds[0].words[3].text, "$((1 + 2))");
	assert_string_equal(words(&sc.cmds[1]), "curl -s http://x");
	assert_true(sc.cmds[1].in_subst);
	assert_int_equal(sc.cmds[1].sep, SH_SEP_PIPE);
	assert_string_equal(words(&sc.cmds[2]), "sha256sum");
	assert_true(sc.cmds[2].in_subst);
	assert_true(sc.cmds[2].piped_in);
	assert_string_equal(words(&sc.cmds[3]), "id -u");
	assert_true(sc.cmds[3].in_subst);
}

static void
redirections_are_kept_apart(void **state)
{
	struct sh_script sc =
	    split("make >build.log 2>&1 < in &>/dev/null 2> err cmd");
	const struct sh_cmd *c = &sc.cmds[0];

	(void)state;
	assert_int_equal(sc.n, 1);
	assert_string_equal(words(c), "make cmd");
	assert_int_equal(c->n_redirs, 5);
	assert_string_equal(c->redirs[0].op, ">");
	assert_string_equal(c->redirs[0].target, "build.log");
	assert_string_equal(c->redirs[1].op, "2>&");
	assert_string_equal(c->redirs[1].target, "1");
	assert_string_equal(c->redirs[2].op, "<");
	assert_string_equal(c->redirs[2].target, "in");
	assert_string_equal(c->redirs[3].op, "&>");
	assert_string_equal(c->redirs[3].target, "/dev/null");
	assert_string_equal(c->redirs[4].op, "2>");
	assert_string_equal(c->redirs[4].target, "err");
}

static void
leading_assignments_are_kept_apart(void **state)
{
	struct sh_script sc = split("DEBIAN_FRONTEND=noninteractive A=\"x y\" "
				    "apt-get install -y B=c; X=1");

	(void)state;
	assert_int_equal(sc.n, 2);
	assert_int_equal(sc.cmds[0].n_assigns, 2);
	assert_string_equal(sc.cmds[0].assigns[0].text,
			    "DEBIAN_FRONTEND=noninteractive");
	assert_string_equal(sc.cmds[0].assigns[1].text, "A=x y");
	assert_string_equal(words(&sc.cmds[0]), "apt-get install -y B=c");
	assert_int_equal(sc.cmds[1].n_assigns, 1);
	assert_int_equal(sc.cmds[1].n_words, 0);
	assert_string_equal(sh_cmd_name(&sc.cmds[1]), "");
}

static void
comments_end_at_newline(void **state)
{
	struct sh_script sc = split("echo a#b # a comment && rm -rf /\nls");

	(void)state;
	assert_int_equal(sc.n, 2);
	assert_string_equal(words(&sc.cmds[0]), "echo a#b");
	assert_string_equal(words(&sc.cmds[1]), "ls");
}

static void
compound_keywords_are_dropped(void **state)
{
	struct sh_script sc = split("if [ -f x ]; then apt-get install -y a; "
				    "else echo no; fi; for i in 1 2; do echo "
				    "$i; done");

	(void)state;
	assert_int_equal(sc.n, 5);
	assert_string_equal(words(&sc.cmds[0]), "[ -f x ]");
	assert_string_equal(words(&sc.cmds[1]), "apt-get install -y a");
	assert_string_equal(words(&sc.cmds[2]), "echo no");
	assert_string_equal(words(&sc.cmds[3]), "for i in 1 2");
	assert_string_equal(words(&sc.cmds[4]), "echo $i");
}

static void
heredoc_bodies_are_skipped(void **state)
{
	struct sh_script sc = split("cat <<EOF > /etc/x\nrm -rf /\nEOF\n"
				    "cat <<-'END'\n\trm x\n\tEND\necho ok");

	(void)state;
	assert_int_equal(sc.n, 3);
	assert_string_equal(words(&sc.cmds[0]), "cat");
	assert_string_equal(sc.cmds[0].redirs[0].op, "<<");
	assert_string_equal(sc.cmds[0].redirs[0].target, "EOF");
	assert_string_equal(sc.cmds[1].redirs[0].op, "<<-");
	assert_string_equal(sc.cmds[1].redirs[0].target, "END");
	assert_string_equal(words(&sc.cmds[2]), "echo ok");
	assert_false(sc.incomplete);
}

static void
line_continuations_join(void **state)
{
	struct sh_script sc = split("apt-get install \\\n  -y \\\n  curl");

	(void)state;
	assert_int_equal(sc.n, 1);
	assert_string_equal(words(&sc.cmds[0]), "apt-get install -y curl");
}

static void
unbalanced_input_is_incomplete(void **state)
{
	(void)state;
	assert_true(split("echo 'abc").incomplete);
	assert_true(split("echo \"abc").incomplete);
	assert_true(split("(echo a").incomplete);
	assert_true(split("echo $(ls").incomplete);
	assert_false(split("echo ok").incomplete);
	assert_int_equal(split("").n, 0);
	assert_int_equal(split("   \n\n ;; ").n, 0);
}

static void
deep_nesting_is_bounded(void **state)
{
	struct buf b = BUF_INIT;
	struct sh_script sc;
	clock_t t0 = clock();

	(void)state;
	for (int i = 0; i < 100000; i++)
		buf_addstr(&b, "$(");
	buf_addstr(&b, "id");
	sh_parse(&arena, b.data, b.len, &sc);
	assert_true(sc.truncated);
	assert_true(sc.incomplete);
	buf_reset(&b);
	for (int i = 0; i < 100000; i++)
		buf_addstr(&b, "(( {");
	sh_parse(&arena, b.data, b.len, &sc);
	assert_true(sc.truncated);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	buf_release(&b);
}

static void
long_input_is_linear(void **state)
{
	struct buf b = BUF_INIT;
	struct sh_script sc;
	clock_t t0 = clock();

	(void)state;
	for (int i = 0; i < 200000; i++)
		buf_addstr(&b, "a b && ");
	sh_parse(&arena, b.data, b.len, &sc);
	assert_int_equal(sc.n, 200000);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	buf_release(&b);
}

static void
cmd_name_strips_path(void **state)
{
	struct sh_script sc = split("/usr/bin/apt-get -qy install x");

	(void)state;
	assert_string_equal(sh_cmd_name(&sc.cmds[0]), "apt-get");
	assert_true(sh_cmd_has_arg(&sc.cmds[0], "install"));
	assert_false(sh_cmd_has_arg(&sc.cmds[0], "/usr/bin/apt-get"));
}

static void
has_flag_reads_long_short_and_grouped(void **state)
{
	struct sh_script sc =
	    split("apt-get -qy --no-install-recommends=true install -- -z");
	const struct sh_cmd *c = &sc.cmds[0];

	(void)state;
	assert_true(sh_cmd_has_flag(c, "--no-install-recommends", 0));
	assert_true(sh_cmd_has_flag(c, "no-install-recommends", 0));
	assert_true(sh_cmd_has_flag(c, NULL, 'y'));
	assert_true(sh_cmd_has_flag(c, NULL, 'q'));
	assert_true(sh_cmd_has_flag(c, "yes", 'y'));
	assert_false(sh_cmd_has_flag(c, "yes", 0));
	assert_false(sh_cmd_has_flag(c, "no-install", 0));
	/* after "--" nothing is a flag */
	assert_false(sh_cmd_has_flag(c, NULL, 'z'));
}

static void
flag_value_reads_all_spellings(void **state)
{
	struct sh_script sc = split("pip install --index-url=https://a "
				    "--target /opt -r req.txt --flag");
	const struct sh_cmd *c = &sc.cmds[0];

	(void)state;
	assert_string_equal(sh_cmd_flag_value(c, "index-url", 0), "https://a");
	assert_string_equal(sh_cmd_flag_value(c, "--target", 0), "/opt");
	assert_string_equal(sh_cmd_flag_value(c, "requirement", 'r'),
			    "req.txt");
	assert_string_equal(sh_cmd_flag_value(c, "flag", 0), "");
	assert_null(sh_cmd_flag_value(c, "user", 'u'));
}

static void
nonflags_skip_flag_values(void **state)
{
	static const char *const skip[] = { "-o", "--target", NULL };
	struct sh_script sc = split("apt-get -o Dpkg::Options=x install "
				    "--target t -y curl wget -- -notaflag");
	const char *out[2];
	size_t n;

	(void)state;
	n = sh_cmd_nonflags(&sc.cmds[0], skip, out, 2);
	assert_int_equal(n, 4);
	assert_string_equal(out[0], "install");
	assert_string_equal(out[1], "curl");
	n = sh_cmd_nonflags(&sc.cmds[0], NULL, out, 2);
	/* without skip, the values of -o and --target count */
	assert_int_equal(n, 6);
	assert_string_equal(out[0], "Dpkg::Options=x");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lists_split_at_and_or_semicolon,
						setup, teardown),
		cmocka_unit_test_setup_teardown(pipelines_mark_piped_in, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
		    quotes_are_removed_and_escapes_resolved, setup, teardown),
		cmocka_unit_test_setup_teardown(quoted_operators_are_words,
						setup, teardown),
		cmocka_unit_test_setup_teardown(subshells_and_groups_nest,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
		    substitutions_report_inner_commands, setup, teardown),
		cmocka_unit_test_setup_teardown(redirections_are_kept_apart,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
		    leading_assignments_are_kept_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(comments_end_at_newline, setup,
						teardown),
		cmocka_unit_test_setup_teardown(compound_keywords_are_dropped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(heredoc_bodies_are_skipped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(line_continuations_join, setup,
						teardown),
		cmocka_unit_test_setup_teardown(unbalanced_input_is_incomplete,
						setup, teardown),
		cmocka_unit_test_setup_teardown(deep_nesting_is_bounded, setup,
						teardown),
		cmocka_unit_test_setup_teardown(long_input_is_linear, setup,
						teardown),
		cmocka_unit_test_setup_teardown(cmd_name_strips_path, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
		    has_flag_reads_long_short_and_grouped, setup, teardown),
		cmocka_unit_test_setup_teardown(flag_value_reads_all_spellings,
						setup, teardown),
		cmocka_unit_test_setup_teardown(nonflags_skip_flag_values,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
