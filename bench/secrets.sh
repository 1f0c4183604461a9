#!/bin/bash
# Secret-scanning throughput of `hull secrets`, on one core, against the
# floor (cat > /dev/null of the same bytes) and secretlint on a subset;
# and how many of its findings are the planted secrets.
#
#   bench/secrets.sh [HULL] [MB]      default build/hull, 200 MB
#
# The tree is generated: by default the C headers and Python sources of
# this machine, repeated to the size asked, with 20 planted secrets
# (their file and line go to planted.tsv beside the tree, so every other
# finding is a false positive); CORPUS=dense uses synthetic lines where
# every other line holds a keyword (token, password, secret, https), the
# worst case for a keyword prefilter.  TREE=DIR keeps the tree there and
# reuses it on the next run (same MB and CORPUS).  Each time is the best
# of REPS runs (default 3): the machine is shared.  Runs by hand, not by
# ctest; needs npm for secretlint (installed into a temp dir; skipped when
# npm or the registry is unavailable, or with SECRETLINT=0).  PCRE2=0
# skips the (slow) run of the PCRE2 fallback.
set -eu
HULL=${1:-build/hull}
MB=${2:-200}
SUBSET_MB=${SUBSET_MB:-10}
REPS=${REPS:-3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
TREE=${TREE:-$T/tree}

if [ ! -f "$TREE/.planted.tsv" ]; then
python3 - "$TREE" "$MB" "${CORPUS:-real}" <<'PY'
import os, random, sys
root, mb, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(42)
# "real": text of the C headers and Python sources installed on this
# machine, which is what a source tree looks like to a scanner.
# "dense": synthetic lines where every other one holds a keyword
# (token, password, secret, https): a worst case for the prefilter.
src = []
if corpus == "real":
    for top in ("/usr/include", "/usr/lib/python3"):
        for d, _, fs in sorted(os.walk(top)):
            for f in sorted(fs):
                if f.endswith((".h", ".py")):
                    try: src.append(open(os.path.join(d, f), errors="replace").read())
                    except OSError: pass
    src = [x for x in src if x]
words = ("int return static const char buffer length value config item "
         "request response handler server client error result index count "
         "name path file data list map user session cache key token "
         "password secret auth url http https json parse write read").split()
def dense_chunk():
    out = []
    for _ in range(2000):
        w = " ".join(rnd.choice(words) for _ in range(rnd.randint(3, 9)))
        out.append(rnd.choice(["    %s = f(x);\n", "# %s\n", "x: %s\n",
                               "see https://docs.example.org/%s\n"]) % w)
    return "".join(out)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
def tok(n): return "".join(rnd.choice(alnum) for _ in range(n))
def secret():
    return rnd.choice(["GITHUB_TOKEN=ghp_" + tok(36),
        "AWS_ACCESS_KEY_ID=AKIA" + tok(16).upper(),
        "DATABASE_URL=postgres://app:" + tok(14) + "@db/app",
        "SLACK=xoxb-1234567890-1234567890123-" + tok(24)])
total, n, planted, i = mb << 20, 0, [], 0
while n < total:
    rel = os.path.join("d%03d" % (i // 50), "f%05d.txt" % i)
    os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
    parts, size = [], 0
    while size < (1 << 20):
        x = rnd.choice(src) if src else dense_chunk()
        parts.append(x); size += len(x)
    if len(planted) < 20 and i % max(1, mb // 20) == 0:
        at = len(parts) // 2
        line = "".join(parts[:at]).count("\n") + 2
        parts.insert(at, "\n" + secret() + "\n")
        planted.append("%s\t%d\n" % (rel, line))
    data = "".join(parts)
    open(os.path.join(root, rel), "w").write(data)
    n += len(data); i += 1
open(os.path.join(root, ".planted.tsv"), "w").write("".join(planted))
print("generated %d MB (%s) in %d files, %d planted secrets"
      % (n >> 20, corpus, i, len(planted)), file=sys.stderr)
PY
fi

bytes=$(find "$TREE" -type f -name 'f*.txt' -printf '%s\n' |
	awk '{ s += $1 } END { print s }')
# best of REPS runs of a command, output discarded: "WALL CPU" seconds,
# each the minimum over the runs (CPU = user + system time).  On a shared
# machine the wall time waits for other processes; the CPU time does not.
best() {
	local bw="" bc="" w c
	for _ in $(seq "$REPS"); do
		/usr/bin/time -f '%e %U %S' -o "$T/time" "$@" >/dev/null 2>&1 || true
		read -r w u s < <(tail -n 1 "$T/time")
		c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
		bw=$(awk -v b="$bw" -v t="$w" 'BEGIN { print (b == "" || t < b) ? t : b }')
		bc=$(awk -v b="$bc" -v t="$c" 'BEGIN { print (b == "" || t < b) ? t : b }')
	done
	echo "$bw $bc"
}
mbps() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Warm the page cache, then measure.
find "$TREE" -type f -exec cat {} + >/dev/null
read -r floor floor_cpu < <(best taskset -c 0 bash -c "find '$TREE' -type f -name 'f*.txt' -exec cat {} + > /dev/null")
read -r hs hs_cpu < <(best taskset -c 0 "$HULL" secrets --format json "$TREE")
pc=0
[ "${PCRE2:-1}" = 0 ] ||
	read -r pc pc_cpu < <(REPS=1 best taskset -c 0 env HULL_SECRET_ENGINE=pcre2 "$HULL" secrets --format json "$TREE")

echo "bytes:                 $bytes"
echo "                       wall                    cpu (user+sys)"
row() { printf '%-22s %6.2fs %6s MB/s   %6.2fs %6s MB/s\n' "$1" "$2" "$(mbps "$bytes" "$2")" "$3" "$(mbps "$bytes" "$3")"; }
row "floor (cat):" "$floor" "$floor_cpu"
row "hull (hyperscan):" "$hs" "$hs_cpu"
[ "$pc" = 0 ] || row "hull (pcre2 fallback):" "$pc" "$pc_cpu"
echo "hull / floor time:     $(ratio "$hs" "$floor")x wall, $(ratio "$hs_cpu" "$floor_cpu")x cpu"

# Findings against the planted secrets: (file, line) pairs.
"$HULL" secrets --format json --fail-on never "$TREE" >"$T/found.json" || true
python3 - "$TREE" "$T/found.json" <<'PY'
import collections, json, os, sys
root, found = sys.argv[1], json.load(open(sys.argv[2]))["findings"]
planted = {tuple(l.split("\t")) for l in
           open(os.path.join(root, ".planted.tsv")).read().split("\n") if l}
planted = {(f, int(n)) for f, n in planted}
hit, false = set(), collections.Counter()
for f in found:
    rel = os.path.relpath(f["location"]["file"], root)
    key = (rel, f["location"]["line"])
    if key in planted: hit.add(key)
    else: false[f["id"]] += 1
print("findings:              %d (planted %d, found %d, false positives %d: %s)"
      % (len(found), len(planted), len(hit), sum(false.values()),
         ", ".join("%s %d" % kv for kv in false.most_common()) or "none"))
PY

# secretlint on a subset (it is much slower), same subset for hull.
[ "${SECRETLINT:-1}" = 0 ] && exit 0
mkdir -p "$T/subset"
sub=0
for f in $(find "$TREE" -type f -name 'f*.txt' | sort); do
	cp "$f" "$T/subset/"
	sub=$((sub + $(stat -c %s "$f")))
	[ $sub -ge $((SUBSET_MB * 1024 * 1024)) ] && break
done
if command -v npm >/dev/null && (cd "$T" && npm init -y >/dev/null 2>&1 &&
	npm install --silent --no-audit --no-fund secretlint \
		@secretlint/secretlint-rule-preset-recommend >/dev/null 2>&1); then
	echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$T/.secretlintrc.json"
	read -r sl sl_cpu < <(cd "$T" && REPS=1 best taskset -c 0 npx secretlint --secretlintrc .secretlintrc.json "subset/**/*")
	read -r hsub hsub_cpu < <(best taskset -c 0 "$HULL" secrets --format json "$T/subset")
	echo "subset:                $sub bytes"
	echo "secretlint:            ${sl}s  $(mbps "$sub" "$sl") MB/s (cpu ${sl_cpu}s)"
	echo "hull on subset:        ${hsub}s  $(mbps "$sub" "$hsub") MB/s (cpu ${hsub_cpu}s)"
	echo "hull speed-up:         $(ratio "$sl" "$hsub")x"
else
	echo "secretlint: skipped (npm or the registry unavailable)"
fi
