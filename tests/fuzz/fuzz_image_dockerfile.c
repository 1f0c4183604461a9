/*
 * Fuzz target: the layer-to-instruction mapping and the secret pass over
 * an image's history (rules/image.h).  The input is a Dockerfile, a line
 * "----", then one history line per line; a line starting with '!' is an
 * empty_layer entry.  Every non-empty entry gets a layer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "parse/dockerfile.h"
#include "rules/image.h"
#include "secret/secret.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* History entries built from one input; more is not a different path. */
#define FUZZ_MAX_HISTORY 256

static struct secret_scanner *fuzz_scanner;

static void
history_fill(struct image *img, const char *text)
{
	struct image_facts *f = &img->facts;
	size_t layers = 0;

	f->history =
	    arena_alloc(&img->arena, FUZZ_MAX_HISTORY * sizeof(*f->history));
	f->layers =
	    arena_alloc(&img->arena, FUZZ_MAX_HISTORY * sizeof(*f->layers));
	while (*text && f->n_history < FUZZ_MAX_HISTORY) {
		size_t n = strcspn(text, "\n");
		struct image_history *h = &f->history[f->n_history++];

		h->empty_layer = *text == '!';
		h->created_by = arena_strndup(&img->arena, text, n);
		h->shown = h->created_by;
		h->layer = h->empty_layer ? -1 : (int)layers;
		if (!h->empty_layer)
			f->layers[layers++].created_by = h->shown;
		text += n + (text[n] == '\n');
	}
	f->n_layers = layers;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char *sep;
	struct dockerfile df;
	struct strvec warn = STRVEC_INIT;
	struct findings out = FINDINGS_INIT;
	struct image img;
	struct err e = ERR_INIT;

	if (!fuzz_scanner) {
		struct secret_options o = SECRET_OPTIONS_INIT;

		fuzz_scanner = secret_scanner_new(&o, &e);
		if (!fuzz_scanner)
			abort();
	}
	memcpy(text, data, size);
	text[size] = '\0';
	sep = strstr(text, "\n----\n");
	if (!sep || strlen(text) != size)
		goto out;
	*sep = '\0';
	if (dockerfile_parse(&df, "Dockerfile", text, strlen(text), &e) < 0)
		goto out;
	image_init(&img);
	img.ref = strdup("fuzz");
	img.facts.ref = img.ref;
	history_fill(&img, sep + 6);
	image_dockerfile_map(&img, &df, fuzz_scanner, &warn);
	image_config_secrets(&img, fuzz_scanner, &out);
	image_release(&img);
	dockerfile_release(&df);
	findings_release(&out);
	strvec_release(&warn);
out:
	free(text);
	return 0;
}
