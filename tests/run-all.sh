#!/usr/bin/env bash
# The whole test run behind `make check`:
#
#   1. the source is formatted (clang-format) and builds with -Werror;
#   2. the services the tests need start: dockerd on a private socket,
#      a registry and an HTTP server on loopback (tests/env/services.sh);
#   3. every CTest test runs on the normal build (unit, rules, cli,
#      integration);
#   4. an AddressSanitizer + UBSan build runs the unit, rules and cli
#      tests again;
#   5. each libFuzzer target runs briefly (clang builds).
#
# Tests that cannot run here (no ../shared/data, not root for dockerd)
# say so and are counted as skipped.  Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)
out=$root/build/test-out
mkdir -p "$out"
status=0
passed=0
failed=0
skipped=0

step() { printf '\n== %s\n' "$*"; }

# Sum CTest's own counts from its log.
count() {
	local log=$1 line total fails skips
	line=$(grep -E 'tests passed, [0-9]+ tests failed out of' "$log" | tail -1)
	[ -n "$line" ] || return 0
	total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
	fails=$(sed -E 's/.*, ([0-9]+) tests failed.*/\1/' <<<"$line")
	skips=$(grep -cE '\*\*\*Skipped|Not Run' "$log" || true)
	passed=$((passed + total - fails - skips))
	failed=$((failed + fails))
	skipped=$((skipped + skips))
}

run_ctest() {
	local dir=$1 log=$2
	shift 2
	(cd "$dir" && ctest --output-on-failure -j"$jobs" "$@") 2>&1 |
		tee "$log"
	local rc=${PIPESTATUS[0]}
	count "$log"
	[ "$rc" = 0 ] || status=1
}

step "format"
if ! make -s format-check; then
	status=1
	failed=$((failed + 1))
fi

step "build (strict)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
	cmake --build build -j"$jobs" || exit 1

step "services"
if [ -x tests/env/services.sh ]; then
	tests/env/services.sh start "$out" || {
		echo "services did not start; see $out/services.log"
		status=1
	}
	trap 'tests/env/services.sh stop "$out"' EXIT
	[ -f "$out/services.env" ] && set -a && . "$out/services.env" && set +a
fi

step "tests"
run_ctest build "$out/ctest.log"

step "sanitizers (ASan + UBSan)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHULL_SANITIZE=ON \
	>/dev/null && cmake --build build-asan -j"$jobs" || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	run_ctest build-asan "$out/ctest-asan.log" -L 'unit|rules|cli'

step "fuzz"
if command -v clang >/dev/null; then
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug \
		-DHULL_FUZZ=ON -DHULL_TESTS=OFF -DHULL_WERROR=OFF >/dev/null &&
		cmake --build build-fuzz -j"$jobs" || exit 1
	run_ctest build-fuzz "$out/ctest-fuzz.log"
else
	echo "clang is missing: fuzz targets skipped"
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
