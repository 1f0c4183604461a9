/*
 * hull's own analyzer on the layer stream: it keeps the account
 * databases of the final filesystem (etc/passwd, etc/shadow, etc/group)
 * and notes every secret-bearing file by its name, in whatever layer it
 * sits, with the layer that later removed or replaced it.  The rules in
 * rules/image-files.c read what it leaves in the image facts.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "image/limits.h"
#include "image/source.h"
#include "image/stream.h"

struct files_state {
	struct image *img;
};

static struct image_account_file *
account_of(struct image_facts *f, const char *path)
{
	if (!strcmp(path, "etc/passwd"))
		return &f->passwd;
	if (!strcmp(path, "etc/shadow"))
		return &f->shadow;
	if (!strcmp(path, "etc/group"))
		return &f->group;
	return NULL;
}

static bool
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && path[n] == '/';
}

static const char *
key_file_kind(const char *path, const char *base)
{
	static const char *const ssh_keys[] = { "id_rsa", "id_dsa", "id_ecdsa",
						"id_ed25519" };

	for (size_t i = 0; i < ARRAY_SIZE(ssh_keys); i++)
		if (!strcmp(base, ssh_keys[i]))
			return "SSH private key";
	if (str_starts_with(path, "etc/ssh/ssh_host_") &&
	    str_ends_with(base, "_key"))
		return "SSH host private key";
	/* Libraries ship test keys and certificates; those are not ours. */
	if (under(path, "usr/share") || under(path, "usr/lib") ||
	    under(path, "usr/local/lib") || under(path, "etc/ssl/certs"))
		return NULL;
	if (str_ends_with(base, ".key") || str_ends_with(base, ".p12") ||
	    str_ends_with(base, ".pfx") || str_ends_with(base, ".jks") ||
	    str_ends_with(base, ".keystore"))
		return "private key or keystore";
	if (str_ends_with(base, ".pem") &&
	    (strstr(base, "key") || strstr(base, "priv")))
		return "private key";
	return NULL;
}

/* What kind of secret a file's name says it holds, or NULL. */
const char *
image_secret_file_kind(const char *path, enum entry_type type)
{
	static const struct {
		const char *name;
		const char *kind;
	} names[] = {
		{ ".npmrc", "npm credentials" },
		{ ".pypirc", "PyPI credentials" },
		{ ".netrc", "netrc credentials" },
		{ ".git-credentials", "git credentials" },
		{ ".pgpass", "PostgreSQL password file" },
		{ ".htpasswd", "htpasswd file" },
		{ ".bash_history", "shell history" },
		{ ".zsh_history", "shell history" },
		{ ".ash_history", "shell history" },
		{ ".sh_history", "shell history" },
		{ ".python_history", "shell history" },
		{ ".mysql_history", "shell history" },
		{ ".psql_history", "shell history" },
		{ "application_default_credentials.json", "cloud credentials" },
		{ "credentials.db", "cloud credentials" },
		{ "accessTokens.json", "cloud credentials" },
	};
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (type == ENTRY_DIR)
		return strcmp(base, ".git") ? NULL : "git repository";
	if (type != ENTRY_FILE && type != ENTRY_HARDLINK)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(base, names[i].name))
			return names[i].kind;
	if (!strcmp(base, ".env") || (str_starts_with(base, ".env.") &&
				      !str_ends_with(base, ".example") &&
				      !str_ends_with(base, ".sample") &&
				      !str_ends_with(base, ".template")))
		return "dotenv file";
	if (str_ends_with(path, ".aws/credentials"))
		return "cloud credentials";
	if (str_ends_with(path, ".docker/config.json"))
		return "registry credentials";
	if (str_ends_with(path, ".kube/config"))
		return "Kubernetes credentials";
	return key_file_kind(path, base);
}

static bool
files_wants(void *self, const struct layer_entry *le)
{
	struct files_state *fs = self;

	if (le->type == ENTRY_FILE && account_of(&fs->img->facts, le->path))
		return true;
	return image_secret_file_kind(le->path, le->type) != NULL;
}

static void
secret_add(struct files_state *fs, const struct layer_entry *le,
	   const char *kind)
{
	struct image_facts *f = &fs->img->facts;
	struct image_secret_file *sf;

	/* The .git directory counts once, not for each file below it. */
	if (f->n_secret_files >= IMAGE_MAX_FINDINGS_PER_RULE) {
		f->secret_files_dropped++;
		return;
	}
	if (!f->secret_files)
		f->secret_files = xcalloc(IMAGE_MAX_FINDINGS_PER_RULE,
					  sizeof(*f->secret_files));
	sf = &f->secret_files[f->n_secret_files++];
	sf->path = arena_strdup(&fs->img->arena, le->path);
	sf->kind = kind;
	sf->layer = le->layer_index;
	sf->deleted_in = -1;
}

static int
files_entry(void *self, const struct layer_entry *le, struct entry_reader *r)
{
	struct files_state *fs = self;
	struct image_account_file *acc = account_of(&fs->img->facts, le->path);
	const char *kind = image_secret_file_kind(le->path, le->type);

	if (kind)
		secret_add(fs, le, kind);
	if (acc && le->type == ENTRY_FILE) {
		struct err e = ERR_INIT;

		buf_reset(&acc->text);
		acc->present = true;
		acc->layer = le->layer_index;
		if (entry_read_all(r, IMAGE_MAX_ACCOUNT_FILE, &acc->text, &e)) {
			r->e = e;
			return -1;
		}
	}
	return 0;
}

static void
files_removed(void *self, const char *path, int layer)
{
	struct files_state *fs = self;
	struct image_facts *f = &fs->img->facts;
	struct image_account_file *accs[] = { &f->passwd, &f->shadow,
					      &f->group };
	static const char *const names[] = { "etc/passwd", "etc/shadow",
					     "etc/group" };

	for (size_t i = 0; i < ARRAY_SIZE(accs); i++)
		if (!strcmp(names[i], path) || under(names[i], path))
			accs[i]->present = false;
	for (size_t i = 0; i < f->n_secret_files; i++) {
		struct image_secret_file *sf = &f->secret_files[i];

		if (sf->deleted_in < 0 && sf->layer < layer &&
		    (!strcmp(sf->path, path) || under(sf->path, path)))
			sf->deleted_in = layer;
	}
}

static const struct analyzer_ops files_ops = {
	.name = "image files",
	.wants = files_wants,
	.entry = files_entry,
	.removed = files_removed,
};

struct analyzer
image_files_analyzer(struct image *img)
{
	struct files_state *fs = xcalloc(1, sizeof(*fs));
	struct analyzer an = { &files_ops, fs };

	fs->img = img;
	return an;
}

void
image_files_analyzer_free(struct analyzer *an)
{
	free(an->self);
	an->self = NULL;
}
