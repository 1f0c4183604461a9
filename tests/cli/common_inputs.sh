#!/usr/bin/env bash
# Behaviour every command shares: non-regular inputs never hang, typos in
# rule ids and unwritable outputs are usage errors before any scan,
# per-command --help, case-insensitive formats, secrets kept out of error
# messages, control characters kept off the terminal, SARIF URIs encoded,
# config typos and impossible dates reported.
set -u
HULL=${HULL:?HULL must point at the hull binary}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
pass=0

check() { # name expected-exit actual-exit
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1: exit $3, expected $2"
		fail=$((fail + 1))
	fi
}
has() { # name file pattern
	if grep -q -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1: '$3' not in output:"
		sed 's/^/    /' "$2" | head -5
		fail=$((fail + 1))
	fi
}
lacks() { # name file pattern
	if grep -q -- "$3" "$2"; then
		echo "FAIL: $1: '$3' must not appear"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

printf 'FROM alpine:3.19\nUSER app\nCMD ["app"]\n' >"$t/Dockerfile"

# A FIFO with no writer: every reader must refuse it, not wait.
mkfifo "$t/fifo"
for cmd in dockerfile compose image secrets sbom; do
	timeout 20 "$HULL" "$cmd" "$t/fifo" >"$t/out" 2>"$t/err"
	rc=$?
	check "$cmd on a FIFO" 3 "$rc"
	has "$cmd on a FIFO names it" "$t/err" "FIFO"
done
timeout 20 "$HULL" image "docker-archive:$t/fifo" >/dev/null 2>&1
check "docker-archive: on a FIFO" 3 $?
timeout 20 "$HULL" db import --db "$t/v.db" "$t/fifo" >/dev/null 2>&1
check "db import of a FIFO" 3 $?

"$HULL" dockerfile --rule BOGUS "$t/Dockerfile" >"$t/out" 2>"$t/err"
check "--rule with an unknown id" 2 $?
has "unknown rule named" "$t/err" "unknown rule 'BOGUS'"
"$HULL" dockerfile --skip DL3008 --rule CVE-2024-1 "$t/Dockerfile" >/dev/null 2>&1
check "aliases and advisory ids are accepted" 0 $?

# A report that cannot be written is an I/O failure (exit 4), whether
# the file cannot be created or the write fails.
"$HULL" dockerfile -o /proc/nonexistent/report "$t/Dockerfile" 2>"$t/err"
check "unwritable --output" 4 $?
has "unwritable --output named" "$t/err" "cannot write '/proc/nonexistent/report'"
if [ -w /dev/full ]; then
	"$HULL" dockerfile -o /dev/full "$t/Dockerfile" 2>"$t/err"
	check "--output on a full device" 4 $?
fi

# An empty severity or rule list would hide everything or check nothing.
"$HULL" dockerfile -s '' "$t/Dockerfile" >"$t/out" 2>"$t/err"
check "--severity ''" 2 $?
has "--severity '' named" "$t/err" "--severity '' names no severity"
"$HULL" dockerfile --rule '' "$t/Dockerfile" >"$t/out" 2>"$t/err"
check "--rule ''" 2 $?
has "--rule '' named" "$t/err" "--rule '' names no rule"
"$HULL" dockerfile --skip , "$t/Dockerfile" >"$t/out" 2>"$t/err"
check "--skip ," 2 $?
printf 'severity: []\n' >"$t/empty-sev.yaml"
"$HULL" dockerfile --config "$t/empty-sev.yaml" "$t/Dockerfile" >"$t/out" 2>"$t/err"
check "severity: [] in the config" 2 $?
has "empty severity names the config" "$t/err" "$t/empty-sev.yaml: 'severity' is an empty list"

"$HULL" compose --help >"$t/out"
check "compose --help" 0 $?
has "compose --help shows usage" "$t/out" "usage: hull compose"
"$HULL" dockerfile --format JSON "$t/Dockerfile" >"$t/out"
check "--format JSON" 0 $?
python3 -m json.tool "$t/out" >/dev/null
check "--format JSON is JSON" 0 $?
"$HULL" rules --format sarif >/dev/null 2>&1
check "rules --format sarif" 2 $?

# A credential in a value that is only quoted in an error message.
key="AKIAQWERTYUIOPASDF12"
printf 'services:\n  a:\n    image: x:1\n    ports: ["%s:80"]\n' "$key" \
	>"$t/compose.yaml"
for fmt in table json sarif github; do
	"$HULL" compose -f "$fmt" "$t/compose.yaml" >"$t/out" 2>"$t/err"
	check "compose with a bad port ($fmt)" 3 $?
	lacks "secret in $fmt report" "$t/out" "$key"
	lacks "secret on stderr ($fmt)" "$t/err" "$key"
done

# Control characters from file names stay off the terminal.
esc=$(printf 'bad\033[31mname')
mkdir -p "$t/$esc"
printf 'FROM alpine:latest\n' >"$t/$esc/Dockerfile"
"$HULL" dockerfile --no-color "$t/$esc/Dockerfile" >"$t/out" 2>/dev/null
lacks "no raw escape in the table" "$t/out" "$(printf '\033')"
has "escape shown as \\x1b" "$t/out" 'bad\\x1b\[31mname'

mkdir -p "$t/with space"
printf 'FROM alpine:latest\n' >"$t/with space/Dockerfile"
(cd "$t" && "$HULL" dockerfile -f sarif "with space/Dockerfile") >"$t/out"
has "SARIF uri percent-encoded" "$t/out" '"uri": "with%20space/Dockerfile"'

printf 'ignores:\n  - id: DF001\n    reason: typo\n' >"$t/typo.yaml"
"$HULL" dockerfile -c "$t/typo.yaml" "$t/Dockerfile" >/dev/null 2>"$t/err"
has "unknown config key warned" "$t/err" "unknown key 'ignores'"
printf 'ignore:\n  - id: DF001\n    reason: r\n    expires: 2025-02-30\n' \
	>"$t/date.yaml"
"$HULL" dockerfile -c "$t/date.yaml" "$t/Dockerfile" >/dev/null 2>"$t/err"
check "impossible expiry date" 2 $?

printf 'FROM alpine:latest\n' >"$t/D2"
"$HULL" dockerfile --severity CRITICAL "$t/D2" >"$t/out"
has "severity filter counted apart" "$t/out" "not shown by --severity"
lacks "severity filter is not 'suppressed'" "$t/out" "suppressed"

# An unset required variable is an input error, and the image it left
# empty is not also reported as untagged.
mkdir -p "$t/req"
printf 'services:\n  web:\n    image: ${IMG:?set IMG}\n    user: app\n' \
	>"$t/req/compose.yaml"
(cd "$t/req" && env -u IMG "$HULL" compose compose.yaml) >"$t/out" 2>"$t/err"
check "unset required variable" 3 $?
has "unset variable named" "$t/err" "required variable 'IMG' is unset"
lacks "no RT023 for an empty image" "$t/out" "RT023"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
