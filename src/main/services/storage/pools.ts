/**
 * Storage pools as virt-manager's Storage tab handles them: the list, and create (checked first,
 * then define, build when asked, start, autostart; undone on a failure), start, stop, refresh,
 * autostart and delete (undefine, and the pool's storage only when asked).
 */
import {
  POOL_TYPES,
  type PoolForm,
  type PoolSummary,
  type PoolType,
} from '../../../shared/api/methods/storage';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import { uuidToString, type StoragePoolRef } from '../../libvirt/refs';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  getPoolAutostart,
  getPoolInfo,
  getPoolXml,
  isPoolActive,
  isPoolPersistent,
  listAllStoragePools,
  refreshPool,
  setPoolAutostart,
  startPool,
  stopPool,
  undefinePool,
} from '../../libvirt/storagePool';
import { listVolumes } from '../../libvirt/storageVolume';
import { defaultPoolPath, storagePoolXml } from '../../xml/build/storagePoolXml';
import { readPoolXml } from '../../xml/build/storageVolumeXml';
import { checkAbsolutePath, checkObjectName, invalidInput } from '../../../shared/inputChecks';
import { pathKind } from './hostPaths';
import { findPool, poolIfExists } from './lookups';

export async function listPools(rpc: RpcClient): Promise<PoolSummary[]> {
  const pools = await listAllStoragePools(rpc);
  const rows = await Promise.all(pools.map((pool) => poolSummary(rpc, pool).catch(() => null)));
  return rows
    .filter((row): row is PoolSummary => row !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function poolSummary(rpc: RpcClient, pool: StoragePoolRef): Promise<PoolSummary> {
  const [info, xml, autostart, persistent] = await Promise.all([
    getPoolInfo(rpc, pool),
    getPoolXml(rpc, pool),
    getPoolAutostart(rpc, pool),
    isPoolPersistent(rpc, pool),
  ]);
  const { type, path } = readPoolXml(xml);
  return {
    name: pool.name,
    uuid: uuidToString(pool.uuid),
    type,
    state: info.state,
    active: info.state === 'running' || info.state === 'degraded',
    persistent,
    autostart,
    capacity: info.capacity,
    allocation: info.allocation,
    available: info.available,
    path,
  };
}

const SOURCE_FORMATS: Partial<Record<PoolType, readonly string[]>> = {
  fs: [
    'auto',
    'ext2',
    'ext3',
    'ext4',
    'ufs',
    'iso9660',
    'udf',
    'gfs',
    'gfs2',
    'vfat',
    'hfs+',
    'xfs',
    'ocfs2',
    'vmfs',
  ],
  netfs: ['auto', 'nfs', 'cifs', 'glusterfs'],
  logical: ['lvm2'],
  disk: ['unknown', 'dos', 'dvh', 'gpt', 'mac', 'bsd', 'pc98', 'sun', 'lvm2'],
};

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.:_-]*[A-Za-z0-9\]])?$|^\[[0-9A-Fa-f:.]+\]$/;

/**
 * The form as the renderer sent it, checked field by field (each error names its field). Only
 * the fields the type reads are kept.
 */
type RequiredKey =
  | 'storage.requiredDevice'
  | 'storage.requiredHost'
  | 'storage.requiredExport'
  | 'storage.requiredIqn';

export function checkPoolForm(raw: unknown): PoolForm {
  if (typeof raw !== 'object' || raw === null) throw invalidInput(msg('storage.missingPoolForm'));
  const f = raw as Record<string, unknown>;
  const str = (key: string): string | undefined =>
    typeof f[key] === 'string' && f[key].trim() !== '' ? f[key].trim() : undefined;
  const type = str('type') as PoolType | undefined;
  if (!type || !POOL_TYPES.includes(type)) {
    throw invalidInput(msg('storage.poolType', { types: POOL_TYPES.join(', ') }), 'type');
  }
  const name = checkObjectName(
    typeof f.name === 'string' ? f.name.trim() : '',
    'The pool name',
    'name',
  );
  if (!/^[A-Za-z0-9_.+-]+$/.test(name)) {
    throw invalidInput(msg('storage.poolNameChars'), 'name');
  }
  const form: PoolForm = { name, type, build: f.build === true, autostart: f.autostart === true };
  const path = str('path');
  if (path !== undefined) form.path = checkAbsolutePath(path, 'The target path', 'path');

  /** The field's value; `missing` says which one is required for this pool type. */
  const required = (key: keyof PoolForm, missing: RequiredKey): string => {
    const value = str(key);
    if (value === undefined) throw invalidInput(msg(missing, { type }), key);
    return value;
  };
  const device = (key: 'sourceDevice' | 'sourcePath', what: string) =>
    checkAbsolutePath(required(key, 'storage.requiredDevice'), what, key);
  const format = (): string | undefined => {
    const value = str('sourceFormat');
    const allowed = SOURCE_FORMATS[type];
    if (value !== undefined && allowed && !allowed.includes(value)) {
      throw invalidInput(
        msg('storage.formatOneOf', { formats: allowed.join(', ') }),
        'sourceFormat',
      );
    }
    return value;
  };
  const hostName = (): string => {
    const value = required('sourceHost', 'storage.requiredHost');
    if (!HOST_NAME.test(value))
      throw invalidInput(msg('storage.notHostName', { value }), 'sourceHost');
    return value;
  };

  switch (type) {
    case 'dir':
      break;
    case 'fs':
      form.sourceDevice = device('sourceDevice', 'The device');
      form.sourceFormat = format();
      break;
    case 'netfs':
      form.sourceHost = hostName();
      form.sourcePath = required('sourcePath', 'storage.requiredExport');
      form.sourceFormat = format();
      break;
    case 'logical': {
      const vg = str('sourceName');
      if (vg !== undefined && !/^[A-Za-z0-9_.+-]+$/.test(vg)) {
        throw invalidInput(msg('storage.vgNameChars'), 'sourceName');
      }
      form.sourceName = vg;
      const devices = Array.isArray(f.sourceDevices)
        ? f.sourceDevices.filter((d): d is string => typeof d === 'string' && d.trim() !== '')
        : [];
      form.sourceDevices = devices.map((d) =>
        checkAbsolutePath(d.trim(), 'A physical volume', 'sourceDevices'),
      );
      if (form.build && form.sourceDevices.length === 0) {
        throw invalidInput(msg('storage.vgNeedsDevice'), 'sourceDevices');
      }
      form.sourceFormat = format();
      break;
    }
    case 'iscsi': {
      form.sourceHost = hostName();
      form.sourcePath = required('sourcePath', 'storage.requiredIqn');
      if (f.sourcePort !== undefined && f.sourcePort !== null && f.sourcePort !== '') {
        const port = Number(f.sourcePort);
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
          throw invalidInput(msg('storage.port'), 'sourcePort');
        }
        form.sourcePort = port;
      }
      form.initiatorIqn = str('initiatorIqn');
      form.build = false;
      break;
    }
    case 'disk':
      form.sourceDevice = device('sourceDevice', 'The device');
      form.sourceFormat = format();
      break;
  }
  return form;
}

/**
 * Checks the form against the host (name free, no other pool on the same target, the target
 * directory or device as the type needs it), then defines, builds (when asked), starts and sets
 * autostart. Nothing is left defined when a step fails.
 */
export async function createPool(rpc: RpcClient, host: Host, raw: unknown): Promise<PoolSummary> {
  const form = checkPoolForm(raw);
  const { targetMissing } = await checkPoolOnHost(rpc, host, form);
  const pool = await definePool(rpc, storagePoolXml(form));
  let built = false;
  try {
    if (form.build) {
      await buildPool(rpc, pool);
      built = true;
    }
    await startPool(rpc, pool);
    if (form.autostart) await setPoolAutostart(rpc, pool, true);
    return await poolSummary(rpc, pool);
  } catch (err) {
    if (await isPoolActive(rpc, pool).catch(() => false)) await stopPool(rpc, pool).catch(() => {});
    // Undo a build only where it made something new and empty: the directory of a dir pool.
    if (built && targetMissing && form.type === 'dir') {
      await deletePoolStorage(rpc, pool).catch(() => {});
    }
    await undefinePool(rpc, pool).catch(() => {});
    throw err;
  }
}

async function checkPoolOnHost(
  rpc: RpcClient,
  host: Host,
  form: PoolForm,
): Promise<{ targetMissing: boolean }> {
  let targetMissing = false;
  if (await poolIfExists(rpc, form.name)) {
    throw invalidInput(msg('storage.poolTaken', { name: form.name }), 'name');
  }
  const path = form.path ?? defaultPoolPath(form.type, form.name, form.sourceName);
  if (form.type === 'dir' || form.type === 'fs' || form.type === 'netfs') {
    const other = await poolWithPath(rpc, path);
    if (other) throw invalidInput(msg('storage.pathTaken', { path, pool: other }), 'path');
    const kind = await pathKind(host, path);
    if (kind === 'file' || kind === 'other') {
      throw invalidInput(msg('storage.notDirectory', { path }), 'path');
    }
    if (kind === 'missing' && !form.build) {
      throw invalidInput(msg('storage.pathMissingBuild', { path }), 'path');
    }
    targetMissing = kind === 'missing';
  }
  if ((form.type === 'fs' || form.type === 'disk') && form.sourceDevice) {
    const kind = await pathKind(host, form.sourceDevice);
    if (kind === 'missing') {
      throw invalidInput(msg('storage.pathMissing', { path: form.sourceDevice }), 'sourceDevice');
    }
    if (kind === 'directory') {
      throw invalidInput(msg('storage.notDevice', { path: form.sourceDevice }), 'sourceDevice');
    }
  }
  if (form.type === 'logical') {
    for (const device of form.sourceDevices ?? []) {
      if ((await pathKind(host, device)) === 'missing') {
        throw invalidInput(msg('storage.pathMissing', { path: device }), 'sourceDevices');
      }
    }
  }
  return { targetMissing };
}

async function poolWithPath(rpc: RpcClient, path: string): Promise<string | undefined> {
  const pools = await listAllStoragePools(rpc);
  const xmls = await Promise.all(pools.map((p) => getPoolXml(rpc, p).catch(() => '')));
  const index = xmls.findIndex((xml) => xml !== '' && readPoolXml(xml).path === path);
  return index >= 0 ? pools[index]?.name : undefined;
}

export async function startPoolByName(rpc: RpcClient, name: string): Promise<void> {
  await startPool(rpc, await findPool(rpc, name));
}

export async function stopPoolByName(rpc: RpcClient, name: string): Promise<void> {
  await stopPool(rpc, await findPool(rpc, name));
}

export async function refreshPoolByName(rpc: RpcClient, name: string): Promise<void> {
  const pool = await findPool(rpc, name);
  if (!(await isPoolActive(rpc, pool))) {
    throw new VirtdeckError('invalid-input', msg('storage.poolStopped', { name }));
  }
  await refreshPool(rpc, pool);
}

export async function setPoolAutostartByName(
  rpc: RpcClient,
  name: string,
  autostart: boolean,
): Promise<void> {
  await setPoolAutostart(rpc, await findPool(rpc, name), autostart);
}

/**
 * Stops the pool and undefines it. With `deleteStorage` its storage goes too (the directory of a
 * dir pool, which must be empty): refused, before anything changes, while it holds volumes.
 */
export async function deletePool(
  rpc: RpcClient,
  name: string,
  options: { deleteStorage?: boolean } = {},
): Promise<void> {
  const pool = await findPool(rpc, name);
  const active = await isPoolActive(rpc, pool);
  if (options.deleteStorage && active) {
    await refreshPool(rpc, pool).catch(() => {});
    const volumes = await listVolumes(rpc, pool);
    if (volumes.length > 0) {
      const names = volumes
        .slice(0, 5)
        .map((v) => v.name)
        .join(', ');
      throw new VirtdeckError(
        'in-use',
        msg('storage.poolNotEmpty', {
          name,
          count: volumes.length,
          names: `${names}${volumes.length > 5 ? ', ...' : ''}`,
        }),
      );
    }
  }
  const persistent = await isPoolPersistent(rpc, pool);
  if (active) await stopPool(rpc, pool);
  if (options.deleteStorage) await deletePoolStorage(rpc, pool);
  if (persistent) await undefinePool(rpc, pool);
}
