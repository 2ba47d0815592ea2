/**
 * What a move through Virtdeck will do, read before anything changes: the shut-off VM's
 * definition, each disk's source volume and the target pool it goes to (the pool of the same
 * name, else the one on the same directory), the NVRAM volume when the NVRAM is in a pool. What
 * it cannot move (a disk outside any pool, a backing chain, snapshots, a saved state) is refused
 * here in words, so nothing has been made when it is.
 */
import { posix } from 'node:path';
import { InvalidInputError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { invalidInput } from '../../../shared/inputChecks';
import {
  getDomainState,
  getDomainXml,
  hasManagedSave,
  lookupDomainByUuid,
} from '../../libvirt/domain';
import { listSnapshots } from '../../libvirt/snapshot';
import type { DomainRef, StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import { uuidFromString } from '../../libvirt/refs';
import { virDomainXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';
import { getVolumeXml } from '../../libvirt/storageVolume';
import { readVolumeXml } from '../../xml/build/storageVolumeXml';
import { activePools, HostStorage, type StoredVolume } from '../vmDelete/hostStorage';
import { readVmStorage, type VmDisk } from '../vmDelete/vmDisks';
import { normalizePath } from '../storage/volumeUsage';
import { volumeIfExists } from '../storage/lookups';
import { checkRoomFor } from '../storage/volumes';
import type { HostSession } from '../hostSession';
import type { MoveEnd, VolumeToCopy } from './volumeCopy';

/** Formats whose files are streamed as they are (an ISO is a raw file libvirt recognises). */
const STREAMABLE_FORMATS: readonly string[] = ['qcow2', 'raw', 'iso'];

/** One volume to copy: a disk's (by its target dev) or the NVRAM's. */
export interface PlannedCopy extends VolumeToCopy {
  /** `vda`..., or `nvram`. */
  label: string;
  /** The target pool, and the new volume's name there (the source volume's). */
  targetPool: StoragePoolRef;
  name: string;
  /**
   * Deleted from the source once the target has the VM: a writable disk or the NVRAM, not
   * read-only or shareable media another VM may use (an install ISO).
   */
  removeFromSource: boolean;
  /**
   * Read-only media (an install ISO) the target pool already has under that name: used as it is
   * when its bytes are the source's (checked before the copy), never removed by an undo.
   */
  existing?: StorageVolumeRef;
}

export interface MovePlan {
  dom: DomainRef;
  /** The inactive definition, secrets included (a display password moves too). */
  xml: string;
  disks: PlannedCopy[];
  nvram?: PlannedCopy;
  /** What is not moved, said to the user (NVRAM outside a pool, TPM state). */
  notes: Message[];
  uefi: boolean;
  tpmState: boolean;
}

/** One end of a move, as the copy uses it. */
export function moveEnd(session: HostSession): MoveEnd {
  const { host, rpc } = session.libvirt();
  return { host, rpc, label: session.config.label ?? host.label };
}

export async function planMove(source: MoveEnd, target: MoveEnd, uuid: string): Promise<MovePlan> {
  const dom = await lookupDomainByUuid(source.rpc, uuidFromString(uuid));
  await checkMovable(source, dom);
  const { VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE } = virDomainXMLFlags;
  const xml = await getDomainXml(source.rpc, dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  const facts = readVmStorage(xml);
  const other = facts.disks.find((d) => !['file', 'block', 'volume'].includes(d.type));
  if (other) {
    throw invalidInput(
      msg('migration.notPoolVolume', { disk: other.target, type: other.type }),
      'storage',
    );
  }
  // An empty CD-ROM drive has nothing to copy.
  const withSource = facts.disks.filter((d) => d.path !== undefined || d.volume !== undefined);
  const storage = await HostStorage.read(source.rpc, {
    paths: [
      ...withSource.flatMap((d) => (d.path ? [d.path] : [])),
      ...(facts.nvram ? [facts.nvram] : []),
    ],
    pools: withSource.flatMap((d) => (d.pool ? [d.pool] : [])),
  });
  const pools = new PoolMatcher(
    source,
    target,
    await activePools(source.rpc),
    await activePools(target.rpc),
  );

  const disks: PlannedCopy[] = [];
  for (const disk of withSource) {
    const stored = diskVolume(storage, disk, source.label);
    const copy = await plannedCopy(
      source,
      stored,
      disk.target,
      pools,
      !disk.readOnly && !disk.shareable,
    );
    if (disk.readOnly) copy.existing = await volumeIfExists(target.rpc, copy.targetPool, copy.name);
    disks.push(copy);
  }
  const notes: Message[] = [];
  const nvramVolume = facts.nvram ? storage.volumeAt(facts.nvram) : undefined;
  const nvram = nvramVolume
    ? await plannedCopy(source, nvramVolume, 'nvram', pools, true)
    : undefined;
  if (!nvram && (facts.nvram || facts.uefi)) {
    notes.push(msg('migration.nvramStays', { source: source.label, target: target.label }));
  }
  if (facts.tpmState) {
    notes.push(msg('migration.tpmStays', { source: source.label, target: target.label }));
  }
  await checkTargetRoom(
    target,
    [...disks, ...(nvram ? [nvram] : [])].filter((c) => !c.existing),
  );
  return { dom, xml, disks, nvram, notes, uefi: facts.uefi, tpmState: facts.tpmState };
}

async function checkMovable(source: MoveEnd, dom: DomainRef): Promise<void> {
  const { state } = await getDomainState(source.rpc, dom);
  if (state !== 'shutoff') {
    throw invalidInput(msg('migration.moveNeedsShutOff', { name: dom.name, state }), 'mode');
  }
  if (await hasManagedSave(source.rpc, dom)) {
    throw invalidInput(
      msg('migration.moveSavedState', { name: dom.name, source: source.label }),
      'mode',
    );
  }
  const snapshots = await listSnapshots(source.rpc, dom);
  if (snapshots.length > 0) {
    throw invalidInput(
      msg('migration.moveSnapshots', { name: dom.name, count: snapshots.length }),
      'transport',
    );
  }
}

/** The pool volume a disk's source is, or a message saying why it cannot be streamed. */
function diskVolume(storage: HostStorage, disk: VmDisk, hostLabel: string): StoredVolume {
  const stored =
    disk.pool !== undefined && disk.volume !== undefined
      ? storage.volumeNamed(disk.pool, disk.volume)
      : disk.path !== undefined && (disk.type === 'file' || disk.type === 'block')
        ? storage.volumeAt(disk.path)
        : undefined;
  if (!stored) {
    throw invalidInput(
      msg('migration.diskNotInPool', {
        disk: disk.target,
        path: disk.path ?? `${disk.pool}/${disk.volume}`,
        host: hostLabel,
      }),
      'storage',
    );
  }
  return stored;
}

async function plannedCopy(
  source: MoveEnd,
  stored: StoredVolume,
  label: string,
  pools: PoolMatcher,
  removeFromSource: boolean,
): Promise<PlannedCopy> {
  const facts = readVolumeXml(await getVolumeXml(source.rpc, stored.vol));
  const format = facts.format ?? 'raw';
  if (facts.backingPath) {
    // Flattening would write a different file than the one checked by its checksum; refusing
    // keeps the move a byte-for-byte copy.
    throw invalidInput(
      msg('migration.moveOverlay', {
        disk: label,
        volume: stored.vol.name,
        backing: facts.backingPath,
      }),
      'storage',
    );
  }
  if (!STREAMABLE_FORMATS.includes(format)) {
    throw invalidInput(
      msg('migration.moveFormat', { disk: label, volume: stored.vol.name, format }),
      'storage',
    );
  }
  const bytes = facts.physical ?? facts.capacity;
  return {
    label,
    vol: stored.vol,
    format,
    capacity: facts.capacity,
    bytes,
    targetPool: pools.match(stored.pool.name),
    name: stored.vol.name,
    removeFromSource,
  };
}

/** Every name free on the target and the bytes room for, before anything is made. */
async function checkTargetRoom(target: MoveEnd, copies: PlannedCopy[]): Promise<void> {
  const seen = new Set<string>();
  for (const copy of copies) {
    const key = `${copy.targetPool.name}/${copy.name}`;
    if (seen.has(key)) {
      throw invalidInput(
        msg('migration.twoVolumes', {
          volume: copy.name,
          pool: copy.targetPool.name,
          target: target.label,
        }),
        'storage',
      );
    }
    seen.add(key);
  }
  for (const group of groupBy(copies, (c) => c.targetPool.name).values()) {
    // The pool must hold all of them: each name is checked against the group's total.
    const total = group.reduce((sum, c) => sum + c.bytes, 0);
    for (const copy of group) {
      await checkRoomFor(target.rpc, copy.targetPool, copy.name, total, {
        name: 'storage',
        size: 'storage',
      }).catch((err: unknown) => {
        throw err instanceof InvalidInputError
          ? invalidInput(
              msg('migration.onTarget', { target: target.label, why: err.message }),
              'storage',
            )
          : err;
      });
    }
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** The target pool for a source pool: the same name, else the same directory. */
class PoolMatcher {
  constructor(
    private readonly source: MoveEnd,
    private readonly target: MoveEnd,
    private readonly sourcePools: Awaited<ReturnType<typeof activePools>>,
    private readonly targetPools: Awaited<ReturnType<typeof activePools>>,
  ) {}

  match(sourcePool: string): StoragePoolRef {
    const byName = this.targetPools.find((p) => p.ref.name === sourcePool);
    if (byName) return byName.ref;
    const dir = this.sourcePools.find((p) => p.ref.name === sourcePool)?.path;
    const byDir =
      dir === undefined
        ? undefined
        : this.targetPools.find(
            (p) => p.path !== undefined && normalizePath(p.path) === normalizePath(dir),
          );
    if (byDir) return byDir.ref;
    const named = { target: this.target.label, pool: sourcePool, source: this.source.label };
    throw invalidInput(
      dir
        ? msg('migration.noTargetPoolDir', { ...named, dir: posix.normalize(dir) })
        : msg('migration.noTargetPool', named),
      'storage',
    );
  }
}
