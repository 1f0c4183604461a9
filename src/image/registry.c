/*
 * registry:HOST/NAME[:TAG|@DIGEST], the Registry HTTP API v2 with libcurl.
 *
 * The manifest is asked for with every manifest and index media type in
 * Accept; an index picks the platform.  Authentication: an anonymous (or
 * Basic-authenticated) bearer token fetched from the realm that
 * WWW-Authenticate names, or Basic credentials from ~/.docker/config.json
 * `auths` (the base64 `auth` field; credential helpers are not run).
 * Blobs are downloaded into anonymous temp files and their sha256 checked
 * before anything reads them.  https always, plain http only with
 * --insecure-registry; a redirect is followed to https anywhere or to the
 * same host, the credentials only to the same host.
 *
 * There is no default registry: a reference must name its host, so hull
 * never talks to a registry the user did not name.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/file.h"
#include "core/xalloc.h"
#include "image/limits.h"
#include "image/source.h"

#define MANIFEST_ACCEPT                                                        \
	"application/vnd.oci.image.index.v1+json, "                            \
	"application/vnd.oci.image.manifest.v1+json, "                         \
	"application/vnd.docker.distribution.manifest.list.v2+json, "          \
	"application/vnd.docker.distribution.manifest.v2+json"
/* Seconds to connect; a transfer slower than 1 KiB/s for this long is
 * abandoned. */
#define REGISTRY_CONNECT_TIMEOUT 15
#define REGISTRY_LOW_SPEED_TIME 60

struct registry {
	char *host; /* "127.0.0.1:5000" */
	char *name; /* "library/app" */
	char *ref;  /* tag or digest */
	bool insecure;
	char *basic; /* "user:pass" from config.json, or NULL */
	char *token; /* bearer token once fetched */
	CURL *curl;
	struct blob_store store;
	struct image *img;
};

/* Response of one request. */
struct resp {
	long status;
	struct buf body; /* when fd < 0 */
	int fd;		 /* download target, or -1 */
	uint64_t bytes;
	uint64_t max;
	struct sha256 *hash;
	char *www_auth;
	char *location;
	char *content_type;
	bool too_big;
};

static size_t
on_body(char *data, size_t size, size_t nmemb, void *user)
{
	struct resp *r = user;
	size_t n = size * nmemb;

	r->bytes += n;
	if (r->bytes > r->max) {
		r->too_big = true;
		return 0;
	}
	if (r->status >= 300 || r->status < 200) {
		/* Error bodies are kept small, for the message. */
		if (r->body.len < 4096)
			buf_add(&r->body, data, n);
		return n;
	}
	if (r->hash)
		sha256_update(r->hash, data, n);
	if (r->fd >= 0) {
		const char *p = data;
		size_t left = n;

		while (left) {
			ssize_t w = write(r->fd, p, left);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return 0;
			p += w;
			left -= (size_t)w;
		}
		return n;
	}
	buf_add(&r->body, data, n);
	return n;
}

static char *
header_value(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);

	if (n <= k + 1 || strncasecmp(line, name, k) || line[k] != ':')
		return NULL;
	line += k + 1, n -= k + 1;
	while (n && (*line == ' ' || *line == '\t'))
		line++, n--;
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n'))
		n--;
	return xstrndup(line, n);
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *user)
{
	struct resp *r = user;
	size_t n = size * nmemb;
	char *v;

	if (n >= 5 && !strncmp(data, "HTTP/", 5)) {
		/* A new response (after 100-continue): forget the last. */
		long st = 0;
		const char *sp = memchr(data, ' ', n);

		if (sp)
			st = strtol(sp + 1, NULL, 10);
		r->status = st;
		return n;
	}
	if ((v = header_value(data, n, "WWW-Authenticate")))
		free(r->www_auth), r->www_auth = v;
	else if ((v = header_value(data, n, "Location")))
		free(r->location), r->location = v;
	else if ((v = header_value(data, n, "Content-Type")))
		free(r->content_type), r->content_type = v;
	return n;
}

static void
resp_init(struct resp *r, int fd, uint64_t max)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body);
	r->fd = fd;
	r->max = max;
}

static void
resp_release(struct resp *r)
{
	buf_release(&r->body);
	free(r->www_auth);
	free(r->location);
	free(r->content_type);
	r->www_auth = r->location = r->content_type = NULL;
}

static char *
base_url(const struct registry *rg)
{
	return xasprintf("%s://%s", rg->insecure ? "http" : "https", rg->host);
}

/* The host[:port] of an absolute URL, or NULL. */
static char *
url_host(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (!p)
		return NULL;
	p += 3;
	n = strcspn(p, "/?#");
	return xstrndup(p, n);
}

/* Which wait ran out: the connection, the answer, or the transfer. */
static void
registry_timeout(struct registry *rg, const struct resp *r, struct err *e)
{
	curl_off_t connected = 0;

	curl_easy_getinfo(rg->curl, CURLINFO_CONNECT_TIME_T, &connected);
	if (!connected)
		err_set(e, ERR_NETWORK,
			"registry '%s' did not accept a connection within "
			"%d s",
			rg->host, REGISTRY_CONNECT_TIMEOUT);
	else if (!r->status)
		err_set(e, ERR_NETWORK,
			"registry '%s' did not answer within %d s", rg->host,
			REGISTRY_LOW_SPEED_TIME);
	else
		err_set(e, ERR_NETWORK,
			"registry '%s' sent less than 1 KiB/s for %d s; gave "
			"up",
			rg->host, REGISTRY_LOW_SPEED_TIME);
}

/*
 * One GET, following redirects by hand: https anywhere, http only to the
 * registry's own host; credentials only to the registry's own host.
 */
static int
http_get(struct registry *rg, const char *url0, const char *accept,
	 struct resp *r, bool use_auth, const char *basic_first, struct err *e)
{
	char *url = xstrdup(url0);
	int rc = -1;

	for (int hop = 0; hop <= REGISTRY_MAX_REDIRECTS; hop++) {
		struct curl_slist *hdrs = NULL;
		char *host = url_host(url);
		bool same = host && !strcmp(host, rg->host);
		char *auth = NULL;
		CURLcode cc;

		free(host);
		if (accept) {
			char *h = xasprintf("Accept: %s", accept);

			hdrs = curl_slist_append(hdrs, h);
			free(h);
		}
		if (use_auth && same && rg->token) {
			auth = xasprintf("Authorization: Bearer %s", rg->token);
			hdrs = curl_slist_append(hdrs, auth);
		}
		curl_easy_reset(rg->curl);
		curl_easy_setopt(rg->curl, CURLOPT_URL, url);
		curl_easy_setopt(rg->curl, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(rg->curl, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(rg->curl, CURLOPT_HTTPHEADER, hdrs);
		curl_easy_setopt(rg->curl, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(rg->curl, CURLOPT_WRITEDATA, r);
		curl_easy_setopt(rg->curl, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(rg->curl, CURLOPT_HEADERDATA, r);
		curl_easy_setopt(rg->curl, CURLOPT_CONNECTTIMEOUT,
				 (long)REGISTRY_CONNECT_TIMEOUT);
		curl_easy_setopt(rg->curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
		curl_easy_setopt(rg->curl, CURLOPT_LOW_SPEED_TIME,
				 (long)REGISTRY_LOW_SPEED_TIME);
		curl_easy_setopt(rg->curl, CURLOPT_NOSIGNAL, 1L);
		if ((use_auth && same && !rg->token && rg->basic) ||
		    (basic_first && hop == 0)) {
			curl_easy_setopt(rg->curl, CURLOPT_HTTPAUTH,
					 (long)CURLAUTH_BASIC);
			curl_easy_setopt(rg->curl, CURLOPT_USERPWD,
					 basic_first && hop == 0 ? basic_first
								 : rg->basic);
		}
		cc = curl_easy_perform(rg->curl);
		curl_slist_free_all(hdrs);
		free(auth);
		if (r->too_big) {
			err_set(e, ERR_INPUT,
				"answer from '%s' is over %llu "
				"bytes",
				rg->host, (unsigned long long)r->max);
			goto out;
		}
		if (cc == CURLE_OPERATION_TIMEDOUT) {
			registry_timeout(rg, r, e);
			goto out;
		}
		if (cc != CURLE_OK) {
			bool tls = cc == CURLE_SSL_CONNECT_ERROR;

			err_set(e, ERR_NETWORK,
				"cannot reach registry '%s': %s%s", rg->host,
				curl_easy_strerror(cc),
				tls && !rg->insecure
				    ? " (a plain-http registry? use "
				      "--insecure-registry)"
				    : "");
			goto out;
		}
		curl_easy_getinfo(rg->curl, CURLINFO_RESPONSE_CODE, &r->status);
		if (r->status < 300 || r->status >= 400 || !r->location) {
			rc = 0;
			goto out;
		}
		/* A redirect. */
		{
			char *next = NULL;
			char *nhost;

			curl_easy_getinfo(rg->curl, CURLINFO_REDIRECT_URL,
					  &next);
			if (!next) {
				err_set(e, ERR_INPUT, "bad redirect from '%s'",
					rg->host);
				goto out;
			}
			nhost = url_host(next);
			if (strncmp(next, "https://", 8) &&
			    (!nhost || strcmp(nhost, rg->host))) {
				err_set(e, ERR_INPUT,
					"registry '%s' redirects to '%s' over "
					"plain http; not followed",
					rg->host, nhost ? nhost : next);
				free(nhost);
				goto out;
			}
			free(nhost);
			free(url);
			url = xstrdup(next);
			free(r->location);
			r->location = NULL;
			buf_reset(&r->body);
			r->bytes = 0;
			if (r->hash) {
				char junk[72];

				sha256_final_hex(r->hash, junk);
			}
			if (r->fd >= 0 && (ftruncate(r->fd, 0) < 0 ||
					   lseek(r->fd, 0, SEEK_SET) < 0)) {
				err_errno(e, ERR_INTERNAL, errno,
					  "cannot reset a temporary file");
				goto out;
			}
		}
	}
	err_set(e, ERR_INPUT, "too many redirects from '%s'", rg->host);
out:
	free(url);
	return rc;
}

/* Parse one k="v" parameter out of a WWW-Authenticate challenge. */
static char *
challenge_param(const char *h, const char *key)
{
	size_t k = strlen(key);
	const char *p = h;

	while ((p = strstr(p, key))) {
		if ((p == h || p[-1] == ' ' || p[-1] == ',') && p[k] == '=') {
			p += k + 1;
			if (*p == '"') {
				const char *end = strchr(p + 1, '"');

				return end ? xstrndup(p + 1,
						      (size_t)(end - p - 1))
					   : NULL;
			}
			return xstrndup(p, strcspn(p, ","));
		}
		p += k;
	}
	return NULL;
}

static void
query_add(struct buf *url, const char *key, const char *value)
{
	char *esc;

	if (!value)
		return;
	esc = curl_easy_escape(NULL, value, 0);
	buf_addf(url, "%c%s=%s", strchr(url->data, '?') ? '&' : '?', key,
		 esc ? esc : "");
	curl_free(esc);
}

static int
token_fetch(struct registry *rg, const char *challenge, struct err *e)
{
	char *realm = challenge_param(challenge, "realm");
	char *service = challenge_param(challenge, "service");
	char *scope = challenge_param(challenge, "scope");
	struct buf url = BUF_INIT;
	struct resp r;
	json_t *j = NULL;
	const char *tok;
	int rc = -1;

	resp_init(&r, -1, REGISTRY_MAX_TOKEN);
	if (!realm ||
	    (strncmp(realm, "https://", 8) && strncmp(realm, "http://", 7))) {
		err_set(e, ERR_INPUT,
			"registry '%s' asks for a token without "
			"a usable realm",
			rg->host);
		goto out;
	}
	if (!strncmp(realm, "http://", 7) && !rg->insecure) {
		err_set(e, ERR_INPUT,
			"registry '%s' wants a token over plain "
			"http; use --insecure-registry",
			rg->host);
		goto out;
	}
	buf_addstr(&url, realm);
	query_add(&url, "service", service);
	if (!scope) {
		char *s = xasprintf("repository:%s:pull", rg->name);

		query_add(&url, "scope", s);
		free(s);
	} else {
		query_add(&url, "scope", scope);
	}
	{
		/* Credentials go to the token realm only on the registry's
		 * own host or over https. */
		char *h = url_host(realm);
		bool give =
		    rg->basic && h &&
		    (!strcmp(h, rg->host) || !strncmp(realm, "https://", 8));

		free(h);
		if (http_get(rg, url.data, NULL, &r, false,
			     give ? rg->basic : NULL, e) < 0)
			goto out;
	}
	if (r.status != 200) {
		err_set(e, ERR_INPUT,
			"registry '%s': token request failed "
			"(HTTP %ld)",
			rg->host, r.status);
		goto out;
	}
	j = layout_parse_json(r.body.data, r.body.len, "token answer", e);
	tok = json_string_value(json_object_get(j, "token"));
	if (!tok)
		tok = json_string_value(json_object_get(j, "access_token"));
	if (!tok) {
		err_set(e, ERR_INPUT,
			"registry '%s': token answer has no "
			"token",
			rg->host);
		goto out;
	}
	free(rg->token);
	rg->token = xstrdup(tok);
	rc = 0;
out:
	json_decref(j);
	resp_release(&r);
	buf_release(&url);
	free(realm);
	free(service);
	free(scope);
	return rc;
}

/* GET with the auth dance: on 401, get a token (or use Basic) and retry
 * once. */
static int
registry_get(struct registry *rg, const char *path, const char *accept,
	     struct resp *r, struct err *e)
{
	char *base = base_url(rg);
	char *url = xasprintf("%s%s", base, path);
	int rc;

	free(base);
	rc = http_get(rg, url, accept, r, true, NULL, e);
	if (!rc && r->status == 401 && r->www_auth) {
		bool bearer = !strncasecmp(r->www_auth, "Bearer", 6);
		int fd = r->fd;
		uint64_t max = r->max;
		struct sha256 *h = r->hash;

		if (bearer && token_fetch(rg, r->www_auth, e) < 0) {
			free(url);
			return -1;
		}
		if (!bearer && !rg->basic) {
			free(url);
			return err_set(e, ERR_INPUT,
				       "registry '%s' wants credentials (HTTP "
				       "401 unauthorized); none for it in the "
				       "docker config",
				       rg->host);
		}
		resp_release(r);
		resp_init(r, fd, max);
		r->hash = h;
		rc = http_get(rg, url, accept, r, true, NULL, e);
		if (!rc && r->status == 401)
			rc = err_set(e, ERR_INPUT,
				     "registry '%s' refused %s (HTTP 401 "
				     "unauthorized)",
				     rg->host,
				     bearer ? "the token from its realm"
					    : "the credentials from the docker "
					      "config");
	}
	free(url);
	return rc;
}

/* What of an error body is quoted in the message. */
#define REGISTRY_ERROR_QUOTE 200

/*
 * The registry's own words for a failed request: the first of the
 * distribution API's {"errors":[{"code","message"}]}, else the body's
 * first line.  Cut at REGISTRY_ERROR_QUOTE bytes; control characters are
 * left for the printing side to escape (cli_error).
 */
static void
status_reason(const struct resp *r, struct buf *out)
{
	json_t *j = json_loadb(r->body.data, r->body.len, 0, NULL);
	json_t *first = json_array_get(json_object_get(j, "errors"), 0);
	const char *code = json_string_value(json_object_get(first, "code"));
	const char *msg = json_string_value(json_object_get(first, "message"));
	size_t n;

	if (code || msg) {
		buf_addf(out, "%s%s%s", code ? code : "",
			 code && msg ? ": " : "", msg ? msg : "");
	} else {
		n = strcspn(r->body.data, "\r\n");
		buf_add(out, r->body.data, n);
	}
	if (out->len > REGISTRY_ERROR_QUOTE)
		buf_setlen(out, REGISTRY_ERROR_QUOTE);
	json_decref(j);
}

static int
status_error(struct registry *rg, const char *what, struct resp *r,
	     struct err *e)
{
	struct buf why = BUF_INIT;

	status_reason(r, &why);
	err_set(e, ERR_INPUT, "registry '%s': %s: HTTP %ld%s%s", rg->host, what,
		r->status, why.len ? ": " : "", why.data);
	buf_release(&why);
	return -1;
}

/* Blob store: "blobs/sha256/<hex>" downloaded and verified. */
static int
registry_blob(void *self, const char *name, struct blob *b, struct err *e)
{
	struct registry *rg = self;
	char digest[80];
	char *path;
	struct resp r;
	char got[72];
	int fd, rc;

	if (!str_starts_with(name, "blobs/sha256/") || strlen(name) != 77)
		return err_set(e, ERR_INPUT, "bad blob name '%s'", name);
	snprintf(digest, sizeof(digest), "sha256:%s", name + 13);
	fd = tmpfile_anon(e);
	if (fd < 0)
		return -1;
	resp_init(&r, fd, IMAGE_MAX_IMAGE_BYTES);
	r.hash = sha256_new();
	path = xasprintf("/v2/%s/blobs/%s", rg->name, digest);
	rc = registry_get(rg, path, NULL, &r, e);
	free(path);
	if (!rc && r.status != 200)
		rc = status_error(rg, digest, &r, e);
	if (!rc) {
		sha256_final_hex(r.hash, got);
		if (strcmp(got, digest))
			rc = err_set(e, ERR_INPUT,
				     "registry '%s': blob %s does not match "
				     "its digest (got %s)",
				     rg->host, digest, got);
	}
	sha256_free(r.hash);
	resp_release(&r);
	if (rc < 0) {
		close(fd);
		return -1;
	}
	b->fd = fd;
	b->owned = true;
	b->off = 0;
	b->size = r.bytes;
	return 0;
}

/* Parse HOST/NAME[:TAG|@DIGEST]. */
static int
ref_parse(struct registry *rg, const char *arg, struct err *e)
{
	const char *slash = strchr(arg, '/');
	const char *at, *name, *colon;
	size_t hn;

	if (!slash)
		return err_set(e, ERR_USAGE,
			       "registry:%s needs a registry host, as in "
			       "registry:HOST[:PORT]/NAME[:TAG]",
			       arg);
	hn = (size_t)(slash - arg);
	rg->host = xstrndup(arg, hn);
	if (!strchr(rg->host, '.') && !strchr(rg->host, ':') &&
	    strcmp(rg->host, "localhost"))
		return err_set(
		    e, ERR_USAGE,
		    "registry:%s: '%s' is not a registry host; "
		    "name one, as in registry:HOST[:PORT]/NAME[:TAG]",
		    arg, rg->host);
	name = slash + 1;
	at = strchr(name, '@');
	if (at) {
		rg->name = xstrndup(name, (size_t)(at - name));
		rg->ref = xstrdup(at + 1);
	} else {
		colon = strrchr(name, ':');
		rg->name = colon ? xstrndup(name, (size_t)(colon - name))
				 : xstrdup(name);
		rg->ref = xstrdup(colon ? colon + 1 : "latest");
	}
	for (const char *p = rg->name; *p; p++)
		if (!(islower((unsigned char)*p) ||
		      isdigit((unsigned char)*p) || strchr("._-/", *p)))
			return err_set(e, ERR_USAGE,
				       "registry:%s: bad repository name", arg);
	for (const char *p = rg->ref; *p; p++)
		if (!(isalnum((unsigned char)*p) || strchr("._-:", *p)))
			return err_set(e, ERR_USAGE,
				       "registry:%s: bad tag or digest", arg);
	if (!*rg->name || !*rg->ref)
		return err_set(e, ERR_USAGE, "registry:%s: empty name or tag",
			       arg);
	return 0;
}

/* Decode standard base64 into out; 0 when invalid or too long. */
static size_t
base64_decode(const char *in, char *out, size_t max)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long acc = 0;
	int bits = 0;
	size_t n = 0;

	for (; *in && *in != '='; in++) {
		const char *p = strchr(alphabet, *in);

		if (!p || !*in)
			return 0;
		acc = (acc << 6) | (unsigned long)(p - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n >= max)
				return 0;
			out[n++] = (char)((acc >> bits) & 0xff);
		}
	}
	return n;
}

/* Basic credentials for the host from ~/.docker/config.json. */
static void
creds_load(struct registry *rg, const char *config)
{
	char *path = config ? xstrdup(config) : NULL;
	struct buf text = BUF_INIT;
	struct err e = ERR_INIT;
	json_t *j = NULL, *auths;
	const char *key;
	json_t *v;

	if (!path) {
		const char *dir = getenv("DOCKER_CONFIG");
		const char *home = getenv("HOME");

		if (dir)
			path = path_join(dir, "config.json");
		else if (home)
			path = xasprintf("%s/.docker/config.json", home);
		else
			return;
	}
	if (file_read(path, IMAGE_MAX_JSON, &text, &e) < 0)
		goto out;
	j = json_loadb(text.data, text.len, 0, NULL);
	auths = json_object_get(j, "auths");
	json_object_foreach(auths, key, v)
	{
		char *h = url_host(key);
		const char *host = h ? h : key;
		const char *b64 = json_string_value(json_object_get(v, "auth"));

		if (!strcmp(host, rg->host) && b64) {
			char out[1024];
			size_t n = base64_decode(b64, out, sizeof(out));

			if (n && memchr(out, ':', n))
				rg->basic = xstrndup(out, n);
		}
		free(h);
	}
out:
	json_decref(j);
	buf_release(&text);
	free(path);
}

static int
registry_open(struct image *img, const char *arg, struct err *e)
{
	struct registry *rg = xcalloc(1, sizeof(*rg));
	struct resp r;
	char *path;
	json_t *man = NULL;
	int rc = -1;

	img->src_state = rg;
	rg->img = img;
	rg->insecure = img->opt.insecure_registry;
	rg->store.open = registry_blob;
	rg->store.self = rg;
	resp_init(&r, -1, IMAGE_MAX_JSON);
	if (ref_parse(rg, arg, e) < 0)
		goto out;
	creds_load(rg, img->opt.docker_config);
	rg->curl = curl_easy_init();
	if (!rg->curl) {
		err_set(e, ERR_INTERNAL, "cannot set up libcurl");
		goto out;
	}
	for (int depth = 0; depth < 3; depth++) {
		json_t *pick;
		const char *dig;

		path = xasprintf("/v2/%s/manifests/%s", rg->name, rg->ref);
		rc = registry_get(rg, path, MANIFEST_ACCEPT, &r, e);
		free(path);
		if (rc < 0)
			goto out;
		rc = -1;
		if (r.status != 200) {
			status_error(rg, "manifest", &r, e);
			if (r.status == 404)
				e->kind = ERR_INPUT;
			goto out;
		}
		if (str_starts_with(rg->ref, "sha256:")) {
			struct sha256 *h = sha256_new();
			char got[72];

			sha256_update(h, r.body.data, r.body.len);
			sha256_final_hex(h, got);
			sha256_free(h);
			if (strcmp(got, rg->ref)) {
				err_set(e, ERR_INPUT,
					"manifest %s does not "
					"match its digest",
					rg->ref);
				goto out;
			}
		}
		man = layout_parse_json(r.body.data, r.body.len, "manifest", e);
		if (!man)
			goto out;
		if (!json_object_get(man, "manifests"))
			break;
		pick = layout_pick_platform(
		    img, json_object_get(man, "manifests"), e);
		dig = pick ? json_string_value(json_object_get(pick, "digest"))
			   : NULL;
		if (!digest_valid(dig))
			goto out;
		free(rg->ref);
		rg->ref = xstrdup(dig);
		json_decref(man);
		man = NULL;
		resp_release(&r);
		resp_init(&r, -1, IMAGE_MAX_JSON);
	}
	if (!man || json_object_get(man, "manifests")) {
		err_set(e, ERR_INPUT, "indexes nested too deep");
		goto out;
	}
	rc = layout_manifest(img, &rg->store, man, e);
out:
	json_decref(man);
	resp_release(&r);
	return rc;
}

static int
registry_layer_open(struct image *img, size_t i, struct blob *b, struct err *e)
{
	struct registry *rg = img->src_state;

	return registry_blob(rg, img->facts.layers[i].member, b, e);
}

static void
registry_close(struct image *img)
{
	struct registry *rg = img->src_state;

	if (!rg)
		return;
	if (rg->curl)
		curl_easy_cleanup(rg->curl);
	free(rg->host);
	free(rg->name);
	free(rg->ref);
	free(rg->basic);
	free(rg->token);
	free(rg);
	img->src_state = NULL;
}

const struct image_source_ops image_source_registry = {
	.scheme = "registry",
	.open = registry_open,
	.layer_open = registry_layer_open,
	.close = registry_close,
};
