#!/bin/bash
# One image built by a real Engine, read from four sources: docker save
# (docker-archive:), skopeo's OCI layout (oci:), the Engine itself
# (docker:) and a registry (registry:, --insecure-registry).  Every source
# must give the same findings: rule ids, paths and layer indexes.
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
if "IM004" not in ids:
    print("FAIL no IM004 (ARG secret in history)"); ok = False
# The key sits in layer 1 and layer 2 deletes it: both are named.
f = [x for x in json.load(open(f"{w}/archive.json"))["findings"] if x["id"] == "IM009"]
if not f or f[0]["location"]["layer"]["index"] != 1 or "layer 2" not in f[0]["message"]:
    print("FAIL IM009 layers:", f); ok = False
print("findings per source:", len(ref))
sys.exit(0 if ok else 1)
PY
exit $fail
