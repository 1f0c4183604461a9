# Shared scaffolding for the shell tests (tests/{rules,cli,integration}).
# Source it first thing, located from the test script itself so that it
# works with or without HULL_SRC:
#
#	. "$(dirname "$0")/../lib/common.sh" || exit 1
#
# On sourcing it:
#   - requires HULL (the binary under test) and exits 1 without it;
#   - sets HULL_SRC (the source tree) when the caller did not;
#   - puts tests/lib on PYTHONPATH so that inline python can `import images`
#     (tests/lib/images.py, the image archive builders);
#   - makes a private temporary directory $tmp, removed on exit after the
#     caller's own cleanups (at_exit, kill_on_exit); HULL_KEEP=1 keeps it
#     and says where it is.
#
# Counting: ok, bad, check and assert count passes and failures in $pass
# and $fail; finish prints a summary and exits 1 on any failure.
# Skipping: skip, need_cmd, need_data and need_env print "skipped: REASON"
# and exit 77, which CTest reports as skipped.

: "${HULL:?HULL must name the hull binary}"
HULL_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${HULL_SRC:=$(cd "$HULL_LIB/../.." && pwd)}"
export HULL_LIB HULL_SRC
export PYTHONPATH="$HULL_LIB${PYTHONPATH:+:$PYTHONPATH}"
# and no __pycache__ in the source tree
export PYTHONDONTWRITEBYTECODE=1

pass=0
fail=0

# skip REASON...: the test cannot run here; say why and exit 77.
skip() {
	echo "skipped: $*"
	exit 77
}

# need_cmd CMD [REASON]: skip unless CMD is on PATH.  The reason defaults
# to "CMD is not installed".
need_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip "${2:-$1 is not installed}"
}

# need_data [PATH]: skip unless $HULL_DATA (../shared/data) holds PATH
# (the data directory itself when PATH is omitted).
need_data() {
	[ -n "${HULL_DATA:-}" ] && [ -e "$HULL_DATA/${1:-}" ] ||
		skip "../shared/data is absent"
}

# need_env [--why TEXT] VAR...: skip unless every VAR is set and not
# empty; the message names the missing ones and, with --why, how to get
# them (e.g. "start tests/env/services.sh").
need_env() {
	local why='' v missing=''
	if [ "${1:-}" = --why ]; then
		why=" ($2)"
		shift 2
	fi
	for v in "$@"; do
		[ -n "${!v:-}" ] || missing="$missing $v"
	done
	[ -z "$missing" ] || skip "not set:$missing$why"
}

# ok [WHAT]: one check passed; WHAT, when given, is printed as "ok: WHAT".
ok() {
	pass=$((pass + 1))
	[ $# -eq 0 ] || echo "ok: $*"
}

# bad WHAT: one check failed; prints "FAIL: WHAT".
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# check WHAT CMD [ARG...]: run CMD; ok when it succeeds, bad WHAT when not.
check() {
	local what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}

# assert WHAT 'SHELL EXPRESSION': the same with an expression evaluated in
# the caller's context, e.g. assert "exit 3 (got $rc)" '[ $rc -eq 3 ]'.
assert() {
	if eval "$2"; then ok; else bad "$1"; fi
}

# wait_file FILE [TENTHS]: wait up to TENTHS tenths of a second (default
# 50) for FILE to appear, e.g. the port file a test server writes once it
# listens; fails when it does not.
wait_file() {
	local i
	for ((i = 0; i < ${2:-50}; i++)); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	[ -e "$1" ]
}

# finish: print the summary and exit 1 if any check failed, else 0.
# Passes are counted only by ok, check and assert; a test whose checks
# only report failures shows the failures alone.
finish() {
	if [ "$pass" -gt 0 ]; then
		echo "$pass passed, $fail failed"
	elif [ "$fail" -gt 0 ]; then
		echo "$fail failed"
	else
		echo "no failures"
	fi
	[ "$fail" -eq 0 ] && exit 0
	exit 1
}

# at_exit 'COMMAND': run COMMAND (evaluated) on exit, before $tmp goes;
# the last added runs first.
_hull_at_exit=()
at_exit() {
	_hull_at_exit=("$1" "${_hull_at_exit[@]}")
}

# kill_on_exit PID: end the process the test started (by its PID) on exit.
kill_on_exit() {
	at_exit "kill $1 2>/dev/null"
}

_hull_cleanup() {
	local c
	for c in "${_hull_at_exit[@]}"; do
		eval "$c"
	done
	if [ -n "${HULL_KEEP:-}" ]; then
		echo "kept: $tmp"
	else
		rm -rf "$tmp"
	fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hull-$(basename "$0" .sh).XXXXXX") ||
	{
		echo "FAIL: cannot make a temporary directory"
		exit 1
	}
trap _hull_cleanup EXIT
