#!/usr/bin/env bash
# The Engine API over DOCKER_HOST=tcp:// with TLS and client certificates,
# against the private dockerd that tests/env/services.sh starts with a
# second, TLS-only endpoint on loopback: `hull containers`, `hull image
# docker:` and `hull host` give over TCP what they give over the unix
# socket, and every way of getting TLS wrong is a clear exit 3.
set -uo pipefail

: "${HULL:?HULL must name the hull binary}"
for v in HULL_DOCKER_HOST HULL_DOCKER_TLS_HOST HULL_DOCKER_TLS_CERTS; do
	if [ -z "${!v:-}" ]; then
		echo "skipped: $v is not set (the test dockerd's TLS endpoint" \
			"is not running; run through make check as root)"
		exit 77
	fi
done
command -v docker >/dev/null || {
	echo "skipped: no docker CLI"
	exit 77
}
command -v openssl >/dev/null || {
	echo "skipped: no openssl"
	exit 77
}

tmp=$(mktemp -d)
name=hull-tls-$$
cleanup() {
	DOCKER_HOST=$HULL_DOCKER_HOST docker rm -f "$name" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
fails=0
ok() { echo "ok: $*"; }
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

ids() {
	python3 -c 'import json, sys
print(" ".join(sorted(f["id"] for f in json.load(sys.stdin)["findings"])))'
}

# Over TLS, with this environment, the way the docker CLI is set up.
tls() {
	env -u DOCKER_CONFIG DOCKER_HOST="$HULL_DOCKER_TLS_HOST" \
		DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$HULL_DOCKER_TLS_CERTS" \
		"$@"
}

img=${HULL_TEST_BUSYBOX_IMAGE:-hull-test/busybox:1}
DOCKER_HOST=$HULL_DOCKER_HOST docker image inspect "$img" >/dev/null 2>&1 || {
	echo "skipped: the test image $img is missing"
	exit 77
}
if ! DOCKER_HOST=$HULL_DOCKER_HOST docker run -d --name "$name" \
	--network none "$img" sleep 600 >/dev/null 2>"$tmp/err"; then
	echo "skipped: the daemon cannot start a container: $(head -1 "$tmp/err")"
	exit 77
fi

# One running container, seen through both endpoints.
"$HULL" containers --host "$HULL_DOCKER_HOST" -f json "$name" \
	>"$tmp/unix.json" 2>"$tmp/unix.err"
tls "$HULL" containers -f json "$name" >"$tmp/tcp.json" 2>"$tmp/tcp.err"
rc=$?
[ $rc = 1 ] && ok "containers over TLS: exit 1 (findings)" ||
	bad "containers over TLS: exit $rc: $(cat "$tmp/tcp.err")"
a=$(ids <"$tmp/unix.json") b=$(ids <"$tmp/tcp.json")
[ -n "$a" ] && [ "$a" = "$b" ] && ok "containers: same ids over unix and TLS ($a)" ||
	bad "containers: unix '$a' vs TLS '$b'"

# An image exported through the TLS endpoint.
DOCKER_HOST=$HULL_DOCKER_HOST "$HULL" image -f json "docker:$img" \
	>"$tmp/iu.json" 2>/dev/null
tls "$HULL" image -f json "docker:$img" >"$tmp/it.json" 2>"$tmp/it.err"
a=$(ids <"$tmp/iu.json") b=$(ids <"$tmp/it.json")
[ -n "$a" ] && [ "$a" = "$b" ] && ok "image docker: same ids over unix and TLS" ||
	bad "image: unix '$a' vs TLS '$b': $(cat "$tmp/it.err")"

# The daemon over TLS: reachable and rootful.
host_summary() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(f["id"] for f in r["findings"]))
print("\n".join(r["targets"]))' "$1"
}
tls "$HULL" host -f json >"$tmp/host.json" 2>"$tmp/host.err"
host_summary "$tmp/host.json" >"$tmp/host"
grep -q "^daemon $HULL_DOCKER_TLS_HOST (rootful, Engine " "$tmp/host" &&
	ok "host over TLS: the daemon answered" ||
	bad "host over TLS: $(cat "$tmp/host" "$tmp/host.err")"
# Over TCP the daemon's command line (--userland-proxy=false) cannot be
# read: the userland proxy is unknown, not assumed on, and hull says so.
grep -qw HO005 "$tmp/host" && bad "host over TLS: HO005 from a default" ||
	ok "host over TLS: no HO005 assumed"
grep -q "command line was not read" "$tmp/host.err" &&
	ok "host over TLS: says the command line was not read" ||
	bad "host over TLS: no note: $(cat "$tmp/host.err")"
# Asked over its socket, hull reads the daemon's command line: it listens
# on TCP, but with --tlsverify, so HO011 (TCP without TLS) stays silent,
# and the server key named by --tlskey (0400, root) passes HO026.
"$HULL" host --host "$HULL_DOCKER_HOST" -f json -v >"$tmp/hu.json" \
	2>"$tmp/hu.err"
host_summary "$tmp/hu.json" >"$tmp/hu"
if grep -q "daemon process [0-9]*: command line read" "$tmp/hu.err"; then
	grep -qw HO011 "$tmp/hu" && bad "host: HO011 despite --tlsverify" ||
		ok "host: TCP endpoint with --tlsverify, no HO011"
	grep -qw HO026 "$tmp/hu" && bad "host: HO026 on a 0400 root key" ||
		ok "host: server key checked, no HO026"
else
	bad "host: the daemon's command line was not read: $(cat "$tmp/hu.err")"
fi

# The client material from ~/.docker when DOCKER_CERT_PATH is unset.
mkdir -p "$tmp/home/.docker"
cp "$HULL_DOCKER_TLS_CERTS"/*.pem "$tmp/home/.docker/"
env -u DOCKER_CERT_PATH -u DOCKER_CONFIG HOME="$tmp/home" \
	DOCKER_HOST="$HULL_DOCKER_TLS_HOST" DOCKER_TLS_VERIFY=1 \
	"$HULL" containers -f json "$name" >"$tmp/home.json" 2>"$tmp/home.err"
b=$(ids <"$tmp/home.json" 2>/dev/null)
[ "$a" != "" ] && [ "$(ids <"$tmp/unix.json")" = "$b" ] &&
	ok "certificates found in ~/.docker" ||
	bad "~/.docker: $(cat "$tmp/home.err")"

# Wrong ways, each a clear exit 3 naming the endpoint.
expect3() {
	local what=$1 pattern=$2
	shift 2
	"$@" containers "$name" >/dev/null 2>"$tmp/e"
	local rc=$?
	if [ $rc = 3 ] && grep -q "$HULL_DOCKER_TLS_HOST" "$tmp/e" &&
		grep -qi -- "$pattern" "$tmp/e"; then
		ok "$what: exit 3 ($(head -c 120 "$tmp/e"))"
	else
		bad "$what: exit $rc: $(cat "$tmp/e")"
	fi
}
# Plain HTTP to the TLS port: the daemon's own answer is shown.
expect3 "plain HTTP to a TLS endpoint" "HTTPS server" \
	env -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH -u DOCKER_CONFIG \
	HOME="$tmp/nohome" DOCKER_HOST="$HULL_DOCKER_TLS_HOST" "$HULL"
# No client certificate: the daemon refuses the handshake.
mkdir -p "$tmp/cacert"
cp "$HULL_DOCKER_TLS_CERTS/ca.pem" "$tmp/cacert/"
expect3 "no client certificate" "cannot reach" \
	env -u DOCKER_CONFIG DOCKER_HOST="$HULL_DOCKER_TLS_HOST" \
	DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$tmp/cacert" "$HULL"
# A CA that did not sign the server's certificate.
mkdir -p "$tmp/wrongca"
cp "$HULL_DOCKER_TLS_CERTS/cert.pem" "$HULL_DOCKER_TLS_CERTS/key.pem" \
	"$tmp/wrongca/" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=other CA" \
	-keyout "$tmp/wrongca/ca-key.pem" -out "$tmp/wrongca/ca.pem" \
	>/dev/null 2>&1
expect3 "server certificate from another CA" "certificate" \
	env -u DOCKER_CONFIG DOCKER_HOST="$HULL_DOCKER_TLS_HOST" \
	DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$tmp/wrongca" "$HULL"

[ $fails = 0 ] || exit 1
