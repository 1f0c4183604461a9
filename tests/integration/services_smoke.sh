#!/usr/bin/env bash
# The services tests/env/services.sh starts answer as the other tests
# expect: dockerd on its private socket (/_ping, /info, a container
# runs with no network), the registry (/v2/, a push lands in it), the
# HTTP server (serves a file it was given) and, when it runs, the
# rootless dockerd (reports itself rootless).
set -uo pipefail

missing=""
for v in HULL_DOCKER_HOST HULL_REGISTRY HULL_HTTP_URL HULL_HTTP_ROOT \
	HULL_TEST_BUSYBOX_IMAGE; do
	[ -n "${!v:-}" ] || missing="$missing $v"
done
if [ -n "$missing" ]; then
	echo "skipped: test services are not running (unset:$missing);" \
		"run through make check, or start tests/env/services.sh as root"
	exit 77
fi

fails=0
ok() { echo "ok: $*"; }
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

sock=${HULL_DOCKER_HOST#unix://}
docker=/usr/bin/docker
[ -x "$docker" ] || docker=docker
export DOCKER_HOST=$HULL_DOCKER_HOST

# dockerd
ping=$(curl -fsS --max-time 10 --unix-socket "$sock" http://localhost/_ping)
[ "$ping" = OK ] && ok "dockerd /_ping" || bad "dockerd /_ping said '$ping'"
info=$(curl -fsS --max-time 10 --unix-socket "$sock" \
	http://localhost/v1.41/info)
root_dir=$(python3 -c 'import json, sys
print(json.load(sys.stdin)["DockerRootDir"])' <<<"$info" 2>/dev/null)
if [ -n "${HULL_DOCKER_DATA_ROOT:-}" ] &&
	[ "$root_dir" = "$HULL_DOCKER_DATA_ROOT" ]; then
	ok "dockerd /info names the private data root"
else
	bad "dockerd /info DockerRootDir is '$root_dir'," \
		"expected '${HULL_DOCKER_DATA_ROOT:-}'"
fi

# A container runs, without any network.
word=hull-smoke-$$
got=$("$docker" run --rm --network none "$HULL_TEST_BUSYBOX_IMAGE" \
	echo "$word" 2>&1)
[ "$got" = "$word" ] && ok "container ran" || bad "docker run printed '$got'"

# Registry: /v2/ answers, and an image pushed there is listed.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
	"http://$HULL_REGISTRY/v2/")
[ "$code" = 200 ] && ok "registry /v2/" || bad "registry /v2/ answered $code"
repo=smoke/busybox-$$
ref=$HULL_REGISTRY/$repo:1
if "$docker" tag "$HULL_TEST_BUSYBOX_IMAGE" "$ref" &&
	"$docker" push "$ref" >/dev/null; then
	tags=$(curl -fsS --max-time 10 "http://$HULL_REGISTRY/v2/$repo/tags/list")
	grep -q '"tags":\["1"\]' <<<"$tags" && ok "registry holds the push" ||
		bad "registry tags/list: $tags"
else
	bad "docker push $ref failed"
fi
"$docker" rmi "$ref" >/dev/null 2>&1

# HTTP server: a file put under its root comes back byte for byte.
f=smoke-$$.bin
head -c 4096 /dev/urandom >"$HULL_HTTP_ROOT/$f"
if curl -fsS --max-time 10 "$HULL_HTTP_URL/$f" | cmp -s - "$HULL_HTTP_ROOT/$f"
then
	ok "http serves a file"
else
	bad "http did not serve $HULL_HTTP_URL/$f"
fi
rm -f "$HULL_HTTP_ROOT/$f"

# Rootless dockerd, when this machine runs one.
if [ -n "${HULL_ROOTLESS_DOCKER_HOST:-}" ]; then
	rsock=${HULL_ROOTLESS_DOCKER_HOST#unix://}
	opts=$(curl -fsS --max-time 10 --unix-socket "$rsock" \
		http://localhost/v1.41/info | python3 -c 'import json, sys
print(" ".join(json.load(sys.stdin)["SecurityOptions"]))')
	case " $opts " in
	*" name=rootless "*) ok "rootless dockerd says rootless" ;;
	*) bad "rootless dockerd SecurityOptions: '$opts'" ;;
	esac
	case " $(curl -fsS --unix-socket "$sock" http://localhost/v1.41/info |
		python3 -c 'import json, sys
print(" ".join(json.load(sys.stdin)["SecurityOptions"]))') " in
	*" name=rootless "*) bad "the rootful dockerd says rootless" ;;
	*) ok "rootful dockerd is not rootless" ;;
	esac
else
	echo "note: no rootless dockerd on this machine"
fi

[ $fails = 0 ] || exit 1
