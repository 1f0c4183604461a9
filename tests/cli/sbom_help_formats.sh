#!/bin/bash
# The formats `hull sbom` accepts are exactly those its help, hull --help
# and hull(1) list: cyclonedx, spdx, json and table; sarif and github are
# refused.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1

mkdir -p "$tmp/root/lib/apk/db" "$tmp/root/etc"
printf 'ID=alpine\nVERSION_ID=3.19.1\n' >"$tmp/root/etc/os-release"
printf 'P:musl\nV:1.2.4-r2\nA:x86_64\n\n' >"$tmp/root/lib/apk/db/installed"
for f in cyclonedx spdx json table; do
	"$HULL" sbom -f "$f" "dir:$tmp/root" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	assert "sbom -f $f accepted (rc $rc: $(cat "$tmp/err"))" '[ $rc -eq 0 ]'
	assert "sbom -f $f lists musl" 'grep -q musl "$tmp/out"'
	assert "sbom --help lists $f" '"$HULL" sbom --help | grep -q "$f"'
	assert "hull --help lists $f for sbom" \
		'"$HULL" --help | sed -n "/for sbom/,+1p" | grep -q "$f"'
	assert "hull(1) lists $f for sbom" \
		'sed -n "/^\.B sbom /,/^\.TP/p" "$HULL_SRC/docs/hull.1" | grep -q "$f"'
done
for f in sarif github; do
	"$HULL" sbom -f "$f" "dir:$tmp/root" >/dev/null 2>&1
	rc=$?
	assert "sbom -f $f refused (rc $rc)" '[ $rc -eq 2 ]'
	assert "sbom --help does not list $f" '! "$HULL" sbom --help | grep -q "$f"'
done
finish
