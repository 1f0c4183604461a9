#!/bin/bash
# hull db update against an HTTP server on loopback that this test starts
# (and stops by PID): a good update, a 304 Not Modified (conditional
# request), a truncated download, a corrupt zip, a 500 error and a wrong
# sha256.  After each failure the old database must still answer.
set -u
: "${HULL:?HULL is not set}"
adv=${HULL_DATA:-}/advisories
if [ ! -d "$adv" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
command -v python3 >/dev/null || { echo "skipped: python3 is missing"; exit 77; }
tmp=$(mktemp -d /tmp/hull-db-update.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
db=$tmp/cache/vuln.db
mkdir -p "$tmp/root"

# The served files: a zip export of 200 Go entries, the Alpine vuln-list
# files as a second source, and a corrupt zip.
(cd "$adv/go-vulndb" && ls | head -200 | python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n in sys.stdin.read().split():
        z.write(n)' "$tmp/root/go.zip")
cp "$adv/alpine-3.10-vulnlist/openssl.json" "$tmp/root/openssl.json"
{ head -c 4000 "$tmp/root/go.zip"; head -c 4000 /dev/urandom; } >"$tmp/root/corrupt.zip"

cat >"$tmp/server.py" <<'PY'
import hashlib, http.server, os, sys
root, portfile, log = sys.argv[1], sys.argv[2], sys.argv[3]
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def note(self, code):
        with open(log, "a") as f:
            f.write("%s %d %s\n" % (self.path, code,
                    self.headers.get("If-None-Match", "-")))
    def do_GET(self):
        if self.path == "/error":
            self.note(500)
            self.send_response(500); self.send_header("Content-Length", "0")
            self.end_headers(); return
        path = os.path.join(root, self.path.lstrip("/").split("?")[0])
        if self.path.startswith("/trunc/"):
            path = os.path.join(root, self.path[len("/trunc/"):])
        try:
            data = open(path, "rb").read()
        except OSError:
            self.note(404)
            self.send_response(404); self.send_header("Content-Length", "0")
            self.end_headers(); return
        etag = '"%s"' % hashlib.sha256(data).hexdigest()[:16]
        if self.headers.get("If-None-Match") == etag:
            self.note(304)
            self.send_response(304); self.send_header("ETag", etag)
            self.end_headers(); return
        self.note(200)
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.path.startswith("/trunc/"):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        self.wfile.write(data)
srv = http.server.HTTPServer(("127.0.0.1", 0), H)
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + ".tmp", portfile)
srv.serve_forever()
PY
python3 "$tmp/server.py" "$tmp/root" "$tmp/port" "$tmp/log" &
pid=$!
for _ in $(seq 50); do [ -f "$tmp/port" ] && break; sleep 0.1; done
[ -f "$tmp/port" ] || { echo "FAIL: the test server did not start"; exit 1; }
url=http://127.0.0.1:$(cat "$tmp/port")

advisories() {
	"$HULL" db info --db "$db" --format json 2>/dev/null |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["advisories"])' 2>/dev/null
}

update() { # update WANT_RC SOURCE...
	local want=$1 rc
	shift
	"$HULL" db update --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL: db update $* exited $rc, want $want"
		cat "$tmp/err"
		fail=1
	fi
}

sum=$(sha256sum "$tmp/root/go.zip" | cut -d' ' -f1)

# 1. A good update builds the database.
update 0 "$url/go.zip#sha256=$sum" "$url/openssl.json"
good=$(advisories)
want=$((200 + $(grep -o 'CVE-[0-9-]*' "$tmp/root/openssl.json" | sort -u | wc -l)))
[ "$good" = "$want" ] || { echo "FAIL: $good advisories after update, want $want"; fail=1; }
[ -d "$db.sources" ] || { echo "FAIL: no source cache next to the database"; fail=1; }

# 2. Nothing changed: conditional requests, 304, database kept.
: >"$tmp/log"
update 0 "$url/go.zip#sha256=$sum" "$url/openssl.json"
[ "$(grep -c ' 304 "' "$tmp/log")" = 2 ] ||
	{ echo "FAIL: expected two 304 answers to If-None-Match"; cat "$tmp/log"; fail=1; }
grep -q "up to date" "$tmp/err" || { echo "FAIL: no 'up to date' message"; fail=1; }
[ "$(advisories)" = "$good" ] || { echo "FAIL: database changed on 304"; fail=1; }

# 3. One source changed, the other answers 304: rebuilt from the cache.
cp "$adv/alpine-3.10-vulnlist/musl.json" "$tmp/root/openssl.json"
update 0 "$url/go.zip#sha256=$sum" "$url/openssl.json"
want2=$((200 + $(grep -o 'CVE-[0-9-]*' "$tmp/root/openssl.json" | sort -u | wc -l)))
[ "$(advisories)" = "$want2" ] || { echo "FAIL: $(advisories) after partial update, want $want2"; fail=1; }
good=$want2

# 4. Failures: each leaves the old database working, exit 3.
for bad in "$url/trunc/go.zip" "$url/corrupt.zip" "$url/error" \
	"$url/missing.zip" "$url/go.zip#sha256=$(printf '0%.0s' $(seq 64))"; do
	update 3 "$url/openssl.json" "$bad"
	grep -q "left as it was" "$tmp/err" || { echo "FAIL: $bad: no message that the database was kept"; cat "$tmp/err"; fail=1; }
	[ "$(advisories)" = "$good" ] || { echo "FAIL: database broken after '$bad'"; fail=1; }
	[ ! -e "$db.new" ] || { echo "FAIL: '$db.new' left behind after '$bad'"; fail=1; }
done
grep -q "HTTP 500" < <("$HULL" db update --db "$db" "$url/error" 2>&1) ||
	{ echo "FAIL: the 500 is not named"; fail=1; }

# 5. file:// sources, and config-file sources.
update 0 "file://$tmp/root/go.zip"
[ "$(advisories)" = 200 ] || { echo "FAIL: file:// update gave $(advisories)"; fail=1; }
printf 'db:\n  path: %s\n  sources: ["%s/openssl.json"]\n' "$tmp/cfg.db" "$url" >"$tmp/cfg.yaml"
"$HULL" db update --config "$tmp/cfg.yaml" 2>/dev/null || { echo "FAIL: update from config sources"; fail=1; }
[ -f "$tmp/cfg.db" ] || { echo "FAIL: db.path from the config not used"; fail=1; }

# 6. A damaged database is rebuilt even when its sources are unchanged
# (its stored validators are not trusted); someone else's SQLite file at
# the path is never replaced.
update 0 "file://$tmp/root/go.zip"
python3 -c 'import sys
f = open(sys.argv[1], "r+b")
f.seek(0, 2)
n = f.tell() // 4096
f.seek((n // 2) * 4096 + 8)
f.write(b"\xff" * 64)' "$db"
"$HULL" db info --db "$db" >/dev/null 2>&1
[ $? = 3 ] || { echo "FAIL: damaged database not refused by db info"; fail=1; }
update 0 "file://$tmp/root/go.zip"
grep -q "updated" "$tmp/err" || { echo "FAIL: damaged database not rebuilt"; cat "$tmp/err"; fail=1; }
[ "$(advisories)" = 200 ] || { echo "FAIL: rebuilt database has $(advisories) advisories"; fail=1; }
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE t(x)"); c.commit()' "$tmp/other.db"
cp "$tmp/other.db" "$tmp/other.before"
"$HULL" db update --db "$tmp/other.db" "file://$tmp/root/go.zip" 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] && cmp -s "$tmp/other.db" "$tmp/other.before" &&
	grep -q "not a hull vulnerability database; refusing to replace it" "$tmp/err" ||
	{ echo "FAIL: update over a foreign database: rc=$rc: $(cat "$tmp/err")"; fail=1; }

# 7. Bad source entries are usage errors; no sources at all too.
update 2 "ftp://127.0.0.1/x.zip"
update 2 "$url/go.zip#md5=abc"
# (a .hull.yaml of our own, so that no config further up interferes)
printf 'db:\n  max-age-days: 7\n' >"$tmp/.hull.yaml"
(cd "$tmp" && "$HULL" db update --db "$db" 2>/dev/null)
[ $? = 2 ] || { echo "FAIL: no sources is not exit 2"; fail=1; }
"$HULL" db update --db "$db" --offline "$url/go.zip" 2>/dev/null
[ $? = 2 ] || { echo "FAIL: --offline update is not exit 2"; fail=1; }
exit $fail
