#!/bin/bash
# hull secrets limits and nested archives: a file past the per-input cap
# of 1000 findings is named in a warning, as stdin is; a tar inside a tar
# (a docker save archive: layer.tar, or an OCI blob known only by its
# gzip bytes) is read one level deep as outer!inner!path; deeper archives
# and zip files are named in a warning, never silently skipped; a member
# that only looks compressed (a gzipped log) is left alone.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
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
urls 1100 1 >"$tmp/small.txt"
urls 1500 2 >"$tmp/mapped.txt"
check "mapped.txt is over 64 KiB" test "$(stat -c %s "$tmp/mapped.txt")" -ge 65536
for f in small mapped; do
	"$HULL" secrets -f json "$tmp/$f.txt" >"$tmp/$f.json" 2>"$tmp/$f.err"
	check "$f.txt: 1000 findings kept" test "$(count "$tmp/$f.json")" -eq 1000
	check "$f.txt: the cap is named with the file" \
		grep -q "$f.txt': more than 1000 secrets, only the first reported" "$tmp/$f.err"
done
"$HULL" secrets -f json - <"$tmp/small.txt" >"$tmp/stdin.json" 2>"$tmp/stdin.err"
check "stdin: the same warning" grep -q "'-': more than 1000 secrets" "$tmp/stdin.err"
urls 10 3 >"$tmp/few.txt"
"$HULL" secrets -f json "$tmp/few.txt" >"$tmp/few.json" 2>"$tmp/few.err"
check "10 secrets: no cap warning" test ! -s "$tmp/few.err"

# A docker save archive: a named layer.tar, an OCI blob that is a gzipped
# tar with no extension, a layer holding a tar, a zip and a gzipped log.
GHP="ghp_$(printf 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6')"
mkdir -p "$tmp/l/etc" "$tmp/l2" "$tmp/save/abc" "$tmp/save/blobs/sha256"
printf 'token=%s\n' "$GHP" >"$tmp/l/etc/app.conf"
tar -C "$tmp/l" -cf "$tmp/save/abc/layer.tar" etc
tar -C "$tmp/l" -czf "$tmp/save/blobs/sha256/0123abcd" etc
tar -C "$tmp/l" -cf "$tmp/l2/inner.tar" etc
printf 'token=%s\n' "$GHP" | gzip >"$tmp/save/blobs/sha256/4567ef01"
python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z: z.write(sys.argv[2], "etc/app.conf")' \
	"$tmp/l2/x.zip" "$tmp/l/etc/app.conf"
tar -C "$tmp/l2" -cf "$tmp/save/abc/layer2.tar" inner.tar x.zip
echo '[]' >"$tmp/save/manifest.json"
tar -C "$tmp/save" -cf "$tmp/image.tar" abc blobs manifest.json
"$HULL" secrets -f json "$tmp/image.tar" >"$tmp/image.json" 2>"$tmp/image.err"
rc=$?
check "docker save archive: exit 1 (rc $rc: $(cat "$tmp/image.err"))" test $rc -eq 1
got=$(files "$tmp/image.json" | sed "s|^$tmp/||" | tr '\n' ' ')
want="image.tar!abc/layer.tar!etc/app.conf image.tar!blobs/sha256/0123abcd!etc/app.conf "
check "layer.tar and the gzipped blob are read ($got)" test "$got" = "$want"
check "the tar in a layer is named, not opened" \
	grep -q "image.tar!abc/layer2.tar!inner.tar': an archive inside a nested archive is not opened" "$tmp/image.err"
check "the zip in a layer is named" \
	grep -q "image.tar!abc/layer2.tar!x.zip': zip archives are not opened" "$tmp/image.err"
check "the gzipped text blob is no error" bash -c '! grep -q 4567ef01 "$1"' _ "$tmp/image.err"

# The same archive gzipped, and a zip given by name.
gzip -c "$tmp/image.tar" >"$tmp/image.tar.gz"
"$HULL" secrets -f json "$tmp/image.tar.gz" >"$tmp/gz.json" 2>/dev/null
check "image.tar.gz: the same two findings" test "$(count "$tmp/gz.json")" -eq 2
"$HULL" secrets "$tmp/l2/x.zip" >/dev/null 2>"$tmp/zip.err"
rc=$?
check "a zip named on the command line: exit 0 (rc $rc)" test $rc -eq 0
check "a zip named on the command line is named" grep -q "x.zip': zip archives are not opened" "$tmp/zip.err"

# A member named like a tar that is not one is an input error naming it.
mkdir -p "$tmp/bad"
printf 'not a tar\n' | gzip >"$tmp/bad/fake.tar.gz"
tar -C "$tmp/bad" -cf "$tmp/bad.tar" fake.tar.gz
"$HULL" secrets "$tmp/bad.tar" >/dev/null 2>"$tmp/bad.err"
rc=$?
check "fake.tar.gz in a tar: exit 3 (rc $rc)" test $rc -eq 3
check "fake.tar.gz in a tar: named ($(cat "$tmp/bad.err"))" grep -q "bad.tar!fake.tar.gz" "$tmp/bad.err"

# A truncated layer inside a whole archive: an error naming both.
mkdir -p "$tmp/big"
urls 400 4 >"$tmp/big/data.txt"
tar -C "$tmp/big" -cf "$tmp/big.tar" data.txt
head -c 8000 "$tmp/big.tar" >"$tmp/l2/cut.tar"
tar -C "$tmp/l2" -cf "$tmp/cut-outer.tar" cut.tar
"$HULL" secrets "$tmp/cut-outer.tar" >/dev/null 2>"$tmp/cut.err"
rc=$?
check "truncated nested tar: exit 3 (rc $rc)" test $rc -eq 3
check "truncated nested tar named ($(cat "$tmp/cut.err"))" grep -q "cut-outer.tar!cut.tar" "$tmp/cut.err"
finish
