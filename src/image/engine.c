/*
 * docker:NAME, an image in the local Engine, read over its API without
 * the docker CLI: the image is looked up (a clear "no such image" before
 * any transfer), then GET /images/{name}/get (a docker save tar) is
 * streamed into an anonymous temp file, capped, and read as a
 * docker-archive.  When only the config is wanted (image_options
 * config_only), the lookup's answer is all that is read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "engine/engine.h"
#include "image/limits.h"
#include "image/source.h"

struct engine_state {
	struct tar_store *ts;
	struct blob_store store;
};

struct save_sink {
	int fd;
	uint64_t bytes;
	struct err e;
};

static int
save_write(void *ctx, const void *data, size_t len)
{
	struct save_sink *s = ctx;
	const char *p = data;

	s->bytes += len;
	if (s->bytes > IMAGE_MAX_IMAGE_BYTES)
		return err_set(&s->e, ERR_INPUT,
			       "image export is over %llu "
			       "bytes",
			       (unsigned long long)IMAGE_MAX_IMAGE_BYTES);
	while (len) {
		ssize_t n = write(s->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_errno(&s->e, ERR_INTERNAL, errno,
					 "cannot write a temporary file");
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
engine_src_open(struct image *img, const char *arg, struct err *e)
{
	struct engine_state *es = xcalloc(1, sizeof(*es));
	struct engine eng;
	struct save_sink sink = { -1, 0, ERR_INIT };
	char *name = engine_escape(arg);
	char *path = NULL;
	json_t *inspect = NULL;
	long status = 0;
	int rc = -1;

	img->src_state = es;
	if (engine_open(&eng, img->opt.docker_host, e) < 0) {
		free(name);
		return -1;
	}
	path = xasprintf("/images/%s/json", name);
	if (engine_get_json(&eng, path, &inspect, &status, e) < 0) {
		if (status == 404)
			err_set(e, ERR_INPUT,
				"no such image '%s' in the Engine "
				"(and no such file or directory)",
				arg);
		goto out;
	}
	/* Only the config wanted: the inspect answer holds it. */
	if (img->opt.config_only) {
		rc = layout_inspect(img, inspect, e);
		goto out;
	}
	free(path);
	path = xasprintf("/images/%s/get", name);
	sink.fd = tmpfile_anon(e);
	if (sink.fd < 0)
		goto out;
	if (engine_get_stream(&eng, path, save_write, &sink, e) < 0) {
		if (sink.e.kind)
			*e = sink.e;
		err_prefix(e, "cannot export '%s' from the Engine", arg);
		goto out;
	}
	rc = tar_store_open(&es->ts, sink.fd, arg, e);
	sink.fd = -1; /* the store owns it now */
	if (rc < 0)
		goto out;
	es->store = tar_store_as_store(es->ts);
	rc = layout_docker_save(img, &es->store, e);
out:
	if (sink.fd >= 0)
		close(sink.fd);
	json_decref(inspect);
	engine_close(&eng);
	free(path);
	free(name);
	return rc;
}

static int
engine_layer_open(struct image *img, size_t i, struct blob *b, struct err *e)
{
	struct engine_state *es = img->src_state;

	return es->store.open(es->store.self, img->facts.layers[i].member, b,
			      e);
}

static void
engine_src_close(struct image *img)
{
	struct engine_state *es = img->src_state;

	if (!es)
		return;
	tar_store_free(es->ts);
	free(es);
	img->src_state = NULL;
}

const struct image_source_ops image_source_docker = {
	.scheme = "docker",
	.open = engine_src_open,
	.layer_open = engine_layer_open,
	.close = engine_src_close,
};
