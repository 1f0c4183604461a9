#!/bin/bash
# hull image on every image of ../shared/data/images, in every format:
# the findings must match what each image holds (images.tsv, README.md).
set -u
: "${HULL:?}" "${HULL_DATA:?}"
D=$HULL_DATA/images
if [ ! -d "$D" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
fail=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run NAME EXPECTED_RC ARGS...: keep the JSON report in $out/NAME.json
run() {
	local name=$1 want=$2
	shift 2
	"$HULL" image --format json --fail-on never "$@" >"$out/$name.json" \
		2>"$out/$name.err"
	local rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc, want $want"
		cat "$out/$name.err"
		fail=1
	fi
}

# has NAME PYTHON-EXPR: the expression holds on the report (r) and the
# findings (f).
has() {
	local name=$1 expr=$2
	if ! python3 - "$out/$name.json" "$expr" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f = r["findings"]
ids = [x["id"] for x in f]
def with_id(i): return [x for x in f if x["id"] == i]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
	then
		echo "FAIL $name: $expr"
		fail=1
	fi
}

# Every readable image: root user, no layer errors, no digest mismatch.
for img in alpine-310.tar.gz alpine-311.tar.gz dive/test-docker-image.tar \
	dive/test-kaniko-image.tar dive/test-oci-gzip-image.tar \
	dive/test-oci-zstd-image.tar dive/test-oci-uncompressed-image.tar \
	dive/test-oci-estargz-image.tar oci-layouts/test.oci; do
	n=$(echo "$img" | tr '/.' '__')
	run "$n" 0 "$D/$img"
	has "$n" '"IM001" in ids'
	has "$n" '"IM018" not in ids and "IM019" not in ids and "IM020" not in ids'
	has "$n" 'r["errors"] == []'
	has "$n" 'all(x["location"]["target"].endswith("'"$img"'") for x in f)'
done

# Explicit schemes give the same result as guessing.
run dock_scheme 0 "docker-archive:$D/dive/test-docker-image.tar"
run oci_scheme 0 "oci-archive:$D/dive/test-oci-zstd-image.tar"
run ocidir_scheme 0 "oci:$D/oci-layouts/test.oci"
run ocitag 0 "oci:$D/oci-layouts/test_image_tag.oci:0.0.1"
has ocitag '"IM001" in ids'
run ocitag_bad 3 "oci:$D/oci-layouts/test_image_tag.oci:9.9.9"
grep -q "no manifest tagged '9.9.9'" "$out/ocitag_bad.err" ||
	{ echo "FAIL ocitag_bad message"; fail=1; }

# dive images: whiteouts applied (the removed example dir is gone).  The
# 2018 busybox of the docker image has "root::" in etc/shadow; kaniko's
# newer busybox locks root with "root:*".
for n in dive_test-docker-image_tar dive_test-kaniko-image_tar; do
	has $n '"IM015" in ids'
	has $n 'all("root/example" not in (x["location"].get("path") or "") for x in f)'
done
has dive_test-docker-image_tar 'any(x["id"] == "IM013" and "root" in x["message"] and x["location"]["layer"]["index"] == 0 for x in f)'
has dive_test-kaniko-image_tar '"IM013" not in ids'

# Alpine ships apk; the dive OCI images hold only README.md.
has alpine-310_tar_gz 'any(x["id"] == "IM016" and "apk" in x["message"] for x in f)'
has dive_test-oci-zstd-image_tar '"IM015" not in ids and "IM016" not in ids'

# Broken layouts and non-images: exit 3 with a clear message.
check_err() {
	local name=$1 pattern=$2
	if ! grep -q -- "$pattern" "$out/$name.err"; then
		echo "FAIL $name: message lacks '$pattern':"
		cat "$out/$name.err"
		fail=1
	fi
}
run bad_index 3 "$D/oci-layouts/test_bad_index_json.oci"
check_err bad_index "index.json is not valid JSON"
run index_dir 3 "$D/oci-layouts/test_index_json_dir.oci"
check_err index_dir "'index.json' is not a regular file"
run invalid_oci 3 "$D/oci-layouts/test_invalid_oci_image.oci"
check_err invalid_oci "no image manifest with a known media type"
run no_manifests 3 "$D/oci-layouts/test_no_valid_manifests.oci"
check_err no_manifests "index.json lists no manifests"
for t in estargz gzip uncompressed zstd; do
	run "bad_$t" 3 "$D/bad-input/test-$t-image.tar"
	check_err "bad_$t" "is not an image"
done

# A platform the index does not have: the error lists what there is.
run wrong_platform 3 --platform linux/s390x "$D/dive/test-oci-gzip-image.tar"
check_err wrong_platform "available: linux/arm64"

exit $fail
