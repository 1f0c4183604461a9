#!/bin/bash
# Package inventory throughput: `hull sbom DIR` on roots built from the
# real databases in ../shared/data/pkgdb, and on this machine's /usr
# (a walk of every file, reading every executable for Go build info).
# Prints wall time per run (best of N) and packages per second.
# Run by hand:  bench/pkg.sh [path/to/hull]
set -eu
hull=${1:-build/hull}
data=${HULL_DATA:-../shared/data}/pkgdb
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best() { # command... ; prints the best wall time in ms
	local b=999999999 s e t
	for _ in $(seq "$runs"); do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		t=$(((e - s) / 1000000))
		[ $t -lt $b ] && b=$t
	done
	echo $b
}

mk() { # name, then pairs of source and destination below the root
	local root="$tmp/$1"
	shift
	while [ $# -gt 0 ]; do
		mkdir -p "$root/$(dirname "$2")"
		cp "$data/$1" "$root/$2"
		shift 2
	done
	echo "$root"
}

report() { # label, root
	local ms n
	ms=$(best "$hull" sbom "$2" -f json)
	n=$("$hull" sbom "$2" -f json 2>/dev/null | grep -c '"purl"' || true)
	printf '%-34s %6d ms %7d packages %9.0f packages/s\n' "$1" "$ms" "$n" \
		"$(echo "$n * 1000 / ($ms + 0.001)" | bc -l)"
}

report "dpkg: Debian 12 status (848)" \
	"$(mk deb dpkg/debian-12-status var/lib/dpkg/status)"
report "rpm: SQLite, CBL-Mariner (129)" \
	"$(mk sqlite rpm/cbl-mariner-2.0/rpmdb.sqlite var/lib/rpm/rpmdb.sqlite)"
report "rpm: NDB, SLE 15 (35)" \
	"$(mk ndb rpm/sle15-bci/Packages.db var/lib/rpm/Packages.db)"
report "apk: Alpine 3.11 (14)" \
	"$(mk apk apk/alpine-3.11.5-installed lib/apk/db/installed)"
report "java: maven.war (8, nested)" \
	"$(mk war java/maven.war app/maven.war)"
ms=$(RUNS=1 best "$hull" sbom /usr -f json)
files=$(find /usr -xdev 2>/dev/null | wc -l)
printf '%-34s %6d ms %7d entries %10.0f entries/s\n' "walk: /usr of this machine" \
	"$ms" "$files" "$(echo "$files * 1000 / ($ms + 0.001)" | bc -l)"
