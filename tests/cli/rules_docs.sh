#!/bin/bash
# The rule tables of the docs (rows "| ID | ..." in docs/*.md) list
# exactly the rules `hull rules -f json` knows, for every id prefix a doc
# tabulates (DF in dockerfile-rules.md, HO in host.md, RT in runtime.md),
# with the same severity, so docs and registry cannot drift apart.
set -u
: "${HULL:?}" "${HULL_SRC:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$HULL" rules -f json >"$tmp" || { echo "FAIL: hull rules -f json"; exit 1; }
python3 - "$tmp" "$HULL_SRC/docs" <<'PY'
import glob, json, os, re, sys
rules = {r["id"]: r for r in json.load(open(sys.argv[1]))}
row = re.compile(r"^\|\s*([A-Z]{2}\d{3})\s*\|\s*([A-Z]+)\s*\|", re.M)
fail = tables = 0
for path in sorted(glob.glob(os.path.join(sys.argv[2], "*.md"))):
    rows = row.findall(open(path, encoding="utf-8").read())
    if not rows:
        continue
    doc = {}
    for rid, sev in rows:
        if rid in doc:
            print("FAIL: %s lists %s twice" % (path, rid)); fail = 1
        doc[rid] = sev
    for prefix in sorted({r[:2] for r in doc}):
        tables += 1
        want = {r for r in rules if r.startswith(prefix)}
        got = {r for r in doc if r.startswith(prefix)}
        for r in sorted(want - got):
            print("FAIL: %s has no entry for %s (%s)" % (path, r, rules[r]["title"])); fail = 1
        for r in sorted(got - want):
            print("FAIL: %s lists %s, which hull rules does not know" % (path, r)); fail = 1
        for r in sorted(got & want):
            if doc[r] != rules[r]["severity"]:
                print("FAIL: %s gives %s as %s, hull rules as %s"
                      % (path, r, doc[r], rules[r]["severity"])); fail = 1
if tables < 3:
    print("FAIL: found %d rule tables in docs, expected DF, HO and RT" % tables); fail = 1
if not fail:
    print("rule docs: %d tables agree with hull rules" % tables)
sys.exit(fail)
PY
