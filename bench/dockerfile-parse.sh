#!/bin/bash
# Parser throughput on generated worst cases and on real Dockerfiles.
# Run by hand from the source root after a build:
#
#	bench/dockerfile-parse.sh [build-dir]
#
# Prints, per input, the best of five parse times and the ratio to the
# budget of one second that docs/PERFORMANCE.md states.
set -euo pipefail

build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

libs=$(pkg-config --libs libarchive libcurl sqlite3 jansson yaml-0.1 \
	libpcre2-8 zlib libzstd)
if pkg-config --exists libhs; then libs="$libs $(pkg-config --libs libhs)"; fi
cc -O2 -I"$src/src" -o "$work/bench" "$src/bench/dockerfile_parse_bench.c" \
	"$build/libhullcore.a" $libs -lm

# 100k instructions, each a RUN the splitter takes apart.
{
	echo 'ARG V=1'
	echo 'FROM debian:$V AS base'
	for ((i = 0; i < 100000; i++)); do
		echo "RUN apt-get install -y pkg$i && echo \$V > /f"
	done
} >"$work/100k-lines.Dockerfile"

# One 10 MB RUN line.
{
	echo 'FROM debian'
	printf 'RUN echo '
	head -c 10485760 /dev/zero | tr '\0' 'x' | fold -w 7 | \
		sed 's/$/ \&\&/' | tr '\n' ' '
	echo true
} >"$work/10mb-line.Dockerfile"

real=()
if [ -d "$src/../shared/data/realworld/awesome-compose" ]; then
	cat $(find "$src/../shared/data/realworld/awesome-compose" \
		-name 'Dockerfile*') >"$work/awesome-compose-all.Dockerfile"
	real=("$work/awesome-compose-all.Dockerfile")
fi

"$work/bench" "$work/100k-lines.Dockerfile" "$work/10mb-line.Dockerfile" \
	"${real[@]}" |
	awk -F'\t' '{ split($4, t, " "); name = $1; sub(".*/", "", name);
		printf "%-34s %s  %s  %s  %s  (%.3f of the 1 s budget)\n",
		name, $2, $3, $4, $5, t[1] / 1.0 }'
