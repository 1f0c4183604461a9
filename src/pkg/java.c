/*
 * Java archives: jar, war, ear and par files, and the archives nested in
 * them, read from memory with libarchive.
 *
 * What an archive says about itself, in order of trust:
 *  - every pom.properties (groupId, artifactId, version), with the
 *    licence names of the pom.xml beside it, or else the archive's
 *    Bundle-License;
 *  - when none of them is the archive's own artifact (told by its file
 *    name, "name-1.2.3.jar"), META-INF/MANIFEST.MF: group from
 *    Implementation-Vendor-Id, Specification-Vendor-Id or the
 *    Bundle-SymbolicName's prefix; artifact from Implementation-Title,
 *    Specification-Title or Bundle-Name; version from
 *    Implementation-Version, Specification-Version or Bundle-Version;
 *    licences from Plugin-License-Name* (Jenkins) or Bundle-License.
 * Nothing is looked up online: an archive that names itself nowhere
 * adds no package for itself.
 */
#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"
#include "pkg/parsers.h"

/* The outermost archive read whole; enterprise ears reach ~300 MiB. */
#define JAR_MAX_SIZE (512u * 1024 * 1024)
/* One nested archive, held in memory while it is read. */
#define JAR_MAX_NESTED_SIZE (256u * 1024 * 1024)
/* Archives inside archives inside...: Spring Boot uses two levels. */
#define JAR_MAX_DEPTH 8
/* Entries of one archive: the largest real wars have ~60k. */
#define JAR_MAX_ENTRIES 500000
/* A manifest, pom.properties or pom.xml. */
#define JAR_MAX_TEXT (4u * 1024 * 1024)
/* Decompressed bytes read from nested archives, all levels together:
 * bounds a zip bomb built of nested jars. */
#define JAR_MAX_TOTAL (2048ull * 1024 * 1024)

struct pom_props {
	char *dir; /* folder of the pom.properties, for its pom.xml */
	char *group, *artifact, *version;
};

struct jar_state {
	struct pom_props *poms;
	size_t npoms, cap;
	struct strvec xml_dirs; /* folders with a pom.xml ... */
	struct strvec xml_lics; /* ... and their licences, "\n"-joined */
	struct buf manifest;
};

struct jar_ctx {
	struct pkg_list *l;
	unsigned long long total; /* decompressed bytes so far */
	struct err *e;
	struct strmap seen;	 /* "path\1group\1artifact\1version" */
	struct strvec *warnings; /* may be NULL */
	bool depth_warned, total_warned;
};

/* The text libarchive gives for its last error, never NULL. */
static const char *
archive_why(struct archive *a)
{
	const char *s = archive_error_string(a);

	return s && *s ? s : "unknown error";
}

static void jar_warn(struct jar_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
jar_warn(struct jar_ctx *ctx, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (!ctx->warnings)
		return;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	strvec_push_nodup(ctx->warnings, buf_detach(&b, NULL));
}

static bool
is_archive_name(const char *name)
{
	return str_iends_with(name, ".jar") || str_iends_with(name, ".war") ||
	       str_iends_with(name, ".ear") || str_iends_with(name, ".par");
}

static bool
java_wants(const char *path, unsigned mode, unsigned long long size)
{
	return is_archive_name(path);
}

/* Zip archives open with a local file header, "PK\3\4". */
static bool
java_sniff(const unsigned char *h, size_t n)
{
	return n >= 4 && !memcmp(h, "PK\3\4", 4);
}

/* "key=value" lines of a properties file. */
static char *
prop_get(const char *data, size_t len, const char *key)
{
	const char *p = data, *end = data + len, *line;
	size_t n, kl = strlen(key);

	while (text_next_line(&p, end, &line, &n)) {
		while (n && isspace((unsigned char)*line))
			line++, n--;
		if (n > kl && !strncmp(line, key, kl) &&
		    (line[kl] == '=' || line[kl] == ':'))
			return str_trim_dup(line + kl + 1, n - kl - 1);
	}
	return NULL;
}

/* A manifest main-section attribute, continuation lines joined. */
static char *
manifest_get(const struct buf *m, const char *key)
{
	const char *p = m->data, *end = m->data + m->len, *line;
	size_t n, kl = strlen(key);
	struct buf v = BUF_INIT;
	bool in = false, found = false;
	char *out;

	while (text_next_line(&p, end, &line, &n)) {
		if (n == 0)
			break; /* the main section ends at a blank line */
		if (*line == ' ') {
			if (in)
				buf_add(&v, line + 1, n - 1);
			continue;
		}
		if (found)
			break;
		in = n > kl && line[kl] == ':' && !strncasecmp(line, key, kl);
		if (in) {
			found = true;
			buf_add(&v, line + kl + 1, n - kl - 1);
		}
	}
	out = found ? str_trim_dup(v.data, v.len) : NULL;
	buf_release(&v);
	return out;
}

/* <licenses><license><name>X</name> in a pom.xml, "\n"-joined. */
static char *
pom_xml_licenses(const char *xml)
{
	const char *lic = strstr(xml, "<licenses>");
	const char *stop = lic ? strstr(lic, "</licenses>") : NULL;
	struct buf out = BUF_INIT;

	while (lic && stop && (lic = strstr(lic, "<license>")) && lic < stop) {
		const char *name = strstr(lic, "<name>");
		const char *close = name ? strstr(name, "</name>") : NULL;
		const char *end_lic = strstr(lic, "</license>");

		lic += 9;
		if (!name || !close || (end_lic && name > end_lic) ||
		    close > stop)
			continue;
		name += 6;
		if (out.len)
			buf_addch(&out, '\n');
		buf_add(&out, name, (size_t)(close - name));
	}
	return buf_detach(&out, NULL);
}

/* Bundle-License values are usually URLs; the common ones map to ids. */
static void
add_bundle_license(struct pkg_list *l, struct pkg *p, const char *v)
{
	const char *name = v;

	if (strstr(v, "apache.org/licenses/LICENSE-2.0"))
		name = "Apache-2.0";
	else if (strstr(v, "opensource.org/licenses/MIT"))
		name = "MIT";
	else if (strstr(v, "eclipse.org/legal/epl-2.0"))
		name = "EPL-2.0";
	else if (strstr(v, "eclipse.org/legal/epl-v10"))
		name = "EPL-1.0";
	if (*name && !pkg_strs_has(&p->licenses, name))
		pkg_strs_push(l, &p->licenses, name);
}

static void
add_lines(struct pkg_list *l, struct pkg *p, const char *lines)
{
	const char *s = lines;

	while (*s) {
		size_t n = strcspn(s, "\n");
		char *t = str_trim_dup(s, n);

		if (*t && !pkg_strs_has(&p->licenses, t))
			pkg_strs_push(l, &p->licenses, t);
		free(t);
		s += n + (s[n] == '\n');
	}
}

static int jar_parse_mem(struct jar_ctx *ctx, const char *path,
			 const void *data, size_t len, int depth);

/*
 * Read the current entry `path`/`name` (up to max bytes) into out.
 * Returns 0, or -1 after a warning: over max, over JAR_MAX_TOTAL for
 * the whole archive (said once), or not decompressible.
 */
static int
entry_read(struct archive *a, size_t max, struct buf *out, struct jar_ctx *ctx,
	   const char *path, const char *name)
{
	char chunk[65536];
	la_ssize_t got;

	while ((got = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
		ctx->total += (unsigned long long)got;
		if (ctx->total > JAR_MAX_TOTAL) {
			if (!ctx->total_warned)
				jar_warn(ctx,
					 "'%s/%s': more than %llu bytes "
					 "decompressed from the archive, the "
					 "rest not read",
					 path, name, JAR_MAX_TOTAL);
			ctx->total_warned = true;
			return -1;
		}
		if (out->len + (size_t)got > max) {
			jar_warn(ctx, "'%s/%s': more than %zu bytes, not read",
				 path, name, max);
			return -1;
		}
		buf_add(out, chunk, (size_t)got);
	}
	if (got < 0)
		jar_warn(ctx, "'%s/%s': %s", path, name, archive_why(a));
	return got < 0 ? -1 : 0;
}

static void
collect_entry(struct jar_ctx *ctx, struct archive *a, const char *path,
	      const char *name, struct jar_state *st, int depth)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	struct buf b = BUF_INIT;

	if (!strcmp(base, "pom.properties")) {
		if (entry_read(a, JAR_MAX_TEXT, &b, ctx, path, name) == 0) {
			struct pom_props pp;

			pp.dir = xstrndup(name, (size_t)(base - name));
			pp.group = prop_get(b.data, b.len, "groupId");
			pp.artifact = prop_get(b.data, b.len, "artifactId");
			pp.version = prop_get(b.data, b.len, "version");
			ALLOC_GROW(st->poms, st->npoms + 1, st->cap);
			st->poms[st->npoms++] = pp;
		}
	} else if (!strcmp(base, "pom.xml")) {
		if (entry_read(a, JAR_MAX_TEXT, &b, ctx, path, name) == 0) {
			strvec_push_nodup(
			    &st->xml_dirs,
			    xstrndup(name, (size_t)(base - name)));
			strvec_push_nodup(&st->xml_lics,
					  pom_xml_licenses(b.data));
		}
	} else if (!strcmp(name, "META-INF/MANIFEST.MF")) {
		buf_reset(&st->manifest);
		if (entry_read(a, JAR_MAX_TEXT, &st->manifest, ctx, path,
			       name) < 0)
			buf_reset(&st->manifest);
	} else if (is_archive_name(name) && depth >= JAR_MAX_DEPTH) {
		/* The outer archives are read; the cut drops the inner. */
		if (!ctx->depth_warned)
			jar_warn(ctx,
				 "'%s/%s': archives nested more than %d deep "
				 "were not read",
				 path, name, JAR_MAX_DEPTH);
		ctx->depth_warned = true;
	} else if (is_archive_name(name)) {
		if (entry_read(a, JAR_MAX_NESTED_SIZE, &b, ctx, path, name) ==
		    0) {
			char *inner = xasprintf("%s/%s", path, name);

			/* A nested member that is not a zip is a warning:
			 * the outer archive still counts. */
			if (jar_parse_mem(ctx, inner, b.data, b.len,
					  depth + 1) < 0)
				jar_warn(ctx, "%s", ctx->e->msg);
			err_clear(ctx->e);
			free(inner);
		}
	}
	buf_release(&b);
}

/* "spring-core-5.3.4-SNAPSHOT.jar" -> "spring-core", "5.3.4-SNAPSHOT". */
static void
file_name_props(const char *path, char **artifact, char **version)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);

	*artifact = *version = NULL;
	if (n > 4)
		n -= 4; /* the extension */
	for (size_t i = 1; i + 1 < n; i++)
		if (base[i] == '-' && isdigit((unsigned char)base[i + 1])) {
			*artifact = xstrndup(base, i);
			*version = xstrndup(base + i + 1, n - i - 1);
			return;
		}
}

/* A new package, or NULL when the archive already named this one. */
static struct pkg *
add_maven(struct jar_ctx *ctx, const char *path, const char *group,
	  const char *artifact, const char *version)
{
	struct pkg_list *l = ctx->l;
	char *key = xasprintf("%s\1%s\1%s\1%s", path, group, artifact, version);
	struct pkg *p;

	if (strmap_has(&ctx->seen, key)) {
		free(key);
		return NULL;
	}
	strmap_put(&ctx->seen, key, NULL);
	free(key);
	p = pkg_list_add(l, PKG_MAVEN);
	p->group = pkg_strdup(l, group);
	p->name = pkg_strdup(l, artifact);
	p->version = pkg_strdup(l, version);
	p->path = pkg_strdup(l, path);
	return p;
}

static const char *
xml_licenses_for(const struct jar_state *st, const char *dir)
{
	for (size_t i = 0; i < st->xml_dirs.n; i++)
		if (!strcmp(st->xml_dirs.v[i], dir))
			return st->xml_lics.v[i];
	return NULL;
}

static void
manifest_licenses(struct pkg_list *l, struct pkg *p, const struct buf *m)
{
	char *v = manifest_get(m, "Plugin-License-Name");

	if (v) {
		add_lines(l, p, v);
		free(v);
		for (int i = 2; i < 100; i++) {
			char key[32];

			snprintf(key, sizeof(key), "Plugin-License-Name-%d", i);
			if (!(v = manifest_get(m, key)))
				break;
			add_lines(l, p, v);
			free(v);
		}
		return;
	}
	v = manifest_get(m, "Bundle-License");
	if (v)
		add_bundle_license(l, p, v);
	free(v);
}

static char *
first_of(const struct buf *m, const char *const *keys)
{
	for (; *keys; keys++) {
		char *v = manifest_get(m, *keys);

		if (v && *v)
			return v;
		free(v);
	}
	return NULL;
}

static void
manifest_package(struct jar_ctx *ctx, const char *path, const struct buf *m)
{
	struct pkg_list *l = ctx->l;
	static const char *const gk[] = { "Implementation-Vendor-Id",
					  "Specification-Vendor-Id", NULL };
	static const char *const ak[] = { "Implementation-Title",
					  "Specification-Title", "Bundle-Name",
					  NULL };
	static const char *const vk[] = { "Implementation-Version",
					  "Specification-Version",
					  "Bundle-Version", NULL };
	char *g = first_of(m, gk), *a = first_of(m, ak), *v = first_of(m, vk);
	struct pkg *p;

	if (!g) {
		char *bsn = manifest_get(m, "Bundle-SymbolicName");
		char *dot = bsn ? strrchr(bsn, '.') : NULL;

		if (dot && dot > bsn) {
			*dot = '\0';
			g = xstrdup(bsn);
		}
		free(bsn);
	}
	if (g && a && v && (p = add_maven(ctx, path, g, a, v)))
		manifest_licenses(l, p, m);
	free(g);
	free(a);
	free(v);
}

static void
jar_emit(struct jar_ctx *ctx, const char *path, struct jar_state *st)
{
	char *fa, *fv;
	bool own = false;

	file_name_props(path, &fa, &fv);
	for (size_t i = 0; i < st->npoms; i++) {
		struct pom_props *pp = &st->poms[i];
		const char *lics;
		struct pkg *p;

		if (!pp->group || !pp->artifact || !pp->version ||
		    !*pp->group || !*pp->artifact || !*pp->version)
			continue;
		own |= fa && fv && !strcmp(fa, pp->artifact) &&
		       !strcmp(fv, pp->version);
		p = add_maven(ctx, path, pp->group, pp->artifact, pp->version);
		if (!p)
			continue;
		lics = xml_licenses_for(st, pp->dir);
		if (lics && *lics) {
			add_lines(ctx->l, p, lics);
		} else {
			char *bl =
			    manifest_get(&st->manifest, "Bundle-License");

			if (bl)
				add_bundle_license(ctx->l, p, bl);
			free(bl);
		}
	}
	if (!own && st->manifest.len)
		manifest_package(ctx, path, &st->manifest);
	free(fa);
	free(fv);
}

static void
jar_state_release(struct jar_state *st)
{
	for (size_t i = 0; i < st->npoms; i++) {
		free(st->poms[i].dir);
		free(st->poms[i].group);
		free(st->poms[i].artifact);
		free(st->poms[i].version);
	}
	free(st->poms);
	strvec_release(&st->xml_dirs);
	strvec_release(&st->xml_lics);
	buf_release(&st->manifest);
}

static int
not_zip(struct jar_ctx *ctx, const char *path, struct archive *a)
{
	const char *why = archive_error_string(a);

	if (!why || !*why)
		return err_set(ctx->e, ERR_INPUT, "'%s': not a zip archive",
			       path);
	return err_set(ctx->e, ERR_INPUT, "'%s': not a zip archive: %s", path,
		       why);
}

static int
jar_parse_mem(struct jar_ctx *ctx, const char *path, const void *data,
	      size_t len, int depth)
{
	struct archive *a = archive_read_new();
	struct jar_state st = { 0 };
	struct archive_entry *ent;
	size_t count = 0;
	int rc = 0, r;

	buf_init(&st.manifest);
	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		rc = not_zip(ctx, path, a);
		goto out;
	}
	while ((r = archive_read_next_header(a, &ent)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(ent);

		if (++count > JAR_MAX_ENTRIES) {
			rc = err_set(ctx->e, ERR_INPUT,
				     "'%s': more than %d "
				     "entries",
				     path, JAR_MAX_ENTRIES);
			break;
		}
		if (name && archive_entry_filetype(ent) == AE_IFREG)
			collect_entry(ctx, a, path, name, &st, depth);
	}
	if (r != ARCHIVE_EOF && r != ARCHIVE_OK && !rc && !count)
		rc = not_zip(ctx, path, a);
	else if (r != ARCHIVE_EOF && r != ARCHIVE_OK && !rc)
		rc = err_set(ctx->e, ERR_INPUT, "'%s': %s", path,
			     archive_why(a));
	jar_emit(ctx, path, &st);
out:
	jar_state_release(&st);
	archive_read_free(a);
	return rc;
}

int
jar_parse(struct pkg_list *l, const char *path, const void *data, size_t len,
	  struct strvec *warnings, struct err *e)
{
	struct jar_ctx ctx = { l, 0, e, STRMAP_INIT, warnings, false, false };
	int rc = jar_parse_mem(&ctx, path, data, len, 0);

	strmap_release(&ctx.seen, NULL);
	return rc;
}

static int
java_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	return jar_parse(l, f->path, f->data, f->len, f->warnings, e);
}

const struct cataloger cataloger_java = {
	.name = "java",
	.wants = java_wants,
	.parse = java_parse,
	.max_size = JAR_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
	.parse_early = true,
	.sniff = java_sniff,
};
