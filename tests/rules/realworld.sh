#!/bin/bash
# Every Dockerfile of the real-world corpus (../shared/data/realworld)
# parses: no DF000 (syntax) or DF099 (unknown instruction) findings, no
# input error, and hull exits 0 or 1.
set -u
: "${HULL:?HULL must name the hull binary}"
DATA=${HULL_DATA:-$(dirname "$0")/../../../shared/data}
[ -d "$DATA/realworld" ] || { echo "skipped: ../shared/data is absent"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: python3 is not installed"; exit 77; }
pass=0 fail=0
while IFS= read -r -d '' f; do
	out=$("$HULL" dockerfile -q --format json "$f" 2>&1 >/dev/null)
	rc=$?
	bad=$("$HULL" dockerfile -q --format json "$f" 2>/dev/null |
		python3 -c 'import json,sys
d=json.load(sys.stdin)
print(" ".join("%s:%s" % (x["id"], x["location"].get("line")) for x in d["findings"] if x["id"] in ("DF000","DF099")))')
	if { [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } && [ -z "$bad" ] && [ -z "$out" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: $f: exit $rc, parse findings '$bad', stderr '$out'"
		fail=$((fail + 1))
	fi
done < <(find "$DATA/realworld" -type f \( -name 'Dockerfile*' -o -name '*.dockerfile' -o -name 'Containerfile*' \) -print0 | sort -z)
[ $((pass + fail)) -gt 0 ] || { echo "FAIL: no Dockerfile found in the corpus"; exit 1; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
