#!/bin/bash
# 'hull dockerfile' stays linear in the size of the Dockerfile, whatever
# its shape: 50,000 stages, stage chains, COPY --from, ARG/ENV, RUN
# chains, heredocs, pragmas.  Each generated file is about 100,000 lines
# (1.5 to 3 MB); a quadratic look-up makes any of them take minutes, a
# linear one well under a second.  The limit is generous because the
# test machine is shared; a sanitizer build gets three times as long.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3
LIMIT=5
if [ -n "${HULL_BUILD:-}" ] && grep -q '^HULL_SANITIZE:BOOL=ON' "$HULL_BUILD/CMakeCache.txt" 2>/dev/null; then
	LIMIT=15
fi

python3 - "$tmp" <<'PY'
import sys
d, N = sys.argv[1], 50000
shapes = {
    # N named stages, the adversarial case that was quadratic
    "stages": [f"FROM alpine:3 AS s{i}\nRUN true\n" for i in range(N)],
    # one name N times: a duplicate-name diag and DF013 per stage
    "samename": ["FROM alpine:3 AS a\nRUN true\n"] * N,
    # each stage FROM the one before, with a relative COPY (WORKDIR walk)
    "chain": ["FROM alpine:3 AS s0\n"] +
             [f"FROM s{i} AS s{i+1}\nCOPY a b\n" for i in range(N)],
    # each stage copies from the one before
    "copyfrom": [f"FROM alpine:3 AS s{i}\nCOPY --from=s{max(i - 1, 0)} /a /b\n"
                 for i in range(N)],
    # global ARGs redeclared and used in a stage
    "args": [f"ARG A{i}=v{i}\n" for i in range(N // 2)] + ["FROM alpine:3\n"] +
            [f"ARG A{i}\nARG B{i}=$A{i}\n" for i in range(N // 2)],
    # ENV look-ups per RUN through a stage chain (pip, npm rules)
    "env": ["FROM python:3 AS s0\n"] +
           [f"FROM s{i} AS s{i+1}\nENV X{i}=1\nRUN pip install x==1 && npm install\n"
            for i in range(N // 3)],
    # yum package versions through variables (ARG look-up per word)
    "vars": ["FROM fedora:40\n"] +
            [f"RUN yum install -y pkg-${{V{i}}} && yum clean all\n" for i in range(N)],
    # one RUN of N commands joined by continuations
    "runchain": ["FROM alpine:3\nRUN true"] +
                [f" && \\\n echo {i}" for i in range(2 * N)] + ["\n"],
    "heredocs": ["FROM alpine:3\n"] +
                [f"RUN <<EOF{i}\necho {i}\nEOF{i}\n" for i in range(N // 2)],
    # a pragma per instruction, and N global ones
    "pragmas": ["FROM alpine:3\n"] +
               [f"# hadolint ignore=DL3003\nRUN cd /x{i}\n" for i in range(N)],
    "globalpragmas": [f"# hull global ignore=DF0{i % 80:02d} some reason\n"
                      for i in range(N)] + ["FROM alpine\n"] + ["RUN cd /x\n"] * N,
    # unknown instructions: a diag each
    "unknown": ["FROM alpine:3\n"] + [f"FOO{i} bar\n" for i in range(2 * N)],
}
for name, parts in shapes.items():
    with open(f"{d}/{name}.Dockerfile", "w") as f:
        f.write("".join(parts))
PY

# CPU time (user + system) of the hull process is what is bounded: wall
# time on a loaded machine says more about the neighbours than about hull.
# A hang still ends at 120 s of wall time.
python3 - "$HULL" "$LIMIT" "$tmp"/*.Dockerfile >"$tmp/times" <<'PY'
import os, resource, subprocess, sys, time
hull, limit, files = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
for f in files:
    name = os.path.basename(f)[:-len(".Dockerfile")]
    lines = sum(1 for _ in open(f))
    r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.time()
    try:
        p = subprocess.run([hull, "dockerfile", "-q", "--fail-on", "never", f],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=120)
    except subprocess.TimeoutExpired:
        print(f"FAIL: {name}: {lines} lines: no answer in 120 s")
        continue
    r1, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.time() - t0
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        print(f"FAIL: {name}: exit {p.returncode}: {p.stderr[:300]!r}")
    elif cpu >= limit:
        print(f"FAIL: {name}: {lines} lines took {cpu:.2f} s of CPU, limit {limit} s")
    else:
        print(f"ok: {name}: {lines} lines in {cpu:.2f} s of CPU ({wall:.2f} s wall)")
PY
cat "$tmp/times"
pass=$((pass + $(grep -c '^ok:' "$tmp/times")))
fail=$((fail + $(grep -c '^FAIL:' "$tmp/times")))

# The findings are still right at this size: one DF013 per repeated name,
# one DF015-free run of COPY --from, one DF099 per unknown instruction.
py_count() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum(1 for f in d["findings"] if f["id"] == sys.argv[2]))' "$tmp/out" "$1"
}
check_count() {
	local file=$1 id=$2 want=$3 got
	timeout 120 "$HULL" dockerfile -q --format json --fail-on never "$tmp/$file.Dockerfile" >"$tmp/out" 2>/dev/null
	got=$(py_count "$id")
	if [ "$got" = "$want" ]; then
		ok
	else
		bad "$file: $got $id findings, want $want"
	fi
}
check_count samename DF013 49999
check_count copyfrom DF015 0
check_count unknown DF099 100000

finish
