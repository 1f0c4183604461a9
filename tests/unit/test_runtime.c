/*
 * Unit tests for the runtime rules: the docker run lines and compose
 * snippets of the best-practices article give exactly the rule ids they
 * should, and the same settings as a run line and as a compose service
 * give the same ids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "parse/compose.h"
#include "parse/runargs.h"
#include "rules/runtime.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct rule ids of fs, sorted, joined by spaces. */
static char *
ids_of(const struct findings *fs)
{
	const char **v = calloc(fs->n + 1, sizeof(*v));
	struct buf b = BUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		v[n++] = fs->v[i].id;
	qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(v[i], v[i - 1]))
			buf_addf(&b, "%s%s", b.len ? " " : "", v[i]);
	free(v);
	return buf_detach(&b, NULL);
}

static char *
run_ids(const char *line)
{
	struct spec_list l = SPEC_LIST_INIT;
	struct findings fs = FINDINGS_INIT;
	struct runargs_word *w;
	struct container_spec *s;
	size_t n = runargs_split(&l.arena, line, &w);
	char *ids;

	assert_int_equal(runargs_parse(&l, w, n, NULL, &s, NULL), 0);
	runtime_check(s, NULL, &fs);
	ids = ids_of(&fs);
	findings_release(&fs);
	spec_list_release(&l);
	return ids;
}

static char *
compose_ids(const char *yaml, const char *service)
{
	struct spec_list l = SPEC_LIST_INIT;
	struct findings fs = FINDINGS_INIT;
	struct strvec problems = STRVEC_INIT;
	struct strmap env = STRMAP_INIT;
	struct compose_opts o = { &env, "" };
	char *ids;

	assert_int_equal(compose_load_buf(&l, yaml, strlen(yaml), "c.yml", &o,
					  &problems, NULL),
			 0);
	assert_int_equal(problems.n, 0);
	for (size_t i = 0; i < l.n; i++)
		if (!service || !strcmp(l.v[i]->name, service))
			runtime_check(l.v[i], NULL, &fs);
	ids = ids_of(&fs);
	findings_release(&fs);
	strvec_release(&problems);
	spec_list_release(&l);
	strmap_release(&env, NULL);
	return ids;
}

#define ASSERT_IDS(got, want)                                                  \
	do {                                                                   \
		char *g_ = (got);                                              \
		assert_string_equal(g_, want);                                 \
		free(g_);                                                      \
	} while (0)

/* Docker's defaults: what every unhardened container gets. */
#define DEFAULTS "RT004 RT005 RT007 RT010 RT011 RT012"

static void
article_hardened_line_only_reports_latest(void **state)
{
	(void)state;
	ASSERT_IDS(run_ids("docker run -d --read-only "
			   "--tmpfs /tmp:rw,noexec,nosuid --cap-drop=ALL "
			   "--security-opt=no-new-privileges:true "
			   "--memory=512m --cpus=1 --pids-limit=100 "
			   "--name api my-app:latest"),
		   "RT023");
}

static void
article_partial_lines(void **state)
{
	(void)state;
	ASSERT_IDS(run_ids("docker run -d --read-only --tmpfs "
			   "/tmp:rw,noexec,nosuid --name api my-app:latest"),
		   "RT004 RT007 RT010 RT011 RT012 RT023");
	ASSERT_IDS(run_ids("docker run -d --cap-drop=ALL "
			   "--cap-add=NET_BIND_SERVICE --name api "
			   "my-app:latest"),
		   "RT005 RT007 RT010 RT011 RT012 RT023");
	ASSERT_IDS(run_ids("docker run -d --name web -p 8080:80 nginx:alpine"),
		   DEFAULTS " RT021 RT024");
	ASSERT_IDS(run_ids("docker run --rm aquasec/trivy:latest image "
			   "--severity CRITICAL,HIGH my-app:latest"),
		   DEFAULTS " RT023");
}

static void
article_bench_line(void **state)
{
	(void)state;
	ASSERT_IDS(run_ids("docker run --rm --net host --pid host --userns "
			   "host --cap-add audit_control -v "
			   "/var/lib:/var/lib:ro -v "
			   "/var/run/docker.sock:/var/run/docker.sock:ro -v "
			   "/etc:/etc:ro docker/docker-bench-security"),
		   "RT003 " DEFAULTS " RT013 RT014 RT015 RT016 RT019 RT023");
}

static void
article_secret_lines(void **state)
{
	(void)state;
	/* The URL carries a password; ${API_KEY} is a reference. */
	ASSERT_IDS(run_ids("docker run -d --name api -e "
			   "DATABASE_URL=\"postgres://user:pass@db:5432/myapp\""
			   " -e 'API_KEY=${API_KEY}' my-app:latest"),
		   DEFAULTS " RT022 RT023");
	ASSERT_IDS(compose_ids("services:\n  api:\n    build: ./api\n"
			       "    env_file:\n      - .env\n"
			       "    environment:\n"
			       "      - DATABASE_URL=${DATABASE_URL}\n"
			       "      - API_KEY=${API_KEY}\n",
			       NULL),
		   DEFAULTS);
	ASSERT_IDS(compose_ids("services:\n  api:\n    image: my-app:latest\n"
			       "    secrets:\n      - db_password\n"
			       "    environment:\n      DB_PASSWORD_FILE: "
			       "/run/secrets/db_password\n"
			       "secrets:\n  db_password:\n    external: true\n",
			       NULL),
		   DEFAULTS " RT023");
	ASSERT_IDS(compose_ids("services:\n  db:\n    image: pg:16\n"
			       "    environment:\n      POSTGRES_PASSWORD: "
			       "hunter2\n",
			       NULL),
		   DEFAULTS " RT022 RT024");
}

/* The same hardening as a run line and as a compose service. */
static void
run_and_compose_agree(void **state)
{
	static const struct {
		const char *run;
		const char *svc;
	} pairs[] = {
		{ "run --privileged -u 0 x:1@sha256:ab",
		  "privileged: true\n    user: \"0\"" },
		{ "run --cap-add SYS_ADMIN --cap-drop all -p 80:80 x:1",
		  "cap_add: [SYS_ADMIN]\n    cap_drop: [ALL]\n    ports: "
		  "[\"80:80\"]" },
		{ "run --read-only --tmpfs /tmp --security-opt "
		  "seccomp=unconfined -m 64m --cpus 2 --pids-limit 10 x",
		  "read_only: true\n    tmpfs: /tmp\n    security_opt: "
		  "[seccomp=unconfined]\n    mem_limit: 64m\n    cpus: 2\n   "
		  " pids_limit: 10" },
		{ "run --network host --ipc host --uts host --restart always "
		  "--no-healthcheck --device /dev/kvm x:2",
		  "network_mode: host\n    ipc: host\n    uts: host\n    "
		  "restart: always\n    healthcheck:\n      disable: true\n  "
		  "  devices: [/dev/kvm]" },
		{ "run -v /:/host:rshared -p 127.0.0.1:80:80 -e TOKEN=abc x:3",
		  "volumes: [\"/:/host:rshared\"]\n    ports: "
		  "[\"127.0.0.1:80:80\"]\n    environment: [TOKEN=abc]" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++) {
		struct buf y = BUF_INIT;
		const char *img = strrchr(pairs[i].run, ' ') + 1;
		char *a, *b;

		buf_addf(&y, "services:\n  s:\n    image: %s\n    %s\n", img,
			 pairs[i].svc);
		a = run_ids(pairs[i].run);
		b = compose_ids(y.data, NULL);
		assert_string_equal(a, b);
		free(a);
		free(b);
		buf_release(&y);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(article_hardened_line_only_reports_latest),
		cmocka_unit_test(article_partial_lines),
		cmocka_unit_test(article_bench_line),
		cmocka_unit_test(article_secret_lines),
		cmocka_unit_test(run_and_compose_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
