#!/bin/bash
# RT022 by format: a value that is a credential by its shape (an AWS key
# id, a GitHub token, a password option) is reported whatever the
# variable, label or command word is called; evidence is redacted; and
# `hull scan` reports it once (RT022, not also an SE finding).
set -u
: "${HULL:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Assembled at run time so the repository holds no token-shaped string.
gh="ghp_$(printf 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')"
aws="AKIA$(printf 'QWERTYUIOPASDF12')"

# lines "id line message" of the RT022 findings
rt022() {
	python3 -c '
import json, sys
d = json.load(sys.stdin)
for f in d["findings"]:
    if f["id"] == "RT022":
        ev = f.get("evidence") or ""
        if "'"$gh"'" in ev or "'"$aws"'" in ev:
            print("UNREDACTED")
        print(f["location"].get("line", 0), f["message"])
'
}

out=$("$HULL" run -f json -- docker run -e AWS_ACCESS_KEY_ID="$aws" \
	-e T="$gh" alpine:3 | rt022)
n=$(echo "$out" | grep -c "holds a secret")
[ "$n" = 2 ] || { echo "FAIL: run -e by format: want 2 RT022, got: $out"; fail=1; }
echo "$out" | grep -q UNREDACTED && { echo "FAIL: run evidence not redacted"; fail=1; }

out=$("$HULL" run -f json -- docker run -l "build=$gh" alpine:3 \
	sh -c "app --password=Xk9fQ2mZ7pLw4rT8" | rt022)
echo "$out" | grep -q "label 'build'" || { echo "FAIL: run --label: $out"; fail=1; }
echo "$out" | grep -q "the command" || { echo "FAIL: run command word: $out"; fail=1; }

mkdir "$tmp/p"
cat >"$tmp/p/compose.yaml" <<YAML
services:
  web:
    image: alpine:3
    environment:
      T: $gh
      PLAIN: hello
    labels:
      - tok=$gh
    command: --password=Xk9fQ2mZ7pLw4rT8
YAML
out=$("$HULL" compose -f json "$tmp/p" | rt022)
want="5 service 'web': environment variable 'T' holds a secret
8 service 'web': label 'tok' holds a secret
9 service 'web': the command holds a secret"
got=$(echo "$out" | sed 's/ (.*//' | sort -n)
[ "$got" = "$want" ] || { echo "FAIL: compose by format: want '$want' got '$got'"; fail=1; }

# hull scan: the text pass's SE findings on the same lines are dropped
ids=$("$HULL" scan -f json "$tmp/p" | python3 -c '
import json, sys
print(" ".join(sorted(f["id"] + ":" + str(f["location"].get("line", 0))
    for f in json.load(sys.stdin)["findings"]
    if f["id"] == "RT022" or f["id"].startswith("SE"))))')
[ "$ids" = "RT022:5 RT022:8 RT022:9" ] || { echo "FAIL: scan dedupe: got '$ids'"; fail=1; }

# an allow pattern from the policy silences it
printf 'secrets:\n  allow-patterns:\n    - "ghp_a1B2"\n' >"$tmp/p/.hull.yaml"
out=$("$HULL" compose -f json "$tmp/p" | rt022)
echo "$out" | grep -q "'T'" && { echo "FAIL: allow pattern ignored: $out"; fail=1; }

exit $fail
