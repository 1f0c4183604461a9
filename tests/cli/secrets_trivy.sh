#!/bin/bash
# Acceptance: trivy's TestSecretScanner cases (../shared/data/secrets) run
# through `hull secrets`.  Every expected finding of a built-in trivy rule
# must be found on an overlapping line by a hull rule that lists the trivy
# id as an alias; every case that expects nothing must give nothing.
# Findings of the cases' custom regex rules (trivy's `rules:` config) and
# exclude-block settings cannot be expressed in .hull.yaml: they are
# counted and listed, not checked.  Known differences are documented in
# docs/secrets.md and listed in DIFFERENCES below.
set -u
DATA=${HULL_DATA:-../shared/data}/secrets
if [ ! -f "$DATA/expected.json" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
# Debian's python3 (with python3-yaml from scripts/deps.sh), not the
# first python3 on PATH: in CI that may be a pyenv one without PyYAML,
# and the test would skip instead of running.
PYTHON=${HULL_PYTHON:-/usr/bin/python3}
if [ ! -x "$PYTHON" ]; then
	echo "skipped: $PYTHON is needed to read expected.json"
	exit 77
fi
if ! "$PYTHON" -c 'import yaml' 2>/dev/null; then
	# In CI (CI=true) the package is installed by scripts/deps.sh, so a
	# missing module is a broken setup, not a reason to skip.
	echo "skipped: $PYTHON has no yaml module (apt-get install python3-yaml)"
	[ "${CI:-}" = true ] && exit 1
	exit 77
fi
HULL=${HULL:?HULL must name the hull binary}
export HULL DATA
rc=0
for engine in default pcre2; do
echo "== keyword matcher: $engine"
if [ $engine = pcre2 ]; then export HULL_SECRET_ENGINE=pcre2; fi
"$PYTHON" - <<'PY' || rc=1
import json, os, re, subprocess, sys, tempfile

hull = os.environ["HULL"]
data = os.environ["DATA"]
cases = json.load(open(os.path.join(data, "expected.json")))["cases"]

# (test name, input): why hull differs.  See docs/secrets.md.
DIFFERENCES = {
    ("skip examples file", "example-secret.txt"):
        "trivy skips every path containing 'example'; hull scans them",
}
MAX_DIFFERENCES = 3

def yaml_config(path):
    """The few keys of trivy's secret config the cases use."""
    import yaml
    return yaml.safe_load(open(path)) or {}

def glob_of(regex):
    m = re.fullmatch(r"\.\*\\\.([A-Za-z0-9]+)", regex)
    return "*." + m.group(1) if m else None

def hull_config(cfg):
    """Translate; returns (yaml text, argv, custom rule ids, notes)."""
    custom = {r["id"] for r in cfg.get("rules") or []}
    notes, allow_paths, allow_patterns, offs, argv = [], [], [], [], []
    for r in cfg.get("disable-rules") or []:
        if r not in custom:
            offs.append(r)
    for r in cfg.get("enable-builtin-rules") or []:
        argv += ["--rule", r]
    for a in cfg.get("allow-rules") or []:
        if "path" in a:
            g = glob_of(a["path"])
            if g: allow_paths.append(g)
            else: notes.append("allow path regex %s" % a["path"])
        if "regex" in a:
            allow_patterns.append(a["regex"])
    if cfg.get("exclude-block"):
        notes.append("exclude-block")
    text = "secrets:\n  allow-paths: %s\n  allow-patterns: %s\n" % (
        json.dumps(allow_paths), json.dumps(allow_patterns))
    if offs:
        text += "rules:\n" + "".join("  %s: off\n" % o for o in offs)
    return text, argv, custom, notes

fails, diffs, inexpressible, checked, negatives = [], [], [], 0, 0
tmp = tempfile.mkdtemp()
for i, c in enumerate(cases):
    cfg = yaml_config(os.path.join(data, c["config"]))
    text, argv, custom, notes = hull_config(cfg)
    conf = os.path.join(tmp, "c%d.yaml" % i)
    open(conf, "w").write(text)
    cmd = [hull, "secrets", "--format", "json", "--fail-on", "never",
           "--config", conf] + argv + [os.path.join(data, c["input"])]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        fails.append("%s: hull exited %d: %s" % (c["test"], p.returncode,
                                                 p.stderr.strip()))
        continue
    got = [f for f in json.loads(p.stdout)["findings"]
           if not f.get("suppressed")]
    want = c["findings"]
    key = (c["test"], c["input"])
    status, why = "ok", []
    for w in want:
        if w["RuleID"] in custom:
            inexpressible.append("%s / %s line %d (custom rule %s)" % (
                c["test"], c["input"], w["StartLine"], w["RuleID"]))
            continue
        checked += 1
        hit = [f for f in got
               if w["RuleID"].lower() in [a.lower() for a in f["aliases"]]
               and f["location"]["line"] <= w["EndLine"]
               and f["location"].get("end_line", f["location"]["line"])
                   >= w["StartLine"]]
        if not hit:
            status = "MISS"
            why.append("%s lines %d-%d" % (w["RuleID"], w["StartLine"],
                                           w["EndLine"]))
    if not want:
        negatives += 1
        if got:
            status = "FALSE-POSITIVE"
            why += ["%s line %d" % (f["id"], f["location"]["line"])
                    for f in got]
    if notes and status == "ok" and not [w for w in want
                                         if w["RuleID"] not in custom]:
        status = "n/a"
    if status not in ("ok", "n/a") and key in DIFFERENCES:
        diffs.append("%s: %s" % (c["test"], DIFFERENCES[key]))
        status = "documented difference"
    elif status not in ("ok", "n/a"):
        fails.append("%s (%s): %s" % (c["test"], c["input"], "; ".join(why)))
    print("%-22s %s [%s, %s]%s" % (status, c["test"], c["config"],
                                   c["input"],
                                   " (" + ", ".join(notes) + ")" if notes else ""))

print()
print("expected findings checked: %d; negative cases: %d" % (checked,
                                                             negatives))
print("not expressible in hull's config: %d findings" % len(inexpressible))
for x in inexpressible:
    print("  " + x)
print("documented differences: %d" % len(diffs))
for d in diffs:
    print("  " + d)
if len(diffs) > MAX_DIFFERENCES:
    fails.append("more than %d documented differences" % MAX_DIFFERENCES)
if fails:
    print("FAILED:")
    for f in fails:
        print("  " + f)
    sys.exit(1)
print("all cases agree")
PY
done
exit $rc
