#!/bin/bash
# Hostile input through 'hull dockerfile': each case must end in a clear
# error or findings with the documented exit code, within a time limit,
# and never in a crash (exit >= 4, or a signal).
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3
LIMIT=20 # seconds; a hang is a failure

# expect NAME WANT_EXIT STDERR_PATTERN ARGS...
expect() {
	local name=$1 want=$2 pat=$3 rc
	shift 3
	timeout "$LIMIT" "$HULL" dockerfile -q --fail-on never "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name: exit $rc, want $want; stderr: $(head -c 300 "$tmp/err")"
	elif [ -n "$pat" ] && ! grep -q -- "$pat" "$tmp/err"; then
		bad "$name: stderr lacks '$pat': $(head -c 300 "$tmp/err")"
	else
		ok
	fi
}

: >"$tmp/empty"
head -c 65536 /dev/urandom >"$tmp/garbage"
python3 -c 'import sys; sys.stdout.write("RUN echo " + "a" * (10 * 1024 * 1024) + "\n")' >"$tmp/longline"
python3 -c 'import sys; sys.stdout.write("FROM debian:12\n" + "RUN true\n" * 100000)' >"$tmp/manylines"
printf 'FROM debian:12\nRUN <<EOF\napt-get update\n' >"$tmp/heredoc"
python3 -c 'import sys; sys.stdout.write("FROM debian:12\nRUN echo \\\n" + "  x \\\n" * 200000)' >"$tmp/continuations"
printf 'FROM debian:12\nRUN echo "unterminated\nUSER app\n' >"$tmp/quote"
python3 -c 'import sys; sys.stdout.write("FROM a AS s0\n" + "".join("FROM s%d AS s%d\n" % (i, i + 1) for i in range(3000)))' >"$tmp/stagechain"
printf 'FROM debian:12\nRUN %s\n' "$(python3 -c 'print("$(" * 5000 + "x" + ")" * 5000)')" >"$tmp/nesting"
mkdir -p "$tmp/nodockerfiles/sub" && echo hi >"$tmp/nodockerfiles/sub/readme.txt"
mkdir -p "$tmp/loop" && ln -s .. "$tmp/loop/up" && printf 'FROM debian:12\n' >"$tmp/loop/Dockerfile"

expect "empty file" 0 "" "$tmp/empty"
expect "binary garbage" 3 "hull: " "$tmp/garbage"
expect "10 MB line" 0 "" "$tmp/longline"
expect "100k lines" 0 "" "$tmp/manylines"
expect "unterminated heredoc" 0 "" "$tmp/heredoc"
expect "endless continuations" 0 "" "$tmp/continuations"
expect "unterminated quote" 0 "" "$tmp/quote"
expect "3000-stage FROM chain" 0 "" "$tmp/stagechain"
expect "deep nesting" 0 "" "$tmp/nesting"
expect "missing file" 3 "cannot\|No such" "$tmp/absent"
expect "directory without Dockerfiles" 3 "no Dockerfile" "$tmp/nodockerfiles"
expect "symlink loop directory" 0 "" "$tmp/loop"
expect "missing file, then a good one" 3 "" "$tmp/absent" "$tmp/loop/Dockerfile"
expect "stdin garbage" 3 "" - <"$tmp/garbage"
expect "stdin empty" 0 "" - <"$tmp/empty"

# The good file after a missing one is still linted.
timeout "$LIMIT" "$HULL" dockerfile -q --format json --fail-on never "$tmp/absent" "$tmp/loop/Dockerfile" 2>/dev/null |
	python3 -c 'import json,sys
d=json.load(sys.stdin)
assert any(f["id"] == "DF001" for f in d["findings"]), d' && ok ||
	bad "the scan did not go on after the missing file"

# The unterminated heredoc is a DF000 finding on its line.
timeout "$LIMIT" "$HULL" dockerfile -q --format json --fail-on never "$tmp/heredoc" |
	python3 -c 'import json,sys
d=json.load(sys.stdin)
assert any(f["id"] == "DF000" for f in d["findings"]), d' && ok ||
	bad "unterminated heredoc gave no DF000"

# A tree deeper than the walk goes: the directory left out is named with
# the limit, the scan is an error (exit 3), and what was found is linted.
deep="$tmp/deep"
for _ in $(seq 60); do deep="$deep/d"; done
mkdir -p "$deep" && printf 'FROM debian:12\n' >"$deep/Dockerfile"
printf 'FROM debian:12\nUSER app\n' >"$tmp/deep/Dockerfile"
expect "tree deeper than the walk limit" 3 "not searched, deeper than 48 directory levels" "$tmp/deep"
grep -q "'$tmp/deep/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d'" "$tmp/err" &&
	ok || bad "the unsearched directory is not named: $(head -c 400 "$tmp/err")"
grep -q "$tmp/deep/Dockerfile" "$tmp/out" && ok ||
	bad "the Dockerfile above the limit was not linted"
# Only Dockerfiles too deep: the same error, not "no Dockerfile found".
rm "$tmp/deep/Dockerfile"
expect "only too-deep Dockerfiles" 3 "not searched, deeper than" "$tmp/deep"
grep -q "no Dockerfile" "$tmp/err" && bad "'no Dockerfile' for a tree that was not searched" || ok
# At the limit itself everything is searched.
ok48="$tmp/ok48"
for _ in $(seq 48); do ok48="$ok48/d"; done
mkdir -p "$ok48" && printf 'FROM debian:12\nUSER app\n' >"$ok48/Dockerfile"
expect "tree exactly at the walk limit" 0 "" "$tmp/ok48"

# FIFOs, sockets and devices are never opened: as a PATH they are an
# error naming the kind; met in a directory walk, a warning, and skipped.
if command -v mkfifo >/dev/null; then
	mkfifo "$tmp/fifo"
	expect "FIFO as PATH" 3 "is a FIFO" "$tmp/fifo"
	mkdir -p "$tmp/withfifo/sub"
	mkfifo "$tmp/withfifo/sub/Dockerfile"
	ln -s /dev/zero "$tmp/withfifo/Containerfile"
	printf 'FROM debian:12\nUSER app\n' >"$tmp/withfifo/Dockerfile"
	timeout "$LIMIT" "$HULL" dockerfile --fail-on never "$tmp/withfifo" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		bad "directory with a FIFO: exit $rc: $(head -c 300 "$tmp/err")"
	elif ! grep -q "'$tmp/withfifo/sub/Dockerfile' is a FIFO, not a Dockerfile; skipped" "$tmp/err" ||
		! grep -q "'$tmp/withfifo/Containerfile' is a device" "$tmp/err" ||
		! grep -q "$tmp/withfifo/Dockerfile" "$tmp/out"; then
		bad "directory with a FIFO: $(head -c 400 "$tmp/err")"
	else
		ok
	fi
fi

finish
