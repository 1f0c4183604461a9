#!/bin/bash
# Agreement with the peer linters' own test cases.
#
# Runs `hull dockerfile --format json` over every hadolint case
# (peer-cases/hadolint/cases.tsv) and every Trivy Dockerfile check case
# (peer-cases/trivy/cases.tsv).  A case counts as a hit for peer rule X
# when hull reports findings whose aliases include X; the expectation is
# the peer's (>=1, an exact count, or 0).  For every peer rule that some
# hull rule lists as an alias, agreement must be at least 95%.  Peer rules
# hull does not alias are listed as not covered; cases whose peer config
# hull cannot express (hadolint label-schema) are out of scope and counted.
set -u
: "${HULL:?HULL must name the hull binary}"
DATA=${HULL_DATA:-$(dirname "$0")/../../../shared/data}
if [ ! -d "$DATA/peer-cases" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
if ! command -v python3 >/dev/null; then
	echo "skipped: python3 is not installed"
	exit 77
fi
exec python3 - "$HULL" "$DATA/peer-cases" "${PEER_VERBOSE:-0}" <<'PY'
import csv, json, os, subprocess, sys, tempfile

hull, root, verbose = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
THRESHOLD = 95.0

rules = json.loads(subprocess.run([hull, "rules", "--format", "json"],
                                  capture_output=True, check=True).stdout)
aliased = {}
for r in rules:
    for a in r["aliases"]:
        aliased.setdefault(a.upper(), []).append(r["id"])

tmp = tempfile.mkdtemp(prefix="hull-peer-")
def config_for(cfg):
    """A .hull.yaml for a hadolint config, or None when hull cannot
    express it."""
    path = os.path.join(tmp, "hull.yaml")
    lines = ["fail-on: never\n"]
    if cfg:
        c = json.loads(cfg)
        if set(c) - {"trustedRegistries"}:
            return None
        lines.append("trusted-registries: [%s]\n" %
                     ", ".join('"%s"' % r for r in c["trustedRegistries"]))
    with open(path, "w") as f:
        f.writelines(lines)
    return path

def count_hits(path, peer_id, config):
    p = subprocess.run([hull, "dockerfile", "--format", "json", "--config",
                        config, "-q", path], capture_output=True, timeout=30)
    if p.returncode not in (0, 1, 3):
        raise SystemExit("hull exited %d on %s: %s" %
                         (p.returncode, path, p.stderr.decode()))
    doc = json.loads(p.stdout)
    return sum(1 for f in doc["findings"]
               if peer_id.upper() in [a.upper() for a in f.get("aliases", [])])

def expect_ok(expect, count, n):
    if expect in ("miss", "pass"):
        return n == 0
    if count in ("", ">=1"):
        return n >= 1
    return n == int(count)

stats, uncovered, out_of_scope, failures = {}, {}, 0, []

def run_case(path, peer_id, expect, count, cfg, desc):
    global out_of_scope
    config = config_for(cfg)
    if config is None:
        out_of_scope += 1
        return
    if peer_id.upper() not in aliased:
        uncovered[peer_id] = uncovered.get(peer_id, 0) + 1
        return
    n = count_hits(path, peer_id, config)
    ok = expect_ok(expect, count, n)
    s = stats.setdefault(peer_id, [0, 0])
    s[0] += 1
    s[1] += ok
    if not ok:
        failures.append("%s %s expect=%s count=%s got=%d  %s" %
                        (peer_id, path, expect, count, n, desc))

had = os.path.join(root, "hadolint")
with open(os.path.join(had, "cases.tsv")) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        rid = row["rule"]
        if rid.startswith("SC") or rid == "rule":
            uncovered["shellcheck"] = uncovered.get("shellcheck", 0) + 1
            continue
        run_case(os.path.join(had, row["path"]), rid, row["expect"],
                 row["count"], row["config"], row["description"])
tri = os.path.join(root, "trivy")
with open(os.path.join(tri, "cases.tsv")) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        if not row["path"].endswith("Dockerfile"):
            continue
        run_case(os.path.join(tri, row["path"]), row["check"],
                 row["expect(pass|fail)"] if "expect(pass|fail)" in row
                 else row["expect"], ">=1", "", row["title"])

bad = []
print("%-8s %6s %6s %7s  %s" % ("PEER", "CASES", "AGREE", "PERCENT", "HULL RULES"))
for pid in sorted(stats):
    total, agree = stats[pid]
    pct = 100.0 * agree / total
    mark = "" if pct >= THRESHOLD else "   <-- below 95%"
    if pct < THRESHOLD:
        bad.append(pid)
    print("%-8s %6d %6d %6.1f%%  %s%s" % (pid, total, agree, pct,
          ",".join(aliased[pid.upper()]), mark))
cases = sum(s[0] for s in stats.values())
agree = sum(s[1] for s in stats.values())
print()
print("aliased peer rules: %d, cases: %d, agreeing: %d (%.1f%%)" %
      (len(stats), cases, agree, 100.0 * agree / max(cases, 1)))
print("out of scope (peer config hull cannot express): %d cases" % out_of_scope)
print("not covered by any hull alias: %s" %
      ", ".join("%s(%d)" % kv for kv in sorted(uncovered.items())))
if failures and (verbose or bad):
    print("\ndisagreements:")
    for line in failures:
        print("  " + line)
print("%d passed, %d failed" % (len(stats) - len(bad), len(bad)))
sys.exit(1 if bad else 0)
PY
