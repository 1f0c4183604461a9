#!/bin/bash
# A registry that accepts the connection and then says nothing: hull gives
# up after REGISTRY_LOW_SPEED_TIME (60 s) and says so, "did not answer
# within 60 s", instead of curl's "Timeout was reached".  The server is
# python3 on 127.0.0.1 (a free port), stopped by its PID.  Takes a minute.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
fail=0

python3 - "$work/port" <<'PY' &
import os, socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
deadline = time.time() + 300
while time.time() < deadline:
    c, _ = s.accept()
    held.append(c)  # read nothing, answer nothing
PY
pid=$!
for _ in $(seq 50); do [ -f "$work/port" ] && break; sleep 0.1; done
[ -f "$work/port" ] || { echo "FAIL: the test server did not start"; exit 1; }
port=$(cat "$work/port")

start=$(date +%s)
timeout 150 "$HULL" image --no-vulns --insecure-registry \
	"registry:127.0.0.1:$port/x:y" >/dev/null 2>"$work/err"
rc=$?
took=$(($(date +%s) - start))
[ $rc -eq 3 ] || { echo "FAIL: exit $rc, want 3"; fail=1; }
grep -q "registry '127.0.0.1:$port' did not answer within 60 s" "$work/err" ||
	{ echo "FAIL: message"; cat "$work/err"; fail=1; }
if grep -q "Timeout was reached" "$work/err"; then
	echo "FAIL: curl's message"; fail=1
fi
echo "gave up after ${took}s"
exit $fail
