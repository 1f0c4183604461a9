#!/bin/bash
# Which docker run lines `hull run --in FILE` and `hull scan DIR` find:
# the shell decides, not a literal "docker run" string.
#  - blanks of any length between docker, container and run count;
#  - only a command in command position counts: a docker run quoted as
#    an argument to echo or printf is text, one after sudo, exec, env,
#    an assignment, then/do, && or inside sh -c '...' is a command;
#  - in CI YAML, run:/script: scalars are read after YAML folding, so a
#    folded `run: >` command split over lines is found, on its line.
set -u
: "${HULL:?}"
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

mkdir -p proj/.github/workflows
# Each command's line number is its image's tag (a:N), so the checks
# below can say which line a finding belongs to.
cat >proj/deploy.sh <<'EOF'
#!/bin/sh
docker  run --net=host a:2
docker   container   run --net=host a:3
docker	run	--net=host a:4
echo "docker run --privileged a:5"
printf '%s\n' "docker run --privileged a:6" 'docker  run --privileged a:6'
echo docker run --privileged a:7
# docker run --privileged a:8
if true; then sudo -u root docker run --pid=host a:9; fi
FOO=1 exec docker run --ipc=host a:10
for i in 1; do env A=1 docker container run --uts=host a:11; done
sh -ec 'docker run --privileged a:12'
cat README && docker run --net=host a:13 || true
x=$(docker run --net=host a:14)
EOF
cat >proj/.github/workflows/ci.yml <<'EOF'
jobs:
  t:
    steps:
      - name: echo only
        run: echo "docker run --privileged b:5"
      - run: >
          docker run
          --net=host b:7
      - run: |
          set -e
          docker  run --pid=host b:11
      - run: "docker run --ipc=host b:12"
EOF
cat >proj/.gitlab-ci.yml <<'EOF'
test:
  script:
    - docker   run --privileged c:3
    - echo "docker run --privileged c:4"
EOF

# image -> set of rule ids, and image -> lines, from one JSON report.
summary() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
out = {}
for f in d["findings"]:
    m = f["message"]
    img = m.split("'"'"'")[1] if "'"'"'" in m else "?"
    out.setdefault(img, set()).add("%s@%s" % (f["id"], f["location"].get("line")))
for k in sorted(out):
    print(k, " ".join(sorted(out[k])))
' "$1"
}

check() { # label report.json
	local s
	s=$(summary "$2")
	echo "$s" >"$1.summary"
	want() { grep -q "^$1 .*$2" <<<"$s" || bad "$label: want $2 for $1; got: $(grep "^$1 " <<<"$s")"; }
	wantnot() { ! grep -q "^$1 " <<<"$s" || bad "$label: $1 must not be a run line: $(grep "^$1 " <<<"$s")"; }
	label=$1
	want a:2 RT015@2
	want a:3 RT015@3
	want a:4 RT015@4
	wantnot a:5
	wantnot a:6
	wantnot a:7
	wantnot a:8
	want a:9 RT016@9
	want a:10 RT017@10
	want a:11 RT018@11
	want a:12 RT002@12
	want a:13 RT015@13
	want a:14 RT015@14
	[ "$label" = scan ] || return 0
	wantnot b:5
	want b:7 RT015@7
	want b:11 RT016@11
	want b:12 RT017@12
	want c:3 RT002@3
	wantnot c:4
}

"$HULL" run --in proj/deploy.sh -f json >run.json 2>run.err
[ $? -le 1 ] || bad "hull run --in exited badly: $(cat run.err)"
check run run.json
"$HULL" run --in proj/.github/workflows/ci.yml -f json >ci.json 2>>run.err
s=$(summary ci.json)
grep -q '^b:7 .*RT015@7' <<<"$s" || bad "run --in ci.yml: the folded run is not found on line 7: $s"
grep -q '^b:5 ' <<<"$s" && bad "run --in ci.yml: echo'd docker run counted: $s"
"$HULL" scan proj -f json >scan.json 2>scan.err
[ $? -le 1 ] || bad "hull scan exited badly: $(cat scan.err)"
check scan scan.json

[ $fail = 0 ] && echo "run line detection: ok"
exit $fail
