#!/bin/bash
# Scaling of 'hull dockerfile' with the number of stages: N named stages
# 'FROM alpine:3 AS sN / RUN true' for N = 10,000, 20,000 and 50,000
# (the adversarial case of a multi-stage build), and a chain of stages
# each FROM the one before.  Prints the CPU time of each run and the
# ratio of time to size between the largest and the smallest: about 1
# when hull is linear, about 5 when it is quadratic.  Run by hand:
#
#	bench/dockerfile-scale.sh [path/to/hull]
set -eu
HULL=${1:-${HULL:-build/hull}}
[ -x "$HULL" ] || { echo "no hull binary at '$HULL'" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

python3 - "$HULL" "$T" <<'PY'
import os, resource, subprocess, sys
hull, d = sys.argv[1], sys.argv[2]
shapes = {
    "named stages": lambda n: "".join(f"FROM alpine:3 AS s{i}\nRUN true\n"
                                      for i in range(n)),
    "stage chain": lambda n: "FROM alpine:3 AS s0\n" + "".join(
        f"FROM s{i} AS s{i + 1}\nCOPY --from=s{i // 2} a b\n" for i in range(n - 1)),
}
def cpu(path):
    best = None
    for _ in range(3):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([hull, "dockerfile", "-q", "--fail-on", "never", path],
                       stdout=subprocess.DEVNULL, check=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
        best = t if best is None else min(best, t)
    return best
for name, make in shapes.items():
    times = {}
    for n in (10000, 20000, 50000):
        path = os.path.join(d, "Dockerfile")
        with open(path, "w") as f:
            f.write(make(n))
        times[n] = cpu(path)
        print(f"{name:13s} {n:6d} stages ({os.path.getsize(path) / 1e6:4.1f} MB): "
              f"{times[n]:.3f} s CPU")
    ratio = (times[50000] / 50000) / (times[10000] / 10000)
    print(f"{name:13s} time per stage at 50k / at 10k: {ratio:.2f}")
PY
