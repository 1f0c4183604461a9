/*
 * Image rules that read the files: the final filesystem (path index),
 * the account databases, the secret-bearing files of every layer, and
 * what went wrong while reading the layers.
 */
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/xalloc.h"
#include "image/limits.h"
#include "rules/image-internal.h"

/* IM009 */

/*
 * Has the secret engine already reported the contents of this file in
 * this layer?  Its findings come out of the layer scan, before the rules
 * run; one secret makes one finding (rules/image.h).
 */
static bool
engine_reported(const struct findings *out, const struct image_secret_file *sf)
{
	for (size_t i = 0; i < out->n; i++) {
		const struct finding *fi = &out->v[i];

		if (!strncmp(fi->id, "SE", 2) && fi->loc.path &&
		    fi->loc.layer_index == sf->layer &&
		    !strcmp(fi->loc.path, sf->path))
			return true;
	}
	return false;
}

static void
check_secret_files(const struct rule *r, const struct image_facts *f,
		   struct findings *out)
{
	for (size_t i = 0; i < f->n_secret_files; i++) {
		const struct image_secret_file *sf = &f->secret_files[i];

		if (engine_reported(out, sf))
			continue;
		if (sf->deleted_in >= 0)
			image_finding(r, f, sf->layer, sf->path, out,
				      "%s '%s' is stored in layer %d; layer "
				      "%d removes or replaces it, but it can "
				      "still be extracted from layer %d",
				      sf->kind, sf->path, sf->layer,
				      sf->deleted_in, sf->layer);
		else
			image_finding(r, f, sf->layer, sf->path, out,
				      "%s '%s' is in the image (added in "
				      "layer %d)",
				      sf->kind, sf->path, sf->layer);
	}
	if (f->secret_files_dropped)
		image_finding(r, f, -1, NULL, out,
			      "%zu more secret-bearing files not listed",
			      f->secret_files_dropped);
}

const struct rule im009 = {
	.id = "IM009",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Secret-bearing file in an image layer",
	.why =
	    "Keys, credential files, .env files, shell histories and .git "
	    "directories copied into an image can be read by anyone who pulls "
	    "it, even when a later layer deletes them: every layer is a "
	    "tarball that can be extracted on its own.",
	.remediation =
	    "Keep them out of the build context (.dockerignore), use "
	    "secret mounts at build time and multi-stage builds.",
	.bad =
	    "COPY id_rsa /root/.ssh/\nRUN git clone ... && rm /root/.ssh/id_rsa",
	.good = "RUN --mount=type=ssh git clone ...",
	.aliases = (const char *const[]){ "CIS-DI-0010", "DKL-LI-0003",
					  "CIS-4.10", NULL },
	.check.image = check_secret_files,
};

/* A helper for the checks that walk the final filesystem. */
typedef bool (*node_pred)(const struct image_facts *f,
			  const struct path_node *n);

static void
report_nodes(const struct rule *r, const struct image_facts *f, node_pred pred,
	     const char *fmt, struct findings *out)
{
	const struct path_index *idx = &f->fs;
	struct path_node *n;
	size_t it = 0, count = 0;

	while ((n = path_index_next(idx, &it))) {
		if (!pred(f, n))
			continue;
		if (++count > IMAGE_MAX_FINDINGS_PER_RULE)
			continue;
		image_finding(r, f, n->layer, n->path, out, fmt, n->path,
			      n->mode);
	}
	if (count > IMAGE_MAX_FINDINGS_PER_RULE)
		image_finding(r, f, -1, NULL, out, "%zu more paths not listed",
			      count - IMAGE_MAX_FINDINGS_PER_RULE);
}

/* IM010 */
static bool
is_setid(const struct image_facts *f, const struct path_node *n)
{
	(void)f;
	return (n->type == ENTRY_FILE || n->type == ENTRY_HARDLINK) &&
	       (n->mode & 06000);
}

static void
check_setid(const struct rule *r, const struct image_facts *f,
	    struct findings *out)
{
	report_nodes(r, f, is_setid, "'%s' is setuid or setgid (mode %04o)",
		     out);
}

const struct rule im010 = {
	.id = "IM010",
	.severity = SEV_MEDIUM,
	.target = RULE_IMAGE,
	.title = "Setuid or setgid file in the image",
	.why = "A setuid or setgid binary runs with its owner's privileges; a "
	       "bug in it lets an unprivileged user in the container become "
	       "root.",
	.remediation =
	    "Remove the bits you do not need: RUN find / -xdev -perm "
	    "/6000 -type f -exec chmod a-s {} +",
	.bad = "RUN chmod u+s /usr/local/bin/tool",
	.good = "RUN chmod a-s /usr/local/bin/tool",
	.aliases = (const char *const[]){ "CIS-DI-0008", "CIS-4.8", NULL },
	.check.image = check_setid,
};

/* IM011 */
static bool
is_world_writable(const struct image_facts *f, const struct path_node *n)
{
	(void)f;
	if (n->type != ENTRY_FILE && n->type != ENTRY_DIR &&
	    n->type != ENTRY_HARDLINK)
		return false;
	if (!(n->mode & 0002))
		return false;
	/* Sticky directories (/tmp, /var/tmp) are meant to be shared. */
	return !(n->type == ENTRY_DIR && (n->mode & 01000));
}

static void
check_world_writable(const struct rule *r, const struct image_facts *f,
		     struct findings *out)
{
	report_nodes(r, f, is_world_writable,
		     "'%s' is writable by every user (mode %04o)", out);
}

const struct rule im011 = {
	.id = "IM011",
	.severity = SEV_MEDIUM,
	.target = RULE_IMAGE,
	.title = "World-writable file or directory",
	.why = "Any process in the container, whatever its user, can change a "
	       "world-writable file: a compromised low-privilege process can "
	       "plant code that a more privileged one later runs.",
	.remediation = "chmod o-w the path, or use a sticky directory for "
		       "shared scratch space.",
	.bad = "RUN chmod 777 /app/config",
	.good = "RUN chmod 755 /app/config",
	.check.image = check_world_writable,
};

/* IM012: application files the runtime user can rewrite. */
long long
image_user_uid(const struct image_facts *f)
{
	char name[256];
	size_t n;
	long long v;
	const char *p;

	if (!f->user || !*f->user)
		return 0;
	n = strcspn(f->user, ":");
	if (n >= sizeof(name))
		return -1;
	memcpy(name, f->user, n);
	name[n] = '\0';
	if (!str_to_ll(name, 0, 0xffffffffLL, &v))
		return v;
	if (!strcmp(name, "root"))
		return 0;
	if (!f->passwd.present)
		return -1;
	for (p = f->passwd.text.data; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		char *c1 = strchr(line, ':');
		char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		long long uid = -1;

		if (c1 && c2 && (size_t)(c1 - line) == n &&
		    !strncmp(line, name, n)) {
			char *c3 = strchr(c2 + 1, ':');

			if (c3)
				*c3 = '\0';
			if (str_to_ll(c2 + 1, 0, 0xffffffffLL, &uid))
				uid = -1;
			free(line);
			return uid;
		}
		free(line);
		p += len;
		if (*p)
			p++;
	}
	return -1;
}

static bool
under_app_dir(const struct image_facts *f, const char *path)
{
	static const char *const app_dirs[] = { "app", "srv", "opt",
						"usr/src/app", "var/www" };
	const char *wd = f->workdir;

	while (wd && *wd == '/')
		wd++;
	if (wd && *wd && str_starts_with(path, wd) &&
	    (path[strlen(wd)] == '/' || !path[strlen(wd)]))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(app_dirs); i++) {
		size_t n = strlen(app_dirs[i]);

		if (!strncmp(path, app_dirs[i], n) &&
		    (path[n] == '/' || !path[n]))
			return true;
	}
	return false;
}

static bool
writable_by(const struct path_node *n, long long uid)
{
	return n->uid == uid && (n->mode & 0200) &&
	       (n->type == ENTRY_FILE || n->type == ENTRY_DIR ||
		n->type == ENTRY_HARDLINK);
}

static void
check_app_writable(const struct rule *r, const struct image_facts *f,
		   struct findings *out)
{
	long long uid = image_user_uid(f);
	struct path_node *n;
	size_t it = 0, count = 0;

	if (uid <= 0)
		return;
	while ((n = path_index_next(&f->fs, &it))) {
		if (!writable_by(n, uid) || !under_app_dir(f, n->path))
			continue;
		/* Report the top of a writable tree, not every file in it. */
		if (n->parent && writable_by(n->parent, uid) &&
		    under_app_dir(f, n->parent->path))
			continue;
		if (++count > IMAGE_MAX_FINDINGS_PER_RULE)
			continue;
		image_finding(r, f, n->layer, n->path, out,
			      "'%s' is owned and writable by the runtime user "
			      "'%s' (uid %lld)%s",
			      n->path, f->user, uid,
			      n->type == ENTRY_DIR ? ", with what is below it"
						   : "");
	}
}

const struct rule im012 = {
	.id = "IM012",
	.severity = SEV_MEDIUM,
	.target = RULE_IMAGE,
	.title = "Application files writable by the runtime user",
	.why =
	    "When the user the container runs as owns its own code, an "
	    "attacker who gets code execution can rewrite the application and "
	    "persist in it.",
	.remediation =
	    "Keep the files owned by root (COPY without --chown) and "
	    "give the runtime user write access only to data "
	    "directories.",
	.bad = "COPY --chown=app:app . /app\nUSER app",
	.good = "COPY . /app\nUSER app",
	.check.image = check_app_writable,
};

/* IM013, IM014: account databases. */
struct field_iter {
	const char *p;
};

/* Field k (0-based) of a colon-separated line into out. */
static bool
line_field(const char *line, size_t len, int k, char *out, size_t max)
{
	const char *p = line, *end = line + len;

	for (int i = 0; i < k; i++) {
		p = memchr(p, ':', (size_t)(end - p));
		if (!p)
			return false;
		p++;
	}
	len = strcspn(p, ":\n");
	if (p + len > end)
		len = (size_t)(end - p);
	if (len >= max)
		len = max - 1;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

typedef void (*line_fn)(const char *line, size_t len, void *ctx);

static void
lines_each(const struct buf *text, line_fn fn, void *ctx)
{
	const char *p = text->data;

	while (*p) {
		size_t len = strcspn(p, "\n");

		if (len && *p != '#')
			fn(p, len, ctx);
		p += len;
		if (*p)
			p++;
	}
}

struct empty_ctx {
	const struct rule *r;
	const struct image_facts *f;
	struct findings *out;
	const struct image_account_file *file;
	const char *path;
	struct strmap *seen;
};

static void
empty_pw_line(const char *line, size_t len, void *vctx)
{
	struct empty_ctx *c = vctx;
	char name[256], pw[512];

	if (!line_field(line, len, 0, name, sizeof(name)) ||
	    !line_field(line, len, 1, pw, sizeof(pw)) || pw[0] || !name[0])
		return;
	if (strmap_has(c->seen, name))
		return;
	strmap_put(c->seen, name, NULL);
	image_finding(c->r, c->f, c->file->layer, c->path, c->out,
		      "account '%s' has an empty password in %s", name,
		      c->path);
}

static void
check_empty_password(const struct rule *r, const struct image_facts *f,
		     struct findings *out)
{
	struct strmap seen = STRMAP_INIT;
	struct empty_ctx c = { r, f, out, NULL, NULL, &seen };

	if (f->shadow.present) {
		c.file = &f->shadow;
		c.path = "etc/shadow";
		lines_each(&f->shadow.text, empty_pw_line, &c);
	}
	if (f->passwd.present) {
		c.file = &f->passwd;
		c.path = "etc/passwd";
		lines_each(&f->passwd.text, empty_pw_line, &c);
	}
	strmap_release(&seen, NULL);
}

const struct rule im013 = {
	.id = "IM013",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Account with an empty password",
	.why = "An account with an empty password field lets anyone log in or "
	       "su to it without a password.",
	.remediation = "Lock the account (passwd -l NAME, or '!' / '*' in "
		       "etc/shadow) or remove it.",
	.bad = "app::19000:0:99999:7:::",
	.good = "app:!:19000:0:99999:7:::",
	.aliases = (const char *const[]){ "DKL-LI-0001", NULL },
	.check.image = check_empty_password,
};

struct dup_ctx {
	const struct rule *r;
	const struct image_facts *f;
	struct findings *out;
	const struct image_account_file *file;
	const char *path;
	const char *what;
	struct strmap ids; /* id -> first name */
};

static void
dup_id_line(const char *line, size_t len, void *vctx)
{
	struct dup_ctx *c = vctx;
	char name[256], id[32];
	char *first;

	if (!line_field(line, len, 0, name, sizeof(name)) ||
	    !line_field(line, len, 2, id, sizeof(id)) || !id[0])
		return;
	first = strmap_get(&c->ids, id);
	if (!first) {
		strmap_put(&c->ids, id, xstrdup(name));
		return;
	}
	if (!strcmp(first, name))
		return;
	image_finding(c->r, c->f, c->file->layer, c->path, c->out,
		      "%s %s is shared by '%s' and '%s' in %s", c->what, id,
		      first, name, c->path);
}

static void
check_dup_ids(const struct rule *r, const struct image_facts *f,
	      struct findings *out)
{
	struct dup_ctx c = { r,	    f,		out, &f->passwd, "etc/passwd",
			     "UID", STRMAP_INIT };

	if (f->passwd.present)
		lines_each(&f->passwd.text, dup_id_line, &c);
	strmap_release(&c.ids, free);
	c.file = &f->group;
	c.path = "etc/group";
	c.what = "GID";
	if (f->group.present)
		lines_each(&f->group.text, dup_id_line, &c);
	strmap_release(&c.ids, free);
}

const struct rule im014 = {
	.id = "IM014",
	.severity = SEV_MEDIUM,
	.target = RULE_IMAGE,
	.title = "Duplicate UID or GID",
	.why =
	    "Two accounts with one UID are one identity to the kernel: files "
	    "and processes of one are the other's, which defeats separating "
	    "them.",
	.remediation = "Give each account its own UID and each group its own "
		       "GID.",
	.bad = "app:x:0:0::/app:/bin/sh",
	.good = "app:x:10001:10001::/app:/sbin/nologin",
	.aliases = (const char *const[]){ "DKL-LI-0002", NULL },
	.check.image = check_dup_ids,
};

/* IM015, IM016: what an attacker finds useful in the final image. */
static void
report_present(const struct rule *r, const struct image_facts *f,
	       const char *const *paths, size_t n, const char *what,
	       struct findings *out)
{
	struct buf list = BUF_INIT;
	int layer = -1;
	const char *first = NULL;

	for (size_t i = 0; i < n; i++) {
		struct path_node *node = path_index_get(&f->fs, paths[i]);

		if (!node || node->type == ENTRY_DIR)
			continue;
		buf_addf(&list, "%s/%s", list.len ? ", " : "", paths[i]);
		if (!first)
			first = paths[i], layer = node->layer;
	}
	if (list.len)
		image_finding(r, f, layer, first, out, "%s in the image: %s",
			      what, list.data);
	buf_release(&list);
}

static void
check_shells(const struct rule *r, const struct image_facts *f,
	     struct findings *out)
{
	static const char *const shells[] = {
		"bin/sh",      "bin/bash",     "bin/ash",     "bin/dash",
		"bin/zsh",     "usr/bin/bash", "usr/bin/zsh", "usr/bin/dash",
		"bin/busybox", "usr/bin/sh",
	};

	report_present(r, f, shells, ARRAY_SIZE(shells), "shells", out);
}

const struct rule im015 = {
	.id = "IM015",
	.severity = SEV_INFO,
	.target = RULE_IMAGE,
	.title = "Shell present in the final image",
	.why = "A shell is what an attacker with code execution reaches for "
	       "first; distroless and scratch images leave none.",
	.remediation = "Build on a distroless or scratch base in a final stage "
		       "when the application needs no shell.",
	.bad = "FROM debian:12\nCOPY app /app",
	.good = "FROM gcr.io/distroless/static\nCOPY app /app",
	.check.image = check_shells,
};

static void
check_pkg_managers(const struct rule *r, const struct image_facts *f,
		   struct findings *out)
{
	static const char *const managers[] = {
		"sbin/apk",	"usr/bin/apt",	    "usr/bin/apt-get",
		"usr/bin/dpkg", "usr/bin/yum",	    "usr/bin/dnf",
		"usr/bin/rpm",	"usr/bin/microdnf", "usr/bin/zypper",
	};

	report_present(r, f, managers, ARRAY_SIZE(managers), "package managers",
		       out);
}

const struct rule im016 = {
	.id = "IM016",
	.severity = SEV_INFO,
	.target = RULE_IMAGE,
	.title = "Package manager present in the final image",
	.why = "A package manager lets whoever runs code in the container "
	       "install tools; runtime images rarely need one.",
	.remediation = "Install packages in a build stage and copy only the "
		       "results into a minimal final stage.",
	.bad = "FROM debian:12\nRUN apt-get install -y curl",
	.good = "FROM debian:12 AS build\n...\nFROM gcr.io/distroless/base\n"
		"COPY --from=build /out /app",
	.aliases = (const char *const[]){ "CIS-DI-0003", NULL },
	.check.image = check_pkg_managers,
};

/* IM017: caches that only make the image bigger. */
static bool
dir_has_files(const struct path_node *dir, const char *const *ignore)
{
	for (const struct path_node *c = dir->child; c; c = c->next) {
		const char *base = strrchr(c->path, '/');
		bool skip = false;

		base = base ? base + 1 : c->path;
		for (const char *const *i = ignore; i && *i; i++)
			if (!strcmp(base, *i))
				skip = true;
		if (!skip)
			return true;
	}
	return false;
}

static void
check_caches(const struct rule *r, const struct image_facts *f,
	     struct findings *out)
{
	static const char *const apt_ignore[] = { "lock", "partial", "auxfiles",
						  NULL };
	static const struct {
		const char *path;
		const char *what;
		const char *const *ignore;
	} caches[] = {
		{ "var/cache/apk", "apk cache", NULL },
		{ "var/lib/apt/lists", "apt package lists", apt_ignore },
		{ "var/cache/apt/archives", "apt package archives",
		  apt_ignore },
		{ "var/cache/yum", "yum cache", NULL },
		{ "var/cache/dnf", "dnf cache", NULL },
		{ "root/.cache/pip", "pip cache", NULL },
		{ "root/.npm", "npm cache", NULL },
		{ "usr/local/share/.cache/yarn", "yarn cache", NULL },
		{ "root/.cache/go-build", "Go build cache", NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(caches); i++) {
		struct path_node *n = path_index_get(&f->fs, caches[i].path);

		if (n && n->type == ENTRY_DIR &&
		    dir_has_files(n, caches[i].ignore))
			image_finding(r, f, n->layer, caches[i].path, out,
				      "%s left in the image at '%s'",
				      caches[i].what, caches[i].path);
	}
}

const struct rule im017 = {
	.id = "IM017",
	.severity = SEV_LOW,
	.target = RULE_IMAGE,
	.title = "Package cache left in the image",
	.why = "Package indexes and caches make the image bigger and slower to "
	       "pull and scan, and stale indexes mislead later installs.",
	.remediation = "Clean in the same RUN: apk add --no-cache; apt-get ... "
		       "&& rm -rf /var/lib/apt/lists/*; pip --no-cache-dir.",
	.bad = "RUN apt-get update && apt-get install -y curl",
	.good = "RUN apt-get update && apt-get install -y curl \\\n"
		"    && rm -rf /var/lib/apt/lists/*",
	.aliases = (const char *const[]){ "DKL-DI-0004", "DKL-DI-0005", NULL },
	.check.image = check_caches,
};

/* IM018, IM019: layers. */
static void
check_layers_read(const struct rule *r, const struct image_facts *f,
		  struct findings *out)
{
	for (size_t i = 0; i < f->n_layers; i++)
		if (f->layers[i].read_failed)
			image_finding(r, f, (int)i, NULL, out,
				      "layer %zu could not be read: %s; what "
				      "it holds is not checked",
				      i, f->layers[i].error);
}

const struct rule im018 = {
	.id = "IM018",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Layer could not be read",
	.why = "A corrupt, truncated or oversized layer cannot be checked, and "
	       "a layer crafted to break scanners is a warning sign in itself.",
	.remediation = "Rebuild or re-pull the image and scan it again.",
	.bad = "a layer blob cut short in transfer",
	.good = "a layer that matches its digest",
	.check.image = check_layers_read,
};

static void
check_digests(const struct rule *r, const struct image_facts *f,
	      struct findings *out)
{
	for (size_t i = 0; i < f->n_layers; i++) {
		const struct image_layer *l = &f->layers[i];

		if (l->diff_id_bad)
			image_finding(r, f, (int)i, NULL, out,
				      "layer %zu does not match its digest: "
				      "expected %s, got %s",
				      i, l->diff_id ? l->diff_id : l->digest,
				      l->actual_diff_id);
	}
}

const struct rule im019 = {
	.id = "IM019",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Layer does not match its digest",
	.why = "The config names each layer by the sha256 of its contents; a "
	       "layer that differs was changed after the image was built.",
	.remediation = "Do not run the image; pull it again from a trusted "
		       "source.",
	.bad = "rootfs.diff_ids[0] differs from the layer's sha256",
	.good = "every diff_id matches",
	.check.image = check_digests,
};

/* IM020 */
static void
check_bad_entries(const struct rule *r, const struct image_facts *f,
		  struct findings *out)
{
	for (size_t i = 0; i < f->n_bad_entries; i++) {
		const struct image_bad_entry *b = &f->bad_entries[i];

		image_finding(r, f, b->layer, b->path, out,
			      "entry '%s' of layer %d: %s; it is ignored",
			      b->path, b->layer, b->why);
	}
	if (f->bad_entries_dropped)
		image_finding(r, f, -1, NULL, out,
			      "%zu more such entries not listed",
			      f->bad_entries_dropped);
}

const struct rule im020 = {
	.id = "IM020",
	.severity = SEV_HIGH,
	.target = RULE_IMAGE,
	.title = "Layer entry escapes the image root",
	.why =
	    "A layer entry with '..' in its path, a hard link leaving the "
	    "root, or a file written through a symlink targets files outside "
	    "the image when a naive tool extracts it: a path traversal attack.",
	.remediation = "Do not use the image; find out how the layer was made.",
	.bad = "a layer holding '../../etc/cron.d/x'",
	.good = "a layer made by docker build",
	.check.image = check_bad_entries,
};
