#!/usr/bin/env bash
# The services hull's tests talk to, all private to one output directory:
#
#   dockerd          Debian's docker.io on OUTDIR/docker.sock, its own data
#                    root, exec root, pid file and config; no bridge, no
#                    iptables (there is no bridge networking on the test
#                    machines).  It spawns its own containerd.  It also
#                    listens on 127.0.0.1:<free port> with TLS and client
#                    certificates (made with openssl in OUTDIR/tls).
#   dockerd rootless the same Engine run by an unprivileged user through
#                    rootlesskit, for `hull host` to tell the two apart.
#   registry         Debian's docker-registry on 127.0.0.1:<free port>.
#   http             busybox httpd (or python3) on 127.0.0.1:<free port>
#                    serving OUTDIR/http.
#
#   services.sh start OUTDIR    start what can start, write OUTDIR/services.env
#   services.sh stop OUTDIR     end exactly what start started; idempotent
#   services.sh status OUTDIR   list the recorded processes and whether they live
#
# A service whose prerequisites are missing (not root, package absent) is
# skipped with a "skipped: ..." line and left out of services.env; the tests
# that need it then exit 77.  A service that should start and does not
# makes `start` exit non-zero after printing its log tail and stopping
# whatever it had already started.
#
# Processes are recorded as "name pid starttime" lines in
# OUTDIR/services/pids; stop signals a pid only when its start time (field
# 22 of /proc/PID/stat) still matches, so a reused pid is never touched.
# Nothing is ever looked up or ended by process name.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)

# Seconds to wait for a daemon to answer before calling it failed; dockerd
# on a loaded two-core machine takes a few seconds, rootlesskit a few more.
READY_TIMEOUT=${HULL_SERVICES_TIMEOUT:-90}
# Seconds to wait for a process to exit after SIGTERM before SIGKILL.
STOP_TIMEOUT=30
# The unprivileged user that runs the rootless daemon.
ROOTLESS_USER=${HULL_ROOTLESS_USER:-hulltest}
# A unix socket path must fit in sun_path (108 bytes with its NUL).
SOCK_MAX=100

die() {
	echo "services: $*" >&2
	exit 1
}

log() {
	printf '%s %s\n' "$(date +%T)" "$*" >>"$LOG"
}

say() {
	echo "services: $*"
	log "$*"
}

usage() {
	echo "usage: services.sh start|stop|status OUTDIR" >&2
	exit 2
}

proc_starttime() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	# Field 2 (comm) may hold spaces; count fields after its ')'.
	stat=${stat##*) }
	set -- $stat
	echo "${20}"
}

record() {
	local name=$1 pid=$2 st
	st=$(proc_starttime "$pid") || st=0
	echo "$name $pid $st" >>"$STATE/pids"
}

# True while pid is the process we recorded and has not exited (a zombie
# waiting for its reaper counts as gone).
alive() {
	local pid=$1 st=$2 stat
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	set -- $stat
	[ "$1" != Z ] && [ "${20}" = "$st" ]
}

free_port() {
	if command -v python3 >/dev/null; then
		python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
		return
	fi
	local p
	for _ in $(seq 50); do
		p=$((20000 + RANDOM % 40000))
		ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || {
			echo "$p"
			return
		}
	done
	return 1
}

# Run "$@" detached in its own session, its output in $1's log; print the
# pid of the command itself (setsid may fork, so the child reports $$
# before it execs).
spawn() {
	local name=$1 logf=$2
	shift 2
	local pidf=$STATE/$name.spawnpid
	rm -f "$pidf"
	setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" "$@" \
		</dev/null >>"$logf" 2>&1 &
	for _ in $(seq 50); do
		[ -s "$pidf" ] && break
		sleep 0.1
	done
	[ -s "$pidf" ] || return 1
	cat "$pidf"
}

# wait_for NAME PID TEST...: poll until TEST succeeds, the process dies
# or READY_TIMEOUT passes.
wait_for() {
	local name=$1 pid=$2 i
	shift 2
	for ((i = 0; i < READY_TIMEOUT * 5; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		kill -0 "$pid" 2>/dev/null || {
			log "$name (pid $pid) exited before it was ready"
			return 1
		}
		sleep 0.2
	done
	log "$name did not answer within ${READY_TIMEOUT}s"
	return 1
}

fail() {
	local name=$1 logf=$2
	echo "services: $name did not start; last lines of $logf:" >&2
	tail -n 25 "$logf" >&2
	log "$name failed to start"
	do_stop
	exit 1
}

ping_unix() {
	curl -fsS --max-time 5 --unix-socket "$1" http://localhost/_ping |
		grep -qx OK
}

start_http() {
	local port pid root=$OUT/http logf=$OUT/httpd.log t0=$SECONDS
	mkdir -p "$root"
	port=$(free_port) || fail http "$LOG"
	if [ -x /bin/busybox ]; then
		pid=$(spawn httpd "$logf" /bin/busybox httpd -f \
			-p "127.0.0.1:$port" -h "$root")
	elif command -v python3 >/dev/null; then
		pid=$(spawn httpd "$logf" python3 -m http.server \
			--bind 127.0.0.1 --directory "$root" "$port")
	else
		say "skipped: http server (neither busybox nor python3)"
		return 0
	fi
	[ -n "$pid" ] || fail http "$logf"
	record httpd "$pid"
	echo "hull services" >"$root/.ping"
	wait_for http "$pid" curl -fsS --max-time 5 \
		"http://127.0.0.1:$port/.ping" || fail http "$logf"
	ENV+=("HULL_HTTP_URL=http://127.0.0.1:$port" "HULL_HTTP_ROOT=$root")
	say "http on 127.0.0.1:$port serving $root ($((SECONDS - t0))s)"
}

start_registry() {
	local port pid conf=$STATE/registry.yml logf=$OUT/registry.log
	local t0=$SECONDS
	if [ ! -x /usr/bin/docker-registry ]; then
		say "skipped: registry (docker-registry is not installed)"
		return 0
	fi
	port=$(free_port) || fail registry "$LOG"
	mkdir -p "$OUT/registry-data"
	cat >"$conf" <<-EOF
		version: 0.1
		log:
		  level: info
		storage:
		  filesystem:
		    rootdirectory: $OUT/registry-data
		  delete:
		    enabled: true
		http:
		  addr: 127.0.0.1:$port
	EOF
	pid=$(spawn registry "$logf" /usr/bin/docker-registry serve "$conf")
	[ -n "$pid" ] || fail registry "$logf"
	record registry "$pid"
	wait_for registry "$pid" curl -fsS --max-time 5 \
		"http://127.0.0.1:$port/v2/" || fail registry "$logf"
	ENV+=("HULL_REGISTRY=127.0.0.1:$port")
	say "registry on 127.0.0.1:$port ($((SECONDS - t0))s)"
}

# TLS material for the Engine's TCP socket, laid out as the docker CLI
# expects it in DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem): a CA, a
# server certificate for 127.0.0.1 in $1/server and a client one in
# $1/client.  Valid for two days; a new set every run.
make_tls() {
	local d=$1
	mkdir -p "$d/server" "$d/client" || return 1
	(
		set -e
		cd "$d"
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
			-subj "/CN=hull test CA" -keyout ca-key.pem -out ca.pem
		openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
			-keyout server/key.pem -out server.csr
		printf '%s\n' "subjectAltName=IP:127.0.0.1" \
			"extendedKeyUsage=serverAuth" >server.ext
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem \
			-CAcreateserial -days 2 -extfile server.ext \
			-out server/cert.pem
		openssl req -newkey rsa:2048 -nodes -subj "/CN=hull test client" \
			-keyout client/key.pem -out client.csr
		echo "extendedKeyUsage=clientAuth" >client.ext
		openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem \
			-CAcreateserial -days 2 -extfile client.ext \
			-out client/cert.pem
		cp ca.pem server/ca.pem
		cp ca.pem client/ca.pem
		chmod 0444 ca.pem server/ca.pem server/cert.pem
		chmod 0400 server/key.pem
	) >>"$LOG" 2>&1
}

start_dockerd() {
	local pid sock run logf=$OUT/dockerd.log t0=$SECONDS cpid
	local tcp=() port tls=$OUT/tls
	if [ "$(id -u)" != 0 ]; then
		say "skipped: dockerd (not root)"
		return 0
	fi
	if [ ! -x /usr/sbin/dockerd ]; then
		say "skipped: dockerd (docker.io is not installed)"
		return 0
	fi

	# The exec root holds containerd's socket and per-container state:
	# keep it short and out of the source tree.
	run=$(mktemp -d /run/hull-docker.XXXXXX) || fail dockerd "$LOG"
	echo "$run" >"$STATE/dockerd.run"
	sock=$OUT/docker.sock
	[ ${#sock} -le $SOCK_MAX ] || sock=$run/docker.sock
	mkdir -p "$OUT/docker-data"
	# Our own config file, so the machine's /etc/docker/daemon.json
	# never shapes the test daemon.
	# dockerd 20.10 writes its identity key to /etc/docker/key.json
	# unless told otherwise, and only the config file can tell it.
	cat >"$OUT/daemon.json" <<-EOF
		{
		  "log-driver": "json-file",
		  "deprecated-key-path": "$run/key.json"
		}
	EOF
	# A second endpoint on loopback TCP, TLS with client certificates,
	# for the DOCKER_HOST=tcp:// path.
	if command -v openssl >/dev/null && port=$(free_port) &&
		make_tls "$tls"; then
		tcp=(--host "tcp://127.0.0.1:$port" --tlsverify
			--tlscacert "$tls/server/ca.pem"
			--tlscert "$tls/server/cert.pem"
			--tlskey "$tls/server/key.pem")
	else
		say "skipped: dockerd's TLS endpoint (no openssl, or it failed)"
	fi
	pid=$(spawn dockerd "$logf" /usr/sbin/dockerd \
		--host "unix://$sock" "${tcp[@]}" \
		--config-file "$OUT/daemon.json" \
		--data-root "$OUT/docker-data" \
		--exec-root "$run/exec" \
		--pidfile "$run/dockerd.pid" \
		--iptables=false --ip6tables=false --bridge=none \
		--ip-masq=false --userland-proxy=false)
	[ -n "$pid" ] || fail dockerd "$logf"
	record dockerd "$pid"
	wait_for dockerd "$pid" ping_unix "$sock" || fail dockerd "$logf"
	# dockerd spawned containerd; record it so that stop can make sure
	# it is gone even if dockerd dies badly.
	cpid=$(cat "$run/exec/containerd/containerd.pid" 2>/dev/null)
	[ -n "$cpid" ] && record containerd "$cpid"
	ENV+=("HULL_DOCKER_HOST=unix://$sock"
		"HULL_DOCKER_CONFIG=$OUT/daemon.json"
		"HULL_DOCKER_DATA_ROOT=$OUT/docker-data")
	if [ ${#tcp[@]} -gt 0 ]; then
		ENV+=("HULL_DOCKER_TLS_HOST=tcp://127.0.0.1:$port"
			"HULL_DOCKER_TLS_CERTS=$tls/client")
		say "dockerd also on tcp://127.0.0.1:$port (TLS, client" \
			"certificates in $tls/client)"
	fi
	say "dockerd on unix://$sock (pid $pid, $((SECONDS - t0))s)"

	t0=$SECONDS
	if ! DOCKER_HOST=unix://$sock "$here/images.sh" "$OUT" \
		>"$OUT/images.log" 2>&1; then
		echo "services: base images failed; last lines of" \
			"$OUT/images.log:" >&2
		tail -n 25 "$OUT/images.log" >&2
		do_stop
		exit 1
	fi
	mapfile -t lines < <(grep '^HULL_' "$OUT/images.env")
	ENV+=("${lines[@]}")
	grep -E '^(ok|skipped|built):' "$OUT/images.log" | tail -n 2 |
		sed 's/^/services: images: /'
	say "base images ready ($((SECONDS - t0))s)"
}

# The rootless daemon needs an unprivileged user with subordinate id
# ranges; create them when missing (only on a machine where we are root).
rootless_user() {
	local u=$ROOTLESS_USER start
	if ! getent passwd "$u" >/dev/null; then
		useradd --system --no-create-home --shell /usr/sbin/nologin \
			--comment "hull test daemon" "$u" >>"$LOG" 2>&1 ||
			return 1
		log "created user $u"
	fi
	for f in /etc/subuid /etc/subgid; do
		touch "$f"
		grep -q "^$u:" "$f" && continue
		# Past every range already handed out, at least 100000.
		start=$(awk -F: 'BEGIN { m = 100000 }
			{ e = $2 + $3; if (e > m) m = e }
			END { print m }' "$f")
		echo "$u:$start:65536" >>"$f"
		log "added $u:$start:65536 to $f"
	done
}

start_rootless() {
	local pid dir logf=$OUT/dockerd-rootless.log t0=$SECONDS uid gid
	local script=/usr/share/docker.io/contrib/dockerd-rootless.sh
	if [ "$(id -u)" != 0 ]; then
		say "skipped: rootless dockerd (not root: cannot run it as" \
			"the test user)"
		return 0
	fi
	if [ ! -x "$script" ] || ! command -v rootlesskit >/dev/null ||
		[ ! -x /usr/bin/newuidmap ]; then
		say "skipped: rootless dockerd (needs docker.io, rootlesskit" \
			"and uidmap)"
		return 0
	fi
	rootless_user || fail "rootless dockerd" "$LOG"
	uid=$(id -u "$ROOTLESS_USER")
	gid=$(id -g "$ROOTLESS_USER")

	# HOME and XDG_RUNTIME_DIR private to this run: the daemon's
	# config, data and socket all live here.
	dir=$(mktemp -d /tmp/hull-rootless.XXXXXX) ||
		fail "rootless dockerd" "$LOG"
	echo "$dir" >"$STATE/rootless.dir"
	mkdir -p "$dir/run" "$dir/home/.config/docker"
	echo '{ "log-driver": "json-file" }' \
		>"$dir/home/.config/docker/daemon.json"
	chown -R "$uid:$gid" "$dir"
	chmod 700 "$dir/run"
	chmod 711 "$dir"
	: >"$logf"
	chown "$uid:$gid" "$logf"
	pid=$(spawn rootless "$logf" setpriv --reuid="$uid" --regid="$gid" \
		--init-groups env -i \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME="$dir/home" XDG_RUNTIME_DIR="$dir/run" \
		DOCKERD_ROOTLESS_ROOTLESSKIT_NET=host \
		DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=none \
		"$script" --iptables=false --ip6tables=false --bridge=none)
	[ -n "$pid" ] || fail "rootless dockerd" "$logf"
	record rootless "$pid"
	wait_for "rootless dockerd" "$pid" ping_unix "$dir/run/docker.sock" ||
		fail "rootless dockerd" "$logf"
	ENV+=("HULL_ROOTLESS_DOCKER_HOST=unix://$dir/run/docker.sock"
		"HULL_ROOTLESS_HOME=$dir/home"
		"HULL_ROOTLESS_XDG_RUNTIME_DIR=$dir/run"
		"HULL_ROOTLESS_USER=$ROOTLESS_USER")
	say "rootless dockerd on unix://$dir/run/docker.sock as" \
		"$ROOTLESS_USER (pid $pid, $((SECONDS - t0))s)"
}

do_start() {
	local t0=$SECONDS
	mkdir -p "$OUT" || die "cannot create '$OUT'"
	OUT=$(cd "$OUT" && pwd)
	STATE=$OUT/services
	LOG=$OUT/services.log
	# A previous run that was not stopped: end it first.
	[ -f "$STATE/pids" ] && do_stop
	mkdir -p "$STATE"
	rm -f "$OUT/services.env"
	log "start in $OUT"
	ENV=()

	start_http
	start_registry
	start_dockerd
	start_rootless

	{
		echo "# written by tests/env/services.sh start; sourced by"
		echo "# tests/run-all.sh"
		for kv in "${ENV[@]}"; do
			echo "$kv"
		done
	} >"$OUT/services.env"
	say "ready in $((SECONDS - t0))s; environment in $OUT/services.env"
}

stop_one() {
	local name=$1 pid=$2 st=$3 i
	alive "$pid" "$st" || return 0
	kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
		alive "$pid" "$st" || {
			log "stopped $name (pid $pid)"
			return 0
		}
		sleep 0.1
	done
	log "$name (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT}s: SIGKILL"
	kill -KILL "$pid" 2>/dev/null
	for ((i = 0; i < 50; i++)); do
		alive "$pid" "$st" || return 0
		sleep 0.1
	done
	log "$name (pid $pid) is still alive"
	return 1
}

# Unmount whatever is still mounted below $1, deepest first.
umount_under() {
	local top=$1 m
	[ -n "$top" ] || return 0
	awk -v top="$top" '$5 == top || index($5, top "/") == 1 { print $5 }' \
		/proc/self/mountinfo | sort -r | while read -r m; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null ||
			log "cannot unmount $m"
		log "unmounted $m"
	done
}

do_stop() {
	local name pid st rc=0 run dir
	[ -d "$STATE" ] || return 0
	if [ -f "$STATE/pids" ]; then
		# Newest first, daemons before what they spawned: dockerd
		# stops its own containerd, which is only checked after.
		while read -r name pid st; do
			[ "$name" = containerd ] && continue
			stop_one "$name" "$pid" "$st" || rc=1
		done < <(tac "$STATE/pids")
		while read -r name pid st; do
			[ "$name" = containerd ] || continue
			stop_one "$name" "$pid" "$st" || rc=1
		done <"$STATE/pids"
	fi
	run=$(cat "$STATE/dockerd.run" 2>/dev/null)
	dir=$(cat "$STATE/rootless.dir" 2>/dev/null)
	umount_under "$OUT/docker-data"
	umount_under "$run"
	umount_under "$dir"
	case $run in /run/hull-docker.*) rm -rf "$run" ;; esac
	case $dir in /tmp/hull-rootless.*) rm -rf "$dir" ;; esac
	rm -f "$STATE/pids" "$STATE/dockerd.run" "$STATE/rootless.dir" \
		"$OUT/services.env" "$OUT/docker.sock"
	log "stopped"
	return $rc
}

do_status() {
	local name pid st
	[ -f "$STATE/pids" ] || {
		echo "nothing recorded in $STATE"
		return 0
	}
	while read -r name pid st; do
		if alive "$pid" "$st"; then
			echo "$name $pid running"
		else
			echo "$name $pid gone"
		fi
	done <"$STATE/pids"
}

[ $# = 2 ] || usage
OUT=$2
STATE=$OUT/services
LOG=$OUT/services.log
case $1 in
start) do_start ;;
stop)
	[ -d "$OUT" ] || exit 0
	OUT=$(cd "$OUT" && pwd)
	STATE=$OUT/services
	LOG=$OUT/services.log
	do_stop
	;;
status) do_status ;;
*) usage ;;
esac
