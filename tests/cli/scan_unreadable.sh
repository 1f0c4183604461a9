#!/bin/bash
# hull scan reports an unreadable Dockerfile or compose file once (not
# once per pass that reads it), exits 3, and still audits the rest.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
cd "$tmp" || exit 1

# Permissions mean nothing to root: run as nobody when root.
as=()
if [ "$(id -u)" = 0 ]; then
	if ! command -v runuser >/dev/null ||
	   ! runuser -u nobody -- "$HULL" version >/dev/null 2>&1; then
		echo "skipped: root, and runuser cannot run hull as nobody"
		exit 77
	fi
	as=(runuser -u nobody --)
	chmod 755 "$tmp"
fi

mkdir -p p/sub p/ok
printf 'FROM alpine:3.19\n' >p/sub/Dockerfile
printf 'services:\n  a:\n    image: nginx:1.25\n' >p/compose.yaml
printf 'FROM alpine:3.19\n' >p/ok/Dockerfile
chmod -R a+rX p
chmod 000 p/sub/Dockerfile p/compose.yaml
"${as[@]}" "$HULL" scan -f json p >out.json 2>err
rc=$?
assert "exit 3 (got $rc)" '[ $rc -eq 3 ]'
n=$(grep -c "p/sub/Dockerfile" err)
assert "the Dockerfile is named once (got $n: $(cat err))" '[ "$n" = 1 ]'
n=$(grep -c "p/compose.yaml" err)
assert "the compose file is named once (got $n)" '[ "$n" = 1 ]'
assert "the cause is said" 'grep -q "p/sub/Dockerfile.*Permission denied" err'
assert "the readable Dockerfile is still audited" 'grep -q "p/ok/Dockerfile" out.json'
finish
