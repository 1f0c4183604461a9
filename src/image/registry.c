#include "image/source.h"

static int
registry_open(struct image *img, const char *arg, struct err *e)
{
	(void)img;
	return err_set(e, ERR_USAGE, "registry '%s': not built yet", arg);
}

const struct image_source_ops image_source_registry = {
	.scheme = "registry",
	.open = registry_open,
};
