#!/bin/bash
# hull compose options: `-f compose.yaml` (docker compose's habit) is
# --format in hull and the error says to use -F/--file; --profile and
# COMPOSE_PROFILES select the services docker compose would start, and
# with no profile every service is audited.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
cd "$tmp" || exit 1

printf 'services:\n  web:\n    image: nginx:1.25\n' >compose.yaml
printf 'services:\n  web:\n    privileged: true\n' >compose.prod.yaml

# -f with a file name: usage error, and the hint.
"$HULL" compose -f compose.yaml -f compose.prod.yaml >out 2>err
rc=$?
assert "-f compose.yaml: exit 2 (got $rc)" '[ $rc -eq 2 ]'
assert "-f compose.yaml: the hint ($(cat err))" \
	'grep -qF "'"'"'-f'"'"' is --format in hull; use -F/--file to name a compose file" err'
# a .yml name that does not exist gets the hint too
"$HULL" compose -f other.yml >out 2>err
assert "-f other.yml (absent): the hint" 'grep -q "use -F/--file" err'
# an existing file of another kind, in another command
printf 'FROM alpine:3.19\n' >Dockerfile
"$HULL" dockerfile -f Dockerfile >out 2>err
rc=$?
assert "dockerfile -f Dockerfile: exit 2 (got $rc)" '[ $rc -eq 2 ]'
assert "dockerfile -f Dockerfile: says -f is --format ($(cat err))" \
	'grep -q "is --format in hull" err && ! grep -q "compose file" err'
# a plain unknown format gets no hint
"$HULL" compose -f xml >out 2>err
assert "-f xml: no hint" 'grep -q "unknown format" err && ! grep -q "is --format in hull" err'
# and -F works as docker compose -f does
"$HULL" compose -q -F compose.yaml -F compose.prod.yaml >out 2>err
rc=$?
assert "-F a -F b: exit 1 (got $rc)" '[ $rc -eq 1 ]'
assert "-F a -F b: RT002 from the second file" 'grep -q RT002 out'

# Profiles.  web has none; dbg is in debug; ops in ops and tools.
cat >p.yaml <<'EOF'
services:
  web:
    image: nginx:1.25
  dbg:
    image: busybox:1.36
    profiles: [debug]
    privileged: true
  ops:
    image: alpine:3.19
    profiles: [ops, tools]
    pid: host
EOF
# services FILE.json: the services with findings, sorted, space-separated
services() {
	python3 -c 'import json,re,sys
d=json.load(open(sys.argv[1]))
s=set()
for f in d["findings"]:
    m=re.match(r"service .([^'"'"']+)", f["message"])
    if m: s.add(m.group(1))
print(" ".join(sorted(s)))' "$1"
}
run() { # run NAME ARGS...: services audited
	local name=$1
	shift
	"$HULL" compose -q -f json "$@" >"$name.json" 2>"$name.err"
	services "$name.json"
}
unset COMPOSE_PROFILES
got=$(run all p.yaml)
assert "no profile: every service (got '$got')" '[ "$got" = "dbg ops web" ]'
got=$(run tools --profile tools p.yaml)
assert "--profile tools: ops and web (got '$got')" '[ "$got" = "ops web" ]'
got=$(run two --profile debug --profile ops p.yaml)
assert "--profile debug --profile ops: all (got '$got')" '[ "$got" = "dbg ops web" ]'
got=$(run none --profile nosuch p.yaml)
assert "--profile nosuch: web only (got '$got')" '[ "$got" = "web" ]'
got=$(run star --profile '*' p.yaml)
assert "--profile '*': all (got '$got')" '[ "$got" = "dbg ops web" ]'
got=$(COMPOSE_PROFILES=' debug ,x' run env p.yaml)
assert "COMPOSE_PROFILES=' debug ,x': dbg and web (got '$got')" '[ "$got" = "dbg web" ]'
got=$(COMPOSE_PROFILES=debug run both --profile ops p.yaml)
assert "--profile wins over COMPOSE_PROFILES (got '$got')" '[ "$got" = "ops web" ]'
got=$(COMPOSE_PROFILES= run empty p.yaml)
assert "empty COMPOSE_PROFILES: every service (got '$got')" '[ "$got" = "dbg ops web" ]'
# an inactive privileged service does not fail a gate; an active one does
"$HULL" compose -q --fail-on critical --profile ops p.yaml >/dev/null 2>&1
rc=$?
assert "RT002 of inactive dbg does not fail the gate (rc $rc)" '[ $rc -eq 0 ]'
"$HULL" compose -q --fail-on critical p.yaml >/dev/null 2>&1
rc=$?
assert "with no profile dbg's RT002 fails the gate (rc $rc)" '[ $rc -eq 1 ]'
# -v names what was skipped
"$HULL" compose -v --profile ops p.yaml >/dev/null 2>v.err
assert "-v names the skipped service ($(cat v.err))" \
	'grep -q "service .dbg. skipped" v.err'
finish
