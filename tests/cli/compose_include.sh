#!/bin/bash
# hull compose follows the top-level include: of the Compose
# Specification: included services are audited at their own file:line,
# the long form merges a list of paths, and conflicts, cycles, missing
# files and too deep nesting are errors (exit 3) naming the files.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
cd "$tmp" || exit 1

# loc ID FILE.json: "file:line" of the first finding ID
loc() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[2]))
l=[f["location"] for f in d["findings"] if f["id"]==sys.argv[1]]
print("%s:%s" % (l[0].get("file"), l[0].get("line")) if l else "none")' "$1" "$2"
}

mkdir -p a/sub
printf 'include:\n  - sub/db.yaml\nservices:\n  web:\n    image: nginx:1.25\n' >a/compose.yaml
printf '# db\nservices:\n  db:\n    image: postgres:16\n    privileged: true\n' >a/sub/db.yaml
"$HULL" compose a/compose.yaml -f json >a.json 2>a.err
rc=$?
assert "short form exits 1 (got $rc: $(cat a.err))" '[ $rc -eq 1 ]'
got=$(loc RT002 a.json)
assert "RT002 at a/sub/db.yaml:5 (got $got)" '[ "$got" = a/sub/db.yaml:5 ]'

# long form: two paths merged in order, relative to the including file,
# interpolated from the included project's .env
mkdir -p b/inc
printf 'include:\n  - path:\n      - ./inc/base.yaml\n      - inc/over.yaml\nservices:\n  web:\n    image: nginx:1.25\n' >b/compose.yaml
printf 'services:\n  app:\n    image: ${IMG}\n' >b/inc/base.yaml
printf 'services:\n  app:\n    cap_add: [SYS_ADMIN]\n' >b/inc/over.yaml
printf 'IMG=alpine:3.19\n' >b/inc/.env
"$HULL" compose b/compose.yaml -f json >b.json 2>b.err
rc=$?
assert "long form exits 1 (got $rc: $(cat b.err))" '[ $rc -eq 1 ]'
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted({f["location"].get("file") for f in d["findings"] if "SYS_ADMIN" in f.get("message","")}))' b.json)
assert "SYS_ADMIN from b/inc/over.yaml (got $got)" '[ "$got" = "['"'"'b/inc/over.yaml'"'"']" ]'
assert "no interpolation problem (got $(cat b.err))" '! grep -q IMG b.err'

# env_file given explicitly
mkdir -p e/x
printf 'include:\n  - path: x/c.yaml\n    env_file: my.env\n' >e/compose.yaml
printf 'services:\n  s:\n    image: alpine\n    privileged: ${PRIV:?need PRIV}\n' >e/x/c.yaml
printf 'PRIV=true\n' >e/my.env
"$HULL" compose e/compose.yaml -f json >e.json 2>e.err
rc=$?
assert "env_file exits 1 (got $rc: $(cat e.err))" '[ $rc -eq 1 ]'
got=$(loc RT002 e.json)
assert "env_file: RT002 at e/x/c.yaml:4 (got $got)" '[ "$got" = e/x/c.yaml:4 ]'

# a conflict
mkdir -p c
printf 'include: [other.yaml]\nservices:\n  db:\n    image: postgres\n' >c/compose.yaml
printf 'services:\n  db:\n    image: mysql\n' >c/other.yaml
"$HULL" compose c/compose.yaml >/dev/null 2>c.err
rc=$?
assert "conflict exits 3 (got $rc)" '[ $rc -eq 3 ]'
assert "conflict names both files ($(cat c.err))" 'grep -q "c/compose.yaml:3:.*conflicts.*c/other.yaml" c.err'

# a cycle through two files
mkdir -p y
printf 'include: [two.yaml]\nservices:\n  one:\n    image: alpine\n' >y/one.yaml
printf 'include: [./one.yaml]\nservices:\n  two:\n    image: alpine\n' >y/two.yaml
timeout 20 "$HULL" compose y/one.yaml >/dev/null 2>y.err
rc=$?
assert "cycle exits 3 (got $rc)" '[ $rc -eq 3 ]'
assert "cycle names the chain ($(cat y.err))" 'grep -q "include cycle: .y/one.yaml. -> .y/two.yaml. -> .y/./one.yaml." y.err'

# a missing file
mkdir -p m
printf 'include: [nowhere.yaml]\nservices:\n  s:\n    image: alpine\n' >m/compose.yaml
"$HULL" compose m/compose.yaml >/dev/null 2>m.err
rc=$?
assert "missing exits 3 (got $rc)" '[ $rc -eq 3 ]'
assert "missing names the file ($(cat m.err))" 'grep -q "m/nowhere.yaml" m.err'

# nesting: 16 levels are followed, the 17th is refused
mkdir -p d
for i in $(seq 0 17); do
	printf 'include: [f%d.yaml]\nservices:\n  s%d:\n    image: alpine\n' $((i + 1)) "$i" >d/f$i.yaml
done
printf 'services:\n  s18:\n    image: alpine\n' >d/f18.yaml
"$HULL" compose d/f0.yaml -f json >d.json 2>d.err
rc=$?
assert "deep nesting exits 3 (got $rc)" '[ $rc -eq 3 ]'
assert "depth error names f17 ($(cat d.err))" 'grep -q "deeper than 16 at .d/f17.yaml" d.err'
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len({f["location"].get("file") for f in d["findings"]}))' d.json)
assert "17 files audited (got $got)" '[ "$got" = 17 ]'

finish
