#!/bin/sh
# Install the Debian 12 packages hull needs to build and test.  As root it
# installs them; otherwise it prints the apt-get line to run.  Quiet when
# everything is already there.
#
#   scripts/deps.sh          build and run-time libraries, test tools
#   scripts/deps.sh --build  only what building hull needs
set -eu

build_pkgs="build-essential cmake pkg-config clang clang-format
	libclang-rt-14-dev libarchive-dev libcurl4-openssl-dev libsqlite3-dev
	libjansson-dev libssl-dev libyaml-dev libpcre2-dev zlib1g-dev libzstd-dev
	libcmocka-dev"
case "$(dpkg --print-architecture 2>/dev/null || echo amd64)" in
amd64) build_pkgs="$build_pkgs libhyperscan-dev" ;;
arm64) build_pkgs="$build_pkgs libvectorscan-dev" ;;
esac
test_pkgs="docker.io docker-registry skopeo busybox-static uidmap
	rootlesskit debootstrap sqlite3 zstd python3 python3-yaml iproute2 procps
	curl hyperfine tar gzip git nodejs binutils openssl"

pkgs=$build_pkgs
[ "${1:-}" = "--build" ] || pkgs="$pkgs $test_pkgs"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" || missing="$missing $p"
done
# npm installs the schema validators and peer tools the tests compare
# with.  Some nodejs builds carry their own npm; Debian's comes apart.
if [ "${1:-}" != "--build" ] && ! command -v npm >/dev/null; then
	missing="$missing npm"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "hull needs these Debian packages; as root, run:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
