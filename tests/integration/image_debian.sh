#!/bin/bash
# A Debian image built in the tests from a debootstrap root filesystem
# lists exactly the packages `dpkg-query -W` prints inside it.
#
# The image is hull-test/debian:12 (tests/env/images.sh, a debootstrap
# --variant=minbase bookworm tree imported into the test dockerd).  The
# expected list comes from dpkg itself, run in a container of that image
# (no network); hull reads the image through the Engine API (docker:) and
# through a docker save archive, and both inventories must equal it, name
# and version, both ways.  Then `hull image` on the same image matches the
# Debian packages in the "debian:12" ecosystem against the Debian
# security tracker data: every finding must name a package and version
# dpkg lists.
#
# Needs HULL_DOCKER_HOST (the dockerd tests/env/services.sh started) and
# HULL_TEST_DEBIAN_IMAGE.
set -u
: "${HULL:?}" "${HULL_DATA:=}"
if [ -z "${HULL_DOCKER_HOST:-}" ]; then
	echo "skipped: HULL_DOCKER_HOST is not set (tests/env/services.sh start)"
	exit 77
fi
if [ -z "${HULL_TEST_DEBIAN_IMAGE:-}" ]; then
	echo "skipped: HULL_TEST_DEBIAN_IMAGE is not set (no debootstrap image)"
	exit 77
fi
docker=/usr/bin/docker
[ -x "$docker" ] || docker=docker
dk() { "$docker" -H "$HULL_DOCKER_HOST" "$@"; }
img=$HULL_TEST_DEBIAN_IMAGE
if ! dk image inspect "$img" >/dev/null 2>&1; then
	echo "skipped: $img is not in the test dockerd"
	exit 77
fi
tmp=$(mktemp -d /tmp/hull-image-debian.XXXXXX)
[ -n "${HULL_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# What dpkg says is installed, inside the image.
dk run --rm --network none "$img" \
	dpkg-query -W -f '${Package}\t${Version}\n' >"$tmp/dpkg.raw" ||
	{ echo "FAIL: dpkg-query in $img"; exit 1; }
sort -u "$tmp/dpkg.raw" >"$tmp/want"
n=$(wc -l <"$tmp/want")
[ "$n" -gt 50 ] || { echo "FAIL: dpkg-query listed only $n packages"; exit 1; }

inventory() { # inventory REPORT: "name<TAB>version" of the deb packages
	python3 -c '
import json, sys
for p in json.load(open(sys.argv[1]))["packages"]:
    if p["type"] == "deb":
        print(p["name"] + "\t" + p["version"])' "$1" | sort -u
}

same() { # same NAME GOT
	comm -13 "$tmp/want" "$2" >"$tmp/extra"
	comm -23 "$tmp/want" "$2" >"$tmp/missing"
	if [ -s "$tmp/extra" ] || [ -s "$tmp/missing" ]; then
		bad "$1: the inventory differs from dpkg-query"
		sed 's/^/  extra:   /' "$tmp/extra" | head -20
		sed 's/^/  missing: /' "$tmp/missing" | head -20
	else
		ok
	fi
}

DOCKER_HOST=$HULL_DOCKER_HOST "$HULL" sbom "docker:$img" --format json \
	>"$tmp/engine.json" 2>"$tmp/engine.err" ||
	{ bad "hull sbom docker:$img exited $?"; cat "$tmp/engine.err"; }
inventory "$tmp/engine.json" >"$tmp/engine.tsv"
same "docker:$img" "$tmp/engine.tsv"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["os"]["family"] == "debian" and d["os"]["version"] == "12"
         else 1)' "$tmp/engine.json" && ok || bad "the OS is not debian 12"

dk save -o "$tmp/debian.tar" "$img" || bad "docker save $img"
"$HULL" sbom "docker-archive:$tmp/debian.tar" --format json \
	>"$tmp/archive.json" 2>"$tmp/archive.err" ||
	{ bad "hull sbom docker-archive exited $?"; cat "$tmp/archive.err"; }
inventory "$tmp/archive.json" >"$tmp/archive.tsv"
same "docker-archive" "$tmp/archive.tsv"
echo "dpkg-query lists $n packages; hull: $(wc -l <"$tmp/engine.tsv") (docker:)," \
	"$(wc -l <"$tmp/archive.tsv") (docker-archive:)"

# hull image: the same packages go to the matcher as "debian:12".
if [ -d "$HULL_DATA/advisories/debian-tracker" ]; then
	"$HULL" db import -q --db "$tmp/deb.db" \
		"$HULL_DATA/advisories/debian-tracker" || bad "tracker import"
	"$HULL" image "docker-archive:$tmp/debian.tar" --db "$tmp/deb.db" \
		--format json --fail-on never >"$tmp/image.json" \
		2>"$tmp/image.err"
	rc=$?
	[ $rc = 0 ] || { bad "hull image exited $rc"; cat "$tmp/image.err"; }
	python3 - "$tmp/image.json" "$tmp/want" >"$tmp/vbad" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
have = set(tuple(l.rstrip("\n").split("\t")) for l in open(sys.argv[2]))
v = d["vulnerabilities"]
if not v["checked"]:
    print("not checked")
for f in d["findings"]:
    x = f.get("vulnerability")
    if not x:
        continue
    if (x["ecosystem"] != "debian:12"
            or (x["package"], x["installed_version"]) not in have
            or f["location"].get("path") != "var/lib/dpkg/status"):
        print(f["id"], x["package"], x["installed_version"], x["ecosystem"])
print("%d vulnerability findings" % v.get("total", -1), file=sys.stderr)
PY
	if [ -s "$tmp/vbad" ]; then
		bad "vulnerability findings that dpkg does not back:"
		head -20 "$tmp/vbad"
	else
		ok
	fi
fi

# A tracker list written here: a fix for glibc above anything installed,
# and an issue in zlib that will not be fixed.  The findings must be
# exactly the binary packages dpkg says are built from those sources.
dk run --rm --network none "$img" dpkg-query -W \
	-f '${Package}\t${Version}\t${source:Package}\n' >"$tmp/src.raw" ||
	bad "dpkg-query of the source packages"
awk -F'\t' '$3 == "glibc" { print "DSA-9901-1\t" $1 "\t" $2 "\t99.0-1" }
	$3 == "zlib" { print "DSA-9902-1\t" $1 "\t" $2 "\t-" }' \
	"$tmp/src.raw" | sort >"$tmp/want-vulns"
cat >"$tmp/test.list" <<'LIST'
[01 Jan 2099] DSA-9901-1 glibc - test update
	{CVE-2099-0001}
	[bookworm] - glibc 99.0-1
[01 Jan 2099] DSA-9902-1 zlib - test issue
	{CVE-2099-0002}
	[bookworm] - zlib <no-dsa> (Minor issue)
LIST
"$HULL" db import -q --db "$tmp/test.db" "$tmp/test.list" ||
	bad "test list import"
"$HULL" image "docker-archive:$tmp/debian.tar" --db "$tmp/test.db" \
	--format json --fail-on never >"$tmp/test.json" 2>/dev/null
python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    v = f.get("vulnerability")
    if v:
        print("\t".join([f["id"], v["package"], v["installed_version"],
                         v["fixed_version"] or "-"]))' "$tmp/test.json" |
	sort >"$tmp/got-vulns"
if [ "$(grep -c . "$tmp/want-vulns")" -ge 3 ] &&
	cmp -s "$tmp/want-vulns" "$tmp/got-vulns"; then
	ok
else
	bad "findings for glibc and zlib differ from dpkg's source packages"
	diff "$tmp/want-vulns" "$tmp/got-vulns" | head -20
fi
python3 -c '
import json, sys
fs = [f for f in json.load(open(sys.argv[1]))["findings"]
      if f.get("vulnerability", {}).get("package") == "zlib1g"]
sys.exit(0 if fs and fs[0]["vulnerability"]["status"] == "will_not_fix"
         else 1)' "$tmp/test.json" && ok || bad "zlib1g is not will_not_fix"
"$HULL" image "docker-archive:$tmp/debian.tar" --db "$tmp/test.db" \
	--fail-on never 2>/dev/null | grep -Eq ' zlib1g +[^ ]+ +will not fix ' &&
	ok || bad "the table does not say 'will not fix'"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
