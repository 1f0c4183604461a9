#!/bin/bash
# Text from an image and from the vulnerability database holds terminal
# controls (C0, DEL, UTF-8 C1 U+0080..U+009F) and U+2028/U+2029.
#  - the table (findings, vulnerabilities, sbom, db info) shows none raw;
#  - JSON, SARIF, CycloneDX and SPDX hold no raw C1 byte pair nor raw
#    U+2028/9, and parse back (python json) to the original strings;
#  - the default table names the path inside the image of a secret, so two
#    secrets in different files can be told apart; a very long path is
#    shortened from the middle and keeps its file name.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# The evil strings, as python literals, shared by generator and checks.
cat >evil.py <<'PY'
C1 = "\u009b31m\u0085"
PKG = "ev\u009bil\u001b[1m"
VER = "1.0\u0085-r0"
LIC = "MIT\u009d"
SECRET_FILE = "app/aws" + C1 + "\u2028.txt"
DEEP = "srv/" + "/".join("d%02d" % i for i in range(40)) + "/deep-key.txt"
ADV = "\u001b[31mEVIL \u009b\u2029"
FIXED = "1.1.22-r4\u001b[31m"
PY

python3 - <<'PY' || exit 1
import hashlib, io, json, tarfile
from evil import *

def layer(entries):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, data in entries:
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mode = 0o644
            t.addfile(ti, io.BytesIO(data))
    return b.getvalue()

apkdb = ("P:musl\nV:1.1.22-r3\nA:x86_64\nL:MIT\n\n"
         "P:%s\nV:%s\nA:x86_64\nL:%s\n\n" % (PKG, VER, LIC)).encode()
key = b"aws_access_key_id = AKIAQX3VJTWBN6SGZ5KD\n"
l0 = layer([("etc/os-release",
             b'ID=alpine\nVERSION_ID=3.10.4\nPRETTY_NAME="Alpine"\n'),
            ("lib/apk/db/installed", apkdb),
            (SECRET_FILE, b"#\n" + key),
            (DEEP, key)])
diff = "sha256:" + hashlib.sha256(l0).hexdigest()
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "created": "2026-01-01T00:00:00Z",
                  "config": {"User": "app", "Healthcheck":
                             {"Test": ["CMD", "true"]}},
                  "rootfs": {"type": "layers", "diff_ids": [diff]},
                  "history": [{"created_by": "ADD x /"}]}).encode()
man = json.dumps([{"Config": "c.json", "RepoTags": ["t:1"],
                   "Layers": ["l0/layer.tar"]}]).encode()
with tarfile.open("img.tar", "w") as t:
    for n, d in (("l0/layer.tar", l0), ("c.json", cfg),
                 ("manifest.json", man)):
        ti = tarfile.TarInfo(n); ti.size = len(d)
        t.addfile(ti, io.BytesIO(d))
osv = {"id": ADV, "modified": "2024-01-01T00:00:00Z",
       "summary": "s\u009b", "affected": [{
           "package": {"ecosystem": "Alpine:v3.10", "name": "musl"},
           "ranges": [{"type": "ECOSYSTEM", "events": [
               {"introduced": "0"}, {"fixed": FIXED}]}]}]}
with open("osv.json", "w") as f:
    json.dump(osv, f)
PY

"$HULL" db import --db v.db osv.json 2>db.err || bad "db import: $(cat db.err)"
img=docker-archive:img.tar
"$HULL" image --db v.db "$img" >table.out 2>table.err
"$HULL" image --db v.db -v "$img" >tablev.out 2>>table.err
"$HULL" sbom -f table "$img" >sbom.out 2>>table.err
"$HULL" db info --db v.db >dbinfo.out 2>>table.err
for f in json sarif; do
	"$HULL" image --db v.db -f $f "$img" >out.$f 2>>table.err
done
for f in cyclonedx spdx json; do
	"$HULL" sbom -f $f "$img" >sbom.$f 2>>table.err
done

# No raw control in any human-facing output: C0 but newline, DEL, C1.
python3 - table.out tablev.out sbom.out dbinfo.out table.err <<'PY' || fail=1
import re, sys
rc = 0
for p in sys.argv[1:]:
    b = open(p, "rb").read()
    m = re.search(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", b)
    if m:
        print("FAIL: %s holds a raw control %r at %d" % (p, m.group(), m.start()))
        rc = 1
sys.exit(rc)
PY

# The advisory id in the table, escaped like every other cell.
grep -q 'x1b\[31mEVIL \\xc2\\x9b' table.out ||
	bad "the advisory id is not shown escaped: $(grep EVIL table.out)"
grep -q 'fixed in a newer version' table.out ||
	bad "the vulnerability row is missing"

# Machine outputs: no raw C1 nor U+2028/9, and the strings come back whole.
python3 - <<'PY' || fail=1
import json, re, sys
from evil import *
rc = 0
def check(path):
    global rc
    b = open(path, "rb").read()
    if re.search(rb"\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]", b):
        print("FAIL: %s holds a raw C1 control or U+2028/9" % path); rc = 1
    return json.loads(b.decode())
def strings(j):
    if isinstance(j, str):
        yield j
    elif isinstance(j, dict):
        for k, v in j.items():
            yield k
            yield from strings(v)
    elif isinstance(j, list):
        for v in j:
            yield from strings(v)
def want(path, j, s):
    global rc
    if not any(s in x for x in strings(j)):
        print("FAIL: %s does not hold %r" % (path, s)); rc = 1
j = check("out.json")
want("out.json", j, ADV); want("out.json", j, FIXED)
want("out.json", j, SECRET_FILE)
j = check("out.sarif")
want("out.sarif", j, ADV); want("out.sarif", j, SECRET_FILE)
for f in ("sbom.cyclonedx", "sbom.spdx", "sbom.json"):
    j = check(f)
    want(f, j, PKG); want(f, j, VER)
sys.exit(rc)
PY

# Item: the default table names the file of each secret.
grep -E '^  2:[0-9]+ layer 0 +CRITICAL +SE[0-9]+ +app/aws\\xc2\\x9b31m\\xc2\\x85' \
	table.out >/dev/null || bad "no path for the secret in app/aws...: $(grep SE0 table.out)"
grep -E '^  1:[0-9]+ layer 0 +CRITICAL +SE[0-9]+ +srv/d00/d01/.*\.\.\..*/d39/deep-key\.txt ' \
	table.out >/dev/null || bad "the deep path is not shortened from the middle: $(grep SE0 table.out)"
python3 - <<'PY' || fail=1
import sys
for line in open("table.out", encoding="utf-8", errors="replace"):
    if "deep-key.txt" in line:
        cell = line.split()[5]
        if len(cell) > 60:
            print("FAIL: shortened path is %d bytes: %s" % (len(cell), cell))
            sys.exit(1)
PY
# With -v the whole path is still given.
grep -q "path: srv/d00/d01/d02/d03/d04/d05/d06/d07/d08/d09/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/d20/d21/d22/d23/d24/d25/d26/d27/d28/d29/d30/d31/d32/d33/d34/d35/d36/d37/d38/d39/deep-key.txt" \
	tablev.out || bad "-v does not give the whole path"

[ $fail = 0 ] && echo "report controls: ok"
exit $fail
