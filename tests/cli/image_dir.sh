#!/bin/bash
# dir: sources: a root filesystem on the host read as one layer, lstat
# only: a symlink to / is reported as a symlink and never followed.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3
r=$tmp/rootfs
mkdir -p "$r/etc" "$r/bin" "$r/app" "$r/tmp" "$r/root/.ssh"
printf 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n' >"$r/etc/passwd"
printf 'root::1::::::\n' >"$r/etc/shadow"
echo k >"$r/root/.ssh/id_ed25519"
echo x >"$r/bin/sh"
echo x >"$r/bin/tool" && chmod 4755 "$r/bin/tool"
echo x >"$r/app/cfg" && chmod 666 "$r/app/cfg"
chmod 1777 "$r/tmp"
ln -s / "$r/host"
ln -s /etc/shadow "$r/etc/shadow-link"
"$HULL" image --format json --fail-on never "dir:$r" >"$tmp/out.json" \
	2>"$tmp/err" || { bad "exit $?"; cat "$tmp/err"; }
# A bare directory is guessed as dir:.
"$HULL" image --format json --fail-on never "$r" >"$tmp/bare.json" ||
	bad "bare dir"
python3 - "$tmp/out.json" "$tmp/bare.json" <<'PY' || fail=$((fail + 1))
import json, sys
r = json.load(open(sys.argv[1]))
f = r["findings"]
p = {(x["id"], x["location"].get("path")) for x in f}
want = {("IM010", "bin/tool"), ("IM011", "app/cfg"), ("IM013", "etc/shadow"),
        ("IM009", "root/.ssh/id_ed25519")}
# A root filesystem has no config: no user, healthcheck or age checks.
if any(x[0] in ("IM001", "IM005", "IM008") for x in p):
    print("FAIL config rules on a dir"); sys.exit(1)
ok = True
for w in want:
    if w not in p:
        print("FAIL missing", w); ok = False
if any((x[1] or "").startswith("host/") for x in p):
    print("FAIL followed the symlink to /"); ok = False
if ("IM011", "tmp") in p:
    print("FAIL sticky tmp reported"); ok = False
b = json.load(open(sys.argv[2]))["findings"]
if sorted(x["id"] for x in b) != sorted(x["id"] for x in f):
    print("FAIL bare dir differs from dir:"); ok = False
sys.exit(0 if ok else 1)
PY
finish
