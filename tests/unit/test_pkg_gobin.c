/*
 * Go build information.  The layouts are built here from the format
 * (Go's debug/buildinfo): the inline strings of Go >= 1.18 and the
 * pointer form of older Go inside a minimal ELF file.  Real binaries of
 * this machine are checked by tests/cli/sbom_gobin.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pkgtest.h"
#include "pkg/parsers.h"

static const char start_sentinel[16] =
    "\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6";
static const char end_sentinel[16] =
    "\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2";

static const char modtext[] = "path\texample.com/cmd/tool\n"
			      "mod\texample.com\tv1.4.0\th1:abc=\n"
			      "dep\tgithub.com/a/b\tv0.1.0\th1:x=\n"
			      "dep\tgolang.org/x/net\tv0.0.1\th1:y=\n"
			      "=>\tgithub.com/fork/net\tv0.0.2\th1:z=\n"
			      "dep\tgithub.com/local/x\tv1.0.0\n"
			      "=>\t../x\t\n"
			      "build\t-compiler=gc\n";

static void
put_uvarint(struct buf *b, size_t v)
{
	while (v >= 0x80) {
		buf_addch(b, (int)(v & 0x7f) | 0x80);
		v >>= 7;
	}
	buf_addch(b, (int)v);
}

static void
check_modules(struct pkg_list *l, const char *stdlib)
{
	assert_int_equal(l->n, 5);
	assert_string_equal(l->v[0]->name, "example.com");
	assert_string_equal(l->v[0]->version, "v1.4.0");
	assert_false(l->v[0]->indirect);
	assert_string_equal(l->v[1]->name, "github.com/a/b");
	assert_string_equal(l->v[2]->name, "github.com/fork/net");
	assert_string_equal(l->v[2]->version, "v0.0.2");
	assert_string_equal(l->v[3]->name, "github.com/local/x");
	assert_string_equal(l->v[3]->version, "v1.0.0");
	assert_int_equal(l->v[4]->type, PKG_GOSTDLIB);
	assert_string_equal(l->v[4]->version, stdlib);
	pkg_list_finalize(l);
	assert_string_equal(l->v[2]->purl,
			    "pkg:golang/github.com/fork/net@v0.0.2");
	assert_string_equal(l->v[4]->purl, "pkg:golang/stdlib@v1.21.5");
}

static void
inline_strings_of_go_118(void **state)
{
	struct buf b = BUF_INIT;
	struct pkg_list l;
	struct err e = ERR_INIT;

	(void)state;
	/* Some code before the 16-aligned header, as in a real file. */
	buf_add(&b,
		"\x7f"
		"ELF padding.....",
		16);
	buf_add(&b, "\xff Go buildinf:", 14);
	buf_addch(&b, 8);
	buf_addch(&b, 2);
	buf_add(&b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	put_uvarint(&b, strlen("go1.21.5 X:boringcrypto"));
	buf_addstr(&b, "go1.21.5 X:boringcrypto");
	put_uvarint(&b, 32 + strlen(modtext));
	buf_add(&b, start_sentinel, 16);
	buf_addstr(&b, modtext);
	buf_add(&b, end_sentinel, 16);
	pkg_list_init(&l);
	assert_int_equal(gobin_parse(&l, "usr/bin/tool", b.data, b.len, &e), 0);
	check_modules(&l, "v1.21.5");
	pkg_list_release(&l);
	buf_release(&b);
}

static void
le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* ELF64 LE, one PT_LOAD mapping file offset 0 at 0x400000. */
static void
pointer_form_of_older_go(void **state)
{
	enum { SIZE = 4096, BASE = 0x400000 };
	uint8_t *d = xcalloc(1, SIZE);
	size_t mlen = 32 + strlen(modtext);
	struct pkg_list l;
	struct err e = ERR_INIT;

	(void)state;
	memcpy(d,
	       "\x7f"
	       "ELF\x02\x01\x01",
	       7);
	le64(d + 32, 64);	 /* e_phoff */
	d[54] = 56;		 /* e_phentsize */
	d[56] = 1;		 /* e_phnum */
	d[64] = 1;		 /* p_type PT_LOAD */
	le64(d + 64 + 8, 0);	 /* p_offset */
	le64(d + 64 + 16, BASE); /* p_vaddr */
	le64(d + 64 + 32, SIZE); /* p_filesz */
	memcpy(d + 256, "\xff Go buildinf:", 14);
	d[256 + 14] = 8;
	d[256 + 15] = 0;
	le64(d + 256 + 16, BASE + 512); /* -> version header */
	le64(d + 256 + 24, BASE + 528); /* -> modinfo header */
	le64(d + 512, BASE + 1024);
	le64(d + 520, strlen("go1.21.5"));
	le64(d + 528, BASE + 1100);
	le64(d + 536, mlen);
	memcpy(d + 1024, "go1.21.5", 8);
	memcpy(d + 1100, start_sentinel, 16);
	memcpy(d + 1116, modtext, strlen(modtext));
	memcpy(d + 1116 + strlen(modtext), end_sentinel, 16);
	pkg_list_init(&l);
	assert_int_equal(gobin_parse(&l, "usr/bin/old", d, SIZE, &e), 0);
	check_modules(&l, "v1.21.5");
	pkg_list_release(&l);

	/* A pointer outside every segment yields nothing, not a crash. */
	le64(d + 256 + 16, 0x7fffffff);
	pkg_list_init(&l);
	assert_int_equal(gobin_parse(&l, "usr/bin/old", d, SIZE, &e), 0);
	assert_int_equal(l.n, 0);
	pkg_list_release(&l);
	free(d);
}

static void
truncated_headers_add_nothing(void **state)
{
	static const char cut[] = "\xff Go buildinf:\x08\x02"
				  "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xff\xff";
	struct pkg_list l;
	struct err e = ERR_INIT;

	(void)state;
	pkg_list_init(&l);
	assert_int_equal(gobin_parse(&l, "x", cut, sizeof(cut) - 1, &e), 0);
	assert_int_equal(gobin_parse(&l, "x", "", 0, &e), 0);
	assert_int_equal(l.n, 0);
	pkg_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inline_strings_of_go_118),
		cmocka_unit_test(pointer_form_of_older_go),
		cmocka_unit_test(truncated_headers_add_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
