/**
 * Moving a shut-off VM through Virtdeck from this machine (libvirt 9.0) to the modern host
 * (libvirt 11.3), both over SSH as the app's HostSessions: the volumes stream through the test
 * process, the VM is defined on the target and boots there, and the source loses the VM and its
 * disk only after that. Cancel and failures leave the source as it was and nothing on the target.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineDomain,
  destroyDomain,
  getDomainXml,
  lookupDomainByName,
  startDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { refreshPool } from '../../../src/main/libvirt/storagePool';
import { createVolume, listVolumes, uploadVolume } from '../../../src/main/libvirt/storageVolume';
import { HostSession } from '../../../src/main/services/hostSession';
import { moveThroughApp } from '../../../src/main/services/migration/moveThroughApp';
import { startMigration } from '../../../src/main/services/migration/migrate';
import { checkMigration } from '../../../src/main/services/migration/migrationChecks';
import { JobRunner } from '../../../src/main/api/jobs';
import type { JobProgress } from '../../../src/shared/api/types';
import type { MigrationOptions } from '../../../src/shared/api/methods/migration';
import { storageVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
  xmlEscape,
  type TempPool,
} from '../../support/libvirtFixtures';
import { libvirtGenerations, type LibvirtGeneration } from '../../support/transports';
import { serialConsole } from '../newVm/installFixtures';
import {
  diskSources,
  nvramPath,
  OVMF_VARS,
  removeGuests,
  session,
  sha256Of,
  testJob,
  uefiGuestXml,
} from './moveFixtures';

const PREFIX = `vd-move-${process.pid}-`;
/** A name with what names must survive: spaces, quotes, `$(...)`, `;` and unicode. */
const ODD = ` "q" $(id);é`;

describe('move through Virtdeck: libvirt 9.0 -> libvirt 11.3, over SSH', () => {
  const [local, modern] = libvirtGenerations() as [LibvirtGeneration, LibvirtGeneration];
  let source: HostSession;
  let target: HostSession;
  let sourcePool: TempPool;
  let targetPool: TempPool;
  let isoPath: string;
  const names: string[] = [];

  const src = (): RpcClient => source.libvirt().rpc;
  const tgt = (): RpcClient => target.libvirt().rpc;

  beforeAll(async () => {
    source = session('move-source', local);
    target = session('move-target', modern);
    await Promise.all([source.connect(), target.connect()]);
    sourcePool = await createTempPool(src());
    // The pool of the same name on the target: where the move puts the volumes.
    targetPool = await createTempPool(tgt(), sourcePool.pool.name);
    isoPath = (await uploadTinyIso(src(), sourcePool.pool, `${PREFIX}boot.iso`)).path;
  });

  afterAll(async () => {
    for (const rpc of [tgt(), src()]) {
      await removeGuests(rpc, names).catch(() => {});
      await removeLeftovers(rpc, names).catch(() => {});
    }
    await targetPool?.destroy().catch(() => {});
    await sourcePool?.destroy().catch(() => {});
    await Promise.all([source?.disconnect(), target?.disconnect()]);
  });

  /** A shut-off guest on the source with a qcow2 disk holding `dataMiB` of non-zero bytes. */
  async function sourceGuest(label: string, dataMiB = 4) {
    const name = `${PREFIX}${label}${ODD}`;
    names.push(name);
    const disk = await createQcow2(src(), sourcePool.pool, `${name}.qcow2`, 64);
    // This host's files are this machine's: qemu-io writes a pattern the copy must carry.
    execFileSync('qemu-io', ['-f', 'qcow2', '-c', `write -P 0x5a 0 ${dataMiB}M`, disk.path]);
    await refreshPool(src(), sourcePool.pool);
    const dom = await defineDomain(src(), tcgDomainXml(name, disk.path, isoPath));
    return { name, dom, uuid: uuidToString(dom.uuid), disk, sha256: sha256Of(disk.path) };
  }

  function options(uuid: string, keepSource = false): MigrationOptions {
    return {
      connectionId: source.config.id,
      uuid,
      targetConnectionId: target.config.id,
      mode: 'offline',
      storage: 'copy',
      transport: 'through-app',
      keepSource,
    };
  }

  async function targetVolumes(): Promise<string[]> {
    await refreshPool(tgt(), targetPool.pool);
    return (await listVolumes(tgt(), targetPool.pool)).map((v) => v.name).sort();
  }

  it('moves a shut-off guest: disk in the target pool with the same bytes, boots there, gone from the source', async () => {
    const guest = await sourceGuest('moved');
    const job = testJob();
    await moveThroughApp({ source, target }, job.ctx, options(guest.uuid));

    const moved = await lookupDomainByName(tgt(), guest.name);
    expect(uuidToString(moved.uuid)).toBe(guest.uuid);
    const disks = diskSources(await getDomainXml(tgt(), moved));
    const targetDisk = `${targetPool.path}/${guest.name}.qcow2`;
    expect(disks).toEqual({ vda: targetDisk, hdc: `${targetPool.path}/${PREFIX}boot.iso` });
    // The bytes the modern host holds are the source's, bit for bit.
    expect(sha256Of(modern.localPath(targetDisk))).toBe(guest.sha256);
    expect(job.steps).toEqual([
      'Copying vda (1 of 2)',
      'Copying hdc (2 of 2)',
      'Verifying',
      `Defining on ${target.config.label}`,
    ]);
    const [done, total] = job.progress.at(-1) ?? [];
    expect(done).toBe(total);
    expect(total).toBeGreaterThan(4 * 1024 * 1024);

    // Gone from the source: the definition and the disk; the install ISO (read-only media
    // other guests may use) stays.
    await expect(lookupDomainByName(src(), guest.name)).rejects.toThrow(/no domain|not found/i);
    expect(existsSync(guest.disk.path)).toBe(false);
    expect(existsSync(isoPath)).toBe(true);

    // It boots on the target and shows the ISO's banner on its serial console.
    const running = await startDomain(tgt(), moved);
    const serial = await serialConsole(tgt(), running);
    try {
      await serial.waitFor(/VIRTDECK TEST ISO/);
    } finally {
      serial.close();
      await destroyDomain(tgt(), running).catch(() => {});
    }
  });

  it('vms.migrate offline with copied storage: checks, then this move as the job, bytes moving', async () => {
    // With its install ISO: the move copies read-only media too, so the checks take its plan.
    const guest = await sourceGuest('job', 48);
    const check = await checkMigration(
      { source, target },
      { ...options(guest.uuid), transport: 'direct' },
    );
    expect(check.problems).toEqual([]);
    expect(check.disks.map((d) => d.target)).toContain('vda');
    const events: JobProgress[] = [];
    const { jobId, result } = await startMigration(
      { source, target },
      new JobRunner((p) => events.push(p)),
      { ...options(guest.uuid), transport: 'direct' },
    );
    await result;
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine.at(-1)).toMatchObject({ phase: 'done', unit: 'bytes' });
    const copying = mine.filter((e) => e.step?.startsWith('Copying vda') && e.done > 0);
    expect(copying.length).toBeGreaterThan(0);
    expect(Math.min(...copying.map((e) => e.done))).toBeLessThan(mine.at(-1)?.total ?? 0);
    const moved = await lookupDomainByName(tgt(), guest.name);
    expect(sha256Of(modern.localPath(`${targetPool.path}/${guest.name}.qcow2`))).toBe(guest.sha256);
    expect(uuidToString(moved.uuid)).toBe(guest.uuid);
    await expect(lookupDomainByName(src(), guest.name)).rejects.toThrow();
  });

  it('with keepSource, the source keeps its definition and disk', async () => {
    const guest = await sourceGuest('kept');
    await moveThroughApp({ source, target }, testJob().ctx, options(guest.uuid, true));
    await lookupDomainByName(tgt(), guest.name);
    await lookupDomainByName(src(), guest.name);
    expect(sha256Of(guest.disk.path)).toBe(guest.sha256);
    expect(sha256Of(modern.localPath(`${targetPool.path}/${guest.name}.qcow2`))).toBe(guest.sha256);
  });

  it('cancelled midway: the source is intact and the target has nothing', async () => {
    const guest = await sourceGuest('cancelled', 40);
    const before = await targetVolumes();
    const job = testJob();
    let cancelledAt = 0;
    job.onProgress = (done, total) => {
      if (cancelledAt === 0 && done > 0 && total !== undefined && done < total / 4) {
        cancelledAt = done;
        job.controller.abort();
      }
    };
    await expect(
      moveThroughApp({ source, target }, job.ctx, options(guest.uuid)),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(cancelledAt).toBeGreaterThan(0);
    expect(await targetVolumes()).toEqual(before);
    await expect(lookupDomainByName(tgt(), guest.name)).rejects.toThrow();
    await lookupDomainByName(src(), guest.name);
    expect(sha256Of(guest.disk.path)).toBe(guest.sha256);
  });

  it('a failure after the copy (the target refuses the definition) leaves nothing on the target', async () => {
    const guest = await sourceGuest('refused');
    // Another VM of that name on the target: libvirt refuses the moved definition (other UUID).
    const squatter = await defineDomain(
      tgt(),
      `<domain type='qemu'><name>${xmlEscape(guest.name)}</name><memory unit='MiB'>32</memory>` +
        `<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`,
    );
    const before = await targetVolumes();
    const job = testJob();
    await expect(moveThroughApp({ source, target }, job.ctx, options(guest.uuid))).rejects.toThrow(
      /already exists/,
    );
    expect(job.steps).toContain(`Defining on ${target.config.label}`);
    expect(await targetVolumes()).toEqual(before);
    const still = await lookupDomainByName(tgt(), guest.name);
    expect(uuidToString(still.uuid)).toBe(uuidToString(squatter.uuid));
    await lookupDomainByName(src(), guest.name);
    expect(sha256Of(guest.disk.path)).toBe(guest.sha256);
  });

  it('moves an NVRAM kept in a pool as a volume of the target pool, and the VM points at it', async () => {
    const name = `${PREFIX}uefi${ODD}`;
    names.push(name);
    const disk = await createQcow2(src(), sourcePool.pool, `${name}.qcow2`, 16);
    const varsName = `${name}_VARS.fd`;
    const size = statSync(OVMF_VARS).size;
    const vars = await createVolume(
      src(),
      sourcePool.pool,
      `<volume><name>${xmlEscape(varsName)}</name><capacity unit='B'>${size}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    await uploadVolume(src(), vars, createReadStream(OVMF_VARS), { length: size });
    const varsPath = `${sourcePool.path}/${varsName}`;
    const dom = await defineDomain(src(), uefiGuestXml(name, disk.path, varsPath));
    const varsSha256 = sha256Of(varsPath);

    const job = testJob();
    await moveThroughApp({ source, target }, job.ctx, options(uuidToString(dom.uuid)));
    // No "NVRAM not moved" step first: the copy steps are the first two.
    expect(job.steps.slice(0, 2)).toEqual(['Copying vda (1 of 2)', 'Copying nvram (2 of 2)']);
    const moved = await lookupDomainByName(tgt(), name);
    const targetVars = `${targetPool.path}/${varsName}`;
    expect(nvramPath(await getDomainXml(tgt(), moved))).toBe(targetVars);
    expect(sha256Of(modern.localPath(targetVars))).toBe(varsSha256);
    await expect(lookupDomainByName(src(), name)).rejects.toThrow();
    expect(existsSync(varsPath)).toBe(false);
    expect(existsSync(disk.path)).toBe(false);
  });

  it('a qcow2 overlay (backing chain) is refused in words, nothing made', async () => {
    const base = await sourceGuest('base');
    const name = `${PREFIX}overlay${ODD}`;
    names.push(name);
    const overlay = await createVolume(
      src(),
      sourcePool.pool,
      storageVolumeXml({
        name: `${name}.qcow2`,
        capacity: 64 * 1024 * 1024,
        format: 'qcow2',
        backing: { path: base.disk.path, format: 'qcow2' },
      }),
    );
    const overlayPath = `${sourcePool.path}/${overlay.name}`;
    const dom = await defineDomain(src(), tcgDomainXml(name, overlayPath, isoPath));
    const before = await targetVolumes();
    const job = testJob();
    await expect(
      moveThroughApp({ source, target }, job.ctx, options(uuidToString(dom.uuid))),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(
        /vda .* is an overlay on .*: merge it into one file first/,
      ) as string,
    });
    expect(job.steps).toEqual([]);
    expect(await targetVolumes()).toEqual(before);
    await lookupDomainByName(src(), name);
    expect(existsSync(overlayPath)).toBe(true);
  });

  it('a volume name taken on the target is refused before anything is made', async () => {
    const guest = await sourceGuest('taken');
    await createVolume(
      tgt(),
      targetPool.pool,
      `<volume><name>${xmlEscape(`${guest.name}.qcow2`)}</name><capacity unit='MiB'>1</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    const before = await targetVolumes();
    const job = testJob();
    await expect(
      moveThroughApp({ source, target }, job.ctx, options(guest.uuid)),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining(
        `already has a volume named "${guest.name}.qcow2"`,
      ) as string,
    });
    expect(job.steps).toEqual([]);
    expect(await targetVolumes()).toEqual(before);
    await expect(lookupDomainByName(tgt(), guest.name)).rejects.toThrow();
    await lookupDomainByName(src(), guest.name);
    expect(sha256Of(guest.disk.path)).toBe(guest.sha256);
  });
});
