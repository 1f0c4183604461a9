/*
 * Credential-looking names and values; see secretish.h.
 */
#include "rules/secretish.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

/* Longest variable name judged; longer ones are not names people type. */
#define NAME_MAX_LEN 128

/* Distinctive enough to match anywhere in the name. */
static const char *const name_words[] = {
	"PASSWORD",    "PASSWD",       "SECRET",      "CREDENTIAL",
	"APIKEY",      "API_KEY",      "PRIVATE_KEY", "PRIVATEKEY",
	"ACCESS_KEY",  "ACCESSKEY",    "AUTH_TOKEN",  "AUTHTOKEN",
	"ACCESSTOKEN", "APITOKEN",     "SIGNING_KEY", "ENCRYPTION_KEY",
	"MASTER_KEY",  "CLIENTSECRET", NULL,
};

/* Matched only as a whole '_'-separated part: TOKEN but not TOKENIZER. */
static const char *const name_parts[] = {
	"TOKEN", "PASS", "PWD", "PAT", "APIKEYS", "TOKENS", NULL,
};

/* A last part that makes the name a pointer or a description. */
static const char *const name_exempt_last[] = {
	"FILE",	     "PATH",	"DIR",	    "NAME",	"USER",	    "USERNAME",
	"LENGTH",    "LEN",	"SIZE",	    "TTL",	"EXPIRY",   "EXPIRES",
	"TIMEOUT",   "URL",	"URI",	    "ENDPOINT", "HOST",	    "PORT",
	"HEADER",    "TYPE",	"MODE",	    "ENABLED",	"REQUIRED", "POLICY",
	"FORMAT",    "METHOD",	"LOCATION", "COMMAND",	"CMD",	    "REF",
	"ALGORITHM", "VERSION", NULL,
};

static bool
in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(s, *list, n))
			return true;
	return false;
}

bool
secretish_name(const char *name)
{
	char up[NAME_MAX_LEN + 1];
	size_t n = strlen(name), last = 0;
	bool hit = false;

	if (!n || n > NAME_MAX_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		up[i] = name[i] == '-' || name[i] == '.'
			    ? '_'
			    : (char)toupper((unsigned char)name[i]);
	up[n] = '\0';
	if (strstr(up, "PUBLIC") || !strcmp(up, "PWD"))
		return false;
	for (size_t i = 0; i <= n; i++)
		if (i == n || up[i] == '_')
			last = i == n ? last : i + 1;
	if (in_list(up + last, n - last, name_exempt_last))
		return false;
	for (const char *const *w = name_words; *w; w++)
		if (strstr(up, *w))
			hit = true;
	for (size_t i = 0, start = 0; !hit && i <= n; i++)
		if (i == n || up[i] == '_') {
			hit = in_list(up + start, i - start, name_parts);
			start = i + 1;
		}
	return hit;
}

static const char *const switch_values[] = {
	"true", "false", "yes",	  "no",	      "on",	 "off",	     "0",  "1",
	"none", "null",	 "trust", "disabled", "enabled", "required", NULL,
};

bool
secretish_value_literal(const char *value)
{
	if (!value)
		return false;
	while (*value == ' ' || *value == '\t')
		value++;
	if (!*value || strchr(value, '$') || *value == '/')
		return false;
	for (const char *const *s = switch_values; *s; s++)
		if (!strcasecmp(value, *s))
			return false;
	return true;
}

static size_t
span_of(const char *s, const char *set_extra)
{
	size_t n = 0;

	while (s[n] && (isalnum((unsigned char)s[n]) ||
			(set_extra && strchr(set_extra, s[n]))))
		n++;
	return n;
}

struct format {
	const char *prefix;
	const char *name;
	size_t min_body; /* characters after the prefix */
	const char *extra;
	bool upper_only;
};

static const struct format formats[] = {
	{ "AKIA", "AWS access key id", 16, NULL, true },
	{ "ASIA", "AWS temporary access key id", 16, NULL, true },
	{ "ghp_", "GitHub personal access token", 36, NULL, false },
	{ "gho_", "GitHub OAuth token", 36, NULL, false },
	{ "ghu_", "GitHub user token", 36, NULL, false },
	{ "ghs_", "GitHub app token", 36, NULL, false },
	{ "ghr_", "GitHub refresh token", 36, NULL, false },
	{ "github_pat_", "GitHub fine-grained token", 40, "_", false },
	{ "glpat-", "GitLab personal access token", 20, "_-", false },
	{ "xoxb-", "Slack bot token", 10, "-", false },
	{ "xoxp-", "Slack user token", 10, "-", false },
	{ "xoxa-", "Slack app token", 10, "-", false },
	{ "xoxr-", "Slack refresh token", 10, "-", false },
	{ "sk_live_", "Stripe secret key", 16, NULL, false },
	{ "rk_live_", "Stripe restricted key", 16, NULL, false },
	{ "npm_", "npm access token", 36, NULL, false },
	{ "AIza", "Google API key", 35, "_-", false },
};

static bool
boundary_before(const char *text, const char *p)
{
	return p == text || !isalnum((unsigned char)p[-1]);
}

static bool
body_ok(const char *b, size_t n, const struct format *f)
{
	if (n < f->min_body)
		return false;
	if (f->upper_only)
		for (size_t i = 0; i < f->min_body; i++)
			if (islower((unsigned char)b[i]))
				return false;
	return true;
}

const char *
secretish_find_format(const char *text, size_t *at, size_t *len)
{
	const char *pem = strstr(text, "-----BEGIN ");

	if (pem) {
		const char *eol = strstr(pem, "PRIVATE KEY-----");

		if (eol && eol - pem < 64) {
			*at = (size_t)(pem - text);
			*len = (size_t)(eol - pem) + 16;
			return "PEM private key";
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		const struct format *f = &formats[i];
		size_t plen = strlen(f->prefix);

		for (const char *p = strstr(text, f->prefix); p;
		     p = strstr(p + 1, f->prefix)) {
			size_t n = span_of(p + plen, f->extra);

			if (!boundary_before(text, p) ||
			    !body_ok(p + plen, n, f))
				continue;
			*at = (size_t)(p - text);
			*len = plen + n;
			return f->name;
		}
	}
	return NULL;
}

bool
secretish_find_url_password(const char *text, size_t *at, size_t *len)
{
	for (const char *p = strstr(text, "://"); p; p = strstr(p + 3, "://")) {
		const char *u = p + 3;
		size_t hostpart = strcspn(u, "/?# \t\"'");
		const char *atsign = memchr(u, '@', hostpart);
		const char *colon;

		if (!atsign)
			continue;
		colon = memchr(u, ':', (size_t)(atsign - u));
		if (!colon || colon + 1 == atsign || colon[1] == '$')
			continue;
		*at = (size_t)(colon + 1 - text);
		*len = (size_t)(atsign - colon - 1);
		return true;
	}
	return false;
}
