#!/usr/bin/env bash
# A second, modern test host (issue 15): Debian 13 "trixie" (libvirt 11.x, QEMU 10.x) next to the
# main one (this machine's Debian 12: libvirt 9.0, QEMU 7.2), so the integration tests can run
# against both ends of what users have.
#
# The host is a debootstrap'd trixie root run in namespaces of its own on this machine:
#   - a network namespace ($NETNS) joined to this one by a veth pair, $HOST_ADDR <-> $MODERN_ADDR;
#   - mount, PID and UTS namespaces whose PID 1 is a small shell pivoted into an overlay of the
#     root (the cached root stays read-only below it; each start gets a fresh upper layer, so
#     every start is a clean host);
#   - dbus, virtlogd, libvirtd and sshd inside, sshd on $MODERN_ADDR:22, with the main test host's
#     user, password and authorized keys (from $REPO/.test-host, written by up.sh).
# It writes $REPO/.test-host/modern.json for test/support/modernHost.ts (loadModernHost()).
#
# The root is built once per machine and package list, into $CACHE (outside the checkout), in a
# temp folder renamed when complete: a failed build leaves nothing half made. Guests run under TCG:
# the host's /dev has no kvm (nested KVM hangs guests here).
#
# Idempotent like up.sh: a running, answering host is left alone.
#
# Usage: bash scripts/test-host/modern-host.sh [--stop | --build]
# (--build: only build the root into the cache, leaving a running host alone; the next start
# switches to it.)
#   (needs up.sh to have run first, for the test user's password and keys)
# A fresh build takes 3.5 to 7 minutes (201 s on a quiet machine, 343 to 411 s under load), a start from
# the cache 8 to 10 s, a run while it is up about 2 s.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$REPO/.test-host"
SUITE=trixie
MIRROR=http://deb.debian.org/debian
CACHE=/var/cache/virtdeck-test-host
RUN_DIR=/var/lib/virtdeck-test-host/modern # overlay upper layer, pid file, logs, host key
NETNS=virtdeck-modern
VETH_HOST=vd-modern0
VETH_NS=vd-modern1
HOST_ADDR=10.47.213.1
MODERN_ADDR=10.47.213.2
TEST_USER=virtdeck-test
# What the tests need on the modern host, and nothing else: debootstrap installs no Recommends,
# so libvirt's and QEMU's useful ones (firmware, ROMs, dnsmasq, swtpm) are named. A change here
# changes the cache key, so the next run builds a new root.
PACKAGES=(
  libvirt-daemon-system # libvirtd, virtlogd, the qemu driver, default configs and groups
  libvirt-clients       # virt-ssh-helper (the SSH transport) and virsh
  qemu-system-x86
  qemu-system-modules-spice # SPICE displays: a Recommends of qemu-system-x86, which users get
  qemu-utils
  ovmf
  seabios
  ipxe-qemu
  swtpm
  swtpm-tools
  dnsmasq-base
  netcat-openbsd # the nc fallback of qemu+ssh clients
  openssh-server
  dbus
  iproute2
  # cron (logrotate's) needs sysusers: the standalone one, not all of systemd (never run here).
  systemd-standalone-sysusers
)

LOG_PREFIX=modern-host
# shellcheck source=lib.sh
source "$REPO/scripts/test-host/lib.sh"

[[ $EUID -eq 0 ]] || die "needs root (namespaces, debootstrap). Run: sudo bash scripts/test-host/modern-host.sh"

# One run at a time (a second one would remove the first one's build or namespaces).
mkdir -p "$RUN_DIR" "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

# What the host's PID 1 runs once set up: wait, and exit on TERM.
# shellcheck disable=SC2016 # expanded by that shell
INIT_LOOP='trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done'

# pid_alive PIDFILE: true if PIDFILE names a live process that is the namespace's PID 1 (its
# command line is INIT_LOOP's), not a zombie, nor a process that got the pid after a reboot.
pid_alive() {
  local pid
  [[ -r "$1" ]] || return 1
  pid="$(tr -dc '0-9' <"$1")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$INIT_LOOP"
}

INIT_PID_FILE="$RUN_DIR/init.pid"

# in_host CMD...: runs CMD inside the modern host (its namespaces and root), as root.
# (fd 9, the run lock, is closed for it: a daemon started there would hold the lock forever.)
in_host() {
  # env -C: nsenter's --wd=/ would name this side's / (outside the host's root).
  nsenter --target "$(cat "$INIT_PID_FILE")" --mount --pid --net --root -- env -C / "$@" 9>&-
}

# remove_old_roots: the cached roots of older package lists or recipes (the host is stopped).
remove_old_roots() {
  find "$CACHE" -mindepth 1 -maxdepth 1 -name "$SUITE-*" ! -path "$ROOT" -exec rm -rf {} +
}

stop_host() {
  if pid_alive "$INIT_PID_FILE"; then
    local pid
    pid="$(cat "$INIT_PID_FILE")"
    log "stopping the modern host (namespace PID 1 is $pid)"
    # PID 1 of the namespace exits on TERM; the kernel then kills everything else in it, and the
    # mount namespace (overlay, /proc, /dev...) goes with the last process.
    kill -TERM "$pid"
    for ((i = 0; i < 100; i++)); do
      [[ -d /proc/$pid ]] || break
      sleep 0.1
    done
    [[ ! -d /proc/$pid ]] || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$INIT_PID_FILE"
  ip link del "$VETH_HOST" 2>/dev/null || true
  ip netns del "$NETNS" 2>/dev/null || true
}

if [[ "${1:-}" == --stop ]]; then
  stop_host
  rm -f "$STATE/modern.json"
  log "stopped"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# 1. The root, built once per package list.

# BUILD_RECIPE: bump when build_root changes, so existing caches are rebuilt.
BUILD_RECIPE=1
KEY="$(printf '%s\n' "$SUITE" "$BUILD_RECIPE" "${PACKAGES[@]}" | sha256sum | cut -c1-12)"
ROOT="$CACHE/$SUITE-$KEY"

# build_root DIR: a minbase trixie in DIR, then the packages by apt inside it. Not debootstrap's
# --include: its resolver takes the first of alternatives and installs them in one dpkg call,
# which fails on trixie (systemd pre-depends on libsystemd-shared, pulled in by cron-daemon-common's
# "systemd | systemd-standalone-sysusers"); apt orders and picks correctly.
# (Called in an || list, where set -e does not apply: each step returns on failure itself.)
build_root() {
  local dir="$1"
  debootstrap --variant=minbase "$SUITE" "$dir" "$MIRROR" || return 1
  # No service starts during the install: an openssh-server postinst would otherwise start an
  # sshd on this machine's port 22.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d" || return 1
  chmod 0755 "$dir/usr/sbin/policy-rc.d" || return 1
  # In a mount namespace of its own, so a killed build leaves no /proc mounted in the root.
  unshare --mount --fork -- chroot "$dir" /bin/bash -euc '
    mount -t proc proc /proc
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
    apt-get clean
    rm -rf /var/lib/apt/lists/*' build "${PACKAGES[@]}" || return 1
  rm -f "$dir/usr/sbin/policy-rc.d"
  [[ -x "$dir/usr/sbin/libvirtd" ]]
}

if [[ ! -x "$ROOT/usr/sbin/libvirtd" ]]; then
  if ! command -v debootstrap >/dev/null || [[ ! -e /usr/share/debootstrap/scripts/$SUITE ]]; then
    log "installing debootstrap"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Use-Pty=0 debootstrap debian-archive-keyring >/dev/null
  fi
  # Half-made roots of killed builds go first. Roots of older package lists go when the host
  # next starts (remove_old_roots): a running host has one as its overlay's lower layer.
  find "$CACHE" -mindepth 1 -maxdepth 1 -name ".build-*" -exec rm -rf {} +
  tmp="$CACHE/.build-$KEY.$$"
  log "building the $SUITE root (debootstrap + apt-get, a few minutes; log: $CACHE/build.log)"
  started=$SECONDS
  build_root "$tmp" >"$CACHE/build.log" 2>&1 || {
    rm -rf "$tmp"
    die "building the $SUITE root failed (last lines of $CACHE/build.log):
$(tail -n 15 "$CACHE/build.log")"
  }
  mv "$tmp" "$ROOT"
  log "fresh build took $((SECONDS - started)) s"
fi
if [[ "${1:-}" == --build ]]; then
  log "root ready: $ROOT"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# 2. What the host shares with the main test host: the test user's password and client keys.

PASSWORD_FILE="$STATE/$TEST_USER.password"
AUTH_KEYS="$STATE/authorized_keys"
CLIENT_KEY="$STATE/id_ed25519"
[[ -s "$PASSWORD_FILE" && -s "$AUTH_KEYS" && -s "$CLIENT_KEY" ]] ||
  die "no test user secrets in $STATE: run the main test host first: bash scripts/test-host/up.sh"

chmod 0700 "$RUN_DIR"
HOST_KEY="$RUN_DIR/ssh_host_ed25519_key"
[[ -s "$HOST_KEY" ]] || ssh-keygen -q -t ed25519 -N '' -C virtdeck-modern-host -f "$HOST_KEY" <<<y >/dev/null

# ---------------------------------------------------------------------------------------------
# 3. The namespaces and the daemons.

# sshd_listening: something listens on port 22 inside the host's network namespace.
sshd_listening() {
  ip netns exec "$NETNS" awk '$4 == "0A" && $2 ~ /:0016$/ { found = 1 } END { exit !found }' \
    /proc/net/tcp
}

host_answers() {
  pid_alive "$INIT_PID_FILE" && [[ "$(cat "$RUN_DIR/root" 2>/dev/null)" == "$ROOT" ]] &&
    in_host virsh -q -c qemu:///system uri >/dev/null 2>&1 && sshd_listening
}

# PID 1 of the host's PID namespace, run by unshare inside the network namespace. It mounts the
# overlay and the kernel file systems into it, records its own PID as seen from here (the ppid
# of a child, read from this side's /proc before the host's own /proc is mounted), makes the
# overlay the namespace's root and waits; TERM ends it, and with it every process of the host.
# bash reaps the orphans that the daemons' double forks leave to it.
# pivot_root, not chroot: libvirtd enters each guest's mount namespace with setns(), which resets
# the root to the namespace's own, so under a chroot it looked for disks and /dev/pts outside the
# host's root ("Failed to create PTY", "unable to stat ... qcow2").
# shellcheck disable=SC2016 # expanded by the inner shell
INIT_SCRIPT='
set -eu
outer_pid="$(cut -d" " -f4 /proc/self/stat)"
M="$RUN_DIR/merged"
mount -t overlay overlay -o "lowerdir=$ROOT,upperdir=$RUN_DIR/upper,workdir=$RUN_DIR/work" "$M"
mount -t proc proc "$M/proc"
mount -t sysfs sysfs "$M/sys"
# A /dev of its own with only what daemons and QEMU use: no kvm, so guests run under TCG (nested
# KVM hangs guests on this machine), and no host disks.
mount -t tmpfs -o mode=0755,size=8m dev "$M/dev"
mknod -m 666 "$M/dev/null" c 1 3
mknod -m 666 "$M/dev/zero" c 1 5
mknod -m 666 "$M/dev/full" c 1 7
mknod -m 666 "$M/dev/random" c 1 8
mknod -m 666 "$M/dev/urandom" c 1 9
mknod -m 666 "$M/dev/tty" c 5 0
mkdir "$M/dev/pts" "$M/dev/shm" "$M/dev/net"
# A guest NIC on a virtual network is a tap device, opened through /dev/net/tun.
mknod -m 666 "$M/dev/net/tun" c 10 200
# Its own devpts instance: the ptys of guest serial consoles and SSH sessions.
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$M/dev/pts"
# A real ptmx node, as udev makes it (kernels since 4.7 open the devpts mounted beside it). Not a
# symlink to pts/ptmx: QEMU, in the /dev libvirt builds for each guest, then found no PTY.
mknod -m 666 "$M/dev/ptmx" c 5 2
mount -t tmpfs -o mode=1777 shm "$M/dev/shm"
ln -s /proc/self/fd "$M/dev/fd"
ln -s /proc/self/fd/0 "$M/dev/stdin"
ln -s /proc/self/fd/1 "$M/dev/stdout"
ln -s /proc/self/fd/2 "$M/dev/stderr"
mount -t tmpfs -o mode=0755 run "$M/run"
mount -t tmpfs -o mode=1777 tmp "$M/tmp"
echo "$outer_pid" >"$RUN_DIR/init.pid.new"
mv "$RUN_DIR/init.pid.new" "$RUN_DIR/init.pid"
hostname virtdeck-modern
printf "127.0.0.1 localhost\n127.0.1.1 virtdeck-modern\n" >"$M/etc/hosts"
cd "$M"
pivot_root . .
umount -l .
exec /bin/bash -c "$INIT_LOOP"
'

start_namespaces() {
  log "starting the namespaces ($NETNS, $MODERN_ADDR)"
  rm -rf "$RUN_DIR/upper" "$RUN_DIR/work"
  mkdir -p "$RUN_DIR/upper" "$RUN_DIR/work" "$RUN_DIR/merged"
  printf '%s\n' "$ROOT" >"$RUN_DIR/root"
  ip netns add "$NETNS"
  ip link add "$VETH_HOST" type veth peer name "$VETH_NS" netns "$NETNS"
  ip addr add "$HOST_ADDR/30" dev "$VETH_HOST"
  ip link set "$VETH_HOST" up
  ip -n "$NETNS" addr add "$MODERN_ADDR/30" dev "$VETH_NS"
  ip -n "$NETNS" link set "$VETH_NS" up
  ip -n "$NETNS" link set lo up
  # setsid + nohup: detached from this script's session so it outlives CI's shell.
  RUN_DIR="$RUN_DIR" ROOT="$ROOT" INIT_LOOP="$INIT_LOOP" setsid nohup ip netns exec "$NETNS" \
    unshare --mount --pid --uts --fork --propagation private bash -c "$INIT_SCRIPT" \
    </dev/null >>"$RUN_DIR/init.log" 2>&1 9>&- &
  wait_for 20 "the host's PID 1 (see $RUN_DIR/init.log)" pid_alive "$INIT_PID_FILE"
}

# Inside the host, as its root: the test user, libvirtd's socket access, sshd's config, then the
# daemons in order (dbus -> virtlogd -> libvirtd -> sshd). The upper layer is new on each start,
# so these write whole files instead of editing.
start_daemons() {
  log "starting dbus, virtlogd, libvirtd and sshd inside"
  # Passed in the environment, not as arguments: /proc/PID/environ is private to root.
  MH_USER="$TEST_USER" MH_PASSWORD="$(cat "$PASSWORD_FILE")" MH_AUTH_KEYS="$(cat "$AUTH_KEYS")" \
    MH_HOST_KEY="$(cat "$HOST_KEY")" MH_HOST_KEY_PUB="$(cat "$HOST_KEY.pub")" MH_ADDR="$MODERN_ADDR" \
    in_host bash -s <"$REPO/scripts/test-host/modern-host-inside.sh"
  wait_for 10 "sshd on $MODERN_ADDR:22" sshd_listening
}

# ssh_check: logs in as the tests do, with this checkout's key; prints what the host answered.
ssh_check() {
  ssh -i "$CLIENT_KEY" -o BatchMode=yes -o IdentitiesOnly=yes \
    -o UserKnownHostsFile="$KNOWN_HOSTS" -o StrictHostKeyChecking=yes -o ConnectTimeout=10 \
    -o LogLevel=ERROR "$TEST_USER@$MODERN_ADDR" \
    'virsh -c qemu:///system version >/dev/null && command -v virt-ssh-helper' </dev/null 2>&1
}

KNOWN_HOSTS_LINE="$MODERN_ADDR $(cut -d' ' -f1,2 "$HOST_KEY.pub")"
KNOWN_HOSTS="$RUN_DIR/known_hosts"
printf '%s\n' "$KNOWN_HOSTS_LINE" | write_if_changed "$KNOWN_HOSTS" 0644 || true

started=$SECONDS
if host_answers && ssh_check >/dev/null; then
  log "already up"
else
  # Not running, or started by another checkout (whose test keys this one does not have).
  stop_host
  remove_old_roots
  start_namespaces
  start_daemons
  log "started in $((SECONDS - started)) s"
fi

# ---------------------------------------------------------------------------------------------
# 4. Checked end to end over SSH as the tests connect, then modern.json for testHost.ts.

out="$(ssh_check)" ||
  die "SSH check of the modern host failed (logs: $RUN_DIR/merged/var/log is only visible inside;
run: nsenter -t \$(cat $INIT_PID_FILE) -m -p -n -r cat /var/log/sshd.log): $out"
[[ "$out" == */virt-ssh-helper ]] || die "virt-ssh-helper not found on the modern host: $out"

LIBVIRT_VERSION="$(in_host libvirtd --version | awk '{ print $NF }')"
QEMU_VERSION="$(in_host qemu-system-x86_64 --version | awk 'NR == 1 { print $4 }')"

write_if_changed "$STATE/modern.json" 0600 <<EOF || true
{
  "sshHost": $(json_str "$MODERN_ADDR"),
  "sshPort": 22,
  "user": $(json_str "$TEST_USER"),
  "password": $(json_str "$(cat "$PASSWORD_FILE")"),
  "clientKey": $(json_str "$CLIENT_KEY"),
  "knownHostsLine": $(json_str "$KNOWN_HOSTS_LINE"),
  "libvirtVersion": $(json_str "$LIBVIRT_VERSION"),
  "qemuVersion": $(json_str "$QEMU_VERSION"),
  "initPidFile": $(json_str "$INIT_PID_FILE")
}
EOF
if [[ -n "${SUDO_UID:-}" && "${SUDO_UID}" != 0 ]]; then
  chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$STATE/modern.json"
fi

log "up: $SUITE with libvirt $LIBVIRT_VERSION, QEMU $QEMU_VERSION; sshd $MODERN_ADDR:22 (namespace PID 1: $(cat "$INIT_PID_FILE")), env $STATE/modern.json ($((SECONDS - started)) s)"
