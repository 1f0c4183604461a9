/*
 * The rpm cataloger: the installed-package database at its usual places.
 */
#include <string.h>

#include "core/util.h"
#include "pkg/cataloger.h"
#include "pkg/rpm.h"

/* The largest rpmdb worth reading: a full Fedora desktop is ~200 MiB. */
#define RPMDB_MAX_SIZE (1024u * 1024 * 1024)

static const char *const rpmdb_paths[] = {
	"var/lib/rpm/Packages",
	"var/lib/rpm/Packages.db",
	"var/lib/rpm/rpmdb.sqlite",
	"usr/lib/sysimage/rpm/Packages",
	"usr/lib/sysimage/rpm/Packages.db",
	"usr/lib/sysimage/rpm/rpmdb.sqlite",
};

static bool
rpm_wants(const char *path, unsigned mode, unsigned long long size)
{
	for (size_t i = 0; i < ARRAY_SIZE(rpmdb_paths); i++)
		if (!strcmp(path, rpmdb_paths[i]))
			return true;
	return false;
}

struct rpm_ctx {
	struct pkg_list *l;
	size_t bad;
};

/* "util-linux-2.32.1-42.el8_8.src.rpm" -> name and "version-release". */
static void
source_rpm_split(struct pkg_list *l, struct pkg *p, const char *srpm,
		 long long epoch)
{
	size_t n = strlen(srpm);
	const char *dash1, *dash2 = NULL;

	if (str_ends_with(srpm, ".src.rpm"))
		n -= strlen(".src.rpm");
	else if (str_ends_with(srpm, ".nosrc.rpm"))
		n -= strlen(".nosrc.rpm");
	for (const char *s = srpm + n; s > srpm; s--)
		if (s[-1] == '-') {
			if (dash2) {
				dash1 = s - 1;
				p->src_name = pkg_strndup(
				    l, srpm, (size_t)(dash1 - srpm));
				p->src_version = arena_printf(
				    &l->arena, "%s%.*s",
				    epoch > 0 ? arena_printf(&l->arena,
							     "%lld:", epoch)
					      : "",
				    (int)(srpm + n - s), s);
				return;
			}
			dash2 = s - 1;
		}
}

static int
rpm_blob(void *vctx, const uint8_t *blob, size_t len)
{
	struct rpm_ctx *ctx = vctx;
	struct pkg_list *l = ctx->l;
	struct rpm_header h;
	struct rpm_pkg rp;
	struct rpm_file *files;
	size_t nf;
	struct pkg *p;

	if (rpm_header_load(&h, blob, len, NULL) < 0 ||
	    rpm_header_pkg(&h, &l->arena, &rp, NULL) < 0) {
		ctx->bad++;
		return 0;
	}
	/* gpg-pubkey entries are imported keys, not packages. */
	if (!strcmp(rp.name, "gpg-pubkey"))
		return 0;
	p = pkg_list_add(l, PKG_RPM);
	p->name = rp.name;
	p->version = arena_printf(
	    &l->arena, "%s%s%s%s",
	    rp.epoch > 0 ? arena_printf(&l->arena, "%lld:", rp.epoch) : "",
	    rp.version, rp.release ? "-" : "", rp.release ? rp.release : "");
	p->arch = rp.arch;
	p->maintainer = rp.vendor;
	if (rp.license && *rp.license)
		pkg_strs_push(l, &p->licenses, rp.license);
	if (rp.sigmd5[0])
		p->digest = arena_printf(&l->arena, "md5:%s", rp.sigmd5);
	if (rp.sourcerpm)
		source_rpm_split(l, p, rp.sourcerpm, rp.epoch);
	if (!p->src_name) {
		p->src_name = p->name;
		p->src_version = p->version;
	}
	if (rpm_header_files(&h, &l->arena, &files, &nf, NULL) == 0)
		for (size_t i = 0; i < nf; i++)
			pkg_strs_push(l, &p->files,
				      files[i].path[0] == '/'
					  ? files[i].path + 1
					  : files[i].path);
	return 0;
}

static int
rpm_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	struct rpm_ctx ctx = { l, 0 };

	if (rpmdb_each(f->path, (const uint8_t *)f->data, f->len, rpm_blob,
		       &ctx, e) < 0)
		return -1;
	if (ctx.bad)
		return err_set(e, ERR_INPUT,
			       "'%s': %zu package headers "
			       "could not be read",
			       f->path, ctx.bad);
	return 0;
}

const struct cataloger cataloger_rpm = {
	.name = "rpm",
	.wants = rpm_wants,
	.parse = rpm_parse,
	.max_size = RPMDB_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
	.database = true,
};
