/**
 * The clone's copies of what lives outside its disks:
 * - NVRAM (UEFI variables): copied as a volume, like virt-clone, in the pool whose directory holds
 *   the file; where no pool does, a dir pool is defined on that directory for the copy (virt-clone
 *   defines one and keeps it; this one is removed after the copy).
 * - TPM state: libvirt keeps it in /var/lib/libvirt/swtpm/UUID/, readable by root only. It is
 *   copied on the host when the connection's user may (`cp -a` keeps swtpm's ownership); when it
 *   may not, the clone starts with a fresh TPM and the job's outcome says so.
 */
import { posix } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Host } from '../../hosts/host';
import type { StoragePoolRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import {
  definePool,
  isPoolActive,
  refreshPool,
  startPool,
  stopPool,
  undefinePool,
} from '../../libvirt/storagePool';
import { getVolumeXml } from '../../libvirt/storageVolume';
import { readVolumeXml } from '../../xml/build/storageVolumeXml';
import { storagePoolXml } from '../../xml/build/storagePoolXml';
import { poolsOnDirectory } from './clonePlan';
import { volumeIfExists } from '../storage/lookups';
import { copyVolume } from './cloneCopy';

/** Where libvirt keeps each guest's swtpm state (the system daemon's swtpm_storage_dir). */
const SWTPM_DIR = '/var/lib/libvirt/swtpm';

interface NvramPool {
  pool: StoragePoolRef;
  /** Defined for this copy: removed after it. */
  made: boolean;
}

/** The running pool on the NVRAM file's directory, or a new dir pool defined there. */
async function nvramPool(rpc: RpcClient, nvramPath: string): Promise<NvramPool> {
  const dir = posix.dirname(nvramPath);
  for (const pool of await poolsOnDirectory(rpc, dir)) {
    if (await isPoolActive(rpc, pool)) return { pool, made: false };
  }
  const name = `virtdeck-nvram-${randomBytes(3).toString('hex')}`;
  const pool = await definePool(
    rpc,
    storagePoolXml({ type: 'dir', name, path: dir, autostart: false, build: false }),
  );
  try {
    await startPool(rpc, pool);
  } catch (err) {
    await undefinePool(rpc, pool).catch(() => {});
    throw err;
  }
  return { pool, made: true };
}

/**
 * Copies the NVRAM file to `clonePath` (same directory) through a pool on its directory. False
 * when the source has none yet (a UEFI guest that never ran: the clone gets its own from the
 * firmware's template at its first start, as the source would). A pool defined for the copy is
 * removed after it (the files stay): the host's pools are the user's.
 */
export async function copyNvram(
  rpc: RpcClient,
  sourcePath: string,
  clonePath: string,
  options: { sourceInUse: boolean; signal: AbortSignal },
): Promise<boolean> {
  const at = await nvramPool(rpc, sourcePath);
  try {
    await refreshPool(rpc, at.pool).catch(() => {});
    const source = await volumeIfExists(rpc, at.pool, posix.basename(sourcePath));
    if (!source) return false;
    const facts = readVolumeXml(await getVolumeXml(rpc, source));
    await copyVolume(rpc, {
      pool: at.pool,
      source,
      name: posix.basename(clonePath),
      capacity: facts.capacity,
      format: facts.format ?? 'raw',
      bytes: facts.capacity,
      sourceInUse: options.sourceInUse,
      signal: options.signal,
      onProgress: () => {}, // a few hundred KiB: its step is progress enough
    });
    return true;
  } finally {
    if (at.made) {
      await stopPool(rpc, at.pool).catch(() => {});
      await undefinePool(rpc, at.pool).catch(() => {});
    }
  }
}

/**
 * Copies the source's TPM state to the clone's UUID. False when the host does not let the
 * connection's user read it (the clone then gets a fresh TPM at its first start).
 */
export async function copyTpmState(
  host: Host,
  sourceUuid: string,
  cloneUuid: string,
  signal: AbortSignal,
): Promise<boolean> {
  const from = posix.join(SWTPM_DIR, sourceUuid);
  const to = posix.join(SWTPM_DIR, cloneUuid);
  const result = await host
    .exec(['cp', '-a', '--no-target-directory', from, to], { signal })
    .catch(() => undefined);
  return result?.code === 0;
}
