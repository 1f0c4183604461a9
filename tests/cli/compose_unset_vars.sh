#!/bin/bash
# A variable used without a default and not set becomes a blank string,
# as in docker compose, with a warning naming the variable, file and
# line, once per variable and file; ${VAR:-x}, $$ and set variables
# warn of nothing, and the exit code is not changed by the warning.
set -u
: "${HULL:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
cat >c.yaml <<'YAML'
services:
  web:
    image: nginx:${HULL_T_TAG}
    user: "$HULL_T_TAG"
    environment:
      A: ${HULL_T_OTHER:-x}
      B: $$HULL_T_LITERAL
      C: ${HULL_T_SET}
  db:
    image: postgres:${HULL_T_PG}
YAML
env -u HULL_T_TAG -u HULL_T_OTHER -u HULL_T_LITERAL -u HULL_T_PG HULL_T_SET=1 \
	"$HULL" compose -f json c.yaml >out 2>err
rc=$?
[ $rc -le 1 ] || { echo "FAIL: exit $rc for unset variables"; fail=1; }
want="hull: warning: c.yaml:3: the HULL_T_TAG variable is not set; defaulting to a blank string"
[ "$(grep -c -F -- "$want" err)" = 1 ] || { echo "FAIL: no single warning for HULL_T_TAG:"; cat err; fail=1; }
grep -q "c.yaml:10: the HULL_T_PG variable is not set" err ||
	{ echo "FAIL: no warning for HULL_T_PG"; fail=1; }
grep -q -e HULL_T_OTHER -e HULL_T_LITERAL -e HULL_T_SET err &&
	{ echo "FAIL: a warning for a variable with a default, \$\$ or set"; fail=1; }
[ "$(grep -c "variable is not set" err)" = 2 ] || { echo "FAIL: want 2 warnings:"; cat err; fail=1; }
# -q silences warnings
env -u HULL_T_TAG -u HULL_T_PG "$HULL" compose -q c.yaml >/dev/null 2>err
[ -s err ] && { echo "FAIL: -q still warns"; fail=1; }
exit $fail
