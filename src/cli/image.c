/*
 * hull image IMAGE (temporary driver while the rules land)
 */
#include <stdio.h>

#include "cli/cli.h"
#include "image/image.h"

int
cmd_image(int argc, char **argv)
{
	struct image img;
	struct err e = ERR_INIT;
	struct findings fs = FINDINGS_INIT;
	struct image_options opt = {0};

	if (argc < 2)
		return 2;
	image_init(&img);
	if (image_open(&img, argv[1], &opt, &e) < 0 ||
	    image_scan(&img, NULL, 0, &fs, &e) < 0) {
		cli_error("%s", e.msg);
		image_release(&img);
		return 3;
	}
	for (size_t i = 0; i < img.facts.n_layers; i++) {
		struct image_layer *l = &img.facts.layers[i];
		printf("layer %zu %s entries=%llu bytes=%llu failed=%d %s bad=%d %s\n", i, l->member,
		       (unsigned long long)l->entries, (unsigned long long)l->bytes,
		       l->read_failed, l->error ? l->error : "", l->diff_id_bad, l->created_by ? l->created_by : "");
	}
	size_t it = 0;
	struct path_node *n;
	while ((n = path_index_next(&img.facts.fs, &it)))
		printf("  %s %d %o L%d\n", n->path, n->type, n->mode, n->layer);
	for (size_t i = 0; i < img.facts.n_secret_files; i++)
		printf("secret %s %s L%d del%d\n", img.facts.secret_files[i].path, img.facts.secret_files[i].kind, img.facts.secret_files[i].layer, img.facts.secret_files[i].deleted_in);
	for (size_t i = 0; i < img.facts.n_bad_entries; i++)
		printf("bad %s %s\n", img.facts.bad_entries[i].path, img.facts.bad_entries[i].why);
	image_release(&img);
	return 0;
}
