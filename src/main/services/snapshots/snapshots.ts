/**
 * A VM's snapshots as the Snapshots tab sees them: the list (one list call, then every
 * snapshot's XML and the current one, pipelined: the tab polls it while shown), revert in the
 * state the snapshot was taken in, and delete through libvirt only (an external snapshot's
 * overlays are merged back by libvirt's block commit; the app never deletes an image itself).
 */
import type { SnapshotInfo, SnapshotList } from '../../../shared/api/methods/snapshots';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { getDomainXml, hasActiveDomainJob } from '../../libvirt/domain';
import { uuidToString } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { LibvirtError, isNotFound, undefinedIfNotFound } from '../../libvirt/rpc/errors';
import {
  virDomainSnapshotDeleteFlags,
  virDomainSnapshotRevertFlags,
  virErrorNumber,
} from '../../libvirt/rpc/generated/libvirtEnums';
import {
  currentSnapshotName,
  deleteSnapshot,
  getSnapshotXml,
  listSnapshots,
  lookupSnapshot,
  revertToSnapshot,
} from '../../libvirt/snapshot';
import type { VmHandle } from '../vmDetails/vmXml';
import {
  decideSnapshotMode,
  externalSnapshotGuests,
  readVmSnapshotFacts,
  type HostSnapshotSupport,
} from './snapshotMode';
import { readSnapshotXml, type SnapshotXmlFacts } from './snapshotXml';
import type { SnapshotThumbnails } from './thumbnails';

/** What a host's libvirt can do with snapshots, read once per connection. */
const hostSupport = new WeakMap<RpcClient, Promise<HostSnapshotSupport>>();

export function hostSnapshotSupport(rpc: RpcClient): Promise<HostSnapshotSupport> {
  let support = hostSupport.get(rpc);
  if (!support) {
    support = Promise.all([
      rpc.call('CONNECT_GET_LIB_VERSION', null),
      rpc.call('CONNECT_GET_CAPABILITIES', null),
    ]).then(([lib, caps]) => ({
      libvirtVersion: Number(lib.lib_ver),
      externalSnapshotGuests: externalSnapshotGuests(caps.capabilities),
    }));
    // A failed read is not kept: the next list asks again.
    support.catch(() => hostSupport.delete(rpc));
    hostSupport.set(rpc, support);
  }
  return support;
}

/** Every snapshot's own XML, read pipelined; one deleted meanwhile is left out. */
export async function readAllSnapshots(vm: VmHandle): Promise<SnapshotXmlFacts[]> {
  const refs = await listSnapshots(vm.rpc, vm.dom);
  const xmls = await Promise.all(
    refs.map((ref) => getSnapshotXml(vm.rpc, ref).catch(undefinedIfNotFound)),
  );
  return xmls.filter((xml): xml is string => xml !== undefined).map(readSnapshotXml);
}

export async function listVmSnapshots(
  vm: VmHandle,
  thumbnails: SnapshotThumbnails,
): Promise<SnapshotList> {
  const uuid = uuidToString(vm.dom.uuid);
  const [facts, current, domainXml, host] = await Promise.all([
    readAllSnapshots(vm),
    currentSnapshotName(vm.rpc, vm.dom),
    getDomainXml(vm.rpc, vm.dom),
    hostSnapshotSupport(vm.rpc),
  ]);
  const snapshots: SnapshotInfo[] = await Promise.all(
    facts.map(async (f) => ({
      ...f,
      current: f.name === current,
      hasThumbnail: await thumbnails.has(uuid, f.name),
    })),
  );
  snapshots.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  const capability = decideSnapshotMode(
    readVmSnapshotFacts(domainXml),
    host,
    facts.map((f) => f.location),
  );
  return { snapshots, capability };
}

/** A domain job (save, dump, migration) holds the VM: refused before anything changes. */
export async function refuseWhileJobRuns(vm: VmHandle): Promise<void> {
  if (vm.active && (await hasActiveDomainJob(vm.rpc, vm.dom))) {
    throw new VirtdeckError('in-use', msg('snapshotOps.jobRunning'));
  }
}

export async function findSnapshot(vm: VmHandle, name: string) {
  try {
    return await lookupSnapshot(vm.rpc, vm.dom, name);
  } catch (err) {
    if (isNotFound(err)) {
      throw new VirtdeckError('not-found', msg('snapshotOps.gone', { name }), {
        cause: err,
      });
    }
    throw err;
  }
}

/** The revert flags that bring the guest back as it was taken: running, paused or shut off. */
function revertFlagsFor(state: string): number {
  if (state === 'running' || state === 'blocked' || state === 'disk-snapshot') {
    return virDomainSnapshotRevertFlags.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
  }
  return state === 'paused' ? virDomainSnapshotRevertFlags.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED : 0;
}

const UNSUPPORTED: ReadonlySet<number> = new Set([
  virErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
  virErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED,
]);

/** libvirt reverts external snapshots from 9.9.0 and deletes them from 9.0.0. */
const EXTERNAL_SINCE = { revert: 9_009_000, delete: 9_000_000 };

/** libvirt's refusals of a revert or delete, said in words (libvirt's own text kept after). */
async function explained(
  vm: VmHandle,
  err: unknown,
  action: 'revert' | 'delete',
  location: string,
): Promise<unknown> {
  if (!(err instanceof LibvirtError)) return err;
  const tooOld =
    location === 'external' &&
    UNSUPPORTED.has(err.libvirtCode) &&
    (await hostSnapshotSupport(vm.rpc)).libvirtVersion < EXTERNAL_SINCE[action];
  let words: Message | undefined;
  if (err.libvirtCode === virErrorNumber.VIR_ERR_SNAPSHOT_REVERT_RISKY) {
    words = msg('snapshotOps.revertRisky');
  } else if (tooOld) {
    words = action === 'revert' ? msg('snapshotOps.revertTooOld') : msg('snapshotOps.deleteTooOld');
  } else if (/non-leaf external snapshot that is not in active chain/.test(err.message)) {
    words = msg('snapshotOps.deleteOffBranch');
  } else if (err.libvirtCode === virErrorNumber.VIR_ERR_OPERATION_TIMEOUT) {
    words = msg('snapshotOps.busy');
  }
  return words ? new VirtdeckError('libvirt', words, { cause: err, detail: err.message }) : err;
}

function isOverlayNameTaken(err: unknown, location: string): boolean {
  return (
    location === 'external' &&
    err instanceof LibvirtError &&
    err.libvirtCode === virErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED &&
    /external snapshot file .* already exists/.test(err.message)
  );
}

/** Back to the snapshot, in the state it was taken in (libvirt's refusals in words). */
export async function revertVmSnapshot(vm: VmHandle, name: string, force = false): Promise<void> {
  const snap = await findSnapshot(vm, name);
  await refuseWhileJobRuns(vm);
  const facts = readSnapshotXml(await getSnapshotXml(vm.rpc, snap));
  const flags =
    revertFlagsFor(facts.state) |
    (force ? virDomainSnapshotRevertFlags.VIR_DOMAIN_SNAPSHOT_REVERT_FORCE : 0);
  try {
    await revertToSnapshot(vm.rpc, snap, flags).catch(async (err: unknown) => {
      if (!isOverlayNameTaken(err, facts.location)) throw err;
      // libvirt names the overlays of an external revert after the second (`disk.<epoch>`),
      // so a second revert within the same second finds them taken, before changing anything.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await revertToSnapshot(vm.rpc, snap, flags);
    });
  } catch (err) {
    throw await explained(vm, err, 'revert', facts.location);
  }
}

/** The names of `name` and, with `children`, of all its descendants. */
function deletedNames(all: SnapshotXmlFacts[], name: string, children: boolean): string[] {
  const names = [name];
  if (!children) return names;
  for (let i = 0; i < names.length; i++) {
    for (const s of all) if (s.parent === names[i]) names.push(s.name);
  }
  return names;
}

/**
 * libvirt 11.3, deleting an external snapshot of a tree that branches (a revert, then a new
 * snapshot), removed overlay files the other branch still needed: that branch's snapshots no
 * longer reverted ("source for disk 'vda' is not a regular file"; virsh alone does it too). So an
 * external snapshot is deleted only when every snapshot that stays is its ancestor or its
 * descendant (a chain, which libvirt's block commit handles), or when nothing else stays.
 */
function refuseAcrossBranches(all: SnapshotXmlFacts[], name: string, deleted: string[]): void {
  const parents = new Map(all.map((s) => [s.name, s.parent]));
  const lineage = (from: string): string[] => {
    const out: string[] = [];
    for (let at = parents.get(from); at !== undefined; at = parents.get(at)) out.push(at);
    return out;
  };
  const ancestors = new Set(lineage(name));
  const other = all.find(
    (s) => !deleted.includes(s.name) && !ancestors.has(s.name) && !lineage(s.name).includes(name),
  );
  if (other) {
    throw new VirtdeckError(
      'not-supported',
      msg('snapshotOps.acrossBranches', { name, other: other.name }),
    );
  }
}

/**
 * Deletes the snapshot (and its descendants), then the thumbnails kept for them. libvirt deletes
 * an external snapshot with its children only one by one ("deletion of external children disk
 * snapshots not supported"): the descendants go first, deepest first, each a leaf by then; a
 * failure part way says which were deleted and which remain.
 */
export async function deleteVmSnapshot(
  vm: VmHandle,
  thumbnails: SnapshotThumbnails,
  name: string,
  children: boolean,
): Promise<void> {
  const snap = await findSnapshot(vm, name);
  await refuseWhileJobRuns(vm);
  const all = await readAllSnapshots(vm);
  const location = all.find((s) => s.name === name)?.location ?? 'internal';
  const deleted = deletedNames(all, name, children);
  const uuid = uuidToString(vm.dom.uuid);
  const forget = (names: string[]) => Promise.all(names.map((n) => thumbnails.remove(uuid, n)));
  if (location === 'internal') {
    try {
      await deleteSnapshot(
        vm.rpc,
        snap,
        children ? virDomainSnapshotDeleteFlags.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN : 0,
      );
    } catch (err) {
      throw await explained(vm, err, 'delete', location);
    }
    await forget(deleted);
    return;
  }
  refuseAcrossBranches(all, name, deleted);
  // Breadth-first order reversed: every snapshot comes after all of its descendants.
  const order = [...deleted].reverse();
  for (const [i, next] of order.entries()) {
    try {
      await deleteSnapshot(vm.rpc, await lookupSnapshot(vm.rpc, vm.dom, next), 0);
    } catch (err) {
      const why = await explained(vm, err, 'delete', location);
      if (i === 0) throw why;
      const done = order.slice(0, i).map((n) => `"${n}"`);
      const left = order.slice(i).map((n) => `"${n}"`);
      throw new VirtdeckError(
        'libvirt',
        msg('snapshotOps.partlyDeleted', {
          done: done.join(', '),
          left: left.join(', '),
          count: left.length,
          why: (why as Error).message,
        }),
        {
          cause: err,
          ...(why instanceof VirtdeckError && why.detail ? { detail: why.detail } : {}),
        },
      );
    }
    await thumbnails.remove(uuid, next);
  }
}
