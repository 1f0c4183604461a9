#!/usr/bin/env bash
# registry: authentication against real traffic on loopback.  A busybox
# image is pushed into the plain Debian docker-registry that
# tests/env/services.sh started (HULL_REGISTRY); a small python3 reverse
# proxy in front of it then demands credentials the way real registries do:
#
#   bearer     401 + "WWW-Authenticate: Bearer realm=<proxy>/token,
#              service=...,scope=..." without a valid token; /token hands
#              out one, but only for the scope the challenge named
#   basic      401 + "WWW-Authenticate: Basic" unless the request carries
#              the one user:pass; the credentials come from a
#              ~/.docker/config.json `auths` entry
#   token500   like bearer, but /token answers HTTP 500
#   tokenjunk  like bearer, but /token answers 200 with a non-JSON body
#   tokenwrong like bearer, but /token hands out a token the proxy refuses
#
# hull must give, through the proxy, the findings it gives straight from
# the registry; refuse with exit 3 and a message naming the registry when
# the credentials are missing or wrong or the token endpoint is broken;
# and never print the credentials or the token.
set -uo pipefail

if [ -z "${HULL_REGISTRY:-}" ] || [ -z "${HULL_DOCKER_HOST:-}" ] ||
	[ -z "${HULL_TEST_BUSYBOX_IMAGE:-}" ]; then
	echo "skipped: HULL_REGISTRY, HULL_DOCKER_HOST and" \
		"HULL_TEST_BUSYBOX_IMAGE are not all set" \
		"(tests/env/services.sh starts the registry and the daemon)"
	exit 77
fi
for tool in skopeo python3; do
	command -v $tool >/dev/null ||
		{ echo "skipped: $tool is not installed"; exit 77; }
done

work=$(mktemp -d)
proxy_pid=
stop_proxy() {
	if [ -n "$proxy_pid" ]; then
		kill "$proxy_pid" 2>/dev/null
		wait "$proxy_pid" 2>/dev/null
		proxy_pid=
	fi
}
trap 'stop_proxy; rm -rf "$work"' EXIT
fail=0
repo=hull-test/registry-auth
tag=t$$
# Made up here, so that the repository holds no credential; a fixed
# shape makes a leak easy to grep for.
user=hulluser$$
pass=Pw-$$-$RANDOM$RANDOM-secret
token=tok-$$-$RANDOM$RANDOM-bearer

skopeo copy -q --src-daemon-host "$HULL_DOCKER_HOST" --dest-tls-verify=false \
	"docker-daemon:$HULL_TEST_BUSYBOX_IMAGE" \
	"docker://$HULL_REGISTRY/$repo:$tag" >"$work/push.err" 2>&1 || {
	echo "FAIL: skopeo push to $HULL_REGISTRY"
	cat "$work/push.err"
	exit 1
}

cat >"$work/proxy.py" <<'PY'
import base64, http.client, http.server, json, sys, urllib.parse

mode, port_file, upstream, user, password, token, log_path = sys.argv[1:8]
up_host, up_port = upstream.rsplit(":", 1)
SERVICE = "hull-test-registry"
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer",
       "upgrade", "proxy-authorization", "proxy-authenticate", "host"}

def note(line):
    with open(log_path, "a") as f:
        f.write(line + "\n")

def repo_of(path):
    # /v2/<name>/(manifests|blobs|tags)/...
    parts = urllib.parse.urlsplit(path).path.split("/")
    for i, p in enumerate(parts):
        if i > 2 and p in ("manifests", "blobs", "tags"):
            return "/".join(parts[2:i])
    return None

class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        note("req " + self.command + " " + self.path)

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def deny(self):
        repo = repo_of(self.path)
        if mode == "basic":
            ch = 'Basic realm="hull-test"'
        else:
            host = self.server.server_address
            ch = ('Bearer realm="http://%s:%d/token",service="%s"'
                  % (host[0], host[1], SERVICE))
            if repo:
                ch += ',scope="repository:%s:pull"' % repo
        body = json.dumps({"errors": [{"code": "UNAUTHORIZED",
                                       "message": "authentication required"}]})
        self.reply(401, body.encode(), [("WWW-Authenticate", ch),
                                        ("Content-Type", "application/json")])

    def token(self):
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        note("token service=%s scope=%s" % (q.get("service"), q.get("scope")))
        if mode == "token500":
            return self.reply(500, b"token service is down")
        if mode == "tokenjunk":
            return self.reply(200, b"<html>not json", [("Content-Type",
                                                        "text/html")])
        if mode == "tokenwrong":
            return self.reply(200, json.dumps({"token": "x" + token}).encode())
        if (q.get("service") != [SERVICE] or
                q.get("scope") != ["repository:%s:pull" % q_repo]):
            return self.reply(403, b'{"details": "wrong service or scope"}')
        self.reply(200, json.dumps({"token": token}).encode(),
                   [("Content-Type", "application/json")])

    def authorised(self):
        got = self.headers.get("Authorization", "")
        if mode == "basic":
            want = base64.b64encode(("%s:%s" % (user, password)).encode())
            return got == "Basic " + want.decode()
        return got == "Bearer " + token

    def handle_any(self):
        if self.path.startswith("/token"):
            return self.token()
        if not self.authorised():
            note("deny " + self.path)
            return self.deny()
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        hdrs = {k: v for k, v in self.headers.items()
                if k.lower() not in HOP and k.lower() != "authorization"}
        c = http.client.HTTPConnection(up_host, int(up_port), timeout=60)
        c.request(self.command, self.path, body=body, headers=hdrs)
        r = c.getresponse()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.end_headers()
        while True:
            chunk = r.read(65536)
            if not chunk:
                break
            self.wfile.write(chunk)
        c.close()
        note("fwd %d %s" % (r.status, self.path))

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any

q_repo = sys.argv[8]
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
with open(port_file + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(port_file + ".tmp", port_file)
srv.serve_forever()
PY

# start_proxy MODE: run the proxy in front of the registry; sets $proxy.
start_proxy() {
	stop_proxy
	rm -f "$work/port" "$work/proxy.log"
	python3 "$work/proxy.py" "$1" "$work/port" "$HULL_REGISTRY" \
		"$user" "$pass" "$token" "$work/proxy.log" "$repo" \
		2>"$work/proxy.err" &
	proxy_pid=$!
	for _ in $(seq 100); do
		[ -s "$work/port" ] && break
		sleep 0.05
	done
	[ -s "$work/port" ] || {
		echo "FAIL: proxy ($1) did not start"
		cat "$work/proxy.err"
		exit 1
	}
	proxy=127.0.0.1:$(cat "$work/port")
}

# scan NAME HOST [CONFIG_JSON]: hull with HOME in a fresh directory; the
# config.json text, when given, goes into HOME/.docker/.
scan() {
	local name=$1 host=$2 home=$work/home-$1
	mkdir -p "$home"
	if [ $# -ge 3 ]; then
		mkdir -p "$home/.docker"
		printf '%s\n' "$3" >"$home/.docker/config.json"
	fi
	env -u DOCKER_CONFIG HOME="$home" timeout 120 "$HULL" image \
		--insecure-registry --fail-on never -f json \
		"registry:$host/$repo:$tag" >"$work/$name.json" 2>"$work/$name.err"
	rc=$?
}

# leak NAME: the credentials and the token never reach hull's output.
leak() {
	local s
	for s in "$pass" "$token" "$(printf '%s:%s' "$user" "$pass" | base64)"; do
		if grep -qF -- "$s" "$work/$1.json" "$work/$1.err"; then
			echo "FAIL $1: hull printed a credential"
			fail=1
		fi
	done
}

# same NAME: the findings match the direct scan's.
same() {
	python3 - "$work/direct.json" "$work/$1.json" <<'PYC' || {
import json, sys
def key(x):
    l = x["location"].get("layer") or {}
    return (x["id"], x["location"].get("path") or "", l.get("index", -1))
a = sorted(key(x) for x in json.load(open(sys.argv[1]))["findings"])
b = sorted(key(x) for x in json.load(open(sys.argv[2]))["findings"])
if a != b or not a:
    print("direct:", a)
    print("proxied:", b)
    sys.exit(1)
PYC
		echo "FAIL $1: findings differ from the direct scan"
		fail=1
	}
}

ok() {
	if [ "$rc" != 0 ]; then
		echo "FAIL $1: exit $rc"
		cat "$work/$1.err"
		fail=1
		return 1
	fi
}

# refused NAME PATTERN...: exit 3, a message naming the proxy and matching
# each pattern, and no sign of a crash.
refused() {
	local name=$1 p
	shift
	if [ "$rc" != 3 ]; then
		echo "FAIL $name: exit $rc, want 3"
		cat "$work/$name.err"
		fail=1
		return
	fi
	grep -qF "$proxy" "$work/$name.err" || {
		echo "FAIL $name: message does not name $proxy"
		cat "$work/$name.err"
		fail=1
	}
	for p in "$@"; do
		grep -qiE -- "$p" "$work/$name.err" || {
			echo "FAIL $name: message does not match '$p'"
			cat "$work/$name.err"
			fail=1
		}
	done
}

# The reference: straight from the registry.
scan direct "$HULL_REGISTRY"
ok direct || exit 1

# (a) Anonymous bearer token.
start_proxy bearer
scan bearer "$proxy"
if ok bearer; then
	same bearer
	leak bearer
	grep -q "^token service=\['hull-test-registry'\] scope=\['repository:$repo:pull'\]" \
		"$work/proxy.log" || {
		echo "FAIL bearer: no token asked for with the challenge's scope"
		cat "$work/proxy.log"
		fail=1
	}
	grep -q "^deny " "$work/proxy.log" || {
		echo "FAIL bearer: the proxy never challenged (test is void)"
		fail=1
	}
	grep -q "^fwd 200 /v2/$repo/blobs/sha256:" "$work/proxy.log" || {
		echo "FAIL bearer: no blob came through the proxy"
		fail=1
	}
fi

# (b) Basic from config.json.
start_proxy basic
auth=$(printf '%s:%s' "$user" "$pass" | base64 -w0)
scan basic "$proxy" "{\"auths\": {\"$proxy\": {\"auth\": \"$auth\"}}}"
if ok basic; then
	same basic
	leak basic
	grep -q "^fwd 200 /v2/$repo/manifests/$tag" "$work/proxy.log" || {
		echo "FAIL basic: the manifest did not come through the proxy"
		fail=1
	}
fi
# The entry keyed by URL, as `docker login http://...` writes it.
scan basic-url "$proxy" "{\"auths\": {\"http://$proxy\": {\"auth\": \"$auth\"}}}"
ok basic-url && same basic-url && leak basic-url

# (c) Basic with no credentials, wrong ones, and another host's.
scan basic-none "$proxy"
refused basic-none '401' 'credentials'
leak basic-none
wrong=$(printf '%s:%s' "$user" "not-$pass" | base64 -w0)
scan basic-wrong "$proxy" "{\"auths\": {\"$proxy\": {\"auth\": \"$wrong\"}}}"
refused basic-wrong '401' 'refused the credentials'
leak basic-wrong
scan basic-other "$proxy" \
	"{\"auths\": {\"127.0.0.1:1\": {\"auth\": \"$auth\"}}}"
refused basic-other '401' 'credentials'
leak basic-other

# (d) A broken token endpoint.
start_proxy token500
scan token500 "$proxy"
refused token500 'token' '500'
start_proxy tokenjunk
scan tokenjunk "$proxy"
refused tokenjunk 'token'
start_proxy tokenwrong
scan tokenwrong "$proxy"
refused tokenwrong '401' 'token'
leak tokenwrong

stop_proxy
[ $fail = 0 ] && echo "ok: registry bearer and basic auth through a proxy"
exit $fail
