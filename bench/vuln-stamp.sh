#!/bin/bash
# The cost of the scan's database check: 'hull image' of the alpine-310
# archive with a database of all shared advisories, with a matching
# verification stamp (DB.verified: no check) and without one (the scan
# runs PRAGMA quick_check and writes the stamp).  Best of N runs each,
# interleaved.  Usage: bench/vuln-stamp.sh [HULL] [N]
set -u
hull=${1:-build/hull}
n=${2:-10}
data=$(cd "$(dirname "$0")/../../shared/data" 2>/dev/null && pwd) ||
	{ echo "../shared/data is absent"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$hull" db import -q --db "$tmp/v.db" "$data"/advisories/* || exit 1
img="docker-archive:$data/images/alpine-310.tar.gz"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
best_with=999999 best_without=999999
for i in $(seq "$n"); do
	t=$(ms "$hull" image -q --db "$tmp/v.db" -f json "$img")
	[ "$t" -lt "$best_with" ] && best_with=$t
	rm -f "$tmp/v.db.verified"
	t=$(ms "$hull" image -q --db "$tmp/v.db" -f json "$img")
	[ "$t" -lt "$best_without" ] && best_without=$t
done
echo "database: $(($(stat -c %s "$tmp/v.db") / 1048576)) MiB"
echo "scan with a matching stamp: $best_with ms (best of $n)"
echo "scan without a stamp (quick_check + stamp): $best_without ms (best of $n)"
awk -v a="$best_without" -v b="$best_with" 'BEGIN { printf "ratio: %.2f\n", a / b }'
