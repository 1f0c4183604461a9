#!/bin/bash
# OSV fields that cannot be used are counted as malformed in the import
# summary, never stored as if they were good: a severity vector that is
# not valid CVSS (or not the version its type names), an empty package
# name, a range event whose version is over 256 bytes or does not parse
# in its scheme (the range is dropped: kept, a fixed version hull cannot
# compare would read as "not fixed yet").  Inputs are written here.
set -u
: "${HULL:?HULL is not set}"
tmp=$(mktemp -d /tmp/hull-import-malformed.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
nines=$(printf '9%.0s' $(seq 300))

cat >cvss.json <<'JSON'
{"id":"T-CVSS","modified":"2024-01-01T00:00:00Z",
 "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AV:N"},
             {"type":"CVSS_V4","score":"xxxx"},
             {"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
 "affected":[{"package":{"ecosystem":"npm","name":"p"},
  "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.0.0"}]}]}]}
JSON
cat >noname.json <<'JSON'
{"id":"T-NONAME","modified":"2024-01-01T00:00:00Z",
 "affected":[{"package":{"ecosystem":"npm","name":""},
  "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.0.0"}]}]}]}
JSON
cat >semver.json <<'JSON'
{"id":"T-SEMVER","modified":"2024-01-01T00:00:00Z",
 "affected":[{"package":{"ecosystem":"npm","name":"q"},
  "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"not.a.version"}]},
            {"type":"SEMVER","events":[{"introduced":"2.0.0"},{"fixed":"2.1.0"}]}]}]}
JSON
printf '{"id":"T-LONG","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Alpine:v3.10","name":"musl"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}\n' "$nines" >long.json

# import FILE: the summary line.
import() { "$HULL" db import --db "$1.db" "$1.json" 2>&1; }

out=$(import cvss)
grep -q "skipped 2 malformed fields (first: '[^']*cvss.json': T-CVSS: severity\[0\]: not a valid CVSS_V3 vector)" <<<"$out" ||
	{ echo "FAIL: invalid CVSS vectors: $out"; fail=1; }
# The valid vector is the one kept.
v3=$(python3 -c 'import sqlite3
print(sqlite3.connect("cvss.db").execute("SELECT cvss_v3 FROM advisories").fetchone()[0])')
[ "$v3" = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" ] ||
	{ echo "FAIL: kept CVSS v3 vector is '$v3'"; fail=1; }

out=$(import noname)
grep -q "0 affected packages; skipped 1 affected entry (first: .*affected\[0\] has an empty package name)" <<<"$out" ||
	{ echo "FAIL: empty package name: $out"; fail=1; }

out=$(import semver)
grep -q "1 affected packages; skipped 1 malformed field (first: .*ranges\[0\] is malformed (a version" <<<"$out" ||
	{ echo "FAIL: unparseable SEMVER version: $out"; fail=1; }

out=$(import long)
grep -q "0 affected packages; skipped 1 affected entry, 1 malformed field (first: .*ranges\[0\] is malformed (a version" <<<"$out" ||
	{ echo "FAIL: 300-digit version: $out"; fail=1; }
exit $fail
