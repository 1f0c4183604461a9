#!/bin/bash
# Benchmark the vulnerability database: import of every advisory source
# in ../shared/data/advisories (floor: 30 s) and matching 10,000 packages
# (floor: 0.5 s).  Run by hand from the source tree after a build:
#
#   bench/vuln.sh [BUILD_DIR]      (default: build)
#
# The 10,000 packages are drawn from the database itself (every
# (ecosystem, package) that has an advisory, cycled), each with a low
# version so that most ranges apply: the expensive case.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
data=$src/../shared/data/advisories
hull=$build/hull
tmp=$(mktemp -d /tmp/hull-bench-vuln.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

[ -d "$data" ] || { echo "bench: ../shared/data is absent" >&2; exit 1; }
cc -O2 -I"$src/src" -o "$tmp/vuln_match" "$src/bench/vuln_match.c" \
	"$build/libhullcore.a" $(pkg-config --libs libarchive libcurl sqlite3 \
	jansson yaml-0.1 libpcre2-8 zlib libzstd) -lm \
	$(pkg-config --exists libhs && pkg-config --libs libhs)

ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }

start=$(date +%s.%N)
"$hull" db import -q --db "$tmp/vuln.db" "$data/alpine-secdb" \
	"$data/alpine-3.10-vulnlist" "$data/go-vulndb" "$data/pypa-osv" \
	"$data/debian-tracker"
end=$(date +%s.%N)
imp=$(python3 -c "print('%.2f' % ($end - $start))")
echo "import of all shared advisories: ${imp} s (floor 30 s, ratio $(ratio "$imp" 30))"
echo "database size: $(du -k "$tmp/vuln.db" | cut -f1) KiB"

python3 - "$tmp/vuln.db" "$tmp/pkgs.tsv" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT DISTINCT ecosystem, release, package FROM affected "
                  "ORDER BY ecosystem, package").fetchall()
low = {"alpine": "0.1-r0", "debian": "0.1-1", "go": "v0.0.1",
       "pypi": "0.0.1"}
with open(sys.argv[2], "w") as out:
    for i in range(10000):
        eco, rel, pkg = rows[i % len(rows)]
        e = eco + (":" + rel if rel else "")
        name = pkg if eco not in ("alpine", "debian") else pkg + "-bin"
        src = pkg if eco in ("alpine", "debian") else "-"
        out.write("%s\t%s\t%s\t%s\t-\n" % (e, name, src, low[eco]))
PY
for i in 1 2 3; do
	"$tmp/vuln_match" "$tmp/vuln.db" "$tmp/pkgs.tsv"
done | sort -t, -k3 | head -1 | {
	read -r line
	t=$(echo "$line" | sed 's/.*, \([0-9.]*\) s$/\1/')
	echo "matching: $line (best of 3; floor 0.5 s, ratio $(ratio "$t" 0.5))"
}
