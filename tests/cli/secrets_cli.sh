#!/bin/bash
# hull secrets on files it writes itself: directories (.git skipped,
# .git-credentials read, binaries skipped), stdin, tarballs (entries named
# archive!path), hostile tarballs (../ and absolute names, symlinks, a
# huge sparse entry: bounded time, nothing written), .hull.yaml
# allowlists, unreadable paths (exit 3), and redaction in every format.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1

# Fake but well-formed secrets, assembled so this file holds none whole.
GHP="ghp_$(printf 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6')"
AKID="AKIA$(printf 'Q2W3E4R5T6Y7U8I9')"
PGPW="pg$(printf 'Zq8vLm2pXr4t')"

mkdir -p "$tmp/proj/.git/objects" "$tmp/proj/src" "$tmp/proj/node_modules/x"
echo "token=$GHP" > "$tmp/proj/.git/objects/leak"      # skipped: .git inside
echo "https://bot:$PGPW@github.com" > "$tmp/proj/.git-credentials"
printf 'GITHUB_TOKEN=%s\n' "$GHP" > "$tmp/proj/src/app.env"
printf 'bin\0ary %s\n' "$AKID" > "$tmp/proj/src/blob.dat"  # NUL: skipped
printf 'k=%s\n' "$AKID" > "$tmp/proj/node_modules/x/index.js"
ln -s /etc/passwd "$tmp/proj/src/link"

out=$("$HULL" secrets --format json "$tmp/proj")
rc=$?
check "directory scan exits 1 with findings" test $rc -eq 1
check ".git-credentials reported" grep -q '"file": "[^"]*\.git-credentials"' <<<"$out"
check "node_modules scanned" grep -q 'node_modules/x/index.js' <<<"$out"
check "files inside .git skipped" bash -c '! grep -q "objects/leak" <<<"$1"' _ "$out"
check "binary file skipped" bash -c '! grep -q "blob.dat" <<<"$1"' _ "$out"
check "finding count is 3" test "$(grep -c '"id": "SE' <<<"$out")" -eq 3

# Redaction: no format may print a whole secret.
for f in table json sarif github; do
	o=$("$HULL" secrets --format $f -v "$tmp/proj" 2>&1)
	for s in "$GHP" "$AKID" "$PGPW"; do
		check "$f output hides ${s:0:4}..." bash -c '! grep -qF -- "$1" <<<"$2"' _ "$s" "$o"
	done
done

# stdin
out=$(printf 'x\nAWS=%s\n' "$AKID" | "$HULL" secrets --format json -)
check "stdin: finding on line 2" grep -q '"line": 2' <<<"$out"

# Unreadable and missing paths: exit 3, the rest still scanned.
out=$("$HULL" secrets --format json "$tmp/missing" "$tmp/proj/src/app.env" 2>"$tmp/err")
rc=$?
check "missing path exits 3" test $rc -eq 3
check "missing path named on stderr" grep -q "cannot read '$tmp/missing'" "$tmp/err"
check "next path still scanned" grep -q SE013 <<<"$out"

# .hull.yaml allowlists
mkdir -p "$tmp/allow/testdata"
printf 'T=%s\n' "$GHP" > "$tmp/allow/testdata/a.txt"
printf 'T=%s\nK=%s\n' "$GHP" "$AKID" > "$tmp/allow/b.txt"
printf 'secrets:\n  allow-paths: ["testdata/*"]\n  allow-patterns: ["^AKIAQ2W3"]\n' > "$tmp/allow/.hull.yaml"
out=$("$HULL" secrets --format json "$tmp/allow")
check "allow-paths drops testdata" bash -c '! grep -q testdata <<<"$1"' _ "$out"
check "allow-patterns drops the AWS key" bash -c '! grep -q SE001 <<<"$1"' _ "$out"
check "the rest still reported" grep -q SE013 <<<"$out"

# Tarballs: entries streamed, named archive!path.
mkdir -p "$tmp/tree/etc"
printf 'password-less\nT=%s\n' "$GHP" > "$tmp/tree/etc/app.conf"
tar -C "$tmp/tree" -cf "$tmp/a.tar" etc
tar -C "$tmp/tree" -czf "$tmp/a.tar.gz" etc
if command -v zstd >/dev/null; then
	tar -C "$tmp/tree" -cf - etc | zstd -q -o "$tmp/a.tar.zst"
fi
for a in "$tmp"/a.tar*; do
	out=$("$HULL" secrets --format json "$a")
	check "$(basename "$a"): entry found as archive!path" \
		grep -q "\"file\": \"$a!etc/app.conf\"" <<<"$out"
	check "$(basename "$a"): line 2" grep -q '"line": 2' <<<"$out"
done

# Hostile tarball: ../ and absolute names, a symlink, a huge sparse
# entry.  Nothing may be written; time and memory stay bounded.
python3 - "$tmp/evil.tar" "$GHP" <<'PY' || { echo "skipped hostile tar: python3"; }
import io, sys, tarfile
path, tok = sys.argv[1], sys.argv[2].encode()
with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as t:
    for name in ["../../escape.txt", "/etc/abs.txt", "a/\x1b[31mred.txt"]:
        data = b"T=" + tok + b"\n"
        ti = tarfile.TarInfo(name); ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
    ti = tarfile.TarInfo("link"); ti.type = tarfile.SYMTYPE
    ti.linkname = "/etc/shadow"; t.addfile(ti)
PY
# a 64 GiB sparse member, made with GNU tar's sparse support
# (16 KiB of text first: a NUL in the first 8 KiB would make it binary)
{ printf 'T=%s\n' "$GHP"; for i in $(seq 400); do echo "plain text line $i of the head"; done; } > "$tmp/head.txt"
truncate -s 64G "$tmp/sparse.log" && dd if="$tmp/head.txt" of="$tmp/sparse.log" conv=notrunc status=none
tar -C "$tmp" -S -cf "$tmp/sparse.tar" sparse.log
rm -f "$tmp/sparse.log"
before=$(ls -A "$tmp" | wc -l)
start=$(date +%s)
# a 2 GB address-space cap, except under AddressSanitizer (shadow memory)
lim=2000000
ldd "$HULL" 2>/dev/null | grep -q asan && lim=unlimited
out=$( (ulimit -v $lim; "$HULL" secrets --format json "$tmp/evil.tar" "$tmp/sparse.tar") )
rc=$?
secs=$(( $(date +%s) - start ))
check "hostile tar: exit 1, no crash" test $rc -eq 1
check "hostile tar: ../ name reported, not followed" grep -q 'evil.tar!../../escape.txt' <<<"$out"
check "hostile tar: absolute name made relative" grep -q 'evil.tar!etc/abs.txt' <<<"$out"
check "hostile tar: control bytes replaced" grep -q 'evil.tar!a/?\[31mred.txt' <<<"$out"
check "hostile tar: nothing written" test ! -e "$tmp/../escape.txt" -a "$(ls -A "$tmp" | wc -l)" -eq "$before"
check "sparse 64 GiB entry: secret found at its start" grep -q 'sparse.tar!sparse.log' <<<"$out"
check "sparse entry: bounded time (${secs}s < 120s)" test "$secs" -lt 120

# Files of every size class: under 64 KiB (one read), mapped (64 KiB and
# more), and larger than the 1 MiB read chunk; the same file through
# stdin (streamed).  The secret's line and column must agree.
for lines in 10 5000 60000; do
	f="$tmp/size$lines.txt"
	{ for i in $(seq "$lines"); do echo "plain text line $i"; done
	  printf 'x = 1; T=%s\n' "$GHP"; echo tail; } > "$f"
	want=$((lines + 1))
	out=$("$HULL" secrets --format json "$f")
	check "$(stat -c %s "$f") byte file: line $want, column 10" \
		grep -q "\"line\": $want, \"column\": 10" <<<"$(tr -d '\n' <<<"$out" | sed 's/,  */, /g')"
	out=$("$HULL" secrets --format json - < "$f")
	check "same through stdin: line $want" grep -q "\"line\": $want" <<<"$out"
done

# A corrupt archive is an input error, not a crash.
for i in $(seq 2000); do echo "line $i of a long file"; done > "$tmp/tree/etc/long.txt"
tar -C "$tmp/tree" -czf "$tmp/full.tar.gz" etc
head -c $(( $(stat -c %s "$tmp/full.tar.gz") / 2 )) "$tmp/full.tar.gz" > "$tmp/cut.tar.gz"
"$HULL" secrets "$tmp/cut.tar.gz" >/dev/null 2>"$tmp/err"
check "truncated archive exits 3" test $? -eq 3
check "truncated archive named" grep -q "cut.tar.gz" "$tmp/err"

finish
