#!/bin/bash
# hull db import: OSV entries whose parts have the wrong shape import
# without failing the run, and the summary line says how many affected
# entries and fields were skipped, of which file, and the first reason.
set -u
: "${HULL:?HULL is not set}"
tmp=$(mktemp -d /tmp/hull-db-shapes.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0

mkdir "$tmp/osv"
printf '%s\n' '{"id":"S-1","affected":{"x":1}}' >"$tmp/osv/a.json"
printf '%s\n' '{"id":"S-2","affected":["a","b"]}' >"$tmp/osv/b.json"
printf '%s\n' '{"id":"S-3","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":"x"}]}' >"$tmp/osv/c.json"
printf '%s\n' '{"id":"S-4","affected":[{"package":{"ecosystem":"npm","name":"a"},"versions":["1.0.0",7]}]}' >"$tmp/osv/d.json"
printf '%s\n' '{"id":"S-5","affected":[{"package":{"ecosystem":"npm","name":"b"},"versions":["1.0.0"]}]}' >"$tmp/good.json"

"$HULL" db import --db "$tmp/v.db" "$tmp/osv" "$tmp/good.json" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL: import exited $rc"; cat "$tmp/err"; fail=1; }
want="hull: imported '$tmp/osv': 4 files, 4 advisory records, 1 affected packages; skipped 4 affected entries, 2 malformed fields (first: '$tmp/osv/a.json': S-1: 'affected' is not a list)"
grep -qxF "$want" "$tmp/err" ||
	{ echo "FAIL: summary line"; echo "want: $want"; cat "$tmp/err"; fail=1; }
grep -qxF "hull: imported '$tmp/good.json': 1 files, 1 advisory records, 1 affected packages" "$tmp/err" ||
	{ echo "FAIL: a clean file's line mentions skips"; cat "$tmp/err"; fail=1; }
exit $fail
