#!/bin/bash
# The article's Dockerfiles (examples/dockerfiles/article-*) give exactly the findings
# the article names, and its hardened multi-stage Dockerfile gives none
# above LOW.  The expected ids are fixed here, not taken from hull's output.
set -u
: "${HULL:?HULL must name the hull binary}"
SRC=${HULL_SRC:-$(dirname "$0")/../..}
command -v python3 >/dev/null || { echo "skipped: python3 is not installed"; exit 77; }
pass=0 fail=0

# ids FILE: the sorted, unique rule ids at or above a severity.
ids() {
	"$HULL" dockerfile -q --format json --fail-on never -s "$2" "$1" |
		python3 -c 'import json,sys
print(" ".join(sorted({f["id"] for f in json.load(sys.stdin)["findings"]})))'
}

check() { # name got want
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1: got '$2', want '$3'"
		fail=$((fail + 1))
	fi
}

# Runs as root: the final stage has no USER.
check "article-root HIGH+" "$(ids "$SRC/examples/dockerfiles/article-root/Dockerfile" CRITICAL,HIGH,MEDIUM)" "DF001"
# ENV DATABASE_PASSWORD=... and COPY .env
check "article-secrets HIGH+" "$(ids "$SRC/examples/dockerfiles/article-secrets/Dockerfile" CRITICAL,HIGH,MEDIUM)" "DF032 DF034"
# The hardened multi-stage Dockerfile: nothing above LOW.
check "article-hardened MEDIUM+" "$(ids "$SRC/examples/dockerfiles/article-hardened/Dockerfile" CRITICAL,HIGH,MEDIUM)" ""
check "article-hardened LOW" "$(ids "$SRC/examples/dockerfiles/article-hardened/Dockerfile" LOW)" "DF023"

# Lines: DF032 on the ENV (line 7), DF034 on the COPY .env (line 8).
got=$("$HULL" dockerfile -q --format json --fail-on never "$SRC/examples/dockerfiles/article-secrets/Dockerfile" |
	python3 -c 'import json,sys
print(" ".join("%s:%d" % (f["id"], f["location"]["line"]) for f in json.load(sys.stdin)["findings"] if f["id"] in ("DF032","DF034")))')
check "article-secrets lines" "$got" "DF032:7 DF034:8"

# The secret remediation names the article's alternatives.
page=$("$HULL" rules DF032)
for word in "env_file" "_FILE" "--mount=type=secret" "docker run -e"; do
	case "$page" in
	*"$word"*) pass=$((pass + 1)) ;;
	*) echo "FAIL: DF032 page does not mention '$word'"; fail=$((fail + 1)) ;;
	esac
done

# Exit codes: the bad ones fail the default --fail-on (MEDIUM), the
# hardened one passes.
"$HULL" dockerfile -q "$SRC/examples/dockerfiles/article-root/Dockerfile" >/dev/null; check "article-root exit" $? 1
"$HULL" dockerfile -q "$SRC/examples/dockerfiles/article-secrets/Dockerfile" >/dev/null; check "article-secrets exit" $? 1
"$HULL" dockerfile -q "$SRC/examples/dockerfiles/article-hardened/Dockerfile" >/dev/null; check "article-hardened exit" $? 0

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
