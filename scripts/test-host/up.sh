#!/usr/bin/env bash
# Brings up the real parts the integration tests drive (see DESIGN.md, "Test environment"):
#   - the system D-Bus, polkitd, virtlogd and libvirtd, with Debian's default libvirtd.conf
#     (auth_unix_rw = "polkit": members of group libvirt are let in by polkit's 60-libvirt.rules);
#   - two test users, virtdeck-test and virtdeck-nohelper (the latter sees no virt-ssh-helper);
#   - a private sshd on 127.0.0.1 with its own host key, client keys and config, all kept in
#     $REPO/.test-host/, which also gets env.json for test/support/testHost.ts.
#
# Idempotent: whatever is already there and working is left alone, so a second run takes well
# under a second. No systemd is needed (CI machines and containers do not run it as PID 1).
#
# Usage: bash scripts/test-host/up.sh [--verify]
#   --verify  also log in over SSH and check libvirt access and the PATH of both users (this is
#             done anyway until it has passed once for the running sshd and its config).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$REPO/.test-host"
SSHD=/usr/sbin/sshd # sshd refuses to run (re-exec) unless started by its absolute path
TEST_USER=virtdeck-test
NOHELPER_USER=virtdeck-nohelper
NOHELPER_PATH=/opt/virtdeck-nohelper-path
# What the tests run, as PROGRAM-OR-FILE:PACKAGE. Checked by the file itself, not by the package
# database: a package that is "installed" but lacks a program (a purged dependency, a diverted
# file) fails here with a name instead of deep inside a test. A package alone in the list (no
# program to check) is named with an empty first field. A path may be a glob (for a file whose
# name holds a version, as a kernel's): any match counts. Keep it in step with what test/, bench/
# and scripts/ run; a program missing here broke `npm test` on new machines before.
REQUIRED=(
  /usr/sbin/libvirtd:libvirt-daemon-system
  /usr/sbin/virtlogd:libvirt-daemon-system
  # LXC containers (issue 19): libvirt's LXC driver, loaded by libvirtd at start
  /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_lxc.so:libvirt-daemon-driver-lxc
  /usr/sbin/debootstrap:debootstrap             # an OS container's root file system made as a job
  /usr/bin/wget:wget                            # debootstrap's downloads, the mirror check
  /usr/bin/setsid:util-linux                    # debootstrap in a process group Cancel stops
  /usr/bin/virsh:libvirt-clients
  /usr/bin/virt-xml-validate:libvirt-clients
  /usr/bin/virt-ssh-helper:libvirt-clients
  /usr/bin/xmllint:libxml2-utils                # virt-xml-validate runs it
  /usr/bin/qemu-system-x86_64:qemu-system-x86
  /usr/bin/qemu-img:qemu-utils
  /usr/bin/qemu-io:qemu-utils
  /usr/lib/ipxe/qemu/efi-virtio.rom:ipxe-qemu   # PXE guests and every virtio NIC's option ROM
  /usr/share/OVMF/OVMF_CODE_4M.fd:ovmf
  /usr/sbin/dnsmasq:dnsmasq-base                # every NAT / routed network libvirt starts
  /usr/bin/swtpm:swtpm                          # TPM 2.0 devices (Windows 11 defaults)
  /usr/bin/swtpm_setup:swtpm-tools
  /usr/sbin/sshd:openssh-server
  /usr/bin/ssh-keygen:openssh-client
  /usr/bin/ssh-agent:openssh-client
  /usr/bin/xorriso:xorriso
  /usr/lib/ISOLINUX/isolinux.bin:isolinux
  /usr/lib/ISOLINUX/isohdpfx.bin:isolinux
  /usr/lib/syslinux/modules/bios/ldlinux.c32:syslinux-common
  /usr/lib/syslinux/modules/bios/cat.c32:syslinux-common
  /usr/lib/syslinux/memdisk:syslinux-common
  /usr/bin/chromium:chromium
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
  /usr/lib/polkit-1/polkitd:polkitd
  /usr/bin/dbus-daemon:dbus
  /usr/bin/nc.openbsd:netcat-openbsd
  /usr/bin/virt-install:virtinst
  /usr/bin/osinfo-detect:libosinfo-bin
  /usr/bin/osinfo-query:libosinfo-bin
  /usr/share/osinfo/VERSION:osinfo-db
  /usr/sbin/ip:iproute2
  /usr/sbin/runuser:util-linux
  /usr/sbin/blkid:util-linux                    # the cloud-init seed's label, as cloud-init finds it
  /usr/bin/openssl:openssl                      # SHA-512 crypt checked against openssl passwd -6
  /usr/bin/chattr:e2fsprogs                     # an undeletable file (the VM delete's failure test)
  /usr/sbin/mkfs.ext4:e2fsprogs                 # identity reset: a guest image made without mounting
  /usr/sbin/debugfs:e2fsprogs                   # ... and its files read back without mounting
  # Identity reset (clone): virt-sysprep and virt-customize (`dpkg -S /usr/bin/virt-sysprep`:
  # guestfs-tools; libguestfs-tools is only a package depending on it now). libguestfs boots its
  # appliance with the host's own kernel, which supermin looks for as /boot/vmlinuz-*: Debian's
  # packages do not depend on one, and a container has none. linux-image-amd64 is the meta-package
  # of the current one (it holds no file of its own to check).
  /usr/bin/virt-sysprep:guestfs-tools
  /usr/bin/virt-customize:guestfs-tools
  /boot/vmlinuz-*:linux-image-amd64
  /usr/sbin/debootstrap:debootstrap             # builds the modern host's root (modern-host.sh)
  # cloud-image.sh: a bootable cloud-init disk image made without mounting (cloud-init boot test)
  /sbin/sfdisk:fdisk
  /sbin/mkfs.fat:dosfstools
  /usr/bin/mcopy:mtools
  /usr/bin/syslinux:syslinux                    # installs the boot loader on a FAT image file
  /usr/lib/syslinux/mbr/mbr.bin:syslinux-common
)

VERIFY=0
[[ "${1:-}" == --verify ]] && VERIFY=1

LOG_PREFIX=test-host
# shellcheck source=lib.sh
source "$REPO/scripts/test-host/lib.sh"

# ---------------------------------------------------------------------------------------------
# Small helpers

# pid_alive PIDFILE EXE: true if PIDFILE names a live process whose executable is EXE. A pid file
# left by a killed daemon (or a pid since reused by something else) does not count.
pid_alive() {
  local pid
  [[ -r "$1" ]] || return 1
  pid="$(tr -dc '0-9' <"$1")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  # readlink shows " (deleted)" after a package upgrade replaced the binary: still the daemon.
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$2"* ]]
}

# random_hex N: N random bytes as hex, from the kernel (openssl/pwgen need not be installed).
random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# port_listening PORT: some socket listens on TCP PORT. Read from the kernel's tables instead of
# connecting, which would leave a "kex_exchange_identification" line in the sshd log each time.
port_listening() {
  awk -v p="$(printf '%04X' "$1")" '$4 == "0A" && $2 ~ (":" p "$") { found = 1 }
    END { exit !found }' /proc/net/tcp /proc/net/tcp6
}

# port_in_use PORT: any socket (listening or connected) has PORT as its local port.
port_in_use() {
  awk -v p="$(printf '%04X' "$1")" '$2 ~ (":" p "$") { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6
}

# ---------------------------------------------------------------------------------------------
# 1. Packages

# present PATH-OR-GLOB: the file is there (a glob: some file matches it).
present() { [[ -n "$1" ]] && compgen -G "$1" >/dev/null; }

# missing_packages: the packages of every required program or file that is not there (each
# package once, in the order above).
missing_packages() {
  local entry path pkg seen=" "
  for entry in "${REQUIRED[@]}"; do
    path="${entry%%:*}"
    pkg="${entry#*:}"
    present "$path" && continue
    [[ "$seen" == *" $pkg "* ]] && continue
    seen+="$pkg "
    printf '%s\n' "$pkg"
  done
}

# missing_programs: the required programs and files that are not there, one per line.
missing_programs() {
  local entry
  for entry in "${REQUIRED[@]}"; do present "${entry%%:*}" || printf '%s\n' "${entry%%:*}"; done
}

mapfile -t missing < <(missing_packages)

if [[ $EUID -ne 0 ]]; then
  # Everything below (daemons as root, users, a PAM-enabled sshd) needs root. Without it we
  # can only say whether a root run already left everything up.
  if ((${#missing[@]})); then
    die "the tests need programs this machine lacks: $(missing_programs | tr '\n' ' ')
Install them once, as root:
    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}
then:
    sudo bash scripts/test-host/up.sh
(it starts dbus, polkitd, virtlogd, libvirtd and a private sshd, and creates the test users)."
  fi
  if [[ -r "$STATE/env.json" ]] && pid_alive "$STATE/sshd.pid" "$SSHD" &&
    pid_alive /run/libvirtd.pid /usr/sbin/libvirtd; then
    log "already up (checked as non-root; run as root to repair or --verify)"
    exit 0
  fi
  die "the test host is not (fully) up and setting it up needs root. Run:
    sudo bash scripts/test-host/up.sh"
fi

if ((${#missing[@]})); then
  log "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # --no-install-recommends keeps out hundreds of MB (GUI toolkits, lvm2, ...) the tests do not
  # use; what they do use among libvirt's recommends (dnsmasq-base, swtpm, ipxe-qemu...) is named
  # in REQUIRED above, so it is installed and checked like everything else.
  apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
  mapfile -t still < <(missing_programs)
  ((${#still[@]} == 0)) || die "installed ${missing[*]}, but these are still missing: ${still[*]}"
fi

# ---------------------------------------------------------------------------------------------
# 2. Daemons: dbus -> polkitd -> virtlogd -> libvirtd. Order matters: libvirtd asks polkit over
# the system bus for every non-root client, and a libvirtd that could not reach the bus when it
# first tried keeps failing, so it is restarted if the polkit check below fails.

mkdir -p "$STATE"
chmod 0755 "$STATE"
DAEMON_LOG="$STATE/daemons.log"

# dbus-daemon --system refuses to start while /run/dbus/pid exists, even a stale one.
if ! pid_alive /run/dbus/pid /usr/bin/dbus-daemon || [[ ! -S /run/dbus/system_bus_socket ]]; then
  log "starting dbus-daemon --system"
  rm -f /run/dbus/pid /run/dbus/system_bus_socket
  mkdir -p /run/dbus
  dbus-uuidgen --ensure # a fresh container may have no machine id, which dbus-daemon needs
  dbus-daemon --system --fork </dev/null >>"$DAEMON_LOG" 2>&1
  wait_for 10 "the system bus" test -S /run/dbus/system_bus_socket
fi

bus_has_name() {
  dbus-send --system --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}

# polkitd writes no pid file; it is up when it owns its well-known name on the bus.
if ! bus_has_name org.freedesktop.PolicyKit1; then
  log "starting polkitd"
  # setsid+nohup: detached from this script's session and terminal so it outlives CI's shell.
  setsid nohup /usr/lib/polkit-1/polkitd --no-debug </dev/null >>"$DAEMON_LOG" 2>&1 &
  wait_for 15 "polkitd on the system bus" bus_has_name org.freedesktop.PolicyKit1
fi

# libvirt's daemons lock their pid files, so a stale file is harmless to them; it is removed
# anyway so the liveness check above stays simple to reason about.
if ! pid_alive /run/virtlogd.pid /usr/sbin/virtlogd; then
  log "starting virtlogd"
  rm -f /run/virtlogd.pid
  virtlogd -d </dev/null >>"$DAEMON_LOG" 2>&1
fi

# /dev/kvm as Debian's udev rule leaves it (root:kvm 0660). Machines without udev (containers,
# this kind of sandbox) keep the kernel's root:root 0600, and libvirt 9.0 then livelocks: its
# capability probe (run as root) finds KVM, the per-define check (as the qemu user) does not,
# and it re-probes QEMU forever ("KVM was enabled when probing ..., but it is not available
# now"); every define hangs, virsh's too. Fixed before libvirtd starts, and on a running one too
# (the livelock ends at once, no restart needed).
getent group kvm >/dev/null || groupadd -r kvm
if [[ -c /dev/kvm ]] && [[ "$(stat -c '%G %a' /dev/kvm)" != "kvm 660" ]]; then
  log "giving /dev/kvm Debian's udev ownership (root:kvm 0660; was $(stat -c '%U:%G %a' /dev/kvm))"
  chgrp kvm /dev/kvm
  chmod 0660 /dev/kvm
fi

# libvirtd runs in a mount namespace of its own, without the hybrid cgroup2 mount at
# /sys/fs/cgroup/unified: with it, libvirt's LXC driver takes the machine for a cgroup v2 host and
# every container fails to start ("Unable to create directory /sys/fs/cgroup/unified"). Only the
# daemon's view changes (propagation private); the machine keeps its mounts, and QEMU guests run
# as before.
start_libvirtd() {
  log "starting libvirtd (own mount namespace, no /sys/fs/cgroup/unified)"
  rm -f /run/libvirtd.pid
  unshare -m --propagation private sh -c \
    'if mountpoint -q /sys/fs/cgroup/unified; then umount -l /sys/fs/cgroup/unified; fi; exec libvirtd -d' \
    </dev/null >>"$DAEMON_LOG" 2>&1
  wait_for 30 "libvirtd to answer on /run/libvirt/libvirt-sock" \
    virsh -q -c qemu:///system uri
}

# libvirtd_current: the running daemon has the LXC driver and its own mount namespace (one started
# by an older up.sh, or before the driver was installed, has neither).
libvirtd_current() {
  local pid
  pid="$(tr -dc '0-9' </run/libvirtd.pid)"
  [[ "$(readlink "/proc/$pid/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ]] &&
    virsh -q -c lxc:///system uri >/dev/null 2>&1
}

stop_libvirtd() {
  local pid
  pid="$(tr -dc '0-9' </run/libvirtd.pid)"
  log "restarting libvirtd (pid $pid): ${1:-polkit check failed, it probably started before dbus}"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    [[ -d /proc/$pid ]] || break
    sleep 0.1
  done
  if [[ -d /proc/$pid ]]; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f /run/libvirtd.pid
}

if ! pid_alive /run/libvirtd.pid /usr/sbin/libvirtd; then
  start_libvirtd
elif ! virsh -q -c qemu:///system uri >/dev/null 2>&1; then
  # Alive but not answering (still starting, or wedged): give it a moment, then replace it.
  if ! (wait_for 10 "libvirtd" virsh -q -c qemu:///system uri) 2>/dev/null; then
    stop_libvirtd
    start_libvirtd
  fi
fi
if ! libvirtd_current; then
  stop_libvirtd "it lacks the LXC driver or shares the machine's mount namespace"
  start_libvirtd
fi

# ---------------------------------------------------------------------------------------------
# 3. Test users. Their passwords are made once per machine and kept in MACHINE_STATE, because
# users are machine-wide: another checkout's up.sh (CI's fresh clone next to a developer's tree)
# must not change a password that this checkout's env.json still holds. Each state dir gets a
# copy; chpasswd runs every time so the system always agrees with it.

MACHINE_STATE=/var/lib/virtdeck-test-host
mkdir -p "$MACHINE_STATE"
chmod 0700 "$MACHINE_STATE"

getent group libvirt >/dev/null || groupadd -r libvirt

password_file() { printf '%s/%s.password' "$STATE" "$1"; }

for u in "$TEST_USER" "$NOHELPER_USER"; do
  if ! id "$u" >/dev/null 2>&1; then
    log "creating user $u"
    useradd --create-home --shell /bin/bash --groups libvirt,kvm "$u"
  else
    groups=" $(id -nG "$u") "
    [[ "$groups" == *" libvirt "* && "$groups" == *" kvm "* ]] || usermod -a -G libvirt,kvm "$u"
  fi
  machine_pf="$MACHINE_STATE/$u.password"
  pf="$(password_file "$u")"
  if [[ ! -s "$machine_pf" ]]; then
    # First checkout on this machine: adopt this state dir's password if it has one.
    if [[ -s "$pf" ]]; then cp "$pf" "$machine_pf"; else (umask 077 && random_hex 12 >"$machine_pf"); fi
    chmod 0600 "$machine_pf"
  fi
  cmp -s "$machine_pf" "$pf" || (umask 077 && cp "$machine_pf" "$pf")
  chmod 0600 "$pf"
  printf '%s:%s\n' "$u" "$(cat "$pf")" | chpasswd
done

# polkit as the libvirt group sees it: a non-root client must be let in by 60-libvirt.rules.
# (Opening the connection is where the check happens; `uri` then costs nothing more. Root is let
# in without asking polkit, so only this tells that libvirtd can reach polkitd.)
libvirt_as_user() { runuser -u "$TEST_USER" -- virsh -q -c qemu:///system uri; }
if ! libvirt_as_user >/dev/null 2>&1; then
  stop_libvirtd
  start_libvirtd
  if ! err="$(libvirt_as_user 2>&1)"; then
    die "libvirtd does not let $TEST_USER (group libvirt) in through polkit: $err"
  fi
fi

# The no-helper user's PATH: a directory of symlinks to everything in /usr/bin and /bin except
# virt-ssh-helper, so `ssh host virt-ssh-helper` fails for that user just as on a host without
# the libvirt client tools. Rebuilt only when /usr/bin changed (a package was installed).
if [[ ! -e "$NOHELPER_PATH/.stamp" || /usr/bin -nt "$NOHELPER_PATH/.stamp" || -e "$NOHELPER_PATH/virt-ssh-helper" ]]; then
  log "building $NOHELPER_PATH"
  tmpdir="$(mktemp -d /opt/.virtdeck-nohelper-path.XXXXXX)"
  # One ln for all names (fast). /bin is usually a symlink to /usr/bin; where it is not, its
  # entries are added after, without replacing those from /usr/bin.
  ln -s /usr/bin/* "$tmpdir/"
  if [[ "$(readlink -f /bin)" != /usr/bin ]]; then
    for f in /bin/*; do [[ -e "$tmpdir/${f##*/}" ]] || ln -s "$f" "$tmpdir/"; done
  fi
  rm -f "$tmpdir/virt-ssh-helper"
  touch "$tmpdir/.stamp"
  chmod 0755 "$tmpdir"
  rm -rf "$NOHELPER_PATH"
  mv "$tmpdir" "$NOHELPER_PATH"
fi

# ---------------------------------------------------------------------------------------------
# 4. Keys and secrets for the private sshd (made once, kept across runs).

HOST_KEY="$STATE/ssh_host_ed25519_key"
CLIENT_KEY="$STATE/id_ed25519"
CLIENT_KEY_ENC="$STATE/id_ed25519_encrypted"
PASSPHRASE_FILE="$STATE/client_key_passphrase"
AUTH_KEYS="$STATE/authorized_keys"
SSHD_CONFIG="$STATE/sshd_config"
SSHD_PID="$STATE/sshd.pid"
SSHD_LOG="$STATE/sshd.log"
PORT_FILE="$STATE/port"

[[ -s "$HOST_KEY" ]] || ssh-keygen -q -t ed25519 -N '' -C virtdeck-test-host -f "$HOST_KEY" <<<y >/dev/null
[[ -s "$CLIENT_KEY" ]] || ssh-keygen -q -t ed25519 -N '' -C virtdeck-test-client -f "$CLIENT_KEY" <<<y >/dev/null
if [[ ! -s "$PASSPHRASE_FILE" || ! -s "$CLIENT_KEY_ENC" ]]; then
  (umask 077 && random_hex 12 >"$PASSPHRASE_FILE")
  ssh-keygen -q -t ed25519 -N "$(cat "$PASSPHRASE_FILE")" -C virtdeck-test-client-encrypted \
    -f "$CLIENT_KEY_ENC" <<<y >/dev/null
fi
chmod 0600 "$HOST_KEY" "$CLIENT_KEY" "$CLIENT_KEY_ENC" "$PASSPHRASE_FILE"

# The checkout keeps the list (modern-host.sh reads it there), but sshd reads AuthorizedKeysFile
# with the user's rights, and a checkout often sits below a folder only its owner may enter
# (Debian 12 makes homes 0700; mktemp -d makes 0700 folders). So sshd reads a copy in a
# world-searchable folder of its own, one per checkout (keyed by the checkout's path).
cat "$CLIENT_KEY.pub" "$CLIENT_KEY_ENC.pub" | write_if_changed "$AUTH_KEYS" 0644 || true
SSHD_KEYS_DIR="/var/lib/virtdeck-test-sshd/$(printf '%s' "$REPO" | sha256sum | cut -c1-12)"
mkdir -p "$SSHD_KEYS_DIR"
chmod 0755 /var/lib/virtdeck-test-sshd "$SSHD_KEYS_DIR"
SSHD_AUTH_KEYS="$SSHD_KEYS_DIR/authorized_keys"
write_if_changed "$SSHD_AUTH_KEYS" 0644 <"$AUTH_KEYS" || true
if ! runuser -u "$TEST_USER" -- test -r "$SSHD_AUTH_KEYS"; then
  die "$SSHD_AUTH_KEYS is not readable by $TEST_USER, so sshd cannot check the test users' keys"
fi

# ---------------------------------------------------------------------------------------------
# 5. The private sshd.

sshd_running() { pid_alive "$SSHD_PID" "$SSHD"; }

# The port is chosen once and kept while it stays free, so env.json (and anything a developer
# pasted from it) stays valid. Picked below 32768, outside Linux's ephemeral range, so that
# outgoing connections do not take it.
PORT=""
[[ -s "$PORT_FILE" ]] && PORT="$(tr -dc '0-9' <"$PORT_FILE")"
if ! sshd_running; then
  if [[ -z "$PORT" ]] || port_in_use "$PORT"; then
    for ((i = 0; i < 50; i++)); do
      PORT=$((20000 + RANDOM % 12000))
      port_in_use "$PORT" || break
    done
    printf '%s\n' "$PORT" >"$PORT_FILE"
  fi
fi
[[ -n "$PORT" ]] || die "no port recorded for the running sshd ($PORT_FILE)"

changed=0
write_if_changed "$SSHD_CONFIG" 0644 <<EOF && changed=1 || true
# Private sshd for Virtdeck's integration tests; written by scripts/test-host/up.sh.
ListenAddress 127.0.0.1
Port $PORT
HostKey $HOST_KEY
PidFile $SSHD_PID
AuthorizedKeysFile $SSHD_AUTH_KEYS
# The keys live in the checkout, owned by root: skip the per-user ownership checks.
StrictModes no
UsePAM yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $TEST_USER $NOHELPER_USER
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
LogLevel VERBOSE
ClientAliveInterval 0
# Tests open many connections at once; the default 10:30:100 drops some of them at random.
MaxStartups 200
MaxSessions 100
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
# As on a stock Debian host (a separate sftp-server process per SFTP session).
Subsystem sftp /usr/lib/openssh/sftp-server

# libguestfs (virt-sysprep: the clone's identity reset) boots a small appliance VM with KVM when
# /dev/kvm is there. Where this host is itself a VM without working nested KVM, that fails ("failed
# to set MSR 0x10a") though /dev/kvm exists; force_tcg makes it use TCG, as every test guest does.
# A fact of the test machine, not of real hosts: so it is set here (and in vitest.config.ts for
# the tests' own processes), never by the app. A SetEnv in a Match block replaces one given outside
# it (OpenSSH 9.2 drops the other's variables), so each user's Match block carries all of its own.
Match User $TEST_USER
    SetEnv LIBGUESTFS_BACKEND_SETTINGS=force_tcg
Match User $NOHELPER_USER
    SetEnv PATH=$NOHELPER_PATH LIBGUESTFS_BACKEND_SETTINGS=force_tcg
EOF

mkdir -p /run/sshd # privilege separation directory; normally made by the init script
chmod 0755 /run/sshd
"$SSHD" -t -f "$SSHD_CONFIG" || die "sshd rejects $SSHD_CONFIG"

if sshd_running; then
  if ((changed)); then
    # SIGHUP makes sshd re-exec itself and re-read the config; the port stays the same.
    log "config changed: reloading sshd"
    kill -HUP "$(cat "$SSHD_PID")"
    sleep 0.3
    rm -f "$STATE/verified"
  fi
else
  log "starting sshd on 127.0.0.1:$PORT"
  rm -f "$SSHD_PID" "$STATE/verified"
  "$SSHD" -f "$SSHD_CONFIG" -E "$SSHD_LOG" </dev/null
  VERIFY=1
fi
wait_for 10 "sshd to listen on 127.0.0.1:$PORT" port_listening "$PORT"
# A run that stopped before its check passed leaves no mark: check again next time.
VERIFIED_MARK="$STATE/verified"
[[ "$(cat "$VERIFIED_MARK" 2>/dev/null)" == "$(cat "$SSHD_PID")" ]] || VERIFY=1

# ---------------------------------------------------------------------------------------------
# 6. env.json, read by test/support/testHost.ts.

HOST_KEY_PUB_LINE="$(cut -d' ' -f1,2 "$HOST_KEY.pub")"
KNOWN_HOSTS_LINE="[127.0.0.1]:$PORT $HOST_KEY_PUB_LINE"

write_if_changed "$STATE/env.json" 0600 <<EOF || true
{
  "sshHost": "127.0.0.1",
  "sshPort": $PORT,
  "user": $(json_str "$TEST_USER"),
  "password": $(json_str "$(cat "$(password_file "$TEST_USER")")"),
  "nohelperUser": $(json_str "$NOHELPER_USER"),
  "nohelperPassword": $(json_str "$(cat "$(password_file "$NOHELPER_USER")")"),
  "clientKey": $(json_str "$CLIENT_KEY"),
  "clientKeyEncrypted": $(json_str "$CLIENT_KEY_ENC"),
  "clientKeyPassphrase": $(json_str "$(cat "$PASSPHRASE_FILE")"),
  "hostKeyPub": $(json_str "$HOST_KEY.pub"),
  "knownHostsLine": $(json_str "$KNOWN_HOSTS_LINE"),
  "sshdConfig": $(json_str "$SSHD_CONFIG"),
  "sshdPidFile": $(json_str "$SSHD_PID"),
  "sshdLog": $(json_str "$SSHD_LOG"),
  "authorizedKeys": $(json_str "$SSHD_AUTH_KEYS"),
  "stateDir": $(json_str "$STATE")
}
EOF
printf '%s\n' "$KNOWN_HOSTS_LINE" | write_if_changed "$STATE/known_hosts" 0644 || true

# Run with sudo by a developer: let that developer's own test runs read the secrets too.
if [[ -n "${SUDO_UID:-}" && "${SUDO_UID}" != 0 ]]; then
  chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$STATE/env.json" "$CLIENT_KEY" "$CLIENT_KEY_ENC" \
    "$PASSPHRASE_FILE" "$STATE"/*.password
fi

# ---------------------------------------------------------------------------------------------
# 7. End-to-end check over SSH (after a (re)start, or with --verify): the key logs in, polkit lets
# the user into qemu:///system, and only virtdeck-test has virt-ssh-helper on its PATH.

ssh_as() {
  local user="$1"
  shift
  ssh -i "$CLIENT_KEY" -p "$PORT" -o BatchMode=yes -o IdentitiesOnly=yes \
    -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes \
    -o ConnectTimeout=10 -o LogLevel=ERROR "$user@127.0.0.1" "$@" </dev/null
}

if ((VERIFY)); then
  out="$(ssh_as "$TEST_USER" 'virsh -c qemu:///system list --all >/dev/null && command -v virt-ssh-helper')" ||
    die "SSH check failed for $TEST_USER (see $SSHD_LOG): $out"
  [[ "$out" == */virt-ssh-helper ]] || die "virt-ssh-helper not found for $TEST_USER: $out"
  out="$(ssh_as "$NOHELPER_USER" 'command -v virt-ssh-helper; echo "rc=$?"; command -v cat')" ||
    die "SSH check failed for $NOHELPER_USER (see $SSHD_LOG): $out"
  [[ "$out" == $'rc=1\n'"$NOHELPER_PATH/cat" ]] ||
    die "unexpected PATH for $NOHELPER_USER (want no virt-ssh-helper, but cat): $out"
  # Password and keyboard-interactive logins are enabled (checked without a password prompt
  # tool: the effective config says so).
  # (Captured first: grep -q would close the pipe early and pipefail would report sshd's SIGPIPE.)
  eff="$("$SSHD" -T -f "$SSHD_CONFIG" -C "user=$TEST_USER,host=localhost,addr=127.0.0.1")"
  for opt in 'passwordauthentication yes' 'kbdinteractiveauthentication yes' 'usepam yes'; do
    grep -qx "$opt" <<<"$eff" || die "sshd's effective config lacks '$opt'"
  done
  cat "$SSHD_PID" >"$VERIFIED_MARK"
fi

bash "$REPO/scripts/test-host/libvirt-corpus.sh" >/dev/null || log "libvirt XML corpus not available (the XML round-trip test will fetch it)"

# 8. The second, modern host (Debian 13 in namespaces of its own; built once per machine and
# cached, 3.5 to 6 minutes the first time, seconds after).
bash "$REPO/scripts/test-host/modern-host.sh"

# 9. A Debian 12 disk image with cloud-init for the cloud-init boot test (built once per machine
# and cached: about 6 minutes the first time, nothing after).
bash "$REPO/scripts/test-host/cloud-image.sh" >/dev/null

log "up: sshd 127.0.0.1:$PORT (pid $(cat "$SSHD_PID")), libvirtd pid $(tr -dc '0-9' </run/libvirtd.pid), users $TEST_USER/$NOHELPER_USER, env $STATE/env.json"
