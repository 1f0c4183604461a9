#!/bin/bash
# hull sbom on images, through the image layer stream: the two Alpine
# docker-save archives against the package lists read from their
# lib/apk/db/installed (images/alpine-3xx.packages.tsv), purls with the
# distro, layer digests; a tarball that is no image exits 3.
set -u
: "${HULL:?}" "${HULL_DATA:=}"
img="$HULL_DATA/images"
if [ ! -d "$img" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
if ! command -v node >/dev/null; then
	echo "skipped: node is missing (used to read the JSON)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

for v in 310 311; do
	"$HULL" sbom "docker-archive:$img/alpine-$v.tar.gz" -f json \
		>"$tmp/$v.json" 2>"$tmp/err" || {
		echo "FAIL: alpine-$v: exit $?"; cat "$tmp/err"
		fail=$((fail + 1)); continue; }
	node -e '
		const d = require(process.argv[1]);
		const rows = d.packages.map(p => [p.name, p.version,
			p.source_name, p.arch].join("\t"));
		console.log(["name\tversion\torigin\tarch", ...rows].join("\n"));' \
		"$tmp/$v.json" >"$tmp/$v.tsv"
	if diff -u "$img/alpine-$v.packages.tsv" "$tmp/$v.tsv"; then
		pass=$((pass + 1))
	else
		echo "FAIL: alpine-$v packages differ"; fail=$((fail + 1))
	fi
	bad=$(node -e '
		const d = require(process.argv[1]);
		const v = d.os.version, bad = d.packages.filter(p =>
			!p.purl.endsWith(`?arch=${p.arch}&distro=alpine-${v}`) ||
			!/^sha256:[0-9a-f]{64}$/.test(p.layer_digest) ||
			p.layer_index !== 0 || p.path !== "lib/apk/db/installed");
		console.log(bad.length)' "$tmp/$v.json")
	if [ "$bad" = 0 ]; then pass=$((pass + 1)); else
		echo "FAIL: alpine-$v: $bad packages with a wrong purl," \
			"layer or path"; fail=$((fail + 1)); fi
done

"$HULL" sbom "docker-archive:$img/alpine-310.tar.gz" -f cyclonedx \
	>"$tmp/bom.json" 2>/dev/null
if grep -q '"type": "container"' "$tmp/bom.json"; then
	pass=$((pass + 1))
else
	echo "FAIL: the CycloneDX subject of an image is not a container"
	fail=$((fail + 1))
fi

bad=$(ls "$img"/bad-input/*.tar 2>/dev/null | head -1)
if [ -n "$bad" ]; then
	"$HULL" sbom "$bad" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 3 ] && grep -q "$(basename "$bad")" "$tmp/err"; then
		pass=$((pass + 1))
	else
		echo "FAIL: a tarball that is no image: exit $rc"
		fail=$((fail + 1))
	fi
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
