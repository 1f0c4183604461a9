/*
 * Opening an image: the table of sources, guessing a bare argument, and
 * the scan that runs the stream with hull's own analyzer first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/xalloc.h"
#include "image/source.h"
#include "image/stream.h"

static const struct image_source_ops *const sources[] = {
	&image_source_docker_archive, &image_source_oci_archive,
	&image_source_oci_dir,	      &image_source_dir,
	&image_source_docker,	      &image_source_registry,
};

void
image_init(struct image *img)
{
	memset(img, 0, sizeof(*img));
	img->facts.max_age_days = 90;
	img->facts.now = time(NULL);
	path_index_init(&img->facts.fs);
}

void
image_release(struct image *img)
{
	struct image_facts *f = &img->facts;

	if (img->src && img->src->close)
		img->src->close(img);
	strvec_release(&f->env);
	strvec_release(&f->labels);
	strvec_release(&f->ports);
	strvec_release(&f->cmd);
	strvec_release(&f->entrypoint);
	strvec_release(&f->notes);
	buf_release(&f->passwd.text);
	buf_release(&f->shadow.text);
	buf_release(&f->group.text);
	free(f->secret_files);
	free(f->bad_entries);
	path_index_release(&f->fs);
	arena_release(&img->arena);
	free(img->ref);
	memset(img, 0, sizeof(*img));
}

/* A bare file: a tar (or compressed tar) holding an image. */
static const struct image_source_ops *
guess_file(const char *path)
{
	struct tar_store *ts = NULL;
	struct err e = ERR_INIT;
	int fd = file_open_regular(path, &e);
	int plain;
	const struct image_source_ops *ops = &image_source_docker_archive;

	if (fd < 0)
		return ops; /* let open() report it */
	plain = archive_plain_fd(fd, path, &e);
	close(fd);
	if (plain < 0 || tar_store_open(&ts, plain, path, &e) < 0)
		return ops;
	if (!tar_store_has(ts, "manifest.json") &&
	    tar_store_has(ts, "index.json"))
		ops = &image_source_oci_archive;
	tar_store_free(ts);
	return ops;
}

static const struct image_source_ops *
guess(const char *arg)
{
	struct stat st;

	if (stat(arg, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			char *layout = path_join(arg, "oci-layout");
			bool oci = access(layout, F_OK) == 0;

			free(layout);
			return oci ? &image_source_oci_dir : &image_source_dir;
		}
		return guess_file(arg);
	}
	return &image_source_docker;
}

int
image_open(struct image *img, const char *ref, const struct image_options *opt,
	   struct err *e)
{
	const char *colon = strchr(ref, ':');
	const char *arg = ref;

	img->ref = xstrdup(ref);
	img->facts.ref = img->ref;
	if (opt)
		img->opt = *opt;
	img->src = NULL;
	if (colon)
		for (size_t i = 0; i < ARRAY_SIZE(sources); i++) {
			size_t n = strlen(sources[i]->scheme);

			if ((size_t)(colon - ref) == n &&
			    !strncmp(ref, sources[i]->scheme, n)) {
				img->src = sources[i];
				arg = colon + 1;
				break;
			}
		}
	if (!img->src)
		img->src = guess(ref);
	if (!*arg)
		return err_set(e, ERR_USAGE, "'%s': nothing after the scheme",
			       ref);
	if (img->src->open(img, arg, e) < 0)
		return -1;
	return 0;
}

int
image_scan(struct image *img, const struct analyzer *analyzers, size_t n,
	   struct findings *out, struct err *e)
{
	struct analyzer *all = xcalloc(n + 1, sizeof(*all));
	int rc;

	all[0] = image_files_analyzer(img);
	for (size_t i = 0; i < n; i++)
		all[i + 1] = analyzers[i];
	rc = image_stream(img, all, n + 1, e);
	for (size_t i = 0; i <= n; i++)
		if (all[i].ops->finish)
			all[i].ops->finish(all[i].self, out);
	image_files_analyzer_free(&all[0]);
	free(all);
	return rc;
}

void
image_facts_location(const struct image_facts *f, int index, const char *path,
		     struct location *loc)
{
	struct location l = LOCATION_INIT;

	l.target = f->ref;
	l.path = path;
	if (index >= 0 && (size_t)index < f->n_layers) {
		const struct image_layer *ly = &f->layers[index];

		l.layer_index = index;
		l.layer_digest = ly->digest ? ly->digest : ly->diff_id;
		l.layer_created_by = ly->created_by;
		l.instruction = ly->instruction;
		l.line = ly->dockerfile_line;
		l.file = ly->instruction ? f->dockerfile : NULL;
	}
	*loc = l;
}
