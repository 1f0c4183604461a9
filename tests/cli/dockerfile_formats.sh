#!/bin/bash
# 'hull dockerfile' output formats, severity filtering, --fail-on, config
# ignores with reason and expiry, inline pragmas, and alias look-up, each
# with its exact exit code (0 clean, 1 findings at or above --fail-on,
# 2 usage, 3 unreadable input).
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3

# code NAME WANT CMD...: run CMD, compare its exit code.
code() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq "$want" ] && ok || bad "$name: exit $rc, want $want ($(head -c 200 "$tmp/err"))"
}
# py NAME SCRIPT: run a python check over $tmp/out.
py() {
	python3 -c "$2" "$tmp/out" 2>"$tmp/pyerr" && ok || bad "$1: $(tail -n 2 "$tmp/pyerr")"
}

mkdir -p "$tmp/p"
cat >"$tmp/p/Dockerfile" <<'DF'
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
ENV API_TOKEN=abcdef123456
CMD ["curl", "--version"]
DF
printf '.git\n.env*\n*.pem\nid_*\n' >"$tmp/p/.dockerignore"
F=$tmp/p/Dockerfile

# --- json ---
code "json exit" 1 "$HULL" dockerfile --format json "$F"
python3 -m json.tool "$tmp/out" >/dev/null && ok || bad "json does not parse"
py "json fields" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "hull-report/1" and d["tool"]["name"] == "hull"
assert d["command"] == "dockerfile"
ids = {f["id"] for f in d["findings"]}
assert {"DF001", "DF032", "DF067"} <= ids, ids
for f in d["findings"]:
    for k in ("id", "severity", "title", "message", "location", "aliases", "remediation"):
        assert k in f, (k, f)
    assert f["location"]["file"].endswith("Dockerfile") and f["location"]["line"] >= 1
sec = [f for f in d["findings"] if f["id"] == "DF032"][0]
assert sec["location"]["line"] == 3 and "abcdef123456" not in json.dumps(d)
assert "DL3064" in sec["aliases"]
assert d["summary"]["total"] == len(d["findings"])
'

# --- sarif ---
code "sarif exit" 1 "$HULL" dockerfile --format sarif "$F"
py "sarif structure" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0"
run = d["runs"][0]
rules = run["tool"]["driver"]["rules"]
assert rules and all(r["help"]["text"] for r in rules)
ids = {r["id"] for r in rules}
for res in run["results"]:
    assert res["ruleId"] in ids
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("Dockerfile")
    assert loc["region"]["startLine"] >= 1
assert any(r["ruleId"] == "DF032" for r in run["results"])
'

# --- github ---
code "github exit" 1 "$HULL" dockerfile --format github "$F"
grep -q '^::error file=.*Dockerfile,line=3,.*DF032' "$tmp/out" && ok || bad "github: no ::error for DF032 on line 3"
grep -qv '^::\(error\|warning\|notice\) ' "$tmp/out" && bad "github: a line is not a workflow command" || ok

# --- table ---
code "table exit" 1 "$HULL" dockerfile --no-color "$F"
grep -q 'DF032' "$tmp/out" && grep -q '^Total: ' "$tmp/out" && ok || bad "table lacks DF032 or the Total line"

# --- --severity and --fail-on ---
code "severity HIGH" 1 "$HULL" dockerfile --format json -s HIGH "$F"
py "only HIGH shown" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["findings"] and all(f["severity"] == "HIGH" for f in d["findings"])
'
code "severity INFO only" 0 "$HULL" dockerfile -s INFO "$F"
code "fail-on critical" 0 "$HULL" dockerfile --fail-on critical "$F"
code "fail-on never" 0 "$HULL" dockerfile --fail-on never "$F"
code "fail-on high" 1 "$HULL" dockerfile --fail-on high "$F"
code "fail-on bogus" 2 "$HULL" dockerfile --fail-on sometimes "$F"
code "unknown format" 2 "$HULL" dockerfile --format xml "$F"
code "no path" 2 "$HULL" dockerfile
code "missing file" 3 "$HULL" dockerfile "$tmp/p/nope"
code "skip by alias" 0 "$HULL" dockerfile --fail-on high --skip DL3064,DS-0002 "$F"

# --- .hull.yaml: ignores with reason and expiry, found upward ---
cat >"$tmp/.hull.yaml" <<'Y'
ignore:
  - id: DF001
    reason: the base image's entrypoint drops privileges
    expires: 2999-12-31
  - id: DL3064
    reason: a test token, rotated
Y
code "config ignores" 0 "$HULL" dockerfile --fail-on high --format json "$F"
py "ignored findings hidden" '
import json, sys
d = json.load(open(sys.argv[1]))
ids = {f["id"] for f in d["findings"]}
assert "DF001" not in ids and "DF032" not in ids, ids
assert d["summary"]["suppressed"] >= 2
'
cat >"$tmp/.hull.yaml" <<'Y'
ignore:
  - id: DF001
    reason: was fine once
    expires: 2001-01-01
Y
code "expired ignore" 1 "$HULL" dockerfile --fail-on high "$F"
grep -q "expired" "$tmp/err" && ok || bad "expired ignore: no warning"
cat >"$tmp/.hull.yaml" <<'Y'
ignore:
  - id: DF001
Y
code "ignore without reason" 2 "$HULL" dockerfile "$F"
cat >"$tmp/.hull.yaml" <<'Y'
rules:
  DF032: off
  DL3002: high
Y
code "rule off by id" 1 "$HULL" dockerfile --format json "$F"
py "DF032 off" '
import json, sys
d = json.load(open(sys.argv[1]))
assert "DF032" not in {f["id"] for f in d["findings"]}
'
rm -f "$tmp/.hull.yaml"

# --- inline pragmas ---
cat >"$tmp/p/Dockerfile.pragma" <<'DF'
# hadolint global ignore=DL3059
# hull ignore=DF001 runs as root on purpose: it only prints its version
FROM debian:12
# hadolint ignore=DL3008,DL3015
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN echo one
RUN echo two
HEALTHCHECK NONE
CMD ["curl", "--version"]
DF
code "pragmas" 0 "$HULL" dockerfile --format json --fail-on low "$tmp/p/Dockerfile.pragma"
py "pragmas suppress" '
import json, sys
d = json.load(open(sys.argv[1]))
ids = {f["id"] for f in d["findings"]}
for gone in ("DF001", "DF067", "DF062", "DF048"):
    assert gone not in ids, (gone, ids)
assert d["summary"]["suppressed"] >= 4, d["summary"]
'
sed '/hadolint ignore=DL3008/d' "$tmp/p/Dockerfile.pragma" >"$tmp/p/Dockerfile.nopragma"
code "without the pragma" 1 "$HULL" dockerfile --fail-on low "$tmp/p/Dockerfile.nopragma"

# --- rules look-up by alias ---
code "rules DL3008" 0 "$HULL" rules DL3008
grep -q '^DF067 ' "$tmp/out" && grep -q 'DL3008' "$tmp/out" && ok || bad "rules DL3008 does not show DF067"
code "rules DS002" 0 "$HULL" rules DS002
grep -q 'DF001\|DF002' "$tmp/out" && ok || bad "rules DS002 does not find the root rules"
code "rules unknown" 2 "$HULL" rules DL9999

# --- stdin ---
code "stdin" 1 sh -c "'$HULL' dockerfile --format json - <'$F'"
py "stdin file name" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["findings"] and all(f["location"]["file"] == "-" for f in d["findings"])
'

finish
