#!/bin/bash
# hull image against the floor of decompressing the same layers.
#
# Builds a docker-archive of LAYERS gzip layers (default 4) holding
# MB_PER_LAYER MiB each (default 320) of mixed files: random bytes and
# repetitive text in files of 4 KiB to 4 MiB.  Then times, in the same
# run: zcat of every layer blob to /dev/null (the floor: inflating is
# work hull cannot skip), and `hull image` on the archive (inflate, sha256
# of every byte for the diff_ids, tar parsing, path index, rules).  Prints
# the ratio and hull's peak RSS.
#
#   HULL=build/hull bench/image.sh [WORKDIR]
set -eu
HULL=${HULL:-build/hull}
LAYERS=${LAYERS:-4}
MB_PER_LAYER=${MB_PER_LAYER:-320}
work=${1:-$(mktemp -d)}
mkdir -p "$work"

if [ ! -f "$work/image.tar" ]; then
	echo "generating $LAYERS layers of $MB_PER_LAYER MiB in $work ..." >&2
	python3 - "$work" "$LAYERS" "$MB_PER_LAYER" <<'PY'
import hashlib, io, json, os, random, subprocess, sys, tarfile
work, layers, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7)
words = b"alpha beta gamma delta epsilon config server value path file "
names, diff_ids = [], []
for l in range(layers):
    blob = f"{work}/layer{l}.tar.gz"
    gz = subprocess.Popen(["gzip", "-1", "-c"], stdin=subprocess.PIPE,
                          stdout=open(blob, "wb"))
    h = hashlib.sha256()
    class W:
        def write(self, b):
            h.update(b); gz.stdin.write(b); return len(b)
        def flush(self): pass
    t = tarfile.open(fileobj=W(), mode="w|", format=tarfile.PAX_FORMAT)
    left, i = mb << 20, 0
    while left > 0:
        size = min(left, rng.choice([4096, 65536, 1 << 20, 4 << 20]))
        if i % 2:
            data = os.urandom(size)
        else:
            data = (words * (size // len(words) + 1))[:size]
        ti = tarfile.TarInfo(f"layer{l}/dir{i % 50}/file{i}")
        ti.size = size
        t.addfile(ti, io.BytesIO(data))
        left -= size; i += 1
    t.close()
    gz.stdin.close(); gz.wait()
    names.append(f"layer{l}.tar.gz"); diff_ids.append("sha256:" + h.hexdigest())
cfg = {"architecture": "amd64", "os": "linux", "config": {"User": "1000"},
       "rootfs": {"type": "layers", "diff_ids": diff_ids},
       "history": [{"created_by": f"COPY layer{l} /"} for l in range(layers)]}
open(f"{work}/config.json", "w").write(json.dumps(cfg))
open(f"{work}/manifest.json", "w").write(json.dumps(
    [{"Config": "config.json", "RepoTags": ["bench:1"], "Layers": names}]))
subprocess.check_call(["tar", "-C", work, "-cf", f"{work}/image.tar",
                       "manifest.json", "config.json"] + names)
PY
fi

size=$(du -m "$work/image.tar" | cut -f1)
raw=$(for f in "$work"/layer*.tar.gz; do gzip -l "$f" | tail -1; done |
	awk '{s += $2} END {printf "%d", s / 1048576}')
echo "image: ${size} MiB compressed, ${raw} MiB of layers uncompressed"

# Warm the page cache for both.
cat "$work/image.tar" >/dev/null

t0=$(date +%s.%N)
for f in "$work"/layer*.tar.gz; do zcat "$f" >/dev/null; done
t1=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$HULL" image --fail-on never -q \
	"docker-archive:$work/image.tar" >"$work/report.txt"
t2=$(date +%s.%N)

# A second, stricter floor: zlib's inflate (what libarchive uses), driven
# from python in 1 MiB reads; informational.
t3=$(date +%s.%N)
python3 -c '
import sys, zlib
for p in sys.argv[1:]:
    d = zlib.decompressobj(31)
    with open(p, "rb") as f:
        while True:
            b = f.read(1 << 20)
            if not b: break
            while b:
                d.decompress(b, 1 << 20)
                b = d.unconsumed_tail
' "$work"/layer*.tar.gz
t4=$(date +%s.%N)
zfloor=$(echo "$t4 - $t3" | bc)
floor=$(echo "$t1 - $t0" | bc)
hull=$(echo "$t2 - $t1" | bc)
rss=$(tail -1 "$work/rss")
printf 'floor (zcat): %.2fs\nhull image:   %.2fs\nratio:        %.2f\n' \
	"$floor" "$hull" "$(echo "$hull / $floor" | bc -l)"
printf 'zlib floor:   %.2fs (hull/zlib %.2f)\n' "$zfloor" \
	"$(echo "$hull / $zfloor" | bc -l)"
echo "peak RSS:     $((rss / 1024)) MiB"
grep -q IM018 "$work/report.txt" && { echo "error: a layer failed"; exit 1; }
grep -q IM019 "$work/report.txt" && { echo "error: digest mismatch"; exit 1; }
exit 0
