/**
 * libvirt's migration protocol v3 with parameters, driven over both connections as
 * virDomainMigrateVersion3Full (libvirt-domain.c) drives it for virsh migrate without --p2p:
 * Begin on the source, Prepare on the target, Perform on the source, Finish on the target,
 * Confirm on the source, each passing on the cookie of the one before. A step that fails makes
 * the later ones run `cancelled`, so Finish removes the target's domain and Confirm resumes the
 * source's; the first error is the one reported. With a `dconnuri` (peer to peer) Perform alone
 * runs and the source's daemon does the rest. While Perform runs, the source's job stats are read
 * every half second, and Cancel aborts that job.
 */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { getDomainInfo } from '../../libvirt/domain';
import {
  abortDomainJob,
  getDomainJobStats,
  JOB_STATS_FIELD,
  MIGRATE_PARAM,
  migrateBegin,
  migrateConfirm,
  migrateFinish,
  migratePerform,
  migratePrepare,
  NO_COOKIE,
  supportsChangeProtection,
  type MigrationParams,
} from '../../libvirt/migration';
import type { RpcClient } from '../../libvirt/rpc/client';
import { virDomainJobType, virDomainMigrateFlags } from '../../libvirt/rpc/generated/libvirtEnums';
import type { TypedValue } from '../../libvirt/typedParams';
import type { DomainRef } from '../../libvirt/refs';
import type { JobContext } from '../jobTypes';

const {
  VIR_MIGRATE_CHANGE_PROTECTION,
  VIR_MIGRATE_OFFLINE,
  VIR_MIGRATE_ABORT_ON_ERROR,
  VIR_MIGRATE_AUTO_CONVERGE,
} = virDomainMigrateFlags;

const STATS_INTERVAL_MS = 500;

const RUNNING_JOB_TYPES: readonly number[] = [
  virDomainJobType.VIR_DOMAIN_JOB_BOUNDED,
  virDomainJobType.VIR_DOMAIN_JOB_UNBOUNDED,
];

export interface MigrationRun {
  source: RpcClient;
  target: RpcClient;
  dom: DomainRef;
  job: JobContext;
  params: { destName: string; uri?: string; bandwidth?: number };
  flags: number;
}

export interface MigrationOutcome {
  /** Whether the guest is now the target's (Finish succeeded). */
  arrived: boolean;
  /** The first step's error, if any (the guest may have arrived and Confirm failed). */
  error?: Error;
}

function libvirtParams(run: MigrationRun, extra: MigrationParams = {}): MigrationParams {
  const { destName, uri, bandwidth } = run.params;
  return {
    [MIGRATE_PARAM.destName]: destName,
    ...(uri ? { [MIGRATE_PARAM.uri]: uri } : {}),
    ...(bandwidth ? { [MIGRATE_PARAM.bandwidth]: bandwidth } : {}),
    ...extra,
  };
}

/** Peer to peer (the source's daemon opens `dconnuri`): Perform alone. */
export async function runPeerToPeer(run: MigrationRun, dconnuri: string): Promise<void> {
  if (run.job.signal.aborted) throw cancelledError();
  await duringPerform(run, () =>
    migratePerform(run.source, run.dom, dconnuri, libvirtParams(run), NO_COOKIE, run.flags),
  );
}

/** The five steps. Only a failed Begin throws (nothing started); later failures are in the outcome. */
export async function runMigrationSteps(run: MigrationRun): Promise<MigrationOutcome> {
  const protection = (await supportsChangeProtection(run.source))
    ? VIR_MIGRATE_CHANGE_PROTECTION
    : 0;
  let flags = run.flags;
  const params = libvirtParams(run);

  const begin = await migrateBegin(run.source, run.dom, params, flags | protection);
  let destFlags = flags;
  let cookie: Buffer;
  try {
    // As libvirt: a guest paused by now stays paused on the target.
    if ((await getDomainInfo(run.source, run.dom)).state === 'paused') {
      flags |= virDomainMigrateFlags.VIR_MIGRATE_PAUSED;
    }
    destFlags = flags & ~(VIR_MIGRATE_ABORT_ON_ERROR | VIR_MIGRATE_AUTO_CONVERGE);
    const prepared = await migratePrepare(
      run.target,
      { ...params, [MIGRATE_PARAM.destXml]: begin.xml },
      begin.cookie,
      destFlags,
    );
    cookie = prepared.cookie;
    if (prepared.uri) params[MIGRATE_PARAM.uri] = prepared.uri;
  } catch (err) {
    // Begin started the source's migration job (change protection): Confirm ends it.
    if (protection) {
      await migrateConfirm(run.source, run.dom, params, NO_COOKIE, flags | protection, true).catch(
        () => {},
      );
    }
    return { arrived: false, error: asError(err) };
  }

  let error: Error | undefined;
  let cancelled = false;
  if (flags & VIR_MIGRATE_OFFLINE) {
    cookie = NO_COOKIE; // libvirt skips Perform for an offline migration
  } else if (run.job.signal.aborted) {
    [error, cancelled, cookie] = [cancelledError(), true, NO_COOKIE];
  } else {
    try {
      cookie = await duringPerform(run, () =>
        migratePerform(run.source, run.dom, null, params, cookie, flags | protection),
      );
    } catch (err) {
      [error, cancelled, cookie] = [asError(err), true, NO_COOKIE];
    }
  }

  let arrived = false;
  try {
    const finished = await migrateFinish(run.target, params, cookie, destFlags, cancelled);
    [arrived, cookie] = [true, finished.cookie];
  } catch (err) {
    // No domain from Finish: the guest must go on at the source.
    error ??= asError(err);
    cookie = NO_COOKIE;
  }
  try {
    await migrateConfirm(run.source, run.dom, params, cookie, flags | protection, !arrived);
  } catch (err) {
    error ??= asError(err);
  }
  return { arrived, error };
}

/**
 * Runs Perform with the source's job stats read every half second (into the job's progress) and
 * the job's Cancel turned into an abort of the source's migration job.
 */
async function duringPerform<T>(run: MigrationRun, perform: () => Promise<T>): Promise<T> {
  const { job, source, dom } = run;
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const { type, stats } = await getDomainJobStats(source, dom);
      // A migration is an unbounded job to libvirt (its end is not known in advance).
      if (RUNNING_JOB_TYPES.includes(type)) report(job, stats);
    } catch {
      // The job can end between two reads; the next read (or Perform's end) says how.
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), STATS_INTERVAL_MS);
  const abort = () => void abortDomainJob(source, dom).catch(() => {});
  job.signal.addEventListener('abort', abort, { once: true });
  try {
    return await perform();
  } catch (err) {
    throw job.signal.aborted ? cancelledError(err) : err;
  } finally {
    clearInterval(timer);
    job.signal.removeEventListener('abort', abort);
  }
}

function report(job: JobContext, stats: Record<string, TypedValue>): void {
  const n = (field: string): number | undefined => {
    const value = stats[field];
    return typeof value === 'number' ? value : undefined;
  };
  const processed = n(JOB_STATS_FIELD.processed) ?? 0;
  const total = n(JOB_STATS_FIELD.total) ?? 0;
  const speed = (n(JOB_STATS_FIELD.memoryBps) ?? 0) + (n(JOB_STATS_FIELD.diskBps) ?? 0);
  const dirtyPages = n(JOB_STATS_FIELD.dirtyRate);
  job.migration({
    processedBytes: processed,
    remainingBytes: n(JOB_STATS_FIELD.remaining) ?? Math.max(0, total - processed),
    totalBytes: total,
    bytesPerSecond: speed > 0 ? speed : undefined,
    dirtyBytesPerSecond:
      dirtyPages === undefined ? undefined : dirtyPages * (n(JOB_STATS_FIELD.pageSize) ?? 4096),
    iteration: n(JOB_STATS_FIELD.iteration),
  });
  job.progress(processed, total > 0 ? total : undefined);
}

function cancelledError(cause?: unknown): VirtdeckError {
  return new VirtdeckError('cancelled', msg('migration.cancelled'), {
    cause,
  });
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
