#!/bin/bash
# hull compose and the variables files: a .env that is there but cannot
# be read (no permission, a directory, a FIFO, past the size cap), a
# missing --env-file and an unreadable include env_file are input errors
# (exit 3) naming the file and the cause; the compose file is still
# audited with the variables that could be resolved, and a ${VAR:?} that
# fails for want of them names the unread file.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
cd "$tmp" || exit 1

# A pinned image and a user so that only privileged: depends on .env.
project() {
	mkdir -p "$1"
	printf 'services:\n  web:\n    image: "nginx:1@sha256:%064d"\n    privileged: ${PRIV:-false}\n    user: "${U:?U is required}"\n' 0 >"$1/compose.yaml"
}
# has ID FILE: whether FILE (JSON) holds a finding ID
has() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[2]))
sys.exit(0 if any(f["id"]==sys.argv[1] for f in d["findings"]) else 1)' "$1" "$2"
}

# A readable .env is used: PRIV=true gives RT002.
project ok
printf 'PRIV=true\nU=app\n' >ok/.env
"$HULL" compose -f json ok/compose.yaml >ok.json 2>ok.err
rc=$?
assert "readable .env: exit 1 (got $rc: $(cat ok.err))" '[ $rc -eq 1 ]'
assert "readable .env: RT002" 'has RT002 ok.json'

# expect NAME CAUSE: the project NAME exits 3, says CAUSE about its .env
# and still audits the file (JSON output with the service's findings).
expect() {
	local ep=$1 ec=$2
	"$HULL" compose -f json "$ep/compose.yaml" >"$ep.json" 2>"$ep.err"
	rc=$?
	assert "$ep: exit 3 (got $rc)" '[ $rc -eq 3 ]'
	assert "$ep: the error names $ep/.env and '$ec' ($(cat "$ep.err"))" \
		'grep -q "$ep/\.env.*$ec" "$ep.err"'
	assert "$ep: the unset U names the unread .env" \
		'grep -q "required variable .U. is unset.*$ep/\.env.* could not be read" "$ep.err"'
	assert "$ep: the file is still audited" 'has RT010 "$ep.json"'
}

project dir
mkdir dir/.env
expect dir "is a directory"

project fifo
mkfifo fifo/.env
# a FIFO with no writer must not block the read
"$HULL" compose -f json fifo/compose.yaml >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then
	kill $pid
	assert "fifo: hull does not block on a FIFO .env" false
fi
wait $pid 2>/dev/null
expect fifo "is a FIFO"

# Past the cap (8 MiB): said, not silently ignored.  4 MiB is read.
project big
python3 -c 'import sys; sys.stdout.write("PRIV=true\n" + "X=" + "a" * (9 << 20) + "\n")' >big/.env
expect big "is larger than"
project mid
python3 -c 'import sys; sys.stdout.write("PRIV=true\nU=app\n" + "X=" + "a" * (4 << 20) + "\n")' >mid/.env
"$HULL" compose -f json mid/compose.yaml >mid.json 2>mid.err
rc=$?
assert "a 4 MiB .env is read: exit 1 (got $rc: $(head -c 300 mid.err))" '[ $rc -eq 1 ]'
assert "a 4 MiB .env is read: RT002" 'has RT002 mid.json'

# No permission: as a user that cannot read it (root always can).
project perm
printf 'PRIV=true\nU=app\n' >perm/.env
chmod 000 perm/.env
if [ "$(id -u)" != 0 ]; then
	expect perm "Permission denied"
elif command -v runuser >/dev/null && runuser -u nobody -- "$HULL" version >/dev/null 2>&1; then
	chmod 755 "$tmp" perm
	runuser -u nobody -- "$HULL" compose -f json perm/compose.yaml >perm.json 2>perm.err
	rc=$?
	assert "perm: exit 3 as nobody (got $rc)" '[ $rc -eq 3 ]'
	assert "perm: the error names perm/.env ($(cat perm.err))" \
		'grep -q "perm/\.env.*Permission denied" perm.err'
	assert "perm: no RT002 from an unread .env, still audited" \
		'! has RT002 perm.json && has RT010 perm.json'
else
	echo "note: unreadable-.env case skipped: root, and runuser cannot run hull as nobody"
fi

# A gate with no findings at or above --fail-on still fails on the .env.
"$HULL" compose -q --fail-on critical dir/compose.yaml >/dev/null 2>&1
rc=$?
assert "--fail-on critical with an unreadable .env: exit 3 (got $rc)" '[ $rc -eq 3 ]'

# A missing default .env is normal; a missing --env-file is not.
project none
printf 'services:\n  web:\n    image: "nginx:1@sha256:%064d"\n' 0 >none/compose.yaml
"$HULL" compose -q --fail-on critical none/compose.yaml >/dev/null 2>none.err
rc=$?
assert "no .env: exit 0 (got $rc: $(cat none.err))" '[ $rc -eq 0 ]'
"$HULL" compose -q --env-file none/vars.env none/compose.yaml >/dev/null 2>none.err
rc=$?
assert "missing --env-file: exit 3 (got $rc)" '[ $rc -eq 3 ]'
assert "missing --env-file named ($(cat none.err))" \
	'grep -q "none/vars.env.*No such file" none.err'
"$HULL" compose -q --env-file fifo/.env none/compose.yaml >/dev/null 2>none.err
rc=$?
assert "FIFO --env-file: exit 3 (got $rc)" '[ $rc -eq 3 ]'

# An include's env_file that is a directory.
mkdir -p inc/sub/vars.env
printf 'include:\n  - path: sub/db.yaml\n    env_file: sub/vars.env\n' >inc/compose.yaml
printf 'services:\n  db:\n    image: "pg:${T:?T is required}"\n' >inc/sub/db.yaml
"$HULL" compose -q inc/compose.yaml >/dev/null 2>inc.err
rc=$?
assert "include env_file a directory: exit 3 (got $rc)" '[ $rc -eq 3 ]'
assert "include env_file named ($(cat inc.err))" \
	'grep -q "inc/sub/vars.env.* is a directory" inc.err'
assert "include's unset T names the unread env_file" \
	'grep -q "db.yaml:3: required variable .T. is unset.*inc/sub/vars.env.* could not be read" inc.err'

# hull scan reads compose projects the same way.
"$HULL" scan -q dir >/dev/null 2>scan.err
rc=$?
assert "scan with an unreadable .env: exit 3 (got $rc)" '[ $rc -eq 3 ]'
assert "scan names the .env ($(cat scan.err))" 'grep -q "dir/\.env" scan.err'
finish
