/**
 * Deletes a VM with what it owns and the disks the user kept checked. Everything is checked
 * first, against a plan read afresh (a disk that became used since the dialog opened is refused,
 * naming who uses it; nothing has changed then). Then, in this order: force off (only when the
 * user confirmed it), each snapshot's metadata (an external snapshot's files are the user's
 * choice, as disks: only its metadata goes; an internal one lives in the disk image and goes
 * whole), the definition with its managed save, NVRAM and TPM state, and last the disks, each
 * overlay before the file it is backed by: a volume through libvirt, a file in no pool through
 * the host's own file access (SFTP for an SSH host). A step that fails stops the delete, and the
 * outcome says what was deleted, what remains and what failed: nothing is lost silently.
 */
import type { DeleteItem, VmDeleteOutcome } from '../../../shared/api/methods/vmDelete';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { HostFiles } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';
import { destroyDomain, undefineDomain } from '../../libvirt/domain';
import type { RpcClient } from '../../libvirt/rpc/client';
import { LibvirtError } from '../../libvirt/rpc/errors';
import {
  virDomainSnapshotDeleteFlags,
  virDomainUndefineFlagsValues,
  virErrorNumber,
} from '../../libvirt/rpc/generated/libvirtEnums';
import { deleteSnapshot } from '../../libvirt/snapshot';
import { deleteVolume } from '../../libvirt/storageVolume';
import { normalizePath } from '../storage/volumeUsage';
import {
  readDeletePlan,
  type DeletePlanDetail,
  type NeighbourConnection,
  type PlannedDisk,
} from './deletePlan';

export interface VmDeleteRequest {
  /** Paths from the plan's disks. */
  disks: string[];
  /** The user confirmed forcing a running VM off. */
  forceOff: boolean;
}

const {
  VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA,
  VIR_DOMAIN_UNDEFINE_NVRAM,
  VIR_DOMAIN_UNDEFINE_TPM,
} = virDomainUndefineFlagsValues;

/** Everything the definition takes with it on undefine. */
const UNDEFINE_ALL =
  VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA |
  VIR_DOMAIN_UNDEFINE_NVRAM |
  VIR_DOMAIN_UNDEFINE_TPM;

export async function deleteVm(
  connection: LibvirtConnection,
  uuid: string,
  request: VmDeleteRequest,
  neighbours: NeighbourConnection[] = [],
): Promise<VmDeleteOutcome> {
  const { host, rpc } = connection;
  const detail = await readDeletePlan(connection, uuid, neighbours);
  const disks = checkRequest(detail, request);
  const run = new DeleteRun(plannedItems(detail, disks));
  const { vm } = detail;
  const name = vm.dom.name;
  const definition: DeleteItem = { kind: 'definition', what: name };

  if (vm.active) {
    const forcedOff = await run.step([], definition, () => destroyDomain(rpc, vm.dom));
    if (!forcedOff) return run.outcome();
    // A transient VM is gone once it stops: its definition and snapshots went with it.
    if (!vm.persistent) run.done(run.items.filter((i) => i.kind !== 'disk'));
  }
  for (const snapshot of vm.persistent ? detail.snapshots : []) {
    const item: DeleteItem = { kind: 'snapshot-metadata', what: snapshot.name };
    const flags = snapshot.external
      ? virDomainSnapshotDeleteFlags.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY
      : 0;
    if (!(await run.step([item], item, () => deleteSnapshot(rpc, snapshot.ref, flags))))
      return run.outcome();
  }
  if (vm.persistent) {
    const owned = run.items.filter((i) => i.kind !== 'disk' && i.kind !== 'snapshot-metadata');
    if (!(await run.step(owned, definition, () => undefineWithAll(rpc, detail))))
      return run.outcome();
  }
  let files: HostFiles | undefined;
  try {
    for (const disk of disks) {
      const item: DeleteItem = { kind: 'disk', what: disk.path };
      const removed = await run.step([item], item, async () => {
        if (disk.stored) return deleteVolume(rpc, disk.stored.vol);
        files ??= await host.files();
        await files.unlink(disk.path);
      });
      if (!removed) break;
    }
  } finally {
    files?.close();
  }
  return run.outcome();
}

/**
 * Undefines with everything the definition owns. A libvirt that refuses a flag as unknown (TPM
 * since 8.9, checkpoints since 5.6; the test driver knows only managed save and snapshots) gets
 * the ones this VM needs: an older libvirt removes the TPM state on undefine by itself.
 */
async function undefineWithAll(rpc: RpcClient, detail: DeletePlanDetail): Promise<void> {
  const { dom } = detail.vm;
  try {
    await undefineDomain(rpc, dom, UNDEFINE_ALL);
  } catch (err) {
    if (!isInvalidArg(err)) throw err;
    const nvram = detail.plan.alsoRemoved.nvram ? VIR_DOMAIN_UNDEFINE_NVRAM : 0;
    const needed = VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    try {
      await undefineDomain(rpc, dom, needed | nvram);
    } catch (again) {
      // LXC's driver takes no undefine flag at all: it has no managed save, snapshots or NVRAM.
      if (!isInvalidArg(again)) throw again;
      await undefineDomain(rpc, dom, 0);
    }
  }
}

function isInvalidArg(err: unknown): boolean {
  return err instanceof LibvirtError && err.libvirtCode === virErrorNumber.VIR_ERR_INVALID_ARG;
}

/** The disks asked for, in the order they can go; refused in words before anything changes. */
function checkRequest(detail: DeletePlanDetail, request: VmDeleteRequest): PlannedDisk[] {
  const { name } = detail.plan;
  const byPath = new Map(detail.disks.map((d) => [normalizePath(d.path), d]));
  const chosen = new Set<PlannedDisk>();
  for (const path of request.disks) {
    const disk = byPath.get(normalizePath(path));
    if (!disk) {
      const notOurs = msg('vmDelete.notADisk', { path, name });
      throw new InvalidInputError(notOurs, { disks: notOurs });
    }
    if (!disk.deletable) {
      const notFile = msg('vmDelete.notAFile', { path });
      throw new InvalidInputError(notFile, { disks: notFile });
    }
    if (disk.neededBy.length > 0) {
      throw new VirtdeckError(
        'in-use',
        msg('vmDelete.stillUsed', {
          path,
          users: disk.neededBy.join(', '),
          count: disk.neededBy.length,
        }),
      );
    }
    chosen.add(disk);
  }
  for (const kept of detail.disks) {
    if (chosen.has(kept) || !kept.backing) continue;
    const base = [...chosen].find(
      (c) => normalizePath(c.path) === normalizePath(kept.backing ?? ''),
    );
    if (base) {
      const message = msg('vmDelete.backingKept', { base: base.path, kept: kept.path });
      throw new InvalidInputError(message, { disks: message });
    }
  }
  if (detail.vm.active && !request.forceOff) {
    const message = msg('vmDelete.confirmForceOff', { name });
    throw new InvalidInputError(message, { forceOff: message });
  }
  return overlaysFirst([...chosen]);
}

/** Each file before the file it is backed by: a base is never deleted under a live overlay. */
function overlaysFirst(disks: PlannedDisk[]): PlannedDisk[] {
  const left = [...disks];
  const out: PlannedDisk[] = [];
  while (left.length > 0) {
    const isBase = (d: PlannedDisk) =>
      left.some((o) => o !== d && o.backing && normalizePath(o.backing) === normalizePath(d.path));
    // A cycle cannot be ordered: then any first.
    out.push(
      ...left.splice(
        Math.max(
          0,
          left.findIndex((d) => !isBase(d)),
        ),
        1,
      ),
    );
  }
  return out;
}

/** Everything the delete is to remove, in the order it goes. */
function plannedItems(detail: DeletePlanDetail, disks: PlannedDisk[]): DeleteItem[] {
  const { name, alsoRemoved } = detail.plan;
  const items: DeleteItem[] = detail.snapshots.map((s) => ({
    kind: 'snapshot-metadata',
    what: s.name,
  }));
  items.push({ kind: 'definition', what: name });
  if (alsoRemoved.managedSave) items.push({ kind: 'managed-save', what: name });
  if (alsoRemoved.nvram) items.push({ kind: 'nvram', what: alsoRemoved.nvram });
  if (alsoRemoved.tpmState) items.push({ kind: 'tpm-state', what: name });
  return [...items, ...disks.map((d): DeleteItem => ({ kind: 'disk', what: d.path }))];
}

/** What has been deleted so far, what remains, and the step that failed. */
class DeleteRun {
  private readonly deleted: DeleteItem[] = [];
  private failed?: VmDeleteOutcome['failed'];

  constructor(readonly items: DeleteItem[]) {}

  done(items: DeleteItem[]): void {
    for (const item of items) if (!this.deleted.some((d) => same(d, item))) this.deleted.push(item);
  }

  /** Runs one step; its items count as deleted when it succeeds. False when it failed. */
  async step(
    items: DeleteItem[],
    doing: DeleteItem,
    action: () => Promise<void>,
  ): Promise<boolean> {
    try {
      await action();
    } catch (err) {
      this.failed = { ...doing, message: err instanceof Error ? err.message : String(err) };
      return false;
    }
    this.done(items);
    return true;
  }

  outcome(): VmDeleteOutcome {
    const deleted = this.deleted;
    const remaining = this.items.filter((i) => !deleted.some((d) => same(d, i)));
    return this.failed ? { deleted, remaining, failed: this.failed } : { deleted, remaining };
  }
}

function same(a: DeleteItem, b: DeleteItem): boolean {
  return a.kind === b.kind && a.what === b.what;
}
