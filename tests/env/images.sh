#!/usr/bin/env bash
# Build the base images the image and runtime tests share, on the Engine
# named by DOCKER_HOST, without pulling anything:
#
#   hull-test/busybox:1   /bin/busybox from busybox-static, a link per
#                         applet, /etc/passwd, /etc/group, /tmp
#   hull-test/debian:12   a debootstrap --variant=minbase bookworm tree
#
#   images.sh OUTDIR      writes OUTDIR/images.env (HULL_TEST_*_IMAGE=...)
#
# Images that already exist are kept.  The Debian tree comes from the
# Debian mirror apt is configured with (the first bookworm source in
# /etc/apt/sources.list*); its tarball is cached in HULL_TEST_CACHE
# (default /var/cache/hull-test) so later runs import it without a
# download.  When debootstrap cannot run, the Debian image is skipped
# with a "skipped:" line and left out of images.env.
set -uo pipefail

[ $# = 1 ] || {
	echo "usage: images.sh OUTDIR" >&2
	exit 2
}
out=$1
mkdir -p "$out"
env_file=$out/images.env
cache=${HULL_TEST_CACHE:-/var/cache/hull-test}
# Debian's own client: /usr/local may hold another one.
docker=/usr/bin/docker
[ -x "$docker" ] || docker=docker

BUSYBOX_TAG=hull-test/busybox:1
DEBIAN_TAG=hull-test/debian:12
DEBIAN_SUITE=bookworm

: >"$env_file"

have_image() {
	"$docker" image inspect "$1" >/dev/null 2>&1
}

build_busybox() {
	local tmp root app
	if have_image "$BUSYBOX_TAG"; then
		echo "ok: $BUSYBOX_TAG exists"
		return 0
	fi
	if [ ! -x /bin/busybox ] || ! /bin/busybox --list-full >/dev/null; then
		echo "skipped: $BUSYBOX_TAG (busybox-static is not installed)"
		return 0
	fi
	tmp=$(mktemp -d) || return 1
	root=$tmp/root
	mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" \
		"$root/etc" "$root/root" "$root/tmp"
	chmod 1777 "$root/tmp"
	chmod 700 "$root/root"
	cp /bin/busybox "$root/bin/busybox"
	/bin/busybox --list-full | while read -r app; do
		[ "$app" = bin/busybox ] && continue
		mkdir -p "$root/$(dirname "$app")"
		ln -s /bin/busybox "$root/$app"
	done
	cat >"$root/etc/passwd" <<-'EOF'
		root:x:0:0:root:/root:/bin/sh
		nobody:x:65534:65534:nobody:/nonexistent:/bin/false
	EOF
	cat >"$root/etc/group" <<-'EOF'
		root:x:0:
		nogroup:x:65534:
	EOF
	tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$tmp/bb.tar" .
	"$docker" import --change 'CMD ["/bin/sh"]' "$tmp/bb.tar" \
		"$BUSYBOX_TAG" >/dev/null
	local rc=$?
	rm -rf "$tmp"
	[ $rc = 0 ] && echo "built: $BUSYBOX_TAG"
	return $rc
}

# The URI of the first apt source that serves $DEBIAN_SUITE main.
debian_mirror() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v suite="$DEBIAN_SUITE" '
			function flush() {
				if (uri != "" && deb && has_suite) { print uri; exit }
				uri = ""; deb = 0; has_suite = 0
			}
			/^[ \t]*$/ { flush(); next }
			/^URIs:/ { uri = $2 }
			/^Types:/ { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) has_suite = 1 }
			END { flush() }' "$f"
	done | head -n 1 | grep . && return 0
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk -v suite="$DEBIAN_SUITE" '$1 == "deb" && $3 == suite {
			print $2; exit }' | grep .
}

debian_tarball() {
	local tar=$1 mirror tmp
	[ -s "$tar" ] && return 0
	if ! command -v debootstrap >/dev/null; then
		echo "skipped: $DEBIAN_TAG (debootstrap is not installed)"
		return 1
	fi
	mirror=$(debian_mirror) || {
		echo "skipped: $DEBIAN_TAG (no $DEBIAN_SUITE source in" \
			"/etc/apt/sources.list*)"
		return 1
	}
	tmp=$(mktemp -d "$cache/debootstrap.XXXXXX") || return 1
	echo "debootstrap --variant=minbase $DEBIAN_SUITE from $mirror"
	if ! debootstrap --variant=minbase "$DEBIAN_SUITE" "$tmp/root" \
		"$mirror" >"$tmp/log" 2>&1; then
		echo "skipped: $DEBIAN_TAG (debootstrap from $mirror failed:" \
			"$(tail -n 1 "$tmp/log"))"
		tail -n 20 "$tmp/log"
		rm -rf "$tmp"
		return 1
	fi
	tar --numeric-owner -C "$tmp/root" -cf "$tmp/root.tar" . &&
		mv "$tmp/root.tar" "$tar"
	local rc=$?
	rm -rf "$tmp"
	return $rc
}

build_debian() {
	local tar=$cache/debian-$DEBIAN_SUITE-minbase.tar
	if have_image "$DEBIAN_TAG"; then
		echo "ok: $DEBIAN_TAG exists"
		return 0
	fi
	mkdir -p "$cache" || return 1
	# One debootstrap at a time when several test runs share the cache.
	exec 9>"$cache/lock"
	flock 9
	debian_tarball "$tar" || {
		flock -u 9
		return 2
	}
	flock -u 9
	"$docker" import --change 'CMD ["bash"]' "$tar" "$DEBIAN_TAG" \
		>/dev/null || return 1
	echo "built: $DEBIAN_TAG from $tar"
}

build_busybox || exit 1
have_image "$BUSYBOX_TAG" && echo "HULL_TEST_BUSYBOX_IMAGE=$BUSYBOX_TAG" \
	>>"$env_file"
build_debian
case $? in
0) echo "HULL_TEST_DEBIAN_IMAGE=$DEBIAN_TAG" >>"$env_file" ;;
2) ;; # skipped, said why
*) exit 1 ;;
esac
exit 0
