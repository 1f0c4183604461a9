#!/bin/bash
# hull image reports vulnerabilities end to end, on real data:
#  - the Alpine 3.10 image against the four vuln-list files gives exactly
#    the vulnerable rows of advisories/alpine-3.10-vulnlist/
#    expected-alpine-310.tsv (advisory, package, installed, fixed), both
#    ways, with the image, layer and package file as location;
#  - against alpine-secdb v3.10 alone it gives none;
#  - against every shared advisory source imported together it still
#    gives exactly the expected set (prints the totals by severity);
#  - a root filesystem (dir:) with a Python egg-info matches the PyPI data;
#  - --severity, --ignore-unfixed, --fail-on and ignores (reason, expiry,
#    path glob, ignore file) act on vulnerability findings, with a small
#    OSV file written here for known severities and an unfixed advisory;
#  - no database: a warning, the rest of the report, the report says
#    vulnerabilities were not checked; a named database that is missing
#    exits 3; --no-vulns checks nothing and says nothing.
set -u
: "${HULL:?}" "${HULL_DATA:=}"
adv="$HULL_DATA/advisories"
image="$HULL_DATA/images/alpine-310.tar.gz"
if [ ! -d "$adv" ] || [ ! -f "$image" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
tmp=$(mktemp -d /tmp/hull-image-vulns.XXXXXX)
[ -n "${HULL_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ref="docker-archive:$image"
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# The vulnerability findings of a JSON report as sorted TSV rows:
# id, package, installed, fixed ("-" for none).
vulns_tsv() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["findings"]:
    v = f.get("vulnerability")
    if v:
        print("\t".join([f["id"], v["package"], v["installed_version"],
                         v["fixed_version"] or "-"]))' "$1" | sort
}

# Every vulnerable row of the expected table, in the same shape.
awk -F'\t' 'NR > 1 && $6 == "vulnerable" { print $4 "\t" $1 "\t" $2 "\t" $5 }' \
	"$adv/alpine-3.10-vulnlist/expected-alpine-310.tsv" | sort >"$tmp/want"
[ "$(wc -l <"$tmp/want")" = 20 ] || bad "expected table has $(wc -l <"$tmp/want") vulnerable rows, EXPECTED.md says 20"

# Compare the report's vulnerabilities with a want file, both ways.
same_set() { # same_set NAME REPORT WANT
	vulns_tsv "$2" >"$tmp/got"
	if [ ! -s "$2" ]; then
		bad "$1: no report"
		return
	fi
	comm -13 "$3" "$tmp/got" >"$tmp/extra"
	comm -23 "$3" "$tmp/got" >"$tmp/missing"
	if [ -s "$tmp/extra" ] || [ -s "$tmp/missing" ]; then
		bad "$1: findings differ"
		sed 's/^/  extra:   /' "$tmp/extra"
		sed 's/^/  missing: /' "$tmp/missing"
	else
		ok
	fi
}

# 1. vuln-list only.
"$HULL" db import -q --db "$tmp/vl.db" "$adv/alpine-3.10-vulnlist" ||
	bad "import of alpine-3.10-vulnlist"
"$HULL" image "$ref" --db "$tmp/vl.db" --format json --fail-on never \
	>"$tmp/vl.json" 2>"$tmp/err"
rc=$?
[ $rc = 0 ] || { bad "vuln-list scan exited $rc"; cat "$tmp/err"; }
same_set "vuln-list" "$tmp/vl.json" "$tmp/want"
# Each finding: the image as target, layer 0 with its digest and history,
# the apk database as the file, the Alpine release as ecosystem, a purl.
python3 - "$tmp/vl.json" "$ref" >"$tmp/loc" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
vs = [f for f in d["findings"] if "vulnerability" in f]
bad = [f["id"] for f in vs
       if f["location"].get("target") != sys.argv[2]
       or f["location"].get("path") != "lib/apk/db/installed"
       or f["location"]["layer"]["index"] != 0
       or not re.fullmatch(r"sha256:[0-9a-f]{64}",
                           f["location"]["layer"].get("digest", ""))
       or "ADD file:" not in f["location"]["layer"].get("created_by", "")
       or f["vulnerability"]["ecosystem"] != "alpine:3.10.4"
       or f["vulnerability"]["status"] != "fixed"
       or f["vulnerability"]["package_path"] != "lib/apk/db/installed"
       or not f["vulnerability"]["purl"].startswith(
           "pkg:apk/alpine/%s@" % f["vulnerability"]["package"])
       or not f["remediation"].startswith("upgrade ")]
s = d["vulnerabilities"]
if not s["checked"] or s["total"] != len(vs) or s["total"] != 20:
    bad.append("summary %r" % s)
print(" ".join(bad))
PY
if [ -s "$tmp/loc" ] && [ "$(cat "$tmp/loc")" != "" ]; then
	bad "location or details wrong for: $(cat "$tmp/loc")"
else
	ok
fi

# 2. alpine-secdb v3.10 alone: nothing is vulnerable.
"$HULL" db import -q --db "$tmp/secdb.db" "$adv/alpine-secdb/v3.10" ||
	bad "import of alpine-secdb v3.10"
"$HULL" image "$ref" --db "$tmp/secdb.db" --format json --fail-on never \
	>"$tmp/secdb.json" 2>/dev/null
: >"$tmp/none"
same_set "alpine-secdb v3.10" "$tmp/secdb.json" "$tmp/none"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["vulnerabilities"]
sys.exit(0 if d["checked"] and d["total"] == 0 else 1)' "$tmp/secdb.json" &&
	ok || bad "secdb: the report does not say 0 checked vulnerabilities"

# 3. Every shared source at once: still exactly the expected set.
"$HULL" db import -q --db "$tmp/all.db" "$adv/alpine-secdb" \
	"$adv/alpine-3.10-vulnlist" "$adv/go-vulndb" "$adv/pypa-osv" \
	"$adv/debian-tracker" || bad "import of every source"
"$HULL" image "$ref" --db "$tmp/all.db" --format json --fail-on never \
	>"$tmp/all.json" 2>/dev/null
same_set "all sources" "$tmp/all.json" "$tmp/want"
"$HULL" image "$ref" --db "$tmp/all.db" --fail-on never >"$tmp/all.txt" \
	2>/dev/null
echo "alpine-310 against every source: $(grep '^Vulnerabilities:' "$tmp/all.txt")"
grep -q '^Vulnerabilities: 20 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 20)$' \
	"$tmp/all.txt" && ok || bad "table totals: $(grep '^Vuln' "$tmp/all.txt")"
# The table's vulnerability columns: package, installed, fixed.
grep -Eq '^  layer 0 +UNKNOWN +CVE-2020-1967 +libcrypto1\.1 +1\.1\.1d-r2 +1\.1\.1g-r0 ' \
	"$tmp/all.txt" && ok || bad "no table row with package, installed and fixed"

# 4. A root filesystem with a Python egg: setuptools 51.3.3 is below the
# fix of PYSEC-2022-43012 (65.5.1) and above that of PYSEC-2013-22 (0.7).
eggdir="$tmp/root/usr/lib/python3.8/site-packages/setuptools-51.3.3-py3.8.egg-info"
mkdir -p "$eggdir"
cp "$HULL_DATA/pkgdb/python/setuptools-51.3.3-py3.8.egg-info.PKG-INFO" \
	"$eggdir/PKG-INFO"
"$HULL" image "dir:$tmp/root" --db "$tmp/all.db" --format json \
	--fail-on never >"$tmp/dir.json" 2>/dev/null
printf 'PYSEC-2022-43012\tsetuptools\t51.3.3\t65.5.1\n' >"$tmp/want-py"
same_set "dir: with a Python egg" "$tmp/dir.json" "$tmp/want-py"
"$HULL" sbom "$tmp/root" --format json >"$tmp/sbom.json" 2>/dev/null &&
	grep -q '"setuptools"' "$tmp/sbom.json" && ok ||
	bad "hull sbom DIR no longer lists the egg"

# 5. Policy on vulnerability findings.  A small OSV file with a CVSS 3.1
# vector (AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H is 9.8, CRITICAL, by the
# specification's formula) for zlib, and an advisory with no fix for
# musl (status affected, "not fixed").
mkdir -p "$tmp/osv"
cat >"$tmp/osv/zlib.json" <<'EOF'
{"id": "HULLTEST-2020-0001", "modified": "2020-06-01T00:00:00Z",
 "summary": "test advisory for zlib",
 "severity": [{"type": "CVSS_V3",
   "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
 "affected": [{"package": {"ecosystem": "Alpine:v3.10", "name": "zlib"},
   "ranges": [{"type": "ECOSYSTEM",
     "events": [{"introduced": "0"}, {"fixed": "1.2.11-r2"}]}]}]}
EOF
cat >"$tmp/osv/musl.json" <<'EOF'
{"id": "HULLTEST-2020-0002", "modified": "2020-06-01T00:00:00Z",
 "summary": "test advisory for musl, no fix",
 "severity": [{"type": "CVSS_V3",
   "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
 "affected": [{"package": {"ecosystem": "Alpine:v3.10", "name": "musl"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}
EOF
"$HULL" db import -q --db "$tmp/pol.db" "$adv/alpine-3.10-vulnlist" \
	"$tmp/osv" || bad "import of the policy test data"
scan() { # scan OUT ARGS...: JSON report, exit code in $rc
	local out=$1
	shift
	"$HULL" image "$ref" --db "$tmp/pol.db" --format json "$@" \
		>"$tmp/$out.json" 2>"$tmp/$out.err"
	rc=$?
}
count() { # count REPORT PYTHON-CONDITION-ON-f: vulnerability findings
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(1 for f in d['findings'] if 'vulnerability' in f and ($2)))" "$1"
}
scan base --fail-on never
# 20 from vuln-list, zlib (CRITICAL), musl and musl-utils (MEDIUM, 5.3).
[ "$(count "$tmp/base.json" True)" = 23 ] && ok ||
	bad "policy base: $(count "$tmp/base.json" True) vulnerabilities, want 23"
[ "$(count "$tmp/base.json" "f['id'] == 'HULLTEST-2020-0001' and f['severity'] == 'CRITICAL'")" = 1 ] &&
	ok || bad "the CVSS 9.8 advisory is not CRITICAL"
[ "$(count "$tmp/base.json" "f['id'] == 'HULLTEST-2020-0002' and f['severity'] == 'MEDIUM' and f['vulnerability']['fixed_version'] is None and f['vulnerability']['status'] == 'affected'")" = 2 ] &&
	ok || bad "the unfixed advisory is not MEDIUM/affected on musl and musl-utils"
"$HULL" image "$ref" --db "$tmp/pol.db" --fail-on never >"$tmp/base.txt" 2>/dev/null
grep -Eq '^  layer 0 +MEDIUM +HULLTEST-2020-0002 +musl +1\.1\.22-r3 +not fixed ' \
	"$tmp/base.txt" && ok || bad "the table does not say 'not fixed'"
grep -q '^Vulnerabilities: 23 (CRITICAL: 1, HIGH: 0, MEDIUM: 2, LOW: 0, UNKNOWN: 20)$' \
	"$tmp/base.txt" && ok || bad "totals: $(grep '^Vuln' "$tmp/base.txt")"

scan sev --severity CRITICAL --fail-on never
[ "$(count "$tmp/sev.json" True)" = 1 ] &&
	[ "$(count "$tmp/sev.json" "f['id'] == 'HULLTEST-2020-0001'")" = 1 ] &&
	ok || bad "--severity CRITICAL shows $(count "$tmp/sev.json" True) vulnerabilities"

scan unfixed --ignore-unfixed --fail-on never
[ "$(count "$tmp/unfixed.json" True)" = 21 ] &&
	[ "$(count "$tmp/unfixed.json" "f['vulnerability']['fixed_version'] is None")" = 0 ] &&
	ok || bad "--ignore-unfixed left $(count "$tmp/unfixed.json" True)"

scan failc --fail-on critical --skip IM001
[ $rc = 1 ] && ok || bad "--fail-on critical with a CRITICAL advisory exited $rc"
scan failc2 --fail-on critical --skip IM001 --skip HULLTEST-2020-0001
[ $rc = 0 ] && ok || bad "--fail-on critical with the CRITICAL one skipped exited $rc"

cat >"$tmp/ignore.yaml" <<'EOF'
ignore:
  - id: HULLTEST-2020-0001
    reason: zlib is not reachable from input in this image
    expires: 2999-12-31
  - id: CVE-2020-1967
    reason: expired ignore, must not apply
    expires: 2000-01-01
  - id: CVE-2021-3449
    reason: only the apk database, by path
    path: "lib/apk/db/*"
  - id: CVE-2021-3450
    reason: another file, must not apply
    path: "usr/lib/*"
EOF
scan ign --config "$tmp/ignore.yaml" --fail-on critical --skip IM001
[ $rc = 0 ] && ok || bad "an ignored CRITICAL still fails the run (exit $rc)"
[ "$(count "$tmp/ign.json" "f['id'] == 'HULLTEST-2020-0001'")" = 0 ] && ok ||
	bad "the ignore with a future expiry did not apply"
[ "$(count "$tmp/ign.json" "f['id'] == 'CVE-2020-1967'")" = 2 ] && ok ||
	bad "the expired ignore still applied"
grep -q "CVE-2020-1967" "$tmp/ign.err" && grep -qi "expire" "$tmp/ign.err" &&
	ok || bad "no warning about the expired ignore"
[ "$(count "$tmp/ign.json" "f['id'] == 'CVE-2021-3449'")" = 0 ] && ok ||
	bad "the ignore by path glob did not apply"
[ "$(count "$tmp/ign.json" "f['id'] == 'CVE-2021-3450'")" = 2 ] && ok ||
	bad "an ignore for another path applied"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
sys.exit(0 if d["summary"]["suppressed"] >= 3 else 1)' "$tmp/ign.json" &&
	ok || bad "suppressed count does not include the ignored vulnerabilities"
printf '# plain ignore file\nCVE-2021-28831 busybox is not used as a client\n' \
	>"$tmp/ignore.txt"
scan ignf --ignore-file "$tmp/ignore.txt" --fail-on never
[ "$(count "$tmp/ignf.json" "f['id'] == 'CVE-2021-28831'")" = 0 ] &&
	[ "$(count "$tmp/ignf.json" True)" = 21 ] && ok ||
	bad "--ignore-file did not drop exactly CVE-2021-28831"

# 6. No database, or a named one that is missing, or --no-vulns.
mkdir -p "$tmp/home"
XDG_CACHE_HOME="$tmp/home/cache" "$HULL" image "$ref" --fail-on never \
	>"$tmp/nodb.txt" 2>"$tmp/nodb.err"
rc=$?
[ $rc = 0 ] && ok || bad "no database: exit $rc, want 0 with --fail-on never"
grep -q "no vulnerability database at '$tmp/home/cache/hull/vuln.db'; run 'hull db import' or 'hull db update'; vulnerabilities were not checked" \
	"$tmp/nodb.err" && ok || { bad "no database: no warning"; cat "$tmp/nodb.err"; }
grep -q '^Vulnerabilities: not checked (no database)$' "$tmp/nodb.txt" &&
	grep -q IM001 "$tmp/nodb.txt" && ok ||
	bad "no database: the table does not say so, or lost the other findings"
XDG_CACHE_HOME="$tmp/home/cache" "$HULL" image "$ref" --format json \
	>"$tmp/nodb.json" 2>/dev/null
rc=$?
[ $rc = 1 ] && ok || bad "no database: exit $rc, want 1 (IM001 is HIGH)"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
v=d["vulnerabilities"]; sys.exit(0 if not v["checked"] and v["reason"] == "no database" else 1)' \
	"$tmp/nodb.json" && ok || bad "no database: JSON does not say not checked"
"$HULL" image "$ref" --db "$tmp/missing.db" --fail-on never \
	>/dev/null 2>"$tmp/named.err"
rc=$?
[ $rc = 3 ] && grep -q "no vulnerability database at '$tmp/missing.db'" \
	"$tmp/named.err" && ok || bad "a missing --db: exit $rc"
[ ! -e "$tmp/missing.db" ] && ok || bad "a missing --db was created"
echo "not a database" >"$tmp/junk.db"
"$HULL" image "$ref" --db "$tmp/junk.db" --fail-on never \
	>/dev/null 2>"$tmp/junk.err"
rc=$?
[ $rc = 3 ] && grep -q "junk.db" "$tmp/junk.err" && ok ||
	bad "a --db that is not a database: exit $rc"
XDG_CACHE_HOME="$tmp/home/cache" "$HULL" image "$ref" --no-vulns \
	--format json --fail-on never >"$tmp/nov.json" 2>"$tmp/nov.err"
rc=$?
[ $rc = 0 ] && ! grep -q "vulnerab" "$tmp/nov.err" &&
	! grep -q '"vulnerabilities"' "$tmp/nov.json" &&
	grep -q IM001 "$tmp/nov.json" && ok || bad "--no-vulns: exit $rc"

# 7. Old data: a warning naming the age against db.max-age-days.
printf 'db:\n  max-age-days: 7\n' >"$tmp/age.yaml"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE sources SET imported_at = imported_at - 30 * 86400")
c.commit()' "$tmp/vl.db" 2>/dev/null
"$HULL" image "$ref" --db "$tmp/vl.db" --config "$tmp/age.yaml" \
	--fail-on never >/dev/null 2>"$tmp/age.err"
grep -Eq "vulnerability data is (29|30|31) days old \(db.max-age-days is 7\)" \
	"$tmp/age.err" && ok || { bad "no warning about old data"; cat "$tmp/age.err"; }

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
