#!/bin/sh
# make demo: a tour of hull on the bundled examples, one command per kind
# of input.  Findings are the point here, so each run's exit code is shown
# rather than treated as a failure.  Images and advisories come from
# ../shared/data when that folder is there.
set -u
hull=${1:-build/hull}
cd "$(dirname "$0")/.."
data=${HULL_DATA:-../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {
	printf '\n$ hull %s\n' "$*"
	"$hull" "$@"
	printf '(exit %d)\n' $?
}

run --version
# The article's Dockerfiles: root by default, secrets baked in, and the
# hardened multi-stage build that passes.
run dockerfile examples/dockerfiles/article-root
run dockerfile examples/dockerfiles/article-secrets
run dockerfile examples/dockerfiles/article-hardened
run compose examples/compose/bad/compose.yaml
run compose examples/compose/good/compose.yaml
# The article's fully hardened run line: only its :latest tag is reported.
run run -- docker run -d --read-only --tmpfs /tmp:rw,noexec,nosuid \
	--cap-drop=ALL --security-opt=no-new-privileges:true --memory=512m \
	--cpus=1 --pids-limit=100 --name api my-app:latest
run run --in examples/run/bad.sh
[ -d examples/project ] && run scan examples/project
run rules DL3002

if [ -f "$data/images/alpine-310.tar.gz" ]; then
	img="docker-archive:$data/images/alpine-310.tar.gz"
	adv="$data/advisories/alpine-3.10-vulnlist"
	"$hull" db import --db "$tmp/vuln.db" "$adv" >/dev/null &&
		run image --db "$tmp/vuln.db" "$img"
	run sbom --format table "$img"
else
	printf '\n(%s is absent: the image part of the tour is skipped)\n' \
		"$data"
fi
exit 0
