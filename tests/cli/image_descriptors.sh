#!/bin/bash
# OCI descriptors and configs that break the spec: a layer size of -1 (an
# error, the image is not read), a layer size of 2^62 that the blob does
# not have (a size mismatch: IM018 and an error, exit 3; the second layer
# is still read), and a config
# whose fields have the wrong JSON types (each ignored with a warning
# naming the config blob and the field).  A correct layout gives none.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

python3 - "$work" <<'PY'
import hashlib, io, json, os, sys, tarfile

out = sys.argv[1]
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    d = b"ID=alpine\nVERSION_ID=3.19.1\n"
    ti = tarfile.TarInfo("etc/os-release"); ti.size = len(d)
    t.addfile(ti, io.BytesIO(d))
layer = b.getvalue()
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    d = b"x"
    ti = tarfile.TarInfo("app/data"); ti.size = len(d)
    t.addfile(ti, io.BytesIO(d))
layer2 = b.getvalue()
L = "application/vnd.oci.image.layer.v1.tar"

def blob(d, data):
    h = hashlib.sha256(data).hexdigest()
    os.makedirs(d + "/blobs/sha256", exist_ok=True)
    open(d + "/blobs/sha256/" + h, "wb").write(data)
    return "sha256:" + h

def oci(name, size=None, config=None):
    d = out + "/" + name
    os.makedirs(d)
    open(d + "/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
    ld = blob(d, layer)
    l2 = blob(d, layer2)
    cfg = config or {"architecture": "amd64", "os": "linux",
                     "config": {"User": "app", "Env": ["A=1"]},
                     "rootfs": {"type": "layers", "diff_ids": [ld, l2]}}
    cb = json.dumps(cfg).encode()
    cd = blob(d, cb)
    man = json.dumps({"schemaVersion": 2,
                      "mediaType": "application/vnd.oci.image.manifest.v1+json",
                      "config": {"mediaType":
                                 "application/vnd.oci.image.config.v1+json",
                                 "digest": cd, "size": len(cb)},
                      "layers": [{"mediaType": L, "digest": ld,
                                  "size": len(layer) if size is None
                                  else size},
                                 {"mediaType": L, "digest": l2,
                                  "size": len(layer2)}]}).encode()
    md = blob(d, man)
    open(d + "/index.json", "w").write(json.dumps(
        {"schemaVersion": 2, "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json",
             "digest": md, "size": len(man)}]}))


oci("good")
oci("negsize", size=-1)
oci("hugesize", size=2 ** 62)
oci("types", config={"architecture": "amd64", "os": "linux",
                     "config": {"User": 5, "Env": "x",
                                "ExposedPorts": ["80/tcp"]}})
PY
[ -d "$work/types" ] || { echo "FAIL: generator"; exit 1; }

run() {
	"$HULL" image --no-vulns --format json --fail-on never "oci:$work/$1" \
		>"$work/$1.json" 2>"$work/$1.err"
	echo $?
}
has() {
	grep -qF -- "$2" "$work/$1.err" ||
		{ echo "FAIL $1: want '$2' in:"; cat "$work/$1.err"; fail=1; }
}

rc=$(run good)
[ "$rc" = 0 ] || { echo "FAIL good: exit $rc"; fail=1; }
[ -s "$work/good.err" ] && { echo "FAIL good: stderr"; cat "$work/good.err"; fail=1; }

rc=$(run negsize)
[ "$rc" = 3 ] || { echo "FAIL negsize: exit $rc, want 3"; fail=1; }
has negsize "manifest: layer 0: 'size' is -1; a size is at least 0"

rc=$(run hugesize)
[ "$rc" = 3 ] || { echo "FAIL hugesize: exit $rc, want 3"; fail=1; }
has hugesize "its descriptor says 4611686018427387904 (size mismatch)"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if "IM018" in [f["id"] for f in r["findings"]] and any("size mismatch" in e for e in r["errors"]) else 1)' \
	"$work/hugesize.json" || { echo "FAIL hugesize: report"; fail=1; }

rc=$(run types)
[ "$rc" = 0 ] || { echo "FAIL types: exit $rc, want 0"; fail=1; }
has types "oci:$work/types: config 'blobs/sha256/"
has types "'config.User' is a number, not a string; ignored"
has types "'config.Env' is a string, not an array; ignored"
has types "'config.ExposedPorts' is an array, not an object; ignored"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if "IM001" in [f["id"] for f in r["findings"]] else 1)' \
	"$work/types.json" || { echo "FAIL types: the ignored User should leave IM001"; fail=1; }
exit $fail
