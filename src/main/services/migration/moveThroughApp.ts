/**
 * Moving a shut-off VM between hosts that cannot reach each other: each volume streams through
 * Virtdeck (download from the source into an upload to the target), the disks are verified by
 * size and checksum, the VM is defined on the target, and only then is anything on the source
 * removed. Cancel or a failure at any point removes what the target got (volumes, definition) and
 * leaves the source as it was.
 */
import type { MigrationOptions } from '../../../shared/api/methods/migration';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  defineDomain,
  getDomainState,
  undefineDomain,
  type DomainState,
} from '../../libvirt/domain';
import type { DomainRef, StorageVolumeRef } from '../../libvirt/refs';
import { virDomainUndefineFlagsValues } from '../../libvirt/rpc/generated/libvirtEnums';
import { getVolumePath } from '../../libvirt/storageVolume';
import type { JobContext } from '../jobTypes';
import { removeVolume } from '../storage/transfers';
import type { MigrationEnds } from './migrationChecks';
import { moveEnd, planMove, type MovePlan, type PlannedCopy } from './movePlan';
import { relocateDisks, type DiskRelocation } from './moveXml';
import {
  checkFreshLength,
  createTargetVolume,
  sameBytes,
  streamVolume,
  verifyCopy,
  type CopiedVolume,
  type MoveEnd,
} from './volumeCopy';

/**
 * Moves the VM; what is not moved (an NVRAM outside any pool, TPM state) is said as a step of the
 * job before the copy starts.
 */
export async function moveThroughApp(
  ends: MigrationEnds,
  job: JobContext,
  options: MigrationOptions,
): Promise<void> {
  const source = moveEnd(ends.source);
  const target = moveEnd(ends.target);
  const plan = await planMove(source, target, options.uuid);
  for (const note of plan.notes) job.step(note);

  await copyToTarget(source, target, plan, job);
  await finishOnSource(source, plan, options.keepSource === true);
}

interface Copied {
  copy: PlannedCopy;
  vol: StorageVolumeRef;
  path: string;
  result: CopiedVolume;
}

/**
 * Copies and verifies every volume, then defines the VM on the target; on any failure or Cancel,
 * removes the target's new volumes and definition and rethrows.
 */
async function copyToTarget(
  source: MoveEnd,
  target: MoveEnd,
  plan: MovePlan,
  job: JobContext,
): Promise<DomainRef> {
  const copies = [...plan.disks, ...(plan.nvram ? [plan.nvram] : [])];
  const total = copies.reduce((sum, c) => sum + c.bytes, 0);
  const made: StorageVolumeRef[] = [];
  let defined: DomainRef | undefined;
  try {
    const copied: Copied[] = [];
    const reused: Reused[] = [];
    let before = 0;
    job.progress(0, total);
    for (const [i, copy] of copies.entries()) {
      checkNotCancelled(job.signal);
      const count = { index: i + 1, total: copies.length };
      if (copy.existing) {
        job.step(msg('migration.compare', { disk: copy.label, target: target.label, ...count }));
        reused.push(await useExisting(source, target, copy, copy.existing, job.signal));
        before += copy.bytes;
        job.progress(before, total);
        continue;
      }
      job.step(msg('migration.copy', { disk: copy.label, ...count }));
      const vol = await createTargetVolume(target, copy.targetPool, copy.name, copy);
      made.push(vol);
      await checkFreshLength(target, vol, copy);
      const result = await streamVolume(source, copy, target, vol, {
        signal: job.signal,
        onBytes: (bytes) => job.progress(before + bytes, total),
      });
      before += copy.bytes;
      copied.push({ copy, vol, path: await getVolumePath(target.rpc, vol), result });
    }
    checkNotCancelled(job.signal);
    job.step(msg('migration.verify'));
    for (const c of copied) await verifyCopy(target, c.vol, { ...c.copy, ...c.result }, job.signal);

    checkNotCancelled(job.signal);
    job.step(msg('migration.define', { target: target.label }));
    // Started on the source meanwhile, its disks may have changed under the copy.
    await expectState(source, plan.dom, 'shutoff');
    const nvram = copied.find((c) => c.copy === plan.nvram);
    const xml = relocateDisks(
      plan.xml,
      [...copied, ...reused].filter((c) => c.copy !== plan.nvram).map(relocation),
      nvram?.path,
    );
    defined = await defineDomain(target.rpc, xml);
    checkNotCancelled(job.signal);
    return defined;
  } catch (err) {
    if (defined) await undefineDomain(target.rpc, defined).catch(() => {});
    for (const vol of made.reverse()) await removeVolume(target.rpc, vol);
    if (job.signal.aborted) throw new VirtdeckError('cancelled', msg('migration.moveCancelled'));
    throw err;
  }
}

function relocation(c: Copied | Reused): DiskRelocation {
  return { target: c.copy.label, path: c.path, pool: c.copy.targetPool.name, volume: c.vol.name };
}

interface Reused {
  copy: PlannedCopy;
  vol: StorageVolumeRef;
  path: string;
}

/** Read-only media the target has already: used when its bytes are the source's, else refused. */
async function useExisting(
  source: MoveEnd,
  target: MoveEnd,
  copy: PlannedCopy,
  existing: StorageVolumeRef,
  signal: AbortSignal,
): Promise<Reused> {
  if (!(await sameBytes(source, copy, target, existing, signal))) {
    throw new InvalidInputError(
      msg('migration.volumeTaken', {
        pool: copy.targetPool.name,
        target: target.label,
        volume: copy.name,
        disk: copy.label,
      }),
      { storage: msg('migration.nameTaken', { volume: copy.name, target: target.label }) },
    );
  }
  return { copy, vol: existing, path: await getVolumePath(target.rpc, existing) };
}

/**
 * Unless the source is kept: undefines the VM there and deletes the volumes that were copied
 * (not shared media). A failure here leaves the VM defined on both hosts, which loses nothing;
 * the message says so.
 */
async function finishOnSource(source: MoveEnd, plan: MovePlan, keepSource: boolean): Promise<void> {
  if (keepSource) return;
  const { VIR_DOMAIN_UNDEFINE_KEEP_NVRAM, VIR_DOMAIN_UNDEFINE_KEEP_TPM } =
    virDomainUndefineFlagsValues;
  // The NVRAM file, when copied, is deleted below with the volumes; otherwise it stays.
  const flags =
    (plan.uefi || plan.nvram ? VIR_DOMAIN_UNDEFINE_KEEP_NVRAM : 0) |
    (plan.tpmState ? VIR_DOMAIN_UNDEFINE_KEEP_TPM : 0);
  try {
    await undefineDomain(source.rpc, plan.dom, flags);
  } catch (err) {
    throw new VirtdeckError(
      'libvirt',
      msg('migration.sourceUndefineFailed', {
        name: plan.dom.name,
        source: source.label,
        why: errorText(err),
      }),
      { cause: err },
    );
  }
  const leftovers: string[] = [];
  for (const copy of [...plan.disks, ...(plan.nvram ? [plan.nvram] : [])]) {
    if (!copy.removeFromSource) continue;
    if (!(await removeVolume(source.rpc, copy.vol))) leftovers.push(copy.name);
  }
  if (leftovers.length > 0) {
    throw new VirtdeckError(
      'libvirt',
      msg('migration.sourceLeftovers', {
        name: plan.dom.name,
        left: leftovers.join(', '),
        count: leftovers.length,
        source: source.label,
      }),
    );
  }
}

async function expectState(end: MoveEnd, dom: DomainRef, wanted: DomainState): Promise<void> {
  const { state } = await getDomainState(end.rpc, dom);
  if (state !== wanted) {
    throw new VirtdeckError(
      'invalid-input',
      msg('migration.startedDuringCopy', { name: dom.name, source: end.label }),
    );
  }
}

function checkNotCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new VirtdeckError('cancelled', msg('migration.moveCancelled'));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
