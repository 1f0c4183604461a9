/*
 * hull scan: the text pass.  Every regular file of the tree is read once:
 * streamed through the secret scanner, and, when it is a shell script,
 * Makefile or CI file, kept in memory for the docker run line finder.
 *
 * Which files hold docker run lines: *.sh and *.bash, files whose first
 * line is a sh/bash/dash/zsh/ksh/ash shebang, Makefile, makefile,
 * GNUmakefile and *.mk, Jenkinsfile, Procfile, and the CI files of the
 * common services (YAML under .github/workflows, action.yml under
 * .github, .gitlab-ci.yml, .circleci/config.yml, azure-pipelines.yml,
 * bitbucket-pipelines.yml, .travis.yml, .drone.yml, cloudbuild.yaml).
 * README code blocks are not read: a run line in documentation is an
 * example, not something the project runs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/scan-internal.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "parse/runargs.h"
#include "rules/runtime.h"
#include "rules/rule.h"

static bool
base_in(const char *base, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(base, *names))
			return true;
	return false;
}

/* Under a directory called `dir` (at the top or anywhere below)? */
static bool
under(const char *rel, const char *dir)
{
	size_t n = strlen(dir);
	const char *p = strstr(rel, dir);

	while (p) {
		if ((p == rel || p[-1] == '/') && p[n] == '/')
			return true;
		p = strstr(p + 1, dir);
	}
	return false;
}

/* Does the name alone say the file holds commands? */
static bool
runline_name(const char *rel)
{
	static const char *const names[] = {
		"Makefile",
		"makefile",
		"GNUmakefile",
		"Jenkinsfile",
		"Procfile",
		".gitlab-ci.yml",
		".gitlab-ci.yaml",
		"azure-pipelines.yml",
		"azure-pipelines.yaml",
		"bitbucket-pipelines.yml",
		".travis.yml",
		".drone.yml",
		"cloudbuild.yaml",
		"cloudbuild.yml",
		NULL,
	};
	const char *base = path_basename(rel);
	bool yaml = str_ends_with(base, ".yml") || str_ends_with(base, ".yaml");

	if (base_in(base, names) || str_ends_with(base, ".sh") ||
	    str_ends_with(base, ".bash") || str_ends_with(base, ".mk"))
		return true;
	if (yaml && under(rel, ".github/workflows"))
		return true;
	if (yaml && under(rel, ".github") && str_starts_with(base, "action."))
		return true;
	return yaml && under(rel, ".circleci") &&
	       str_starts_with(base, "config.");
}

/* Copy the next blank-separated word of [*p, end) into w; false at the end. */
static bool
next_word(const char **p, const char *end, char *w, size_t size)
{
	size_t n = 0;

	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r'))
		(*p)++;
	while (*p < end && **p != ' ' && **p != '\t' && **p != '\r') {
		if (n + 1 < size)
			w[n++] = **p;
		(*p)++;
	}
	w[n] = '\0';
	return n > 0;
}

/* "#!/bin/sh", "#!/usr/bin/env bash -e", ...: a shell script. */
static bool
has_shell_shebang(const char *data, size_t len)
{
	static const char *const shells[] = { "sh",  "bash", "dash", "zsh",
					      "ksh", "ash",  NULL };
	const char *p = data + 2, *end;
	char word[128];

	if (len < 3 || data[0] != '#' || data[1] != '!')
		return false;
	end = memchr(data, '\n', len);
	if (!end)
		end = data + len;
	if (!next_word(&p, end, word, sizeof(word)))
		return false;
	/* env, possibly with its own options: the first other word */
	if (!strcmp(path_basename(word), "env"))
		while (next_word(&p, end, word, sizeof(word)) && word[0] == '-')
			;
	return base_in(path_basename(word), shells);
}

static void
run_lines(struct scan *s, const char *path, const struct buf *text)
{
	struct spec_list specs = SPEC_LIST_INIT;
	struct runargs_line *lines;
	size_t n = runargs_find_file(&specs.arena, path, text->data, text->len,
				     &lines);

	for (size_t i = 0; i < n; i++) {
		struct container_spec *cs;
		struct err e = ERR_INIT;

		/* A line hull cannot read ("docker run $ARGS") is the
		 * script's business, not an unreadable input. */
		if (runargs_parse(&specs, lines[i].words, lines[i].n, path, &cs,
				  &e)) {
			cli_warn("%s:%u: %s; line not audited", path,
				 lines[i].line, e.msg);
			continue;
		}
		runtime_check(cs, s->secrets, &s->c->report.findings);
	}
	if (n == RUNARGS_MAX_LINES)
		cli_warn("'%s': only the first %d docker run lines audited",
			 path, RUNARGS_MAX_LINES);
	spec_list_release(&specs);
}

struct text_read {
	struct secret_stream st;
	struct buf text; /* kept for run lines */
	bool keep;	 /* the file holds commands */
	unsigned long long total;
};

/* Feed one chunk; false when nothing more is wanted from the file. */
static bool
text_feed(struct scan *s, struct text_read *t, const char *path, size_t n)
{
	bool scanning =
	    !t->st.binary && !t->st.skipped && t->total < SECRET_MAX_FILE;

	if (t->keep && t->text.len < SCAN_MAX_TEXT)
		buf_add(&t->text, s->chunk,
			n < SCAN_MAX_TEXT - t->text.len
			    ? n
			    : SCAN_MAX_TEXT - t->text.len);
	if (scanning) {
		size_t m = t->total + n > SECRET_MAX_FILE
			       ? (size_t)(SECRET_MAX_FILE - t->total)
			       : n;

		if (secret_scan_stream(&t->st, s->chunk, m) < 0) {
			cli_input_error(s->c, &t->st.e);
			t->st.skipped = true;
		}
		if (m < n)
			cli_warn("'%s': only the first %llu bytes scanned for "
				 "secrets",
				 path, SECRET_MAX_FILE);
	}
	t->total += n;
	scanning =
	    !t->st.binary && !t->st.skipped && t->total < SECRET_MAX_FILE;
	return scanning ||
	       (t->keep && !t->st.binary && t->text.len < SCAN_MAX_TEXT);
}

static void
text_read_fd(struct scan *s, int fd, const char *path, bool named)
{
	struct location loc = LOCATION_INIT;
	struct text_read t = { .text = BUF_INIT, .keep = named };
	bool first = true;

	loc.file = path;
	secret_stream_init(&t.st, s->secrets, &loc);
	for (;;) {
		ssize_t n = read(fd, s->chunk, SCAN_READ_CHUNK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			struct err e = ERR_INIT;

			err_errno(&e, ERR_INPUT, errno, "cannot read '%s'",
				  path);
			cli_input_error(s->c, &e);
			break;
		}
		if (!n)
			break;
		if (first && !t.keep)
			t.keep = has_shell_shebang(s->chunk, (size_t)n);
		first = false;
		if (!text_feed(s, &t, path, (size_t)n))
			break;
	}
	secret_stream_finish(&t.st, &s->se);
	if (t.keep && !t.st.binary && t.text.len)
		run_lines(s, path, &t.text);
	secret_stream_release(&t.st);
	buf_release(&t.text);
}

static void
text_file(struct scan *s, const struct scan_entry *en)
{
	bool named = runline_name(en->rel);
	char *path;
	int fd;

	/* Links and FIFOs are read only when their name says the project
	 * runs them; Dockerfiles and compose files were read already. */
	if (en->kind == SCAN_GITDIR || (en->kind != SCAN_FILE && !named))
		return;
	if (!named && secret_path_is_binary(en->rel) &&
	    !secret_path_is_sensitive(en->rel))
		return;
	path = scan_path(s, en->rel);
	fd = scan_open(s, path, named);
	if (fd >= 0) {
		text_read_fd(s, fd, path, named);
		close(fd);
	}
	free(path);
}

void
scan_text_files(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		text_file(s, &s->v[i]);
}

/* "file\nline" of a finding. */
static char *
line_key(const struct finding *f)
{
	return xasprintf("%s\n%u", f->loc.file ? f->loc.file : "", f->loc.line);
}

/* Is f a Dockerfile or runtime finding that names a secret literal? */
static bool
is_literal_finding(const struct finding *f)
{
	return f->rule && f->evidence && f->loc.file && f->loc.line &&
	       (f->rule->target == RULE_DOCKERFILE ||
		f->rule->target == RULE_RUNTIME);
}

void
scan_secrets_merge(struct scan *s)
{
	struct findings *rep = &s->c->report.findings;
	struct findings drop = FINDINGS_INIT;
	struct strmap seen = STRMAP_INIT;
	size_t kept = 0;

	for (size_t i = 0; i < rep->n; i++) {
		if (is_literal_finding(&rep->v[i])) {
			char *k = line_key(&rep->v[i]);

			strmap_put(&seen, k, &rep->v[i]);
			free(k);
		}
	}
	if (s->se.n)
		drop.v = xmalloc(s->se.n * sizeof(*drop.v));
	for (size_t i = 0; i < s->se.n; i++) {
		char *k = line_key(&s->se.v[i]);

		/* A finding is a plain struct that owns its strings: moving
		 * it by value moves the ownership. */
		if (strmap_has(&seen, k))
			drop.v[drop.n++] = s->se.v[i];
		else
			s->se.v[kept++] = s->se.v[i];
		free(k);
	}
	s->se.n = kept;
	if (kept)
		findings_move(rep, &s->se);
	findings_release(&drop);
	strmap_release(&seen, NULL);
}
