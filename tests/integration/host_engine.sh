#!/usr/bin/env bash
# hull host against real daemons started by tests/env/services.sh: the
# private rootful dockerd and the rootless one, told apart; the daemon's
# own command line and daemon.json read beside the Engine's own answers.
set -uo pipefail

: "${HULL:?HULL must name the hull binary}"
missing=""
for v in HULL_DOCKER_HOST HULL_DOCKER_CONFIG HULL_ROOTLESS_DOCKER_HOST \
	HULL_ROOTLESS_HOME; do
	[ -n "${!v:-}" ] || missing="$missing $v"
done
if [ -n "$missing" ]; then
	echo "skipped: the test daemons are not running (unset:$missing);" \
		"run through make check as root"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok: $*"; }
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# "ID" per finding, then "target: ..." per target.
summary() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
for f in r["findings"]:
    print(f["id"])
for t in r["targets"]:
    print("target:", t)' "$1"
}

# The rootful daemon.  Its daemon.json is not where daemon.json usually
# is: hull learns the path from the daemon's own --config-file.
"$HULL" host --host "$HULL_DOCKER_HOST" \
	-f json >"$tmp/rootful.json" 2>"$tmp/rootful.err"
rc=$?
[ $rc = 1 ] && ok "rootful: exit 1 (findings)" ||
	bad "rootful: exit $rc: $(cat "$tmp/rootful.err")"
summary "$tmp/rootful.json" >"$tmp/rootful"
grep -qx HO001 "$tmp/rootful" && ok "rootful: HO001 (runs as root)" ||
	bad "rootful: no HO001"
grep -q "^target: daemon $HULL_DOCKER_HOST (rootful, Engine " "$tmp/rootful" &&
	ok "rootful: reported as rootful" || bad "rootful targets: $(grep target "$tmp/rootful")"
# Facts the Engine gives: its version and cgroup version.
ver=$(curl -fsS --unix-socket "${HULL_DOCKER_HOST#unix://}" \
	http://localhost/v1.41/version | python3 -c 'import json, sys
print(json.load(sys.stdin)["Version"])')
grep -q "Engine $ver)" "$tmp/rootful" && ok "rootful: Engine $ver" ||
	bad "rootful: version $ver not reported"
cg=$(curl -fsS --unix-socket "${HULL_DOCKER_HOST#unix://}" \
	http://localhost/v1.41/info | python3 -c 'import json, sys
print(json.load(sys.stdin)["CgroupVersion"])')
if [ "$cg" = 1 ]; then
	grep -qx HO003 "$tmp/rootful" && ok "cgroup v1: HO003" || bad "no HO003"
else
	grep -qx HO003 "$tmp/rootful" && bad "HO003 on cgroup v$cg" ||
		ok "cgroup v$cg: no HO003"
fi
grep -qx "target: config $HULL_DOCKER_CONFIG" "$tmp/rootful" &&
	ok "rootful: daemon.json found through the daemon's --config-file" ||
	bad "rootful: $(grep 'target: config' "$tmp/rootful")"
# services.sh starts it with --userland-proxy=false, which only its
# command line says (the Engine does not report it).
grep -qx HO005 "$tmp/rootful" && bad "rootful: HO005 despite the flag" ||
	ok "rootful: --userland-proxy=false read from the command line"
# No bridge network on the test daemon (--bridge=none): icc is moot.
grep -qx HO002 "$tmp/rootful" && bad "rootful: HO002 without a bridge" ||
	ok "rootful: no HO002 without a bridge"
# The default seccomp profile is on.
grep -qx HO007 "$tmp/rootful" && bad "rootful: HO007" || ok "rootful: no HO007"

# The rootless daemon: its daemon.json is found in its user's HOME.
"$HULL" host --host "$HULL_ROOTLESS_DOCKER_HOST" -f json \
	>"$tmp/rootless.json" 2>"$tmp/rootless.err"
rc=$?
[ $rc = 1 ] && ok "rootless: exit 1 (findings)" ||
	bad "rootless: exit $rc: $(cat "$tmp/rootless.err")"
summary "$tmp/rootless.json" >"$tmp/rootless"
grep -qx HO001 "$tmp/rootless" && bad "rootless: HO001" ||
	ok "rootless: no HO001"
grep -q "^target: daemon $HULL_ROOTLESS_DOCKER_HOST (rootless, " \
	"$tmp/rootless" && ok "rootless: reported as rootless" ||
	bad "rootless targets: $(grep target "$tmp/rootless")"
grep -qx "target: config $HULL_ROOTLESS_HOME/.config/docker/daemon.json" \
	"$tmp/rootless" && ok "rootless: daemon.json found in its HOME" ||
	bad "rootless: $(grep 'target: config' "$tmp/rootless")"
# The docker group grants the rootful socket only.
grep -qx HO012 "$tmp/rootless" && bad "rootless: HO012" ||
	ok "rootless: no HO012"

# daemon.json settings the Engine does not report.
cat >"$tmp/hardened.json" <<'JSON'
{ "userland-proxy": false, "no-new-privileges": true,
  "insecure-registries": ["registry.example:5000"] }
JSON
"$HULL" host --host "$HULL_DOCKER_HOST" --daemon-config "$tmp/hardened.json" \
	-f json >"$tmp/cfg.json" 2>/dev/null
summary "$tmp/cfg.json" >"$tmp/cfg"
grep -qx HO006 "$tmp/rootful" && ! grep -qx HO006 "$tmp/cfg" &&
	ok "no-new-privileges read from daemon.json" ||
	bad "HO006 not following daemon.json"
grep -qx HO010 "$tmp/cfg" && ok "insecure registry from daemon.json" ||
	bad "no HO010"
grep -qx HO010 "$tmp/rootful" && bad "HO010 without insecure registries" ||
	ok "no HO010 on the default registries"

# A broken daemon.json: exit 3, the file named, the Engine still asked.
echo '{ "icc": ' >"$tmp/broken.json"
"$HULL" host --host "$HULL_DOCKER_HOST" --daemon-config "$tmp/broken.json" \
	-f json >"$tmp/broken.out" 2>"$tmp/broken.err"
rc=$?
[ $rc = 3 ] && ok "broken daemon.json: exit 3" || bad "broken daemon.json: exit $rc"
grep -q "cannot parse '$tmp/broken.json'" "$tmp/broken.err" &&
	ok "broken daemon.json named" || bad "stderr: $(cat "$tmp/broken.err")"
# Into a file first: grep -q stops reading early, which would break the
# writer's pipe.
summary "$tmp/broken.out" >"$tmp/broken.ids"
grep -qx HO001 "$tmp/broken.ids" && ok "Engine facts still used" ||
	bad "no HO001 with a broken daemon.json"

# Every format renders.
for fmt in table sarif github; do
	"$HULL" host --host "$HULL_DOCKER_HOST" -f "$fmt" >"$tmp/f.$fmt" 2>/dev/null
	[ -s "$tmp/f.$fmt" ] && grep -q HO001 "$tmp/f.$fmt" &&
		ok "format $fmt" || bad "format $fmt"
done

[ $fails = 0 ] || exit 1
