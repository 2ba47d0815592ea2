#!/usr/bin/env bash
# Run inside the modern test host as its root by scripts/test-host/modern-host.sh (on stdin of
# bash, through nsenter), with MH_* in the environment: the test user, libvirtd's socket access,
# sshd's config, then the daemons in order (dbus -> virtlogd -> libvirtd -> sshd). The host's
# upper layer is new on each start, so this writes whole files instead of editing them.
set -euo pipefail
user="$MH_USER" password="$MH_PASSWORD" auth_keys="$MH_AUTH_KEYS" addr="$MH_ADDR"
host_key="$MH_HOST_KEY" host_key_pub="$MH_HOST_KEY_PUB"
getent group libvirt >/dev/null || groupadd -r libvirt
getent group kvm >/dev/null || groupadd -r kvm
id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash --groups libvirt,kvm "$user"
printf '%s:%s\n' "$user" "$password" | chpasswd
install -d -m 0700 -o "$user" -g "$user" "/home/$user/.ssh"
printf '%s\n' "$auth_keys" >"/home/$user/.ssh/authorized_keys"
chown "$user:$user" "/home/$user/.ssh/authorized_keys"
chmod 0600 "/home/$user/.ssh/authorized_keys"

# The main host lets group libvirt in through polkit (Debian's default auth_unix_rw="polkit").
# This one does not run polkitd (installed as a dependency only): the socket's group and mode let
# the same group in instead, as many real hosts are set up (libvirt's documented alternative to
# polkit, realistic for a test host). Only the test user is in the group.
cat >/etc/libvirt/libvirtd.conf <<'EOF'
# Written by scripts/test-host/modern-host.sh.
unix_sock_group = "libvirt"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF

rm -f /etc/ssh/ssh_host_*
printf '%s\n' "$host_key" >/etc/ssh/ssh_host_ed25519_key
printf '%s\n' "$host_key_pub" >/etc/ssh/ssh_host_ed25519_key.pub
chmod 0600 /etc/ssh/ssh_host_ed25519_key
cat >/etc/ssh/sshd_config <<EOF
# Written by scripts/test-host/modern-host.sh: as the main test host's sshd (up.sh), on port 22.
ListenAddress $addr
Port 22
HostKey /etc/ssh/ssh_host_ed25519_key
UsePAM yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $user
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
LogLevel VERBOSE
MaxStartups 200
MaxSessions 100
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
Subsystem sftp /usr/lib/openssh/sftp-server
EOF

# Debian's polkitd pulls in elogind, whose PAM module asks a logind (not running here) over
# D-Bus and gives up only after D-Bus's 25 s timeout: every SSH login took 25 s. Real hosts run
# systemd-logind; this one has no session tracking, which the tests do not use.
sed -i '/pam_elogind/d' /etc/pam.d/common-session /etc/pam.d/common-session-noninteractive

# What systemd-tmpfiles makes in /run on a booted host: /var/lock (-> /run/lock) holds the
# lock files of console PTYs (libvirt's virDomainOpenConsole).
mkdir -p -m 1777 /run/lock
mkdir -p /run/dbus /run/sshd /var/log/libvirt
chmod 0755 /run/sshd
dbus-uuidgen --ensure
# Their output goes to a file, not to this script's stdout: a caller reading it through a pipe
# would otherwise wait for daemons that never close it.
daemon_log=/var/log/virtdeck-daemons.log
dbus-daemon --system --fork </dev/null >>"$daemon_log" 2>&1
virtlogd -d </dev/null >>"$daemon_log" 2>&1
libvirtd -d </dev/null >>"$daemon_log" 2>&1
for ((i = 0; i < 300; i++)); do
  virsh -q -c qemu:///system uri >/dev/null 2>&1 && break
  sleep 0.1
done
virsh -q -c qemu:///system uri >/dev/null
/usr/sbin/sshd -t
/usr/sbin/sshd -E /var/log/sshd.log </dev/null >>"$daemon_log" 2>&1
