#!/usr/bin/env bash
# A small bootable Debian 12 "bookworm" disk image with cloud-init (issue 17, part 1's last test:
# test/integration/newVm/cloudInitBoot.test.ts boots it with a NoCloud seed made by Virtdeck and
# logs in on its serial console with the user and password the seed names).
#
# Built once per machine from Debian's packages, cached as a qcow2 in $CACHE and rebuilt only
# when missing or when this script's commands change (the hash of its lines other than comments
# is the cache key). A build took 369 s here (with six test runs sharing 2 cores); the image is
# 241 MB (2 GiB virtual; the root holds 695 MB). No mount and no loop
# device: the root is debootstrap'd into a folder, made into an ext4 image with `mkfs.ext4 -d`,
# and booted by SYSLINUX from a small FAT partition (written with mtools), so the build also works
# in containers without loop devices.
#
# The image: MBR (SYSLINUX's mbr.bin), partition 1 FAT "VDBOOT" (kernel, initrd, syslinux.cfg),
# partition 2 ext4 root (last, so a grown disk leaves room after it). Kernel command line:
# console=ttyS0 (the serial console the test reads; systemd then starts a getty on it).
# cloud-init only looks for NoCloud (a `cidata` disk) and leaves networking alone: the test logs in
# over the serial console, and a NIC waiting for DHCP would only slow the boot under TCG.
#
# Prints the image's path on stdout (logs on stderr).
# Usage: sudo bash scripts/test-host/cloud-image.sh [--force]   (--force: rebuild even if cached)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SUITE=bookworm
MIRROR=http://deb.debian.org/debian
CACHE=/var/cache/virtdeck-test-host/cloud-image
IMAGE="$CACHE/debian-$SUITE-cloud-init.qcow2"
DISK_MIB=2048 # the image's virtual size; the test's VM disk is at least this
BOOT_MIB=96   # the FAT partition with the kernel and the initrd
# Fixed so syslinux.cfg and fstab can name the root before the file system exists.
ROOT_UUID=6b1f0a52-1c2e-4d8b-9a57-0c4a17c10d17
# Beyond minbase: an init, a kernel and cloud-init, without Recommends. The generic kernel, not
# Debian's "cloud" one: that one has no AHCI driver, so on a q35 machine the seed's SATA CD-ROM
# (where virt-install and Virtdeck put it) never shows up and cloud-init finds no seed.
PACKAGES=(
  systemd-sysv
  udev
  linux-image-amd64
  cloud-init
)
# The initramfs holds only what finds and mounts the root, and the seed's CD-ROM early (udev loads
# the rest from the root): a small initrd boots much faster under TCG than MODULES=most.
INITRAMFS_MODULES=(virtio_pci virtio_blk virtio_scsi sd_mod ahci ata_piix sr_mod cdrom iso9660 ext4)

LOG_PREFIX=cloud-image
# shellcheck source=lib.sh
source "$REPO/scripts/test-host/lib.sh"

[[ $EUID -eq 0 ]] || die "needs root (debootstrap, chroot). Run: sudo bash scripts/test-host/cloud-image.sh"
for tool in debootstrap mkfs.ext4 mkfs.fat mcopy syslinux sfdisk qemu-img; do
  command -v "$tool" >/dev/null || die "$tool is missing (see the REQUIRED list of scripts/test-host/up.sh)"
done
MBR_BIN=/usr/lib/syslinux/mbr/mbr.bin
[[ -r "$MBR_BIN" ]] || die "$MBR_BIN is missing (package syslinux-common)"

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

KEY="$(grep -v '^[[:space:]]*#' "${BASH_SOURCE[0]}" | sha256sum | cut -c1-12)"
if [[ "${1:-}" != --force && -s "$IMAGE" && "$(cat "$IMAGE.key" 2>/dev/null)" == "$KEY" ]]; then
  log "cached: $IMAGE"
  printf '%s\n' "$IMAGE"
  exit 0
fi

# build_root DIR: minbase bookworm plus PACKAGES, configured for a NoCloud guest on a serial console.
# (Called in an || list, where set -e does not apply: each step returns on failure itself.)
build_root() {
  local dir="$1"
  debootstrap --variant=minbase "$SUITE" "$dir" "$MIRROR" || return 1
  # No service starts in the chroot during the install.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d" || return 1
  chmod 0755 "$dir/usr/sbin/policy-rc.d" || return 1
  # Read by the kernel package's initramfs hook, so written before it is installed (the module
  # list goes into the package's own conffile once it is there, and the initrd is made again).
  mkdir -p "$dir/etc/initramfs-tools/conf.d" || return 1
  printf 'MODULES=list\n' >"$dir/etc/initramfs-tools/conf.d/virtdeck-test.conf" || return 1
  # In a mount namespace of its own, so a killed build leaves no /proc mounted in the root.
  unshare --mount --fork -- chroot "$dir" /bin/bash -euc '
    mount -t proc proc /proc
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${@:2}"
    printf "%s\n" $1 >>/etc/initramfs-tools/modules
    update-initramfs -u -k all
    # A getty on the serial console whatever the kernel line says (the generator adds one for
    # console=ttyS0 too).
    systemctl enable serial-getty@ttyS0.service
    apt-get clean
    rm -rf /var/lib/apt/lists/*' build "${INITRAMFS_MODULES[*]}" "${PACKAGES[@]}" || return 1
  rm -f "$dir/usr/sbin/policy-rc.d"
  printf 'UUID=%s / ext4 defaults 0 1\n' "$ROOT_UUID" >"$dir/etc/fstab" || return 1
  # NoCloud only: ds-identify then does not probe every cloud's metadata service.
  cat >"$dir/etc/cloud/cloud.cfg.d/90-virtdeck-test.cfg" <<'CFG' || return 1
datasource_list: [NoCloud, None]
network: {config: disabled}
CFG
  # Each guest gets a machine id of its own on first boot.
  : >"$dir/etc/machine-id"
  rm -f "$dir/var/lib/dbus/machine-id"
  printf 'localhost\n' >"$dir/etc/hostname"
  ls "$dir"/boot/vmlinuz-* "$dir"/boot/initrd.img-* >/dev/null
}

# make_disk ROOTDIR RAW: the bootable raw disk RAW from the root folder.
make_disk() {
  local dir="$1" raw="$2" work kernel initrd root_mib
  work="$(dirname "$raw")"
  kernel="$(ls "$dir"/boot/vmlinuz-* | head -n1)"
  initrd="$(ls "$dir"/boot/initrd.img-* | head -n1)"
  root_mib=$((DISK_MIB - 1 - BOOT_MIB))
  truncate -s "${DISK_MIB}M" "$raw" || return 1
  printf 'label: dos\nstart=1MiB, size=%sMiB, type=c, bootable\nstart=%sMiB, type=83\n' \
    "$BOOT_MIB" "$((1 + BOOT_MIB))" | sfdisk -q "$raw" || return 1
  # The FAT partition: its boot sector counts the sectors before it (-h), as SYSLINUX needs.
  mkfs.fat -h 2048 -n VDBOOT -C "$work/boot.fat" $((BOOT_MIB * 1024)) || return 1
  cat >"$work/syslinux.cfg" <<CFG || return 1
SERIAL 0 115200
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND root=UUID=$ROOT_UUID ro console=tty0 console=ttyS0,115200n8
CFG
  mcopy -i "$work/boot.fat" "$kernel" ::vmlinuz || return 1
  mcopy -i "$work/boot.fat" "$initrd" ::initrd.img || return 1
  mcopy -i "$work/boot.fat" "$work/syslinux.cfg" ::syslinux.cfg || return 1
  syslinux --install "$work/boot.fat" || return 1
  # The root partition, filled from the folder (owners, modes and device nodes kept).
  mkfs.ext4 -q -L vd-cloud-root -U "$ROOT_UUID" -d "$dir" "$work/root.ext4" "${root_mib}M" || return 1
  dd if="$work/boot.fat" of="$raw" bs=1M seek=1 conv=notrunc,sparse status=none || return 1
  dd if="$work/root.ext4" of="$raw" bs=1M seek=$((1 + BOOT_MIB)) conv=notrunc,sparse status=none || return 1
  dd if="$MBR_BIN" of="$raw" bs=440 count=1 conv=notrunc status=none
}

# Half-made builds of killed runs go first.
find "$CACHE" -mindepth 1 -maxdepth 1 -name ".build-*" -exec rm -rf {} +
tmp="$CACHE/.build-$KEY.$$"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"
log "building the $SUITE cloud-init image (debootstrap + apt-get, a few minutes; log: $CACHE/build.log)"
started=$SECONDS
{ build_root "$tmp/root" && make_disk "$tmp/root" "$tmp/disk.raw" &&
  qemu-img convert -c -O qcow2 "$tmp/disk.raw" "$tmp/image.qcow2"; } >"$CACHE/build.log" 2>&1 ||
  die "building the image failed (last lines of $CACHE/build.log):
$(tail -n 15 "$CACHE/build.log")"
chmod 0644 "$tmp/image.qcow2"
mv -f "$tmp/image.qcow2" "$IMAGE"
printf '%s\n' "$KEY" >"$IMAGE.key"
log "built in $((SECONDS - started)) s: $IMAGE ($(du -h --apparent-size "$IMAGE" | cut -f1), root $(du -sh "$tmp/root" | cut -f1))"
printf '%s\n' "$IMAGE"
