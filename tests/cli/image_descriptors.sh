#!/bin/bash
# OCI descriptors and configs that break the spec: a layer size of -1 (an
# error, the image is not read), a layer size of 2^62 that the blob does
# not have (a size mismatch: IM018 and an error, exit 3; the second layer
# is still read), and a config
# whose fields have the wrong JSON types (each ignored with a warning
# naming the config blob and the field).  A correct layout gives none.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3

python3 - "$tmp" <<'PY'
import sys
import images as I

out = sys.argv[1]
layer = I.layer([I.file("etc/os-release", b"ID=alpine\nVERSION_ID=3.19.1\n")])
layer2 = I.layer([I.file("app/data", b"x")])

def oci(name, size=None, config=None):
    cfg = config or I.config({"User": "app", "Env": ["A=1"]},
                             diff_ids=[I.digest(layer), I.digest(layer2)])
    I.oci_layout(out + "/" + name,
                 [I.OCIImage(cfg, [layer, layer2], sizes=[size, None])])


oci("good")
oci("negsize", size=-1)
oci("hugesize", size=2 ** 62)
oci("types", config={"architecture": "amd64", "os": "linux",
                     "config": {"User": 5, "Env": "x",
                                "ExposedPorts": ["80/tcp"]}})
PY
[ -d "$tmp/types" ] || { echo "FAIL: generator"; exit 1; }

run() {
	"$HULL" image --no-vulns --format json --fail-on never "oci:$tmp/$1" \
		>"$tmp/$1.json" 2>"$tmp/$1.err"
	echo $?
}
has() {
	grep -qF -- "$2" "$tmp/$1.err" ||
		{ bad "$1: want '$2' in:"; cat "$tmp/$1.err"; }
}

rc=$(run good)
[ "$rc" = 0 ] || bad "good: exit $rc"
[ -s "$tmp/good.err" ] && { bad "good: stderr"; cat "$tmp/good.err"; }

rc=$(run negsize)
[ "$rc" = 3 ] || bad "negsize: exit $rc, want 3"
has negsize "manifest: layer 0: 'size' is -1; a size is at least 0"

rc=$(run hugesize)
[ "$rc" = 3 ] || bad "hugesize: exit $rc, want 3"
has hugesize "its descriptor says 4611686018427387904 (size mismatch)"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if "IM018" in [f["id"] for f in r["findings"]] and any("size mismatch" in e for e in r["errors"]) else 1)' \
	"$tmp/hugesize.json" || bad "hugesize: report"

rc=$(run types)
[ "$rc" = 0 ] || bad "types: exit $rc, want 0"
has types "oci:$tmp/types: config 'blobs/sha256/"
has types "'config.User' is a number, not a string; ignored"
has types "'config.Env' is a string, not an array; ignored"
has types "'config.ExposedPorts' is an array, not an object; ignored"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if "IM001" in [f["id"] for f in r["findings"]] else 1)' \
	"$tmp/types.json" || bad "types: the ignored User should leave IM001"
finish
