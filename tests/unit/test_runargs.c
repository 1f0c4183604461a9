/*
 * Unit tests for the docker run command-line parser: every spelling of
 * the hardening options, grouped short flags, the image and the command
 * after it, and finding run lines in scripts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parse/runargs.h"

/* Parse a command line given as one string; the spec or NULL. */
static struct container_spec *
parse(struct spec_list *l, const char *line, int *rc)
{
	struct runargs_word *w;
	struct container_spec *s = NULL;
	size_t n = runargs_split(&l->arena, line, &w);

	*rc = runargs_parse(l, w, n, NULL, &s, NULL);
	return s;
}

static void
long_options_with_and_without_equals(void **state)
{
	struct spec_list l = SPEC_LIST_INIT;
	int rc;
	struct container_spec *s =
	    parse(&l,
		  "docker run --cap-drop=ALL --cap-add NET_BIND_SERVICE "
		  "--user app --read-only --memory=512m --cpus 1.5 "
		  "--pids-limit=100 --memory-swap -1 img:1",
		  &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_int_equal(s->cap_drop.n, 1);
	assert_string_equal(s->cap_drop.v[0].v, "ALL");
	assert_string_equal(s->cap_add.v[0].v, "NET_BIND_SERVICE");
	assert_string_equal(s->user.v, "app");
	assert_true(s->read_only.on);
	assert_int_equal(s->memory.v, 512LL * 1024 * 1024);
	assert_int_equal(s->nano_cpus.v, 1500000000LL);
	assert_int_equal(s->pids_limit.v, 100);
	assert_int_equal(s->memswap.v, -1);
	assert_string_equal(s->image.v, "img:1");
	spec_list_release(&l);
}

static void
grouped_and_attached_short_flags(void **state)
{
	struct spec_list l = SPEC_LIST_INIT;
	int rc;
	struct container_spec *s =
	    parse(&l,
		  "docker run -itd -uapp -p80:80 -dp 8080:8080 -m 1g "
		  "-e A=1 -eB=2 -v /etc:/etc:ro nginx:1 -u root --privileged",
		  &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(s->user.v, "app");
	assert_int_equal(s->n_ports, 2);
	assert_int_equal(s->ports[0].host_lo, 80);
	assert_int_equal(s->ports[1].cont_lo, 8080);
	assert_int_equal(s->memory.v, 1LL << 30);
	assert_int_equal(s->n_env, 2);
	assert_string_equal(s->env[1].name, "B");
	assert_int_equal(s->n_mounts, 1);
	assert_int_equal(s->mounts[0].type, SPEC_MOUNT_BIND);
	assert_true(s->mounts[0].read_only);
	/* The words after the image are its command, not options. */
	assert_string_equal(s->image.v, "nginx:1");
	assert_false(s->privileged.on);
	spec_list_release(&l);
}

static void
security_opt_spellings(void **state)
{
	static const char *const on[] = {
		"run --security-opt no-new-privileges x",
		"run --security-opt no-new-privileges:true x",
		"run --security-opt=no-new-privileges=true x",
	};
	struct spec_list l = SPEC_LIST_INIT;
	struct container_spec *s;
	int rc;

	(void)state;
	for (size_t i = 0; i < sizeof(on) / sizeof(*on); i++) {
		s = parse(&l, on[i], &rc);
		assert_int_equal(rc, 0);
		assert_true(s->no_new_privileges.set);
		assert_true(s->no_new_privileges.on);
	}
	s = parse(&l, "run --security-opt no-new-privileges:false x", &rc);
	assert_false(s->no_new_privileges.on);
	s = parse(&l,
		  "docker container run --security-opt seccomp=unconfined "
		  "--security-opt apparmor=unconfined x",
		  &rc);
	assert_string_equal(s->seccomp.v, "unconfined");
	assert_string_equal(s->apparmor.v, "unconfined");
	spec_list_release(&l);
}

static void
mounts_tmpfs_and_ports(void **state)
{
	struct spec_list l = SPEC_LIST_INIT;
	int rc;
	struct container_spec *s = parse(
	    &l,
	    "run --tmpfs /tmp:rw,noexec,nosuid,size=64m "
	    "--mount type=bind,src=/var/run/docker.sock,dst=/s,readonly "
	    "--mount type=tmpfs,destination=/run,tmpfs-size=1m "
	    "-p 127.0.0.1:5432:5432 -p [::1]:80:80/udp -p 8000-8010:80-90 "
	    "--network=host --pid host --ipc=host --uts host --userns host "
	    "--device /dev/fuse --sysctl net.core.somaxconn=1024 "
	    "--ulimit nofile=1024:2048 --restart on-failure:5 "
	    "--health-cmd 'true' x:1",
	    &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_int_equal(s->n_mounts, 3);
	assert_true(s->mounts[0].noexec && s->mounts[0].nosuid);
	assert_int_equal(s->mounts[0].size, 64LL << 20);
	assert_string_equal(s->mounts[1].source, "/var/run/docker.sock");
	assert_true(s->mounts[1].read_only);
	assert_int_equal(s->mounts[2].type, SPEC_MOUNT_TMPFS);
	assert_string_equal(s->ports[0].host_ip, "127.0.0.1");
	assert_string_equal(s->ports[1].host_ip, "::1");
	assert_string_equal(s->ports[1].proto, "udp");
	assert_int_equal(s->ports[2].host_hi, 8010);
	assert_string_equal(s->network_mode.v, "host");
	assert_string_equal(s->userns_mode.v, "host");
	assert_string_equal(s->devices.v[0].v, "/dev/fuse");
	assert_string_equal(s->sysctls[0].name, "net.core.somaxconn");
	assert_int_equal(s->ulimits[0].hard, 2048);
	assert_string_equal(s->restart.v, "on-failure");
	assert_int_equal(s->restart_retries.v, 5);
	assert_true(s->healthcheck.on);
	spec_list_release(&l);
}

static void
errors_are_reported(void **state)
{
	struct spec_list l = SPEC_LIST_INIT;
	int rc;

	(void)state;
	parse(&l, "docker run --rm -d", &rc);
	assert_int_equal(rc, -1); /* no image */
	parse(&l, "docker run --memory", &rc);
	assert_int_equal(rc, -1); /* missing value */
	parse(&l, "docker run -m lots x", &rc);
	assert_int_equal(rc, -1);
	parse(&l, "docker run -p 99999:1 x", &rc);
	assert_int_equal(rc, -1);
	spec_list_release(&l);
}

static void
finds_run_lines_in_scripts(void **state)
{
	const char *text =
	    "#!/bin/sh\n"
	    "set -e\n"
	    "docker build -t app .\n"
	    "docker run -d \\\n"
	    "  --name web \\\n"
	    "  -p 80:80 nginx:1 && echo done\n"
	    "# docker run --privileged commented\n"
	    "jobs:\n  x:\n    steps:\n      - run: docker container run "
	    "--rm \"alpine:3\" sh -c 'echo a; docker run x'\n"
	    "mydocker run nope\n";
	struct arena a = ARENA_INIT;
	struct runargs_line *lines;
	size_t n = runargs_find(&a, text, strlen(text), &lines);

	(void)state;
	/* The one inside sh -c '...' runs too, so it counts. */
	assert_int_equal(n, 3);
	assert_int_equal(lines[0].line, 4);
	assert_int_equal(lines[0].n, 8);
	assert_string_equal(lines[0].words[6].text, "80:80");
	assert_int_equal(lines[0].words[6].pos.line, 6);
	assert_string_equal(lines[0].words[7].text, "nginx:1");
	assert_int_equal(lines[1].line, 11);
	assert_string_equal(lines[1].words[4].text, "alpine:3");
	arena_release(&a);
}

static void
units_and_images(void **state)
{
	struct spec_image_ref r;
	long long v;

	(void)state;
	assert_int_equal(spec_parse_bytes("512m", &v, NULL), 0);
	assert_int_equal(v, 512LL << 20);
	assert_int_equal(spec_parse_bytes("1.5GB", &v, NULL), 0);
	assert_int_equal(v, 3LL << 29);
	assert_int_equal(spec_parse_bytes("100", &v, NULL), 0);
	assert_int_equal(v, 100);
	assert_int_equal(spec_parse_bytes("12x", &v, NULL), -1);
	spec_image_ref_parse("redis", &r);
	assert_true(r.latest);
	spec_image_ref_parse("localhost:5000/app", &r);
	assert_true(r.latest);
	spec_image_ref_parse("localhost:5000/app:2", &r);
	assert_false(r.latest);
	spec_image_ref_parse("app@sha256:abc", &r);
	assert_false(r.latest);
	assert_true(r.has_digest);
	assert_true(spec_user_is_root("0:0"));
	assert_true(spec_user_is_root("root"));
	assert_false(spec_user_is_root("1000"));
	assert_false(spec_user_is_root("rooty"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(long_options_with_and_without_equals),
		cmocka_unit_test(grouped_and_attached_short_flags),
		cmocka_unit_test(security_opt_spellings),
		cmocka_unit_test(mounts_tmpfs_and_ports),
		cmocka_unit_test(errors_are_reported),
		cmocka_unit_test(finds_run_lines_in_scripts),
		cmocka_unit_test(units_and_images),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
