#!/bin/bash
# Lint every real-world Dockerfile with hull and with dockerfilelint (the
# npm package) in the same run; print both times and the ratio.  Also
# measure 'hull --version' start-up.  Run by hand:
#
#	bench/dockerfile.sh [path/to/hull]
#
# dockerfilelint is installed with npm into bench/node_modules the first
# time.  Each tool gets one process per file (how CI calls a linter), and
# the corpus is linted ROUNDS times to smooth out noise.
set -eu
cd "$(dirname "$0")/.."
HULL=${1:-${HULL:-build/hull}}
DATA=${HULL_DATA:-../shared/data}
ROUNDS=${ROUNDS:-5}
[ -x "$HULL" ] || { echo "no hull binary at '$HULL'" >&2; exit 1; }
[ -d "$DATA/realworld" ] || { echo "../shared/data is absent" >&2; exit 1; }

if [ ! -x bench/node_modules/.bin/dockerfilelint ]; then
	echo "installing dockerfilelint into bench/node_modules ..." >&2
	npm install --silent --no-audit --no-fund --prefix bench dockerfilelint >/dev/null
fi
DFL=bench/node_modules/.bin/dockerfilelint

mapfile -t files < <(find "$DATA/realworld" -type f -name 'Dockerfile*' | sort)
echo "corpus: ${#files[@]} Dockerfiles from $DATA/realworld, $ROUNDS rounds"

now() { date +%s.%N; }
t0=$(now)
for _ in $(seq "$ROUNDS"); do
	for f in "${files[@]}"; do "$HULL" dockerfile -q --fail-on never "$f" >/dev/null || true; done
done
t1=$(now)
for _ in $(seq "$ROUNDS"); do
	for f in "${files[@]}"; do "$DFL" "$f" >/dev/null 2>&1 || true; done
done
t2=$(now)
python3 - "$t0" "$t1" "$t2" "${#files[@]}" "$ROUNDS" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:4]); n, r = int(sys.argv[4]), int(sys.argv[5])
h, d = t1 - t0, t2 - t1
print("hull:           %8.3f s  (%.2f ms per file)" % (h, 1000 * h / (n * r)))
print("dockerfilelint: %8.3f s  (%.2f ms per file)" % (d, 1000 * d / (n * r)))
print("ratio:          %8.1fx faster" % (d / h))
if d / h < 20:
    print("BELOW the 20x floor")
    sys.exit(1)
PY

# One process for the whole corpus, as 'hull dockerfile DIR' is used.
t0=$(now)
for _ in $(seq "$ROUNDS"); do "$HULL" dockerfile -q --fail-on never "$DATA/realworld" >/dev/null || true; done
t1=$(now)
python3 -c "import sys; print('hull, one process for the corpus: %.2f ms' % (1000 * ($t1 - $t0) / $ROUNDS))"

if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 20 --runs 300 --export-json /tmp/hull-startup.json \
		"$HULL --version" >/dev/null
	python3 -c 'import json; r = json.load(open("/tmp/hull-startup.json"))["results"][0]
print("hull --version: mean %.2f ms, median %.2f ms (hyperfine, %d runs)" % (r["mean"] * 1000, r["median"] * 1000, len(r["times"])))
import sys; sys.exit(0 if r["median"] < 0.005 else 1)'
else
	t0=$(now)
	for _ in $(seq 500); do "$HULL" --version >/dev/null; done
	t1=$(now)
	python3 -c "print('hull --version: %.2f ms per run (500-run loop)' % ((($t1) - ($t0)) * 2))"
fi
