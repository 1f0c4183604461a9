/*
 * Go binaries: the build information the Go linker embeds.
 *
 * A Go executable carries a 32-byte header, 16-byte aligned, in its
 * .go.buildinfo section (the Go source: debug/buildinfo): the magic
 * "\xff Go buildinf:", the pointer size, and flags (bit 0: big-endian,
 * bit 1: the strings follow inline).  Since Go 1.18 the Go version and
 * the module information follow the header as two varint-length-prefixed
 * strings.  Older binaries store two pointers to Go string headers
 * instead; they are virtual addresses, translated here through the ELF
 * program headers.
 *
 * The module information is text framed by 16 sentinel bytes on each
 * side: "path\tcmd", "mod\tpath\tversion\tsum", "dep\t...", and "=>\t..."
 * lines that replace the dep above them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"
#include "pkg/parsers.h"

/* Executables worth reading whole; Kubernetes' largest are ~200 MiB. */
#define GOBIN_MAX_SIZE (512u * 1024 * 1024)
/* The smallest Go program is ~1 MiB; anything under 64 KiB is a script
 * or a C tool and not worth reading. */
#define GOBIN_MIN_SIZE (64u * 1024)
/* Module information of the largest binaries is ~100 KiB. */
#define GOBIN_MAX_MODINFO (4u * 1024 * 1024)
/* Dependencies of one binary: the largest have ~1500. */
#define GOBIN_MAX_DEPS 100000

static const char magic[14] = "\xff Go buildinf:";

static bool
gobin_wants(const char *path, unsigned mode, unsigned long long size)
{
	return (mode & 0111) && size >= GOBIN_MIN_SIZE &&
	       size <= GOBIN_MAX_SIZE;
}

/*
 * Executable formats Go writes: ELF, Mach-O (both byte orders, fat too)
 * and PE.  An ELF file must also show the Go build-id note ("Go\0\0",
 * .note.go.buildid), which the Go linker places among the first notes
 * of the file, internal and external linking alike: reading every C
 * executable of an image whole would cost far more than the rest of
 * the inventory.
 * NEEDSWORK: a Go ELF whose note lies past CATALOGER_SNIFF_BYTES (or was
 * removed) is missed; a note scan over the program headers would not.
 */
static bool
gobin_sniff(const unsigned char *h, size_t n)
{
	static const unsigned char macho[][4] = {
		{ 0xfe, 0xed, 0xfa, 0xce }, { 0xce, 0xfa, 0xed, 0xfe },
		{ 0xfe, 0xed, 0xfa, 0xcf }, { 0xcf, 0xfa, 0xed, 0xfe },
		{ 0xca, 0xfe, 0xba, 0xbe },
	};

	if (n >= 4 && !memcmp(h,
			      "\x7f"
			      "ELF",
			      4))
		return memmem(h, n, "Go\0\0", 4) != NULL;
	if (n >= 2 && h[0] == 'M' && h[1] == 'Z')
		return true;
	for (size_t i = 0; n >= 4 && i < ARRAY_SIZE(macho); i++)
		if (!memcmp(h, macho[i], 4))
			return true;
	return false;
}

/* A uvarint at *p (below end); false when it runs out or overflows. */
static bool
uvarint(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
	uint64_t v = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		if (*p >= end)
			return false;
		v |= (uint64_t)(**p & 0x7f) << shift;
		if (!(*(*p)++ & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false;
}

static uint64_t
read_uint(const uint8_t *p, int size, bool be)
{
	uint64_t v = 0;

	for (int i = 0; i < size; i++)
		v |= (uint64_t)p[be ? i : size - 1 - i] << (8 * (size - 1 - i));
	return v;
}

/* Translate a virtual address of an ELF file to a file offset. */
static bool
elf_offset(const uint8_t *d, size_t len, uint64_t addr, uint64_t *off)
{
	bool is64, be;
	uint64_t phoff;
	unsigned phnum, phentsize;

	if (len < 52 || memcmp(d,
			       "\x7f"
			       "ELF",
			       4))
		return false;
	is64 = d[4] == 2;
	be = d[5] == 2;
	if (is64 && len < 64)
		return false;
	phoff = is64 ? read_uint(d + 32, 8, be) : read_uint(d + 28, 4, be);
	phentsize = (unsigned)read_uint(d + (is64 ? 54 : 42), 2, be);
	phnum = (unsigned)read_uint(d + (is64 ? 56 : 44), 2, be);
	if (phentsize < (is64 ? 56u : 32u))
		return false;
	for (unsigned i = 0; i < phnum; i++) {
		uint64_t ph = phoff + (uint64_t)i * phentsize;
		uint64_t vaddr, foff, filesz;

		if (ph + phentsize > len)
			return false;
		if (read_uint(d + ph, 4, be) != 1) /* PT_LOAD */
			continue;
		foff = is64 ? read_uint(d + ph + 8, 8, be)
			    : read_uint(d + ph + 4, 4, be);
		vaddr = is64 ? read_uint(d + ph + 16, 8, be)
			     : read_uint(d + ph + 8, 4, be);
		filesz = is64 ? read_uint(d + ph + 32, 8, be)
			      : read_uint(d + ph + 16, 4, be);
		if (addr >= vaddr && addr - vaddr < filesz) {
			*off = foff + (addr - vaddr);
			return *off < len;
		}
	}
	return false;
}

/* A copy of n bytes that may hold NULs (the sentinels do), terminated. */
static char *
bytes_dup(const void *p, size_t n, size_t *len)
{
	char *s = xmalloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

/* Old format: a pointer to a Go string header {data, len}. */
static char *
pointer_string(const uint8_t *d, size_t len, uint64_t ptr, int psize, bool be,
	       size_t *outlen)
{
	uint64_t hoff, soff, slen, sptr;

	if (!elf_offset(d, len, ptr, &hoff) || hoff + 2u * psize > len)
		return NULL;
	sptr = read_uint(d + hoff, psize, be);
	slen = read_uint(d + hoff + psize, psize, be);
	if (slen > GOBIN_MAX_MODINFO || !elf_offset(d, len, sptr, &soff) ||
	    soff + slen > len)
		return NULL;
	return bytes_dup(d + soff, (size_t)slen, outlen);
}

/* The Go version and the module text, or -1. */
static int
buildinfo_strings(const uint8_t *d, size_t len, char **version, char **modinfo,
		  size_t *mlen)
{
	const uint8_t *h = NULL, *p, *end = d + len;
	uint64_t n;

	*version = *modinfo = NULL;
	*mlen = 0;
	for (size_t off = 0; off + 32 <= len; off += 16)
		if (!memcmp(d + off, magic, sizeof(magic))) {
			h = d + off;
			break;
		}
	if (!h)
		return -1;
	if (h[15] & 2) {
		p = h + 32;
		if (!uvarint(&p, end, &n) || n > (uint64_t)(end - p))
			return -1;
		*version = bytes_dup(p, (size_t)n, NULL);
		p += n;
		if (!uvarint(&p, end, &n) || n > (uint64_t)(end - p) ||
		    n > GOBIN_MAX_MODINFO) {
			FREE_AND_NULL(*version);
			return -1;
		}
		*modinfo = bytes_dup(p, (size_t)n, mlen);
		return 0;
	}
	if (h[14] != 4 && h[14] != 8)
		return -1;
	*version = pointer_string(d, len, read_uint(h + 16, h[14], h[15] & 1),
				  h[14], h[15] & 1, NULL);
	*modinfo =
	    pointer_string(d, len, read_uint(h + 16 + h[14], h[14], h[15] & 1),
			   h[14], h[15] & 1, mlen);
	if (!*version) {
		free(*modinfo);
		*modinfo = NULL;
		return -1;
	}
	return 0;
}

/* "go1.21.5 X:boringcrypto" -> "v1.21.5"; NULL when not a release. */
static char *
stdlib_version(const char *v)
{
	size_t n;

	if (!str_starts_with(v, "go"))
		return NULL;
	n = strcspn(v + 2, " \t");
	if (!n)
		return NULL;
	return xasprintf("v%.*s", (int)n, v + 2);
}

static struct pkg *
add_module(struct pkg_list *l, const char *path, const char *ver)
{
	struct pkg *p = pkg_list_add(l, PKG_GOLANG);

	p->name = pkg_strdup(l, path);
	/* Kept as the binary says it, "(devel)" included: that is what a
	 * build outside version control (or of a workspace) records. */
	p->version = pkg_strdup(l, ver ? ver : "");
	return p;
}

/* Parse the module lines: the main module first, then dependencies. */
static int
parse_modinfo(struct pkg_list *l, const char *mi, const char *file,
	      struct err *e)
{
	const char *p = mi, *end = mi + strlen(mi), *line;
	struct pkg *last = NULL;
	const char *path = NULL;
	size_t n, deps = 0;
	bool have_main = false;

	while (text_next_line(&p, end, &line, &n)) {
		char *s = xstrndup(line, n), *f[4] = { 0 };
		int nf = 0;

		for (char *t = s; nf < 4 && t; nf++) {
			f[nf] = t;
			t = strchr(t, '\t');
			if (t)
				*t++ = '\0';
		}
		if (!strcmp(f[0], "path") && f[1]) {
			path = pkg_strdup(l, f[1]);
		} else if ((!strcmp(f[0], "mod") || !strcmp(f[0], "dep")) &&
			   f[1]) {
			if (++deps > GOBIN_MAX_DEPS) {
				free(s);
				return err_set(e, ERR_INPUT,
					       "'%s': more than "
					       "%d modules",
					       file, GOBIN_MAX_DEPS);
			}
			last = add_module(l, f[1], f[2]);
			last->indirect = f[0][0] == 'd';
			have_main |= f[0][0] == 'm';
		} else if (!strcmp(f[0], "=>") && f[1] && last) {
			/* A local replacement (no version) keeps the
			 * original's identity. */
			if (f[2] && *f[2]) {
				last->name = pkg_strdup(l, f[1]);
				last->version = pkg_strdup(l, f[2]);
			}
		}
		free(s);
	}
	if (!have_main && path)
		add_module(l, path, NULL);
	return 0;
}

int
gobin_parse(struct pkg_list *l, const char *file, const void *data, size_t len,
	    struct err *e)
{
	char *version, *modinfo, *sv;
	size_t mlen = 0;
	struct pkg *p;
	int rc = 0;

	if (buildinfo_strings(data, len, &version, &modinfo, &mlen) < 0)
		return 0; /* not a Go binary, or one without build info */
	/* Strip the 16-byte sentinels around the module text. */
	if (mlen >= 33 && modinfo[mlen - 17] == '\n') {
		memmove(modinfo, modinfo + 16, mlen - 32);
		modinfo[mlen - 32] = '\0';
	}
	if (modinfo)
		rc = parse_modinfo(l, modinfo, file, e);
	sv = stdlib_version(version);
	if (sv) {
		p = pkg_list_add(l, PKG_GOSTDLIB);
		p->name = "stdlib";
		p->version = pkg_strdup(l, sv);
	}
	free(sv);
	free(version);
	free(modinfo);
	return rc;
}

static int
gobin_cat_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	return gobin_parse(l, f->path, f->data, f->len, e);
}

const struct cataloger cataloger_gobin = {
	.name = "go-binary",
	.wants = gobin_wants,
	.parse = gobin_cat_parse,
	.max_size = GOBIN_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
	.parse_early = true,
	.sniff = gobin_sniff,
};
