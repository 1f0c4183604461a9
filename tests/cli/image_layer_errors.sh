#!/bin/bash
# A layer that cannot be read (truncated or garbage gzip, garbage or
# truncated zstd) is an IM018 finding and an input error: the report's
# "errors" names the image, the layer and the cause, the exit code is 3
# even with --fail-on never, and the other layer is still read (its
# secret is found).  `hull sbom` writes the inventory and exits 3 too.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

python3 - "$work" <<'PY'
import gzip, hashlib, io, json, os, shutil, subprocess, sys, tarfile

out = sys.argv[1]

def tar_bytes(files):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w") as t:
        for name, data in files:
            ti = tarfile.TarInfo(name); ti.size = len(data)
            t.addfile(ti, io.BytesIO(data))
    return b.getvalue()

def archive(path, layers):
    names = ["l%d.tar" % i for i in range(len(layers))]
    cfg = {"architecture": "amd64", "os": "linux",
           "config": {"User": "app"},
           "rootfs": {"type": "layers", "diff_ids": []},
           "history": [{"created_by": "ADD x"} for _ in layers]}
    files = dict(zip(names, layers))
    files["config.json"] = json.dumps(cfg).encode()
    files["manifest.json"] = json.dumps(
        [{"Config": "config.json", "RepoTags": ["t:1"],
          "Layers": names}]).encode()
    with tarfile.open(path, "w") as t:
        for n, d in files.items():
            ti = tarfile.TarInfo(n); ti.size = len(d)
            t.addfile(ti, io.BytesIO(d))

good = tar_bytes([("etc/os-release", b"ID=alpine\nVERSION_ID=3.19.1\n"),
                  ("app/.aws/credentials",
                   b"[default]\naws_access_key_id = AKIAQWERTYUIOPASDFGH\n")])
filler = tar_bytes([("f%d" % i, os.urandom(2048)) for i in range(16)])
rnd = os.urandom(5000)
archive(out + "/gz-trunc.tar", [gzip.compress(filler)[:300], good])
archive(out + "/gz-garbage.tar", [b"\x1f\x8b\x08\x00" + rnd, good])
archive(out + "/zstd-garbage.tar", [b"\x28\xb5\x2f\xfd" + rnd, good])
if shutil.which("zstd"):
    z = subprocess.run(["zstd", "-c", "-q"], input=filler,
                       capture_output=True, check=True).stdout
    archive(out + "/zstd-trunc.tar", [z[:len(z) // 2], good])
archive(out + "/good.tar", [filler, good])
PY
[ -f "$work/good.tar" ] || { echo "FAIL: generator"; exit 1; }

check() {
	local name=$1
	"$HULL" image --no-vulns --format json --fail-on never \
		"docker-archive:$work/$name.tar" >"$work/$name.json" \
		2>"$work/$name.err"
	local rc=$?
	[ $rc -eq 3 ] || { echo "FAIL $name: exit $rc, want 3"; fail=1; }
	python3 - "$work/$name.json" "$work/$name.tar" <<'PY' ||
import json, sys
r = json.load(open(sys.argv[1]))
ids = [f["id"] for f in r["findings"]]
errs = r["errors"]
ok = True
def want(cond, what):
    global ok
    if not cond:
        print("  missing:", what); ok = False
want(len(errs) == 1, "one error, got %r" % errs)
e = errs[0] if errs else ""
want("docker-archive:" + sys.argv[2] in e, "the image in the error")
want("layer 0 (l0.tar)" in e, "the layer index and member in the error")
want(ids.count("IM018") == 1, "one IM018 finding")
want("SE001" in ids, "the readable layer's secret (SE001)")
sys.exit(0 if ok else 1)
PY
		{ echo "FAIL $name: report"; cat "$work/$name.err"; fail=1; }
	grep -q "cannot read layer 0 (l0.tar) of image" "$work/$name.err" ||
		{ echo "FAIL $name: no error on stderr"; fail=1; }
}

check gz-trunc
grep -q "truncated gzip input" "$work/gz-trunc.json" ||
	{ echo "FAIL gz-trunc: cause not named"; fail=1; }
check gz-garbage
check zstd-garbage
if [ -f "$work/zstd-trunc.tar" ]; then
	check zstd-trunc
else
	echo "note: no zstd program; the truncated zstd case is not run"
fi

# The same archive with a good first layer: no error, exit 0.
"$HULL" image --no-vulns --format json --fail-on never \
	"docker-archive:$work/good.tar" >"$work/good.json" 2>"$work/good.err"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL good: exit $rc"; cat "$work/good.err"; fail=1; }
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if not r["errors"] and "IM018" not in [f["id"] for f in r["findings"]] else 1)' \
	"$work/good.json" || { echo "FAIL good: errors or IM018"; fail=1; }

# SARIF and GitHub output carry the error too: the run's invocation is
# not successful and names it; an ::error annotation says it.
"$HULL" image --no-vulns --format sarif --fail-on never \
	"docker-archive:$work/gz-trunc.tar" >"$work/t.sarif" 2>/dev/null
python3 - "$work/t.sarif" <<'PY' || { echo "FAIL sarif: invocation"; fail=1; }
import json, sys
inv = json.load(open(sys.argv[1]))["runs"][0]["invocations"]
n = inv[0].get("toolExecutionNotifications", [])
ok = (inv[0]["executionSuccessful"] is False and
      any(x["level"] == "error" and "layer 0 (l0.tar)" in x["message"]["text"]
          for x in n))
sys.exit(0 if ok else 1)
PY
"$HULL" image --no-vulns --format sarif --fail-on never \
	"docker-archive:$work/good.tar" >"$work/good.sarif" 2>/dev/null
python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]; sys.exit(0 if i["executionSuccessful"] is True and "toolExecutionNotifications" not in i else 1)' \
	"$work/good.sarif" || { echo "FAIL sarif: good image not successful"; fail=1; }
"$HULL" image --no-vulns --format github --fail-on never \
	"docker-archive:$work/gz-trunc.tar" >"$work/t.gh" 2>/dev/null
grep -q "^::error title=hull could not read an input::.*layer 0 (l0.tar)" \
	"$work/t.gh" || { echo "FAIL github: no ::error for the layer"; fail=1; }
# Vulnerabilities not checked (a --db that does not exist) is a warning
# in both.
"$HULL" image --db "$work/none.db" --format github --fail-on never \
	"docker-archive:$work/good.tar" >"$work/nodb.gh" 2>/dev/null
grep -q "^::warning title=Vulnerabilities not checked::" "$work/nodb.gh" ||
	{ echo "FAIL github: no 'not checked' warning"; fail=1; }
"$HULL" image --db "$work/none.db" --format sarif --fail-on never \
	"docker-archive:$work/good.tar" >"$work/nodb.sarif" 2>/dev/null
grep -q '"vulnerabilities not checked: ' "$work/nodb.sarif" ||
	{ echo "FAIL sarif: no 'not checked' notification"; fail=1; }

# sbom: the inventory of what was read, and exit 3.
"$HULL" sbom --format cyclonedx "docker-archive:$work/gz-trunc.tar" \
	>"$work/sbom.json" 2>"$work/sbom.err"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL sbom: exit $rc, want 3"; fail=1; }
grep -q '"bomFormat"' "$work/sbom.json" ||
	{ echo "FAIL sbom: no document"; fail=1; }
grep -q "cannot read layer 0" "$work/sbom.err" ||
	{ echo "FAIL sbom: no error"; cat "$work/sbom.err"; fail=1; }
exit $fail
