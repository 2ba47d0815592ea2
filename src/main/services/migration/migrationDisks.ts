/**
 * The disks of a migration. With storage `copy`, libvirt copies each writable file disk over NBD
 * into a file at the same path on the target, which must exist first: it is made here as a volume
 * of the target's pool for that directory (same name, format and size), and deleted again when
 * the migration fails or is cancelled (libvirt would make it itself but never removes it).
 * Read-only disks and CD-ROMs are not copied: the target must hold them already, as must it
 * every disk with storage `shared`.
 */
import type { Element } from '@xmldom/xmldom';
import { posix } from 'node:path';
import type { MigrationOptions } from '../../../shared/api/methods/migration';
import { getPoolInfo, getPoolXml, listAllStoragePools } from '../../libvirt/storagePool';
import {
  createVolume,
  deleteVolume,
  getVolumeInfo,
  lookupVolumeByPath,
} from '../../libvirt/storageVolume';
import type { RpcClient } from '../../libvirt/rpc/client';
import { undefinedIfNotFound } from '../../libvirt/rpc/errors';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import { readDisk } from '../../xml/edits/domain/disks';
import { readPoolXml, storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { childElements, firstChild } from '../../xml/xmlDocument';

/** A disk libvirt copies, and the volume made for it on the target. */
export interface DiskCopy {
  /** The disk's target dev (vda). */
  target: string;
  path: string;
  format: string;
  /** Bytes in use on the source: what is copied. */
  bytes: number;
  capacity: number;
  pool: StoragePoolRef;
}

export async function planDiskCopies(
  source: RpcClient,
  target: RpcClient,
  domain: Element,
  storage: MigrationOptions['storage'],
  targetLabel: string,
): Promise<{ copies: DiskCopy[]; problems: string[] }> {
  const devices = firstChild(domain, 'devices');
  const copies: DiskCopy[] = [];
  const problems: string[] = [];
  const pools = storage === 'copy' ? await poolsByDirectory(target) : new Map<string, TargetPool>();
  for (const el of devices ? childElements(devices, 'disk') : []) {
    const disk = readDisk(el);
    if (!disk.source) continue; // an empty CD-ROM drive
    const kind = el.getAttribute('type') ?? 'file';
    const copied = storage === 'copy' && disk.kind === 'disk' && !disk.readonly && !disk.shareable;
    if (!copied) {
      // Not copied: the target must hold the file already (a pool's volume, so it can say).
      if (
        kind === 'file' &&
        !(await lookupVolumeByPath(target, disk.source).catch(undefinedIfNotFound))
      ) {
        problems.push(
          `${disk.label} (${disk.source}) is in no storage pool of ${targetLabel}: ` +
            (storage === 'copy'
              ? 'read-only disks and CD-ROMs are not copied; put the file there or eject it'
              : 'shared storage needs the same path on both hosts'),
        );
      }
      continue;
    }
    if (kind !== 'file') {
      problems.push(`${disk.label} is a ${kind} disk: only file disks can be copied`);
      continue;
    }
    const vol = await lookupVolumeByPath(source, disk.source).catch(undefinedIfNotFound);
    if (!vol) {
      problems.push(`${disk.label} (${disk.source}) is in no storage pool: its size is not known`);
      continue;
    }
    const info = await getVolumeInfo(source, vol);
    const dir = posix.dirname(disk.source);
    const pool = pools.get(dir);
    if (!pool) {
      problems.push(`${targetLabel} has no storage pool for ${dir}, where ${disk.label} goes`);
    } else if (!pool.active) {
      problems.push(`The storage pool "${pool.ref.name}" on ${targetLabel} is not running`);
    } else if (await lookupVolumeByPath(target, disk.source).catch(undefinedIfNotFound)) {
      problems.push(`${disk.source} exists on ${targetLabel} already`);
    } else {
      copies.push({
        target: disk.label,
        path: disk.source,
        format: disk.format ?? 'raw',
        bytes: info.allocation,
        capacity: info.capacity,
        pool: pool.ref,
      });
    }
  }
  problems.push(...(await roomProblems(target, copies, targetLabel)));
  return { copies, problems };
}

interface TargetPool {
  ref: StoragePoolRef;
  active: boolean;
}

/** The target's directory pools by their directory. */
async function poolsByDirectory(rpc: RpcClient): Promise<Map<string, TargetPool>> {
  const pools = new Map<string, TargetPool>();
  for (const ref of await listAllStoragePools(rpc)) {
    const { path } = readPoolXml(await getPoolXml(rpc, ref));
    if (!path) continue;
    const active = (await getPoolInfo(rpc, ref)).state === 'running';
    pools.set(posix.normalize(path).replace(/\/$/, ''), { ref, active });
  }
  return pools;
}

async function roomProblems(
  rpc: RpcClient,
  copies: DiskCopy[],
  targetLabel: string,
): Promise<string[]> {
  const needed = new Map<string, { pool: StoragePoolRef; bytes: number }>();
  for (const c of copies) {
    const entry = needed.get(c.pool.name) ?? { pool: c.pool, bytes: 0 };
    entry.bytes += c.bytes;
    needed.set(c.pool.name, entry);
  }
  const problems: string[] = [];
  for (const { pool, bytes } of needed.values()) {
    const { available } = await getPoolInfo(rpc, pool);
    if (bytes > available) {
      problems.push(
        `The storage pool "${pool.name}" on ${targetLabel} has ${available} bytes free; ` +
          `the disks need ${bytes}`,
      );
    }
  }
  return problems;
}

/**
 * Makes the target's volumes; returns them, for `deleteVolumes` on failure. When one cannot be
 * made, those already made are deleted before the error is passed on.
 */
export async function createTargetVolumes(
  rpc: RpcClient,
  copies: DiskCopy[],
): Promise<StorageVolumeRef[]> {
  const made: StorageVolumeRef[] = [];
  try {
    for (const c of copies) {
      const xml = storageVolumeXml({
        name: posix.basename(c.path),
        capacity: c.capacity,
        format: c.format,
      });
      made.push(await createVolume(rpc, c.pool, xml));
    }
    return made;
  } catch (err) {
    await deleteVolumes(rpc, made);
    throw err;
  }
}

/** Deletes the volumes this migration made; one that will not go does not stop the others. */
export async function deleteVolumes(rpc: RpcClient, vols: StorageVolumeRef[]): Promise<void> {
  for (const vol of vols) await deleteVolume(rpc, vol).catch(() => {});
}
