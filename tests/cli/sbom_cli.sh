#!/bin/bash
# hull sbom on the command line: formats, dir: targets, --output, and the
# documented exit codes (2 usage, 3 unreadable target).
set -u
: "${HULL:?}" "${HULL_DATA:=}"
db="$HULL_DATA/pkgdb"
if [ ! -d "$db" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # description, then a command that must succeed
	local what=$1
	shift
	if "$@"; then pass=$((pass + 1)); else
		echo "FAIL: $what"; fail=$((fail + 1)); fi
}

root="$tmp/root"
mkdir -p "$root/etc" "$root/lib/apk/db"
cp "$db/os-release/alpine-image/alpine-3.10.4" "$root/etc/os-release"
cp "$db/apk/alpine-3.10.4-installed" "$root/lib/apk/db/installed"

"$HULL" sbom "$root" --format table >"$tmp/table" 2>"$tmp/err"
check "table exits 0" test $? -eq 0
check "table names the OS and count" \
	grep -q "(alpine 3.10.4): 14 packages" "$tmp/table"
check "table lists musl" grep -qE "^apk +musl +1.1.22-r3" "$tmp/table"

# Not a terminal: CycloneDX by default.
"$HULL" sbom "dir:$root" >"$tmp/default.json"
check "default format off a TTY is CycloneDX" \
	grep -q '"bomFormat": "CycloneDX"' "$tmp/default.json"
check "purl with distro qualifier" grep -q \
	'pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=alpine-3.10.4' \
	"$tmp/default.json"

"$HULL" sbom "$root" -f spdx -o "$tmp/out.spdx.json"
check "--output writes the file" grep -q '"SPDX-2.3"' "$tmp/out.spdx.json"

"$HULL" sbom "$tmp/does-not-exist" >/dev/null 2>"$tmp/err"
check "missing target exits 3" test $? -eq 3
check "missing target is named" grep -q "does-not-exist" "$tmp/err"

"$HULL" sbom "$root" --format nonsense >/dev/null 2>&1
check "unknown format exits 2" test $? -eq 2
"$HULL" sbom >/dev/null 2>&1
check "no target exits 2" test $? -eq 2
"$HULL" sbom "$root" --format sarif >/dev/null 2>&1
check "sarif is no inventory format: exit 2" test $? -eq 2

# A damaged database is reported by name; the rest still comes out.
mkdir -p "$root/app"
echo '{"lockfileVersion": 3, "packages": ' >"$root/app/package-lock.json"
"$HULL" sbom "$root" -f json >"$tmp/j" 2>"$tmp/err"
check "damaged lock file does not fail the run" test $? -eq 0
check "damaged lock file is named on stderr" \
	grep -q "app/package-lock.json" "$tmp/err"
check "the apk packages are still there" grep -q '"name": "musl"' "$tmp/j"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
