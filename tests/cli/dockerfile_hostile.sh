#!/bin/bash
# Hostile input through 'hull dockerfile': each case must end in a clear
# error or findings with the documented exit code, within a time limit,
# and never in a crash (exit >= 4, or a signal).
set -u
: "${HULL:?HULL must name the hull binary}"
command -v python3 >/dev/null || { echo "skipped: python3 is not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
LIMIT=20 # seconds; a hang is a failure

# expect NAME WANT_EXIT STDERR_PATTERN ARGS...
expect() {
	local name=$1 want=$2 pat=$3 rc
	shift 3
	timeout "$LIMIT" "$HULL" dockerfile -q --fail-on never "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL: $name: exit $rc, want $want; stderr: $(head -c 300 "$T/err")"
		fail=$((fail + 1))
	elif [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then
		echo "FAIL: $name: stderr lacks '$pat': $(head -c 300 "$T/err")"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

: >"$T/empty"
head -c 65536 /dev/urandom >"$T/garbage"
python3 -c 'import sys; sys.stdout.write("RUN echo " + "a" * (10 * 1024 * 1024) + "\n")' >"$T/longline"
python3 -c 'import sys; sys.stdout.write("FROM debian:12\n" + "RUN true\n" * 100000)' >"$T/manylines"
printf 'FROM debian:12\nRUN <<EOF\napt-get update\n' >"$T/heredoc"
python3 -c 'import sys; sys.stdout.write("FROM debian:12\nRUN echo \\\n" + "  x \\\n" * 200000)' >"$T/continuations"
printf 'FROM debian:12\nRUN echo "unterminated\nUSER app\n' >"$T/quote"
python3 -c 'import sys; sys.stdout.write("FROM a AS s0\n" + "".join("FROM s%d AS s%d\n" % (i, i + 1) for i in range(3000)))' >"$T/stagechain"
printf 'FROM debian:12\nRUN %s\n' "$(python3 -c 'print("$(" * 5000 + "x" + ")" * 5000)')" >"$T/nesting"
mkdir -p "$T/nodockerfiles/sub" && echo hi >"$T/nodockerfiles/sub/readme.txt"
mkdir -p "$T/loop" && ln -s .. "$T/loop/up" && printf 'FROM debian:12\n' >"$T/loop/Dockerfile"

expect "empty file" 0 "" "$T/empty"
expect "binary garbage" 3 "hull: " "$T/garbage"
expect "10 MB line" 0 "" "$T/longline"
expect "100k lines" 0 "" "$T/manylines"
expect "unterminated heredoc" 0 "" "$T/heredoc"
expect "endless continuations" 0 "" "$T/continuations"
expect "unterminated quote" 0 "" "$T/quote"
expect "3000-stage FROM chain" 0 "" "$T/stagechain"
expect "deep nesting" 0 "" "$T/nesting"
expect "missing file" 3 "cannot\|No such" "$T/absent"
expect "directory without Dockerfiles" 3 "no Dockerfile" "$T/nodockerfiles"
expect "symlink loop directory" 0 "" "$T/loop"
expect "missing file, then a good one" 3 "" "$T/absent" "$T/loop/Dockerfile"
expect "stdin garbage" 3 "" - <"$T/garbage"
expect "stdin empty" 0 "" - <"$T/empty"

# The good file after a missing one is still linted.
timeout "$LIMIT" "$HULL" dockerfile -q --format json --fail-on never "$T/absent" "$T/loop/Dockerfile" 2>/dev/null |
	python3 -c 'import json,sys
d=json.load(sys.stdin)
assert any(f["id"] == "DF001" for f in d["findings"]), d' && pass=$((pass + 1)) ||
	{ echo "FAIL: the scan did not go on after the missing file"; fail=$((fail + 1)); }

# The unterminated heredoc is a DF000 finding on its line.
timeout "$LIMIT" "$HULL" dockerfile -q --format json --fail-on never "$T/heredoc" |
	python3 -c 'import json,sys
d=json.load(sys.stdin)
assert any(f["id"] == "DF000" for f in d["findings"]), d' && pass=$((pass + 1)) ||
	{ echo "FAIL: unterminated heredoc gave no DF000"; fail=$((fail + 1)); }

# A tree deeper than the walk goes: the directory left out is named with
# the limit, the scan is an error (exit 3), and what was found is linted.
deep="$T/deep"
for _ in $(seq 60); do deep="$deep/d"; done
mkdir -p "$deep" && printf 'FROM debian:12\n' >"$deep/Dockerfile"
printf 'FROM debian:12\nUSER app\n' >"$T/deep/Dockerfile"
expect "tree deeper than the walk limit" 3 "not searched, deeper than 48 directory levels" "$T/deep"
grep -q "'$T/deep/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d'" "$T/err" &&
	pass=$((pass + 1)) || { echo "FAIL: the unsearched directory is not named: $(head -c 400 "$T/err")"; fail=$((fail + 1)); }
grep -q "$T/deep/Dockerfile" "$T/out" && pass=$((pass + 1)) ||
	{ echo "FAIL: the Dockerfile above the limit was not linted"; fail=$((fail + 1)); }
# Only Dockerfiles too deep: the same error, not "no Dockerfile found".
rm "$T/deep/Dockerfile"
expect "only too-deep Dockerfiles" 3 "not searched, deeper than" "$T/deep"
grep -q "no Dockerfile" "$T/err" && { echo "FAIL: 'no Dockerfile' for a tree that was not searched"; fail=$((fail + 1)); } || pass=$((pass + 1))
# At the limit itself everything is searched.
ok48="$T/ok48"
for _ in $(seq 48); do ok48="$ok48/d"; done
mkdir -p "$ok48" && printf 'FROM debian:12\nUSER app\n' >"$ok48/Dockerfile"
expect "tree exactly at the walk limit" 0 "" "$T/ok48"

# FIFOs, sockets and devices are never opened: as a PATH they are an
# error naming the kind; met in a directory walk, a warning, and skipped.
if command -v mkfifo >/dev/null; then
	mkfifo "$T/fifo"
	expect "FIFO as PATH" 3 "is a FIFO" "$T/fifo"
	mkdir -p "$T/withfifo/sub"
	mkfifo "$T/withfifo/sub/Dockerfile"
	ln -s /dev/zero "$T/withfifo/Containerfile"
	printf 'FROM debian:12\nUSER app\n' >"$T/withfifo/Dockerfile"
	timeout "$LIMIT" "$HULL" dockerfile --fail-on never "$T/withfifo" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: directory with a FIFO: exit $rc: $(head -c 300 "$T/err")"
		fail=$((fail + 1))
	elif ! grep -q "'$T/withfifo/sub/Dockerfile' is a FIFO, not a Dockerfile; skipped" "$T/err" ||
		! grep -q "'$T/withfifo/Containerfile' is a device" "$T/err" ||
		! grep -q "$T/withfifo/Dockerfile" "$T/out"; then
		echo "FAIL: directory with a FIFO: $(head -c 400 "$T/err")"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
