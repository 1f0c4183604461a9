#!/bin/bash
# hull harden from a compose service (no Engine reachable): the printed
# docker run line and compose service, audited by hull itself, give no
# runtime-hardening finding beyond the image's missing digest.  The
# image's config could not be read, so the exit code is 3, as for a bare
# IMAGE.
set -u
: "${HULL:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'services:\n  web:\n    image: shop/web:2.1\n    user: "1000"\n    ports: ["80:8080"]\n' >"$tmp/c.yml"
"$HULL" harden --host "unix://$tmp/none.sock" "$tmp/c.yml:web" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL: harden without an Engine exits $rc, want 3"; fail=1; }
grep -q "cannot read the config of 'shop/web:2.1'" "$tmp/err" || { echo "FAIL: no error about the Engine"; fail=1; }
grep -q -- "--user 1000" "$tmp/out" || { echo "FAIL: user not taken from the service"; fail=1; }
grep -q -- "--cap-add NET_BIND_SERVICE" "$tmp/out" && { echo "FAIL: port 8080 needs no NET_BIND_SERVICE"; fail=1; }
sed -n '/^docker run/,/^  shop/p' "$tmp/out" | sed "s/--health-cmd 'CHANGE-ME[^']*'/--health-cmd true/" >"$tmp/line.sh"
ids=$("$HULL" run -f json --in "$tmp/line.sh" | python3 -c 'import json,sys; print(" ".join(sorted({f["id"] for f in json.load(sys.stdin)["findings"]})))')
[ "$ids" = "RT024" ] || { echo "FAIL: hardened run line gives '$ids'"; fail=1; }
sed -n '/^services:/,$p' "$tmp/out" | sed 's/\["CMD", "false"\]/["CMD", "true"]/' >"$tmp/h.yml"
ids=$("$HULL" compose -f json "$tmp/h.yml" | python3 -c 'import json,sys; print(" ".join(sorted({f["id"] for f in json.load(sys.stdin)["findings"]})))')
[ "$ids" = "RT024" ] || { echo "FAIL: hardened compose gives '$ids'"; fail=1; }
"$HULL" harden >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: no argument is a usage error"; fail=1; }
# a bare IMAGE with the Engine unreachable: the input could not be read
"$HULL" harden --host "unix://$tmp/none.sock" alpine:3 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL: harden IMAGE without an Engine exits $rc, want 3"; fail=1; }
grep -q "cannot read the config of 'alpine:3'" "$tmp/err" ||
	{ echo "FAIL: harden IMAGE without an Engine: no error"; fail=1; }
grep -q "docker run" "$tmp/out" ||
	{ echo "FAIL: harden IMAGE without an Engine prints no line"; fail=1; }
exit $fail
