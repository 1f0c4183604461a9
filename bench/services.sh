#!/usr/bin/env bash
# Time the test services (tests/env/services.sh) and `hull host` on them.
# Run by hand as root: bench/services.sh HULL_BINARY
set -euo pipefail
hull=${1:?usage: bench/services.sh HULL_BINARY}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d /tmp/hull-bench-services.XXXXXX)
trap '"$here/tests/env/services.sh" stop "$out" >/dev/null; rm -rf "$out"' EXIT

t0=$(date +%s.%N)
"$here/tests/env/services.sh" start "$out" >/dev/null
t1=$(date +%s.%N)
"$here/tests/env/services.sh" stop "$out" >/dev/null
t2=$(date +%s.%N)
"$here/tests/env/services.sh" start "$out" >/dev/null
t3=$(date +%s.%N)
echo "start, empty data root:  $(awk "BEGIN { print $t1 - $t0 }") s"
echo "stop:                    $(awk "BEGIN { print $t2 - $t1 }") s"
echo "start, images present:   $(awk "BEGIN { print $t3 - $t2 }") s"

set -a
. "$out/services.env"
set +a
for h in "$HULL_DOCKER_HOST" "${HULL_ROOTLESS_DOCKER_HOST:-}"; do
	[ -n "$h" ] || continue
	t0=$(date +%s.%N)
	for _ in $(seq 20); do
		"$hull" host --host "$h" -q -f json >/dev/null || true
	done
	t1=$(date +%s.%N)
	echo "hull host $h: $(awk "BEGIN { print ($t1 - $t0) * 50 }") ms per run"
done
