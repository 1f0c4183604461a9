#!/bin/bash
# CVSS v4.0 scores of `hull db cvss` against an independent implementation
# of FIRST's specification, ae-cvss-calculator from the npm registry (a
# test-only oracle: hull never runs it).  Every vector must agree exactly,
# score and rating: random valid vectors with base metrics only, random
# vectors with threat, environmental and supplemental metrics, and fixed
# examples.  HULL_CVSS4_EXHAUSTIVE=1 adds all 104,976 base-only vectors
# (about a minute of oracle time); HULL_CVSS4_SEED and HULL_CVSS4_COUNT
# change the random draw.  Skipped (77) only when npm is missing or cannot
# reach the registry.
set -u
: "${HULL:?HULL is not set}"
oracle_pkg=ae-cvss-calculator@1.0.13
seed=${HULL_CVSS4_SEED:-20240601}
count=${HULL_CVSS4_COUNT:-3000}

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
	echo "skipped: npm and node are needed to install the CVSS 4.0 oracle"
	exit 77
fi
tmp=$(mktemp -d /tmp/hull-cvss4.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if ! timeout 60 npm ping >"$tmp/ping" 2>&1; then
	echo "skipped: npm cannot reach the registry to install $oracle_pkg"
	cat "$tmp/ping"
	exit 77
fi
if ! timeout 300 npm install --prefix "$tmp" --no-audit --no-fund \
	--no-save --loglevel=error "$oracle_pkg" >"$tmp/npm" 2>&1; then
	echo "FAIL: npm reached the registry but could not install $oracle_pkg"
	cat "$tmp/npm"
	exit 1
fi

# Vector generator: a seeded PRNG (mulberry32) so that a failure can be
# replayed with the same HULL_CVSS4_SEED.
cat >"$tmp/gen.js" <<'EOF'
const [mode, seedArg, countArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0;
function rnd() {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const base = [
	['AV', 'NALP'], ['AC', 'LH'], ['AT', 'NP'], ['PR', 'NLH'],
	['UI', 'NPA'], ['VC', 'HLN'], ['VI', 'HLN'], ['VA', 'HLN'],
	['SC', 'HLN'], ['SI', 'HLN'], ['SA', 'HLN'],
].map(([k, v]) => [k, [...v]]);
const optional = [
	['E', 'XAPU'], ['CR', 'XHML'], ['IR', 'XHML'], ['AR', 'XHML'],
	['MAV', 'XNALP'], ['MAC', 'XLH'], ['MAT', 'XNP'], ['MPR', 'XNLH'],
	['MUI', 'XNPA'], ['MVC', 'XHLN'], ['MVI', 'XHLN'], ['MVA', 'XHLN'],
	['MSC', 'XHLN'], ['MSI', 'XSHLN'], ['MSA', 'XSHLN'], ['S', 'XNP'],
	['AU', 'XNY'], ['R', 'XAUI'], ['V', 'XDC'], ['RE', 'XLMH'],
].map(([k, v]) => [k, [...v]]).concat(
	[['U', ['X', 'Clear', 'Green', 'Amber', 'Red']]]);
const out = [];
if (mode === 'all') {
	const rec = (i, acc) => {
		if (i === base.length)
			return void out.push('CVSS:4.0/' + acc.join('/'));
		for (const v of base[i][1])
			rec(i + 1, acc.concat(base[i][0] + ':' + v));
	};
	rec(0, []);
} else {
	for (let i = 0; i < Number(countArg); i++) {
		const p = base.map(([k, v]) => k + ':' + pick(v));
		// Each vector draws its own density, from none to all.
		const density = mode === 'opt' ? rnd() : 0;
		for (const [k, v] of optional)
			if (rnd() < density)
				p.push(k + ':' + pick(v));
		out.push('CVSS:4.0/' + p.join('/'));
	}
}
console.log(out.join('\n'));
EOF

# The oracle: score and rating of each vector, as the JSON schema gives.
cat >"$tmp/oracle.js" <<'EOF'
const { Cvss4P0 } = require('ae-cvss-calculator');
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const out = [];
for (const v of lines.filter(Boolean)) {
	const j = new Cvss4P0(v).createJsonSchema();
	out.push(j.baseScore.toFixed(1) + '\t' + j.baseSeverity + '\t' + v);
}
console.log(out.join('\n'));
EOF

# Fixed examples: FIRST's headline vectors, the least and most severe
# corners, Safety, requirements, exploit maturity, supplemental metrics.
cat >"$tmp/fixed" <<'EOF'
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H
CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N
CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:U
CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:L
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:P/MPR:H
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/MSI:S
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSA:S
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MVC:N/MVI:N/MVA:N
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red
CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:L/VA:H/SC:L/SI:H/SA:N/E:P/CR:M/IR:H/AR:L/MAC:L/MUI:N/MSC:H/MSA:S
EOF

{
	cat "$tmp/fixed"
	node "$tmp/gen.js" base "$seed" "$count"
	node "$tmp/gen.js" opt "$((seed + 1))" "$count"
	if [ "${HULL_CVSS4_EXHAUSTIVE:-0}" = 1 ]; then
		node "$tmp/gen.js" all 0 0
	fi
} >"$tmp/vectors" || { echo "FAIL: vector generation"; exit 1; }
total=$(wc -l <"$tmp/vectors")

(cd "$tmp" && node oracle.js) <"$tmp/vectors" >"$tmp/want" 2>"$tmp/oracle.err" ||
	{ echo "FAIL: the oracle failed"; cat "$tmp/oracle.err"; exit 1; }
"$HULL" db cvss - <"$tmp/vectors" 2>"$tmp/hull.err" | cut -f1,2,4 >"$tmp/got"
rc=${PIPESTATUS[0]}
if [ "$rc" != 0 ]; then
	echo "FAIL: hull db cvss exited $rc"
	head -5 "$tmp/hull.err"
	exit 1
fi

# Compare line by line: same vector, score and rating.
differ=$(paste "$tmp/want" "$tmp/got" |
	awk -F'\t' '$1 != $4 || $2 != $5 || $3 != $6' | tee "$tmp/diff" | wc -l)
got_n=$(wc -l <"$tmp/got")
echo "cvss 4.0: $total vectors (seed $seed), hull printed $got_n," \
	"$((total - differ)) agree with $oracle_pkg, $differ differ"
if [ "$differ" != 0 ] || [ "$got_n" != "$total" ]; then
	echo "FAIL: first disagreements (oracle score, rating, vector; hull):"
	head -10 "$tmp/diff"
	exit 1
fi
exit 0
