#!/bin/bash
# Compose audit speed: hull against dclint (npm "dclint") on the
# awesome-compose corpus, in the same run, on the same files.
#
#   bench/compose.sh [HULL] [ROUNDS]
#
# dclint is installed into a temporary directory with npm.  Each tool
# lints all files ROUNDS times (default 5); the ratio of the wall times
# is printed.
set -eu
HULL=${1:-build/hull}
ROUNDS=${2:-5}
DATA=${HULL_DATA:-../shared/data}/realworld/awesome-compose
[ -d "$DATA" ] || { echo "no $DATA"; exit 1; }
mapfile -t files < <(find "$DATA" -name '*compose*.y*ml' | sort)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm install --silent --no-audit --no-fund dclint >/dev/null 2>&1) ||
	{ echo "cannot install dclint with npm"; exit 1; }
DCLINT="$tmp/node_modules/.bin/dclint"

now() { date +%s.%N; }
t0=$(now)
for _ in $(seq "$ROUNDS"); do
	"$HULL" compose -q -f json --fail-on never "${files[@]}" >/dev/null
done
t1=$(now)
for _ in $(seq "$ROUNDS"); do
	"$DCLINT" "${files[@]}" >/dev/null 2>&1 || true
done
t2=$(now)
hull=$(echo "($t1 - $t0) / $ROUNDS" | bc -l)
dcl=$(echo "($t2 - $t1) / $ROUNDS" | bc -l)
printf 'files:  %d compose files, %d rounds\n' "${#files[@]}" "$ROUNDS"
printf 'hull:   %.4f s per round\n' "$hull"
printf 'dclint: %.4f s per round (%s)\n' "$dcl" "$("$DCLINT" --version 2>/dev/null | head -1)"
printf 'ratio:  hull is %.1fx faster\n' "$(echo "$dcl / $hull" | bc -l)"
