/*
 * From a package inventory to the matcher's input, and the clean-up of
 * what several advisory sources say twice.
 */
#include "vuln/pkgmatch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/util.h"
#include "core/xalloc.h"

/* How OSV spells the RPM distros hull can match, by os-release family. */
static const char *const rpm_distros[][2] = {
	{ "rocky", "Rocky Linux" },
	{ "alma", "AlmaLinux" },
};

/* "9.3" -> "9": RPM distros' OSV ecosystems carry the major release. */
static size_t
major_len(const char *version)
{
	return strcspn(version, ".");
}

static const char *
os_ecosystem(const struct distro *os, enum pkg_type type, char *buf,
	     size_t size)
{
	const char *fam = os ? os->family : NULL;
	const char *ver =
	    os && os->version && *os->version ? os->version : NULL;

	if (!fam)
		return NULL;
	if (type == PKG_APK) {
		if (!strcmp(fam, "wolfi") || !strcmp(fam, "chainguard"))
			return snprintf(buf, size, "%s", fam) < (int)size
				   ? buf
				   : NULL;
		if (strcmp(fam, "alpine") || !ver)
			return NULL;
	} else if (type == PKG_DEB) {
		if ((strcmp(fam, "debian") && strcmp(fam, "ubuntu")) || !ver)
			return NULL;
		/* "trixie/sid" from debian_version: the codename part. */
		if (snprintf(buf, size, "%s:%.*s", fam, (int)strcspn(ver, "/"),
			     ver) >= (int)size)
			return NULL;
		return buf;
	} else if (type == PKG_RPM) {
		/* NEEDSWORK: Red Hat, CentOS, Oracle, SUSE, Mariner and Amazon
		 * publish RPM advisories in formats other than OSV ranges per
		 * release; only the distros OSV covers by release match. */
		for (size_t i = 0; ver && i < ARRAY_SIZE(rpm_distros); i++)
			if (!strcmp(fam, rpm_distros[i][0]))
				return snprintf(buf, size, "rpm:%s:%.*s",
						rpm_distros[i][1],
						(int)major_len(ver),
						ver) < (int)size
					   ? buf
					   : NULL;
		return NULL;
	} else {
		return NULL;
	}
	return snprintf(buf, size, "%s:%s", fam, ver) < (int)size ? buf : NULL;
}

const char *
pkg_ecosystem(const struct distro *os, const struct pkg *p, char *buf,
	      size_t size)
{
	static const char *const lang[PKG_TYPE_COUNT] = {
		[PKG_NPM] = "npm",     [PKG_PYPI] = "PyPI",
		[PKG_GOLANG] = "Go",   [PKG_GOSTDLIB] = "Go",
		[PKG_MAVEN] = "Maven",
	};

	if ((unsigned)p->type >= PKG_TYPE_COUNT || !size)
		return NULL;
	if (lang[p->type])
		return snprintf(buf, size, "%s", lang[p->type]) < (int)size
			   ? buf
			   : NULL;
	return os_ecosystem(os, p->type, buf, size);
}

/* The name the ecosystem's advisories use for p, in pm's arena. */
static const char *
match_name(struct pkgmatch *pm, const struct pkg *p)
{
	if (p->type == PKG_MAVEN && p->group && *p->group)
		return arena_printf(&pm->arena, "%s:%s", p->group, p->name);
	return p->name;
}

static bool
pkg_usable(const struct pkg *p)
{
	return p->name && *p->name && p->version && *p->version;
}

void
pkgmatch_build(struct pkgmatch *pm, const struct pkg_list *l)
{
	const struct distro *os = l->has_os ? &l->os : NULL;
	char eco[128];

	memset(pm, 0, sizeof(*pm));
	if (!l->n)
		return;
	pm->v = xcalloc(l->n, sizeof(*pm->v));
	pm->locs = xcalloc(l->n, sizeof(*pm->locs));
	pm->from = xcalloc(l->n, sizeof(*pm->from));
	for (size_t i = 0; i < l->n; i++) {
		const struct pkg *p = l->v[i];
		struct match_pkg *m = &pm->v[pm->n];
		struct location *loc = &pm->locs[pm->n];

		if (!pkg_usable(p) || !pkg_ecosystem(os, p, eco, sizeof(eco))) {
			pm->skipped++;
			continue;
		}
		m->ecosystem = arena_strdup(&pm->arena, eco);
		m->name = match_name(pm, p);
		m->version = p->version;
		if (p->type == PKG_APK || p->type == PKG_DEB ||
		    p->type == PKG_RPM) {
			m->source_name = p->src_name;
			m->source_version = p->src_version;
		}
		m->purl = p->purl;
		*loc = (struct location)LOCATION_INIT;
		loc->layer_index = p->layer_index;
		loc->layer_digest = p->layer_digest;
		loc->path = p->path;
		m->loc = loc;
		pm->from[pm->n++] = p;
	}
}

void
pkgmatch_release(struct pkgmatch *pm)
{
	free(pm->v);
	free(pm->locs);
	free(pm->from);
	arena_release(&pm->arena);
	memset(pm, 0, sizeof(*pm));
}

/* id, package, version, file and layer: what makes two findings one. */
static char *
dedup_key(const struct finding *f)
{
	const struct vuln_detail *v = f->vuln;

	return xasprintf("%s\x1f%s\x1f%s\x1f%s\x1f%d", f->id,
			 v->pkg_name ? v->pkg_name : "",
			 v->pkg_version ? v->pkg_version : "",
			 f->loc.path ? f->loc.path : "", f->loc.layer_index);
}

/*
 * Fold the duplicate `dup` into `kept`: the copy that names a fix wins,
 * the worse severity (with its CVSS) and every alias are kept.
 */
static void
dedup_fold(struct finding *kept, struct finding *dup)
{
	struct vuln_detail *k, *d;

	if (!kept->vuln->fixed_version && dup->vuln->fixed_version) {
		struct finding t = *kept;

		*kept = *dup;
		*dup = t;
	}
	k = kept->vuln;
	d = dup->vuln;
	if (dup->severity > kept->severity) {
		kept->severity = dup->severity;
		k->cvss_score = d->cvss_score;
		free(k->cvss_vector);
		k->cvss_vector = d->cvss_vector;
		d->cvss_vector = NULL;
	}
	for (size_t i = 0; i < dup->aliases.n; i++)
		if (!strvec_contains(&kept->aliases, dup->aliases.v[i]))
			strvec_push(&kept->aliases, dup->aliases.v[i]);
}

size_t
vuln_findings_dedup(struct findings *fs, size_t from)
{
	struct strmap seen = STRMAP_INIT;
	size_t w = from, dropped = 0;

	for (size_t r = from; r < fs->n; r++) {
		struct finding *f = &fs->v[r];
		char *key;
		uintptr_t at;

		if (!f->vuln) {
			fs->v[w++] = *f;
			continue;
		}
		key = dedup_key(f);
		at = (uintptr_t)strmap_get(&seen, key);
		if (!at) {
			strmap_put(&seen, key, (void *)(uintptr_t)(w + 1));
			fs->v[w++] = *f;
		} else {
			dedup_fold(&fs->v[at - 1], f);
			finding_release(f);
			dropped++;
		}
		free(key);
	}
	fs->n = w;
	strmap_release(&seen, NULL);
	return dropped;
}
