#!/bin/bash
# Go binaries of this machine (Debian's docker.io, containerd and
# docker-registry, and terraform or kubectl when present) through `hull sbom DIR`.  The expected values come from
# the binaries themselves, read with strings(1): the Go version string
# ("go1.N.M") and the "path"/"mod"/"dep" lines of the module information.
set -u
: "${HULL:?}"

bins=()
# Debian's are GOPATH builds (no module lines); terraform and kubectl,
# where installed, are module builds with hundreds of dependencies.
for b in /usr/bin/docker-registry /usr/bin/containerd /usr/bin/docker \
	/usr/sbin/dockerd /usr/local/bin/terraform \
	/usr/lib/google-cloud-sdk/bin/kubectl; do
	[ -f "$b" ] && bins+=("$b")
done
if [ ${#bins[@]} -eq 0 ]; then
	echo "skipped: no Go binary (docker.io, containerd, docker-registry)" \
		"is installed"
	exit 77
fi
if ! command -v strings >/dev/null || ! command -v node >/dev/null; then
	echo "skipped: strings(1) or node is missing"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for b in "${bins[@]}"; do
	root="$tmp/$(basename "$b")"
	mkdir -p "$root/usr/bin"
	cp "$b" "$root/usr/bin/"
	"$HULL" sbom "$root" --format json >"$tmp/out.json" 2>"$tmp/err" || {
		echo "FAIL: $b: hull exited $?"; cat "$tmp/err"; fail=$((fail + 1))
		continue
	}
	goversions=$(strings -a "$b" | grep -E '^go1\.[0-9]+(\.[0-9]+)?$' |
		sort -u)
	if [ "$(echo "$goversions" | wc -l)" -ne 1 ]; then
		echo "FAIL: $b: cannot tell the Go version from strings"
		fail=$((fail + 1))
		continue
	fi
	want_std="v${goversions#go}"
	# mod/dep lines give "name version"; => lines replace the dep before.
	want_mods=$(strings -a "$b" | awk -F'\t' '
		$1 == "path" && !path { path = $2 }
		$1 == "mod" || $1 == "dep" { if (n) print last; last = $2 " " $3; n++ }
		$1 == "=>" && $3 != "" { last = $2 " " $3 }
		END { if (n) print last; else if (path) print path " " }' |
		sort -u)
	got_std=$(node -e '
		const d = require(process.argv[1]);
		for (const p of d.packages) if (p.type === "go-stdlib") console.log(p.version);' \
		"$tmp/out.json")
	got_mods=$(node -e '
		const d = require(process.argv[1]);
		for (const p of d.packages) if (p.type === "golang") console.log(p.name + " " + p.version);' \
		"$tmp/out.json" | sort -u)
	if [ "$got_std" = "$want_std" ] && [ "$got_mods" = "$want_mods" ]; then
		echo "ok: $b: stdlib $got_std, $(echo "$got_mods" | wc -l) module(s)"
		pass=$((pass + 1))
	else
		echo "FAIL: $b"
		echo "  want stdlib '$want_std', got '$got_std'"
		echo "  want modules:"; echo "$want_mods" | head -5
		echo "  got modules:"; echo "$got_mods" | head -5
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
