#!/usr/bin/env bash
# make bench: every benchmark in bench/, one after the other, each side by
# side with its floor and the peer tool it is compared with.  Each script
# also runs alone; see its head comment.  Peer tools are installed with
# npm into temporary or git-ignored folders.  Figures go to stdout; copy
# what changed into docs/PERFORMANCE.md.
set -u
hull=${1:-build/hull}
cd "$(dirname "$0")/.."
export HULL_DATA=${HULL_DATA:-$PWD/../shared/data}
status=0
for b in dockerfile compose secrets image vuln; do
	[ -f "bench/$b.sh" ] || continue
	printf '\n== bench/%s.sh\n' "$b"
	bash "bench/$b.sh" "$hull" || status=1
done
exit $status
