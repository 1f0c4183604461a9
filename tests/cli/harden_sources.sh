#!/bin/bash
# hull harden reads the image's config from every source hull image
# reads, without the Engine: a docker save archive (named by its
# RepoTags), the same archive as a bare path, an OCI layout without a
# name (the placeholder IMAGE, with a comment naming the source), an
# oci-archive carrying containerd's name annotation, a registry (a small
# python3 server on 127.0.0.1, stopped by its PID).  The Engine address
# is a socket nothing listens on, so any attempt to use it shows.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
export DOCKER_HOST="unix://$work/none.sock"
fail=0

python3 - "$work" <<'PY'
import hashlib, io, json, os, sys, tarfile

out = sys.argv[1]
layer_io = io.BytesIO()
with tarfile.open(fileobj=layer_io, mode="w") as t:
    d = b"ID=alpine\n"
    ti = tarfile.TarInfo("etc/os-release"); ti.size = len(d)
    t.addfile(ti, io.BytesIO(d))
layer = layer_io.getvalue()
ld = "sha256:" + hashlib.sha256(layer).hexdigest()
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "config": {"User": "1000:1000",
                             "ExposedPorts": {"80/tcp": {}},
                             "Volumes": {"/data": {}},
                             "WorkingDir": "/srv",
                             "Healthcheck": {"Test": ["CMD", "true"]}},
                  "rootfs": {"type": "layers", "diff_ids": [ld]}}).encode()
cd = "sha256:" + hashlib.sha256(cfg).hexdigest()

def add(t, name, data):
    ti = tarfile.TarInfo(name); ti.size = len(data)
    t.addfile(ti, io.BytesIO(data))

with tarfile.open(out + "/app.tar", "w") as t:
    add(t, "layer.tar", layer)
    add(t, "config.json", cfg)
    add(t, "manifest.json", json.dumps(
        [{"Config": "config.json", "RepoTags": ["shop/app:1.2"],
          "Layers": ["layer.tar"]}]).encode())

man = json.dumps({"schemaVersion": 2,
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "config": {"mediaType":
                             "application/vnd.oci.image.config.v1+json",
                             "digest": cd, "size": len(cfg)},
                  "layers": [{"mediaType":
                              "application/vnd.oci.image.layer.v1.tar",
                              "digest": ld, "size": len(layer)}]}).encode()
md = "sha256:" + hashlib.sha256(man).hexdigest()

def layout(d, annotations):
    os.makedirs(d + "/blobs/sha256")
    for data in (layer, cfg, man):
        h = hashlib.sha256(data).hexdigest()
        open(d + "/blobs/sha256/" + h, "wb").write(data)
    open(d + "/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
    idx = {"schemaVersion": 2, "manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json",
         "digest": md, "size": len(man), "annotations": annotations}]}
    open(d + "/index.json", "w").write(json.dumps(idx))

layout(out + "/oci", {"org.opencontainers.image.ref.name": "v1"})
layout(out + "/named", {"io.containerd.image.name": "reg.example/team/named:3",
                        "org.opencontainers.image.ref.name": "3"})
with tarfile.open(out + "/named.tar", "w") as t:
    for root, _, files in os.walk(out + "/named"):
        for f in files:
            p = os.path.join(root, f)
            t.add(p, os.path.relpath(p, out + "/named"))
for name, data in (("manifest", man), ("config", cfg), ("cd", cd.encode())):
    open(out + "/" + name, "wb").write(data)
PY
[ -f "$work/named.tar" ] || { echo "FAIL: generator"; exit 1; }

cat >"$work/reg.py" <<'PY'
import http.server, os, sys
d = sys.argv[1]
man = open(d + "/manifest", "rb").read()
cfg = open(d + "/config", "rb").read()
cd = open(d + "/cd").read()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def send(self, code, body, ct="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", ct)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        if self.path == "/v2/":
            return self.send(200, b"{}")
        if self.path == "/v2/team/web/manifests/2":
            return self.send(200, man,
                             "application/vnd.oci.image.manifest.v1+json")
        if self.path == "/v2/team/web/blobs/" + cd:
            return self.send(200, cfg, "application/octet-stream")
        self.send(404, b"{}")
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
open(d + "/port.tmp", "w").write(str(s.server_address[1]))
os.rename(d + "/port.tmp", d + "/port")
s.serve_forever()
PY
python3 "$work/reg.py" "$work" &
pid=$!
for _ in $(seq 50); do [ -f "$work/port" ] && break; sleep 0.1; done
[ -f "$work/port" ] || { echo "FAIL: the registry did not start"; exit 1; }
port=$(cat "$work/port")

# harden NAME-IN-LINES ARG...: exit 0, the image's config used, the
# image named NAME in the run line and the compose service.
harden() {
	local image=$1
	shift
	"$HULL" harden "$@" >"$work/out" 2>"$work/err"
	local rc=$?
	[ $rc -eq 0 ] || { echo "FAIL harden $*: exit $rc"; cat "$work/err"; fail=1; }
	grep -q "Docker Engine" "$work/err" &&
		{ echo "FAIL harden $*: the Engine was asked"; fail=1; }
	for want in -- "--user 1000:1000" "-p 127.0.0.1:80:80" \
		"--cap-add NET_BIND_SERVICE" "-data-1:/data" \
		"    image: \"$image\"" "  $image" "WORKDIR /srv"; do
		[ "$want" = -- ] && continue
		grep -qF -- "$want" "$work/out" ||
			{ echo "FAIL harden $*: no '$want'"; fail=1; }
	done
	grep -q -- "--health-cmd" "$work/out" &&
		{ echo "FAIL harden $*: the image's HEALTHCHECK was missed"; fail=1; }
	grep -q "docker-archive:\|oci:\|registry:" \
		<(sed -n '/^docker run/,$p' "$work/out" | sed 's/ *#.*//') &&
		{ echo "FAIL harden $*: a source form in the lines"; fail=1; }
}

harden shop/app:1.2 "docker-archive:$work/app.tar"
grep -q "^docker run -d --name app " "$work/out" ||
	{ echo "FAIL: container name from the RepoTags"; fail=1; }
harden shop/app:1.2 "$work/app.tar"
harden IMAGE "oci:$work/oci"
grep -q "for the image in 'oci:$work/oci'" "$work/out" ||
	{ echo "FAIL oci: no comment naming the source"; fail=1; }
grep -q "image: \"IMAGE\"  # the image in 'oci:$work/oci'" "$work/out" ||
	{ echo "FAIL oci: compose comment"; fail=1; }
harden reg.example/team/named:3 "oci-archive:$work/named.tar"
harden "127.0.0.1:$port/team/web:2" --insecure-registry \
	"registry:127.0.0.1:$port/team/web:2"

# An archive that is not there, or not an image: exit 3, lines printed.
"$HULL" harden "$work/missing.tar" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL missing: exit $rc, want 3"; fail=1; }
grep -q "no such file or directory" "$work/err" ||
	{ echo "FAIL missing: message"; cat "$work/err"; fail=1; }
grep -q "^docker run" "$work/out" || { echo "FAIL missing: no line"; fail=1; }
exit $fail
