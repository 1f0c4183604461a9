/*
 * Unit tests for the container inspect mapping: a daemon started with
 * --no-new-privileges (GET /info SecurityOptions) gives it to containers
 * that set none, and RT007 then stays silent for them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "engine/inspect.h"
#include "report/finding.h"
#include "rules/runtime.h"

static const char container_json[] =
    "{\"Id\": \"abc\", \"Name\": \"/web\", \"Image\": \"sha256:1\","
    " \"Config\": {\"User\": \"1000\", \"Image\": \"nginx:1.27\"},"
    " \"HostConfig\": {\"SecurityOpt\": %s}}";

/* Findings with id `id` for the container with SecurityOpt `secopt`
 * under a daemon whose /info is `info` (NULL: none). */
static size_t
rt_fires(const char *id, const char *secopt, const char *info_text,
	 bool *nnp_on)
{
	struct spec_list l = SPEC_LIST_INIT;
	struct findings out = FINDINGS_INIT;
	struct container_spec *s;
	struct err e = ERR_INIT;
	char text[512];
	json_t *c, *info = NULL;
	size_t n = 0;

	snprintf(text, sizeof(text), container_json, secopt);
	c = json_loads(text, 0, NULL);
	assert_non_null(c);
	if (info_text) {
		info = json_loads(info_text, 0, NULL);
		assert_non_null(info);
	}
	assert_int_equal(inspect_to_spec(&l, c, NULL, &s, &e), 0);
	inspect_apply_daemon_info(s, info);
	*nnp_on = s->no_new_privileges.set && s->no_new_privileges.on;
	runtime_check(s, NULL, &out);
	for (size_t i = 0; i < out.n; i++)
		n += !strcmp(out.v[i].id, id);
	findings_release(&out);
	spec_list_release(&l);
	json_decref(c);
	json_decref(info);
	return n;
}

static const char info_nnp[] =
    "{\"SecurityOptions\": [\"name=seccomp,profile=builtin\","
    " \"name=no-new-privileges\"]}";
static const char info_plain[] =
    "{\"SecurityOptions\": [\"name=seccomp,profile=builtin\"]}";

static void
daemon_no_new_privileges_covers_containers(void **state)
{
	bool on;

	(void)state;
	assert_int_equal(rt_fires("RT007", "null", info_nnp, &on), 0);
	assert_true(on);
	assert_int_equal(rt_fires("RT007", "[]", info_nnp, &on), 0);
	assert_true(on);
}

static void
container_setting_wins_over_the_daemon(void **state)
{
	bool on;

	(void)state;
	/* Turned off explicitly: the daemon's default does not apply. */
	assert_int_equal(
	    rt_fires("RT007", "[\"no-new-privileges=false\"]", info_nnp, &on),
	    1);
	assert_false(on);
}

static void
without_the_daemon_default_rt007_fires(void **state)
{
	bool on;

	(void)state;
	assert_int_equal(rt_fires("RT007", "null", info_plain, &on), 1);
	assert_false(on);
	assert_int_equal(rt_fires("RT007", "null", NULL, &on), 1);
	/* A name that only starts like it is another option. */
	assert_int_equal(
	    rt_fires("RT007", "null",
		     "{\"SecurityOptions\": [\"name=no-new-privilegesX\"]}",
		     &on),
	    1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(daemon_no_new_privileges_covers_containers),
		cmocka_unit_test(container_setting_wins_over_the_daemon),
		cmocka_unit_test(without_the_daemon_default_rt007_fires),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
