/*
 * A container's inspect answer (GET /containers/{id}/json) into struct
 * container_spec.
 *
 * HostConfig gives the privileges and limits, the top-level Mounts the
 * bind mounts and volumes, HostConfig.Tmpfs the tmpfs mounts, Config the
 * user, environment and healthcheck.  The Engine merges the image's
 * config into Config when the container is created, so Config.User and
 * Config.Healthcheck already hold the image's defaults; when Config.User
 * is still empty the image's own config (GET /images/{id}/json) is asked,
 * if the caller passes it.
 */
#ifndef HULL_ENGINE_INSPECT_H
#define HULL_ENGINE_INSPECT_H

#include <jansson.h>

#include "core/err.h"
#include "parse/container_spec.h"

/*
 * Add a spec for the container `c` (an inspect answer) to l.  `image`
 * (may be NULL) is the image's inspect answer.  Returns 0, or -1 with
 * ERR_INPUT when c is not a container inspect object.
 */
int inspect_to_spec(struct spec_list *l, json_t *c, json_t *image,
		    struct container_spec **out, struct err *e);

/*
 * Apply the daemon's own defaults to a container that sets none itself:
 * a daemon started with --no-new-privileges (GET /info lists
 * "name=no-new-privileges" in SecurityOptions) gives it to every
 * container that does not turn it off.  `info` is the /info answer, or
 * NULL when it could not be had (then nothing changes).
 */
void inspect_apply_daemon_info(struct container_spec *s, json_t *info);

#endif
