#!/bin/bash
# The same settings as a running container, a docker run line and a
# compose service give the same rule ids.  Containers are started on the
# private dockerd at HULL_DOCKER_HOST, with and without each hardening
# option, and audited with `hull containers`.
#
# The user and healthcheck are set explicitly in every case: left unset,
# a container takes the image's (known to the Engine) while a run line or
# compose file leaves them to the image rules (see docs/runtime.md).
set -u
: "${HULL:?}"
if [ -z "${HULL_DOCKER_HOST:-}" ]; then
	echo "skipped: HULL_DOCKER_HOST is not set (start tests/env/services.sh)"
	exit 77
fi
command -v docker >/dev/null || { echo "skipped: no docker CLI"; exit 77; }
export DOCKER_HOST=$HULL_DOCKER_HOST
IMG=hullrt/busybox:1
if ! docker image inspect $IMG >/dev/null 2>&1; then
	root=$(mktemp -d)
	mkdir -p "$root/bin"
	cp /bin/busybox "$root/bin/" || { echo "skipped: no /bin/busybox"; exit 77; }
	ln -s busybox "$root/bin/sh"; ln -s busybox "$root/bin/sleep"
	ln -s busybox "$root/bin/true"
	tar -C "$root" -c . | docker import - $IMG >/dev/null
	rm -rf "$root"
fi
sock=${HULL_DOCKER_HOST#unix://}
tmp=$(mktemp -d)
names=()
cleanup() {
	for n in "${names[@]}"; do docker rm -f "$n" >/dev/null 2>&1; done
	rm -rf "$tmp"
}
trap cleanup EXIT

# Each case: docker run options | the same as compose service lines.
cases=(
"--network none|network_mode: none"
"--network none --privileged|network_mode: none\n    privileged: true"
"--network none --cap-drop ALL --cap-add SYS_ADMIN|network_mode: none\n    cap_drop: [ALL]\n    cap_add: [SYS_ADMIN]"
"--network none --read-only --tmpfs /tmp|network_mode: none\n    read_only: true\n    tmpfs: [/tmp]"
"--network none --read-only --tmpfs /tmp:rw,noexec,nosuid|network_mode: none\n    read_only: true\n    tmpfs: [\"/tmp:rw,noexec,nosuid\"]"
"--network none --security-opt no-new-privileges:true --security-opt seccomp=unconfined|network_mode: none\n    security_opt: [\"no-new-privileges:true\", seccomp=unconfined]"
"--network none -m 64m --cpus 1 --pids-limit 20|network_mode: none\n    mem_limit: 64m\n    cpus: 1\n    pids_limit: 20"
"--network none -v /etc:/host-etc:ro -v $sock:/var/run/docker.sock|network_mode: none\n    volumes: [\"/etc:/host-etc:ro\", \"$sock:/var/run/docker.sock\"]"
"--network host --pid host --ipc host --uts host|network_mode: host\n    pid: host\n    ipc: host\n    uts: host"
"--network none --restart on-failure:3|network_mode: none\n    restart: on-failure:3"
"--network none --restart always|network_mode: none\n    restart: always"
"--network none -e DB_PASSWORD=hunter2 -e LOG=1|network_mode: none\n    environment: [DB_PASSWORD=hunter2, LOG=1]"
"--network none --device /dev/null:/dev/xnull|network_mode: none\n    devices: [\"/dev/null:/dev/xnull\"]"
"--network none --cap-drop ALL --read-only --security-opt no-new-privileges -m 32m --cpus 0.5 --pids-limit 10 --restart on-failure:5|network_mode: none\n    cap_drop: [ALL]\n    read_only: true\n    security_opt: [no-new-privileges]\n    mem_limit: 32m\n    cpus: 0.5\n    pids_limit: 10\n    restart: on-failure:5"
)
users=("1000:1000" "0")

ids_json() { python3 -c 'import json,sys; print(" ".join(sorted({f["id"] for f in json.load(sys.stdin)["findings"]})))'; }

fail=0 i=0 skipped=0
for u in "${users[@]}"; do
	for c in "${cases[@]}"; do
		i=$((i + 1))
		opts=${c%%|*}
		svc=${c#*|}
		name=hull-eq-$$-$i
		# shellcheck disable=SC2086
		if ! docker run -d --name $name -u $u --health-cmd true $opts $IMG sleep 600 >/dev/null 2>"$tmp/err"; then
			# Some sandboxes refuse privileged root containers.
			echo "not compared: the daemon cannot start '-u $u $opts': $(head -1 "$tmp/err")"
			skipped=$((skipped + 1)); continue
		fi
		names+=("$name")
		a=$("$HULL" containers -f json --host "$HULL_DOCKER_HOST" $name | ids_json)
		# shellcheck disable=SC2086
		b=$("$HULL" run -f json -- docker run -u $u --health-cmd true $opts $IMG | ids_json)
		printf "services:\n  s:\n    image: $IMG\n    user: \"$u\"\n    healthcheck:\n      test: [CMD, \"true\"]\n    $svc\n" >"$tmp/c.yml"
		d=$("$HULL" compose -f json "$tmp/c.yml" | ids_json)
		if [ "$a" != "$b" ] || [ "$a" != "$d" ]; then
			echo "FAIL: -u $u $opts"
			echo "  containers: $a"; echo "  run:        $b"; echo "  compose:    $d"
			fail=1
		fi
	done
done
echo "$((i - skipped)) of $i cases compared"
# A daemon nobody listens on: exit 3 with a message.
"$HULL" containers --host unix://$tmp/none.sock >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL: unreachable daemon exits $rc, want 3"; fail=1; }
grep -q "cannot reach" "$tmp/err" || { echo "FAIL: no clear message"; fail=1; }
exit $fail
