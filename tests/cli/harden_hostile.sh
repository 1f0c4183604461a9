#!/bin/bash
# hull harden with hostile values in an image's config or a compose file:
# the printed run line, pasted into a shell, runs no command and yields
# exactly the intended words; the compose snippet is valid YAML with the
# intended values; no control character reaches stdout.  A value that
# cannot be represented is left out, said on stderr, and the exit code
# is 3.  A missing FILE.yml is an unreadable input, not an image name.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: python3 is absent"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "skipped: python3 yaml is absent"; exit 77; }
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
marker="$tmp/pwned"

# A docker-archive: manifest.json, the config, one empty layer.
mkimage() { # out user ports-json volumes-json workdir tag
	python3 - "$@" <<'PY'
import hashlib, io, json, sys, tarfile
out, user, ports, vols, wd, tag = sys.argv[1:7]
lb = io.BytesIO()
tarfile.open(fileobj=lb, mode="w").close()
layer = lb.getvalue()
lh = hashlib.sha256(layer).hexdigest()
cfg = {"architecture": "amd64", "os": "linux",
       "config": {"User": user, "WorkingDir": wd,
                  "ExposedPorts": {p: {} for p in json.loads(ports)},
                  "Volumes": {v: {} for v in json.loads(vols)}},
       "rootfs": {"type": "layers", "diff_ids": ["sha256:" + lh]}}
cb = json.dumps(cfg).encode()
ch = hashlib.sha256(cb).hexdigest()
man = [{"Config": ch + ".json", "RepoTags": [tag] if tag else [],
        "Layers": [lh + "/layer.tar"]}]
with tarfile.open(out, "w") as t:
    for name, data in ((ch + ".json", cb), (lh + "/layer.tar", layer),
                       ("manifest.json", json.dumps(man).encode())):
        ti = tarfile.TarInfo(name)
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
PY
}

# No C0 control but \n, no DEL, no UTF-8 C1 control on stdout.
no_controls() {
	python3 - "$1" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
bad = re.search(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", d)
sys.exit(1 if bad else 0)
PY
}

# The run line, evaluated with docker as a function printing its words.
run_words() {
	sed -n '/^docker run/,/^$/p' "$1" >"$tmp/line.sh"
	bash -n "$tmp/line.sh" || return 1
	(docker() { printf '%s\n' "$@"; }; cd "$tmp" && eval "$(cat "$tmp/line.sh")")
}

yaml_get() { # file python-expression-on-service
	sed -n '/^services:/,$p' "$1" | python3 -c '
import sys, yaml
d = yaml.safe_load(sys.stdin)
svc = next(iter(d["services"].values()))
print(eval(sys.argv[1]))' "$2"
}

check() { # name image-args... ; expects rc 3 and hostile values left out
	local name=$1 want_user=$2
	shift 2
	"$HULL" harden "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	[ $rc -eq 3 ] || { echo "FAIL: $name: exit $rc, want 3"; fail=1; }
	no_controls "$tmp/$name.out" ||
		{ echo "FAIL: $name: a control character on stdout"; fail=1; }
	run_words "$tmp/$name.out" >"$tmp/$name.words" ||
		{ echo "FAIL: $name: the run line is not valid shell"; fail=1; }
	[ -e "$marker" ] && { echo "FAIL: $name: the run line ran a command"; fail=1; rm -f "$marker"; }
	got=$(grep -A1 -x -- --user "$tmp/$name.words" | tail -n1)
	[ "$got" = "$want_user" ] || { echo "FAIL: $name: --user '$got', want '$want_user'"; fail=1; }
	grep -q -x -- --privileged "$tmp/$name.words" &&
		{ echo "FAIL: $name: an injected option became a word"; fail=1; }
	got=$(yaml_get "$tmp/$name.out" 'svc["user"]') ||
		{ echo "FAIL: $name: the compose snippet is not valid YAML"; fail=1; }
	[ "$got" = "$want_user" ] || { echo "FAIL: $name: compose user '$got', want '$want_user'"; fail=1; }
	grep -q "left out" "$tmp/$name.err" ||
		{ echo "FAIL: $name: nothing said on stderr"; fail=1; }
	grep -q "^# left out: " "$tmp/$name.out" ||
		{ echo "FAIL: $name: no comment line for what was left out"; fail=1; }
}

mkimage "$tmp/inj.tar" "app\$(touch $marker)" '["80/tcp"]' '[]' / t/app:1
check inj 10001:10001 "docker-archive:$tmp/inj.tar"
mkimage "$tmp/nl.tar" $'app\n--privileged' '[]' '[]' / t/app:1
check nl 10001:10001 "docker-archive:$tmp/nl.tar"
mkimage "$tmp/quote.tar" "app' \"x" '[]' '[]' / t/app:1
check quote 10001:10001 "docker-archive:$tmp/quote.tar"
mkimage "$tmp/ctrl.tar" $'0\e]0;PWN\a' '["22\u001b[31m/tcp", "8080/tcp"]' \
	'["/data\u001b[2J", "/ok", "/c1\u009b"]' $'/w\e]0;x\a' $'t/app:1\e[31m'
check ctrl 10001:10001 "docker-archive:$tmp/ctrl.tar"
grep -q -x -- 127.0.0.1:8080:8080 "$tmp/ctrl.words" ||
	{ echo "FAIL: ctrl: the valid port was dropped"; fail=1; }
grep -q -x -- app-data-1:/ok "$tmp/ctrl.words" ||
	{ echo "FAIL: ctrl: the valid volume was dropped"; fail=1; }
[ "$(tail -n1 "$tmp/ctrl.words")" = IMAGE ] ||
	{ echo "FAIL: ctrl: a hostile tag is not replaced by IMAGE"; fail=1; }

# A valid value that needs quoting: a volume path with a space, $ and '.
mkimage "$tmp/sp.tar" "app:staff" '[]' "[\"/srv/my \$(touch $marker) it's\"]" /srv t/app:1
"$HULL" harden "docker-archive:$tmp/sp.tar" >"$tmp/sp.out" 2>"$tmp/sp.err"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: sp: exit $rc, want 0"; cat "$tmp/sp.err"; fail=1; }
run_words "$tmp/sp.out" >"$tmp/sp.words" || { echo "FAIL: sp: not valid shell"; fail=1; }
[ -e "$marker" ] && { echo "FAIL: sp: the run line ran a command"; fail=1; rm -f "$marker"; }
grep -q -x -F -- "app-data-1:/srv/my \$(touch $marker) it's" "$tmp/sp.words" ||
	{ echo "FAIL: sp: the volume is not one exact word"; fail=1; }
grep -q -x -- app:staff "$tmp/sp.words" || { echo "FAIL: sp: user app:staff lost"; fail=1; }
got=$(yaml_get "$tmp/sp.out" 'svc["volumes"][0]')
[ "$got" = "app-data-1:/srv/my \$(touch $marker) it's" ] ||
	{ echo "FAIL: sp: compose volume '$got'"; fail=1; }

# A compose file with controls in the service name, the image and the user.
printf 'services:\n  "w\\e[31m":\n    image: "ng\\e]0;x\\ainx"\n    user: "r\\u009boot"\n' >"$tmp/ctl.yaml"
check compose 10001:10001 "$tmp/ctl.yaml"
got=$(yaml_get "$tmp/compose.out" 'svc["image"]')
[ "$got" = IMAGE ] || { echo "FAIL: compose: image '$got', want IMAGE"; fail=1; }

# A quote in a compose image name cannot break the YAML.
printf 'services:\n  web:\n    image: "a\\"b"\n    user: "1000:1000"\n' >"$tmp/q.yaml"
"$HULL" harden --host "unix://$tmp/none.sock" "$tmp/q.yaml" >"$tmp/q.out" 2>"$tmp/q.err"
[ $? -eq 3 ] || { echo "FAIL: q: exit is not 3"; fail=1; }
got=$(yaml_get "$tmp/q.out" 'svc["image"] + " " + svc["user"]')
[ "$got" = "IMAGE 1000:1000" ] || { echo "FAIL: q: compose gives '$got'"; fail=1; }

# A missing compose file is unreadable: no Engine, no run line.
for arg in "$tmp/nginx.yaml" "$tmp/nginx.yml:web"; do
	"$HULL" harden --host "unix://$tmp/none.sock" "$arg" >"$tmp/m.out" 2>"$tmp/m.err"
	rc=$?
	[ $rc -eq 3 ] || { echo "FAIL: missing '$arg': exit $rc, want 3"; fail=1; }
	grep -q "No such file or directory" "$tmp/m.err" ||
		{ echo "FAIL: missing '$arg': no 'no such file' error"; fail=1; }
	grep -q -e "Engine" -e "cannot read the config" "$tmp/m.err" &&
		{ echo "FAIL: missing '$arg': the Engine was asked"; fail=1; }
	[ -s "$tmp/m.out" ] && { echo "FAIL: missing '$arg': a run line was printed"; fail=1; }
done
exit $fail
