/**
 * Managed migration under TCG, from this machine (libvirt 9.0, QEMU 7.2) to the modern host
 * (libvirt 11.3, QEMU 10.0), both sessions over SSH as the app holds them: a live migration with
 * copied storage (the guest's serial console answers on the target, the source no longer has it),
 * a migration cancelled midway (the guest runs on at the source, nothing is left on the target),
 * and a tunnelled one (the source's libvirtd opens the target over libssh).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getDomainInfo,
  getDomainXml,
  lookupDomainByName,
  resumeDomain,
  startDomain,
  suspendDomain,
} from '../../../src/main/libvirt/domain';
import { isNotFound } from '../../../src/main/libvirt/rpc/errors';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { lookupPoolByName } from '../../../src/main/libvirt/storagePool';
import { lookupVolumeByPath } from '../../../src/main/libvirt/storageVolume';
import { startMigration } from '../../../src/main/services/migration/migrate';
import type { MigrationOptions } from '../../../src/shared/api/methods/migration';
import { createQcow2, tcgDomainXml } from '../../support/libvirtFixtures';
import { modernTransport } from '../../support/transports';
import { serialConsole } from '../newVm/installFixtures';
import {
  closeMigrationEnv,
  define,
  openMigrationEnv,
  PREFIX,
  type MigrationEnv,
} from './migrationFixtures';

let env: MigrationEnv;
beforeAll(async () => {
  env = await openMigrationEnv();
}, 300_000);
afterAll(async () => closeMigrationEnv(env), 300_000);

/** A running tiny guest on the source, booted from the ISO, with a qcow2 disk when asked. */
async function runningGuest(name: string, withDisk: boolean) {
  const rpc = env.source.libvirt().rpc;
  const pool = await lookupPoolByName(rpc, env.poolName);
  const disk = withDisk ? (await createQcow2(rpc, pool, `${name}.qcow2`, 64)).path : undefined;
  const dom = await startDomain(
    rpc,
    await define(env.source, tcgDomainXml(name, disk, env.isoPath)),
  );
  // Booted: the ISO's banner on its serial console.
  const serial = await serialConsole(rpc, dom);
  await serial.waitFor(/VIRTDECK TEST ISO/);
  serial.close();
  return { dom, disk };
}

function options(dom: { uuid: Buffer }, extra: Partial<MigrationOptions>): MigrationOptions {
  return {
    connectionId: env.source.config.id,
    uuid: uuidToString(dom.uuid),
    targetConnectionId: env.target.config.id,
    mode: 'live',
    storage: 'copy',
    transport: 'direct',
    keepSource: false,
    ...extra,
  };
}

const missing = (err: unknown) => {
  if (isNotFound(err)) return undefined;
  throw err;
};

/** The guest answers on the target's serial console: its ISO prompt prints the banner again. */
async function answersOnTarget(name: string): Promise<void> {
  const rpc = env.target.libvirt().rpc;
  const dom = await lookupDomainByName(rpc, name);
  expect((await getDomainInfo(rpc, dom)).state).toBe('running');
  const serial = await serialConsole(rpc, dom);
  try {
    await serial.waitFor(/VIRTDECK TEST ISO/, 60_000);
  } finally {
    serial.close();
  }
}

describe('migration from libvirt 9.0 to libvirt 11.3', () => {
  it('moves a running guest live with its disk copied; it runs on the target only', async () => {
    const name = `${PREFIX}live`;
    const { dom, disk } = await runningGuest(name, true);
    const started = await startMigration(
      { source: env.source, target: env.target },
      env.jobs,
      options(dom, {}),
    );
    await started.result;

    await answersOnTarget(name);
    // The source no longer has it (UNDEFINE_SOURCE), running or defined.
    const onSource = await lookupDomainByName(env.source.libvirt().rpc, name).catch(missing);
    expect(onSource).toBeUndefined();
    // The target's definition is persistent and names the copied disk, which is there.
    const targetRpc = env.target.libvirt().rpc;
    const xml = await getDomainXml(targetRpc, await lookupDomainByName(targetRpc, name));
    expect(xml).toContain(`file='${disk}'`);
    expect(existsSync(modernTransport().localPath(disk as string))).toBe(true);
    expect(env.progress.filter((p) => p.jobId === started.jobId).at(-1)?.phase).toBe('done');
  }, 300_000);

  it('leaves a cancelled migration running on the source and nothing on the target', async () => {
    const name = `${PREFIX}cancel`;
    const { dom, disk } = await runningGuest(name, true);
    const started = await startMigration(
      { source: env.source, target: env.target },
      env.jobs,
      // 1 MiB/s: the guest's 64 MiB of memory take about a minute, so it is still running.
      options(dom, { bandwidthMiBs: 1 }),
    );
    const outcome = started.result.then(
      () => 'finished',
      (err: { code?: string }) => err.code,
    );
    await waitForProgress(started.jobId);
    env.jobs.cancel(started.jobId);
    expect(await outcome).toBe('cancelled');

    const sourceRpc = env.source.libvirt().rpc;
    const stillHere = await lookupDomainByName(sourceRpc, name);
    expect((await getDomainInfo(sourceRpc, stillHere)).state).toBe('running');
    const serial = await serialConsole(sourceRpc, stillHere);
    await serial.waitFor(/VIRTDECK TEST ISO/, 60_000).finally(() => serial.close());

    const targetRpc = env.target.libvirt().rpc;
    expect(await lookupDomainByName(targetRpc, name).catch(missing)).toBeUndefined();
    expect(await lookupVolumeByPath(targetRpc, disk as string).catch(missing)).toBeUndefined();
    expect(existsSync(modernTransport().localPath(disk as string))).toBe(false);
  }, 300_000);

  it('leaves a failed migration running on the source and nothing on the target', async () => {
    const name = `${PREFIX}fail`;
    const { dom, disk } = await runningGuest(name, true);
    // The source QEMU dials its own loopback, where no target QEMU listens: Perform fails.
    const started = await startMigration(
      { source: env.source, target: env.target },
      env.jobs,
      options(dom, { targetAddress: '127.0.0.1' }),
    );
    const failure = await started.result.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    const sourceRpc = env.source.libvirt().rpc;
    const stillHere = await lookupDomainByName(sourceRpc, name);
    expect((await getDomainInfo(sourceRpc, stillHere)).state).toBe('running');
    const targetRpc = env.target.libvirt().rpc;
    expect(await lookupDomainByName(targetRpc, name).catch(missing)).toBeUndefined();
    expect(await lookupVolumeByPath(targetRpc, disk as string).catch(missing)).toBeUndefined();
    expect(existsSync(modernTransport().localPath(disk as string))).toBe(false);
  }, 300_000);

  it('moves a running guest tunnelled through the libvirt daemons', async () => {
    const name = `${PREFIX}tunnel`;
    // Its only disk is the ISO, which both hosts hold at the same path (shared storage).
    const { dom } = await runningGuest(name, false);
    const started = await startMigration(
      { source: env.source, target: env.target },
      env.jobs,
      options(dom, { storage: 'shared', transport: 'tunnelled', tunnelUri: env.tunnelUri }),
    );
    await started.result;
    await answersOnTarget(name);
    expect(await lookupDomainByName(env.source.libvirt().rpc, name).catch(missing)).toBeUndefined();
  }, 300_000);

  it('moves a paused guest live; it stays paused on the target', async () => {
    const name = `${PREFIX}paused`;
    const { dom } = await runningGuest(name, false);
    await suspendDomain(env.source.libvirt().rpc, dom);
    const started = await startMigration(
      { source: env.source, target: env.target },
      env.jobs,
      options(dom, { storage: 'shared' }),
    );
    await started.result;
    const targetRpc = env.target.libvirt().rpc;
    const there = await lookupDomainByName(targetRpc, name);
    expect((await getDomainInfo(targetRpc, there)).state).toBe('paused');
    await resumeDomain(targetRpc, there);
    await answersOnTarget(name);
  }, 300_000);

  it('moves a shut-off VM offline (its definition; the ISO is on both hosts), keeping the source', async () => {
    const name = `${PREFIX}offline "q" ü`;
    const dom = await define(env.source, tcgDomainXml(name, undefined, env.isoPath));
    const started = await startMigration(
      { source: env.source, target: env.target },
      env.jobs,
      options(dom, { mode: 'offline', storage: 'shared', keepSource: true }),
    );
    await started.result;
    // Defined on the target, shut off; and still defined on the source (keepSource).
    const targetRpc = env.target.libvirt().rpc;
    const there = await lookupDomainByName(targetRpc, name);
    expect((await getDomainInfo(targetRpc, there)).state).toBe('shutoff');
    expect(uuidToString(there.uuid)).toBe(uuidToString(dom.uuid));
    const sourceRpc = env.source.libvirt().rpc;
    expect((await getDomainInfo(sourceRpc, await lookupDomainByName(sourceRpc, name))).state).toBe(
      'shutoff',
    );
  }, 300_000);
});

/** Resolves once the job has reported bytes moved (libvirt's job stats, read while it runs). */
async function waitForProgress(jobId: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (!env.progress.some((p) => p.jobId === jobId && (p.migration?.processedBytes ?? 0) > 0)) {
    const last = env.progress.filter((p) => p.jobId === jobId).at(-1);
    if (last && last.phase !== 'running') throw new Error(`the job ended: ${last.phase}`);
    if (Date.now() > until) throw new Error('no migration progress within 2 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
}
