/**
 * The checks before a migration, against the real hosts (this machine's libvirt 9.0 as the
 * source, the modern host's 11.3 as the target): each problem is said with its field, and
 * `startMigration` refuses with all of them before anything changes on either host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAllDomains, startDomain, type DomainState } from '../../../src/main/libvirt/domain';
import { defineNetwork } from '../../../src/main/libvirt/network';
import { uuidToString, type DomainRef } from '../../../src/main/libvirt/refs';
import {
  buildPool,
  definePool,
  lookupPoolByName,
  startPool,
} from '../../../src/main/libvirt/storagePool';
import { startMigration } from '../../../src/main/services/migration/migrate';
import { checkMigration } from '../../../src/main/services/migration/migrationChecks';
import type { MigrationOptions } from '../../../src/shared/api/methods/migration';
import { InvalidInputError } from '../../../src/shared/errors';
import { createQcow2, tcgDomainXml, xmlEscape } from '../../support/libvirtFixtures';
import {
  closeMigrationEnv,
  define,
  openMigrationEnv,
  PREFIX,
  session,
  type MigrationEnv,
} from './migrationFixtures';
import { LocalHost } from '../../../src/main/hosts/localHost';

let env: MigrationEnv;
const ends = () => ({ source: env.source, target: env.target });
beforeAll(async () => {
  env = await openMigrationEnv();
}, 300_000);
afterAll(async () => closeMigrationEnv(env), 300_000);

function options(dom: DomainRef, extra: Partial<MigrationOptions> = {}): MigrationOptions {
  return {
    connectionId: env.source.config.id,
    uuid: uuidToString(dom.uuid),
    targetConnectionId: env.target.config.id,
    mode: 'offline',
    storage: 'shared',
    transport: 'direct',
    keepSource: false,
    ...extra,
  };
}

async function problems(dom: DomainRef, extra: Partial<MigrationOptions> = {}) {
  return (await checkMigration(ends(), options(dom, extra))).problems;
}

/** A guest with a name with a space, quotes and unicode, the ISO only (both hosts hold it). */
async function plainGuest(suffix: string, state: DomainState = 'shutoff') {
  const name = `${PREFIX}${suffix} "q" ü`;
  const dom = await define(env.source, tcgDomainXml(name, undefined, env.isoPath));
  return state === 'running' ? startDomain(env.source.libvirt().rpc, dom) : dom;
}

describe('migration checks (libvirt 9.0 source, 11.3 target)', () => {
  it('finds nothing wrong with a VM the target can take', async () => {
    const dom = await plainGuest('fine');
    expect(await checkMigration(ends(), options(dom))).toEqual({ problems: [], disks: [] });
  });

  it('says when the mode does not fit the state, and which transports cannot be used', async () => {
    const running = await plainGuest('running', 'running');
    expect(await problems(running, { mode: 'offline' })).toEqual([
      { field: 'mode', message: expect.stringMatching(/is running: shut it down/) as string },
      // Not through the app either: that is for a shut-off VM.
    ]);
    expect(await problems(running, { mode: 'live', transport: 'through-app' })).toEqual([
      { field: 'transport', message: expect.stringMatching(/for a shut-off VM/) as string },
    ]);
    expect(
      await problems(running, { mode: 'live', transport: 'tunnelled', storage: 'copy' }),
    ).toEqual([
      { field: 'tunnelUri', message: expect.stringMatching(/needs the URI/) as string },
      { field: 'storage', message: expect.stringMatching(/cannot copy the disks/) as string },
    ]);
    const off = await plainGuest('off');
    expect(await problems(off, { bandwidthMiBs: 1.5 })).toEqual([
      { field: 'bandwidthMiBs', message: 'The bandwidth limit is a whole number of MiB/s' },
    ]);
    expect(await problems(off, { mode: 'live' })).toEqual([
      { field: 'mode', message: expect.stringMatching(/needs a running or paused VM/) as string },
    ]);
    expect(await problems(off, { transport: 'tunnelled', tunnelUri: env.tunnelUri })).toEqual([
      { field: 'transport', message: expect.stringMatching(/cannot be tunnelled/) as string },
    ]);
  });

  it('refuses the connection the VM is on as the target', async () => {
    const dom = await plainGuest('same');
    expect(
      await checkMigration(
        { source: env.source, target: env.source },
        options(dom, { targetConnectionId: env.source.config.id }),
      ),
    ).toEqual({
      problems: [{ field: 'targetConnectionId', message: expect.stringMatching(/already/) }],
      disks: [],
    });
  });

  it('says when the target is not connected', async () => {
    const dom = await plainGuest('unconnected');
    const idle = session(`${PREFIX}idle`, 'qemu:///system', () => new LocalHost());
    const check = await checkMigration(
      { source: env.source, target: idle },
      options(dom, { targetConnectionId: idle.config.id }),
    );
    expect(check.problems).toEqual([
      {
        field: 'targetConnectionId',
        message: `Not connected to ${idle.config.id}: connect it first`,
      },
    ]);
  });

  it('refuses another connection to the same machine as the target', async () => {
    const dom = await plainGuest('same machine');
    // This machine's libvirtd again, through its unix socket instead of SSH.
    const local = session(`${PREFIX}local`, 'qemu:///system', () => new LocalHost());
    await local.connect();
    try {
      const check = await checkMigration(
        { source: env.source, target: local },
        options(dom, { targetConnectionId: local.config.id }),
      );
      expect(check.problems).toEqual([
        {
          field: 'targetConnectionId',
          message: `${local.config.id} is the host the VM is on: pick another host`,
        },
      ]);
    } finally {
      await local.disconnect();
    }
  });

  it('says the name is used on the target', async () => {
    const dom = await plainGuest('taken');
    await define(env.target, tcgDomainXml(dom.name, undefined, env.isoPath));
    expect(await problems(dom)).toEqual([
      {
        field: 'name',
        message: `${env.target.config.id} already has a VM named "${dom.name}"`,
      },
    ]);
  });

  it('names the machine type, CPU, network and pool the target lacks; migrate refuses', async () => {
    const sourceRpc = env.source.libvirt().rpc;
    // A disk in a directory that has a pool on the source only.
    const dir = `/var/lib/libvirt/images/${PREFIX}only-here-${process.pid}`;
    const pool = await definePool(
      sourceRpc,
      `<pool type='dir'><name>${PREFIX}only-here-${process.pid}</name><target><path>${dir}</path></target></pool>`,
    );
    await buildPool(sourceRpc, pool);
    await startPool(sourceRpc, pool);
    const disk = await createQcow2(sourceRpc, pool, 'disk.qcow2', 16);
    // A network the target has, but not running; and one it has not at all.
    const idle = `${PREFIX}idle-${process.pid}`;
    await defineNetwork(env.target.libvirt().rpc, `<network><name>${idle}</name></network>`);
    const absent = `${PREFIX}absent-${process.pid}`;
    const name = `${PREFIX}odd`;
    const xml = tcgDomainXml(name, disk.path, env.isoPath)
      // QEMU 7.2 has this machine type, QEMU 10.0 no longer does.
      .replace("machine='pc'", "machine='pc-i440fx-1.5'")
      // TCG gives no AVX-512.
      .replace(
        '<devices>',
        "<cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model>" +
          "<feature policy='require' name='avx512f'/></cpu><devices>" +
          `<interface type='network'><source network='${xmlEscape(absent)}'/></interface>` +
          `<interface type='network'><source network='${xmlEscape(idle)}'/></interface>`,
      );
    const dom = await define(env.source, xml);
    const opts = options(dom, { mode: 'live', storage: 'copy' });
    const check = await checkMigration(ends(), opts);
    const target = env.target.config.id;
    expect(check.problems).toEqual([
      { field: 'mode', message: expect.stringMatching(/running or paused/) as string },
      {
        field: 'targetConnectionId',
        message: expect.stringMatching(
          new RegExp(
            `^${target} cannot run this VM's machine type pc-i440fx-1\\.5 .*not supported`,
          ),
        ) as string,
      },
      {
        field: 'targetConnectionId',
        message: `${target} cannot give this VM its CPU (model qemu64 with avx512f)`,
      },
      {
        field: 'targetConnectionId',
        message: `${target} has no network "${absent}", which the VM uses`,
      },
      {
        field: 'targetConnectionId',
        message: `The network "${idle}" on ${target} is not running: start it first`,
      },
      {
        field: 'storage',
        message: `${target} has no storage pool for ${dir}, where vda goes`,
      },
    ]);

    const domainsBefore = (await listAllDomains(env.target.libvirt().rpc)).length;
    const refusal = await startMigration(ends(), env.jobs, opts).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((refusal as InvalidInputError).fields).sort()).toEqual([
      'mode',
      'storage',
      'targetConnectionId',
    ]);
    // Nothing started: no job, no domain on the target.
    expect(env.progress).toEqual([]);
    expect((await listAllDomains(env.target.libvirt().rpc)).length).toBe(domainsBefore);
  });

  it('lists the disks a copy moves, with the bytes they hold', async () => {
    const rpc = env.source.libvirt().rpc;
    const pool = await lookupPoolByName(rpc, env.poolName);
    const disk = await createQcow2(rpc, pool, `${PREFIX}copy.qcow2`, 32);
    const dom = await define(env.source, tcgDomainXml(`${PREFIX}copy`, disk.path, env.isoPath));
    const check = await checkMigration(ends(), options(dom, { storage: 'copy' }));
    expect(check.problems).toEqual([]);
    expect(check.disks).toEqual([
      { target: 'vda', path: disk.path, bytes: expect.any(Number) as number },
    ]);
  });
});
