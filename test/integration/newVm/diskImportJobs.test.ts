/**
 * The disk import's job, beyond the happy path: a Cancel in the middle of a conversion (qemu-img
 * as the SSH user, stopped at once; libvirt's own, which cannot be stopped and is removed when it
 * ends), a conversion libvirt fails, each leaving no volume, no VM, no temporary file and the
 * original as it was; and an imported VMDK (the tiny hybrid ISO) that boots.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, truncateSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupDomainByName } from '../../../src/main/libvirt/domain';
import { listVolumes } from '../../../src/main/libvirt/storageVolume';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { buildTinyIso } from '../../support/testHost';
import { transports } from '../../support/transports';
import { serialConsole } from './installFixtures';
import {
  PREFIX,
  closeImportEnv,
  foreignImage,
  importOptions,
  importVm,
  join,
  openImportEnv,
  patternQcow2,
  refreshTempPool,
  sha256,
  type ImportEnv,
} from './diskImportFixtures';

async function volumeNames(env: ImportEnv): Promise<string[]> {
  return (await listVolumes(env.rpc, env.pool.pool)).map((v) => v.name).sort();
}

/** Runs an import and cancels it once `when` says so; returns how the job ended. */
async function cancelledImport(
  env: ImportEnv,
  name: string,
  path: string,
  when: (e: ImportEnv['events'][number]) => boolean,
): Promise<unknown> {
  let cancelled = false;
  env.onEvent = (e) => {
    if (!cancelled && e.phase === 'running' && when(e)) {
      cancelled = true;
      env.jobs.cancel(e.jobId);
    }
  };
  try {
    const started = await startCreateVm(
      env.host,
      env.rpc,
      env.jobs,
      importOptions(name, path, env.pool.pool.name),
    );
    return await started.result.then(
      () => 'done',
      (e: unknown) => e,
    );
  } finally {
    env.onEvent = undefined;
    expect(cancelled).toBe(true);
  }
}

function convertProcesses(path: string): string {
  try {
    return execFileSync('pgrep', ['-af', '--', path], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

describe.each(transports().slice(0, 2))('disk import jobs over $name', (transport) => {
  let env: ImportEnv;
  const tag = transport.name.startsWith('ssh') ? 'ssh-jobs' : 'local-jobs';
  let big: string;

  beforeAll(async () => {
    env = await openImportEnv(transport, tag);
    big = join(env.outside, 'big ü.qcow2');
    // Enough data that the conversion reports progress before it ends.
    patternQcow2(big, 768, 640);
  });
  afterAll(() => closeImportEnv(env));

  it('a Cancel while qemu-img converts as the SSH user leaves nothing', async () => {
    const original = join(env.outside, 'big ü.vmdk');
    foreignImage(big, 'vmdk', original, 0o644);
    const before = sha256(original);
    const volumes = await volumeNames(env);
    const name = `${PREFIX}${tag} cancel qemu-img`;
    const ended = await cancelledImport(
      env,
      name,
      original,
      (e) => e.step === 'Convert big ü.vmdk' && (e.stepProgress?.done ?? 0) > 0,
    );
    expect(ended).toBeInstanceOf(VirtdeckError);
    expect((ended as VirtdeckError).code).toBe('cancelled');
    expect(await volumeNames(env)).toEqual(volumes);
    expect(await lookupDomainByName(env.rpc, name).catch(() => undefined)).toBeUndefined();
    expect(readdirSync('/var/tmp').filter((f) => f.startsWith('virtdeck-convert.'))).toEqual([]);
    expect(convertProcesses(original)).toBe('');
    expect(sha256(original)).toBe(before);
  });

  it("a Cancel during libvirt's conversion removes the volume once it ends", async () => {
    const original = join(env.pool.path, 'big pool.vdi');
    foreignImage(big, 'vdi', original);
    await refreshTempPool(env);
    const before = sha256(original);
    const volumes = await volumeNames(env);
    const name = `${PREFIX}${tag} cancel libvirt`;
    const ended = await cancelledImport(
      env,
      name,
      original,
      (e) => e.step === 'Convert big pool.vdi',
    );
    expect((ended as VirtdeckError).code).toBe('cancelled');
    expect(await volumeNames(env)).toEqual(volumes);
    expect(await lookupDomainByName(env.rpc, name).catch(() => undefined)).toBeUndefined();
    expect(sha256(original)).toBe(before);
  });

  it("a VMDK qemu-img cannot open, in a pool: refused, or libvirt's conversion fails; nothing left", async () => {
    const original = join(env.pool.path, 'cut pool.vmdk');
    foreignImage(big, 'vmdk', original);
    // Cut after its header: libvirt's probe still calls it VMDK (and reads its size).
    truncateSync(original, 1024);
    await refreshTempPool(env);
    const volumes = await volumeNames(env);
    const name = `${PREFIX}${tag} cut`;
    const ended = await startCreateVm(
      env.host,
      env.rpc,
      env.jobs,
      importOptions(name, original, env.pool.pool.name),
    ).then(
      (started) =>
        started.result.then(
          () => 'done',
          (e: unknown) => e,
        ),
      (e: unknown) => e,
    );
    if (tag === 'ssh-jobs') {
      // Only libvirt speaks for a file the SSH user cannot read: the conversion tells.
      expect(String((ended as Error).message)).toMatch(
        /^Convert cut pool\.vmdk failed: .*File truncated/,
      );
    } else {
      expect((ended as InvalidInputError).fields?.['source.path']).toMatch(/File truncated/);
    }
    expect(await volumeNames(env)).toEqual(volumes);
    expect(await lookupDomainByName(env.rpc, name).catch(() => undefined)).toBeUndefined();
  });

  it('an imported VMDK boots: the banner on its serial console', async () => {
    const iso = join(env.outside, 'hybrid.iso');
    await buildTinyIso(iso, 'DISKIMPORT VMDK BOOTS', { hybrid: true });
    const original = join(env.pool.path, 'hybrid ü.vmdk');
    execFileSync('qemu-img', [
      ...['convert', '-q', '-f', 'raw', '-O', 'vmdk', '-o', 'subformat=streamOptimized'],
      ...[iso, original],
    ]);
    await refreshTempPool(env);
    const dom = await importVm(
      env,
      importOptions(`${PREFIX}${tag} boots`, original, env.pool.pool.name, { customize: false }),
    );
    const serial = await serialConsole(env.rpc, dom);
    try {
      await serial.waitFor(/DISKIMPORT VMDK BOOTS/);
    } finally {
      serial.close();
    }
  });
});
