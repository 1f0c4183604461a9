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
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

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

# Two sets of 10,000 packages, each drawn from every (ecosystem,
# package) the database knows, cycled: "old" versions below every fix
# (the worst case: most ranges hit, tens of thousands of findings) and
# "current" versions above them (every lookup and range evaluated, few
# findings: what a maintained image looks like).
python3 - "$tmp/vuln.db" "$tmp" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT DISTINCT ecosystem, release, package FROM affected "
                  "ORDER BY ecosystem, package").fetchall()
sets = {"old": {"alpine": "0.1-r0", "debian": "0.1-1", "go": "v0.0.1",
                "pypi": "0.0.1"},
        "current": {"alpine": "999.0-r0", "debian": "999.0-1",
                    "go": "v999.0.0", "pypi": "999.0"}}
for name, ver in sets.items():
    with open("%s/%s.tsv" % (sys.argv[2], name), "w") as out:
        for i in range(10000):
            eco, rel, pkg = rows[i % len(rows)]
            e = eco + (":" + rel if rel else "")
            distro = eco in ("alpine", "debian")
            out.write("%s\t%s\t%s\t%s\t-\n" % (e,
                      pkg + "-bin" if distro else pkg,
                      pkg if distro else "-", ver[eco]))
PY
for set in current old; do
	for i in 1 2 3; do
		"$tmp/vuln_match" "$tmp/vuln.db" "$tmp/$set.tsv"
	done | sort -t, -k3 | head -1 | {
		read -r line
		t=$(echo "$line" | sed 's/.*, \([0-9.]*\) s$/\1/')
		echo "matching ($set versions): $line (best of 3; floor 0.5 s, ratio $(ratio "$t" 0.5))"
	}
done

# The cost of checking every page (PRAGMA quick_check, what 'hull db
# import/update/info' run) against a typical scan: 'hull image' of the
# alpine-310 archive with this database.  quick_check is timed inside
# one process (python3's sqlite3), best of 5; the scan best of 5.
img=$src/../shared/data/images/alpine-310.tar.gz
qc=$(python3 - "$tmp/vuln.db" <<'PY'
import sqlite3, sys, time
best = 1e9
for _ in range(5):
    db = sqlite3.connect(sys.argv[1])
    t = time.perf_counter()
    r = db.execute("PRAGMA quick_check").fetchone()[0]
    best = min(best, time.perf_counter() - t)
    db.close()
    assert r == "ok", r
print("%.4f" % best)
PY
)
scan=9
for i in 1 2 3 4 5; do
	s=$(date +%s.%N)
	"$hull" image -q --db "$tmp/vuln.db" "docker-archive:$img" \
		>/dev/null 2>&1 || [ $? = 1 ]
	e=$(date +%s.%N)
	scan=$(python3 -c "print('%.4f' % min($scan, $e - $s))")
done
echo "quick_check of the $(du -k "$tmp/vuln.db" | cut -f1) KiB database: ${qc} s; scan of alpine-310: ${scan} s (ratio $(ratio "$qc" "$scan"))"
