#!/bin/bash
# hull image --dockerfile, and the secret engine on image files, Env,
# labels and history, on images assembled here with python3's tarfile:
# the same Dockerfile built in BuildKit's style and in the classic
# builder's style of history, and images that do not match it.
#
# Expected values come from the Dockerfile written below: which line made
# which layer is known by construction.
set -u
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3

# Secrets assembled at run time so that this file holds none verbatim.
gh="ghp_$(printf 'A1b2C3d4E5%.0s' 1 2 3 4 | cut -c1-36)"
npm="npm_$(printf 'Zy9Xw8Vu7T%.0s' 1 2 3 4 | cut -c1-36)"
export GH_SECRET=$gh NPM_SECRET=$npm

cat >"$tmp/Dockerfile" <<'DF'
# syntax=docker/dockerfile:1
FROM base:1 AS app
ARG NPM_TOKEN
WORKDIR /app
COPY config.txt /app/config.txt
RUN rm /app/config.txt
RUN echo "token length ${#NPM_TOKEN}" > /build.log && \
    cp /bin/sh /bin/tool && chmod 4755 /bin/tool
ENV MODE=prod
COPY --chown=1000:1000 a.sh b.sh /app/bin/
USER 1000
DF
# The same with one RUN changed: the image was not built from it.
sed 's/token length/token size/' "$tmp/Dockerfile" >"$tmp/Dockerfile.changed"
# One RUN more than the image has layers for.
sed '/^USER/i RUN true' "$tmp/Dockerfile" >"$tmp/Dockerfile.extra"
# A two-stage build whose final stage is FROM the first.
cat >"$tmp/Dockerfile.stages" <<'DF'
FROM base:1 AS first
ARG NPM_TOKEN
WORKDIR /app
COPY config.txt /app/config.txt
RUN rm /app/config.txt
FROM first
RUN echo "token length ${#NPM_TOKEN}" > /build.log && \
    cp /bin/sh /bin/tool && chmod 4755 /bin/tool
ENV MODE=prod
COPY --chown=1000:1000 a.sh b.sh /app/bin/
USER 1000
DF

python3 - "$tmp" <<'PY' || { echo "FAIL: generator"; exit 1; }
import os, sys
import images as I

out = sys.argv[1]
gh, npm = os.environ["GH_SECRET"], os.environ["NPM_SECRET"]
tar_bytes, sha = I.layer, I.digest

base = tar_bytes([("bin", None, 0o755), ("bin/sh", b"\x7fELF", 0o755),
                  ("etc", None, 0o755),
                  ("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n", 0o644)])
workdir = tar_bytes([("app", None, 0o755)])
copy1 = tar_bytes([("app/config.txt",
                    ("github_token: %s\n" % gh).encode(), 0o644)])
rm = tar_bytes([("app/.wh.config.txt", b"", 0o644)])
run = tar_bytes([("build.log", b"token length 40\n", 0o644),
                 ("bin/tool", b"\x7fELF", 0o4755)])
copy2 = tar_bytes([("app/bin", None, 0o755), ("app/bin/a.sh", b"#!/bin/sh\n", 0o755),
                   ("app/bin/b.sh", b"#!/bin/sh\n", 0o755)])

RUN2 = ('echo "token length ${#NPM_TOKEN}" > /build.log &&     '
        'cp /bin/sh /bin/tool && chmod 4755 /bin/tool')
bk = [
    ("/bin/sh -c #(nop) ADD file:0a1b2c in / ", False),
    ('/bin/sh -c #(nop)  CMD ["sh"]', True),
    ("ARG NPM_TOKEN", True),
    ("WORKDIR /app", False),
    ("COPY config.txt /app/config.txt # buildkit", False),
    ("RUN /bin/sh -c rm /app/config.txt # buildkit", False),
    ("RUN |1 NPM_TOKEN=%s /bin/sh -c %s # buildkit" % (npm, RUN2), False),
    ("ENV MODE=prod", True),
    ("COPY a.sh b.sh /app/bin/ # buildkit", False),
    ("USER 1000", True),
]
classic = [
    ("/bin/sh -c #(nop) ADD file:0a1b2c in / ", False),
    ('/bin/sh -c #(nop)  CMD ["sh"]', True),
    ("/bin/sh -c #(nop)  ARG NPM_TOKEN", True),
    ("/bin/sh -c #(nop) WORKDIR /app", False),
    ("/bin/sh -c #(nop) COPY file:9f8e7d6c in /app/config.txt ", False),
    ("/bin/sh -c rm /app/config.txt", False),
    ("|1 NPM_TOKEN=%s /bin/sh -c %s" % (npm, RUN2), False),
    ("/bin/sh -c #(nop)  ENV MODE=prod", True),
    ("/bin/sh -c #(nop) COPY multi:5a6b7c8d in /app/bin/ ", False),
    ("/bin/sh -c #(nop)  USER 1000", True),
]
layers = [base, workdir, copy1, rm, run, copy2]

def image(path, hist, layers, env=None, labels=None):
    cfg = I.config({"Env": env or ["PATH=/usr/bin", "MODE=prod"],
                    "User": "1000", "Labels": labels or {}},
                   diff_ids=[sha(l) for l in layers],
                   history=I.history(hist), created="2026-01-01T00:00:00Z")
    I.docker_archive(path, layers, cfg)

image(out + "/buildkit.tar", bk, layers,
      env=["PATH=/usr/bin", "GITHUB_TOKEN=" + gh, "DB_PASSWORD=plainzebra"],
      labels={"deploy.token": "s3cr3tlabel", "db.password": "quietowl"})
image(out + "/classic.tar", classic, layers)
# BuildKit did not need to create /app: no WORKDIR layer.
image(out + "/noworkdir.tar",
      [h for h in bk if h[0] != "WORKDIR /app"],
      [l for l in layers if l is not workdir])
PY

# run NAME IMAGE DOCKERFILE [args]: JSON in NAME.json, stderr in NAME.err.
run() {
	local name=$1 img=$2 df=$3
	shift 3
	"$HULL" image --format json --fail-on never --dockerfile "$df" "$@" \
		"docker-archive:$tmp/$img.tar" >"$tmp/$name.json" \
		2>"$tmp/$name.err"
	local rc=$?
	if [ $rc != 0 ]; then
		bad "$name: exit $rc"; cat "$tmp/$name.err"
	fi
}

# has NAME EXPR: a python expression over the findings f.
has() {
	local name=$1 expr=$2
	python3 - "$tmp/$name.json" "$expr" <<'PY' || bad "$name: $2"
import json, sys
f = json.load(open(sys.argv[1]))["findings"]
ids = [x["id"] for x in f]
def by(i, path=None):
    return [x for x in f if x["id"] == i and
            (path is None or x["location"].get("path") == path)]
def loc(x): return x["location"]
def layer(x): return (loc(x).get("layer") or {}).get("index", -1)
def line(x): return loc(x).get("line", 0)
def instr(x): return loc(x).get("instruction") or ""
def mapped(): return [x for x in f if loc(x).get("file")]
ok = eval(sys.argv[2])
if not ok:
    for x in f:
        print("  ", x["id"], json.dumps(x["location"]), x["message"][:120])
sys.exit(0 if ok else 1)
PY
}

df=$tmp/Dockerfile
for style in buildkit classic; do
	run $style $style "$df"
	# The key copied by line 5 and removed by line 6 is reported in the
	# layer of line 5 (layer 2), with its instruction.
	has $style 'len(by("SE013", "app/config.txt")) == 1'
	has $style 'layer(by("SE013", "app/config.txt")[0]) == 2'
	has $style 'line(by("SE013", "app/config.txt")[0]) == 5'
	has $style 'instr(by("SE013", "app/config.txt")[0]) == "COPY config.txt /app/config.txt"'
	has $style '"can still be extracted from layer 2" in by("SE013", "app/config.txt")[0]["message"]'
	has $style '"line 1 of" in by("SE013", "app/config.txt")[0]["message"]'
	# The ARG used by the RUN of line 7 is in its history line (layer 4).
	has $style 'len(by("SE025")) == 1 and layer(by("SE025")[0]) == 4'
	has $style 'line(by("SE025")[0]) == 7 and instr(by("SE025")[0]).startswith("RUN echo")'
	has $style '"IM004" not in ids'
	# Findings of the rules on those layers get the Dockerfile too.
	has $style 'line(by("IM010", "bin/tool")[0]) == 7'
	has $style 'all(loc(x)["file"].endswith("/Dockerfile") for x in mapped())'
	has $style 'all(loc(x).get("target", "").startswith("docker-archive:") for x in f)'
	# Base layer findings have no instruction.
	has $style 'all(layer(x) > 0 for x in mapped())'
	grep -q "no layer is mapped" "$tmp/$style.err" &&
		{ bad "$style: warned"; cat "$tmp/$style.err"; }
done
has classic 'line(by("IM010", "bin/tool")[0]) == 7'

# Env: a token the engine knows is SE013 and not IM002; a plain password
# it passes over is IM002.  Labels alike: a random value under a
# credential name is the engine's generic rule, a plain one is IM003.
has buildkit 'any("environment variable \x27GITHUB_TOKEN\x27" in x["message"] for x in by("SE013"))'
has buildkit '[("DB_PASSWORD" in x["message"]) for x in by("IM002")] == [True]'
has buildkit '[("db.password" in x["message"]) for x in by("IM003")] == [True]'
has buildkit 'any("label \x27deploy.token\x27" in x["message"] for x in by("SE046"))'

# No WORKDIR layer: still mapped, to the right lines.
run noworkdir noworkdir "$df"
has noworkdir 'layer(by("SE013", "app/config.txt")[0]) == 1 and line(by("SE013", "app/config.txt")[0]) == 5'
has noworkdir 'line(by("SE025")[0]) == 7'

# The final stage built FROM another stage of the same Dockerfile.
run stages buildkit "$tmp/Dockerfile.stages"
has stages 'line(by("SE013", "app/config.txt")[0]) == 4 and line(by("SE025")[0]) == 7'

# Disagreements map nothing and say why.
for bad in changed extra; do
	run $bad buildkit "$tmp/Dockerfile.$bad"
	has $bad 'mapped() == [] and len(by("SE013", "app/config.txt")) == 1'
	grep -q "no layer is mapped to an instruction" "$tmp/$bad.err" ||
		{ bad "$bad: no warning"; cat "$tmp/$bad.err"; }
done
grep -q "layer 4 was made by RUN, but the matching instruction is RUN at .*Dockerfile.changed line 7" \
	"$tmp/changed.err" || { bad "changed: message"; cat "$tmp/changed.err"; }
grep -q "matching instruction is RUN at .*Dockerfile.extra line 11" "$tmp/extra.err" ||
	{ bad "extra: message"; cat "$tmp/extra.err"; }

# A Dockerfile that cannot be read: exit 3, the image is still reported.
"$HULL" image --format json --fail-on never --dockerfile "$tmp/nope" \
	"docker-archive:$tmp/buildkit.tar" >"$tmp/nope.json" 2>"$tmp/nope.err"
rc=$?
[ $rc = 3 ] || bad "nope: exit $rc, want 3"
grep -q "nope" "$tmp/nope.err" || bad "nope: no message"
has nope 'len(by("SE013", "app/config.txt")) == 1'

# The raw secrets appear in no output format.
for fmt in json sarif table github; do
	for style in buildkit classic; do
		"$HULL" image --format $fmt --fail-on never --dockerfile "$df" \
			-v "docker-archive:$tmp/$style.tar" >"$tmp/out.$fmt" 2>&1
		for s in "$gh" "$npm" plainzebra s3cr3tlabel quietowl; do
			if grep -qF -- "$s" "$tmp/out.$fmt"; then
				bad "$style $fmt: raw secret in the output"
				grep -F -- "$s" "$tmp/out.$fmt" | head -3
			fi
		done
	done
done

# An allowlisted path and pattern silence the engine.
cat >"$tmp/.hull.yaml" <<'Y'
secrets:
  allow-paths: ["app/config.txt"]
Y
"$HULL" image --format json --fail-on never --config "$tmp/.hull.yaml" \
	"docker-archive:$tmp/classic.tar" >"$tmp/allow.json" 2>"$tmp/allow.err"
has allow 'by("SE013", "app/config.txt") == [] and len(by("SE025")) == 1'
printf 'secrets:\n  allow-patterns: ["npm_Zy9"]\n' >"$tmp/.hull.yaml"
"$HULL" image --format json --fail-on never --config "$tmp/.hull.yaml" \
	"docker-archive:$tmp/classic.tar" >"$tmp/allowp.json" 2>"$tmp/allowp.err"
has allowp 'by("SE025") == [] and by("IM004") == [] and len(by("SE013")) == 1'

finish
