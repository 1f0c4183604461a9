#!/bin/sh
# make demo: run hull on the bundled examples, one command per kind of
# input, and show what it finds.  Findings are the point here, so the
# exit codes of the individual runs are shown, not treated as failures.
set -u
hull=${1:-build/hull}
cd "$(dirname "$0")/.."

run() {
	printf '\n$ hull %s\n' "$*"
	"$hull" "$@"
	printf '(exit %d)\n' $?
}

run --version
for f in examples/*Dockerfile* examples/dockerfiles; do
	[ -e "$f" ] && run dockerfile "$f"
done
[ -d examples/compose ] && run compose examples/compose
for f in examples/run/*.sh; do
	[ -f "$f" ] && run run --in "$f"
done
[ -d examples/secrets ] && run secrets examples/secrets
[ -d examples/project ] && run scan examples/project
run rules
exit 0
