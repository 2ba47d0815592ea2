/**
 * Guests, volumes and files for the delete tests, on either libvirt generation: domain XML with
 * any disks (optionally UEFI with an emulated TPM), volumes (linked clones too), files in no pool
 * owned by the SSH test user (so the app's SFTP can delete them), and the host's own file system
 * as seen from here (`gen.localPath`).
 */
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { destroyDomain, listAllDomains, undefineDomain } from '../../../src/main/libvirt/domain';
import { virDomainUndefineFlagsValues as undefineFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import type { StoragePoolRef, StorageVolumeRef } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { createVolume, getVolumePath } from '../../../src/main/libvirt/storageVolume';
import { xmlEscape } from '../../support/libvirtFixtures';
import type { LibvirtGeneration } from '../../support/transports';

export const PREFIX = 'vd-delbe-';

/** Names with every kind of character a shell or XML could trip on. */
export const ODD = `it's "odd" $(touch x); ü 名`;

/** A name unique to this run, with the slice's prefix. */
export function uniqueName(what: string): string {
  return `${PREFIX}${what}-${randomBytes(3).toString('hex')}`;
}

/** The SSH test user's uid and gid on the generation's host (its own /etc/passwd). */
function userIds(gen: LibvirtGeneration): { uid: number; gid: number } {
  const line = readFileSync(gen.localPath('/etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${gen.remoteUser}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`no user ${gen.remoteUser}`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** A directory in no pool, owned by the SSH test user, for disk files the app deletes over SFTP. */
export function outsideDir(gen: LibvirtGeneration): { path: string; remove(): void } {
  const path = `/var/tmp/${uniqueName('outside')}`;
  const local = gen.localPath(path);
  mkdirSync(local, { mode: 0o755 });
  const { uid, gid } = userIds(gen);
  chownSync(local, uid, gid);
  return { path, remove: () => rmSync(local, { recursive: true, force: true }) };
}

/** A 1 MiB raw disk file at `path` on the host, owned by the SSH test user. */
export function outsideFile(gen: LibvirtGeneration, path: string): void {
  const local = gen.localPath(path);
  writeFileSync(local, Buffer.alloc(1024 * 1024));
  const { uid, gid } = userIds(gen);
  chownSync(local, uid, gid);
}

export function existsOnHost(gen: LibvirtGeneration, path: string): boolean {
  return existsSync(gen.localPath(path));
}

export interface Volume {
  vol: StorageVolumeRef;
  path: string;
}

/** A qcow2 volume; with `backing`, a linked clone (an overlay on that file). */
export async function qcow2(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
  backing?: string,
): Promise<Volume> {
  const backingXml = backing
    ? `<backingStore><path>${xmlEscape(backing)}</path><format type='qcow2'/></backingStore>`
    : '';
  const vol = await createVolume(
    rpc,
    pool,
    `<volume><name>${xmlEscape(name)}</name><capacity unit='MiB'>16</capacity>` +
      `<target><format type='qcow2'/></target>${backingXml}</volume>`,
  );
  return { vol, path: await getVolumePath(rpc, vol) };
}

export interface GuestDisk {
  path: string;
  target: string;
  format?: 'qcow2' | 'raw';
  cdrom?: boolean;
  shareable?: boolean;
}

/**
 * A TCG guest (q35) with these disks; `uefiTpm`: OVMF without Secure Boot and a TPM 2.0 (CRB);
 * `extraDevices`: more device XML as is.
 */
export function guestXml(
  name: string,
  disks: GuestDisk[],
  options: { uefiTpm?: boolean; extraDevices?: string } = {},
): string {
  const os = options.uefiTpm
    ? `<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type>
      <firmware><feature enabled='no' name='secure-boot'/></firmware><boot dev='cdrom'/></os>`
    : `<os><type arch='x86_64' machine='q35'>hvm</type><boot dev='cdrom'/></os>`;
  const diskXml = disks
    .map((d) =>
      d.cdrom
        ? `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>
        <source file='${xmlEscape(d.path)}'/><target dev='${d.target}' bus='sata'/><readonly/></disk>`
        : `<disk type='file' device='disk'><driver name='qemu' type='${d.format ?? 'qcow2'}'/>
        <source file='${xmlEscape(d.path)}'/><target dev='${d.target}' bus='virtio'/>${
          d.shareable ? '<shareable/>' : ''
        }</disk>`,
    )
    .join('\n');
  const tpm = options.uefiTpm
    ? `<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>`
    : '';
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  ${os}
  <features><acpi/></features>
  <devices>
    ${diskXml}
    ${tpm}
    ${options.extraDevices ?? ''}
    <serial type='pty'/>
    <graphics type='vnc' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics>
  </devices>
</domain>`;
}

/** Removes this slice's domains (left by this or an interrupted run) with their metadata. */
export async function removeSliceVms(rpc: RpcClient): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(
      rpc,
      dom,
      undefineFlags.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
        undefineFlags.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
        undefineFlags.VIR_DOMAIN_UNDEFINE_NVRAM |
        undefineFlags.VIR_DOMAIN_UNDEFINE_TPM,
    ).catch(() => {});
  }
}

/** virDomainSnapshotCreateFlags: VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY. */
export const SNAPSHOT_CREATE_DISK_ONLY = 16;

/** An external, disk-only snapshot of vda into `overlay` (the other disks not snapshotted). */
export function externalSnapshotXml(name: string, overlay: string, others: string[]): string {
  const rest = others.map((t) => `<disk name='${t}' snapshot='no'/>`).join('');
  return `<domainsnapshot><name>${xmlEscape(name)}</name><disks>
    <disk name='vda' snapshot='external'><driver type='qcow2'/><source file='${xmlEscape(overlay)}'/></disk>
    ${rest}</disks></domainsnapshot>`;
}
