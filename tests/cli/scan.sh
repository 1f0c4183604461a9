#!/bin/bash
# hull scan over a realistic project built here: the exact set of
# (rule, file, line) findings across Dockerfiles, compose files with an
# override, build contexts, docker run lines in a script, a Makefile, a
# GitHub workflow and a shebang script, and the secret scan, with the
# duplicates between them dropped; exit codes; .hull.yaml and --skip-dir;
# hostile trees (dangling links, FIFOs, symlink loops, depth, 100k files).
set -u
: "${HULL:?}" "${HULL_SRC:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# findings as sorted "ID file:line" lines (file relative to the tree)
tuples() {
	python3 -c '
import json, sys
root = sys.argv[1].rstrip("/") + "/"
out = set()
for f in json.load(sys.stdin)["findings"]:
    loc = f["location"]
    path = loc.get("file") or ""
    if path.startswith(root):
        path = path[len(root):]
    out.add("%s %s:%d" % (f["id"], path, loc.get("line") or 0))
print("\n".join(sorted(out)))' "$1"
}
check() { # name want got
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1"
		diff <(echo "$2") <(echo "$3") | sed 's/^/  /'
		fail=1
	fi
}

p=$tmp/proj
H="--read-only --cap-drop ALL --security-opt no-new-privileges -m 256m --cpus 1 --pids-limit 100"
D=sha256:3f1b6e0c1a4f6b1e2d8c9a7b5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d
# credentials in known formats, made here so that no example value is used
gh=ghp_$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 36)
akia=AKIA$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Z2-7' | head -c 16)
key=$(head -c 900 /dev/urandom | base64 -w 64)

mkdir -p "$p"/{api,web,docker,certs,config,scripts,.git,.github/workflows,node_modules/x}
cp "$HULL_SRC/examples/dockerfiles/article-hardened/Dockerfile" "$p/api/Dockerfile"
cp "$HULL_SRC/examples/dockerfiles/article-hardened/Dockerfile" "$p/web/Dockerfile"
cp "$HULL_SRC/examples/dockerfiles/article-hardened/.dockerignore" "$p/api/.dockerignore"
echo 'LOG_LEVEL=debug' >"$p/api/.env"
echo 'LOG_LEVEL=debug' >"$p/web/.env"
printf -- '-----BEGIN RSA PRIVATE KEY-----\n%s\n-----END RSA PRIVATE KEY-----\n' "$key" >"$p/web/id_rsa"
printf -- '-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\n' "$key" >"$p/certs/server.key"
echo '[core]' >"$p/.git/config"
echo "token = $gh" >"$p/.git/secret-in-git-internals"
echo "docker run --privileged x:1 # $gh" >"$p/node_modules/x/run.sh"
printf '.git\n**/.env*\n**/id_*\n*.pem\nnode_modules\n' >"$p/.dockerignore"
echo 'APP_TAG=1.4.2' >"$p/.env"

cat >"$p/Dockerfile" <<EOF2
FROM python:3.12-slim
WORKDIR /app
COPY . .
ENV GITHUB_TOKEN=$gh
RUN pip install --no-cache-dir -r requirements.txt
USER 10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "main.py"]
EOF2
# found only because compose names it
cat >"$p/docker/Worker.build" <<EOF2
FROM python:3.12-slim@$D
USER 10001
HEALTHCHECK CMD ["true"]
CMD ["python", "worker.py"]
EOF2

cat >"$p/compose.yaml" <<EOF2
x-hardened: &hardened
  read_only: true
  cap_drop: [ALL]
  security_opt: ["no-new-privileges:true"]
  user: "10001:10001"
  restart: on-failure:5
  deploy:
    resources:
      limits: {memory: 256m, cpus: "1", pids: 100}
  healthcheck:
    test: ["CMD", "true"]
services:
  api:
    <<: *hardened
    build: ./api
    image: app-api:\${APP_TAG}@$D
  web:
    <<: *hardened
    build:
      context: web
    image: app-web:1.4.2@$D
  worker:
    <<: *hardened
    build:
      context: .
      dockerfile: docker/Worker.build
    image: app-worker:1.4.2@$D
  db:
    <<: *hardened
    image: postgres:16.4@$D
    environment:
      POSTGRES_PASSWORD: $gh
EOF2
printf 'services:\n  web:\n    privileged: true\n' >"$p/compose.override.yaml"

cat >"$p/deploy.sh" <<EOF2
#!/bin/sh
set -eu
docker build -t app .
docker run -d $H \\
  --privileged \\
  -v /var/run/docker.sock:/var/run/docker.sock \\
  app:1.4.2@$D
EOF2
printf 'IMAGE = app:1.4.2\n\nrun:\n\tdocker run --rm %s --network host app:1.4.2@%s\n' "$H" "$D" >"$p/Makefile"
cat >"$p/.github/workflows/ci.yml" <<EOF2
name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: smoke
        run: |
          docker run --rm $H \\
            -v /:/host alpine:3.20@$D ls /host
EOF2
printf '#!/usr/bin/env bash\nexec docker run --rm %s --pid=host app:1.4.2@%s\n' "$H" "$D" >"$p/scripts/run-local"
printf '# app\n\n```\ndocker run --privileged app\n```\n' >"$p/README.md"
printf 'region: eu-west-1\naws_access_key_id: %s\n' "$akia" >"$p/config/settings.yaml"

# What each part must find, from the files above:
#  Dockerfile: tag-only base (DF008 1), ENV GitHub token (DF032 4; the
#   secret scanner's SE finding on the same line is dropped);
#  api/ and web/: the article's hardened Dockerfile (DF008 2 and 9,
#   DF023 9, DF030 28); web/ has no .dockerignore, so COPY . . (DF035 6),
#   its .env and id_rsa are sent (DF084) and DF085 sits on its Dockerfile;
#  the root context (shared with the worker) sends certs/server.key;
#  compose: db's literal password (RT022 32, SE dropped), the override's
#   privileged (RT002);
#  run lines: deploy.sh --privileged and the socket, Makefile host
#   network, the workflow's / mount, the shebang script's host pid;
#  secrets: web/id_rsa and certs/server.key (private keys, located at
#   the key's body, line 2), the AWS key.
#  Not found: README code blocks, node_modules, .git internals.
want="DF008 Dockerfile:1
DF008 api/Dockerfile:2
DF008 api/Dockerfile:9
DF008 web/Dockerfile:2
DF008 web/Dockerfile:9
DF023 api/Dockerfile:9
DF023 web/Dockerfile:9
DF030 api/Dockerfile:28
DF030 web/Dockerfile:28
DF032 Dockerfile:4
DF035 web/Dockerfile:6
DF084 certs/server.key:0
DF084 web/.env:0
DF084 web/id_rsa:0
DF085 web/Dockerfile:0
RT002 compose.override.yaml:3
RT002 deploy.sh:5
RT013 deploy.sh:6
RT014 .github/workflows/ci.yml:11
RT015 Makefile:4
RT016 scripts/run-local:2
RT022 compose.yaml:32
SE001 config/settings.yaml:2
SEKEY certs/server.key:2
SEKEY web/id_rsa:2"
keyid=$("$HULL" secrets -f json "$p/web/id_rsa" | python3 -c 'import json,sys; print(json.load(sys.stdin)["findings"][0]["id"])')
want=${want//SEKEY/$keyid}

out=$("$HULL" scan -f json "$p" 2>"$tmp/err")
rc=$?
check "project findings" "$want" "$(echo "$out" | tuples "$p")"
[ $rc -eq 1 ] || { echo "FAIL: project exits $rc, want 1"; cat "$tmp/err"; fail=1; }
[ -s "$tmp/err" ] && { echo "FAIL: unexpected stderr:"; cat "$tmp/err"; fail=1; }

# the duplicates really were there before the merge
"$HULL" secrets -f json "$p/compose.yaml" "$p/Dockerfile" | tuples "$p" >"$tmp/t"
grep -q "compose.yaml:32" "$tmp/t" || { echo "FAIL: secret scanner misses compose.yaml:32"; fail=1; }

# DIR "." reports paths without a prefix
(cd "$p" && "$HULL" scan -f json . >"$tmp/dot.json" 2>/dev/null)
python3 -c 'import json,sys; fs=json.load(open(sys.argv[1]))["findings"]; sys.exit(0 if any(f["location"]["file"]=="deploy.sh" for f in fs) else 1)' "$tmp/dot.json" ||
	{ echo "FAIL: '.' paths are not bare"; fail=1; }

# exit codes: --fail-on, a clean project
"$HULL" scan -q --fail-on never "$p" >/dev/null 2>&1
rc=$?; [ $rc -eq 0 ] || { echo "FAIL: --fail-on never exits $rc"; fail=1; }
mkdir -p "$tmp/clean"
cp "$HULL_SRC/examples/run/good.sh" "$tmp/clean/run.sh"
"$HULL" scan -q "$tmp/clean" >/dev/null 2>&1
rc=$?; [ $rc -eq 0 ] || { echo "FAIL: clean project exits $rc"; fail=1; }
"$HULL" scan -q "$tmp/none" >/dev/null 2>&1
rc=$?; [ $rc -eq 3 ] || { echo "FAIL: missing DIR exits $rc, want 3"; fail=1; }
"$HULL" scan -q "$p" "$p" >/dev/null 2>&1
rc=$?; [ $rc -eq 2 ] || { echo "FAIL: two DIRs exit $rc, want 2"; fail=1; }

# .hull.yaml in DIR applies to every part; --skip-dir leaves a dir out
printf 'rules:\n  DF008: off\n  RT013: off\n  SE001: off\n' >"$p/.hull.yaml"
got=$("$HULL" scan -f json "$p" 2>/dev/null | tuples "$p")
check ".hull.yaml" "$(echo "$want" | grep -v -e '^DF008' -e '^RT013' -e '^SE001')" "$got"
rm "$p/.hull.yaml"
got=$("$HULL" scan -f json --skip-dir web --skip-dir '.github' "$p" 2>/dev/null | tuples "$p")
check "--skip-dir" "$(echo "$want" | grep -v -e ' web/' -e '\.github')" "$got"

# a .dockerignore in web/ that excludes its secrets: DF084/DF085 go away
cp "$p/api/.dockerignore" "$p/web/.dockerignore"
got=$("$HULL" scan -f json "$p" 2>/dev/null | tuples "$p")
check "web/.dockerignore" "$(echo "$want" | grep -v -e '^DF084 web/' -e '^DF085' -e '^DF035')" "$got"
rm "$p/web/.dockerignore"

# unreadable inputs: exit 3, the rest still reported
h=$tmp/hostile
cp -r "$p" "$h"
ln -s missing "$h/scripts/broken.sh"
mkfifo "$h/docker/compose.yaml"
ln -s /nonexistent/Dockerfile "$h/docker/Dockerfile"
ln -s .. "$h/scripts/loop"
ln -s loop2 "$h/scripts/loop1"; ln -s loop1 "$h/scripts/loop2"
mkfifo "$h/config/pipe"
out=$(timeout 60 "$HULL" scan -f json "$h" 2>"$tmp/err")
rc=$?
[ $rc -eq 3 ] || { echo "FAIL: hostile tree exits $rc, want 3"; fail=1; }
check "hostile tree still reports" "$want" "$(echo "$out" | tuples "$h")"
for w in "scripts/broken.sh" "docker/compose.yaml" "docker/Dockerfile"; do
	grep -q "$w" "$tmp/err" || { echo "FAIL: no error for $w"; fail=1; }
done
[ "$(grep -c '^hull: ' "$tmp/err")" -eq 3 ] || { echo "FAIL: want 3 errors:"; cat "$tmp/err"; fail=1; }

# very deep tree: bounded, warned, no crash
d=$tmp/deep
cur=$d
for i in $(seq 1 200); do cur=$cur/d; done
mkdir -p "$cur"
echo "docker run --privileged x:1" >"$cur/run.sh"
echo "docker run --privileged x:1" >"$d/d/d/run.sh"
out=$(timeout 60 "$HULL" scan -f json "$d" 2>"$tmp/err")
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: deep tree exits $rc"; fail=1; }
grep -q 'deeper than' "$tmp/err" || { echo "FAIL: deep tree not warned"; fail=1; }
tuples "$d" <<<"$out" >"$tmp/t"; grep -q '^RT002 d/d/run.sh:1$' "$tmp/t" || { echo "FAIL: deep tree top finding"; fail=1; }

# 100k files: bounded time
b=$tmp/big
mkdir -p "$b"
python3 - "$b" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(100):
    d = os.path.join(root, "pkg%03d" % i)
    os.mkdir(d)
    for j in range(1000):
        with open(os.path.join(d, "f%04d.txt" % j), "w") as f:
            f.write("value %d\n" % j)
with open(os.path.join(root, "pkg050", "deploy.sh"), "w") as f:
    f.write("docker run --privileged x:1\n")
PY
start=$(date +%s.%N)
out=$(timeout 300 "$HULL" scan -f json "$b" 2>"$tmp/err")
rc=$?
end=$(date +%s.%N)
printf 'scan of 100k files: %.2f s\n' "$(echo "$end - $start" | bc)"
[ $rc -eq 1 ] || { echo "FAIL: big tree exits $rc"; cat "$tmp/err"; fail=1; }
tuples "$b" <<<"$out" >"$tmp/t"; grep -q '^RT002 pkg050/deploy.sh:1$' "$tmp/t" || { echo "FAIL: big tree finding"; fail=1; }

# examples/project: the bundled demo project
if [ -d "$HULL_SRC/examples/project" ]; then
	"$HULL" scan -q -f json "$HULL_SRC/examples/project" >"$tmp/ex.json" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] || { echo "FAIL: examples/project exits $rc"; cat "$tmp/err"; fail=1; }
	want_ex=$(grep -v '^#' "$HULL_SRC/examples/project/EXPECTED" | sed '/^$/d')
	check "examples/project" "$want_ex" "$(tuples "$HULL_SRC/examples/project" <"$tmp/ex.json")"
fi

[ $fail -eq 0 ] && echo "scan: all checks passed"
exit $fail
