#!/bin/bash
# hull compose on real and hostile compose files: every awesome-compose
# file parses, the trivy custom-policy example gives one RT023, hostile
# files exit 3 with an error naming the file, and one bad file does not
# stop the audit of the others.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
: "${HULL_DATA:?}"
need_data

n=0
while IFS= read -r f; do
	n=$((n + 1))
	"$HULL" compose -q -f json "$f" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	assert "$f parses (rc $rc: $(cat "$tmp/err"))" '[ $rc -le 1 ]'
	assert "$f gives JSON" 'python3 -m json.tool "$tmp/out.json" >/dev/null'
done < <(find "$HULL_DATA/realworld/awesome-compose" -name '*compose*.y*ml')
assert "39 awesome-compose files found (got $n)" '[ $n -eq 39 ]'

usr="$HULL_DATA/peer-cases/trivy/USR-COMPOSE-0001/bad-1.compose.yaml"
"$HULL" compose -f json "$usr" >"$tmp/usr.json"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for f in d["findings"] if f["id"]=="RT023"))' "$tmp/usr.json")
assert "USR-COMPOSE-0001 gives 1 RT023 (got $got)" '[ "$got" = 1 ]'
line=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([f["location"] for f in d["findings"] if f["id"]=="RT023"][0].get("line"))' "$tmp/usr.json" 2>/dev/null)
assert "RT023 points at line 9 (got $line)" '[ "$line" = 9 ]'

printf 'services: [unclosed\n' >"$tmp/bad.yml"
printf -- '- a\n- b\n' >"$tmp/list.yml"
python3 -c 'print("services:\n  a:\n    image: \"" + "x" * (10 * 1024 * 1024) + "\"")' >"$tmp/huge.yml"
python3 -c 'print("[" * 500)' >"$tmp/deep.yml"
for h in bad list huge deep; do
	timeout 20 "$HULL" compose "$tmp/$h.yml" >/dev/null 2>"$tmp/err"
	rc=$?
	assert "$h.yml exits 3 (got $rc)" '[ $rc -eq 3 ]'
	assert "$h.yml error names the file" 'grep -q "$h.yml" "$tmp/err"'
done
"$HULL" compose "$tmp/bad.yml" "$usr" >"$tmp/both" 2>/dev/null
rc=$?
assert "a bad file still exits 3 with another audited (got $rc)" '[ $rc -eq 3 ]'
assert "the good file is still audited" 'grep -q RT023 "$tmp/both"'

# Two files merged in order; the second pins the image and drops caps.
printf 'services:\n  web:\n    image: app:latest\n' >"$tmp/a.yml"
printf 'services:\n  web:\n    image: app:1.0\n    cap_drop: [ALL]\n' >"$tmp/b.yml"
"$HULL" compose -f json --file "$tmp/a.yml" --file "$tmp/b.yml" >"$tmp/m.json"
assert "merged: no RT023" '! grep -q "\"RT023\"" "$tmp/m.json"'
assert "merged: no RT004" '! grep -q "\"RT004\"" "$tmp/m.json"'
assert "merged: RT024 from b.yml" 'grep -q "b.yml" "$tmp/m.json"'
# The shipped examples: the hardened project is clean, the bad one is not.
"$HULL" compose -q "$HULL_SRC/examples/compose/good" >/dev/null
rc=$?
assert "examples/compose/good is clean (rc $rc)" '[ $rc -eq 0 ]'
"$HULL" compose -q -f json "$HULL_SRC/examples/compose/bad" >"$tmp/bad.json"
for id in RT002 RT013 RT014 RT015 RT020 RT022 RT023 RT026; do
	assert "examples/compose/bad gives $id" 'grep -q "\"$id\"" "$tmp/bad.json"'
done
finish
