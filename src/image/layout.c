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

/*
 * A descriptor's "size" into *size: -1 when absent (docker save's own
 * manifest has none), an error when it is not an integer >= 0 (the OCI
 * image spec makes it an int64 of at least 0).  `what` names the
 * descriptor in the message.
 */
static int
desc_size(json_t *desc, const char *what, int64_t *size, struct err *e)
{
	json_t *v = json_object_get(desc, "size");

	*size = -1;
	if (!v)
		return 0;
	if (!json_is_integer(v))
		return err_set(e, ERR_INPUT, "%s: 'size' is not an integer",
			       what);
	if (json_integer_value(v) < 0)
		return err_set(e, ERR_INPUT,
			       "%s: 'size' is %lld; a size is at least 0", what,
			       (long long)json_integer_value(v));
	*size = (int64_t)json_integer_value(v);
	return 0;
}

/* Does the blob read have the size its descriptor gave (-1: none)? */
static int
size_check(const char *what, int64_t want, size_t got, struct err *e)
{
	if (want < 0 || (uint64_t)want == got)
		return 0;
	return err_set(e, ERR_INPUT,
		       "%s is %zu bytes but its descriptor says %lld "
		       "(size mismatch)",
		       what, got, (long long)want);
}

/* Does a blob read match its descriptor: its size (-1: none) and its
 * digest (NULL: none)? */
static int
descriptor_check(const char *what, int64_t size, const char *digest,
		 const struct buf *text, struct err *e)
{
	struct sha256 *h;
	char got[72];

	if (size_check(what, size, text->len, e) < 0)
		return -1;
	if (!digest)
		return 0;
	h = sha256_new();
	sha256_update(h, text->data, text->len);
	sha256_final_hex(h, got);
	sha256_free(h);
	if (strcmp(got, digest))
		return err_set(e, ERR_INPUT,
			       "%s does not match its digest %s (got %s)", what,
			       digest, got);
	return 0;
}

/* Read blob `name` from the store, check it against its descriptor's
 * digest and size (when given), and parse it. */
static json_t *
store_json(struct blob_store *st, const char *name, const char *what,
	   const char *digest, int64_t size, struct err *e)
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
	if (descriptor_check(what, size, digest, &text, e) < 0)
		goto out;
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

/*
 * A config being read: where its type warnings go, and how many were
 * made.  A field of the wrong JSON type is ignored with a note naming the
 * config and the field; a hostile config with a million of them gets
 * CONFIG_MAX_TYPE_NOTES notes and a count.
 */
#define CONFIG_MAX_TYPE_NOTES 16

struct config_read {
	struct image_facts *f;
	struct arena *a;
	const char *name; /* "config 'abc.json'", for the notes */
	size_t wrong;
};

static const char *
json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* Note that `field` (a path like "config.Env[2]") is not `want`. */
static void
config_wrong(struct config_read *cr, const char *field, const json_t *v,
	     const char *want)
{
	if (cr->wrong++ < CONFIG_MAX_TYPE_NOTES)
		strvec_pushf(&cr->f->notes, "%s: '%s' is %s, not %s; ignored",
			     cr->name, field, json_kind(v), want);
	else if (cr->wrong == CONFIG_MAX_TYPE_NOTES + 1)
		strvec_pushf(&cr->f->notes,
			     "%s: more fields of the wrong type; ignored",
			     cr->name);
}

/*
 * Member `key` of `o` when it has JSON type `type`, else NULL.  Absent
 * and null members are NULL without a note (Docker writes "Cmd": null);
 * any other type is noted as `prefix.key`.
 */
static json_t *
config_get(struct config_read *cr, json_t *o, const char *prefix,
	   const char *key, json_type type, const char *want)
{
	json_t *v = json_object_get(o, key);
	char field[128];

	if (!v || json_is_null(v))
		return NULL;
	if (json_typeof(v) == type || (type == JSON_TRUE && json_is_boolean(v)))
		return v;
	snprintf(field, sizeof(field), "%s%s%s", prefix, *prefix ? "." : "",
		 key);
	config_wrong(cr, field, v, want);
	return NULL;
}

static const char *
config_str(struct config_read *cr, json_t *o, const char *prefix,
	   const char *key)
{
	json_t *v = config_get(cr, o, prefix, key, JSON_STRING, "a string");

	return v ? json_string_value(v) : NULL;
}

/* The strings of array `prefix.key` into sv; other elements noted. */
static void
config_strings(struct config_read *cr, json_t *o, const char *prefix,
	       const char *key, struct strvec *sv)
{
	json_t *arr = config_get(cr, o, prefix, key, JSON_ARRAY, "an array");
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
	{
		char field[128];

		if (json_is_string(v)) {
			strvec_push(sv, json_string_value(v));
			continue;
		}
		snprintf(field, sizeof(field), "%s.%s[%zu]", prefix, key, i);
		config_wrong(cr, field, v, "a string");
	}
}

/* The keys of object `prefix.key` ("80/tcp", "/data") into sv. */
static void
config_keys(struct config_read *cr, json_t *o, const char *prefix,
	    const char *key, struct strvec *sv)
{
	json_t *obj = config_get(cr, o, prefix, key, JSON_OBJECT, "an object");
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v)
	{
		strvec_push(sv, k);
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

static const char *
arena_str_or_null(struct arena *a, const char *v)
{
	return v && *v ? arena_strdup(a, v) : NULL;
}

/* A name longer than this is no image reference (Docker caps the name
 * at 255 and the tag at 128). */
#define LAYOUT_MAX_REPO_TAG 512

/*
 * Keep `tag` as the image's name when it could be one: printable, no
 * blanks, bounded.  Anything else (an escape sequence in a RepoTags of a
 * hostile archive) is dropped, since hull harden prints it as is.
 */
static void
repo_tag_set(struct image *img, const char *tag)
{
	size_t n = tag ? strlen(tag) : 0;

	if (!n || n > LAYOUT_MAX_REPO_TAG)
		return;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)tag[i] <= 0x20 ||
		    (unsigned char)tag[i] >= 0x7f)
			return;
	img->facts.repo_tag = arena_strdup(&img->arena, tag);
}

/* Healthcheck, ports, labels, env, user... from config.config. */
static void
config_runtime(struct config_read *cr, json_t *cc)
{
	struct image_facts *f = cr->f;
	json_t *v, *hc, *test, *labels;
	const char *key;
	const char *p = "config";

	f->user = arena_str_or_null(cr->a, config_str(cr, cc, p, "User"));
	f->workdir =
	    arena_str_or_null(cr->a, config_str(cr, cc, p, "WorkingDir"));
	config_strings(cr, cc, p, "Env", &f->env);
	config_strings(cr, cc, p, "Cmd", &f->cmd);
	config_strings(cr, cc, p, "Entrypoint", &f->entrypoint);
	labels = config_get(cr, cc, p, "Labels", JSON_OBJECT, "an object");
	json_object_foreach(labels, key, v)
	{
		char field[128];

		if (json_is_string(v)) {
			strvec_pushf(&f->labels, "%s=%s", key,
				     json_string_value(v));
			continue;
		}
		snprintf(field, sizeof(field), "config.Labels.%s", key);
		config_wrong(cr, field, v, "a string");
	}
	config_keys(cr, cc, p, "ExposedPorts", &f->ports);
	config_keys(cr, cc, p, "Volumes", &f->volumes);
	hc = config_get(cr, cc, p, "Healthcheck", JSON_OBJECT, "an object");
	test = config_get(cr, hc, "config.Healthcheck", "Test", JSON_ARRAY,
			  "an array");
	if (test) {
		json_t *t0 = json_array_get(test, 0);

		f->has_healthcheck = json_array_size(test) > 0;
		if (json_is_string(t0) &&
		    !strcmp(json_string_value(t0), "NONE"))
			f->healthcheck_disabled = true;
	}
}

static void
config_history(struct config_read *cr, json_t *hist)
{
	struct image_facts *f = cr->f;
	size_t i, n = json_array_size(hist);
	json_t *h;

	if (n > IMAGE_MAX_LAYERS * 4)
		n = IMAGE_MAX_LAYERS * 4;
	f->history = arena_alloc(cr->a, (n ? n : 1) * sizeof(*f->history));
	json_array_foreach(hist, i, h)
	{
		struct image_history *ih;
		char prefix[64];
		json_t *empty;

		if (i >= n)
			break;
		snprintf(prefix, sizeof(prefix), "history[%zu]", i);
		if (!json_is_object(h)) {
			config_wrong(cr, prefix, h, "an object");
			continue;
		}
		ih = &f->history[f->n_history++];
		ih->created_by = arena_str_or_null(
		    cr->a, config_str(cr, h, prefix, "created_by"));
		ih->shown = ih->created_by;
		ih->created = arena_str_or_null(
		    cr->a, config_str(cr, h, prefix, "created"));
		empty = config_get(cr, h, prefix, "empty_layer", JSON_TRUE,
				   "a boolean");
		ih->empty_layer = json_is_true(empty);
	}
}

/* rootfs.diff_ids go with the layers in order when the counts agree. */
static void
config_diff_ids(struct config_read *cr, json_t *cfg)
{
	struct image_facts *f = cr->f;
	json_t *rootfs =
	    config_get(cr, cfg, "", "rootfs", JSON_OBJECT, "an object");
	json_t *ids = config_get(cr, rootfs, "rootfs", "diff_ids", JSON_ARRAY,
				 "an array");

	if (json_array_size(ids) == f->n_layers) {
		for (size_t i = 0; i < f->n_layers; i++) {
			const char *d =
			    json_string_value(json_array_get(ids, i));

			if (digest_valid(d))
				f->layers[i].diff_id = arena_strdup(cr->a, d);
			else
				strvec_pushf(&f->notes,
					     "%s: rootfs.diff_ids[%zu] is not "
					     "a sha256 digest; layer %zu is "
					     "not verified",
					     cr->name, i, i);
		}
	} else if (json_array_size(ids)) {
		strvec_pushf(&f->notes,
			     "config lists %zu diff_ids for %zu layers; "
			     "layer contents are not verified",
			     json_array_size(ids), f->n_layers);
	}
}

/* History entries with empty_layer made no layer. */
static void
config_pair_history(struct image_facts *f)
{
	for (size_t i = 0, l = 0; i < f->n_history; i++) {
		f->history[i].layer = -1;
		if (f->history[i].empty_layer || l >= f->n_layers)
			continue;
		f->history[i].layer = (int)l;
		f->layers[l++].created_by = f->history[i].shown;
	}
}

/* The config's top level, parsed: everything but the layers' pairing. */
static void
config_read(struct config_read *cr, json_t *cfg)
{
	struct image_facts *f = cr->f;

	f->has_config = true;
	f->created =
	    arena_str_or_null(cr->a, config_str(cr, cfg, "", "created"));
	f->os = arena_str_or_null(cr->a, config_str(cr, cfg, "", "os"));
	f->arch =
	    arena_str_or_null(cr->a, config_str(cr, cfg, "", "architecture"));
	f->variant =
	    arena_str_or_null(cr->a, config_str(cr, cfg, "", "variant"));
	config_runtime(
	    cr, config_get(cr, cfg, "", "config", JSON_OBJECT, "an object"));
	config_history(
	    cr, config_get(cr, cfg, "", "history", JSON_ARRAY, "an array"));
	config_diff_ids(cr, cfg);
	config_pair_history(f);
}

static int
layout_config_named(struct image *img, const char *name, const char *text,
		    size_t len, struct err *e)
{
	struct config_read cr = { &img->facts, &img->arena, NULL, 0 };
	char *what =
	    name ? xasprintf("config '%s'", name) : xstrdup("image config");
	json_t *cfg = layout_parse_json(text, len, what, e);

	cr.name = what;
	if (cfg && !json_is_object(cfg))
		err_set(e, ERR_INPUT, "%s is not an object", what);
	else if (cfg)
		config_read(&cr, cfg);
	free(what);
	if (!cfg || !json_is_object(cfg)) {
		json_decref(cfg);
		return -1;
	}
	json_decref(cfg);
	return 0;
}

int
layout_config(struct image *img, const char *text, size_t len, struct err *e)
{
	return layout_config_named(img, NULL, text, len, e);
}

int
layout_inspect(struct image *img, json_t *inspect, struct err *e)
{
	struct config_read cr = { &img->facts, &img->arena,
				  "the Engine's image inspect", 0 };
	struct image_facts *f = &img->facts;
	json_t *tags = json_object_get(inspect, "RepoTags");

	if (!json_is_object(inspect))
		return err_set(e, ERR_INPUT,
			       "the Engine's image inspect is not an object");
	f->has_config = true;
	f->created = arena_str_or_null(&img->arena,
				       config_str(&cr, inspect, "", "Created"));
	f->os =
	    arena_str_or_null(&img->arena, config_str(&cr, inspect, "", "Os"));
	f->arch = arena_str_or_null(
	    &img->arena, config_str(&cr, inspect, "", "Architecture"));
	config_runtime(&cr, config_get(&cr, inspect, "", "Config", JSON_OBJECT,
				       "an object"));
	repo_tag_set(img, json_string_value(json_array_get(tags, 0)));
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
		  const char *digest, int64_t size, struct err *e)
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
	if (descriptor_check("config", size, digest, &text, e) < 0)
		goto out;
	rc = layout_config_named(img, name, text.data, text.len, e);
out:
	blob_release(&b);
	buf_release(&text);
	return rc;
}

int
layout_docker_save(struct image *img, struct blob_store *st, struct err *e)
{
	json_t *man =
	    store_json(st, "manifest.json", "manifest.json", NULL, -1, e);
	json_t *entry, *layers, *tags;
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
	tags = json_object_get(entry, "RepoTags");
	repo_tag_set(img, json_string_value(json_array_get(tags, 0)));
	rc = config_from_store(img, st, config, NULL, -1, e);
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
	int64_t csize;
	char *name;
	size_t i;
	json_t *v;
	int rc;

	if (!digest_valid(cdig) || !json_is_array(layers))
		return err_set(e, ERR_INPUT,
			       "manifest has no valid config or layers");
	if (desc_size(cfg, "manifest: config", &csize, e) < 0)
		return -1;
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
		{
			char what[64];
			int64_t size;

			snprintf(what, sizeof(what), "manifest: layer %zu", i);
			if (desc_size(v, what, &size, e) < 0)
				return -1;
			l->has_size = size >= 0;
			l->size = size >= 0 ? (uint64_t)size : 0;
		}
		if (!media_type_layer(mt, &foreign))
			return err_set(e, ERR_INPUT,
				       "layer %zu has an unknown media type "
				       "'%s'",
				       i, mt);
		l->skipped = foreign;
	}
	name = digest_blob_name(cdig);
	rc = config_from_store(img, st, name, cdig, csize, e);
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

/*
 * The image's name from its index entry: containerd's full name, or an
 * OCI ref.name that is a whole reference ("docker.io/library/a:1"), not
 * just a tag ("v1").
 */
static void
oci_ref_name(struct image *img, json_t *desc)
{
	json_t *ann = json_object_get(desc, "annotations");
	const char *full = jstr(ann, "io.containerd.image.name");
	const char *ref = jstr(ann, "org.opencontainers.image.ref.name");

	if (!full && ref && strchr(ref, '/') && strchr(ref, ':'))
		full = ref;
	repo_tag_set(img, full);
}

static int
oci_descend(struct image *img, struct blob_store *st, json_t *index,
	    const char *tag, int depth, struct err *e)
{
	json_t *manifests = json_object_get(index, "manifests");
	json_t *desc, *j;
	const char *dig, *mt;
	int64_t size;
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
	if (desc_size(desc, depth ? "index: manifest" : "index.json: manifest",
		      &size, e) < 0)
		return -1;
	if (!depth)
		oci_ref_name(img, desc);
	name = digest_blob_name(dig);
	j = store_json(st, name, "manifest", dig, size, e);
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
	json_t *index = store_json(st, "index.json", "index.json", NULL, -1, e);
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
