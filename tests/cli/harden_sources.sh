#!/bin/bash
# hull harden reads the image's config from every source hull image
# reads, without the Engine: a docker save archive (named by its
# RepoTags), the same archive as a bare path, an OCI layout without a
# name (the placeholder IMAGE, with a comment naming the source), an
# oci-archive carrying containerd's name annotation, a registry (a small
# python3 server on 127.0.0.1, stopped by its PID).  The Engine address
# is a socket nothing listens on, so any attempt to use it shows.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3
export DOCKER_HOST="unix://$tmp/none.sock"

python3 - "$tmp" <<'PY'
import sys
import images as I

out = sys.argv[1]
layer = I.layer([I.file("etc/os-release", b"ID=alpine\n")])
cfg = I.config({"User": "1000:1000",
                "ExposedPorts": {"80/tcp": {}},
                "Volumes": {"/data": {}},
                "WorkingDir": "/srv",
                "Healthcheck": {"Test": ["CMD", "true"]}},
               diff_ids=[I.digest(layer)])
I.docker_archive(out + "/app.tar", [layer], cfg, repo_tags=["shop/app:1.2"],
                 names=["layer.tar"])
img = I.OCIImage(cfg, [layer])
I.oci_layout(out + "/oci", [img],
             [{"org.opencontainers.image.ref.name": "v1"}])
I.oci_layout(out + "/named", [img],
             [{"io.containerd.image.name": "reg.example/team/named:3",
               "org.opencontainers.image.ref.name": "3"}])
I.oci_archive(out + "/named.tar", out + "/named")
for name, data in (("manifest", img.manifest), ("config", img.config),
                   ("cd", I.digest(img.config).encode())):
    open(out + "/" + name, "wb").write(data)
PY
[ -f "$tmp/named.tar" ] || { echo "FAIL: generator"; exit 1; }

cat >"$tmp/reg.py" <<'PY'
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
python3 "$tmp/reg.py" "$tmp" &
kill_on_exit $!
wait_file "$tmp/port" || { echo "FAIL: the registry did not start"; exit 1; }
port=$(cat "$tmp/port")

# harden NAME-IN-LINES ARG...: exit 0, the image's config used, the
# image named NAME in the run line and the compose service.
harden() {
	local image=$1
	shift
	"$HULL" harden "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	[ $rc -eq 0 ] || { bad "harden $*: exit $rc"; cat "$tmp/err"; }
	grep -q "Docker Engine" "$tmp/err" &&
		bad "harden $*: the Engine was asked"
	for want in -- "--user 1000:1000" "-p 127.0.0.1:80:80" \
		"--cap-add NET_BIND_SERVICE" "-data-1:/data" \
		"    image: \"$image\"" "  $image" "WORKDIR /srv"; do
		[ "$want" = -- ] && continue
		grep -qF -- "$want" "$tmp/out" ||
			bad "harden $*: no '$want'"
	done
	grep -q -- "--health-cmd" "$tmp/out" &&
		bad "harden $*: the image's HEALTHCHECK was missed"
	grep -q "docker-archive:\|oci:\|registry:" \
		<(sed -n '/^docker run/,$p' "$tmp/out" | sed 's/ *#.*//') &&
		bad "harden $*: a source form in the lines"
}

harden shop/app:1.2 "docker-archive:$tmp/app.tar"
grep -q "^docker run -d --name app " "$tmp/out" ||
	bad "container name from the RepoTags"
harden shop/app:1.2 "$tmp/app.tar"
harden IMAGE "oci:$tmp/oci"
grep -q "for the image in 'oci:$tmp/oci'" "$tmp/out" ||
	bad "oci: no comment naming the source"
grep -q "image: \"IMAGE\"  # the image in 'oci:$tmp/oci'" "$tmp/out" ||
	bad "oci: compose comment"
harden reg.example/team/named:3 "oci-archive:$tmp/named.tar"
harden "127.0.0.1:$port/team/web:2" --insecure-registry \
	"registry:127.0.0.1:$port/team/web:2"

# An archive that is not there, or not an image: exit 3, lines printed.
"$HULL" harden "$tmp/missing.tar" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || bad "missing: exit $rc, want 3"
grep -q "no such file or directory" "$tmp/err" ||
	{ bad "missing: message"; cat "$tmp/err"; }
grep -q "^docker run" "$tmp/out" || bad "missing: no line"
finish
