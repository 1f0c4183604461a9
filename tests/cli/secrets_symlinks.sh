#!/bin/bash
# hull secrets does not follow symbolic links inside a directory, and
# says so for links that point outside it: one warning with a count, or
# with -v a note naming each link.  Links within the tree stay quiet.
set -u
: "${HULL:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }
mkdir -p tree/a outside
echo 'aws_access_key_id = AKIAQX3VJTWBN6SGZ5KD' >outside/key.txt
echo 'nothing here' >tree/a/plain.txt
ln -s ../../outside/key.txt tree/a/outlink
ln -s /nonexistent-hull-test tree/dangling
ln -s a/plain.txt tree/inlink

"$HULL" secrets tree >out 2>err
rc=$?
[ $rc = 0 ] || bad "exit $rc, want 0 (nothing read outside the tree): $(cat out err)"
grep -q AKIA out && bad "the link outside the tree was followed"
grep -q "'tree': 2 symbolic links to files outside it not followed" err ||
	bad "no warning with the count: $(cat err)"
[ "$(grep -c 'symbolic link' err)" = 1 ] || bad "want one warning: $(cat err)"
"$HULL" secrets -v tree >out 2>err
grep -q "'tree/a/outlink' links outside the tree, to '.*/outside/key.txt'; not followed" err ||
	bad "-v does not name the outside link: $(cat err)"
grep -q "'tree/dangling' links to nothing; not followed" err ||
	bad "-v does not name the dangling link: $(cat err)"
grep -q inlink err && bad "a link inside the tree is named: $(cat err)"
"$HULL" secrets -q tree >out 2>err
[ -s err ] && bad "-q still warns: $(cat err)"
[ $fail = 0 ] && echo "secrets symlinks: ok"
exit $fail
