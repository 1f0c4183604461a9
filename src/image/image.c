/*
 * Opening an image: the table of sources, guessing a bare argument, and
 * the scan that runs the stream with hull's own analyzer first.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/util.h"
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
	strvec_release(&f->volumes);
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

/* Docker's reference grammar: names, tags and digests are capped. */
#define REF_MAX_NAME 255
#define REF_MAX_TAG 128

bool
image_ref_component_is_valid(const char *s, size_t n)
{
	size_t i = 0;

	for (;;) {
		size_t run = 0;

		while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
				 (s[i] >= '0' && s[i] <= '9')))
			i++, run++;
		if (!run)
			return false;
		if (i == n)
			return true;
		if (s[i] == '.')
			i++;
		else if (s[i] == '_')
			i += i + 1 < n && s[i + 1] == '_' ? 2 : 1;
		else if (s[i] == '-')
			while (i < n && s[i] == '-')
				i++;
		else
			return false;
	}
}

/* A registry host: letters, digits, "." and "-", then maybe ":PORT". */
static bool
ref_domain(const char *s, size_t n)
{
	size_t host = strcspn(s, ":");

	if (host > n)
		host = n;
	if (!host)
		return false;
	for (size_t i = 0; i < host; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(".-", s[i]))
			return false;
	if (host == n)
		return true;
	if (host + 1 == n)
		return false;
	for (size_t i = host + 1; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* "sha256:<hex>", or another algorithm with at least 32 hex digits. */
static bool
ref_digest(const char *d)
{
	size_t alg = strspn(d, "abcdefghijklmnopqrstuvwxyz0123456789+._-");
	size_t hex;

	if (!alg || d[alg] != ':')
		return false;
	d += alg + 1;
	hex = strspn(d, "0123456789abcdefABCDEF");
	return hex >= 32 && !d[hex];
}

/* A tag: a word character, then up to 127 of word characters, ".", "-". */
static bool
ref_tag(const char *t, size_t n)
{
	if (!n || n > REF_MAX_TAG || t[0] == '.' || t[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)t[i]) && !strchr("_.-", t[i]))
			return false;
	return true;
}

/*
 * Could `arg` name an image in the Engine ("nginx", "nginx:1",
 * "ghcr.io/org/app:2@sha256:..")?  Docker's grammar: an optional
 * registry host, lowercase path components, an optional tag and digest.
 */
static bool
ref_is_name(const char *arg)
{
	const char *at = strchr(arg, '@');
	size_t len = at ? (size_t)(at - arg) : strlen(arg);
	const char *slash = memrchr(arg, '/', len);
	const char *colon = memchr(slash ? slash : arg, ':',
				   len - (size_t)((slash ? slash : arg) - arg));
	const char *p = arg;
	bool first = true;

	if (at && !ref_digest(at + 1))
		return false;
	if (colon) {
		if (!ref_tag(colon + 1, len - (size_t)(colon + 1 - arg)))
			return false;
		len = (size_t)(colon - arg);
	}
	if (!len || len > REF_MAX_NAME)
		return false;
	while (p < arg + len) {
		const char *end = memchr(p, '/', (size_t)(arg + len - p));
		size_t n = end ? (size_t)(end - p) : (size_t)(arg + len - p);
		bool domain = first && end &&
			      (memchr(p, '.', n) || memchr(p, ':', n) ||
			       (n == 9 && !strncmp(p, "localhost", 9)));

		if (domain ? !ref_domain(p, n)
			   : !image_ref_component_is_valid(p, n))
			return false;
		first = false;
		p += n + (end ? 1 : 0);
		if (end && p == arg + len)
			return false; /* a trailing "/" */
	}
	return true;
}

/* Does a missing `arg` read as a path the user meant, not a name? */
static bool
ref_looks_like_path(const char *arg)
{
	static const char *const suffixes[] = {
		".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.xz", ".tar.bz2",
	};

	if (arg[0] == '/' || arg[0] == '~' || !strcmp(arg, ".") ||
	    !strcmp(arg, "..") || str_starts_with(arg, "./") ||
	    str_starts_with(arg, "../"))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++)
		if (str_ends_with(arg, suffixes[i]))
			return true;
	return false;
}

/*
 * A bare argument: an existing directory (an OCI layout or a root
 * filesystem) or file (by its content), else an image name for the
 * Engine.  "-" is refused (images are not read from standard input), and
 * so is a missing path that is no image name ("./app.tar", "/x"):
 * asking the Engine for it would only hide the typo.
 */
static int
guess(const char *arg, const struct image_source_ops **out, struct err *e)
{
	struct stat st;
	int why;

	if (!strcmp(arg, "-"))
		return err_set(e, ERR_USAGE,
			       "images are not read from standard input; "
			       "save one to a file ('docker save -o FILE "
			       "NAME') and name the file");
	if (stat(arg, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			char *layout = path_join(arg, "oci-layout");
			bool oci = access(layout, F_OK) == 0;

			free(layout);
			*out = oci ? &image_source_oci_dir : &image_source_dir;
			return 0;
		}
		*out = guess_file(arg);
		return 0;
	}
	why = errno;
	if (ref_looks_like_path(arg))
		return why == ENOENT
			   ? err_set(e, ERR_INPUT, "no such file or directory")
			   : err_errno(e, ERR_INPUT, why, "cannot open it");
	if (!ref_is_name(arg))
		return err_set(e, ERR_INPUT,
			       "no such file or directory, and not an image "
			       "name either");
	*out = &image_source_docker;
	return 0;
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
	if (!img->src && guess(ref, &img->src, e) < 0)
		return -1;
	if (!*arg)
		return err_set(e, ERR_USAGE, "nothing after the scheme");
	if (img->src->open(img, arg, e) < 0)
		return -1;
	return 0;
}

const char *
image_run_ref(const struct image *img)
{
	const char *ref = img->ref;
	const char *colon = strchr(ref, ':');

	if (img->src == &image_source_registry ||
	    img->src == &image_source_docker) {
		/* "registry:h/n:t" and "docker:n" without the scheme; a
		 * bare name as it is. */
		if (colon && str_starts_with(ref, img->src->scheme) &&
		    (size_t)(colon - ref) == strlen(img->src->scheme))
			return colon + 1;
		return ref;
	}
	return img->facts.repo_tag;
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
