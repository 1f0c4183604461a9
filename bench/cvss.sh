#!/bin/bash
# Benchmark CVSS 4.0 scoring: every one of the 104,976 base-only vectors
# and as many again with threat and environmental metrics through
# `hull db cvss -`, against a floor of 1 s for each set.  Run by hand
# from the source tree after a build:
#
#   bench/cvss.sh [BUILD_DIR]      (default: build)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
hull=$build/hull
tmp=$(mktemp -d /tmp/hull-bench-cvss.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# Every base vector, in the specification's value order.
awk 'BEGIN {
	split("AV:NALP AC:LH AT:NP PR:NLH UI:NPA VC:HLN VI:HLN VA:HLN " \
	      "SC:HLN SI:HLN SA:HLN", m, " ");
	n = 1; v[1] = "CVSS:4.0";
	for (i = 1; i <= 11; i++) {
		split(m[i], kv, ":"); k = 0;
		for (j = 1; j <= n; j++)
			for (c = 1; c <= length(kv[2]); c++)
				w[++k] = v[j] "/" kv[1] ":" substr(kv[2], c, 1);
		n = k; for (j = 1; j <= n; j++) v[j] = w[j];
	}
	for (j = 1; j <= n; j++) print v[j];
}' >"$tmp/base"
sed 's|$|/E:P/CR:M/IR:L/AR:H/MAV:A/MSI:S/MVA:N|' "$tmp/base" >"$tmp/env"

ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
for set in base env; do
	start=$(date +%s.%N)
	"$hull" db cvss - <"$tmp/$set" >/dev/null
	end=$(date +%s.%N)
	t=$(python3 -c "print('%.3f' % ($end - $start))")
	n=$(wc -l <"$tmp/$set")
	echo "cvss $set: $n vectors in $t s" \
		"($(python3 -c "print('%.1f' % ($n / ($end - $start) / 1000))")k/s)," \
		"floor ratio $(ratio "$t" 1)"
done
