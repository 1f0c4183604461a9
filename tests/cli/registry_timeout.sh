#!/bin/bash
# A registry that accepts the connection and then says nothing: hull gives
# up after REGISTRY_LOW_SPEED_TIME (60 s) and says so, "did not answer
# within 60 s", instead of curl's "Timeout was reached".  The server is
# python3 on 127.0.0.1 (a free port), stopped by its PID.  Takes a minute.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3

python3 - "$tmp/port" <<'PY' &
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
kill_on_exit $!
wait_file "$tmp/port" || { echo "FAIL: the test server did not start"; exit 1; }
port=$(cat "$tmp/port")

start=$(date +%s)
timeout 150 "$HULL" image --no-vulns --insecure-registry \
	"registry:127.0.0.1:$port/x:y" >/dev/null 2>"$tmp/err"
rc=$?
took=$(($(date +%s) - start))
[ $rc -eq 3 ] || bad "exit $rc, want 3"
grep -q "registry '127.0.0.1:$port' did not answer within 60 s" "$tmp/err" ||
	{ bad "message"; cat "$tmp/err"; }
if grep -q "Timeout was reached" "$tmp/err"; then
	bad "curl's message"
fi
echo "gave up after ${took}s"
finish
