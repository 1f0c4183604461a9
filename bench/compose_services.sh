#!/bin/bash
# Time hull compose on a generated file of N services (default 200000).
# Usage: bench/compose_services.sh HULL [N]
set -eu
hull=${1:?usage: $0 HULL [N]}
n=${2:-200000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v n="$n" 'BEGIN { print "services:"; for (i = 0; i < n; i++) printf "  s%d:\n    image: a:1\n", i }' >"$tmp/compose.yaml"
start=$(date +%s.%N)
"$hull" compose -q "$tmp/compose.yaml" >/dev/null 2>&1 || true
end=$(date +%s.%N)
echo "$n services: $(echo "$end - $start" | bc) s"
