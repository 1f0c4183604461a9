#!/bin/bash
# hull scan timings: the awesome-compose tree of ../shared/data, this
# repository, and a synthetic tree of 100,000 small files.  Also prints
# the ratio against the three single-purpose commands run one after the
# other (dockerfile + compose + secrets) over the same tree.
# Run by hand: bench/scan.sh [build/hull]
set -u
hull=$(realpath "${1:-build/hull}")
cd "$(dirname "$0")/.."
data=../shared/data/realworld/awesome-compose
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best() { # best of 5 wall-clock seconds of "$@"
	local b=999 t s e
	for _ in 1 2 3 4 5; do
		s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc); b=$(echo "if ($t < $b) $t else $b" | bc)
	done
	printf '%.3f' "$b"
}
row() { printf '%-34s %8s s  %7s files\n' "$1" "$2" "$3"; }

if [ -d "$data" ]; then
	n=$(find "$data" -type f | wc -l)
	t=$(best "$hull" scan -q "$data")
	sep=$( { s=$(date +%s.%N); "$hull" dockerfile -q "$data"; "$hull" compose -q $(find "$data" -name 'compose.yaml' -o -name 'docker-compose.yml' -o -name 'compose.yml' -o -name 'docker-compose.yaml'); "$hull" secrets -q "$data"; e=$(date +%s.%N); echo "$e - $s" | bc; } 2>/dev/null | tail -1)
	row "awesome-compose: scan" "$t" "$n"
	row "  dockerfile+compose+secrets" "$(printf '%.3f' "$sep")" "$n"
else
	echo "awesome-compose: skipped (../shared/data is absent)"
fi
n=$(git ls-files | wc -l)
row "this repository (--skip-dir 'build*')" "$(best "$hull" scan -q --skip-dir 'build*' .)" "$n"
python3 - "$tmp/big" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(100):
    d = os.path.join(root, "pkg%03d" % i)
    os.makedirs(d)
    for j in range(1000):
        with open(os.path.join(d, "f%04d.txt" % j), "w") as f:
            f.write("value %d\n" % j)
PY
row "synthetic 100k files" "$(best "$hull" scan -q "$tmp/big")" 100000
