#!/usr/bin/env bash
# hull host --root: the file checks (CIS Docker Benchmark section 3) on a
# fabricated host tree with wrong owners and modes, while the daemon
# cannot be reached (exit 3, the file findings still reported).  As
# root, also: a check that needs root is skipped, not failed, for an
# unprivileged user.
set -uo pipefail

: "${HULL:?HULL must name the hull binary}"
if [ "$(id -u)" != 0 ]; then
	echo "skipped: needs root to give the fabricated files other owners"
	exit 77
fi
command -v python3 >/dev/null || {
	echo "skipped: python3 is needed to read the JSON report"
	exit 77
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
fails=0
ok() { echo "ok: $*"; }
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# The tree: what a careless host looks like.
mkdir -p "$root/etc/docker/certs.d/reg:5000" "$root/lib/systemd/system" \
	"$root/etc/default" "$root/run/hull-fake" "$root/secret"
chmod 0777 "$root/etc/docker"
cat >"$root/etc/docker/daemon.json" <<'JSON'
{
  "hosts": ["unix:///run/hull-fake/docker.sock", "tcp://0.0.0.0:2375"],
  "icc": true,
  "tlskey": "/etc/docker/key.pem",
  "tlscacert": "/secret/ca.pem"
}
JSON
chown 1000:1000 "$root/etc/docker/daemon.json"
chmod 0666 "$root/etc/docker/daemon.json"
printf '[Service]\nExecStart=/usr/bin/dockerd -H fd://\n' \
	>"$root/lib/systemd/system/docker.service"
chgrp 50 "$root/lib/systemd/system/docker.service"
chmod 0664 "$root/lib/systemd/system/docker.service"
printf 'DOCKER_OPTS=""\n' >"$root/etc/default/docker"
chmod 0644 "$root/etc/default/docker"
echo cert >"$root/etc/docker/certs.d/reg:5000/ca.crt"
chmod 0644 "$root/etc/docker/certs.d/reg:5000/ca.crt"
echo key >"$root/etc/docker/key.pem"
chmod 0644 "$root/etc/docker/key.pem"
echo ca >"$root/secret/ca.pem"
chmod 0444 "$root/secret/ca.pem"
chmod 0700 "$root/secret"
printf 'root:x:0:\ndocker:x:998:alice,bob\n' >"$root/etc/group"
# A real unix socket, open to everyone.
python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])' "$root/run/hull-fake/docker.sock"
chmod 0666 "$root/run/hull-fake/docker.sock"

# /run/hull-fake does not exist on the real host: nothing answers there.
[ -e /run/hull-fake ] && {
	echo "skipped: /run/hull-fake exists on this host"
	exit 77
}
"$HULL" host --root "$root" --host unix:///run/hull-fake/docker.sock \
	-f json >"$tmp/out.json" 2>"$tmp/err"
rc=$?
[ $rc = 3 ] && ok "unreachable daemon: exit 3" || bad "exit $rc, expected 3"
grep -q "cannot reach the Docker Engine at 'unix:///run/hull-fake/docker.sock'" \
	"$tmp/err" && ok "error names the daemon" ||
	bad "stderr: $(cat "$tmp/err")"

# id and file of every finding.
python3 -c 'import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["id"], f["location"].get("file", "-"))' "$tmp/out.json" \
	>"$tmp/found" || bad "the report is not JSON"

expect() {
	if grep -qx "$1 $2" "$tmp/found"; then
		ok "$1 on $2"
	else
		bad "no $1 on $2"
	fi
}
refute() {
	if grep -q "^$1 " "$tmp/found"; then
		bad "unexpected $1: $(grep "^$1 " "$tmp/found")"
	else
		ok "no $1"
	fi
}
expect HO022 /etc/docker
expect HO028 /etc/docker/daemon.json
expect HO020 /lib/systemd/system/docker.service
expect HO023 "/etc/docker/certs.d/reg:5000/ca.crt"
expect HO026 /etc/docker/key.pem
expect HO027 /run/hull-fake/docker.sock
expect HO012 /etc/group
expect HO011 /etc/docker/daemon.json
expect HO002 /etc/docker/daemon.json
refute HO029 # /etc/default/docker is root:root 0644
refute HO024 # the CA is root:root 0444
refute HO021 # no docker.socket
refute HO001 # nothing said whether it is rootless
grep -q 'HO020' "$tmp/found" &&
	python3 -c 'import json, sys
m = [f["message"] for f in json.load(open(sys.argv[1]))["findings"]
     if f["id"] == "HO020"][0]
assert "group 50" in m and "0664" in m, m' "$tmp/out.json" &&
	ok "HO020 names the group and the mode" || bad "HO020 message"

# The same tree read by a user who may not enter /secret: the CA check
# is skipped with a reason, never reported as a problem.
user=${HULL_ROOTLESS_USER:-hulltest}
if [ -n "$user" ] && id "$user" >/dev/null 2>&1; then
	chmod 0711 "$tmp"
	setpriv --reuid="$user" --regid="$user" --init-groups \
		"$HULL" host --root "$root" \
		--host unix:///run/hull-fake/docker.sock -f json \
		>"$tmp/out2.json" 2>"$tmp/err2"
	rc=$?
	[ $rc = 3 ] && ok "unprivileged run: exit 3" ||
		bad "unprivileged run: exit $rc"
	grep -q "skipped TLS CA certificate '/secret/ca.pem': needs root" \
		"$tmp/err2" && ok "the CA check says it needs root" ||
		bad "stderr: $(cat "$tmp/err2")"
	grep -q '"HO024"' "$tmp/out2.json" && bad "HO024 reported" ||
		ok "no HO024 without root"
else
	echo "note: no unprivileged test user; the needs-root case is not run"
fi

[ $fails = 0 ] || exit 1
