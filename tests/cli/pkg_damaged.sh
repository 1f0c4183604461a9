#!/bin/bash
# A package database that exists but cannot be read or parsed leaves the
# vulnerability check incomplete: 'hull image' and 'hull sbom' exit 3 and
# name the file (with its layer, in an image) and the cause, while what
# was read is still reported.  Records skipped inside an otherwise good
# database, and problems of Java archives (not a zip, a member over its
# cap, nesting past the depth limit), are warnings with one clean path
# each.  Every input is built here.
set -u
: "${HULL:?HULL is not set}"
command -v python3 >/dev/null || { echo "skipped: python3 is not installed"; exit 77; }
tmp=$(mktemp -d /tmp/hull-pkg-damaged.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
say() { echo "FAIL: $*"; fail=1; }

# A database with one advisory for 'good' (apk, Alpine 3.10).
mkdir osv
cat >osv/a.json <<'JSON'
{"id":"ALPINE-T-1","modified":"2024-01-01T00:00:00Z",
 "affected":[{"package":{"ecosystem":"Alpine:v3.10","name":"good"},
  "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0-r0"}]}]}]}
JSON
"$HULL" db import -q --db v.db osv || { echo "FAIL: import"; exit 1; }

# image DIR: run 'hull image -f json' on DIR; sets rc, err, errors (the
# report's errors, one a line) and total (vulnerabilities found).
image() {
	"$HULL" image --db v.db -f json "$1" >out.json 2>err.txt
	rc=$?
	err=$(cat err.txt)
	errors=$(python3 -c 'import json, sys
print("\n".join(json.load(open(sys.argv[1]))["errors"]))' out.json 2>&1)
	total=$(python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))["vulnerabilities"]
print(v.get("total", "unchecked"))' out.json 2>&1)
}

alpine() {
	mkdir -p "$1/etc" "$1/lib/apk/db"
	printf 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.10.3\n' >"$1/etc/os-release"
}

# Random bytes as the apk database: not one package record, an error.
alpine rand
python3 -c 'import os, random; random.seed(7)
open("rand/lib/apk/db/installed", "wb").write(bytes(random.randrange(256) for _ in range(4000)))'
image dir:rand
[ "$rc" = 3 ] && grep -q "cannot read package database 'lib/apk/db/installed': no package record" <<<"$errors" ||
	say "random apk database: rc=$rc errors=$errors"

# One good record, one without a version, one junk line: the good one is
# matched (no input error), the rest are warnings.
alpine part
printf 'P:good\nV:1.0-r0\n\nP:noversion\nA:x86_64\n\njunk line\n' >part/lib/apk/db/installed
image dir:part
[ "$rc" != 3 ] && [ "$total" = 1 ] && [ -z "$errors" ] &&
	grep -q "'lib/apk/db/installed': 1 lines that are not" <<<"$err" &&
	grep -q "'lib/apk/db/installed': 1 records without a name or version were skipped" <<<"$err" ||
	say "apk database with a bad record: rc=$rc total=$total errors=$errors: $err"

# A good apk database beside a dpkg status that is a directory and an
# rpm database of random bytes: both are errors, and 'good' still found.
alpine mixed
printf 'P:good\nV:1.0-r0\n\n' >mixed/lib/apk/db/installed
mkdir -p mixed/var/lib/dpkg/status mixed/var/lib/rpm
head -c 8192 /dev/urandom >mixed/var/lib/rpm/Packages
image dir:mixed
[ "$rc" = 3 ] && [ "$total" = 1 ] &&
	grep -q "'var/lib/dpkg/status': a directory, not a file" <<<"$errors" &&
	grep -q "'var/lib/rpm/Packages': not an rpm database" <<<"$errors" ||
	say "dpkg directory and rpm garbage: rc=$rc total=$total errors=$errors"

# A dpkg status of paragraphs that name no package: an error; a status
# with one good package and one nameless paragraph: a warning.
mkdir -p deb/etc deb/var/lib/dpkg
printf 'ID=debian\nVERSION_ID=12\n' >deb/etc/os-release
printf 'Foo: bar\n\nBaz: qux\n' >deb/var/lib/dpkg/status
image dir:deb
[ "$rc" = 3 ] && grep -q "'var/lib/dpkg/status': no package paragraph" <<<"$errors" ||
	say "dpkg status without packages: rc=$rc errors=$errors"
printf 'Package: a\nStatus: install ok installed\nVersion: 1\n\nFoo: bar\n' >deb/var/lib/dpkg/status
image dir:deb
[ "$rc" = 0 ] && [ -z "$errors" ] &&
	grep -q "'var/lib/dpkg/status': 1 paragraphs without a Package field were skipped" <<<"$err" ||
	say "dpkg status with a nameless paragraph: rc=$rc errors=$errors: $err"

# In an image, the error names the layer; a later layer that replaces
# the damaged database takes the error away.
python3 - <<'PY'
import hashlib, io, json, tarfile
def layer(files):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w") as t:
        for name, data in files:
            i = tarfile.TarInfo(name); i.size = len(data)
            t.addfile(i, io.BytesIO(data))
    return b.getvalue()
def image(out, layers):
    blobs = [layer(l) for l in layers]
    ids = ["sha256:" + hashlib.sha256(b).hexdigest() for b in blobs]
    cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                      "rootfs": {"type": "layers", "diff_ids": ids}}).encode()
    with tarfile.open(out, "w") as t:
        def add(name, data):
            i = tarfile.TarInfo(name); i.size = len(data)
            t.addfile(i, io.BytesIO(data))
        add("config.json", cfg)
        for n, b in enumerate(blobs):
            add("l%d.tar" % n, b)
        add("manifest.json", json.dumps([{"Config": "config.json",
            "RepoTags": ["t:1"],
            "Layers": ["l%d.tar" % n for n in range(len(blobs))]}]).encode())
    print(ids[-1])
osr = ("etc/os-release", b'ID=alpine\nVERSION_ID=3.10.3\n')
bad = ("lib/apk/db/installed", b"\x01\x02garbage\xff" * 50)
good = ("lib/apk/db/installed", b"P:good\nV:1.0-r0\n\n")
with open("digests", "w") as f:
    import contextlib, sys
    with contextlib.redirect_stdout(f):
        image("bad.tar", [[osr], [bad]])
        image("fixed.tar", [[osr], [bad], [good]])
PY
digest=$(head -n1 digests)
image docker-archive:bad.tar
[ "$rc" = 3 ] && grep -qF "'lib/apk/db/installed' (layer 1, $digest)" <<<"$errors" ||
	say "image with a damaged database: rc=$rc errors=$errors: $err"
image docker-archive:fixed.tar
[ "$rc" != 3 ] && [ "$total" = 1 ] && [ -z "$errors" ] ||
	say "image whose later layer replaces the damaged database: rc=$rc total=$total errors=$errors"

# hull sbom: exit 3, the inventory of what was read is still written.
"$HULL" sbom -f json dir:mixed >sbom.json 2>err.txt
rc=$?
python3 - <<'PY' || say "sbom of the mixed root: rc=$rc: $(cat err.txt)"
import json, sys
d = json.load(open("sbom.json"))
names = [p["name"] for p in d["packages"]]
probs = "\n".join(d["problems"])
sys.exit(not (names == ["good"] and "'var/lib/dpkg/status': a directory" in probs))
PY
[ "$rc" = 3 ] || say "sbom of the mixed root exits $rc, want 3"

# Java archives: each problem once, with one path and no "(null)".
mkdir -p jar/opt/app
printf 'PK\003\004 and then not a zip file at all' >jar/opt/app/notzip.jar
python3 - <<'PY'
import io, zipfile
def jar(members):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            z.writestr(n, d)
    return b.getvalue()
props = lambda a: ("META-INF/maven/g/%s/pom.properties" % a,
                   "groupId=g\nartifactId=%s\nversion=1.0\n" % a)
open("jar/opt/app/big.jar", "wb").write(jar([
    ("META-INF/maven/g/big/pom.properties", "#" * (5 << 20)), props("ok")]))
inner = jar([props("a12")])
for level in range(11, 0, -1):
    inner = jar([props("a%d" % level), ("lib/in%d.jar" % (level + 1), inner)])
open("jar/opt/app/deep.jar", "wb").write(inner)
PY
"$HULL" sbom -f json dir:jar >sbom.json 2>err.txt
rc=$?
err=$(cat err.txt)
grep -q "(null)" <<<"$err" && say "a java warning prints (null): $err"
grep -qF "'opt/app/notzip.jar': not a zip archive" <<<"$err" &&
	! grep -qF "'opt/app/notzip.jar': 'opt/app/notzip.jar'" <<<"$err" ||
	say "not a zip: $err"
grep -qF "'opt/app/big.jar/META-INF/maven/g/big/pom.properties': more than 4194304 bytes, not read" <<<"$err" ||
	say "member over its cap: $err"
[ "$(grep -c "nested more than 8 deep" <<<"$err")" = 1 ] &&
	grep -qF "'opt/app/deep.jar/lib/in2.jar/lib/in3.jar/lib/in4.jar/lib/in5.jar/lib/in6.jar/lib/in7.jar/lib/in8.jar/lib/in9.jar/lib/in10.jar'" <<<"$err" ||
	say "nesting cut: $err"
names=$(python3 -c 'import json
print(" ".join(sorted(p["name"] for p in json.load(open("sbom.json"))["packages"])))')
# The outer nine levels (a1..a9) are read, a10.. are not; big.jar's
# other member still counts.
[ "$names" = "a1 a2 a3 a4 a5 a6 a7 a8 a9 ok" ] || say "java packages: $names"
[ "$rc" = 0 ] || say "java warnings are not errors: sbom exits $rc"
exit $fail
