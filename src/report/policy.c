#include "report/policy.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "parse/yaml.h"
#include "rules/rule.h"

void
policy_init(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	p->show_mask = (1u << SEV_COUNT) - 1;
	p->fail_on = SEV_MEDIUM;
	p->image_max_age_days = 90;
	p->db_max_age_days = 7;
	p->now = time(NULL);
}

void
policy_release(struct policy *p)
{
	for (size_t i = 0; i < p->n_overrides; i++)
		free(p->overrides[i].id);
	free(p->overrides);
	for (size_t i = 0; i < p->n_ignores; i++) {
		free(p->ignores[i].id);
		free(p->ignores[i].path);
		free(p->ignores[i].reason);
		free(p->ignores[i].expires);
		free(p->ignores[i].source);
	}
	free(p->ignores);
	strvec_release(&p->only);
	strvec_release(&p->skip);
	strvec_release(&p->trusted_registries);
	strvec_release(&p->secret_allow_paths);
	strvec_release(&p->secret_allow_patterns);
	strvec_release(&p->db_sources);
	free(p->db_path);
	free(p->config_path);
	memset(p, 0, sizeof(*p));
}

char *
policy_find_config(const char *start)
{
	char *dir = path_is_dir(start) ? xstrdup(start) : path_dirname(start);
	char *abs = realpath(dir, NULL);

	free(dir);
	if (!abs)
		return NULL;
	for (;;) {
		char *cand = path_join(abs, POLICY_CONFIG_NAME);
		char *slash;

		if (path_is_file(cand)) {
			free(abs);
			return cand;
		}
		free(cand);
		slash = strrchr(abs, '/');
		if (!slash || slash == abs) {
			if (strcmp(abs, "/")) {
				cand = xstrdup("/" POLICY_CONFIG_NAME);
				if (path_is_file(cand)) {
					free(abs);
					return cand;
				}
				free(cand);
			}
			free(abs);
			return NULL;
		}
		*slash = '\0';
	}
}

int
policy_parse_severities(const char *list, unsigned *mask, struct err *e)
{
	const char *p = list;
	unsigned m = 0;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *word = str_trim_dup(p, n);
		enum severity s;

		if (*word && severity_parse(word, &s)) {
			err_set(e, ERR_USAGE, "unknown severity '%s'", word);
			free(word);
			return -1;
		}
		if (*word)
			m |= 1u << s;
		free(word);
		p += n;
		if (*p == ',')
			p++;
	}
	*mask = m;
	return 0;
}

static struct policy_override *
override_for(struct policy *p, const char *id)
{
	struct policy_override *o;

	for (size_t i = 0; i < p->n_overrides; i++)
		if (!strcasecmp(p->overrides[i].id, id))
			return &p->overrides[i];
	ALLOC_GROW(p->overrides, p->n_overrides + 1, p->cap_overrides);
	o = &p->overrides[p->n_overrides++];
	memset(o, 0, sizeof(*o));
	o->id = xstrdup(id);
	return o;
}

static int
cfg_fail(struct err *e, const char *path, const struct yaml_node *n,
	 const char *what)
{
	return err_set(e, ERR_USAGE, "%s:%u:%u: %s", path, n ? n->line : 0,
		       n ? n->column : 0, what);
}

static int
cfg_strlist(const struct yaml_node *n, struct strvec *out, const char *path,
	    struct err *e)
{
	if (!n)
		return 0;
	if (n->kind == YAML_SCALAR) {
		if (yaml_str(n))
			strvec_push(out, n->str);
		return 0;
	}
	if (n->kind != YAML_SEQ)
		return cfg_fail(e, path, n, "expected a list of strings");
	for (size_t i = 0; i < n->n; i++) {
		if (!yaml_str(n->items[i]))
			return cfg_fail(e, path, n->items[i],
					"expected a string");
		strvec_push(out, n->items[i]->str);
	}
	return 0;
}

static int
cfg_rules(struct policy *p, const struct yaml_node *n, const char *path,
	  struct err *e)
{
	if (!n)
		return 0;
	if (n->kind != YAML_MAP)
		return cfg_fail(e, path, n,
				"'rules' must map rule ids to "
				"on, off or a severity");
	for (size_t i = 0; i < n->n; i++) {
		const struct yaml_pair *pr = &n->pairs[i];
		const char *id = yaml_str(pr->key);
		struct policy_override *o;
		enum severity s;
		int b;

		if (!id || pr->value->kind != YAML_SCALAR)
			return cfg_fail(e, path, pr->key, "bad rule entry");
		if (!rules_find(id))
			log_warn("%s:%u: unknown rule '%s'", path,
				 pr->key->line, id);
		o = override_for(p, id);
		b = yaml_bool(pr->value);
		if (b == 0) {
			o->disable = true;
		} else if (b == 1) {
			o->enable = true;
		} else if (!severity_parse(pr->value->str, &s)) {
			o->has_severity = true;
			o->severity = s;
		} else {
			return cfg_fail(e, path, pr->value,
					"expected on, off or a severity");
		}
	}
	return 0;
}

static bool
valid_date(const char *s)
{
	struct tm tm = { 0 }, check;
	const char *end = strptime(s, "%Y-%m-%d", &tm);
	time_t t;

	if (!end || *end)
		return false;
	/* strptime takes 2025-02-30; a round trip through timegm does not. */
	check = tm;
	t = timegm(&check);
	gmtime_r(&t, &check);
	return check.tm_year == tm.tm_year && check.tm_mon == tm.tm_mon &&
	       check.tm_mday == tm.tm_mday;
}

static void
add_ignore(struct policy *p, const char *id, const char *reason,
	   const char *expires, const char *glob, const char *source)
{
	struct policy_ignore *ig;

	ALLOC_GROW(p->ignores, p->n_ignores + 1, p->cap_ignores);
	ig = &p->ignores[p->n_ignores++];
	ig->id = xstrdup(id);
	ig->reason = xstrdup(reason);
	ig->expires = expires ? xstrdup(expires) : NULL;
	ig->path = glob ? xstrdup(glob) : NULL;
	ig->source = xstrdup(source);
}

static int
cfg_ignores(struct policy *p, const struct yaml_node *n, const char *path,
	    struct err *e)
{
	if (!n)
		return 0;
	if (n->kind != YAML_SEQ)
		return cfg_fail(e, path, n, "'ignore' must be a list");
	for (size_t i = 0; i < n->n; i++) {
		const struct yaml_node *it = n->items[i];
		const char *id = yaml_str(yaml_get(it, "id"));
		const char *reason = yaml_str(yaml_get(it, "reason"));
		const char *expires = yaml_str(yaml_get(it, "expires"));
		char src[512];

		if (!id)
			return cfg_fail(e, path, it, "ignore entry without id");
		if (!reason || !*reason)
			return cfg_fail(e, path, it,
					"ignore entry without a reason");
		if (expires && !valid_date(expires))
			return cfg_fail(e, path, yaml_get(it, "expires"),
					"expires must be YYYY-MM-DD");
		snprintf(src, sizeof(src), "%s:%u", path, it->line);
		add_ignore(p, id, reason, expires,
			   yaml_str(yaml_get(it, "path")), src);
	}
	return 0;
}

static int
cfg_long(const struct yaml_node *n, long *out, const char *path, struct err *e)
{
	long long v;

	if (!n)
		return 0;
	if (!yaml_str(n) || str_to_ll(n->str, 0, 100000, &v))
		return cfg_fail(e, path, n, "expected a whole number");
	*out = (long)v;
	return 0;
}

/* Warn about keys hull does not know: a typo ("ignores:") must not turn
 * a setting off without a word. */
static void
cfg_warn_unknown(const struct yaml_node *m, const char *const *known,
		 const char *path, const char *where)
{
	if (!m || m->kind != YAML_MAP)
		return;
	for (size_t i = 0; i < m->n; i++) {
		const char *k = yaml_str(m->pairs[i].key);
		const char *const *w;

		for (w = known; k && *w; w++)
			if (!strcmp(k, *w))
				break;
		if (k && !*w)
			log_warn("%s:%u: unknown key '%s%s' is ignored", path,
				 m->pairs[i].key->line, where, k);
	}
}

static void
cfg_check_keys(const struct yaml_node *root, const char *path)
{
	static const char *const top[] = {
		"severity", "fail-on", "ignore-unfixed",
		"rules",    "ignore",  "trusted-registries",
		"secrets",  "image",   "db",
		NULL,
	};
	static const char *const secrets[] = { "allow-paths", "allow-patterns",
					       NULL };
	static const char *const image[] = { "max-age-days", NULL };
	static const char *const db[] = { "path", "max-age-days", "sources",
					  NULL };
	static const char *const ignore[] = { "id", "reason", "expires", "path",
					      NULL };
	const struct yaml_node *ig = yaml_get(root, "ignore");

	cfg_warn_unknown(root, top, path, "");
	cfg_warn_unknown(yaml_get(root, "secrets"), secrets, path, "secrets.");
	cfg_warn_unknown(yaml_get(root, "image"), image, path, "image.");
	cfg_warn_unknown(yaml_get(root, "db"), db, path, "db.");
	for (size_t i = 0; ig && ig->kind == YAML_SEQ && i < ig->n; i++)
		cfg_warn_unknown(ig->items[i], ignore, path, "ignore[].");
}

static int
cfg_apply(struct policy *p, const struct yaml_node *root, const char *path,
	  struct err *e)
{
	const struct yaml_node *n, *sec, *img, *db;

	if (!root)
		return 0;
	if (root->kind != YAML_MAP)
		return cfg_fail(e, path, root, "expected a mapping");
	cfg_check_keys(root, path);
	if ((n = yaml_get(root, "severity"))) {
		struct strvec sv = STRVEC_INIT;
		struct buf joined = BUF_INIT;
		int rc;

		if (cfg_strlist(n, &sv, path, e))
			return -1;
		for (size_t i = 0; i < sv.n; i++)
			buf_addf(&joined, "%s%s", i ? "," : "", sv.v[i]);
		rc = policy_parse_severities(joined.data, &p->show_mask, e);
		strvec_release(&sv);
		buf_release(&joined);
		if (rc)
			return err_prefix(e, "%s", path);
	}
	if ((n = yaml_get(root, "fail-on")) && yaml_str(n)) {
		if (!strcasecmp(n->str, "never"))
			p->fail_never = true;
		else if (severity_parse(n->str, &p->fail_on))
			return cfg_fail(e, path, n, "unknown severity");
	}
	if (yaml_bool(yaml_get(root, "ignore-unfixed")) == 1)
		p->ignore_unfixed = true;
	if (cfg_rules(p, yaml_get(root, "rules"), path, e) ||
	    cfg_ignores(p, yaml_get(root, "ignore"), path, e) ||
	    cfg_strlist(yaml_get(root, "trusted-registries"),
			&p->trusted_registries, path, e))
		return -1;
	sec = yaml_get(root, "secrets");
	if (cfg_strlist(yaml_get(sec, "allow-paths"), &p->secret_allow_paths,
			path, e) ||
	    cfg_strlist(yaml_get(sec, "allow-patterns"),
			&p->secret_allow_patterns, path, e))
		return -1;
	img = yaml_get(root, "image");
	db = yaml_get(root, "db");
	if (cfg_long(yaml_get(img, "max-age-days"), &p->image_max_age_days,
		     path, e) ||
	    cfg_long(yaml_get(db, "max-age-days"), &p->db_max_age_days, path,
		     e) ||
	    cfg_strlist(yaml_get(db, "sources"), &p->db_sources, path, e))
		return -1;
	if (yaml_str(yaml_get(db, "path"))) {
		free(p->db_path);
		p->db_path = xstrdup(yaml_get(db, "path")->str);
	}
	return 0;
}

int
policy_load_config_text(struct policy *p, const char *path, const char *data,
			size_t len, struct err *e)
{
	struct yaml_doc doc;
	int rc;

	if (yaml_parse(&doc, data, len, path, e)) {
		if (e)
			e->kind = ERR_USAGE;
		return -1;
	}
	rc = cfg_apply(p, doc.root, path, e);
	yaml_doc_release(&doc);
	if (!rc) {
		free(p->config_path);
		p->config_path = xstrdup(path);
	}
	return rc;
}

int
policy_load_config(struct policy *p, const char *path, struct err *e)
{
	struct buf data = BUF_INIT;
	int rc;

	if (file_read(path, POLICY_MAX_FILE, &data, e)) {
		if (e)
			e->kind = ERR_USAGE;
		return -1;
	}
	rc = policy_load_config_text(p, path, data.data, data.len, e);
	buf_release(&data);
	return rc;
}

/* One line of a plain ignore file: "ID reason words". */
static int
ignore_line(struct policy *p, const char *line, const char *path,
	    unsigned lineno, struct err *e)
{
	size_t idlen = strcspn(line, " \t");
	char *id = xstrndup(line, idlen);
	char *reason = str_trim_dup(line + idlen, strlen(line + idlen));
	char src[512];

	if (reason[0] == '#')
		memmove(reason, reason + 1, strlen(reason));
	if (!*reason) {
		err_set(e, ERR_USAGE, "%s:%u: ignore of '%s' gives no reason",
			path, lineno, id);
		free(id);
		free(reason);
		return -1;
	}
	snprintf(src, sizeof(src), "%s:%u", path, lineno);
	add_ignore(p, id, reason, NULL, NULL, src);
	free(id);
	free(reason);
	return 0;
}

int
policy_load_ignore_file(struct policy *p, const char *path, struct err *e)
{
	struct buf data = BUF_INIT;
	char *line, *next;
	unsigned lineno = 0;
	int rc = 0;

	if (file_read(path, POLICY_MAX_FILE, &data, e))
		return -1;
	if (strstr(data.data, "ignore:")) {
		struct yaml_doc doc;

		rc = yaml_parse(&doc, data.data, data.len, path, e);
		if (!rc)
			rc = cfg_ignores(p, yaml_get(doc.root, "ignore"), path,
					 e);
		yaml_doc_release(&doc);
		buf_release(&data);
		return rc;
	}
	for (line = data.data; line && !rc; line = next) {
		char *t;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		t = str_trim_dup(line, strlen(line));
		if (*t && *t != '#')
			rc = ignore_line(p, t, path, lineno, e);
		free(t);
	}
	buf_release(&data);
	return rc;
}

static bool
finding_is(const struct finding *f, const char *id)
{
	if (f->rule)
		return rule_matches(f->rule, id);
	if (!strcasecmp(f->id, id))
		return true;
	return strvec_icontains(&f->aliases, id);
}

static bool
glob_hits(const char *glob, const struct finding *f)
{
	const char *subjects[] = { f->loc.file, f->loc.path, f->loc.target };

	for (size_t i = 0; i < ARRAY_SIZE(subjects); i++) {
		const char *s = subjects[i];

		if (!s)
			continue;
		if (!fnmatch(glob, s, 0))
			return true;
		/* "./Dockerfile" should match "Dockerfile". */
		if (str_starts_with(s, "./") && !fnmatch(glob, s + 2, 0))
			return true;
	}
	return false;
}

static bool
ignore_expired(const struct policy_ignore *ig, time_t now)
{
	struct tm tm = { 0 };
	char today[16];

	if (!ig->expires)
		return false;
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	/* Dates in one format compare as strings; the expiry day still
	 * counts. */
	return strcmp(today, ig->expires) > 0;
}

static void
suppress(struct finding *f, const char *why)
{
	if (f->suppressed)
		return;
	f->suppressed = true;
	f->suppressed_by = xstrdup(why);
}

static void
apply_overrides(const struct policy *p, struct finding *f)
{
	for (size_t i = 0; i < p->n_overrides; i++) {
		const struct policy_override *o = &p->overrides[i];

		if (!finding_is(f, o->id))
			continue;
		if (o->disable)
			suppress(f, "disabled in the config");
		if (o->has_severity)
			f->severity = o->severity;
	}
}

static void
apply_ignores(const struct policy *p, struct finding *f, bool *warned)
{
	for (size_t i = 0; i < p->n_ignores; i++) {
		const struct policy_ignore *ig = &p->ignores[i];
		char *why;

		if (!finding_is(f, ig->id))
			continue;
		if (ig->path && !glob_hits(ig->path, f))
			continue;
		if (ignore_expired(ig, p->now)) {
			if (!warned[i])
				log_warn("%s: ignore of '%s' expired on %s and "
					 "no longer applies",
					 ig->source, ig->id, ig->expires);
			warned[i] = true;
			continue;
		}
		why = xasprintf("ignored (%s): %s", ig->source, ig->reason);
		suppress(f, why);
		free(why);
	}
}

bool
policy_rule_enabled(const struct policy *p, const char *id)
{
	bool on = true;

	const struct rule *r = rules_find(id);

	/* An override by alias applies to every rule carrying the alias
	 * (DS-0002 is DF001 and DF002), not to the first one found. */
	for (size_t i = 0; i < p->n_overrides; i++) {
		const struct policy_override *o = &p->overrides[i];

		if (r ? rule_matches(r, o->id) : !strcasecmp(o->id, id))
			on = !o->disable;
	}
	return on;
}

static bool
in_list(const struct finding *f, const struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		if (finding_is(f, sv->v[i]))
			return true;
	return false;
}

void
policy_apply(const struct policy *p, struct findings *fs)
{
	bool *warned = xcalloc(p->n_ignores + 1, sizeof(*warned));

	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];

		if (p->only.n && !in_list(f, &p->only))
			suppress(f, "not selected by --rule");
		if (in_list(f, &p->skip))
			suppress(f, "skipped by --skip");
		apply_overrides(p, f);
		apply_ignores(p, f, warned);
		if (p->ignore_unfixed && f->vuln && !f->vuln->fixed_version)
			suppress(f, "unfixed, and --ignore-unfixed is set");
		if (!(p->show_mask & (1u << f->severity)) && !f->suppressed) {
			suppress(f, "not among the shown severities");
			f->filtered = true;
		}
	}
	free(warned);
}

bool
policy_fails(const struct policy *p, const struct findings *fs)
{
	if (p->fail_never)
		return false;
	for (size_t i = 0; i < fs->n; i++)
		if (!fs->v[i].suppressed && fs->v[i].severity >= p->fail_on)
			return true;
	return false;
}
