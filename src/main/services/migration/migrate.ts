/**
 * The migration job: checks first (one message per field), then libvirt's managed migration,
 * `direct` (Virtdeck drives the five steps over both connections, as virsh migrate without
 * --p2p) or `tunnelled` (the source's libvirtd opens the target and carries the data, as virsh
 * migrate --p2p --tunnelled), with libvirt's job stats as progress and Cancel as an abort of the
 * source's job; or, for a shut-off VM, the move through Virtdeck.
 */
import type { MigrationOptions } from '../../../shared/api/methods/migration';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { virDomainMigrateFlags } from '../../libvirt/rpc/generated/libvirtEnums';
import { jobTitle, type JobContext, type Jobs } from '../jobTypes';
import {
  goesThroughApp,
  planMigration,
  type MigrationEnds,
  type MigrationPlan,
} from './migrationChecks';
import { createTargetVolumes, deleteVolumes } from './migrationDisks';
import { runMigrationSteps, runPeerToPeer, type MigrationRun } from './migrationSteps';
import { moveThroughApp } from './moveThroughApp';

export type { MigrationEnds } from './migrationChecks';

const {
  VIR_MIGRATE_LIVE,
  VIR_MIGRATE_OFFLINE,
  VIR_MIGRATE_PERSIST_DEST,
  VIR_MIGRATE_UNDEFINE_SOURCE,
  VIR_MIGRATE_NON_SHARED_DISK,
  VIR_MIGRATE_PEER2PEER,
  VIR_MIGRATE_TUNNELLED,
} = virDomainMigrateFlags;

export async function startMigration(
  ends: MigrationEnds,
  jobs: Jobs,
  options: MigrationOptions,
): Promise<{ jobId: string; result: Promise<unknown> }> {
  const plan = await planMigration(ends, options);
  if (plan.problems.length > 0) throw problemsError(plan);
  const targetLabel = ends.target.config.label ?? ends.target.config.uri;
  return jobs.start(
    {
      ...jobTitle(msg('migration.title', { name: plan.name, target: targetLabel })),
      connectionId: options.connectionId,
      unit: 'bytes',
      total: plan.copies.reduce((sum, c) => sum + c.bytes, 0) || undefined,
      cancellable: true,
    },
    (job) => runMigration(ends, job, options, plan),
  );
}

/** One message per field; several problems on one field are said one after the other. */
function problemsError(plan: MigrationPlan): InvalidInputError {
  const fields: Record<string, string> = {};
  for (const { field, message } of plan.problems) {
    fields[field] = fields[field] ? `${fields[field]}; ${message}` : message;
  }
  return InvalidInputError.ofFields(fields);
}

async function runMigration(
  ends: MigrationEnds,
  job: JobContext,
  options: MigrationOptions,
  plan: MigrationPlan,
): Promise<void> {
  if (goesThroughApp(options)) return moveThroughApp(ends, job, options);

  const source = ends.source.libvirt();
  const target = ends.target.libvirt();
  const bandwidth = options.bandwidthMiBs && options.bandwidthMiBs > 0 ? options.bandwidthMiBs : 0;
  const persistence =
    VIR_MIGRATE_PERSIST_DEST | (options.keepSource ? 0 : VIR_MIGRATE_UNDEFINE_SOURCE);
  const run: MigrationRun = {
    source: source.rpc,
    target: target.rpc,
    dom: plan.dom,
    job,
    params: { destName: plan.name, ...(bandwidth ? { bandwidth } : {}) },
    flags: persistence,
  };

  if (options.transport === 'tunnelled') {
    job.step(msg('migration.tunnelled'));
    run.flags |= VIR_MIGRATE_LIVE | VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_TUNNELLED;
    await runPeerToPeer(run, options.tunnelUri ?? '');
    return;
  }

  run.flags |= options.mode === 'live' ? VIR_MIGRATE_LIVE : VIR_MIGRATE_OFFLINE;
  if (options.storage === 'copy') run.flags |= VIR_MIGRATE_NON_SHARED_DISK;
  run.params.uri = `tcp://${bracketed(options.targetAddress ?? (await defaultAddress(ends)))}`;

  job.step(msg('migration.prepareDisks'));
  const made = await createTargetVolumes(target.rpc, plan.copies);
  let outcome;
  try {
    job.step(msg('migration.migrating'));
    outcome = await runMigrationSteps(run);
  } catch (err) {
    // Begin failed: nothing of the guest reached the target.
    await deleteVolumes(target.rpc, made);
    throw err;
  }
  // Not arrived: Finish removed the target's domain, so its disks can go too.
  if (!outcome.arrived) await deleteVolumes(target.rpc, made);
  if (outcome.error !== undefined) throw outcome.error;
}

/** The host name the target's connection reaches it by (the source QEMU dials the same). */
async function defaultAddress(ends: MigrationEnds): Promise<string> {
  const { connection } = ends.target.libvirt();
  const host = connection.uri.host ?? (await connection.hostname());
  if (!host) throw new VirtdeckError('invalid-input', msg('migration.noAddress'));
  return host;
}

/** An IPv6 literal goes in brackets in a URI. */
function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
