#!/bin/bash
# Text from a server reaches the terminal with its control characters
# escaped (\xNN): a registry's 404 body and the Engine's error message
# carrying ESC, BEL and OSC sequences.  Also the Engine connection
# messages name the real cause (no such socket, not a socket, connection
# refused), and a Docker host of an unknown scheme is a usage error
# (exit 2) for every command that talks to the Engine.
# The servers are python3 on 127.0.0.1 (a free port) and on a unix
# socket in the test's own directory; they are stopped by their PID.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
fail=0

cat >"$work/srv.py" <<'PY'
import http.server, os, socketserver, sys

EVIL = "\x1b[31mred\x1b]0;title\x07"

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def address_string(self): return "client"
    def do_GET(self):
        if self.path.startswith("/v2/raw/"):
            # not even JSON: the control bytes as they are
            body = ('{"errors":[{"message":"%s"}]}' % EVIL).encode()
        elif self.path.startswith("/v2/") and "/manifests/" in self.path:
            # the distribution API's error shape, control characters
            # escaped in the JSON as a registry would
            import json
            body = json.dumps({"errors": [{"code": "MANIFEST_UNKNOWN",
                                           "message": EVIL}]}).encode()
        elif self.path == "/v2/":
            body = b"{}"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers(); self.wfile.write(body); return
        else:
            import json
            body = json.dumps({"message": "no such image: " + EVIL}).encode()
        # a daemon failing (not a 404, whose message hull words itself)
        self.send_response(500 if "evil" in self.path else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)

class Unix(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

if sys.argv[1] == "tcp":
    s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(s.server_address[1]))
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
else:
    s = Unix(sys.argv[2], H)
s.serve_forever()
PY
python3 "$work/srv.py" tcp "$work/port" &
pids+=($!)
python3 "$work/srv.py" unix "$work/engine.sock" &
pids+=($!)
for _ in $(seq 50); do
	[ -f "$work/port" ] && [ -S "$work/engine.sock" ] && break
	sleep 0.1
done
[ -f "$work/port" ] && [ -S "$work/engine.sock" ] ||
	{ echo "FAIL: the test servers did not start"; exit 1; }
port=$(cat "$work/port")

# clean FILE WHAT: no ESC, BEL or other control byte but newlines, and
# the escaped form is there.
clean() {
	if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$1"; then
		echo "FAIL $2: raw control characters on stderr:"
		od -c "$1" | head -5; fail=1
	fi
	grep -qF '\x1b[31mred\x1b]0;title\x07' "$1" ||
		{ echo "FAIL $2: escaped text missing"; cat "$1"; fail=1; }
}

"$HULL" image --no-vulns --insecure-registry \
	"registry:127.0.0.1:$port/x:y" >/dev/null 2>"$work/reg.err"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL registry: exit $rc, want 3"; fail=1; }
clean "$work/reg.err" registry
grep -q "manifest: HTTP 404: MANIFEST_UNKNOWN: " "$work/reg.err" ||
	{ echo "FAIL registry: the registry's message"; cat "$work/reg.err"; fail=1; }

"$HULL" image --no-vulns --insecure-registry \
	"registry:127.0.0.1:$port/raw:y" >/dev/null 2>"$work/raw.err"
clean "$work/raw.err" "registry, raw body"

DOCKER_HOST="unix://$work/engine.sock" "$HULL" containers web \
	>/dev/null 2>"$work/eng.err"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL engine: exit $rc, want 3"; fail=1; }
clean "$work/eng.err" engine

"$HULL" harden --host "unix://$work/engine.sock" evil:1 >/dev/null \
	2>"$work/harden.err"
clean "$work/harden.err" harden

# Connection failures say why, not curl's "localhost port 80".
msg() {
	local want=$1
	shift
	"$@" >/dev/null 2>"$work/msg.err"
	local rc=$?
	[ $rc -eq 3 ] || { echo "FAIL '$want': exit $rc, want 3"; fail=1; }
	grep -q "$want" "$work/msg.err" ||
		{ echo "FAIL: want '$want'"; cat "$work/msg.err"; fail=1; }
	if grep -q "port 80" "$work/msg.err"; then
		echo "FAIL: curl's message leaks"; fail=1
	fi
}
msg "at 'unix://$work/none.sock': no such socket" \
	env DOCKER_HOST="unix://$work/none.sock" "$HULL" containers
: >"$work/plain"
msg "'$work/plain' is not a socket" \
	env DOCKER_HOST="unix://$work/plain" "$HULL" host -q
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.close()' \
	"$work/dead.sock"
msg "connection refused" \
	env DOCKER_HOST="unix://$work/dead.sock" "$HULL" image docker:x

# An unknown scheme is a usage error, for each command.
for cmd in "host" "containers" "image docker:x" "image alpine" \
	"harden alpine" "sbom docker:x"; do
	# shellcheck disable=SC2086
	DOCKER_HOST=foo://bar "$HULL" $cmd >"$work/u.out" 2>"$work/u.err"
	rc=$?
	[ $rc -eq 2 ] || { echo "FAIL '$cmd' with DOCKER_HOST=foo://bar: exit $rc, want 2"; fail=1; }
	grep -q "DOCKER_HOST: unsupported Docker host 'foo://bar'" "$work/u.err" ||
		{ echo "FAIL '$cmd': message"; cat "$work/u.err"; fail=1; }
	grep -q "(no file)" "$work/u.out" &&
		{ echo "FAIL '$cmd': a report without a target"; fail=1; }
done
exit $fail
