#!/bin/bash
# hull image on hostile images made here with python3's tarfile (and a
# hand-made GNU sparse header): path traversal, symlink and hard-link
# escapes, a gzip bomb of 10 GiB of zeros, a 10 GiB sparse file, a
# truncated layer, duplicate entries, a manifest naming a layer outside
# the archive.  Each gives a clear error or finding, in bounded memory and
# time, and nothing is written on the host outside the test's temp dir.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3
mkdir -p "$tmp/gen" "$tmp/run/a/b" "$tmp/tmp"

python3 - "$tmp/gen" <<'PY'
import gzip, os, sys, tarfile
import images as I

out = sys.argv[1]
tar_bytes, f, d, sym, hard, sha = (I.layer, I.file, I.dir, I.symlink,
                                   I.hardlink, I.digest)

def image(path, layers, history=None, config_extra=None, names=None,
          diff_ids=None):
    """A docker save archive; layers are raw (maybe compressed) blobs."""
    cfg = I.config({"Env": ["PATH=/usr/bin"]}, diff_ids=diff_ids or [],
                   history=history or [], created="2026-01-01T00:00:00Z")
    if config_extra:
        cfg["config"].update(config_extra)
    I.docker_archive(path, layers, cfg, names=names)

# 1. traversal, absolute paths, link escapes, symlink loop, duplicates.
l0 = tar_bytes([
    f("../../escape1", b"evil"),
    f("a/../../../escape2", b"evil"),
    f("/abs/ok.txt", b"fine"),
    sym("link", "/etc"),
    f("link/written-through", b"evil"),
    sym("loop1", "loop2"), sym("loop2", "loop1"),
    hard("hl", "../../../etc/shadow"),
    f("dup.txt", b"one"), f("dup.txt", b"two"),
    f("./etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"),
])
image(out + "/traversal.tar", [l0], diff_ids=[sha(l0)])

# 2. a secret planted in layer 0 and deleted in layer 1; an ARG secret.
l0 = tar_bytes([d("root"), f("root/.ssh/id_rsa", b"-----BEGIN KEY-----"),
                f("app/.env", b"DB_PASSWORD=x"),
                f("etc/shadow", b"root:!:1::::::\napp::1::::::\n"),
                f("etc/passwd", b"root:x:0:0::/root:/bin/sh\n"
                  b"app:x:1000:1000::/app:/bin/sh\n"
                  b"toor:x:0:0::/root:/bin/sh\n"),
                f("usr/bin/tool", b"\x7fELF", mode=0o4755),
                f("data/open", b"x", mode=0o666),
                d("tmp", mode=0o1777),
                d("opq"), f("opq/old", b"x", mode=0o666)])
l1 = tar_bytes([f("root/.ssh/.wh.id_rsa", b""),
                d("opq"), f("opq/.wh..wh..opq", b""),
                f("opq/new", b"x", mode=0o666)])
hist = [{"created_by": "COPY . /"},
        {"created_by": "ARG TOKEN", "empty_layer": True},
        {"created_by": "|1 GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789 "
                       "/bin/sh -c rm /root/.ssh/id_rsa"}]
image(out + "/secret.tar", [gzip.compress(l0), gzip.compress(l1)],
      history=hist, diff_ids=[sha(l0), sha(l1)],
      config_extra={"User": "app", "ExposedPorts": {"80/tcp": {}, "22/tcp": {}},
                    "Env": ["API_TOKEN=s3cr3tvalue1234"]})

# 3. a gzip bomb: 10 GiB of zeros as 160 gzip members of 64 MiB each,
#    inside a tar header claiming one 10 GiB file.
member = gzip.compress(bytes(64 << 20), compresslevel=9)
hdr = tarfile.TarInfo("zeros"); hdr.size = 160 * (64 << 20)
head = hdr.tobuf(format=tarfile.GNU_FORMAT)
bomb = gzip.compress(head) + member * 160
image(out + "/bomb.tar", [tar_bytes([f("ok.txt")]), bomb])

# 4. a 10 GiB sparse file (old GNU sparse header, one 512-byte chunk at
#    the end), named etc/passwd so that an analyzer reads it.
real = 10 << 30
h = bytearray(512)
h[0:10] = b"etc/passwd"
h[100:108] = b"0000644\0"
h[108:116] = b"0000000\0"; h[116:124] = b"0000000\0"
h[124:136] = b"%011o\0" % 512
h[136:148] = b"%011o\0" % 0
h[156:157] = b"S"
h[257:265] = b"ustar  \0"
h[386:398] = b"%012o" % (real - 512)
h[398:410] = b"%011o\0" % 512
h[483:495] = b"%012o" % real
h[148:156] = b"        "
h[148:156] = b"%06o\0 " % sum(h)
assert len(h) == 512
sparse = bytes(h) + b"A" * 512 + bytes(1024)
image(out + "/sparse.tar", [sparse])

# 5. a truncated layer between two good ones.
good = tar_bytes([f("one.txt", b"1"), f("etc/passwd", b"root:x:0:0::/:/bin/sh\n")])
big = gzip.compress(tar_bytes([f("big%d" % i, os.urandom(4096)) for i in range(64)]))
last = tar_bytes([f("data/ww", b"x", mode=0o666)])
image(out + "/truncated.tar", [good, big[:len(big) // 2], last])

# 6. a manifest naming a layer outside the archive.
image(out + "/outside.tar", [None], names=["../../etc/passwd"])
PY
[ -f "$tmp/gen/outside.tar" ] || { echo "FAIL: generator"; exit 1; }

# run NAME: hull image on gen/NAME.tar from inside run/a/b, with a private
# TMPDIR; JSON in NAME.json, stderr in NAME.err, peak RSS (KiB) in NAME.rss.
run() {
	local name=$1 want=$2
	(cd "$tmp/run/a/b" && TMPDIR=$tmp/tmp /usr/bin/time -f "%M %e" \
		-o "$tmp/$name.time" timeout 120 "$HULL" image --format json \
		--fail-on never "$tmp/gen/$name.tar" >"$tmp/$name.json" \
		2>"$tmp/$name.err")
	local rc=$?
	if [ "$rc" != "$want" ]; then
		bad "$name: exit $rc, want $want"; cat "$tmp/$name.err"
	fi
	read -r rss secs < <(tail -n 1 "$tmp/$name.time")
	if [ "$rss" -gt 204800 ]; then
		bad "$name: peak RSS ${rss} KiB"
	fi
	echo "$name: exit $rc, peak RSS ${rss} KiB, ${secs}s"
}

has() {
	local name=$1 expr=$2
	python3 - "$tmp/$name.json" "$expr" <<'PY' || bad "$name: $expr"
import json, sys
r = json.load(open(sys.argv[1]))
f = r["findings"]
ids = [x["id"] for x in f]
def msgs(i): return " | ".join(x["message"] for x in f if x["id"] == i)
def paths(i): return [x["location"].get("path") for x in f if x["id"] == i]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

run traversal 0
has traversal '"../../escape1" in paths("IM020")'
has traversal '"a/../../../escape2" in paths("IM020")'
has traversal '"link/written-through" in paths("IM020")'
has traversal '"hl" in paths("IM020")'
has traversal '"abs/ok.txt" not in paths("IM020")'
has traversal 'len(paths("IM020")) == 4'

run secret 0
has secret 'any("root/.ssh/id_rsa" == p for p in paths("IM009"))'
has secret '"layer 1 removes or replaces it" in msgs("IM009") and "stored in layer 0" in msgs("IM009")'
has secret '"app/.env" in paths("IM009")'
# The engine knows both formats, so they are SE findings, not IM002/IM004
# (one finding per secret), and the history line is shown redacted.
has secret '"image history, entry 2 (layer 1)" in msgs("SE013") and "IM004" not in ids'
has secret 'all("abcdefghijklmnop" not in json.dumps(x) for x in f)'
has secret '"environment variable \x27API_TOKEN\x27" in msgs("SE046") and "IM002" not in ids'
has secret '"IM001" not in ids'
has secret '"usr/bin/tool" in paths("IM010")'
has secret '"data/open" in paths("IM011") and "tmp" not in paths("IM011")'
has secret '"opq/new" in paths("IM011") and "opq/old" not in paths("IM011")'
has secret '"app" in msgs("IM013") and "root" not in msgs("IM013")'
has secret '"UID 0" in msgs("IM014")'
has secret '"IM006" in ids and "IM007" in ids'
has secret '"IM019" not in ids'

run bomb 3
has bomb '"decompression bomb" in msgs("IM018")'

run sparse 0
has sparse '"IM018" not in ids and "IM020" not in ids'
# The analyzer that wanted etc/passwd stopped at its cap.
grep -q "etc/passwd': file larger than" "$tmp/sparse.err" ||
	{ bad "sparse: no cap message"; cat "$tmp/sparse.err"; }

run truncated 3
has truncated '"layer 1 could not be read" in msgs("IM018")'
has truncated '"data/ww" in paths("IM011")'
grep -q "cannot read layer 1" "$tmp/truncated.err" ||
	bad "truncated: no error message"

run outside 3
grep -q "no member '../../etc/passwd'" "$tmp/outside.err" ||
	{ bad "outside: message"; cat "$tmp/outside.err"; }

# Nothing was written anywhere a naive extraction would have put it, and
# the temp dir is empty (anonymous files only).
left=$(find "$tmp/run" "$tmp/tmp" -mindepth 1 ! -path "$tmp/run/a" \
	! -path "$tmp/run/a/b")
if [ -n "$left" ]; then
	bad "files appeared on the host: $left"
fi
finish
