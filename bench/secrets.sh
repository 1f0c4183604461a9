#!/bin/bash
# Secret-scanning throughput of `hull secrets`, on one core, against the
# floor (cat > /dev/null of the same bytes) and secretlint on a subset.
#
#   bench/secrets.sh [HULL] [MB]      default build/hull, 200 MB
#
# The tree is generated: by default the C headers and Python sources of
# this machine, repeated to the size asked, with 20 planted secrets;
# CORPUS=dense uses synthetic lines where every other line holds a
# keyword (token, password, secret, https), the prefilter's worst case.  Runs by
# hand, not by ctest; needs npm for secretlint (installed into a temp dir;
# skipped when npm or the registry is unavailable).
set -eu
HULL=${1:-build/hull}
MB=${2:-200}
SUBSET_MB=${SUBSET_MB:-10}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

python3 - "$T/tree" "$MB" "${CORPUS:-real}" <<'PY'
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
        for d, _, fs in os.walk(top):
            for f in fs:
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
        out.append(rnd.choice(["    %s = f(%s);\n", "# %s\n", "x: %s\n",
                               "see https://docs.example.org/%s\n"]) % w)
    return "".join(out)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
def tok(n): return "".join(rnd.choice(alnum) for _ in range(n))
def secret():
    return rnd.choice(["GITHUB_TOKEN=ghp_" + tok(36),
        "AWS_ACCESS_KEY_ID=AKIA" + tok(16).upper(),
        "DATABASE_URL=postgres://app:" + tok(14) + "@db/app",
        "SLACK=xoxb-1234567890-1234567890123-" + tok(24)])
total, n, planted, i = mb << 20, 0, 0, 0
while n < total:
    d = os.path.join(root, "d%03d" % (i // 50))
    os.makedirs(d, exist_ok=True)
    parts, size = [], 0
    while size < (1 << 20):
        x = rnd.choice(src) if src else dense_chunk()
        parts.append(x); size += len(x)
    if planted < 20 and i % max(1, mb // 20) == 0:
        parts.insert(len(parts) // 2, "\n" + secret() + "\n"); planted += 1
    data = "".join(parts)
    open(os.path.join(d, "f%05d.txt" % i), "w").write(data)
    n += len(data); i += 1
print("generated %d MB (%s) in %d files, %d planted secrets"
      % (n >> 20, corpus, i, planted), file=sys.stderr)
PY

bytes=$(du -sb "$T/tree" | cut -f1)
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
rate() { echo "scale=2; $bytes / $1 / 1000000" | bc; }

# Warm the page cache, then measure.
find "$T/tree" -type f -exec cat {} + >/dev/null
floor=$(secs taskset -c 0 bash -c "find '$T/tree' -type f -exec cat {} + > /dev/null")
hs=$(secs taskset -c 0 "$HULL" secrets --format json "$T/tree")
pc=$(HULL_SECRET_ENGINE=pcre2 secs taskset -c 0 env HULL_SECRET_ENGINE=pcre2 "$HULL" secrets --format json "$T/tree")
found=$("$HULL" secrets --format json "$T/tree" | grep -c '"id": "SE' || true)

echo "bytes:                 $bytes"
echo "floor (cat):           ${floor}s  $(rate "$floor") MB/s"
echo "hull (hyperscan):      ${hs}s  $(rate "$hs") MB/s   findings: $found"
echo "hull (pcre2 fallback): ${pc}s  $(rate "$pc") MB/s"
echo "hull / floor time:     $(echo "scale=2; $hs / $floor" | bc)x"

# secretlint on a subset (it is much slower), same subset for hull.
mkdir -p "$T/subset"
sub=0
for f in $(find "$T/tree" -type f | sort); do
	cp "$f" "$T/subset/"
	sub=$((sub + $(stat -c %s "$f")))
	[ $sub -ge $((SUBSET_MB * 1024 * 1024)) ] && break
done
if command -v npm >/dev/null && (cd "$T" && npm init -y >/dev/null 2>&1 &&
	npm install --silent --no-audit --no-fund secretlint \
		@secretlint/secretlint-rule-preset-recommend >/dev/null 2>&1); then
	echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$T/.secretlintrc.json"
	sl=$(cd "$T" && secs taskset -c 0 npx secretlint --secretlintrc .secretlintrc.json "subset/**/*")
	hsub=$(secs taskset -c 0 "$HULL" secrets --format json "$T/subset")
	echo "subset:                $sub bytes"
	echo "secretlint:            ${sl}s  $(echo "scale=2; $sub / $sl / 1000000" | bc) MB/s"
	echo "hull on subset:        ${hsub}s  $(echo "scale=2; $sub / $hsub / 1000000" | bc) MB/s"
	echo "hull speed-up:         $(echo "scale=1; $sl / $hsub" | bc)x"
else
	echo "secretlint: skipped (npm or the registry unavailable)"
fi
