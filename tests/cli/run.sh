#!/bin/bash
# hull run on the article's docker run lines: exact rule ids, the exit
# code, and run lines found in a script with --in.
set -u
: "${HULL:?}"
fail=0
ids() { "$HULL" run -f json "$@" | python3 -c 'import json,sys; print(" ".join(sorted({f["id"] for f in json.load(sys.stdin)["findings"]})))'; }
expect() {
	local want=$1; shift
	local got; got=$(ids "$@")
	if [ "$got" != "$want" ]; then echo "FAIL: $*: want '$want' got '$got'"; fail=1; fi
}

expect "RT023" -- docker run -d --read-only --tmpfs /tmp:rw,noexec,nosuid \
	--cap-drop=ALL --security-opt=no-new-privileges:true --memory=512m \
	--cpus=1 --pids-limit=100 --name api my-app:latest
expect "RT003 RT004 RT005 RT007 RT010 RT011 RT012 RT013 RT014 RT015 RT016 RT019 RT023" \
	-- docker run --rm --net host --pid host --userns host \
	--cap-add audit_control -v /var/lib:/var/lib:ro \
	-v /var/run/docker.sock:/var/run/docker.sock:ro -v /etc:/etc:ro \
	docker/docker-bench-security
expect "RT004 RT005 RT007 RT010 RT011 RT012 RT021 RT024" \
	-- 'docker run -d --name web -p 8080:80 nginx:alpine'

# -u "" is no user (the image's), -u 0 is root.
expect "RT004 RT005 RT007 RT010 RT011 RT012 RT024" \
	-- docker run -u "" --network none app:1
expect "RT001 RT004 RT005 RT007 RT010 RT011 RT012 RT024" \
	-- docker run -u 0 --network none app:1

"$HULL" run -q -- docker run --read-only --cap-drop ALL \
	--security-opt no-new-privileges -m 1g --cpus 1 --pids-limit 50 \
	app:1@sha256:0000 >/dev/null
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: hardened pinned line exits $rc"; fail=1; }
"$HULL" run -q -- docker run --memory >/dev/null 2>&1
rc=$?
[ $rc -eq 3 ] || { echo "FAIL: broken line exits $rc, want 3"; fail=1; }

# a line that is not a run line is a usage error, never "image 'ls'"
for line in "ls -la" "docker ps" "docker container ls" "docker"; do
	# shellcheck disable=SC2086
	err=$("$HULL" run -q -- $line 2>&1 >/dev/null)
	rc=$?
	[ $rc -eq 2 ] || { echo "FAIL: '$line' exits $rc, want 2"; fail=1; }
	echo "$err" | grep -q "is not a docker run command line" ||
		{ echo "FAIL: '$line' message: $err"; fail=1; }
done
"$HULL" run -q -- --privileged alpine:3 >/dev/null 2>&1
[ $? -eq 1 ] || { echo "FAIL: bare options no longer accepted"; fail=1; }
"$HULL" run -q -- create --privileged alpine:3 >/dev/null 2>&1
[ $? -eq 1 ] || { echo "FAIL: 'create ...' no longer accepted"; fail=1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#!/bin/sh\necho hi\ndocker run -d \\\n  --privileged \\\n  app:1\n' >"$tmp/s.sh"
out=$("$HULL" run -f json --in "$tmp/s.sh")
echo "$out" | grep -q '"RT002"' || { echo "FAIL: --in finds the run line"; fail=1; }
echo "$out" | python3 -c 'import json,sys; f=[f for f in json.load(sys.stdin)["findings"] if f["id"]=="RT002"][0]; sys.exit(0 if f["location"]["line"]==4 else 1)' ||
	{ echo "FAIL: RT002 points at line 4"; fail=1; }
"$HULL" run -q --in "$HULL_SRC/examples/run/good.sh" >/dev/null
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: examples/run/good.sh exits $rc"; fail=1; }
exit $fail
