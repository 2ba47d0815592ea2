/**
 * The host's pools and volumes as the delete plan needs them: which volume a path is, which
 * volumes are backed by a path (a linked clone's base), and each volume's backing file (to follow
 * a shut-off guest's chain, which its XML does not show). Pools whose directory holds one of the
 * VM's files are refreshed first: QEMU and libvirt make external snapshot overlays behind the
 * pool's back, and a volume the pool does not know could be neither found nor protected.
 */
import { posix } from 'node:path';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import {
  getPoolXml,
  isPoolActive,
  listAllStoragePools,
  refreshPool,
} from '../../libvirt/storagePool';
import { getVolumeXml, listVolumes } from '../../libvirt/storageVolume';
import { readPoolXml, readVolumeXml } from '../../xml/build/storageVolumeXml';
import { normalizePath } from '../storage/volumeUsage';

export interface StoredVolume {
  pool: StoragePoolRef;
  vol: StorageVolumeRef;
  path: string;
  format?: string;
  allocation: number;
  backingPath?: string;
}

/** Pool types whose volumes are LUNs of a storage array: libvirt cannot delete them. */
const UNDELETABLE_POOL_TYPES: ReadonlySet<string> = new Set([
  'iscsi',
  'iscsi-direct',
  'scsi',
  'mpath',
]);

/** A running pool: its type and, for pools on a directory, the directory. */
export interface PoolFacts {
  ref: StoragePoolRef;
  type: string;
  path?: string;
}

export class HostStorage {
  private readonly byPath = new Map<string, StoredVolume>();
  private readonly byBacking = new Map<string, StoredVolume[]>();
  private readonly poolTypes = new Map<string, string>();

  private constructor(volumes: StoredVolume[], pools: PoolFacts[]) {
    for (const p of pools) this.poolTypes.set(p.ref.name, p.type);
    for (const v of volumes) {
      this.byPath.set(normalizePath(v.path), v);
      if (!v.backingPath) continue;
      const key = normalizePath(v.backingPath);
      this.byBacking.set(key, [...(this.byBacking.get(key) ?? []), v]);
    }
  }

  /**
   * Reads every running pool's volumes; first refreshes the directory pools that hold one of
   * `paths` or are named in `pools` (a refresh another job refuses is skipped: the pool's last
   * listing then stands).
   */
  static async read(
    rpc: RpcClient,
    interest: { paths: string[]; pools: string[] },
  ): Promise<HostStorage> {
    const pools = await activePools(rpc);
    const dirs = new Set(interest.paths.map((p) => posix.dirname(normalizePath(p))));
    await Promise.all(
      pools
        .filter(
          (p) =>
            interest.pools.includes(p.ref.name) ||
            (p.path !== undefined && dirs.has(normalizePath(p.path))),
        )
        .map((p) => refreshPool(rpc, p.ref).catch(() => {})),
    );
    const volumes = await Promise.all(pools.map((p) => poolVolumes(rpc, p.ref)));
    return new HostStorage(volumes.flat(), pools);
  }

  volumeAt(path: string): StoredVolume | undefined {
    return this.byPath.get(normalizePath(path));
  }

  volumeNamed(pool: string, name: string): StoredVolume | undefined {
    for (const v of this.byPath.values()) if (v.pool.name === pool && v.vol.name === name) return v;
    return undefined;
  }

  /** The volumes whose backing file is `path`. */
  backedBy(path: string): StoredVolume[] {
    return this.byBacking.get(normalizePath(path)) ?? [];
  }

  /** False for a volume of a pool whose volumes libvirt cannot delete (an iSCSI LUN...). */
  deletable(volume: StoredVolume): boolean {
    return !UNDELETABLE_POOL_TYPES.has(this.poolTypes.get(volume.pool.name) ?? '');
  }
}

export async function activePools(rpc: RpcClient): Promise<PoolFacts[]> {
  const all = await listAllStoragePools(rpc);
  const facts = await Promise.all(
    all.map(async (ref): Promise<PoolFacts | null> => {
      try {
        if (!(await isPoolActive(rpc, ref))) return null;
        const { type, path } = readPoolXml(await getPoolXml(rpc, ref));
        return { ref, type, path };
      } catch {
        return null; // removed meanwhile
      }
    }),
  );
  return facts.filter((f): f is PoolFacts => f !== null);
}

async function poolVolumes(rpc: RpcClient, pool: StoragePoolRef): Promise<StoredVolume[]> {
  const vols = await listVolumes(rpc, pool).catch(() => []);
  const read = await Promise.all(
    vols.map(async (vol): Promise<StoredVolume | null> => {
      try {
        const facts = readVolumeXml(await getVolumeXml(rpc, vol));
        return {
          pool,
          vol,
          path: facts.path ?? vol.key,
          format: facts.format,
          allocation: facts.allocation,
          backingPath: facts.backingPath,
        };
      } catch {
        return null; // deleted meanwhile
      }
    }),
  );
  return read.filter((v): v is StoredVolume => v !== null);
}
