#!/bin/bash
# A compose file with many services is read in linear time: 50,000
# services took over a minute when each service was looked up by a scan
# of all of them; linear, it takes about two seconds.  The bound is
# generous for a loaded machine.
set -u
: "${HULL:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=50000
awk -v n=$n 'BEGIN { print "services:"; for (i = 0; i < n; i++) printf "  s%d:\n    image: a:1\n", i }' >"$tmp/compose.yaml"
start=$(date +%s)
count=$(timeout 120 "$HULL" compose -f json "$tmp/compose.yaml" 2>/dev/null |
	python3 -c 'import json,sys; print(len({f["location"]["target"] for f in json.load(sys.stdin)["findings"] if f["id"] == "RT024"}))')
end=$(date +%s)
secs=$((end - start))
echo "$n services: ${secs}s"
[ "$count" = "$n" ] || { echo "FAIL: want RT024 for $n services, got '$count'"; fail=1; }
if [ "$secs" -gt 30 ]; then
	echo "FAIL: $n services took ${secs}s (bound 30s)"
	fail=1
fi
exit $fail
