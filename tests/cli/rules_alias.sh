#!/bin/bash
# An alias carried by several rules (DS-0002, CIS-4.1, CIS-DI-0001: the
# Dockerfile root-user rules DF001 and DF002) names all of them in
# `hull rules ALIAS`, in table and JSON, and --skip, --rule, `rules:` and
# `ignore:` by that alias act on every one of them.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
cd "$tmp" || exit 1

# ids FILE: the rule ids of `hull rules` pages in FILE, space-separated
ids() { grep -oE '^[A-Z]{2}[0-9]{3}  ' "$1" | tr -d ' ' | tr '\n' ' '; }
for a in DS-0002 ds002 AVD-DS-0002 CIS-DI-0001; do
	"$HULL" rules "$a" >page 2>err
	rc=$?
	got=$(ids page)
	assert "rules $a: exit 0 (rc $rc)" '[ $rc -eq 0 ]'
	assert "rules $a: DF001 and DF002 pages (got '$got')" \
		'[[ "$got" == "DF001 DF002 "* ]]'
	assert "rules $a: says it is an alias" 'grep -q "is an alias of" page'
done
"$HULL" rules DS-0002 -f json >j
got=$(python3 -c 'import json; print(" ".join(r["id"] for r in json.load(open("j"))))')
assert "rules DS-0002 -f json: an array of DF001 DF002 (got '$got')" '[ "$got" = "DF001 DF002" ]'
got=$("$HULL" rules DF002 -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
assert "rules DF002 -f json: one object (got '$got')" '[ "$got" = DF002 ]'
"$HULL" rules DF002 >page
got=$(ids page)
assert "rules DF002: one page (got '$got')" '[ "$got" = "DF002 " ]'

# Policy by alias on a Dockerfile that fires DF001 (no USER) and one
# that fires DF002 (USER root).
mkdir a b
printf 'FROM alpine:3.19\n' >a/Dockerfile
printf 'FROM alpine:3.19\nUSER root\n' >b/Dockerfile
# shown FILE.json: the rule ids shown, sorted
shown() { python3 -c 'import json,sys; print(" ".join(sorted({f["id"] for f in json.load(open(sys.argv[1]))["findings"]})))' "$1"; }
"$HULL" dockerfile -f json a b >all.json
assert "without policy: DF001 and DF002" \
	'[[ "$(shown all.json)" == *DF001* && "$(shown all.json)" == *DF002* ]]'
"$HULL" dockerfile -f json --skip DS-0002 a b >skip.json
assert "--skip DS-0002: neither DF001 nor DF002 ($(shown skip.json))" \
	'[[ "$(shown skip.json)" != *DF001* && "$(shown skip.json)" != *DF002* ]]'
"$HULL" dockerfile -f json --rule CIS-4.1 a b >rule.json
assert "--rule CIS-4.1: DF001 and DF002 only ($(shown rule.json))" \
	'[ "$(shown rule.json)" = "DF001 DF002" ]'
printf 'rules:\n  DS-0002: off\n' >off.yaml
"$HULL" dockerfile -f json -c off.yaml a b >off.json
assert "rules: DS-0002: off: neither ($(shown off.json))" \
	'[[ "$(shown off.json)" != *DF001* && "$(shown off.json)" != *DF002* ]]'
printf 'ignore:\n  - id: CIS-DI-0001\n    reason: test\n' >ign.yaml
"$HULL" dockerfile -f json -c ign.yaml a b >ign.json
assert "ignore: CIS-DI-0001: neither ($(shown ign.json))" \
	'[[ "$(shown ign.json)" != *DF001* && "$(shown ign.json)" != *DF002* ]]'
finish
