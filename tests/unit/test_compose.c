/*
 * Unit tests for the compose parser: interpolation and .env files, short
 * and long syntax, merging several files, extends, and hostile input.
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

#include "core/buf.h"
#include "core/strmap.h"
#include "parse/compose.h"

static char *
interp(const struct strmap *vars, const char *in, int *rc)
{
	struct buf b = BUF_INIT;

	*rc = compose_interpolate(in, vars, false, &b, NULL, NULL, NULL);
	return buf_detach(&b, NULL);
}

#define ASSERT_INTERP(vars, in, want)                                          \
	do {                                                                   \
		int rc_;                                                       \
		char *g_ = interp(vars, in, &rc_);                             \
		assert_string_equal(g_, want);                                 \
		free(g_);                                                      \
	} while (0)

static void
interpolation_forms(void **state)
{
	struct strmap v = STRMAP_INIT;
	int rc;
	char *s;

	(void)state;
	strmap_put(&v, "SET", "yes");
	strmap_put(&v, "EMPTY", "");
	ASSERT_INTERP(&v, "${SET}-$SET-$$SET", "yes-yes-$SET");
	ASSERT_INTERP(&v, "${UNSET:-d1}|${EMPTY:-d2}|${EMPTY-d3}", "d1|d2|");
	ASSERT_INTERP(&v, "${UNSET-${SET}}", "yes");
	ASSERT_INTERP(&v, "${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}", "alt||alt");
	ASSERT_INTERP(&v, "${SET:?need}", "yes");
	s = interp(&v, "${UNSET:?need it}", &rc);
	assert_int_equal(rc, COMPOSE_INTERP_UNSET);
	free(s);
	s = interp(&v, "${EMPTY:?need it}", &rc);
	assert_int_equal(rc, COMPOSE_INTERP_UNSET);
	free(s);
	s = interp(&v, "${EMPTY?x}", &rc);
	assert_int_equal(rc, 0);
	free(s);
	s = interp(&v, "${BROKEN", &rc);
	assert_int_equal(rc, -1);
	free(s);
	strmap_release(&v, NULL);
}

static void
dotenv_syntax(void **state)
{
	const char *text = "# comment\nexport A=1\nB = two words # c\n"
			   "C='single # kept'\nD=\"dq\\n\\\"x\\\"\"\n"
			   "E=\"multi\nline\"\n\nF\nA=again\r\n";
	struct strmap m = STRMAP_INIT;

	(void)state;
	compose_dotenv_parse(text, strlen(text), &m);
	assert_string_equal(strmap_get(&m, "A"), "1");
	assert_string_equal(strmap_get(&m, "B"), "two words");
	assert_string_equal(strmap_get(&m, "C"), "single # kept");
	assert_string_equal(strmap_get(&m, "D"), "dq\n\"x\"");
	assert_string_equal(strmap_get(&m, "E"), "multi\nline");
	assert_null(strmap_get(&m, "F"));
	strmap_release(&m, free);
}

static struct container_spec *
load(struct spec_list *l, const char *yaml, struct strvec *problems)
{
	struct strmap env = STRMAP_INIT;
	struct compose_opts o = { &env, "" };

	strmap_put(&env, "TAG", "1.2");
	assert_int_equal(compose_load_buf(l, yaml, strlen(yaml), "c.yml", &o,
					  problems, NULL),
			 0);
	strmap_release(&env, NULL);
	assert_true(l->n >= 1);
	return l->v[0];
}

static void
build_context_and_dockerfile(void **state)
{
	const char *y = "services:\n"
			"  a:\n    build: ./api\n"
			"  b:\n    build:\n      context: web/${TAG}\n"
			"      dockerfile: Dockerfile.prod\n"
			"  c:\n    build:\n      dockerfile: x.df\n"
			"  d:\n    image: redis:7\n";
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;

	(void)state;
	load(&l, y, &p);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0]->build_context, "./api");
	assert_null(l.v[0]->build_dockerfile);
	assert_int_equal(l.v[0]->build_pos.line, 3);
	assert_string_equal(l.v[1]->build_context, "web/1.2");
	assert_string_equal(l.v[1]->build_dockerfile, "Dockerfile.prod");
	assert_string_equal(l.v[2]->build_context, ".");
	assert_string_equal(l.v[2]->build_dockerfile, "x.df");
	assert_null(l.v[3]->build_context);
	assert_int_equal(p.n, 0);
	strvec_release(&p);
	spec_list_release(&l);
}

static void
long_and_short_syntax(void **state)
{
	const char *y =
	    "x-common: &c\n  read_only: true\n"
	    "services:\n  web:\n    <<: *c\n    image: app:${TAG}\n"
	    "    ports:\n      - 80\n      - \"127.0.0.1:8080:80\"\n"
	    "      - target: 443\n        published: \"8443\"\n"
	    "        host_ip: 0.0.0.0\n        protocol: tcp\n"
	    "    volumes:\n      - ./data:/data:ro\n      - cache:/cache\n"
	    "      - type: tmpfs\n        target: /tmp\n        tmpfs:\n"
	    "          size: 1m\n"
	    "    deploy:\n      resources:\n        limits:\n"
	    "          memory: 256M\n          cpus: '0.5'\n"
	    "          pids: 50\n"
	    "    environment:\n      A: literal\n      B: ${TAG}\n      C:\n"
	    "    env_file:\n      - path: ./x.env\n        required: false\n"
	    "    secrets:\n      - source: s1\n        target: t\n"
	    "    healthcheck:\n      test: [\"NONE\"]\n"
	    "    ulimits:\n      nofile:\n        soft: 10\n        hard: 20\n"
	    "      nproc: 5\n"
	    "    restart: \"on-failure:3\"\n    profiles: [debug, ci]\n";
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;
	struct container_spec *s = load(&l, y, &p);

	(void)state;
	assert_int_equal(p.n, 0);
	assert_true(s->read_only.on);
	assert_string_equal(s->image.v, "app:1.2");
	assert_int_equal(s->image.pos.line, 6);
	assert_int_equal(s->n_ports, 3);
	assert_null(s->ports[0].host_ip);
	assert_string_equal(s->ports[1].host_ip, "127.0.0.1");
	assert_int_equal(s->ports[2].host_lo, 8443);
	assert_int_equal(s->n_mounts, 3);
	assert_int_equal(s->mounts[0].type, SPEC_MOUNT_BIND);
	assert_int_equal(s->mounts[1].type, SPEC_MOUNT_VOLUME);
	assert_int_equal(s->mounts[2].size, 1 << 20);
	assert_int_equal(s->memory.v, 256 << 20);
	assert_int_equal(s->nano_cpus.v, 500000000);
	assert_int_equal(s->pids_limit.v, 50);
	assert_int_equal(s->env[0].kind, SPEC_ENV_LITERAL);
	assert_int_equal(s->env[1].kind, SPEC_ENV_REFERENCE);
	assert_string_equal(s->env[1].value, "1.2");
	assert_int_equal(s->env[2].kind, SPEC_ENV_PASSTHROUGH);
	assert_string_equal(s->env_files.v[0].v, "./x.env");
	assert_string_equal(s->secrets.v[0].v, "s1");
	assert_true(s->healthcheck_disabled.on);
	assert_int_equal(s->n_ulimits, 2);
	assert_int_equal(s->restart_retries.v, 3);
	assert_string_equal(s->profiles, "debug,ci");
	strvec_release(&p);
	spec_list_release(&l);
}

static char *
write_tmp(const char *dir, const char *name, const char *text)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	FILE *fp;

	snprintf(p, strlen(dir) + strlen(name) + 2, "%s/%s", dir, name);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return p;
}

static void
merges_files_and_extends(void **state)
{
	char dir[] = "/tmp/hull-compose-XXXXXX";
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;
	struct err e = ERR_INIT;
	const char *files[2];
	char *a, *b, *base, *env;
	struct container_spec *s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	env = write_tmp(dir, ".env", "IMG=from-dotenv:1\n");
	base = write_tmp(dir, "base.yml",
			 "services:\n  common:\n    cap_drop: [ALL]\n"
			 "    user: app\n");
	a = write_tmp(dir, "a.yml",
		      "services:\n  web:\n    extends:\n      file: base.yml\n"
		      "      service: common\n    image: ${IMG}\n"
		      "    cap_add: [CHOWN]\n    ports: [\"80:80\"]\n"
		      "    environment: [A=1, B=2]\n    privileged: true\n");
	b = write_tmp(dir, "b.yml",
		      "services:\n  web:\n    cap_add: [SETUID]\n"
		      "    ports: !override [\"127.0.0.1:81:81\"]\n"
		      "    environment:\n      B: 3\n"
		      "    privileged: false\n  db:\n    image: pg:16\n");
	files[0] = a;
	files[1] = b;
	assert_int_equal(compose_load(&l, files, 2, NULL, &p, &e), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(l.n, 2);
	s = l.v[0];
	assert_string_equal(s->name, "web");
	assert_string_equal(s->image.v, "from-dotenv:1");
	assert_string_equal(s->user.v, "app");
	assert_string_equal(s->user.pos.file, base);
	assert_int_equal(s->cap_drop.n, 1);
	assert_int_equal(s->cap_add.n, 2);
	assert_int_equal(s->n_ports, 1);
	assert_string_equal(s->ports[0].host_ip, "127.0.0.1");
	assert_string_equal(s->ports[0].pos.file, b);
	assert_int_equal(s->n_env, 2);
	assert_string_equal(s->env[1].value, "3");
	assert_false(s->privileged.on);
	assert_string_equal(l.v[1]->name, "db");
	spec_list_release(&l);
	strvec_release(&p);
	unlink(a), unlink(b), unlink(base), unlink(env), rmdir(dir);
	free(a), free(b), free(base), free(env);
}

static void
hostile_documents_fail_cleanly(void **state)
{
	static const char *const fatal[] = {
		"services: [unclosed",
		"- just\n- a list\n",
		"a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]"
		"\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,"
		"*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,"
		"*e,*e,*e,*e,*e]\n"
		"f2: &f [*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
	};
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;
	struct buf deep = BUF_INIT, big = BUF_INIT;
	struct err e = ERR_INIT;
	const char *wrong = "services:\n  a:\n    image: [1]\n    ports: 5\n"
			    "    privileged: maybe\n    environment: 3\n"
			    "    volumes: [{}]\n    ulimits: [x]\n"
			    "    deploy: {resources: {limits: [1]}}\n"
			    "    healthcheck: yes\n    cap_add: {a: b}\n"
			    "  b: 7\n";

	(void)state;
	for (size_t i = 0; i < sizeof(fatal) / sizeof(*fatal); i++) {
		assert_int_equal(compose_load_buf(&l, fatal[i],
						  strlen(fatal[i]), "h.yml",
						  NULL, &p, &e),
				 -1);
		assert_non_null(strstr(e.msg, "h.yml"));
	}
	for (int i = 0; i < 200; i++)
		buf_addstr(&deep, "[");
	assert_int_equal(
	    compose_load_buf(&l, deep.data, deep.len, "d.yml", NULL, &p, &e),
	    -1);
	assert_non_null(strstr(e.msg, "d.yml:1:"));
	buf_addstr(&big, "services:\n  a:\n    image: \"");
	for (int i = 0; i < 2000; i++)
		buf_addstr(&big,
			   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			   "xxxxxxx");
	buf_addstr(&big, "\"\n");
	assert_int_equal(
	    compose_load_buf(&l, big.data, big.len, "b.yml", NULL, &p, &e), 0);
	assert_int_equal(p.n, 1);
	assert_non_null(strstr(p.v[0], "b.yml:3: value longer than"));
	strvec_release(&p);
	/* Wrong types everywhere: problems, never a crash. */
	assert_int_equal(
	    compose_load_buf(&l, wrong, strlen(wrong), "w.yml", NULL, &p, &e),
	    0);
	assert_true(p.n >= 8);
	for (size_t i = 0; i < p.n; i++)
		assert_true(!strncmp(p.v[i], "w.yml:", 6));
	strvec_release(&p);
	buf_release(&deep);
	buf_release(&big);
	spec_list_release(&l);
}

/* How many problems hold `needle`. */
static size_t
count_problems(const struct strvec *p, const char *needle)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += strstr(p->v[i], needle) != NULL;
	return n;
}

static void
extends_cycles_reported_once(void **state)
{
	const char *self = "services:\n  s:\n    image: s:1\n    extends: s\n";
	const char *pair = "services:\n"
			   "  x: {image: x:1, extends: {service: y}}\n"
			   "  y: {image: y:1, extends: {service: x}}\n"
			   "  z: {image: z:1, extends: x}\n";
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;

	(void)state;
	load(&l, self, &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0], "c.yml:4: 'extends' cycle: 's' -> 's'");
	assert_string_equal(l.v[0]->image.v, "s:1");
	strvec_release(&p);
	spec_list_release(&l);

	/* x and y are both on the cycle, z leads into it: one problem */
	load(&l, pair, &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0],
			    "c.yml:3: 'extends' cycle: 'x' -> 'y' -> 'x'");
	assert_int_equal(count_problems(&p, "deeper"), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2]->image.v, "z:1");
	strvec_release(&p);
	spec_list_release(&l);
}

static void
extends_cycle_across_files(void **state)
{
	char dir[] = "/tmp/hull-compose-XXXXXX";
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;
	struct err e = ERR_INIT;
	const char *files[2];
	struct buf want = BUF_INIT;
	char *a, *b;

	(void)state;
	assert_non_null(mkdtemp(dir));
	a = write_tmp(dir, "a.yml",
		      "services:\n  a:\n    image: a:1\n"
		      "    extends: {file: b.yml, service: b}\n");
	/* ./a.yml: the same file spelt differently */
	b = write_tmp(dir, "b.yml",
		      "services:\n  b:\n"
		      "    extends: {file: ./a.yml, service: a}\n");
	files[0] = a;
	files[1] = b;
	assert_int_equal(compose_load(&l, files, 2, NULL, &p, &e), 0);
	assert_int_equal(p.n, 1);
	buf_addf(
	    &want,
	    "%s:3: 'extends' cycle: 'a' ('%s') -> 'b' ('%s') -> 'a' ('%s')", b,
	    a, b, a);
	assert_string_equal(p.v[0], want.data);
	assert_int_equal(l.n, 2);
	spec_list_release(&l);
	strvec_release(&p);
	buf_release(&want);
	unlink(a), unlink(b), rmdir(dir);
	free(a), free(b);
}

static void
profiles_select_services(void **state)
{
	const char *y = "services:\n"
			"  web: {image: w:1}\n"
			"  dbg: {image: d:1, profiles: [debug]}\n"
			"  ops: {image: o:1, profiles: [ops, tools]}\n";
	const char *debug[] = { "debug" }, *tools[] = { "nosuch", "tools" };
	const char *star[] = { "*" }, *prefix[] = { "tool", "op" };
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;

	(void)state;
	load(&l, y, &p);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2]->profiles, "ops,tools");
	for (size_t i = 0; i < 3; i++) {
		assert_true(compose_service_active(l.v[i], NULL, 0));
		assert_true(compose_service_active(l.v[i], star, 1));
	}
	assert_true(compose_service_active(l.v[0], debug, 1));
	assert_true(compose_service_active(l.v[1], debug, 1));
	assert_false(compose_service_active(l.v[2], debug, 1));
	assert_false(compose_service_active(l.v[1], tools, 2));
	assert_true(compose_service_active(l.v[2], tools, 2));
	assert_false(compose_service_active(l.v[2], prefix, 2));
	strvec_release(&p);
	spec_list_release(&l);
}

/* `user: "${UID}"` with UID unset is no user, not root. */
static void
empty_user_is_the_images(void **state)
{
	const char *y = "services:\n"
			"  a: {image: a:1, user: \"${NOSUCH}\"}\n"
			"  b: {image: b:1, user: \"\"}\n"
			"  c: {image: c:1, user: \"0\"}\n"
			"  d: {image: d:1, user: \"${TAG}\"}\n";
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec p = STRVEC_INIT;

	(void)state;
	load(&l, y, &p);
	assert_int_equal(l.n, 4);
	assert_null(l.v[0]->user.v);
	assert_null(l.v[1]->user.v);
	assert_string_equal(l.v[2]->user.v, "0");
	assert_string_equal(l.v[3]->user.v, "1.2");
	strvec_release(&p);
	spec_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(interpolation_forms),
		cmocka_unit_test(dotenv_syntax),
		cmocka_unit_test(long_and_short_syntax),
		cmocka_unit_test(merges_files_and_extends),
		cmocka_unit_test(hostile_documents_fail_cleanly),
		cmocka_unit_test(build_context_and_dockerfile),
		cmocka_unit_test(extends_cycles_reported_once),
		cmocka_unit_test(extends_cycle_across_files),
		cmocka_unit_test(profiles_select_services),
		cmocka_unit_test(empty_user_is_the_images),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
