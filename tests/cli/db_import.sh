#!/bin/bash
# hull db import and info: every shared advisory source imports, counts
# show per ecosystem, zip and tar.gz exports import, and a bad file fails
# the whole import (exit 3, file named) leaving the database unchanged.
set -u
: "${HULL:?HULL is not set}"
adv=${HULL_DATA:-}/advisories
if [ ! -d "$adv" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
tmp=$(mktemp -d /tmp/hull-db-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
db=$tmp/vuln.db

json_get() { # json_get FILE PYTHON-EXPR
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

"$HULL" db import --db "$db" "$adv/alpine-secdb" "$adv/alpine-3.10-vulnlist" \
	"$adv/go-vulndb" "$adv/pypa-osv" "$adv/debian-tracker" 2>"$tmp/err"
rc=$?
[ $rc = 0 ] || { echo "FAIL: import of everything exited $rc"; cat "$tmp/err"; fail=1; }
"$HULL" db info --db "$db" >"$tmp/info" || { echo "FAIL: db info"; fail=1; }
cat "$tmp/info"
"$HULL" db info --db "$db" --format json >"$tmp/info.json" || fail=1
go=$(ls "$adv/go-vulndb" | grep -c '^GO-.*\.json$')
eco() { json_get "$tmp/info.json" "[e['advisories'] for e in d['ecosystems'] if e['ecosystem']=='$1'][0]"; }
[ "$(eco go)" = "$go" ] || { echo "FAIL: go advisories $(eco go), want $go"; fail=1; }
# pypa: every file but those whose affected package lists neither ranges
py_aff=$(grep -rL -e '  ranges:' -e '  versions:' "$adv/pypa-osv" --include='*.yaml' | wc -l)
py=$(find "$adv/pypa-osv" -name '*.yaml' | wc -l)
# nor versions (OSV: then no version is affected), and those whose every
# range has an event version that is not PEP 440 (the pattern of PEP 440,
# appendix B) and that list no versions: such ranges are dropped.
py_bad=$(python3 - "$adv/pypa-osv" <<'PY'
import os, re, sys, yaml
pep440 = re.compile(r'''^\s*v?(?:(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*
    (?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?
    (?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?
    (?:[-_.]?dev[-_.]?[0-9]*)?)
    (?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\s*$''', re.X | re.I)
def ok(r):
    if r.get("type") != "ECOSYSTEM":
        return True
    for ev in r.get("events") or []:
        for k, v in ev.items():
            v = str(v)
            if (k, v) in (("introduced", "0"), ("limit", "*")):
                continue
            if len(v) > 256 or not pep440.match(v):
                return False
    return True
n = 0
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        if not f.endswith(".yaml"):
            continue
        doc = yaml.safe_load(open(os.path.join(d, f)))
        affs = doc.get("affected") or []
        had = any(a.get("ranges") or a.get("versions") for a in affs)
        usable = any(a.get("versions") or any(ok(r) for r in a.get("ranges") or [])
                     for a in affs)
        n += had and not usable
print(n)
PY
)
[ "$(eco pypi)" = "$((py - py_aff - py_bad))" ] ||
	{ echo "FAIL: pypi advisories $(eco pypi), want $((py - py_aff - py_bad))"; fail=1; }
dsa=$(grep -c '^\[.*\] DSA-' "$adv/debian-tracker/DSA.list")
dla=$(grep -c '^\[.*\] DLA-' "$adv/debian-tracker/DLA.list")
srcs=$(json_get "$tmp/info.json" "len(d['sources'])")
[ "$srcs" = 5 ] || { echo "FAIL: $srcs sources recorded, want 5"; fail=1; }
deb=$(json_get "$tmp/info.json" "[s['advisories'] for s in d['sources'] if s['name'].endswith('debian-tracker')][0]")
[ "$deb" = "$((dsa + dla))" ] || { echo "FAIL: debian records $deb, want $((dsa + dla))"; fail=1; }
for e in alpine debian go pypi; do
	grep -q "^  $e " "$tmp/info" || { echo "FAIL: no '$e' line in db info"; fail=1; }
done

# The per-ecosystem zip export and a tarball of the same files.
(cd "$adv/go-vulndb" && ls | head -100 | python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n in sys.stdin.read().split():
        z.write(n)' "$tmp/go.zip")
"$HULL" db import --db "$tmp/zip.db" "$tmp/go.zip" 2>/dev/null || { echo "FAIL: zip import"; fail=1; }
n=$("$HULL" db info --db "$tmp/zip.db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["advisories"])')
[ "$n" = 100 ] || { echo "FAIL: zip gave $n advisories, want 100"; fail=1; }
(cd "$adv/pypa-osv" && tar czf "$tmp/py.tar.gz" $(ls | head -20))
"$HULL" db import --db "$tmp/tar.db" "$tmp/py.tar.gz" 2>/dev/null || { echo "FAIL: tar.gz import"; fail=1; }
n=$("$HULL" db info --db "$tmp/tar.db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["advisories"])')
want=$(cd "$adv/pypa-osv" && find $(ls | head -20) -name '*.yaml' | wc -l)
[ "$n" = "$want" ] || { echo "FAIL: tar.gz gave $n advisories, want $want"; fail=1; }

# A bad file anywhere fails the whole import; nothing is half-written.
before=$("$HULL" db info --db "$tmp/zip.db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["advisories"])')
printf '{"id": "BROKEN-1", "affected": [' >"$tmp/broken.json"
"$HULL" db import --db "$tmp/zip.db" "$adv/alpine-3.10-vulnlist" "$tmp/broken.json" 2>"$tmp/err"
rc=$?
[ $rc = 3 ] || { echo "FAIL: bad file exited $rc, want 3"; fail=1; }
grep -q "broken.json" "$tmp/err" || { echo "FAIL: message does not name the file"; cat "$tmp/err"; fail=1; }
after=$("$HULL" db info --db "$tmp/zip.db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["advisories"])')
[ "$before" = "$after" ] || { echo "FAIL: failed import changed the database ($before -> $after)"; fail=1; }
head -c 3000 "$tmp/go.zip" >"$tmp/cut.zip"
"$HULL" db import --db "$tmp/zip.db" "$tmp/cut.zip" 2>/dev/null
[ $? = 3 ] || { echo "FAIL: truncated zip accepted"; fail=1; }
"$HULL" db import --db "$tmp/zip.db" "$tmp/nonexistent.json" 2>/dev/null
[ $? = 3 ] || { echo "FAIL: missing file not exit 3"; fail=1; }
"$HULL" db info --db "$tmp/none.db" 2>/dev/null
[ $? = 3 ] || { echo "FAIL: info on a missing database not exit 3"; fail=1; }
"$HULL" db 2>/dev/null
[ $? = 2 ] || { echo "FAIL: bare 'hull db' not exit 2"; fail=1; }
"$HULL" db frobnicate 2>/dev/null
[ $? = 2 ] || { echo "FAIL: unknown subcommand not exit 2"; fail=1; }

# An archive inside an archive is refused (it could nest without end).
python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.write(sys.argv[2], "inner.json")' "$tmp/nested.zip" "$tmp/go.zip"
"$HULL" db import --db "$tmp/nested.db" "$tmp/nested.zip" 2>"$tmp/err"
[ $? = 3 ] && grep -q "archives inside archives" "$tmp/err" ||
	{ echo "FAIL: nested archive not refused"; cat "$tmp/err"; fail=1; }

# Old data: db info warns past db.max-age-days.
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE sources SET imported_at = imported_at - 30 * 86400")
c.commit()' "$tmp/zip.db"
"$HULL" db info --db "$tmp/zip.db" >"$tmp/out" 2>"$tmp/err"
grep -q "data is 30 days old" "$tmp/out" || { echo "FAIL: age not shown"; fail=1; }
grep -q "30 days old (db.max-age-days is 7)" "$tmp/err" ||
	{ echo "FAIL: no warning for old data"; cat "$tmp/err"; fail=1; }

# The default path follows XDG_CACHE_HOME.
XDG_CACHE_HOME=$tmp/xdg "$HULL" db import "$adv/alpine-3.10-vulnlist" 2>/dev/null
[ -f "$tmp/xdg/hull/vuln.db" ] || { echo "FAIL: default path not under XDG_CACHE_HOME"; fail=1; }
exit $fail
