/*
 * Image layouts: docker save's manifest.json, OCI image layouts
 * (index.json, nested indexes, manifests), Docker v2 schema 2 manifests,
 * and the image config.
 *
 * Everything here reads JSON written by strangers: every blob read is
 * capped at IMAGE_MAX_JSON, every field is type-checked, a missing field
 * is an error naming it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "core/xalloc.h"
#include "image/limits.h"
#include "image/source.h"

#define MT_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_OCI_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MT_DOCKER_LIST                                                         \
	"application/vnd.docker.distribution.manifest.list.v2+json"
#define MT_DOCKER_MANIFEST                                                     \
	"application/vnd.docker.distribution.manifest.v2+json"
/* Nested indexes deeper than this are a loop or an attack. */
#define LAYOUT_MAX_DEPTH 4

bool
digest_valid(const char *d)
{
	if (!d || strncmp(d, "sha256:", 7))
		return false;
	for (int i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)d[7 + i]) ||
		    isupper((unsigned char)d[7 + i]))
			return false;
	return d[71] == '\0';
}

char *
digest_blob_name(const char *digest)
{
	return xasprintf("blobs/sha256/%s", digest + 7);
}

json_t *
layout_parse_json(const char *text, size_t len, const char *what, struct err *e)
{
	json_error_t je;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);

	if (!j)
		err_set(e, ERR_INPUT, "%s is not valid JSON: %s (line %d)",
			what, je.text, je.line);
	return j;
}

/* Read blob `name` from the store and parse it. */
static json_t *
store_json(struct blob_store *st, const char *name, const char *what,
	   const char *digest, struct err *e)
{
	struct blob b = BLOB_INIT;
	struct buf text = BUF_INIT;
	json_t *j = NULL;

	if (st->open(st->self, name, &b, e) < 0)
		return NULL;
	if (blob_read_all(&b, IMAGE_MAX_JSON, &text, e) < 0) {
		err_prefix(e, "%s", what);
		goto out;
	}
	if (digest) {
		struct sha256 *h = sha256_new();
		char got[72];

		sha256_update(h, text.data, text.len);
		sha256_final_hex(h, got);
		sha256_free(h);
		if (strcmp(got, digest)) {
			err_set(e, ERR_INPUT,
				"%s does not match its digest %s (got %s)",
				what, digest, got);
			goto out;
		}
	}
	j = layout_parse_json(text.data, text.len, what, e);
out:
	blob_release(&b);
	buf_release(&text);
	return j;
}

bool
layout_has(struct blob_store *st, const char *name)
{
	struct blob b = BLOB_INIT;
	struct err e = ERR_INIT;
	bool ok = st->open(st->self, name, &b, &e) == 0;

	blob_release(&b);
	return ok;
}

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
strvec_from_array(struct strvec *sv, json_t *arr)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
	{
		if (json_is_string(v))
			strvec_push(sv, json_string_value(v));
	}
}

bool
media_type_layer(const char *mt, bool *foreign)
{
	static const char *const ok[] = {
		"application/vnd.oci.image.layer.v1.tar",
		"application/vnd.oci.image.layer.v1.tar+gzip",
		"application/vnd.oci.image.layer.v1.tar+zstd",
		"application/vnd.docker.image.rootfs.diff.tar",
		"application/vnd.docker.image.rootfs.diff.tar.gzip",
		"application/vnd.docker.image.rootfs.diff.tar.zstd",
	};
	static const char *const nondist[] = {
		"application/vnd.oci.image.layer.nondistributable.v1.tar",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
		"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
		"application/vnd.docker.image.rootfs.foreign.diff.tar",
	};

	*foreign = false;
	if (!mt)
		return true; /* docker save members carry none */
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++)
		if (!strcmp(mt, ok[i]))
			return true;
	for (size_t i = 0; i < ARRAY_SIZE(nondist); i++)
		if (!strcmp(mt, nondist[i]))
			return *foreign = true;
	return false;
}

/* Healthcheck, ports, labels, env, user... from config.config. */
static void
config_runtime(struct image_facts *f, struct arena *a, json_t *cc)
{
	json_t *v, *hc;
	const char *key;

	if (!json_is_object(cc))
		return;
	if (jstr(cc, "User") && *jstr(cc, "User"))
		f->user = arena_strdup(a, jstr(cc, "User"));
	if (jstr(cc, "WorkingDir") && *jstr(cc, "WorkingDir"))
		f->workdir = arena_strdup(a, jstr(cc, "WorkingDir"));
	strvec_from_array(&f->env, json_object_get(cc, "Env"));
	strvec_from_array(&f->cmd, json_object_get(cc, "Cmd"));
	strvec_from_array(&f->entrypoint, json_object_get(cc, "Entrypoint"));
	json_object_foreach(json_object_get(cc, "Labels"), key, v)
	{
		if (json_is_string(v))
			strvec_pushf(&f->labels, "%s=%s", key,
				     json_string_value(v));
	}
	json_object_foreach(json_object_get(cc, "ExposedPorts"), key, v)
	{
		strvec_push(&f->ports, key);
	}
	hc = json_object_get(cc, "Healthcheck");
	if (json_is_object(hc)) {
		json_t *test = json_object_get(hc, "Test");
		json_t *t0 = json_array_get(test, 0);

		f->has_healthcheck = json_array_size(test) > 0;
		if (json_is_string(t0) &&
		    !strcmp(json_string_value(t0), "NONE"))
			f->healthcheck_disabled = true;
	}
}

static void
config_history(struct image_facts *f, struct arena *a, json_t *hist)
{
	size_t i, n = json_array_size(hist);
	json_t *h;

	if (n > IMAGE_MAX_LAYERS * 4)
		n = IMAGE_MAX_LAYERS * 4;
	f->history = arena_alloc(a, (n ? n : 1) * sizeof(*f->history));
	json_array_foreach(hist, i, h)
	{
		struct image_history *ih;

		if (i >= n)
			break;
		ih = &f->history[f->n_history++];
		if (jstr(h, "created_by"))
			ih->created_by = arena_strdup(a, jstr(h, "created_by"));
		ih->shown = ih->created_by;
		if (jstr(h, "created"))
			ih->created = arena_strdup(a, jstr(h, "created"));
		ih->empty_layer =
		    json_is_true(json_object_get(h, "empty_layer"));
	}
}

int
layout_config(struct image *img, const char *text, size_t len, struct err *e)
{
	struct image_facts *f = &img->facts;
	struct arena *a = &img->arena;
	json_t *cfg = layout_parse_json(text, len, "image config", e);
	json_t *diff_ids;

	if (!cfg)
		return -1;
	if (!json_is_object(cfg)) {
		json_decref(cfg);
		return err_set(e, ERR_INPUT, "image config is not an object");
	}
	f->has_config = true;
	if (jstr(cfg, "created"))
		f->created = arena_strdup(a, jstr(cfg, "created"));
	if (jstr(cfg, "os"))
		f->os = arena_strdup(a, jstr(cfg, "os"));
	if (jstr(cfg, "architecture"))
		f->arch = arena_strdup(a, jstr(cfg, "architecture"));
	if (jstr(cfg, "variant"))
		f->variant = arena_strdup(a, jstr(cfg, "variant"));
	config_runtime(f, a, json_object_get(cfg, "config"));
	config_history(f, a, json_object_get(cfg, "history"));

	/* diff_ids go with layers in order when the counts agree. */
	diff_ids = json_object_get(json_object_get(cfg, "rootfs"), "diff_ids");
	if (json_array_size(diff_ids) == f->n_layers) {
		for (size_t i = 0; i < f->n_layers; i++) {
			const char *d =
			    json_string_value(json_array_get(diff_ids, i));

			if (digest_valid(d))
				f->layers[i].diff_id = arena_strdup(a, d);
		}
	} else if (json_array_size(diff_ids)) {
		strvec_pushf(&f->notes,
			     "config lists %zu diff_ids for %zu layers; "
			     "layer contents are not verified",
			     json_array_size(diff_ids), f->n_layers);
	}

	/* History entries with empty_layer made no layer. */
	for (size_t i = 0, l = 0; i < f->n_history; i++) {
		f->history[i].layer = -1;
		if (f->history[i].empty_layer || l >= f->n_layers)
			continue;
		f->history[i].layer = (int)l;
		f->layers[l++].created_by = f->history[i].shown;
	}
	json_decref(cfg);
	return 0;
}

static int
layers_alloc(struct image *img, size_t n, struct err *e)
{
	if (n > IMAGE_MAX_LAYERS)
		return err_set(e, ERR_INPUT, "%zu layers (the limit is %d)", n,
			       IMAGE_MAX_LAYERS);
	img->facts.layers =
	    arena_alloc(&img->arena, (n ? n : 1) * sizeof(struct image_layer));
	img->facts.n_layers = n;
	return 0;
}

static int
config_from_store(struct image *img, struct blob_store *st, const char *name,
		  const char *digest, struct err *e)
{
	struct blob b = BLOB_INIT;
	struct buf text = BUF_INIT;
	int rc = -1;

	if (st->open(st->self, name, &b, e) < 0)
		return err_prefix(e, "config");
	if (blob_read_all(&b, IMAGE_MAX_JSON, &text, e) < 0) {
		err_prefix(e, "config '%s'", name);
		goto out;
	}
	if (digest) {
		struct sha256 *h = sha256_new();
		char got[72];

		sha256_update(h, text.data, text.len);
		sha256_final_hex(h, got);
		sha256_free(h);
		if (strcmp(got, digest)) {
			err_set(e, ERR_INPUT,
				"config does not match its digest %s", digest);
			goto out;
		}
	}
	rc = layout_config(img, text.data, text.len, e);
out:
	blob_release(&b);
	buf_release(&text);
	return rc;
}

int
layout_docker_save(struct image *img, struct blob_store *st, struct err *e)
{
	json_t *man = store_json(st, "manifest.json", "manifest.json", NULL, e);
	json_t *entry, *layers;
	const char *config;
	size_t i;
	json_t *v;
	int rc = -1;

	if (!man)
		return -1;
	entry = json_array_get(man, 0);
	if (json_array_size(man) > 1)
		strvec_pushf(&img->facts.notes,
			     "the archive holds %zu images; scanning the first",
			     json_array_size(man));
	config = jstr(entry, "Config");
	layers = json_object_get(entry, "Layers");
	if (!config || !json_is_array(layers)) {
		err_set(e, ERR_INPUT,
			"manifest.json has no image (Config and Layers)");
		goto out;
	}
	if (layers_alloc(img, json_array_size(layers), e) < 0)
		goto out;
	json_array_foreach(layers, i, v)
	{
		struct image_layer *l = &img->facts.layers[i];

		if (!json_is_string(v)) {
			err_set(e, ERR_INPUT,
				"manifest.json: layer %zu is not a string", i);
			goto out;
		}
		l->member = arena_strdup(&img->arena, json_string_value(v));
	}
	rc = config_from_store(img, st, config, NULL, e);
out:
	json_decref(man);
	return rc;
}

int
layout_manifest(struct image *img, struct blob_store *st, json_t *man,
		struct err *e)
{
	json_t *cfg = json_object_get(man, "config");
	json_t *layers = json_object_get(man, "layers");
	const char *cdig = jstr(cfg, "digest");
	char *name;
	size_t i;
	json_t *v;
	int rc;

	if (!digest_valid(cdig) || !json_is_array(layers))
		return err_set(e, ERR_INPUT,
			       "manifest has no valid config or layers");
	if (layers_alloc(img, json_array_size(layers), e) < 0)
		return -1;
	json_array_foreach(layers, i, v)
	{
		struct image_layer *l = &img->facts.layers[i];
		const char *d = jstr(v, "digest");
		const char *mt = jstr(v, "mediaType");
		bool foreign;

		if (!digest_valid(d))
			return err_set(e, ERR_INPUT,
				       "manifest: layer %zu has no valid "
				       "digest",
				       i);
		l->digest = arena_strdup(&img->arena, d);
		l->media_type = mt ? arena_strdup(&img->arena, mt) : NULL;
		name = digest_blob_name(d);
		l->member = arena_strdup(&img->arena, name);
		free(name);
		if (json_is_integer(json_object_get(v, "size")))
			l->size = (uint64_t)json_integer_value(
			    json_object_get(v, "size"));
		if (!media_type_layer(mt, &foreign))
			return err_set(e, ERR_INPUT,
				       "layer %zu has an unknown media type "
				       "'%s'",
				       i, mt);
		l->skipped = foreign;
	}
	name = digest_blob_name(cdig);
	rc = config_from_store(img, st, name, cdig, e);
	free(name);
	return rc;
}

static void
host_platform(char *out, size_t n)
{
	struct utsname u;
	const char *arch = "amd64";

	if (!uname(&u) &&
	    (!strcmp(u.machine, "aarch64") || !strcmp(u.machine, "arm64")))
		arch = "arm64";
	snprintf(out, n, "linux/%s", arch);
}

static bool
platform_matches(json_t *p, const char *want)
{
	char os[64], arch[64], variant[64] = "";
	const char *po = jstr(p, "os"), *pa = jstr(p, "architecture");
	const char *pv = jstr(p, "variant");

	if (!po || !pa)
		return false;
	if (sscanf(want, "%63[^/]/%63[^/]/%63s", os, arch, variant) < 2)
		return false;
	if (strcmp(os, po) || strcmp(arch, pa))
		return false;
	return !*variant || (pv && !strcmp(pv, variant));
}

json_t *
layout_pick_platform(struct image *img, json_t *manifests, struct err *e)
{
	char host[32];
	const char *want = img->opt.platform;
	struct buf seen = BUF_INIT;
	size_t i;
	json_t *m;

	if (!want) {
		host_platform(host, sizeof(host));
		want = host;
	}
	json_array_foreach(manifests, i, m)
	{
		json_t *p = json_object_get(m, "platform");

		if (platform_matches(p, want))
			goto found;
		if (jstr(p, "os") && jstr(p, "architecture"))
			buf_addf(&seen, "%s%s/%s%s%s", seen.len ? ", " : "",
				 jstr(p, "os"), jstr(p, "architecture"),
				 jstr(p, "variant") ? "/" : "",
				 jstr(p, "variant") ? jstr(p, "variant") : "");
	}
	err_set(e, ERR_INPUT,
		"no manifest for platform %s (available: %s); "
		"choose one with --platform",
		want, seen.len ? seen.data : "none");
	m = NULL;
found:
	buf_release(&seen);
	return m;
}

static bool
is_index_type(const char *mt)
{
	return mt && (!strcmp(mt, MT_OCI_INDEX) || !strcmp(mt, MT_DOCKER_LIST));
}

static bool
is_manifest_type(const char *mt)
{
	return mt && (!strcmp(mt, MT_OCI_MANIFEST) ||
		      !strcmp(mt, MT_DOCKER_MANIFEST));
}

/* An index whose entries carry no platform: take the one manifest, or
 * the one whose ref.name is `tag`. */
static json_t *
index_choose(struct image *img, json_t *manifests, const char *tag,
	     struct err *e)
{
	size_t i, n_plat = 0, n_man = 0;
	json_t *m, *only = NULL;

	json_array_foreach(manifests, i, m)
	{
		json_t *ann = json_object_get(m, "annotations");
		const char *ref =
		    jstr(ann, "org.opencontainers.image.ref.name");

		if (tag && ref && !strcmp(ref, tag))
			return m;
		if (json_object_get(m, "platform"))
			n_plat++;
		if (!jstr(m, "mediaType") ||
		    is_manifest_type(jstr(m, "mediaType")) ||
		    is_index_type(jstr(m, "mediaType")))
			n_man++, only = only ? only : m;
	}
	if (tag) {
		err_set(e, ERR_INPUT, "no manifest tagged '%s' in index.json",
			tag);
		return NULL;
	}
	if (!n_man) {
		err_set(e, ERR_INPUT,
			"index.json lists no image manifest with a known "
			"media type");
		return NULL;
	}
	/* One platform-tagged image is taken as it is unless the user
	 * asked for a platform. */
	if (n_plat > 1 || (n_plat && img->opt.platform))
		return layout_pick_platform(img, manifests, e);
	return only;
}

static int
oci_descend(struct image *img, struct blob_store *st, json_t *index,
	    const char *tag, int depth, struct err *e)
{
	json_t *manifests = json_object_get(index, "manifests");
	json_t *desc, *j;
	const char *dig, *mt;
	char *name;
	int rc;

	if (depth > LAYOUT_MAX_DEPTH)
		return err_set(e, ERR_INPUT, "indexes nested too deep");
	if (!json_is_array(manifests) || !json_array_size(manifests))
		return err_set(e, ERR_INPUT, "index.json lists no manifests");
	if (json_array_size(manifests) > IMAGE_MAX_MANIFESTS)
		return err_set(e, ERR_INPUT, "index lists too many manifests");
	desc = index_choose(img, manifests, depth ? NULL : tag, e);
	if (!desc)
		return -1;
	dig = jstr(desc, "digest");
	mt = jstr(desc, "mediaType");
	if (!digest_valid(dig))
		return err_set(e, ERR_INPUT, "manifest digest '%s' is invalid",
			       dig ? dig : "(none)");
	name = digest_blob_name(dig);
	j = store_json(st, name, "manifest", dig, e);
	free(name);
	if (!j)
		return err_prefix(e, "manifest %s", dig);
	if (!mt)
		mt = jstr(j, "mediaType");
	if (is_index_type(mt) || json_object_get(j, "manifests"))
		rc = oci_descend(img, st, j, NULL, depth + 1, e);
	else
		rc = layout_manifest(img, st, j, e);
	json_decref(j);
	return rc;
}

int
layout_oci(struct image *img, struct blob_store *st, const char *tag,
	   struct err *e)
{
	json_t *index = store_json(st, "index.json", "index.json", NULL, e);
	int rc;

	if (!index)
		return -1;
	if (!json_is_object(index)) {
		json_decref(index);
		return err_set(e, ERR_INPUT, "index.json is not an object");
	}
	rc = oci_descend(img, st, index, tag, 0, e);
	json_decref(index);
	return rc;
}
