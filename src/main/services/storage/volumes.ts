/**
 * Storage volumes of one pool: the list (with the VMs using each), create (qcow2 or raw, optional
 * backing store), resize, clone and delete, each checked before libvirt is asked: a name already
 * used, a size above the pool's free space, a volume a VM uses.
 */
import {
  VOLUME_FORMATS,
  type NewVolumeFormat,
  type VolumeSummary,
} from '../../../shared/api/methods/storage';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import { getPoolInfo, isPoolActive, refreshPool } from '../../libvirt/storagePool';
import {
  createVolume,
  createVolumeFrom,
  deleteVolume,
  getVolumeXml,
  listVolumes,
  lookupVolumeByPath,
  resizeVolume,
} from '../../libvirt/storageVolume';
import { readVolumeXml, storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { checkAbsolutePath, checkObjectName, invalidInput } from '../../../shared/inputChecks';
import { findPool, findVolume, volumeIfExists } from './lookups';
import { scanVolumeUsage, type VolumeUsage } from './volumeUsage';
import { virStorageVolResizeFlags } from '../../libvirt/rpc/generated/libvirtEnums';

export async function listPoolVolumes(rpc: RpcClient, poolName: string): Promise<VolumeSummary[]> {
  const pool = await activePool(rpc, poolName);
  const [vols, usage] = await Promise.all([listVolumes(rpc, pool), scanVolumeUsage(rpc)]);
  const rows = await Promise.all(
    vols.map((vol) => volumeSummary(rpc, pool, vol, usage).catch(() => null)),
  );
  return rows
    .filter((row): row is VolumeSummary => row !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function volumeSummary(
  rpc: RpcClient,
  pool: StoragePoolRef,
  vol: StorageVolumeRef,
  usage?: VolumeUsage,
): Promise<VolumeSummary> {
  const facts = readVolumeXml(await getVolumeXml(rpc, vol));
  const path = facts.path ?? vol.key;
  const users = usage ?? (await scanVolumeUsage(rpc));
  return {
    pool: pool.name,
    name: vol.name,
    type: facts.type ?? 'file',
    format: facts.format,
    capacity: facts.capacity,
    allocation: facts.allocation,
    path,
    backingPath: facts.backingPath,
    usedBy: users.usersOf({ pool: pool.name, name: vol.name, path }),
  };
}

/** The pool, refused in words when it is not running (libvirt lists no volumes then). */
export async function activePool(rpc: RpcClient, name: string): Promise<StoragePoolRef> {
  const pool = await findPool(rpc, name);
  if (!(await isPoolActive(rpc, pool))) {
    throw new VirtdeckError('invalid-input', msg('storage.poolStopped', { name }));
  }
  return pool;
}

/** A volume name libvirt and the host's file system accept. */
export function checkVolumeName(raw: unknown, field = 'name'): string {
  const name = checkObjectName(typeof raw === 'string' ? raw.trim() : '', 'The volume name', field);
  if (name === '.' || name === '..')
    throw invalidInput(msg('storage.unusableName', { name }), field);
  return name;
}

/** A size in bytes: a whole number above zero. */
export function checkSize(raw: unknown, what: string, field: string): number {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw <= 0) {
    throw invalidInput(`${what} must be a whole number of bytes above zero`, field);
  }
  return raw;
}

/** "1.5 GiB", for messages. */
export function describeBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** Refuses a name already taken in the pool and a size above the pool's free space. */
export async function checkRoomFor(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
  bytes: number,
  fields: { name: string; size: string } = { name: 'name', size: 'capacity' },
): Promise<void> {
  // A volume copied into the directory behind libvirt's back is found after a refresh.
  await refreshPool(rpc, pool).catch(() => {});
  const [existing, info] = await Promise.all([
    volumeIfExists(rpc, pool, name),
    getPoolInfo(rpc, pool),
  ]);
  if (existing) {
    throw invalidInput(msg('common.volumeTaken', { pool: pool.name, volume: name }), fields.name);
  }
  if (bytes > info.available) {
    throw invalidInput(
      msg('storage.noRoom', {
        size: describeBytes(bytes),
        free: describeBytes(info.available),
        pool: pool.name,
      }),
      fields.size,
    );
  }
}

export interface CheckedVolumeForm {
  name: string;
  format: NewVolumeFormat;
  capacity: number;
  backing?: { path: string; format: string };
}

/** Reads and checks the Create volume form; a backing store is looked up on the host. */
export async function checkVolumeForm(rpc: RpcClient, raw: unknown): Promise<CheckedVolumeForm> {
  if (typeof raw !== 'object' || raw === null) throw invalidInput(msg('storage.missingVolumeForm'));
  const f = raw as Record<string, unknown>;
  const name = checkVolumeName(f.name);
  const format = f.format as NewVolumeFormat;
  if (!VOLUME_FORMATS.includes(format)) {
    throw invalidInput(
      msg('storage.formatOneOf', { formats: VOLUME_FORMATS.join(', ') }),
      'format',
    );
  }
  let backing: CheckedVolumeForm['backing'];
  let backingCapacity: number | undefined;
  if (typeof f.backingPath === 'string' && f.backingPath.trim() !== '') {
    const path = checkAbsolutePath(f.backingPath.trim(), 'The backing volume', 'backingPath');
    if (format !== 'qcow2') {
      throw invalidInput(msg('storage.backingQcow2'), 'backingPath');
    }
    const vol = await lookupVolumeByPath(rpc, path).catch(() => {
      throw invalidInput(msg('storage.noVolumeAt', { path }), 'backingPath');
    });
    const facts = readVolumeXml(await getVolumeXml(rpc, vol));
    backing = { path, format: facts.format ?? 'raw' };
    backingCapacity = facts.capacity;
  }
  const capacity =
    f.capacity === undefined || f.capacity === null
      ? backingCapacity
      : checkSize(f.capacity, 'The size', 'capacity');
  if (capacity === undefined) checkSize(undefined, 'The size', 'capacity');
  if (backingCapacity !== undefined && capacity !== undefined && capacity < backingCapacity) {
    throw invalidInput(
      msg('storage.overlaySmaller', { size: describeBytes(backingCapacity) }),
      'capacity',
    );
  }
  return { name, format, capacity: capacity as number, backing };
}

export async function createPoolVolume(
  rpc: RpcClient,
  poolName: string,
  raw: unknown,
): Promise<VolumeSummary> {
  const pool = await activePool(rpc, poolName);
  const form = await checkVolumeForm(rpc, raw);
  await checkRoomFor(rpc, pool, form.name, form.capacity);
  const vol = await createVolume(rpc, pool, storageVolumeXml(form));
  return volumeSummary(rpc, pool, vol);
}

export interface VolumeAt {
  pool: string;
  name: string;
}

/** Grows (or, with `shrink`, shrinks) the volume to `capacity` bytes. */
export async function resizePoolVolume(
  rpc: RpcClient,
  at: VolumeAt,
  capacity: number,
  shrink = false,
): Promise<void> {
  checkSize(capacity, 'The new size', 'capacity');
  const pool = await activePool(rpc, at.pool);
  const vol = await findVolume(rpc, pool, at.name);
  const facts = readVolumeXml(await getVolumeXml(rpc, vol));
  if (capacity === facts.capacity) return;
  if (capacity < facts.capacity && !shrink) {
    throw invalidInput(
      msg('storage.shrink', { size: describeBytes(capacity), now: describeBytes(facts.capacity) }),
      'capacity',
    );
  }
  const info = await getPoolInfo(rpc, pool);
  if (capacity - facts.capacity > info.available) {
    throw invalidInput(
      msg('storage.growNoRoom', {
        by: describeBytes(capacity - facts.capacity),
        free: describeBytes(info.available),
        pool: pool.name,
      }),
      'capacity',
    );
  }
  await resizeVolume(
    rpc,
    vol,
    capacity,
    capacity < facts.capacity ? virStorageVolResizeFlags.VIR_STORAGE_VOL_RESIZE_SHRINK : 0,
  );
}

/** A full copy under `newName` in the same pool (virsh vol-clone). */
export async function clonePoolVolume(
  rpc: RpcClient,
  at: VolumeAt,
  newNameRaw: unknown,
): Promise<VolumeSummary> {
  const newName = checkVolumeName(newNameRaw, 'newName');
  const pool = await activePool(rpc, at.pool);
  const source = await findVolume(rpc, pool, at.name);
  const facts = readVolumeXml(await getVolumeXml(rpc, source));
  await checkRoomFor(rpc, pool, newName, facts.allocation, { name: 'newName', size: 'newName' });
  const xml = storageVolumeXml({
    name: newName,
    capacity: facts.capacity,
    format: facts.format ?? 'raw',
  });
  const vol = await createVolumeFrom(rpc, pool, xml, source);
  return volumeSummary(rpc, pool, vol);
}

/** Deletes the volume; refused with 'in-use', naming them, while VMs use it. */
export async function deletePoolVolume(rpc: RpcClient, at: VolumeAt): Promise<void> {
  const pool = await activePool(rpc, at.pool);
  const vol = await findVolume(rpc, pool, at.name);
  const summary = await volumeSummary(rpc, pool, vol);
  if (summary.usedBy.length > 0) {
    const vms = summary.usedBy.map((n) => `"${n}"`).join(', ');
    throw new VirtdeckError(
      'in-use',
      msg('storage.volumeInUse', { name: at.name, vms, count: summary.usedBy.length }),
    );
  }
  await deleteVolume(rpc, vol);
}
