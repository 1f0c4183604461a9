#!/bin/bash
# A damaged, foreign or misplaced vulnerability database is never read as
# "no vulnerabilities": damaged leaf pages of the advisories or affected
# table, or a page of zeros anywhere (checked once per version of the
# file, recorded in DB.verified), make 'hull image' exit 3 naming the
# file (vulnerabilities not checked), and 'hull db info' and 'hull db import' refuse the file; a
# damaged header says "damaged or not a database"; a directory says so;
# an SQLite file that is not hull's is never written to.  The databases
# are built here from OSV files written here, then damaged with python3
# (a leaf page's cell pointers overwritten, as a bad copy would).
set -u
: "${HULL:?HULL is not set}"
command -v python3 >/dev/null || { echo "skipped: python3 is not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skipped: the sqlite3 shell is not installed"; exit 77; }
tmp=$(mktemp -d /tmp/hull-db-damaged.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
data=$(cd "${HULL_DATA:-/nonexistent}" 2>/dev/null && pwd)
cd "$tmp" || exit 1

# 300 advisories, one per package, and a root filesystem with the 300
# packages installed at an affected version: every page of the advisories
# and affected tables holds rows that the scan reads.
mkdir -p osv root/lib/apk/db root/etc
printf 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.10.3\n' >root/etc/os-release
python3 - <<'PY'
import json
with open("root/lib/apk/db/installed", "w") as f:
    for i in range(300):
        f.write("P:pkg%03d\nV:1.0-r0\nA:x86_64\no:pkg%03d\n\n" % (i, i))
for i in range(300):
    with open("osv/a%03d.json" % i, "w") as f:
        json.dump({"id": "ALPINE-TEST-%03d" % i,
                   "modified": "2024-01-01T00:00:00Z",
                   "summary": "advisory %d, with words to fill pages" % i,
                   "database_specific": {"severity": "HIGH"},
                   "affected": [{"package": {"ecosystem": "Alpine:v3.10",
                                             "name": "pkg%03d" % i},
                                 "ranges": [{"type": "ECOSYSTEM", "events": [
                                     {"introduced": "0"},
                                     {"fixed": "2.0-r0"}]}]}]}, f)
PY
"$HULL" db import -q --db good.db osv || { echo "FAIL: import of the test advisories"; exit 1; }
printf '{"id":"ALPINE-EXTRA","modified":"2024-01-01T00:00:00Z"}\n' >extra.json

# damage DB TABLE OUT: copy DB to OUT with the first leaf page of TABLE's
# b-tree given cell pointers past the end of the page (64 bytes of 0xff
# over the cell pointer array).
damage() {
	python3 - "$1" "$2" "$3" <<'PY'
import shutil, sqlite3, sys
src, table, out = sys.argv[1:]
c = sqlite3.connect(src)
root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                 (table,)).fetchone()[0]
size = c.execute("PRAGMA page_size").fetchone()[0]
c.close()
shutil.copy(src, out)
with open(out, "r+b") as f:
    page = root
    while True:  # down the leftmost children to a leaf
        f.seek((page - 1) * size)
        p = f.read(size)
        if p[0] not in (2, 5):  # interior index / table page
            break
        cell = int.from_bytes(p[12:14], "big")
        page = int.from_bytes(p[cell:cell + 4], "big")
    f.seek((page - 1) * size + 8)
    f.write(b"\xff" * 64)
PY
}

# scan DB: run 'hull image' on the root filesystem with DB; sets rc, err
# and vulns (the report's vulnerabilities.total, or "unchecked").
scan() {
	"$HULL" image -q --db "$1" -f json dir:root >"$tmp/out" 2>"$tmp/err"
	rc=$?
	err=$(cat "$tmp/err")
	vulns=$(python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))["vulnerabilities"]
print(v["total"] if v["checked"] else "unchecked")' "$tmp/out" 2>&1)
}

scan good.db
[ "$rc" = 1 ] && [ "$vulns" = 300 ] ||
	{ echo "FAIL: good database: rc=$rc, $vulns findings, want 1 and 300: $err"; fail=1; }

for table in advisories affected sqlite_autoindex_affected_1; do
	damage good.db "$table" "$table.db"
	[ "$(sqlite3 "$table.db" 'PRAGMA integrity_check' 2>&1)" != ok ] ||
		{ echo "FAIL: damaging $table left integrity_check ok"; fail=1; continue; }
	scan "$table.db"
	if [ "$rc" != 3 ] || [ "$vulns" != unchecked ] ||
		! grep -q "'$table.db' is damaged" <<<"$err" ||
		! grep -q "hull db update" <<<"$err"; then
		echo "FAIL: scan with damaged $table: rc=$rc vulns=$vulns: $err"
		fail=1
	fi
	"$HULL" db info --db "$table.db" >/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" = 3 ] && grep -q "'$table.db' is damaged" "$tmp/err" ||
		{ echo "FAIL: db info with damaged $table: rc=$rc: $(cat "$tmp/err")"; fail=1; }
	cp "$table.db" before.db
	"$HULL" db import --db "$table.db" extra.json 2>"$tmp/err"
	rc=$?
	[ "$rc" = 3 ] && grep -q "is damaged" "$tmp/err" && cmp -s before.db "$table.db" ||
		{ echo "FAIL: import into damaged $table: rc=$rc: $(cat "$tmp/err")"; fail=1; }
done

# Real data: a damaged leaf of the index the lookups use, holding the
# Alpine rows.  SQLite's plain reads take the bad cell offsets modulo the
# page size and find nothing; hull's reads check each cell.
if [ -d "$data/advisories/go-vulndb" ] && [ -f "$data/images/alpine-310.tar.gz" ]; then
	"$HULL" db import -q --db real.db "$data/advisories/alpine-3.10-vulnlist" \
		"$data/advisories/go-vulndb"
	damage real.db sqlite_autoindex_affected_1 real-index.db
	"$HULL" image -q --db real-index.db -f json \
		"docker-archive:$data/images/alpine-310.tar.gz" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 3 ] && grep -q "'real-index.db' is damaged" "$tmp/err" ||
		{ echo "FAIL: damaged index with real data: rc=$rc: $(cat "$tmp/err")"; fail=1; }

	# 8 KiB of zeros in the middle of the file (a page that a scan
	# need not read, which looks empty rather than damaged): the scan
	# checks the whole file before it trusts an empty answer.
	cp real.db real-zero.db
	dd if=/dev/zero of=real-zero.db bs=1 seek=100000 count=8192 conv=notrunc 2>/dev/null
	"$HULL" image -q --db real-zero.db -f json \
		"docker-archive:$data/images/alpine-310.tar.gz" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	checked=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["vulnerabilities"]["checked"])' "$tmp/out" 2>&1)
	if [ "$rc" != 3 ] || [ "$checked" != False ] ||
		! grep -q "'real-zero.db' is damaged" "$tmp/err" ||
		! grep -q "hull db update" "$tmp/err"; then
		echo "FAIL: zeroed page with real data: rc=$rc checked=$checked: $(cat "$tmp/err")"
		fail=1
	fi
else
	echo "note: ../shared/data is absent; the real-data case was not run"
fi

# The verification stamp: import writes it, and a stamp of a good check
# hides no later damage, because damage changes the mtime (dd in place)
# or the inode (a damaged copy moved over the file, mtime set back).
[ -f good.db.verified ] && grep -q "^size $(stat -c %s good.db)$" good.db.verified ||
	{ echo "FAIL: import wrote no stamp for good.db"; fail=1; }
cp good.db stamped.db
scan stamped.db
[ "$rc" = 1 ] && [ -f stamped.db.verified ] ||
	{ echo "FAIL: scan of a good copy: rc=$rc, stamp: $(ls stamped.db.verified 2>&1)"; fail=1; }
scan stamped.db
[ "$rc" = 1 ] && [ "$vulns" = 300 ] ||
	{ echo "FAIL: scan with a matching stamp: rc=$rc, $vulns findings"; fail=1; }
cp stamped.db restamped.db
cp stamped.db.verified restamped.db.verified
size=$(stat -c %s stamped.db)
for off in $((size / 4)) $((size / 2)) $((size - 8192)); do
	dd if=/dev/zero of=stamped.db bs=1 seek=$off count=4096 conv=notrunc 2>/dev/null
done
scan stamped.db
[ "$rc" = 3 ] && grep -q "'stamped.db' is damaged" <<<"$err" ||
	{ echo "FAIL: damage after a stamped check (dd in place): rc=$rc: $err"; fail=1; }
mtime=$(stat -c %.9Y restamped.db)
cp restamped.db copy.db
for off in $((size / 4)) $((size / 2)) $((size - 8192)); do
	dd if=/dev/zero of=copy.db bs=1 seek=$off count=4096 conv=notrunc 2>/dev/null
done
touch -d "@$mtime" copy.db
mv copy.db restamped.db
[ "$(stat -c %.9Y restamped.db)" = "$mtime" ] ||
	{ echo "FAIL: touch -d did not restore the mtime"; fail=1; }
scan restamped.db
[ "$rc" = 3 ] && grep -q "'restamped.db' is damaged" <<<"$err" ||
	{ echo "FAIL: damaged copy with the old mtime moved over a stamped file: rc=$rc: $err"; fail=1; }

# A damaged header: damaged or not a database, never "unknown schema".
cp good.db header.db
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(16); f.write(b"\xee" * 84)' header.db
for cmd in "image -q --db header.db dir:root" "db info --db header.db" \
	"db import --db header.db extra.json"; do
	# shellcheck disable=SC2086
	"$HULL" $cmd >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" != 3 ] || ! grep -q "'header.db' is damaged or not a database" "$tmp/err" ||
		grep -q "schema version" "$tmp/err"; then
		echo "FAIL: hull $cmd: rc=$rc: $(cat "$tmp/err")"
		fail=1
	fi
done

# A directory is named as one.
mkdir dir.db
for cmd in "image -q --db dir.db dir:root" "db info --db dir.db" \
	"db import --db dir.db extra.json"; do
	# shellcheck disable=SC2086
	"$HULL" $cmd >/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" = 3 ] && grep -q "'dir.db' is a directory" "$tmp/err" ||
		{ echo "FAIL: hull $cmd: rc=$rc: $(cat "$tmp/err")"; fail=1; }
done

# Someone else's SQLite database is never written to; an empty file is.
sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES(1);'
cp other.db before.db
"$HULL" db import --db other.db extra.json 2>"$tmp/err"
rc=$?
if [ "$rc" != 3 ] || ! cmp -s before.db other.db ||
	! grep -q "'other.db' is an SQLite database but not a hull vulnerability database" "$tmp/err"; then
	echo "FAIL: import into a foreign database: rc=$rc: $(cat "$tmp/err")"
	fail=1
fi
: >empty.db
"$HULL" db import -q --db empty.db extra.json ||
	{ echo "FAIL: import into an empty file"; fail=1; }
"$HULL" db info --db empty.db >/dev/null || { echo "FAIL: db info after import into an empty file"; fail=1; }

# Another schema version says which.
cp good.db v99.db
sqlite3 v99.db "UPDATE meta SET value = '99' WHERE key = 'schema'"
"$HULL" db info --db v99.db >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] && grep -q "schema version 99, this hull reads version 1" "$tmp/err" ||
	{ echo "FAIL: schema version 99: rc=$rc: $(cat "$tmp/err")"; fail=1; }
exit $fail
