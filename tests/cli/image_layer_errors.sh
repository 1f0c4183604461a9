#!/bin/bash
# A layer that cannot be read (truncated or garbage gzip, garbage or
# truncated zstd) is an IM018 finding and an input error: the report's
# "errors" names the image, the layer and the cause, the exit code is 3
# even with --fail-on never, and the other layer is still read (its
# secret is found).  `hull sbom` writes the inventory and exits 3 too.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3

python3 - "$tmp" <<'PY'
import gzip, os, sys
import images as I

out = sys.argv[1]

def archive(path, layers):
    I.docker_archive(path, layers,
                     I.config({"User": "app"},
                              history=I.history(["ADD x"] * len(layers))),
                     names=["l%d.tar" % i for i in range(len(layers))])

good = I.layer([("etc/os-release", b"ID=alpine\nVERSION_ID=3.19.1\n"),
                ("app/.aws/credentials",
                 b"[default]\naws_access_key_id = AKIAQWERTYUIOPASDFGH\n")])
filler = I.layer([("f%d" % i, os.urandom(2048)) for i in range(16)])
rnd = os.urandom(5000)
archive(out + "/gz-trunc.tar", [gzip.compress(filler)[:300], good])
archive(out + "/gz-garbage.tar", [b"\x1f\x8b\x08\x00" + rnd, good])
archive(out + "/zstd-garbage.tar", [b"\x28\xb5\x2f\xfd" + rnd, good])
if I.have_zstd():
    z = I.compress(filler, "zstd")
    archive(out + "/zstd-trunc.tar", [z[:len(z) // 2], good])
archive(out + "/good.tar", [filler, good])
PY
[ -f "$tmp/good.tar" ] || { echo "FAIL: generator"; exit 1; }

unreadable() { # NAME: the first layer of NAME.tar cannot be read
	local name=$1
	"$HULL" image --no-vulns --format json --fail-on never \
		"docker-archive:$tmp/$name.tar" >"$tmp/$name.json" \
		2>"$tmp/$name.err"
	local rc=$?
	[ $rc -eq 3 ] || bad "$name: exit $rc, want 3"
	python3 - "$tmp/$name.json" "$tmp/$name.tar" <<'PY' ||
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
		{ bad "$name: report"; cat "$tmp/$name.err"; }
	grep -q "cannot read layer 0 (l0.tar) of image" "$tmp/$name.err" ||
		bad "$name: no error on stderr"
}

unreadable gz-trunc
grep -q "truncated gzip input" "$tmp/gz-trunc.json" ||
	bad "gz-trunc: cause not named"
unreadable gz-garbage
unreadable zstd-garbage
if [ -f "$tmp/zstd-trunc.tar" ]; then
	unreadable zstd-trunc
else
	echo "note: no zstd program; the truncated zstd case is not run"
fi

# The same archive with a good first layer: no error, exit 0.
"$HULL" image --no-vulns --format json --fail-on never \
	"docker-archive:$tmp/good.tar" >"$tmp/good.json" 2>"$tmp/good.err"
rc=$?
[ $rc -eq 0 ] || { bad "good: exit $rc"; cat "$tmp/good.err"; }
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if not r["errors"] and "IM018" not in [f["id"] for f in r["findings"]] else 1)' \
	"$tmp/good.json" || bad "good: errors or IM018"

# SARIF and GitHub output carry the error too: the run's invocation is
# not successful and names it; an ::error annotation says it.
"$HULL" image --no-vulns --format sarif --fail-on never \
	"docker-archive:$tmp/gz-trunc.tar" >"$tmp/t.sarif" 2>/dev/null
python3 - "$tmp/t.sarif" <<'PY' || bad "sarif: invocation"
import json, sys
inv = json.load(open(sys.argv[1]))["runs"][0]["invocations"]
n = inv[0].get("toolExecutionNotifications", [])
ok = (inv[0]["executionSuccessful"] is False and
      any(x["level"] == "error" and "layer 0 (l0.tar)" in x["message"]["text"]
          for x in n))
sys.exit(0 if ok else 1)
PY
"$HULL" image --no-vulns --format sarif --fail-on never \
	"docker-archive:$tmp/good.tar" >"$tmp/good.sarif" 2>/dev/null
python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]; sys.exit(0 if i["executionSuccessful"] is True and "toolExecutionNotifications" not in i else 1)' \
	"$tmp/good.sarif" || bad "sarif: good image not successful"
"$HULL" image --no-vulns --format github --fail-on never \
	"docker-archive:$tmp/gz-trunc.tar" >"$tmp/t.gh" 2>/dev/null
grep -q "^::error title=hull could not read an input::.*layer 0 (l0.tar)" \
	"$tmp/t.gh" || bad "github: no ::error for the layer"
# Vulnerabilities not checked (a --db that does not exist) is a warning
# in both.
"$HULL" image --db "$tmp/none.db" --format github --fail-on never \
	"docker-archive:$tmp/good.tar" >"$tmp/nodb.gh" 2>/dev/null
grep -q "^::warning title=Vulnerabilities not checked::" "$tmp/nodb.gh" ||
	bad "github: no 'not checked' warning"
"$HULL" image --db "$tmp/none.db" --format sarif --fail-on never \
	"docker-archive:$tmp/good.tar" >"$tmp/nodb.sarif" 2>/dev/null
grep -q '"vulnerabilities not checked: ' "$tmp/nodb.sarif" ||
	bad "sarif: no 'not checked' notification"

# sbom: the inventory of what was read, and exit 3.
"$HULL" sbom --format cyclonedx "docker-archive:$tmp/gz-trunc.tar" \
	>"$tmp/sbom.json" 2>"$tmp/sbom.err"
rc=$?
[ $rc -eq 3 ] || bad "sbom: exit $rc, want 3"
grep -q '"bomFormat"' "$tmp/sbom.json" ||
	bad "sbom: no document"
grep -q "cannot read layer 0" "$tmp/sbom.err" ||
	{ bad "sbom: no error"; cat "$tmp/sbom.err"; }
finish
