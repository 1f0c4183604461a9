/*
 * Bottlerocket: the OS image lists its packages in
 * usr/share/bottlerocket/application-inventory.json, {"Content": [{Name,
 * Version, Release, Epoch, Architecture, ...}]}.  Epoch is a string and
 * may be absent; "0" means none.
 */
#include <jansson.h>
#include <string.h>

#include "pkg/cataloger.h"

#define BR_INVENTORY "usr/share/bottlerocket/application-inventory.json"
/* The whole OS has a few hundred packages: ~200 KiB. */
#define BR_MAX_SIZE (16u * 1024 * 1024)

static bool
br_wants(const char *path, unsigned mode, unsigned long long size)
{
	return !strcmp(path, BR_INVENTORY);
}

static const char *
str_field(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static int
br_parse(struct pkg_list *l, const struct pkg_file *f, struct err *e)
{
	json_t *root = json_loadb(f->data, f->len, 0, NULL), *c;
	json_t *content = json_object_get(root, "Content");
	size_t i;

	if (!json_is_array(content)) {
		json_decref(root);
		return err_set(e, ERR_INPUT, "'%s': no \"Content\" list",
			       f->path);
	}
	json_array_foreach(content, i, c)
	{
		const char *name = str_field(c, "Name");
		const char *ver = str_field(c, "Version");
		const char *rel = str_field(c, "Release");
		const char *ep = str_field(c, "Epoch");
		bool epoch = *ep && strcmp(ep, "0");
		struct pkg *p;

		if (!*name || !*ver)
			continue;
		p = pkg_list_add(l, PKG_BOTTLEROCKET);
		p->name = pkg_strdup(l, name);
		p->version =
		    arena_printf(&l->arena, "%s%s%s%s%s", epoch ? ep : "",
				 epoch ? ":" : "", ver, *rel ? "-" : "", rel);
		p->arch = pkg_strdup(l, str_field(c, "Architecture"));
		p->src_name = p->name;
		p->src_version = p->version;
	}
	json_decref(root);
	return 0;
}

const struct cataloger cataloger_bottlerocket = {
	.name = "bottlerocket",
	.wants = br_wants,
	.parse = br_parse,
	.max_size = BR_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
};
