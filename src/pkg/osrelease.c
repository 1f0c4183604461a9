/*
 * Operating-system detection.
 *
 * os-release is a list of KEY=value lines, values optionally quoted
 * with shell-like quoting (freedesktop.org os-release(5)).  The older
 * files are one line: "CentOS Linux release 7.6.1810 (Core)", "9.8",
 * "3.10.4".
 */
#include "pkg/osrelease.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "core/util.h"
#include "pkg/cataloger.h"

/* Ranks: the freedesktop file is the most precise about the family. */
enum {
	RANK_ESM = 0,
	RANK_DEBIAN_VERSION = 1,
	RANK_REDHAT_FILE = 2,
	RANK_LSB = 3,
	RANK_ALPINE_RELEASE = 4,
	RANK_USR_OS_RELEASE = 5,
	RANK_ETC_OS_RELEASE = 6,
};

/* os-release ID to the family name the vulnerability data uses. */
static const struct {
	const char *id;
	const char *family;
} os_ids[] = {
	{ "activestate", "activestate" },
	{ "almalinux", "alma" },
	{ "alpine", "alpine" },
	{ "amzn", "amazon" },
	{ "azurelinux", "azurelinux" },
	{ "bottlerocket", "bottlerocket" },
	{ "centos", "centos" },
	{ "chainguard", "chainguard" },
	{ "coreos", "coreos" },
	{ "debian", "debian" },
	{ "echo", "echo" },
	{ "fedora", "fedora" },
	{ "mariner", "cbl-mariner" },
	{ "minimos", "minimos" },
	{ "ol", "oracle" },
	{ "opensuse", "opensuse-leap" },
	{ "opensuse-leap", "opensuse-leap" },
	{ "opensuse-tumbleweed", "opensuse-tumbleweed" },
	{ "photon", "photon" },
	{ "rhel", "redhat" },
	{ "rocky", "rocky" },
	{ "sl-micro", "slem" },
	{ "sle-micro", "slem" },
	{ "sle-micro-rancher", "slem" },
	{ "sles", "sles" },
	{ "ubuntu", "ubuntu" },
	{ "wolfi", "wolfi" },
};

/* The leading words of a Red Hat family release line. */
static const struct {
	const char *prefix;
	const char *family;
} redhat_names[] = {
	{ "almalinux", "alma" },      { "centos stream", "centos-stream" },
	{ "centos", "centos" },	      { "fedora", "fedora" },
	{ "oracle linux", "oracle" }, { "red hat", "redhat" },
	{ "rocky linux", "rocky" },
};

static const char *const redhat_files[] = {
	"etc/redhat-release", "etc/centos-release", "etc/fedora-release",
	"etc/oracle-release", "etc/rocky-release",  "etc/almalinux-release",
	"etc/system-release",
};

static const char *const other_files[] = {
	"etc/os-release",     "usr/lib/os-release",
	"etc/alpine-release", "etc/debian_version",
	"etc/lsb-release",    "var/lib/ubuntu-advantage/status.json",
};

bool
os_release_wants(const char *path)
{
	for (size_t i = 0; i < ARRAY_SIZE(other_files); i++)
		if (!strcmp(path, other_files[i]))
			return true;
	for (size_t i = 0; i < ARRAY_SIZE(redhat_files); i++)
		if (!strcmp(path, redhat_files[i]))
			return true;
	return false;
}

/* Unquote an os-release value in place: "..." or '...' with \ escapes. */
static char *
value_unquote(char *v)
{
	char q = *v, *r, *w;

	if (q != '"' && q != '\'')
		return v;
	for (r = v + 1, w = v; *r && *r != q; r++) {
		if (*r == '\\' && q == '"' && r[1])
			r++;
		*w++ = *r;
	}
	*w = '\0';
	return v;
}

/* The value of KEY in a KEY=value file, unquoted, in a; NULL if absent. */
static const char *
kv_get(const char *data, size_t len, const char *key, struct arena *a)
{
	const char *p = data, *end = data + len, *line;
	size_t n, klen = strlen(key);

	while (text_next_line(&p, end, &line, &n)) {
		char *v;

		while (n && isspace((unsigned char)*line))
			line++, n--;
		if (n <= klen || strncmp(line, key, klen) || line[klen] != '=')
			continue;
		v = arena_strndup(a, line + klen + 1, n - klen - 1);
		v = value_unquote(v);
		while (*v && isspace((unsigned char)v[strlen(v) - 1]))
			v[strlen(v) - 1] = '\0';
		return v;
	}
	return NULL;
}

static const char *
family_for_id(const char *id, const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(os_ids); i++) {
		if (strcmp(os_ids[i].id, id))
			continue;
		if (!strcmp(id, "centos") && name &&
		    str_icase_find(name, "stream"))
			return "centos-stream";
		return os_ids[i].family;
	}
	return NULL;
}

static int
parse_os_release(const char *data, size_t len, struct arena *a,
		 struct distro *out)
{
	const char *id = kv_get(data, len, "ID", a);
	const char *ver = kv_get(data, len, "VERSION_ID", a);
	const char *name = kv_get(data, len, "NAME", a);
	const char *family;

	if (!id || !ver || !*ver)
		return 0;
	family = family_for_id(id, name);
	if (!family)
		return 0;
	out->family = family;
	out->version = ver;
	out->codename = kv_get(data, len, "VERSION_CODENAME", a);
	out->name = kv_get(data, len, "PRETTY_NAME", a);
	if (!out->name)
		out->name = name;
	return 1;
}

/* The first line, trimmed, in a. */
static char *
first_line(const char *data, size_t len, struct arena *a)
{
	const char *p = data, *line;
	size_t n;

	if (!text_next_line(&p, data + len, &line, &n))
		return NULL;
	while (n && isspace((unsigned char)*line))
		line++, n--;
	while (n && isspace((unsigned char)line[n - 1]))
		n--;
	return n ? arena_strndup(a, line, n) : NULL;
}

/* "<Name> release <version> (<codename>)" */
static int
parse_redhat_line(const char *data, size_t len, struct arena *a,
		  struct distro *out)
{
	char *line = first_line(data, len, a);
	const char *rel, *v;
	size_t vn;

	if (!line || !(rel = strstr(line, " release ")))
		return -1;
	v = rel + strlen(" release ");
	vn = strspn(v, "0123456789.");
	if (!vn || !isdigit((unsigned char)*v))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(redhat_names); i++) {
		if (!str_istarts_with(line, redhat_names[i].prefix))
			continue;
		out->family = redhat_names[i].family;
		out->version = arena_strndup(a, v, vn);
		out->name = line;
		return 1;
	}
	return -1;
}

static int
parse_lsb(const char *data, size_t len, struct arena *a, struct distro *out)
{
	const char *id = kv_get(data, len, "DISTRIB_ID", a);
	const char *rel = kv_get(data, len, "DISTRIB_RELEASE", a);

	if (!id || !rel || !*rel || !str_ieq(id, "ubuntu"))
		return -1;
	out->family = "ubuntu";
	out->version = rel;
	out->codename = kv_get(data, len, "DISTRIB_CODENAME", a);
	out->name = kv_get(data, len, "DISTRIB_DESCRIPTION", a);
	return 1;
}

/* Ubuntu Pro status: ESM is on when the esm-infra service is enabled. */
static int
parse_esm(const char *data, size_t len, struct distro *out)
{
	json_t *root = json_loadb(data, len, 0, NULL);
	json_t *svcs = json_object_get(root, "services");
	size_t i;
	json_t *s;
	int rc = 0;

	if (!json_is_object(root)) {
		json_decref(root);
		return -1;
	}
	json_array_foreach(svcs, i, s)
	{
		const char *name =
		    json_string_value(json_object_get(s, "name"));
		const char *st =
		    json_string_value(json_object_get(s, "status"));

		if (name && st && !strcmp(name, "esm-infra") &&
		    !strcmp(st, "enabled")) {
			out->family = "ubuntu";
			out->extended = true;
			rc = 1;
		}
	}
	json_decref(root);
	return rc;
}

static bool
is_redhat_file(const char *path)
{
	for (size_t i = 0; i < ARRAY_SIZE(redhat_files); i++)
		if (!strcmp(path, redhat_files[i]))
			return true;
	return false;
}

int
os_release_parse(const char *path, const char *data, size_t len,
		 struct arena *a, struct distro *out, int *rank, struct err *e)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *line;
	int rc;

	memset(out, 0, sizeof(*out));
	*rank = 0;
	if (!strcmp(base, "os-release")) {
		*rank = str_starts_with(path, "usr/") ? RANK_USR_OS_RELEASE
						      : RANK_ETC_OS_RELEASE;
		return parse_os_release(data, len, a, out);
	}
	if (!strcmp(base, "status.json")) {
		*rank = RANK_ESM;
		rc = parse_esm(data, len, out);
		if (rc < 0)
			return err_set(e, ERR_INPUT,
				       "'%s': ubuntu ESM status "
				       "is not valid JSON",
				       path);
		return rc;
	}
	if (!strcmp(base, "lsb-release")) {
		*rank = RANK_LSB;
		rc = parse_lsb(data, len, a, out);
	} else if (!strcmp(base, "alpine-release") ||
		   !strcmp(base, "debian_version")) {
		bool alpine = base[0] == 'a';

		*rank = alpine ? RANK_ALPINE_RELEASE : RANK_DEBIAN_VERSION;
		line = first_line(data, len, a);
		rc = line ? 1 : -1;
		if (line) {
			out->family = alpine ? "alpine" : "debian";
			out->version = line;
		}
	} else if (is_redhat_file(path) || str_ends_with(base, "-release")) {
		*rank = RANK_REDHAT_FILE;
		rc = parse_redhat_line(data, len, a, out);
	} else {
		rc = 0;
	}
	if (rc < 0)
		return err_set(e, ERR_INPUT,
			       "'%s': unable to analyze OS information", path);
	return rc;
}

static bool
osrelease_wants(const char *path, unsigned mode, unsigned long long size)
{
	return os_release_wants(path);
}

static int
osrelease_parse(struct pkg_list *out, const struct pkg_file *f, struct err *e)
{
	struct distro d;
	int rank, rc;

	rc = os_release_parse(f->path, f->data, f->len, &out->arena, &d, &rank,
			      e);
	if (rc <= 0)
		return rc;
	if (!d.version) {
		/* The ESM flag decorates whatever found the release. */
		out->os.extended = d.extended;
		return 0;
	}
	if (out->has_os && out->os_rank > rank) {
		/* A less precise file may still know the codename. */
		if (!out->os.codename && d.codename &&
		    !strcmp(d.family, out->os.family))
			out->os.codename = d.codename;
		return 0;
	}
	d.extended = out->os.extended;
	out->os = d;
	out->has_os = true;
	out->os_rank = rank;
	return 0;
}

const struct cataloger cataloger_osrelease = {
	.name = "os-release",
	.wants = osrelease_wants,
	.parse = osrelease_parse,
	.max_size = OSRELEASE_MAX_SIZE,
	.phase = CATALOGER_PHASE_MAIN,
};
