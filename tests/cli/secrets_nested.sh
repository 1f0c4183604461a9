#!/bin/bash
# hull secrets limits and nested archives: a file past the per-input cap
# of 1000 findings is named in a warning, as stdin is; a tar inside a tar
# (a docker save archive: layer.tar, or an OCI blob known only by its
# gzip bytes) is read one level deep as outer!inner!path; deeper archives
# and zip files are named in a warning, never silently skipped; a member
# that only looks compressed (a gzipped log) is left alone.
set -u
HULL=${HULL:?HULL must name the hull binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # description, command...
	local what=$1; shift
	if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
# count FILE.json: the findings in a JSON report
count() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$1"; }
# files FILE.json: the distinct finding files, sorted, one per line
files() { python3 -c 'import json,sys
print("\n".join(sorted({f["location"]["file"] for f in json.load(open(sys.argv[1]))["findings"]})))' "$1"; }

# Passwords in URLs, each different: N lines, N findings.
urls() {
	python3 -c 'import random,sys
r = random.Random(int(sys.argv[2]))
a = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
for i in range(int(sys.argv[1])):
    pw = "".join(r.choice(a) for _ in range(16))
    print("url%d = \"https://bot:%s@db%d.example.org/x\"" % (i, pw, i))' "$1" "$2"
}

# The cap: a small file (one read), a mapped one (64 KiB and more), stdin.
urls 1100 1 >"$T/small.txt"
urls 1500 2 >"$T/mapped.txt"
check "mapped.txt is over 64 KiB" test "$(stat -c %s "$T/mapped.txt")" -ge 65536
for f in small mapped; do
	"$HULL" secrets -f json "$T/$f.txt" >"$T/$f.json" 2>"$T/$f.err"
	check "$f.txt: 1000 findings kept" test "$(count "$T/$f.json")" -eq 1000
	check "$f.txt: the cap is named with the file" \
		grep -q "$f.txt': more than 1000 secrets, only the first reported" "$T/$f.err"
done
"$HULL" secrets -f json - <"$T/small.txt" >"$T/stdin.json" 2>"$T/stdin.err"
check "stdin: the same warning" grep -q "'-': more than 1000 secrets" "$T/stdin.err"
urls 10 3 >"$T/few.txt"
"$HULL" secrets -f json "$T/few.txt" >"$T/few.json" 2>"$T/few.err"
check "10 secrets: no cap warning" test ! -s "$T/few.err"

# A docker save archive: a named layer.tar, an OCI blob that is a gzipped
# tar with no extension, a layer holding a tar, a zip and a gzipped log.
GHP="ghp_$(printf 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6')"
mkdir -p "$T/l/etc" "$T/l2" "$T/save/abc" "$T/save/blobs/sha256"
printf 'token=%s\n' "$GHP" >"$T/l/etc/app.conf"
tar -C "$T/l" -cf "$T/save/abc/layer.tar" etc
tar -C "$T/l" -czf "$T/save/blobs/sha256/0123abcd" etc
tar -C "$T/l" -cf "$T/l2/inner.tar" etc
printf 'token=%s\n' "$GHP" | gzip >"$T/save/blobs/sha256/4567ef01"
python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z: z.write(sys.argv[2], "etc/app.conf")' \
	"$T/l2/x.zip" "$T/l/etc/app.conf"
tar -C "$T/l2" -cf "$T/save/abc/layer2.tar" inner.tar x.zip
echo '[]' >"$T/save/manifest.json"
tar -C "$T/save" -cf "$T/image.tar" abc blobs manifest.json
"$HULL" secrets -f json "$T/image.tar" >"$T/image.json" 2>"$T/image.err"
rc=$?
check "docker save archive: exit 1 (rc $rc: $(cat "$T/image.err"))" test $rc -eq 1
got=$(files "$T/image.json" | sed "s|^$T/||" | tr '\n' ' ')
want="image.tar!abc/layer.tar!etc/app.conf image.tar!blobs/sha256/0123abcd!etc/app.conf "
check "layer.tar and the gzipped blob are read ($got)" test "$got" = "$want"
check "the tar in a layer is named, not opened" \
	grep -q "image.tar!abc/layer2.tar!inner.tar': an archive inside a nested archive is not opened" "$T/image.err"
check "the zip in a layer is named" \
	grep -q "image.tar!abc/layer2.tar!x.zip': zip archives are not opened" "$T/image.err"
check "the gzipped text blob is no error" bash -c '! grep -q 4567ef01 "$1"' _ "$T/image.err"

# The same archive gzipped, and a zip given by name.
gzip -c "$T/image.tar" >"$T/image.tar.gz"
"$HULL" secrets -f json "$T/image.tar.gz" >"$T/gz.json" 2>/dev/null
check "image.tar.gz: the same two findings" test "$(count "$T/gz.json")" -eq 2
"$HULL" secrets "$T/l2/x.zip" >/dev/null 2>"$T/zip.err"
rc=$?
check "a zip named on the command line: exit 0 (rc $rc)" test $rc -eq 0
check "a zip named on the command line is named" grep -q "x.zip': zip archives are not opened" "$T/zip.err"

# A member named like a tar that is not one is an input error naming it.
mkdir -p "$T/bad"
printf 'not a tar\n' | gzip >"$T/bad/fake.tar.gz"
tar -C "$T/bad" -cf "$T/bad.tar" fake.tar.gz
"$HULL" secrets "$T/bad.tar" >/dev/null 2>"$T/bad.err"
rc=$?
check "fake.tar.gz in a tar: exit 3 (rc $rc)" test $rc -eq 3
check "fake.tar.gz in a tar: named ($(cat "$T/bad.err"))" grep -q "bad.tar!fake.tar.gz" "$T/bad.err"

# A truncated layer inside a whole archive: an error naming both.
mkdir -p "$T/big"
urls 400 4 >"$T/big/data.txt"
tar -C "$T/big" -cf "$T/big.tar" data.txt
head -c 8000 "$T/big.tar" >"$T/l2/cut.tar"
tar -C "$T/l2" -cf "$T/cut-outer.tar" cut.tar
"$HULL" secrets "$T/cut-outer.tar" >/dev/null 2>"$T/cut.err"
rc=$?
check "truncated nested tar: exit 3 (rc $rc)" test $rc -eq 3
check "truncated nested tar named ($(cat "$T/cut.err"))" grep -q "cut-outer.tar!cut.tar" "$T/cut.err"
exit $fail
