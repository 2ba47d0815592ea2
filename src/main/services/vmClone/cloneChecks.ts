/**
 * Everything the clone job needs true, checked before anything is made, each fault an
 * InvalidInputError naming its form field (`name`, `disks.N.volume`, `pauseSource`...), all of
 * them at once: the name free (transient domains too), each disk's mode offered for it, each new
 * volume's name valid and free, room in each pool for the copies (a qcow2 copy takes the source's
 * allocation, a raw one its capacity), and a running source only with consent (never linked: its
 * disks are written while the overlay would be made on them).
 */
import type { CloneDiskMode, CloneOptions } from '../../../shared/api/methods/vmClone';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { checkObjectName } from '../../../shared/inputChecks';
import { hasManagedSave, lookupDomainByName } from '../../libvirt/domain';
import type { RpcClient } from '../../libvirt/rpc/client';
import { getPoolInfo, refreshPool } from '../../libvirt/storagePool';
import { volumeIfExists } from '../storage/lookups';
import { checkVolumeName, describeBytes } from '../storage/volumes';
import { suggestVolumes, volumeNamesByPool, type CloneSource, type SourceDisk } from './clonePlan';
import type { IdentityResetTool } from './identityReset';

export interface PlannedCloneDisk {
  disk: SourceDisk;
  mode: CloneDiskMode;
  /** The new volume (copy / linked), in the source volume's pool. */
  volume?: string;
}

export interface CheckedClone {
  name: string;
  disks: PlannedCloneDisk[];
  /** The source runs: it is paused for the copy and resumed after. */
  pauseSource: boolean;
}

/** Bytes a copy of the disk takes in its pool. */
export function copyBytes(disk: SourceDisk): number {
  return disk.format === 'qcow2' ? (disk.allocationBytes ?? 0) : (disk.capacityBytes ?? 0);
}

export async function checkClone(
  rpc: RpcClient,
  source: CloneSource,
  options: CloneOptions,
  identity: IdentityResetTool,
): Promise<CheckedClone> {
  const faults: Record<string, Message> = {};
  const fault: Fault = (field, message) => {
    faults[field] ??= message;
  };
  const name = await checkName(rpc, source, options.name, fault);
  const suggested = suggestVolumes(
    source,
    name ?? `${source.name}-clone`,
    await volumeNamesByPool(rpc, source.disks),
  );
  const disks = chooseDisks(source, options, suggested, fault);
  await checkVolumes(rpc, disks, options, fault);
  const state = source.vm.state;
  const running = source.vm.active && state !== 'paused';
  if (source.vm.active && !options.pauseSource) {
    fault('pauseSource', msg('clone.sourceRunning', { name: source.name }));
  }
  // A linked clone's source becomes a template (its disks are the clone's read-only base): what
  // would keep it from becoming one is said now, before any copy (template.ts says the same).
  const linkedBlock = disks.some((d) => d.mode === 'linked')
    ? source.vm.active
      ? msg('clone.linkedNeedsShutOff', { name: source.name })
      : !source.vm.persistent
        ? msg('clone.linkedNeedsDefined', { name: source.name })
        : (await hasManagedSave(rpc, source.vm.dom))
          ? msg('clone.linkedNeedsNoSave', { name: source.name })
          : undefined
    : undefined;
  disks.forEach((d, i) => {
    if (d.mode === 'linked' && linkedBlock) {
      fault(`disks.${indexOf(options, d, i)}.mode`, linkedBlock);
    }
  });
  if (options.identityReset && options.identityReset.operations.length > 0 && !identity.tool) {
    fault('identityReset', msg('clone.noIdentityTool', { package: identity.package }));
  }
  if (Object.keys(faults).length > 0) throw InvalidInputError.ofFields(faults);
  return { name: name ?? '', disks, pauseSource: running };
}

type Fault = (field: string, message: Message) => void;

/** A check's own refusal (shared/inputChecks) as the field's message. */
function said(err: unknown): Message {
  if (err instanceof VirtdeckError && err.text) return err.text;
  return msg('common.internal', { detail: err instanceof Error ? err.message : String(err) });
}

/** The field index of a chosen disk: its place in the request, or the plan's for a left-out one. */
function indexOf(options: CloneOptions, d: PlannedCloneDisk, fallback: number): number {
  const i = options.disks.findIndex((o) => o.target === d.disk.target);
  return i >= 0 ? i : fallback;
}

async function checkName(
  rpc: RpcClient,
  source: CloneSource,
  raw: string,
  fault: Fault,
): Promise<string | undefined> {
  let name: string;
  try {
    name = checkObjectName(raw.trim(), 'The clone name', 'name');
  } catch (err) {
    fault('name', said(err));
    return undefined;
  }
  const existing =
    source.domainNames.has(name) || (await lookupDomainByName(rpc, name).catch(() => null));
  if (existing) fault('name', msg('common.vmNameTaken', { name }));
  return name;
}

function chooseDisks(
  source: CloneSource,
  options: CloneOptions,
  suggested: ReadonlyMap<string, string>,
  fault: Fault,
): PlannedCloneDisk[] {
  const out: PlannedCloneDisk[] = [];
  options.disks.forEach((o, i) => {
    const disk = source.disks.find((d) => d.target === o.target);
    const target = o.target;
    if (!disk)
      return fault(`disks.${i}.target`, msg('clone.noSuchDisk', { name: source.name, target }));
    if (out.some((d) => d.disk === disk)) {
      return fault(`disks.${i}.target`, msg('clone.diskTwice', { target }));
    }
    if (!disk.modes.includes(o.mode)) {
      return fault(
        `disks.${i}.mode`,
        msg('clone.diskModes', { target, modes: disk.modes.join(' / ') }),
      );
    }
    const wanted = o.volume?.trim() || suggested.get(disk.target);
    out.push({ disk, mode: o.mode, volume: o.mode === 'share' ? undefined : wanted });
  });
  for (const disk of source.disks) {
    if (out.some((d) => d.disk === disk)) continue;
    if (disk.modes.includes('share')) out.push({ disk, mode: 'share' });
    else fault('disks', msg('clone.sayDiskMode', { target: disk.target }));
  }
  return out;
}

async function checkVolumes(
  rpc: RpcClient,
  disks: readonly PlannedCloneDisk[],
  options: CloneOptions,
  fault: Fault,
): Promise<void> {
  const newNames = new Map<string, Set<string>>();
  const needed = new Map<string, number>();
  for (const [i, d] of disks.entries()) {
    const stored = d.disk.stored;
    if (d.mode === 'share' || !stored) continue;
    const field = `disks.${indexOf(options, d, i)}.volume`;
    let volume: string;
    try {
      volume = checkVolumeName(d.volume ?? '', field);
    } catch (err) {
      fault(field, said(err));
      continue;
    }
    d.volume = volume;
    const pool = stored.pool;
    const mine = newNames.get(pool.name) ?? new Set<string>();
    newNames.set(pool.name, mine);
    if (mine.has(volume)) fault(field, msg('clone.volumeTwice', { volume }));
    mine.add(volume);
    // A file copied into the directory behind libvirt's back is found after a refresh.
    await refreshPool(rpc, pool).catch(() => {});
    if (await volumeIfExists(rpc, pool, volume)) {
      fault(field, msg('common.volumeTaken', { pool: pool.name, volume }));
    }
    if (d.mode !== 'copy') continue;
    const total = (needed.get(pool.name) ?? 0) + copyBytes(d.disk);
    needed.set(pool.name, total);
    const { available } = await getPoolInfo(rpc, pool);
    if (total > available) {
      fault(
        field,
        msg('clone.noRoom', {
          target: d.disk.target,
          needed: describeBytes(total),
          pool: pool.name,
          free: describeBytes(available),
        }),
      );
    }
  }
}
