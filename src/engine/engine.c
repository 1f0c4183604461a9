#include "engine/engine.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/util.h"
#include "core/xalloc.h"

/*
 * Where the TLS client material is: DOCKER_CERT_PATH, else (as the docker
 * CLI does) the CLI's config directory, $DOCKER_CONFIG or ~/.docker,
 * when it holds a ca.pem.  NULL when there is none.
 */
static char *
engine_cert_dir(void)
{
	const char *cert = getenv("DOCKER_CERT_PATH");
	const char *conf = getenv("DOCKER_CONFIG");
	const char *home = getenv("HOME");
	char *dir, *ca;

	if (cert && *cert)
		return xstrdup(cert);
	if (conf && *conf)
		dir = xstrdup(conf);
	else if (home && *home)
		dir = path_join(home, ".docker");
	else
		return NULL;
	ca = path_join(dir, "ca.pem");
	if (access(ca, R_OK)) {
		free(dir);
		dir = NULL;
	}
	free(ca);
	return dir;
}

static int
engine_parse_host(struct engine *eng, const char *host, struct err *e)
{
	const char *cert = getenv("DOCKER_CERT_PATH");
	const char *verify = getenv("DOCKER_TLS_VERIFY");

	if (str_starts_with(host, "unix://")) {
		eng->unix_path = xstrdup(host + 7);
		eng->base_url = xstrdup("http://localhost");
		return 0;
	}
	if (str_starts_with(host, "tcp://") ||
	    str_starts_with(host, "https://") ||
	    str_starts_with(host, "http://")) {
		const char *hp = strstr(host, "://") + 3;
		bool tls = (verify && *verify && strcmp(verify, "0")) ||
			   (cert && *cert) || str_starts_with(host, "https");

		eng->tls_verify = verify && *verify && strcmp(verify, "0");
		if (tls)
			eng->cert_path = engine_cert_dir();
		eng->base_url =
		    xasprintf("%s://%s", tls ? "https" : "http", hp);
		/* Drop a trailing slash so paths join cleanly. */
		if (str_ends_with(eng->base_url, "/"))
			eng->base_url[strlen(eng->base_url) - 1] = '\0';
		return 0;
	}
	return err_set(e, ERR_USAGE,
		       "unsupported Docker host '%s' (hull speaks unix://, "
		       "tcp://, http:// and https://)",
		       host);
}

int
engine_open(struct engine *eng, const char *host, struct err *e)
{
	memset(eng, 0, sizeof(*eng));
	if (!host || !*host)
		host = getenv("DOCKER_HOST");
	if (!host || !*host)
		host = "unix:///var/run/docker.sock";
	eng->host = xstrdup(host);
	if (engine_parse_host(eng, host, e)) {
		if (host == getenv("DOCKER_HOST"))
			err_prefix(e, "DOCKER_HOST");
		engine_close(eng);
		return -1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	eng->curl = curl_easy_init();
	if (!eng->curl) {
		engine_close(eng);
		return err_set(e, ERR_INTERNAL, "cannot start libcurl");
	}
	return 0;
}

void
engine_close(struct engine *eng)
{
	if (eng->curl)
		curl_easy_cleanup(eng->curl);
	free(eng->host);
	free(eng->unix_path);
	free(eng->base_url);
	free(eng->cert_path);
	memset(eng, 0, sizeof(*eng));
}

char *
engine_escape(const char *s)
{
	struct buf b = BUF_INIT;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_addch(&b, *p);
		else
			buf_addf(&b, "%%%02X", *p);
	}
	return buf_detach(&b, NULL);
}

struct sink_state {
	int (*sink)(void *ctx, const void *data, size_t len);
	void *ctx;
	struct buf *body;    /* for JSON: collected here, capped */
	struct buf *errbody; /* non-2xx answers: collected for the message */
	long status;
	CURL *curl;
	bool failed;
};

static size_t
on_data(char *data, size_t size, size_t nmemb, void *user)
{
	struct sink_state *st = user;
	size_t len = size * nmemb;

	if (!st->status)
		curl_easy_getinfo(st->curl, CURLINFO_RESPONSE_CODE,
				  &st->status);
	if (st->status >= 300) {
		if (st->errbody->len < 65536)
			buf_add(st->errbody, data, len);
		return len;
	}
	if (st->body) {
		if (st->body->len + len > ENGINE_MAX_JSON) {
			st->failed = true;
			return 0;
		}
		buf_add(st->body, data, len);
		return len;
	}
	if (st->sink(st->ctx, data, len)) {
		st->failed = true;
		return 0;
	}
	return len;
}

static void
tls_setup(struct engine *eng, CURL *c)
{
	if (!eng->cert_path)
		return;
	char *ca = path_join(eng->cert_path, "ca.pem");
	char *cert = path_join(eng->cert_path, "cert.pem");
	char *key = path_join(eng->cert_path, "key.pem");

	curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	/* Without a client certificate the daemon decides (--tlsverify
	 * refuses the handshake); a missing file is not ours to judge. */
	if (access(cert, R_OK) == 0 && access(key, R_OK) == 0) {
		curl_easy_setopt(c, CURLOPT_SSLCERT, cert);
		curl_easy_setopt(c, CURLOPT_SSLKEY, key);
	}
	/* libcurl copies string options, so these can go now. */
	free(ca);
	free(cert);
	free(key);
}

/* Turn the daemon's {"message": "..."} into the error text. */
static int
http_error(struct engine *eng, const char *path, long status,
	   const struct buf *errbody, struct err *e)
{
	json_t *j = json_loadb(errbody->data, errbody->len, 0, NULL);
	const char *msg =
	    j ? json_string_value(json_object_get(j, "message")) : NULL;
	char line[256] = "";

	/* Not JSON ("Client sent an HTTP request to an HTTPS server."):
	 * its first line, printable characters only. */
	if (!msg && errbody->len) {
		size_t n = 0;

		for (size_t i = 0; i < errbody->len && n < sizeof(line) - 1;
		     i++) {
			unsigned char ch = (unsigned char)errbody->data[i];

			if (ch == '\n' || ch == '\r')
				break;
			line[n++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
		}
		line[n] = '\0';
		if (n)
			msg = line;
	}
	err_set(e, status == 404 ? ERR_INPUT : ERR_NETWORK,
		"Docker Engine at '%s' answered %ld for %s%s%s", eng->host,
		status, path, msg ? ": " : "", msg ? msg : "");
	json_decref(j);
	return -1;
}

/*
 * Why a connection failed, in words the user can act on, from the
 * system's errno for the connect (and, for a unix socket, a look at the
 * path): "no such socket", "permission denied", "connection refused".
 * curl's own text names "localhost port 80" for unix sockets, which is
 * not where hull went.
 */
static void
connect_cause(const struct engine *eng, long os_errno, char *out, size_t n)
{
	struct stat st = { 0 };

	if (eng->unix_path) {
		if (stat(eng->unix_path, &st) < 0 && errno == ENOENT)
			snprintf(out, n, "no such socket");
		else if (st.st_mode && !S_ISSOCK(st.st_mode))
			snprintf(out, n, "'%s' is not a socket",
				 eng->unix_path);
		else if (os_errno == EACCES || access(eng->unix_path, W_OK))
			snprintf(out, n,
				 "permission denied (is the user in "
				 "the docker group?)");
		else if (os_errno && os_errno != ECONNREFUSED)
			snprintf(out, n, "%s", strerror((int)os_errno));
		else
			snprintf(out, n,
				 "connection refused (nothing "
				 "listens on the socket)");
		return;
	}
	if (os_errno)
		snprintf(out, n, "%s", strerror((int)os_errno));
}

/* The err for a transfer curl gave up on. */
static int
engine_curl_error(const struct engine *eng, CURLcode rc, const char *cerr,
		  const struct sink_state *st, struct err *e)
{
	char why[256] = "";
	long os_errno = 0;

	if (rc == CURLE_OPERATION_TIMEDOUT) {
		curl_off_t connected = 0;

		curl_easy_getinfo(eng->curl, CURLINFO_CONNECT_TIME_T,
				  &connected);
		if (!connected)
			return err_set(e, ERR_NETWORK,
				       "the Docker Engine at '%s' did not "
				       "accept a connection within %d s",
				       eng->host, ENGINE_CONNECT_TIMEOUT);
		return err_set(e, ERR_NETWORK,
			       "the Docker Engine at '%s' did not answer "
			       "within %d s%s",
			       eng->host, ENGINE_TIMEOUT,
			       st->body ? "" : " (the transfer stalled)");
	}
	if (rc == CURLE_COULDNT_CONNECT) {
		curl_easy_getinfo(eng->curl, CURLINFO_OS_ERRNO, &os_errno);
		connect_cause(eng, os_errno, why, sizeof(why));
	}
	return err_set(e, ERR_NETWORK,
		       "cannot reach the Docker Engine at '%s': %s", eng->host,
		       *why    ? why
		       : *cerr ? cerr
			       : curl_easy_strerror(rc));
}

static int
engine_request(struct engine *eng, const char *path, struct sink_state *st,
	       struct err *e)
{
	CURL *c = eng->curl;
	struct buf url = BUF_INIT, errbody = BUF_INIT;
	char cerr[CURL_ERROR_SIZE] = "";
	CURLcode rc;
	int ret = 0;

	buf_addf(&url, "%s/%s%s", eng->base_url, ENGINE_API_VERSION, path);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url.data);
	if (eng->unix_path)
		curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, eng->unix_path);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, ENGINE_CONNECT_TIMEOUT);
	if (st->body) {
		curl_easy_setopt(c, CURLOPT_TIMEOUT, ENGINE_TIMEOUT);
	} else {
		/* A stream (an image export) may run long; give up only
		 * when it stalls. */
		curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
				 (long)ENGINE_TIMEOUT);
	}
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, st);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, eng->tls_verify ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, eng->tls_verify ? 2L : 0L);
	tls_setup(eng, c);
	st->curl = c;
	st->errbody = &errbody;
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st->status);
	if (rc != CURLE_OK && !st->failed) {
		ret = engine_curl_error(eng, rc, cerr, st, e);
	} else if (st->status >= 300) {
		ret = http_error(eng, path, st->status, &errbody, e);
	} else if (st->failed && st->body) {
		ret = err_set(e, ERR_INPUT,
			      "answer to %s is larger than %u "
			      "bytes",
			      path, ENGINE_MAX_JSON);
	} else if (st->failed) {
		ret = -1;
	}
	buf_release(&url);
	buf_release(&errbody);
	return ret;
}

int
engine_get_json(struct engine *eng, const char *path, json_t **out,
		long *status, struct err *e)
{
	struct buf body = BUF_INIT;
	struct sink_state st = { 0 };
	json_error_t jerr;
	int rc;

	st.body = &body;
	rc = engine_request(eng, path, &st, e);
	if (status)
		*status = st.status;
	if (rc) {
		buf_release(&body);
		return -1;
	}
	*out = json_loadb(body.data, body.len, 0, &jerr);
	buf_release(&body);
	if (!*out)
		return err_set(e, ERR_INPUT,
			       "the Engine's answer to %s is "
			       "not JSON: %s",
			       path, jerr.text);
	return 0;
}

int
engine_get_stream(struct engine *eng, const char *path,
		  int (*sink)(void *ctx, const void *data, size_t len),
		  void *ctx, struct err *e)
{
	struct sink_state st = { 0 };

	st.sink = sink;
	st.ctx = ctx;
	return engine_request(eng, path, &st, e);
}
