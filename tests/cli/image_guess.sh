#!/bin/bash
# How a bare IMAGE argument is taken: "-" is a usage error (images are not
# read from standard input) for image, sbom and harden; a missing path
# ("./x.tar", "/x", "x.tgz") is "no such file or directory" (exit 3)
# without asking the Engine; an image name ("alpine", "nginx:1",
# "org/app:1") still goes to the Engine, here a socket nothing listens on.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
export DOCKER_HOST="unix://$tmp/none.sock"

# expect RC WANT-IN-STDERR CMD...
expect() {
	local want_rc=$1 want=$2
	shift 2
	(cd "$tmp" && "$HULL" "$@" >"$tmp/out" 2>"$tmp/err")
	local rc=$?
	[ $rc -eq "$want_rc" ] ||
		{ bad "'$*': exit $rc, want $want_rc"; cat "$tmp/err"; }
	grep -qF -- "$want" "$tmp/err" ||
		{ bad "'$*': want '$want' in:"; cat "$tmp/err"; }
}

for cmd in image sbom harden; do
	expect 2 "images are not read from standard input" "$cmd" -
done
for p in ./nope.tar nope.tar nope.tar.gz nope.tgz /no/such/dir ../nope; do
	expect 3 "cannot read image '$p': no such file or directory" image "$p"
	grep -q "Docker Engine" "$tmp/err" &&
		bad "'$p': the Engine was asked"
done
expect 3 "no such file or directory" sbom ./nope.tar
expect 3 "no such file or directory, and not an image name" image 'Not/A:Name!'
for n in alpine nginx:1 org/app:1 localhost:5000/app; do
	expect 3 "cannot reach the Docker Engine" image --no-vulns "$n"
done
finish
