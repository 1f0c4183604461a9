/*
 * The runtime rules' pages: included once, by rules/runtime.c, after the
 * checks they name.  Kept apart so the checks read without the prose.
 */

RULE(rt001, "RT001", SEV_HIGH, "Container runs as root", check_root_user)
    .why = "A process that is root inside the container is root on the "
	   "host as soon as it escapes (a kernel bug, a mounted socket, "
	   "a writable host path), and it can rewrite everything in its "
	   "own filesystem.",
   .bad = "docker run -u root my-app:1.4\nservices:\n  api:\n    user: "
	  "\"0:0\"",
   .good = "docker run -u 10001:10001 my-app:1.4\nservices:\n  api:\n    "
	   "user: \"10001:10001\"",
   .remediation = "Run as an unprivileged user: `--user 10001:10001` / "
		  "`user: \"10001:10001\"`, or a USER line in the "
		  "Dockerfile that the image keeps.",
   .aliases = ALIASES("CIS-4.1"),
   END_RULE

   RULE(rt002, "RT002", SEV_CRITICAL, "Container runs privileged",
	check_privileged)
       .why = "--privileged gives the container every capability, every host "
	      "device and no seccomp or AppArmor confinement: it is the host "
	      "in all but name.",
   .bad = "docker run --privileged my-app:1.4",
   .good = "docker run --cap-drop ALL --cap-add NET_BIND_SERVICE "
	   "my-app:1.4",
   .remediation = "Remove --privileged / `privileged: true`; add only the "
		  "capabilities or devices the workload needs.",
   .aliases = ALIASES("CIS-5.5", "ae5b6871-7f45-42e0-bb4c-ab300c4d2026"),
   END_RULE

   RULE(rt003, "RT003", SEV_HIGH, "Dangerous capability added", check_cap_add)
       .why = "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, "
	      "DAC_READ_SEARCH or NET_ADMIN are the usual way out of a "
	      "container: mounting filesystems, loading modules, reading "
	      "other processes, opening host files by handle.",
   .bad = "docker run --cap-add SYS_ADMIN my-app:1.4",
   .good = "docker run --cap-drop ALL --cap-add NET_BIND_SERVICE "
	   "my-app:1.4",
   .remediation = "Drop the capability from --cap-add / cap_add; find the "
		  "narrow one the workload needs, if any.",
   .aliases = ALIASES("CIS-5.4", "ce76b7d0-9e77-464d-b86f-c5c48e03e22d"),
   END_RULE

   RULE(rt004, "RT004", SEV_MEDIUM, "Capabilities not dropped", check_cap_drop)
       .why = "Docker's default set keeps 14 capabilities (CHOWN, "
	      "DAC_OVERRIDE, FOWNER, SETUID, NET_RAW, ...) that most "
	      "services never use and an attacker can.",
   .bad = "docker run my-app:1.4",
   .good = "docker run --cap-drop=ALL --cap-add=NET_BIND_SERVICE "
	   "my-app:1.4",
   .remediation = "Add `--cap-drop=ALL` (`cap_drop: [ALL]`) and add back "
		  "only what is needed with --cap-add.",
   .aliases = ALIASES("CIS-5.4", "ce76b7d0-9e77-464d-b86f-c5c48e03e22d"),
   END_RULE

   RULE(rt005, "RT005", SEV_MEDIUM, "Root filesystem is writable",
	check_read_only)
       .why = "A writable root filesystem lets an intruder drop tools, "
	      "change binaries and persist for the container's life.",
   .bad = "docker run my-app:1.4",
   .good = "docker run --read-only --tmpfs /tmp:rw,noexec,nosuid "
	   "my-app:1.4",
   .remediation = "Add `--read-only` (`read_only: true`) and give the "
		  "paths the program writes a tmpfs or a volume.",
   .aliases = ALIASES("CIS-5.13"),
   END_RULE

   RULE(rt006, "RT006", SEV_MEDIUM, "tmpfs without noexec or nosuid",
	check_tmpfs_options)
       .why = "A writable tmpfs that allows execution undoes much of "
	      "--read-only: downloaded binaries run from it, and setuid "
	      "files on it are honoured.",
   .bad = "docker run --read-only --tmpfs /tmp my-app:1.4",
   .good = "docker run --read-only --tmpfs /tmp:rw,noexec,nosuid "
	   "my-app:1.4",
   .remediation = "Mount tmpfs with `noexec,nosuid` "
		  "(`--tmpfs /tmp:rw,noexec,nosuid`, or `tmpfs: "
		  "[\"/tmp:rw,noexec,nosuid\"]`).",
   END_RULE

   RULE(rt007, "RT007", SEV_MEDIUM, "no-new-privileges not set",
	check_no_new_privs)
       .why = "Without no-new-privileges a process can gain privileges "
	      "through setuid and setcap binaries in the image (su, ping, "
	      "a planted file).",
   .bad = "docker run my-app:1.4",
   .good = "docker run --security-opt=no-new-privileges:true my-app:1.4",
   .remediation = "Add `--security-opt=no-new-privileges:true` "
		  "(`security_opt: [\"no-new-privileges:true\"]`).",
   .aliases = ALIASES("CIS-5.26", "27fcc7d6-c49b-46e0-98f1-6c082a6a2750"),
   END_RULE

   RULE(rt008, "RT008", SEV_HIGH, "seccomp turned off", check_seccomp)
       .why = "The default seccomp profile blocks about 50 system calls "
	      "(keyctl, unshare, mount, bpf, ...) used by container "
	      "escapes; unconfined allows them all.",
   .bad = "docker run --security-opt seccomp=unconfined my-app:1.4",
   .good = "docker run my-app:1.4",
   .remediation = "Remove `seccomp=unconfined`; if a call is missing, "
		  "write a profile that adds only it.",
   .aliases = ALIASES("CIS-5.22", "404fde2c-bc4b-4371-9747-7054132ac953"),
   END_RULE

   RULE(rt009, "RT009", SEV_HIGH, "AppArmor or SELinux confinement turned off",
	check_lsm)
       .why = "The default AppArmor profile and SELinux labels stop a "
	      "container from writing /proc and /sys files and from reading "
	      "other containers' files; turning them off removes that "
	      "layer.",
   .bad = "docker run --security-opt apparmor=unconfined my-app:1.4",
   .good = "docker run my-app:1.4",
   .remediation = "Remove `apparmor=unconfined` and `label=disable`; use "
		  "a custom profile when the default is too strict.",
   .aliases = ALIASES("CIS-5.2", "CIS-5.3"),
   END_RULE

   RULE(rt010, "RT010", SEV_MEDIUM, "No memory limit", check_memory)
       .why = "Without a memory limit one container can take all of the "
	      "host's memory and have the kernel kill other workloads.",
   .bad = "docker run my-app:1.4",
   .good = "docker run --memory=512m my-app:1.4",
   .remediation = "Set `--memory` (`mem_limit`, or "
		  "`deploy.resources.limits.memory`).",
   .aliases = ALIASES("CIS-5.11", "bb9ac4f7-e13b-423d-a010-c74a1bfbe492"),
   END_RULE

   RULE(rt011, "RT011", SEV_LOW, "No CPU limit", check_cpu)
       .why = "Without a CPU limit a busy or hijacked container (a coin "
	      "miner) starves everything else on the host.",
   .bad = "docker run my-app:1.4", .good = "docker run --cpus=1 my-app:1.4",
   .remediation = "Set `--cpus` (`cpus`, or "
		  "`deploy.resources.limits.cpus`).",
   .aliases = ALIASES("CIS-5.12", "6b610c50-99fb-4ef0-a5f3-e312fd945bc3"),
   END_RULE

   RULE(rt012, "RT012", SEV_MEDIUM, "No process limit", check_pids)
       .why = "Without a pids limit a fork bomb in one container exhausts "
	      "the host's process table.",
   .bad = "docker run my-app:1.4",
   .good = "docker run --pids-limit=100 my-app:1.4",
   .remediation = "Set `--pids-limit` (`pids_limit`, or "
		  "`deploy.resources.limits.pids`).",
   .aliases = ALIASES("CIS-5.29", "221e0658-cb2a-44e3-b08a-db96a341d6fa"),
   END_RULE

   RULE(rt013, "RT013", SEV_CRITICAL, "Container runtime socket mounted",
	check_socket)
       .why = "Whoever can talk to /var/run/docker.sock (or containerd's, "
	      "podman's) can start a privileged container with the host's "
	      "root mounted: it is root on the host.  Read-only mounting "
	      "does not help; the API is still writable.",
   .bad = "docker run -v /var/run/docker.sock:/var/run/docker.sock "
	  "my-ci:1.4",
   .good = "docker run my-ci:1.4   # or a socket proxy that allows only "
	   "the calls needed",
   .remediation = "Do not mount the socket; if a tool needs the API, give "
		  "it a filtering proxy or rootless Docker.",
   .aliases = ALIASES("CIS-5.32", "d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b"),
   END_RULE

   RULE(rt014, "RT014", SEV_HIGH, "Sensitive host path mounted",
	check_sensitive_mount)
       .why = "Mounting /, /etc, /proc, /sys, /dev, /boot, /root, /run or "
	      "/var/lib/docker (or a directory holding them) exposes host "
	      "credentials and configuration, and often a way to run code "
	      "on the host.",
   .bad = "docker run -v /etc:/etc my-app:1.4",
   .good = "docker run -v app-data:/data my-app:1.4",
   .remediation = "Mount only the application's own directories or named "
		  "volumes; never the host's system directories.",
   .aliases = ALIASES("CIS-5.6", "1c1325ff-831d-43a1-973e-839ae57dfcc0"),
   END_RULE

   RULE(rt015, "RT015", SEV_HIGH, "Host network namespace shared",
	check_host_network)
       .why = "With the host's network the container sees every host "
	      "interface and loopback service and can bind any port.",
   .bad = "docker run --network host my-app:1.4",
   .good = "docker run --network app-net -p 127.0.0.1:8080:8080 "
	   "my-app:1.4",
   .remediation = "Remove `--network host` / `network_mode: host`; "
		  "publish the ports needed.",
   .aliases = ALIASES("CIS-5.10", "071a71ff-f868-47a4-ac0b-3c59e4ab5443"),
   END_RULE

   RULE(rt016, "RT016", SEV_HIGH, "Host PID namespace shared", check_host_pid)
       .why = "With the host's PID namespace the container sees and can "
	      "signal (as root, ptrace) every process on the host.",
   .bad = "docker run --pid host my-app:1.4", .good = "docker run my-app:1.4",
   .remediation = "Remove `--pid host` / `pid: host`.",
   .aliases = ALIASES("CIS-5.16", "4f31dd9f-2cc3-4751-9b53-67e4af83dac0"),
   END_RULE

   RULE(rt017, "RT017", SEV_HIGH, "Host IPC namespace shared", check_host_ipc)
       .why = "With the host's IPC namespace the container reads and writes "
	      "host shared memory and semaphores.",
   .bad = "docker run --ipc host my-app:1.4", .good = "docker run my-app:1.4",
   .remediation = "Remove `--ipc host` / `ipc: host`.",
   .aliases = ALIASES("CIS-5.17", "baa3890f-bed7-46f5-ab8f-1da8fc91c729"),
   END_RULE

   RULE(rt018, "RT018", SEV_MEDIUM, "Host UTS namespace shared", check_host_uts)
       .why = "With the host's UTS namespace the container can change the "
	      "host's hostname.",
   .bad = "docker run --uts host my-app:1.4", .good = "docker run my-app:1.4",
   .remediation = "Remove `--uts host` / `uts: host`.",
   .aliases = ALIASES("CIS-5.21"),
   END_RULE

   RULE(rt019, "RT019", SEV_MEDIUM, "Host user namespace shared",
	check_host_userns)
       .why = "--userns host turns off the daemon's user-namespace "
	      "remapping for this container: its root is the host's root.",
   .bad = "docker run --userns host my-app:1.4",
   .good = "docker run my-app:1.4",
   .remediation = "Remove `--userns host` / `userns_mode: host`.",
   .aliases = ALIASES("CIS-5.31", "8af7162d-6c98-482f-868e-0d33fb675ca8"),
   END_RULE

   RULE(rt020, "RT020", SEV_MEDIUM,
	"Privileged port published on every interface", check_privileged_port)
       .why = "A host port below 1024 bound to 0.0.0.0 puts the service on "
	      "every network the host is on, under a port people trust to "
	      "be a system service.",
   .bad = "docker run -p 80:8080 my-app:1.4",
   .good = "docker run -p 127.0.0.1:8080:8080 my-app:1.4",
   .remediation = "Publish on a port above 1023 and a specific address: "
		  "`-p 127.0.0.1:8080:8080` (`\"127.0.0.1:8080:8080\"`).",
   .aliases = ALIASES("CIS-5.8", "CIS-5.14",
		      "bc2908f3-f73c-40a9-8793-c1b7d5544f79"),
   END_RULE

   RULE(rt021, "RT021", SEV_LOW, "Port published on every interface",
	check_port_all_interfaces)
       .why = "Without a host address, -p binds 0.0.0.0 and bypasses the "
	      "host firewall's INPUT rules: the service is reachable from "
	      "every network the host is on.",
   .bad = "docker run -p 8080:80 nginx:1.27",
   .good = "docker run -p 127.0.0.1:8080:80 nginx:1.27",
   .remediation = "Give the host address: `-p 127.0.0.1:8080:80`, or the "
		  "address of the one interface that should serve it.",
   .aliases = ALIASES("CIS-5.14", "451d79dc-0588-476a-ad03-3c7f0320abb3"),
   END_RULE

   RULE(rt022, "RT022", SEV_HIGH, "Secret written into the environment",
	check_env_secret)
       .why = "A password or token written as a literal value in a compose "
	      "file, a script or a run line is in version control and in "
	      "`docker inspect` for anyone with API access.",
   .bad = "docker run -e DB_PASSWORD=hunter2 my-app:1.4\nenvironment:\n "
	  " API_KEY: sk_live_abc123",
   .good = "docker run -e DB_PASSWORD my-app:1.4\nenvironment:\n  "
	   "API_KEY: ${API_KEY}\nsecrets: [db_password]   # read "
	   "/run/secrets/db_password",
   .remediation = "Pass a reference (`${API_KEY}`), an env_file kept out "
		  "of version control, or better a secret (`secrets:`, "
		  "read from /run/secrets) instead of the value.",
   END_RULE

   RULE(rt023, "RT023", SEV_MEDIUM, "Image not pinned (latest or no tag)",
	check_image_latest)
       .why = "`latest` (or no tag) changes without notice: what runs "
	      "cannot be reproduced or audited, and a bad push reaches "
	      "production on the next pull.",
   .bad = "docker run my-app:latest",
   .good = "docker run my-app:1.4.2@sha256:...",
   .remediation = "Use a version tag, ideally with its digest "
		  "(`image: my-app:1.4.2@sha256:...`).",
   END_RULE

   RULE(rt024, "RT024", SEV_INFO, "Image not pinned by digest",
	check_image_digest)
       .why = "A tag can be moved to another image; only a digest names one "
	      "image for good.",
   .bad = "docker run nginx:1.27", .good = "docker run nginx:1.27@sha256:...",
   .remediation = "Add the digest (`docker buildx imagetools inspect` "
		  "prints it) and let a bot update it.",
   END_RULE

   RULE(rt025, "RT025", SEV_LOW, "No healthcheck", check_healthcheck)
       .why = "Without a healthcheck a hung service keeps running and "
	      "receiving traffic; the orchestrator cannot replace it.",
   .bad = "docker run --no-healthcheck my-app:1.4",
   .good = "docker run --health-cmd 'wget -qO- http://127.0.0.1:8080/"
	   "health || exit 1' my-app:1.4",
   .remediation = "Define a healthcheck (`--health-cmd`, `healthcheck:`, "
		  "or HEALTHCHECK in the Dockerfile); do not disable the "
		  "image's.",
   .aliases = ALIASES("CIS-5.27", "698ed579-b239-4f8f-a388-baa4bcb13ef8"),
   END_RULE

   RULE(rt026, "RT026", SEV_LOW, "Restart policy without a limit",
	check_restart)
       .why = "`always` and `unless-stopped` restart a crashing container "
	      "forever: a crash loop that is exploited (or just burns CPU) "
	      "never stops.  CIS recommends on-failure with at most 5 "
	      "retries.",
   .bad = "docker run --restart always my-app:1.4",
   .good = "docker run --restart on-failure:5 my-app:1.4",
   .remediation = "Use `--restart on-failure:5` (`restart: "
		  "on-failure:5`, or deploy.restart_policy with "
		  "max_attempts).",
   .aliases = ALIASES("CIS-5.15", "2fc99041-ddad-49d5-853f-e35e70a48391"),
   END_RULE

   RULE(rt027, "RT027", SEV_MEDIUM, "Host device passed through", check_devices)
       .why = "A host device in the container (a disk, /dev/mem, a GPU) "
	      "is reachable with the container's privileges, bypassing "
	      "the host's file permissions.",
   .bad = "docker run --device /dev/sda my-app:1.4",
   .good = "docker run my-app:1.4",
   .remediation = "Remove `--device` / `devices:` unless the workload "
		  "needs that device; give it read-only access (`:r`) "
		  "if it only reads.",
   .aliases = ALIASES("CIS-5.18"),
   END_RULE

   RULE(rt028, "RT028", SEV_MEDIUM, "Mount propagation set to shared",
	check_propagation)
       .why = "A shared mount propagates mounts made in the container back "
	      "to the host.",
   .bad = "docker run -v /data:/data:rshared my-app:1.4",
   .good = "docker run -v /data:/data my-app:1.4",
   .remediation = "Use the default (rprivate) propagation.",
   .aliases = ALIASES("CIS-5.20", "baa452f0-1f21-4a25-ace5-844e7a5f410d"),
   END_RULE

   RULE(rt029, "RT029", SEV_LOW, "Host cgroup namespace shared",
	check_host_cgroupns)
       .why = "With the host's cgroup namespace the container sees the "
	      "host's cgroup tree, which helps escapes that write to it.",
   .bad = "docker run --cgroupns host my-app:1.4",
   .good = "docker run --cgroupns private my-app:1.4",
   .remediation = "Remove `--cgroupns host` / `cgroup: host`.", END_RULE
