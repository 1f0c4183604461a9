/*
 * A client for the Docker Engine API, over a unix socket or TCP (with TLS
 * when DOCKER_TLS_VERIFY or DOCKER_CERT_PATH say so, client certificates
 * from DOCKER_CERT_PATH or else $DOCKER_CONFIG or ~/.docker, as the
 * docker CLI takes them), without the docker CLI.
 *
 * The address comes from the caller, else DOCKER_HOST, else
 * unix:///var/run/docker.sock.  Every request carries a timeout; JSON
 * answers are capped at ENGINE_MAX_JSON bytes.
 *
 * Failures to connect are ERR_NETWORK; HTTP errors carry the daemon's own
 * message ("No such container: web") in the err.
 */
#ifndef HULL_ENGINE_ENGINE_H
#define HULL_ENGINE_ENGINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Inspect and info answers are far below this. */
#define ENGINE_MAX_JSON (64u * 1024 * 1024)
/* Seconds to wait for a connection and for an answer. */
#define ENGINE_CONNECT_TIMEOUT 10
#define ENGINE_TIMEOUT 120
/* API version used in paths; old enough for every Engine still run. */
#define ENGINE_API_VERSION "v1.41"

struct engine {
	char *host;	 /* as given: unix:///path or tcp://h:p */
	char *unix_path; /* for unix sockets */
	char *base_url;	 /* http://localhost or https://h:p */
	char *cert_path; /* TLS client material directory, or NULL */
	bool tls_verify;
	void *curl; /* CURL *, reused across requests */
};

/* Set up (no connection is made yet).  host may be NULL. */
int engine_open(struct engine *eng, const char *host, struct err *e);
void engine_close(struct engine *eng);

/*
 * GET path (e.g. "/containers/json"; the API version is prefixed) and
 * parse the JSON answer.  On success *out holds a new reference.
 * `status` (may be NULL) receives the HTTP status.
 */
int engine_get_json(struct engine *eng, const char *path, json_t **out,
		    long *status, struct err *e);

/*
 * GET path and hand the body to `sink` as it arrives.  `sink` returns 0
 * to go on or -1 to stop (the request then fails with the sink's error).
 */
int engine_get_stream(struct engine *eng, const char *path,
		      int (*sink)(void *ctx, const void *data, size_t len),
		      void *ctx, struct err *e);

/* Percent-encode a path segment or query value; a fresh string. */
char *engine_escape(const char *s);

#endif
