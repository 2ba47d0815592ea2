/**
 * The clone dialog's content and what the clone job starts from: the source's disks, each with
 * the ways it can be cloned (as virt-manager's clone dialog and virt-clone decide), the names a
 * clone would get, the NVRAM and TPM state to copy and the host's identity-reset tool.
 * - copy: a volume in a pool (a new volume with its content, STORAGE_VOL_CREATE_XML_FROM);
 * - linked: the same, in a pool whose volumes can be qcow2 files (dir, fs, netfs), as an overlay
 *   backed by the original;
 * - share: CD-ROMs (their default), read-only and shareable disks, network and block disks and
 *   files in no pool (only share), and any disk the user chooses to share.
 */
import { posix } from 'node:path';
import type { CloneDisk, CloneDiskMode, ClonePlan } from '../../../shared/api/methods/vmClone';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';
import { listAllDomains } from '../../libvirt/domain';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { getPoolXml, listAllStoragePools, refreshPool } from '../../libvirt/storagePool';
import { getVolumeXml, listVolumes, lookupVolumeByPath } from '../../libvirt/storageVolume';
import { readPoolXml, readVolumeXml } from '../../xml/build/storageVolumeXml';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { poolIfExists, volumeIfExists } from '../storage/lookups';
import { normalizePath } from '../storage/volumeUsage';
import { readVmStorage, type VmDisk } from '../vmDelete/vmDisks';
import { openVm, secureConfigXml, type VmHandle } from '../vmDetails/vmXml';
import { cloneFileName, freeFileName, suggestCloneName } from './cloneNames';
import { identityResetTool } from './identityReset';
import { isTemplate } from './template';

/** Pool types whose volumes may be qcow2 files, so a linked clone's overlay can live there. */
const OVERLAY_POOL_TYPES: ReadonlySet<string> = new Set(['dir', 'fs', 'netfs']);

/** Where libvirt's system daemon keeps NVRAM files it names itself (qemu.conf's nvram_dir). */
export const DEFAULT_NVRAM_DIR = '/var/lib/libvirt/qemu/nvram';

/** A disk of the source with the libvirt objects behind it, for the job. */
export interface SourceDisk extends CloneDisk {
  stored?: { pool: StoragePoolRef; vol: StorageVolumeRef; poolType: string };
}

export interface CloneSource {
  vm: VmHandle;
  name: string;
  uuid: string;
  /** The persistent definition, with secrets (display passwords stay the clone's too). */
  xml: string;
  disks: SourceDisk[];
  nvram?: string;
  tpm: boolean;
  /** Every domain's name on the connection (transient ones too). */
  domainNames: Set<string>;
}

export async function readCloneSource(conn: LibvirtConnection, uuid: string): Promise<CloneSource> {
  const { rpc } = conn;
  const vm = await openVm(rpc, uuid);
  const xml = await secureConfigXml(vm);
  const facts = readVmStorage(xml);
  const formats = driverFormats(xml);
  const disks = await Promise.all(
    facts.disks.map((d) => sourceDisk(rpc, d, formats.get(d.target))),
  );
  const domains = await listAllDomains(rpc);
  return {
    vm,
    name: vm.dom.name,
    uuid,
    xml,
    disks,
    nvram: facts.nvram ?? (facts.uefi ? `${DEFAULT_NVRAM_DIR}/${vm.dom.name}_VARS.fd` : undefined),
    tpm: facts.tpmState,
    domainNames: new Set(domains.map((d) => d.name)),
  };
}

/**
 * Each disk's image format as QEMU reads it (`<driver type>`), by target: what the copy and the
 * overlay's backing format must be. A volume's own format is libvirt's guess from its bytes (an
 * isohybrid image reads as `iso`, which QEMU does not know).
 */
function driverFormats(domainXml: string): Map<string, string> {
  const root = parseXml(domainXml).documentElement;
  const devices = root ? firstChild(root, 'devices') : undefined;
  const out = new Map<string, string>();
  for (const disk of devices ? childElements(devices, 'disk') : []) {
    const target = attribute(firstChild(disk, 'target'), 'dev');
    const type = attribute(firstChild(disk, 'driver'), 'type');
    if (target && type) out.set(target, type);
  }
  return out;
}

async function sourceDisk(
  rpc: RpcClient,
  d: VmDisk,
  driverFormat: string | undefined,
): Promise<SourceDisk> {
  const base: SourceDisk = {
    target: d.target,
    device: d.device,
    path: d.path,
    modes: ['share'],
    defaultMode: 'share',
  };
  const shareOnly = (limit: CloneDisk['limit']): SourceDisk => ({ ...base, limit });
  if (d.device === 'cdrom' || d.device === 'floppy') return shareOnly('cdrom');
  if (d.readOnly) return shareOnly('read-only');
  if (d.shareable) return shareOnly('shareable');
  if ((d.type !== 'file' && d.type !== 'volume') || (!d.path && !d.volume)) {
    return shareOnly('not-a-volume');
  }
  const stored = await storedVolume(rpc, d);
  if (!stored) return shareOnly('outside-pool');
  const [volXml, poolXml] = await Promise.all([
    getVolumeXml(rpc, stored.vol),
    getPoolXml(rpc, stored.pool),
  ]);
  const volume = readVolumeXml(volXml);
  stored.path = volume.path ?? stored.vol.key;
  const poolType = readPoolXml(poolXml).type;
  const linked = OVERLAY_POOL_TYPES.has(poolType);
  const modes: CloneDiskMode[] = linked ? ['copy', 'linked', 'share'] : ['copy', 'share'];
  return {
    ...base,
    path: stored.path,
    pool: stored.pool.name,
    volume: stored.vol.name,
    format: driverFormat ?? (volume.format === 'qcow2' ? 'qcow2' : 'raw'),
    capacityBytes: volume.capacity,
    allocationBytes: volume.allocation,
    modes,
    defaultMode: 'copy',
    limit: linked ? undefined : 'no-overlay-pool',
    stored: { pool: stored.pool, vol: stored.vol, poolType },
  };
}

/**
 * The pool and volume behind a disk, looked up directly (a clone reads one VM's disks, not the
 * host's every volume). A file libvirt does not know yet (copied into a pool's directory behind
 * its back) is found after refreshing the pool on its directory.
 */
async function storedVolume(
  rpc: RpcClient,
  d: VmDisk,
): Promise<{ pool: StoragePoolRef; vol: StorageVolumeRef; path: string } | undefined> {
  if (d.type === 'volume') {
    if (!d.pool || !d.volume) return undefined;
    const pool = await poolIfExists(rpc, d.pool);
    const vol = pool && (await volumeIfExists(rpc, pool, d.volume));
    return pool && vol ? { pool, vol, path: vol.key } : undefined;
  }
  const path = d.path;
  if (!path) return undefined;
  const byPath = () => lookupVolumeByPath(rpc, path).catch(() => undefined);
  let vol = await byPath();
  if (!vol) {
    await refreshPoolsOn(rpc, posix.dirname(path));
    vol = await byPath();
  }
  if (!vol) return undefined;
  const pool = await poolIfExists(rpc, vol.pool);
  return pool ? { pool, vol, path } : undefined;
}

async function refreshPoolsOn(rpc: RpcClient, dir: string): Promise<void> {
  for (const pool of await poolsOnDirectory(rpc, dir)) await refreshPool(rpc, pool).catch(() => {});
}

/** The pools whose target is the directory `dir` (a file's pool, the NVRAM directory's). */
export async function poolsOnDirectory(rpc: RpcClient, dir: string): Promise<StoragePoolRef[]> {
  const out: StoragePoolRef[] = [];
  for (const pool of await listAllStoragePools(rpc)) {
    const facts = readPoolXml(await getPoolXml(rpc, pool).catch(() => '<pool/>'));
    if (facts.path && normalizePath(facts.path) === normalizePath(dir)) out.push(pool);
  }
  return out;
}

/** Every volume name of the pools the source's disks live in, by pool. */
export async function volumeNamesByPool(
  rpc: RpcClient,
  disks: readonly SourceDisk[],
): Promise<Map<string, Set<string>>> {
  const pools = new Map<string, StoragePoolRef>();
  for (const d of disks) if (d.stored) pools.set(d.stored.pool.name, d.stored.pool);
  const out = new Map<string, Set<string>>();
  await Promise.all(
    [...pools.values()].map(async (pool) => {
      out.set(pool.name, new Set((await listVolumes(rpc, pool)).map((v) => v.name)));
    }),
  );
  return out;
}

/**
 * The volume name each copy / linked disk gets by default: the source volume's name renamed for
 * the clone (extension kept), free in its pool and among the clone's other new volumes.
 */
export function suggestVolumes(
  source: Pick<CloneSource, 'name' | 'disks'>,
  cloneName: string,
  takenByPool: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, string> {
  const chosen = new Map<string, Set<string>>();
  const out = new Map<string, string>();
  for (const d of source.disks) {
    if (!d.pool || !d.volume || !d.modes.includes('copy')) continue;
    const mine = chosen.get(d.pool) ?? new Set<string>();
    chosen.set(d.pool, mine);
    const taken = new Set([...(takenByPool.get(d.pool) ?? []), ...mine]);
    const name = freeFileName(cloneFileName(d.volume, source.name, cloneName), taken);
    mine.add(name);
    out.set(d.target, name);
  }
  return out;
}

export async function planClone(
  host: Host,
  conn: LibvirtConnection,
  uuid: string,
): Promise<ClonePlan> {
  const [source, identity] = await Promise.all([
    readCloneSource(conn, uuid),
    identityResetTool(host),
  ]);
  const template = await isTemplate(conn.rpc, source.vm.dom, source.vm.persistent);
  const suggestedName = suggestCloneName(source.name, source.domainNames);
  const volumes = suggestVolumes(
    source,
    suggestedName,
    await volumeNamesByPool(conn.rpc, source.disks),
  );
  return {
    uuid,
    name: source.name,
    suggestedName,
    active: source.vm.active,
    template,
    disks: source.disks.map(({ stored: _stored, ...disk }) => ({
      ...disk,
      suggestedVolume: volumes.get(disk.target),
    })),
    nvram: source.nvram,
    tpm: source.tpm,
    identityReset: {
      tool: identity.tool,
      package: identity.package,
      operations: identity.operations,
    },
  };
}
