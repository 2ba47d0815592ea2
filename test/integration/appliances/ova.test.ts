/**
 * OVA / OVF appliances over SSH, as a user reaches a remote host: an OVA built here from the tiny
 * bootable hybrid ISO (a streamOptimized VMDK, an ovftool-style OVF, a SHA256 manifest) is read
 * from an upload through the gateway and from the host's files (the .ova, and the .ovf with its
 * disk beside it). The read says what the OVF holds and stages the disk (libvirt sees VMDK); the
 * create converts it to a qcow2 volume of the pool, deletes the staged one, keeps the NIC models
 * and maps the IDE disk to SATA on q35; the guest boots and prints its banner on the serial
 * console. Bad appliances fail the read with a message on the Source page and leave no volume.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import { ConsoleGateway } from '../../../src/main/consoles/consoleGateway';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { getDomainXml, lookupDomainByName } from '../../../src/main/libvirt/domain';
import {
  defineNetwork,
  lookupNetworkByName,
  startNetwork,
  stopNetwork,
  undefineNetwork,
} from '../../../src/main/libvirt/network';
import {
  getVolumeXml,
  listVolumes,
  lookupVolumeByPath,
} from '../../../src/main/libvirt/storageVolume';
import {
  discardAppliance,
  openAppliance,
  stagedAppliance,
  type ApplianceOrigin,
} from '../../../src/main/services/appliances/stage';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { readVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { InvalidInputError } from '../../../src/shared/errors';
import type { JobProgress } from '../../../src/shared/api/types';
import { createTempPool, removeLeftovers, type TempPool } from '../../support/libvirtFixtures';
import { transports } from '../../support/transports';
import { httpRequest } from '../storage/transferHttp';
import { serialConsole } from '../newVm/installFixtures';
import { BANNER, buildOva, type BuiltAppliance, type OvfFacts } from './ovaFixtures';

const ORIGIN = 'http://127.0.0.1:4455';
const transport = transports()[1]!;

describe('OVA / OVF appliances over SSH', () => {
  const tag = randomBytes(3).toString('hex');
  const VM = `ova-${tag} "vm" $(x); ü`;
  const NET = `ova-net-${tag}`;
  const dir = `/tmp/ova-test-${tag}`;
  const facts: OvfFacts = {
    name: `ova appliance ${tag} ‘q’`,
    memoryMiB: 192,
    vcpus: 2,
    disk: 'disk1 ü.vmdk',
    nics: ['E1000', 'VmxNet3'],
  };
  const events: JobProgress[] = [];
  const jobs = new JobRunner((e) => events.push(e));
  let host: Host;
  let conn: LibvirtConnection;
  let gateway: ConsoleGateway;
  let pool: TempPool;
  let built: BuiltAppliance;
  const deps = () => ({ jobs, gateway });

  const open = (origin: ApplianceOrigin) =>
    openAppliance(
      { connectionId: 'test', host, rpc: conn.rpc, pool: pool.pool.name, origin },
      deps(),
    );
  const volumeNames = async () => (await listVolumes(conn.rpc, pool.pool)).map((v) => v.name);
  /** The job's result, once it ended. */
  const jobEnd = async (jobId: string) => {
    for (;;) {
      const last = events.filter((e) => e.jobId === jobId).pop();
      if (last && last.phase !== 'running') return last;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const readFromHost = async (path: string) => {
    const opened = await open({ from: 'host', path });
    return { opened, end: await jobEnd(opened.jobId) };
  };

  beforeAll(async () => {
    host = transport.makeHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeLeftovers(conn.rpc, [VM]);
    gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
    pool = await createTempPool(conn.rpc, `ova-pool-${tag}`);
    const net = await defineNetwork(
      conn.rpc,
      `<network><name>${NET}</name><bridge name='vdkova${tag}'/></network>`,
    );
    await startNetwork(conn.rpc, net);
    built = await buildOva(join(dir, 'good'), 'appliance', facts);
  });

  afterAll(async () => {
    if (conn) {
      await removeLeftovers(conn.rpc, [VM]).catch(() => {});
      await pool?.destroy().catch(() => {});
      const net = await lookupNetworkByName(conn.rpc, NET).catch(() => null);
      if (net) {
        await stopNetwork(conn.rpc, net).catch(() => {});
        await undefineNetwork(conn.rpc, net).catch(() => {});
      }
      await conn.close();
    }
    await gateway?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads an uploaded OVA, creates the VM from it as qcow2, and the guest boots', async () => {
    const size = statSync(built.ova).size;
    const opened = await open({ from: 'upload', name: 'appliance ü.ova', size });
    expect(opened.url).toBeDefined();
    const put = await httpRequest(opened.url!, {
      method: 'PUT',
      origin: ORIGIN,
      body: createReadStream(built.ova),
      contentLength: size,
    });
    expect(put.status).toBe(200);
    const end = await jobEnd(opened.jobId);
    expect(end.phase).toBe('done');
    expect(end.done).toBe(size);

    const info = await stagedAppliance('test', opened.stageId);
    expect(info).toMatchObject({
      format: 'ova',
      name: facts.name,
      memoryMiB: 192,
      vcpus: 2,
      firmware: 'bios',
      osId: 'debian11',
      nics: [{ model: 'e1000' }, { model: 'vmxnet3' }],
    });
    expect(info.disks).toHaveLength(1);
    expect(info.disks[0]).toMatchObject({ file: facts.disk, format: 'vmdk', bus: 'ide' });
    const staged = await lookupVolumeByPath(conn.rpc, info.disks[0]!.path);
    expect(staged.pool).toBe(pool.pool.name);
    expect(readVolumeXml(await getVolumeXml(conn.rpc, staged)).format).toBe('vmdk');

    const started = await startCreateVm(host, conn.rpc, jobs, {
      connectionId: 'test',
      name: VM,
      osId: info.osId!,
      source: { kind: 'appliance', stageId: info.stageId },
      memoryMiB: info.memoryMiB!,
      vcpus: info.vcpus!,
      disk: { kind: 'none' },
      network: { kind: 'network', name: NET },
      // TCG, as every guest of the tests: nested KVM here fails on isolinux's real-mode code.
      virtType: 'qemu',
    });
    await started.result;
    const createEvents = events.filter((e) => e.jobId === started.jobId);
    expect(createEvents.map((e) => e.step)).toContain(`Convert ${facts.disk}`);

    const dom = await lookupDomainByName(conn.rpc, VM);
    const root = parseXml(await getDomainXml(conn.rpc, dom, 0)).documentElement!;
    const devices = firstChild(root, 'devices')!;
    const disks = childElements(devices, 'disk').filter((d) => attribute(d, 'device') === 'disk');
    expect(disks).toHaveLength(1);
    const disk = disks[0] as Element;
    expect(attribute(firstChild(disk, 'driver'), 'type')).toBe('qcow2');
    expect(attribute(firstChild(disk, 'target'), 'bus')).toBe('sata');
    const path = attribute(firstChild(disk, 'source'), 'file')!;
    const vol = await lookupVolumeByPath(conn.rpc, path);
    expect(vol.pool).toBe(pool.pool.name);
    expect(readVolumeXml(await getVolumeXml(conn.rpc, vol)).format).toBe('qcow2');
    const models = childElements(devices, 'interface').map((nic) =>
      attribute(firstChild(nic, 'model'), 'type'),
    );
    expect(models).toEqual(['e1000', 'vmxnet3']);
    expect(firstChild(root, 'memory')?.textContent).toBe(String(192 * 1024));
    // The staged VMDK served its purpose: only the VM's qcow2 is left of the appliance.
    expect(await volumeNames()).toEqual([vol.name]);

    const serial = await serialConsole(conn.rpc, dom);
    try {
      // SeaBIOS runs both NICs' iPXE ROMs first: slow under TCG on a busy machine.
      await serial.waitFor(new RegExp(BANNER), 240_000);
    } finally {
      serial.close();
    }
  }, 360_000);

  it('reads an .ova and an .ovf with its disk from the host; a discard deletes the staged disk', async () => {
    for (const [path, format] of [
      [built.ova, 'ova'],
      [built.ovf, 'ovf'],
    ] as const) {
      const before = await volumeNames();
      const { opened, end } = await readFromHost(path);
      expect(end.phase, end.error?.message).toBe('done');
      const info = await stagedAppliance('test', opened.stageId);
      expect(info).toMatchObject({ format, name: facts.name, memoryMiB: 192 });
      expect(info.disks[0]).toMatchObject({ file: facts.disk, format: 'vmdk' });
      expect((await volumeNames()).length).toBe(before.length + 1);
      await discardAppliance(conn.rpc, jobs, 'test', opened.stageId);
      expect(await volumeNames()).toEqual(before);
      await expect(stagedAppliance('test', opened.stageId)).rejects.toThrow(/open it again/);
    }
  });

  it('a read cancelled midway deletes the disk it was staging', async () => {
    const before = await volumeNames();
    const bytes = readFileSync(built.ova);
    const opened = await open({ from: 'upload', name: 'stalled.ova', size: bytes.length });
    // The page sends the descriptor and part of the disk, then stalls.
    const body = new PassThrough();
    const put = httpRequest(opened.url!, {
      method: 'PUT',
      origin: ORIGIN,
      body,
      contentLength: bytes.length,
    }).catch((e: unknown) => e);
    body.write(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect
      .poll(async () => (await volumeNames()).filter((n) => n.startsWith('virtdeck-stage-')), {
        timeout: 30_000,
      })
      .toHaveLength(1);
    jobs.cancel(opened.jobId);
    expect((await jobEnd(opened.jobId)).phase).toBe('cancelled');
    expect(await volumeNames()).toEqual(before);
    body.destroy();
    await put;
  });

  it('a create that fails keeps nothing: neither the converted disk nor the staged one', async () => {
    const before = await volumeNames();
    const { opened, end } = await readFromHost(built.ova);
    expect(end.phase).toBe('done');
    const failed = await startCreateVm(host, conn.rpc, jobs, {
      connectionId: 'test',
      name: `ova-fail-${tag}`,
      osId: 'debian11',
      source: { kind: 'appliance', stageId: opened.stageId },
      memoryMiB: 128,
      vcpus: 1,
      disk: { kind: 'none' },
      network: { kind: 'none' },
      virtType: 'qemu',
      // A broken emulator: the definition fails after the disk was converted.
      emulator: '/nonexistent/qemu-system-x86_64',
    }).then(
      (started) =>
        started.result.then(
          () => undefined,
          (e: unknown) => e as Error,
        ),
      (e: unknown) => e as Error,
    );
    expect(failed?.message).toMatch(/^Define VM failed/);
    expect(await volumeNames()).toEqual(before);
    expect(await lookupDomainByName(conn.rpc, `ova-fail-${tag}`).catch(() => null)).toBeNull();
  });

  describe('bad appliances fail the read on the Source page and leave no volume', () => {
    const expectRefused = async (path: string, message: RegExp) => {
      const before = await volumeNames();
      const { opened, end } = await readFromHost(path);
      expect(end.phase).toBe('failed');
      expect(end.error?.message).toMatch(message);
      const failure = await stagedAppliance('test', opened.stageId).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(InvalidInputError);
      expect((failure as InvalidInputError).fields['source.appliance']).toMatch(message);
      expect(await volumeNames()).toEqual(before);
    };

    it('a host file that is not there', async () => {
      await expectRefused(`${dir}/nothing here.ova`, /nothing here\.ova cannot be read/);
    });

    it('a tar that is neither an OVA nor a box', async () => {
      const other = join(dir, 'other');
      execFileSync('mkdir', ['-p', other]);
      writeFileSync(join(other, 'readme.txt'), 'just a text file\n');
      execFileSync('tar', ['-cf', join(other, 'notes.ova'), '-C', other, 'readme.txt']);
      execFileSync('chmod', ['-R', 'a+rX', dir]);
      await expectRefused(join(other, 'notes.ova'), /neither an OVA .* nor a Vagrant box/);
    });

    it('an OVF naming a disk the archive does not hold', async () => {
      const missing = await buildOva(join(dir, 'missing'), 'missing', facts, { missingDisk: true });
      await expectRefused(
        missing.ova,
        /names the disk disk1 ü\.vmdk, which the appliance does not hold/,
      );
    });

    it('a disk whose bytes do not match the manifest', async () => {
      const corrupt = await buildOva(join(dir, 'corrupt'), 'corrupt', facts, { corrupt: true });
      await expectRefused(corrupt.ova, /does not match the manifest/);
    });

    it('an OVF that does not parse, and a disk qemu-img cannot read', async () => {
      const broken = join(dir, 'broken');
      execFileSync('mkdir', ['-p', broken]);
      writeFileSync(join(broken, 'broken.ovf'), '<Envelope><References>');
      execFileSync('tar', ['-cf', join(broken, 'broken.ova'), '-C', broken, 'broken.ovf']);
      execFileSync('chmod', ['-R', 'a+rX', dir]);
      await expectRefused(join(broken, 'broken.ova'), /OVF descriptor does not parse/);

      const garbage = await buildOva(join(dir, 'garbage'), 'garbage', facts);
      writeFileSync(garbage.disk, randomBytes(300_000));
      execFileSync('tar', ['-cf', garbage.ova, '-C', garbage.dir, 'garbage.ovf', facts.disk]);
      execFileSync('chmod', ['-R', 'a+rX', dir]);
      await expectRefused(garbage.ova, /not a disk image qemu-img can read/);
    });
  });
});
