#!/bin/bash
# One image built by a real Engine, read from four sources: docker save
# (docker-archive:), skopeo's OCI layout (oci:), the Engine itself
# (docker:) and a registry (registry:, --insecure-registry).  Every source
# must give the same findings: rule ids, paths and layer indexes.  Then
# --dockerfile: the secret file planted by one instruction and removed by
# the next is reported with the line that planted it, and the ARG secret
# a RUN uses is found in the history by the secret engine, with that
# RUN's line; the raw secrets appear in no output format.
#
# Needs HULL_DOCKER_HOST (unix:///path of a dockerd the test run started)
# and HULL_REGISTRY (127.0.0.1:PORT of a plain-http registry it started).
set -u
: "${HULL:?}"
if [ -z "${HULL_DOCKER_HOST:-}" ] || [ -z "${HULL_REGISTRY:-}" ]; then
	echo "skipped: HULL_DOCKER_HOST and HULL_REGISTRY are not set" \
		"(tests/env/services.sh starts dockerd and a registry)"
	exit 77
fi
for tool in docker skopeo python3; do
	command -v $tool >/dev/null ||
		{ echo "skipped: $tool is not installed"; exit 77; }
done
[ -x /bin/busybox ] || { echo "skipped: no /bin/busybox (busybox-static)"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dk() { docker -H "$HULL_DOCKER_HOST" "$@"; }
tag=hull-test/image-sources:$$
fail=0

# A base image from busybox-static, then the test image from a Dockerfile.
mkdir -p "$work/root/bin" "$work/root/etc" "$work/ctx"
cp /bin/busybox "$work/root/bin/busybox"
ln -s busybox "$work/root/bin/sh"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$work/root/etc/passwd"
printf 'root:!:19000:0:99999:7:::\n' >"$work/root/etc/shadow"
printf 'root:x:0:\n' >"$work/root/etc/group"
tar -C "$work/root" -c . | dk import - hull-test/base:$$ >/dev/null ||
	{ echo "FAIL: docker import"; exit 1; }
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n' >"$work/ctx/id_rsa"
# A GitHub token shape, made here so that no file of the repository holds
# one; line 10 copies it in and line 11 deletes it.
gh="ghp_$(printf 'Q7w8E9r0T1%.0s' 1 2 3 4 | cut -c1-36)"
printf 'deploy_token = %s\n' "$gh" >"$work/ctx/creds.ini"
npm=npm_0123456789abcdefghijklmnopqrstuvwxyz
cat >"$work/ctx/Dockerfile" <<DF
FROM hull-test/base:$$
COPY id_rsa /root/.ssh/id_rsa
RUN rm /root/.ssh/id_rsa
ARG NPM_TOKEN=npm_0123456789abcdefghijklmnopqrstuvwxyz
RUN echo "token length \${#NPM_TOKEN}" > /build.log
RUN cp /bin/busybox /bin/su-tool && chmod 4755 /bin/su-tool
RUN mkdir -p /data && echo x > /data/open && chmod 666 /data/open
RUN echo 'guest::19000:0:99999:7:::' >> /etc/shadow && \
    echo 'guest:x:1000:1000::/home/guest:/bin/sh' >> /etc/passwd
COPY creds.ini /etc/app/creds.ini
RUN rm /etc/app/creds.ini
DF
DOCKER_BUILDKIT=0 dk build -q --network=host -t "$tag" "$work/ctx" >/dev/null ||
	{ echo "FAIL: docker build"; exit 1; }
cleanup_images() { dk rmi -f "$tag" hull-test/base:$$ >/dev/null 2>&1; }
trap 'cleanup_images; rm -rf "$work"' EXIT

# The four copies.
dk save -o "$work/save.tar" "$tag" || { echo "FAIL: docker save"; exit 1; }
skopeo copy -q --src-daemon-host "$HULL_DOCKER_HOST" \
	"docker-daemon:$tag" "oci:$work/oci:t" ||
	{ echo "FAIL: skopeo to oci"; exit 1; }
skopeo copy -q --src-daemon-host "$HULL_DOCKER_HOST" --dest-tls-verify=false \
	"docker-daemon:$tag" "docker://$HULL_REGISTRY/hull-test/image-sources:t" ||
	{ echo "FAIL: skopeo to registry"; exit 1; }

scan() {
	local name=$1
	shift
	DOCKER_HOST=$HULL_DOCKER_HOST "$HULL" image --format json \
		--fail-on never "$@" >"$work/$name.json" 2>"$work/$name.err"
	local rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL $name: exit $rc"; cat "$work/$name.err"; fail=1
	fi
}
scan archive "docker-archive:$work/save.tar"
scan oci "oci:$work/oci:t"
scan engine "docker:$tag"
scan registry --insecure-registry "registry:$HULL_REGISTRY/hull-test/image-sources:t"

python3 - "$work" <<'PY' || fail=1
import json, sys
w = sys.argv[1]
def key(x):
    l = x["location"].get("layer") or {}
    return (x["id"], x["location"].get("path") or "", l.get("index", -1))
sets = {}
for n in ("archive", "oci", "engine", "registry"):
    sets[n] = sorted(key(x) for x in json.load(open(f"{w}/{n}.json"))["findings"])
ref = sets["archive"]
ok = True
for n, s in sets.items():
    if s != ref:
        print(f"FAIL {n} differs from archive:\n  {s}\n  {ref}")
        ok = False
ids = {k[0] for k in ref}
paths = {(k[0], k[1]) for k in ref}
want = [("IM001", ""), ("IM009", "root/.ssh/id_rsa"), ("IM010", "bin/su-tool"),
        ("IM011", "data/open"), ("IM013", "etc/shadow")]
for w_ in want:
    if w_ not in paths:
        print("FAIL missing", w_); ok = False
# The npm token of the ARG is in the history of every RUN after it (the
# classic builder writes "|1 NPM_TOKEN=..."): one finding, for the first.
if "SE025" not in ids or "IM004" in ids:
    print("FAIL no SE025 (ARG secret in history), or an IM004 too"); ok = False
# The key sits in layer 1 and layer 2 deletes it: both are named.
f = [x for x in json.load(open(f"{w}/archive.json"))["findings"] if x["id"] == "IM009"]
if not f or f[0]["location"]["layer"]["index"] != 1 or "layer 2" not in f[0]["message"]:
    print("FAIL IM009 layers:", f); ok = False
print("findings per source:", len(ref))
sys.exit(0 if ok else 1)
PY

# --dockerfile: the same image with its layers mapped to the lines above.
scan mapped --dockerfile "$work/ctx/Dockerfile" "docker-archive:$work/save.tar"
if grep -q "no layer is mapped" "$work/mapped.err"; then
	echo "FAIL mapped: the layers were not mapped"; cat "$work/mapped.err"
	fail=1
fi
python3 - "$work/mapped.json" "$work/ctx/Dockerfile" <<'PY' || fail=1
import json, sys
f = json.load(open(sys.argv[1]))["findings"]
df = sys.argv[2]
ok = True
def one(id_, path=None):
    r = [x for x in f if x["id"] == id_ and
         (path is None or x["location"].get("path") == path)]
    if len(r) != 1:
        print("FAIL mapped: %d %s findings" % (len(r), id_)); return None
    return r[0]
def check(x, line, layer, instr=None):
    global ok
    l = x["location"]
    want = (df, line, layer)
    got = (l.get("file"), l.get("line"), l["layer"]["index"])
    if got != want:
        print("FAIL mapped %s: %s, want %s" % (x["id"], got, want)); ok = False
    t = lines[line - 1].split(" ")[0]
    if not (l.get("instruction") or "").startswith(t + " "):
        print("FAIL mapped %s: instruction %r" % (x["id"], l.get("instruction")))
        ok = False
# Layer 0 is the base; each instruction that starts with RUN or COPY
# made the next layer.  Lines are read from the Dockerfile as written.
lines = open(df).read().split("\n")
def where(prefix):
    n = [i for i, t in enumerate(lines) if t.startswith(prefix)][0]
    layer = sum(1 for t in lines[:n + 1] if t.split(" ")[0] in ("RUN", "COPY"))
    return n + 1, layer
x = one("SE013", "etc/app/creds.ini")
if x:
    line, layer = where("COPY creds.ini")
    check(x, line, layer)
    if "can still be extracted from layer %d" % layer not in x["message"]:
        print("FAIL mapped: deletion not said:", x["message"]); ok = False
x = one("SE025")
if x:
    check(x, *where("RUN echo \"token"))
x = one("IM009", "root/.ssh/id_rsa")
if x:
    check(x, *where("COPY id_rsa"))
x = one("IM010", "bin/su-tool")
if x:
    check(x, *where("RUN cp /bin/busybox"))
for x in f:
    if x["location"].get("target", "").find("save.tar") < 0:
        print("FAIL mapped: target", x["location"]); ok = False
sys.exit(0 if ok else 1)
PY

# The raw secrets appear in no output format.
for fmt in json sarif table github; do
	"$HULL" image --format $fmt --fail-on never -v \
		--dockerfile "$work/ctx/Dockerfile" "docker-archive:$work/save.tar" \
		>"$work/out.$fmt" 2>&1
	for s in "$gh" "$npm"; do
		if grep -qF -- "$s" "$work/out.$fmt"; then
			echo "FAIL $fmt: a raw secret in the output"; fail=1
		fi
	done
done
exit $fail
