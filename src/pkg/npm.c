/*
 * npm: package-lock.json (lockfileVersion 1, 2 and 3) and the
 * package.json of installed modules (node_modules/NAME/package.json).
 *
 * v2 and v3 locks list every installed module under "packages", keyed
 * by its path ("node_modules/a/node_modules/b"); "" is the project
 * itself.  A module's dependency resolves the way Node's require() does:
 * the nearest node_modules directory upward that holds it.  Workspace
 * members appear twice: as a link "node_modules/NAME" whose "resolved"
 * names the member's folder, and as the folder's own entry; the link is
 * replaced by the folder (and everything below the folder moves under
 * the link's path).  v1 locks nest "dependencies" objects instead.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "pkg/cataloger.h"

/* Lock files of real monorepos reach ~30 MiB. */
#define NPM_LOCK_MAX_SIZE (128u * 1024 * 1024)
#define NPM_PACKAGE_JSON_MAX_SIZE (4u * 1024 * 1024)
/* Modules in one lock: the largest seen in the wild have ~10k. */
#define NPM_MAX_MODULES 200000
/* Nesting of v1 "dependencies": node_modules depth in practice < 30. */
#define NPM_MAX_DEPTH 128

static bool
npm_wants(const char *path, unsigned mode, unsigned long long size)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *nm;

	if (!strcmp(base, "package-lock.json"))
		return !strstr(path, "node_modules/");
	if (strcmp(base, "package.json"))
		return false;
	/* node_modules/NAME/package.json or node_modules/@S/NAME/... */
	nm = strstr(path, "node_modules/");
	while (nm) {
		const char *rest = nm + strlen("node_modules/");
		const char *slash = strchr(rest, '/');

		if (slash && *rest == '@')
			slash = strchr(slash + 1, '/');
		if (slash && !strcmp(slash + 1, "package.json"))
			return true;
		nm = strstr(rest, "node_modules/");
	}
	return false;
}

/* "name@version", or just the name when there is no version. */
static const char *
npm_id(struct pkg_list *l, const char *name, const char *version)
{
	if (!version || !*version)
		return pkg_strdup(l, name);
	return arena_printf(&l->arena, "%s@%s", name, version);
}

/* "license": "MIT", {"type": "MIT"} or [{"type": ...}, ...].  A list
 * of plain strings is the old, never-specified form; it is ignored. */
static void
npm_licenses(struct pkg_list *l, struct pkg *p, json_t *lic)
{
	size_t i;
	json_t *v;

	if (json_is_string(lic)) {
		pkg_strs_push(l, &p->licenses, json_string_value(lic));
		return;
	}
	if (json_is_object(lic) &&
	    json_is_string(json_object_get(lic, "type"))) {
		pkg_strs_push(l, &p->licenses,
			      json_string_value(json_object_get(lic, "type")));
		return;
	}
	json_array_foreach(lic, i, v)
	{
		const char *t = json_string_value(json_object_get(v, "type"));

		if (t && !pkg_strs_has(&p->licenses, t))
			pkg_strs_push(l, &p->licenses, t);
	}
}

/* The package name a path ends in: ".../node_modules/@s/n" -> "@s/n". */
static const char *
name_from_path(const char *path)
{
	const char *nm = NULL, *s = path;

	while ((s = strstr(s, "node_modules/"))) {
		nm = s + strlen("node_modules/");
		s = nm;
	}
	return nm ? nm : path;
}

/* The link whose target is key or a folder above key, or NULL; *tn is
 * the target's length. */
static const char *
link_over(json_t *targets, const char *key, size_t *tn)
{
	char *k = xstrdup(key);
	const char *hit = NULL;

	for (size_t n = strlen(k); n && !hit; n--) {
		if (k[n] != '\0' && k[n] != '/')
			continue;
		k[n] = '\0';
		hit = json_string_value(json_object_get(targets, k));
		*tn = n;
	}
	free(k);
	return hit;
}

/* Replace workspace links by the folders they point to. */
static json_t *
resolve_links(json_t *pkgs, json_t *direct)
{
	json_t *out = json_object(), *targets = json_object(), *v;
	const char *key;

	json_object_foreach(pkgs, key, v)
	{
		const char *target;
		json_t *t;

		if (!json_is_true(json_object_get(v, "link")))
			continue;
		target = json_string_value(json_object_get(v, "resolved"));
		t = target && *target ? json_object_get(pkgs, target) : NULL;
		if (!json_is_object(t))
			continue; /* a broken link stands for nothing */
		json_object_set(out, key, t);
		json_object_set_new(direct, key, json_true());
		json_object_set_new(targets, target, json_string(key));
	}
	json_object_foreach(pkgs, key, v)
	{
		const char *lkey;
		size_t tn = 0;

		if (json_is_true(json_object_get(v, "link")) ||
		    json_object_get(out, key))
			continue;
		/* A folder a link points to moves under the link's path,
		 * with everything below it. */
		lkey = link_over(targets, key, &tn);
		if (!lkey) {
			json_object_set(out, key, v);
		} else if (key[tn] == '/') {
			char *nk = xasprintf("%s%s", lkey, key + tn);

			json_object_set(out, nk, v);
			free(nk);
		}
	}
	json_decref(targets);
	return out;
}

/* The version of the module at key, as an id for `dep`; NULL if absent. */
static const char *
try_dep(struct pkg_list *l, json_t *pkgs, char *key, const char *dep)
{
	json_t *m = json_object_get(pkgs, key);

	free(key);
	if (!json_is_object(m))
		return NULL;
	return npm_id(l, dep, json_string_value(json_object_get(m, "version")));
}

/*
 * The id a dependency of the module at `path` resolves to, or NULL: its
 * own node_modules first, then each enclosing node_modules upward.
 */
static const char *
find_dep(struct pkg_list *l, json_t *pkgs, const char *path, const char *dep)
{
	const char *id =
	    try_dep(l, pkgs, xasprintf("%s/node_modules/%s", path, dep), dep);

	for (size_t i = strlen(path); !id && i-- > 0;)
		if ((i == 0 || path[i - 1] == '/') &&
		    !strncmp(path + i, "node_modules/", 13))
			id = try_dep(
			    l, pkgs,
			    xasprintf("%.*snode_modules/%s", (int)i, path, dep),
			    dep);
	return id;
}

static void
add_deps(struct pkg_list *l, struct pkg *p, json_t *pkgs, const char *path,
	 json_t *m)
{
	static const char *const kinds[] = { "dependencies",
					     "optionalDependencies",
					     "peerDependencies" };

	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		const char *dep;
		json_t *v;

		json_object_foreach(json_object_get(m, kinds[k]), dep, v)
		{
			const char *id;

			if (p->depends_on.n >= PKG_MAX_DEPS)
				break;
			id = find_dep(l, pkgs, path, dep);

			if (id)
				pkg_add_dep(l, p, id);
		}
	}
	pkg_strs_sort(&p->depends_on);
}

/* The root's direct dependencies, as "node_modules/NAME" keys. */
static void
direct_deps(json_t *root, json_t *direct)
{
	static const char *const kinds[] = { "dependencies",
					     "optionalDependencies",
					     "devDependencies",
					     "peerDependencies" };

	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		const char *dep;
		json_t *v;

		json_object_foreach(json_object_get(root, kinds[k]), dep, v)
		{
			char *key = xasprintf("node_modules/%s", dep);

			json_object_set_new(direct, key, json_true());
			free(key);
		}
	}
}

static int
parse_v2(struct pkg_list *l, json_t *pkgs_in, const char *file, struct err *e)
{
	json_t *direct = json_object(), *pkgs, *m;
	struct strmap seen = STRMAP_INIT;
	const char *path;
	size_t count = 0;
	int rc = 0;

	direct_deps(json_object_get(pkgs_in, ""), direct);
	pkgs = resolve_links(pkgs_in, direct);
	json_object_foreach(pkgs, path, m)
	{
		const char *name, *ver;
		const char *id;
		struct pkg *p;
		bool dev = json_is_true(json_object_get(m, "dev"));
		bool indirect = !json_object_get(direct, path);

		if (!str_starts_with(path, "node_modules/") ||
		    !json_is_object(m))
			continue;
		if (++count > NPM_MAX_MODULES) {
			rc = err_set(e, ERR_INPUT, "'%s': more than %d modules",
				     file, NPM_MAX_MODULES);
			break;
		}
		name = json_string_value(json_object_get(m, "name"));
		if (!name || !*name)
			name = name_from_path(path);
		ver = json_string_value(json_object_get(m, "version"));
		id = npm_id(l, name, ver);
		if ((p = strmap_get(&seen, id))) {
			p->dev = p->dev && dev;
			p->indirect = p->indirect && indirect;
			continue;
		}
		p = pkg_list_add(l, PKG_NPM);
		p->name = pkg_strdup(l, name);
		p->version = pkg_strdup(l, ver ? ver : "");
		p->id = id;
		p->dev = dev;
		p->indirect = indirect;
		npm_licenses(l, p, json_object_get(m, "license"));
		add_deps(l, p, pkgs, path, m);
		strmap_put(&seen, id, p);
	}
	strmap_release(&seen, NULL);
	json_decref(pkgs);
	json_decref(direct);
	return rc;
}

struct v1_state {
	struct pkg_list *l;
	struct strmap seen;
	size_t count;
};

static void
parse_v1_level(struct v1_state *st, json_t *deps, json_t *versions, int depth)
{
	const char *name;
	json_t *d;

	if (depth > NPM_MAX_DEPTH)
		return;
	json_object_foreach(deps, name, d)
	{
		const char *ver =
		    json_string_value(json_object_get(d, "version"));
		json_t *nested = json_object_get(d, "dependencies");
		const char *req, *id;
		json_t *rv, *inner;
		struct pkg *p;

		if (!json_is_object(d) || ++st->count > NPM_MAX_MODULES)
			continue;
		id = npm_id(st->l, name, ver);
		p = strmap_get(&st->seen, id);
		if (p) {
			p->dev =
			    p->dev && json_is_true(json_object_get(d, "dev"));
		} else {
			p = pkg_list_add(st->l, PKG_NPM);
			p->name = pkg_strdup(st->l, name);
			p->version = pkg_strdup(st->l, ver ? ver : "");
			p->id = id;
			p->dev = json_is_true(json_object_get(d, "dev"));
			strmap_put(&st->seen, id, p);
		}
		json_object_foreach(json_object_get(d, "requires"), req, rv)
		{
			if (p->depends_on.n >= PKG_MAX_DEPS)
				break;
			json_t *n = json_object_get(nested, req);
			const char *v = json_is_object(n)
					    ? json_string_value(
						  json_object_get(n, "version"))
					    : json_string_value(json_object_get(
						  versions, req));
			const char *did;

			if (!v)
				continue;
			did = npm_id(st->l, req, v);
			pkg_add_dep(st->l, p, did);
		}
		pkg_strs_sort(&p->depends_on);
		if (!json_is_object(nested))
			continue;
		inner = json_deep_copy(versions);
		{
			const char *nn;
			json_t *nd;

			json_object_foreach(nested, nn, nd) json_object_set(
			    inner, nn, json_object_get(nd, "version"));
		}
		parse_v1_level(st, nested, inner, depth + 1);
		json_decref(inner);
	}
}

static int
parse_v1(struct pkg_list *l, json_t *deps)
{
	struct v1_state st = { l, STRMAP_INIT, 0 };
	json_t *versions = json_object();
	const char *name;
	json_t *d;

	json_object_foreach(deps, name, d)
	    json_object_set(versions, name, json_object_get(d, "version"));
	parse_v1_level(&st, deps, versions, 0);
	json_decref(versions);
	strmap_release(&st.seen, NULL);
	return 0;
}

static int
npm_parse_lock(struct pkg_list *l, const char *path, const char *data,
	       size_t len, struct err *e)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	json_t *pkgs;
	int rc;

	if (!json_is_object(root)) {
		json_decref(root);
		return err_set(e, ERR_INPUT, "'%s': not a JSON object: %s",
			       path, root ? "" : je.text);
	}
	pkgs = json_object_get(root, "packages");
	if (json_is_object(pkgs))
		rc = parse_v2(l, pkgs, path, e);
	else
		rc = parse_v1(l, json_object_get(root, "dependencies"));
	json_decref(root);
	return rc;
}

static int
parse_package_json(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	json_t *root = json_loadb(f->data, f->len, 0, NULL);
	const char *name = json_string_value(json_object_get(root, "name"));
	const char *ver = json_string_value(json_object_get(root, "version"));
	struct pkg *p;

	if (!json_is_object(root)) {
		json_decref(root);
		return err_set(e, ERR_INPUT, "'%s': not a JSON object",
			       f->path);
	}
	if (name && *name && ver && *ver) {
		p = pkg_list_add(l, PKG_NPM);
		p->name = pkg_strdup(l, name);
		p->version = pkg_strdup(l, ver);
		npm_licenses(l, p, json_object_get(root, "license"));
		if (!p->licenses.n)
			npm_licenses(l, p, json_object_get(root, "licenses"));
	}
	json_decref(root);
	return 0;
}

static int
npm_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	if (str_ends_with(f->path, "package-lock.json"))
		return npm_parse_lock(l, f->path, f->data, f->len, e);
	if (f->len > NPM_PACKAGE_JSON_MAX_SIZE)
		return err_set(e, ERR_INPUT, "'%s': too large", f->path);
	return parse_package_json(l, f, e);
}

const struct cataloger cataloger_npm = {
	.name = "npm",
	.wants = npm_wants,
	.parse = npm_parse,
	.max_size = NPM_LOCK_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
};
