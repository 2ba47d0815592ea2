/**
 * Vagrant boxes imported over SSH as the non-root test user would (virt-ssh-helper): a box built
 * here around the tiny bootable image, read from the host twice. The first read uploads box.img
 * as the box's base volume; the second finds it and uploads nothing; each VM's disk is a qcow2
 * overlay on that one base (the volumes' XML), with the Vagrantfile's disk bus, and both guests
 * boot (the banner on their serial consoles). Deleting one VM leaves the base to the other. A
 * box for another provider is refused, whether its metadata.json comes first or last, and
 * leaves no volume.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { getDomainXml, lookupDomainByName } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import {
  getVolumeXml,
  listVolumes,
  lookupVolumeByPath,
} from '../../../src/main/libvirt/storageVolume';
import { openAppliance, stagedAppliance } from '../../../src/main/services/appliances/stage';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { planVmDelete } from '../../../src/main/services/vmDelete/deletePlan';
import { deleteVm } from '../../../src/main/services/vmDelete/deleteVm';
import type { ApplianceInfo, NewVmOptions } from '../../../src/shared/api/newVmTypes';
import type { JobProgress } from '../../../src/shared/api/types';
import { readVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { transports } from '../../support/transports';
import { serialConsole } from '../newVm/installFixtures';
import {
  BOX_BANNER,
  boxWorkDir,
  buildBox,
  removeBoxLeftovers,
  BOX_PREFIX,
  boxTempPool,
  type BoxPool,
} from './vagrantBoxFixtures';

const ssh = transports().find((t) => t.name === 'ssh + virt-ssh-helper');
if (!ssh) throw new Error('the ssh + virt-ssh-helper transport is missing');

const tag = randomBytes(3).toString('hex');
/** Spaces, quotes, `$(...)`, `;` and unicode: it names the base volume too. */
const BOX_FILE = `${BOX_PREFIX}${tag} Ärch "x" $(true);.box`;
const VM_ONE = `${BOX_PREFIX}${tag}-one ✓`;
const VM_TWO = `${BOX_PREFIX}${tag}-two "q"`;

let host: Host;
let conn: LibvirtConnection;
let rpc: RpcClient;
let pool: BoxPool;
const events: JobProgress[] = [];
const jobs = new JobRunner((e) => events.push(e));
const work = boxWorkDir();
let boxPath = '';
let boxImgSha = '';

/** The read job's end, from its events. */
async function jobEnd(jobId: string): Promise<JobProgress> {
  for (;;) {
    const last = events.find((e) => e.jobId === jobId && e.phase !== 'running');
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const noGateway = {
  issueTransfer: () => {
    throw new Error('a host read needs no transfer URL');
  },
};

async function readFromHost(path: string) {
  const opened = await openAppliance(
    { connectionId: 'box-it', host, rpc, pool: pool.name, origin: { from: 'host', path } },
    { jobs, gateway: noGateway },
  );
  const end = await jobEnd(opened.jobId);
  return { opened, end };
}

async function volumeNames(): Promise<string[]> {
  return (await listVolumes(rpc, pool.ref)).map((v) => v.name).sort();
}

function vmOptions(name: string, stageId: string): NewVmOptions {
  return {
    connectionId: 'box-it',
    name,
    // i440fx + SeaBIOS, where the tiny image's isolinux boots from the disk.
    osId: 'generic',
    memoryMiB: 128,
    vcpus: 1,
    disk: { kind: 'none' },
    network: { kind: 'none' },
    virtType: 'qemu',
    source: { kind: 'appliance', stageId },
  };
}

/** The VM's disks as its XML says: source file and target bus. */
async function vmDisks(name: string) {
  const dom = await lookupDomainByName(rpc, name);
  const root = parseXml(await getDomainXml(rpc, dom, 0)).documentElement;
  const devices = root && firstChild(root, 'devices');
  return (devices ? childElements(devices, 'disk') : [])
    .filter((d) => attribute(d, 'device') === 'disk')
    .map((d) => ({
      file: attribute(firstChild(d, 'source'), 'file'),
      bus: attribute(firstChild(d, 'target'), 'bus'),
      format: attribute(firstChild(d, 'driver'), 'type'),
    }));
}

async function createFromBox(name: string, info: ApplianceInfo) {
  const started = await startCreateVm(host, rpc, jobs, vmOptions(name, info.stageId));
  await started.result;
  const dom = await lookupDomainByName(rpc, name);
  const disks = await vmDisks(name);
  expect(disks).toHaveLength(1);
  const disk = disks[0];
  if (!disk?.file) throw new Error(`${name} has no disk file`);
  const overlay = readVolumeXml(await getVolumeXml(rpc, await lookupVolumeByPath(rpc, disk.file)));
  return { dom, disk, overlay };
}

async function seesBanner(name: string) {
  const serial = await serialConsole(rpc, await lookupDomainByName(rpc, name));
  try {
    return await serial.waitFor(new RegExp(BOX_BANNER));
  } finally {
    serial.close();
  }
}

beforeAll(async () => {
  host = ssh.makeHost();
  conn = await LibvirtConnection.open(host, 'qemu:///system');
  rpc = conn.rpc;
  await removeBoxLeftovers(rpc);
  pool = await boxTempPool(rpc, tag);
  // The SSH user reads the box over SFTP: the folder and file must be open to it.
  chmodSync(work.dir, 0o755);
  boxPath = await buildBox(work.dir, BOX_FILE);
  chmodSync(boxPath, 0o644);
  const img = execFileSync('tar', ['-xzOf', boxPath, './box.img'], { maxBuffer: 64 << 20 });
  boxImgSha = createHash('sha256').update(img).digest('hex');
}, 120_000);

afterAll(async () => {
  await removeBoxLeftovers(rpc).catch(() => {});
  await conn?.close();
  await host?.close();
  work.remove();
});

describe('a libvirt box imported twice over SSH', () => {
  let first: ApplianceInfo;
  let second: ApplianceInfo;

  it('the first read keeps box.img as the base volume "<box>.box.img", its bytes as in the box', async () => {
    const { opened, end } = await readFromHost(boxPath);
    expect(end.error).toBeUndefined();
    expect(end.phase).toBe('done');
    first = await stagedAppliance('box-it', opened.stageId);
    const baseName = `${BOX_FILE.replace(/\.box$/, '')}.box.img`;
    expect(first).toMatchObject({
      format: 'box',
      name: BOX_FILE.replace(/\.box$/, ''),
      memoryMiB: 96,
      vcpus: 1,
      disks: [{ file: 'box.img', format: 'qcow2', capacityBytes: 1024 ** 3, bus: 'sata' }],
      base: { reused: false },
    });
    // The base and its sidecar (the SHA-256 that tells a later read it is the same box).
    expect(await volumeNames()).toEqual([baseName, `${baseName}.sha256`]);
    const base = readVolumeXml(
      await getVolumeXml(rpc, await lookupVolumeByPath(rpc, first.base?.path ?? '')),
    );
    expect(base).toMatchObject({ name: baseName, format: 'qcow2', capacity: 1024 ** 3 });
    const onHost = readFileSync(ssh.localPath(first.base?.path ?? ''));
    expect(createHash('sha256').update(onHost).digest('hex')).toBe(boxImgSha);
    const sidecar = readFileSync(ssh.localPath(`${first.base?.path ?? ''}.sha256`), 'utf8');
    expect(sidecar).toBe(`${boxImgSha}  box.img\n`);
  }, 120_000);

  it('the first VM is a qcow2 overlay on the base, on the SATA bus, and boots', async () => {
    const vm = await createFromBox(VM_ONE, first);
    expect(vm.disk).toMatchObject({ bus: 'sata', format: 'qcow2' });
    expect(vm.overlay).toMatchObject({
      format: 'qcow2',
      capacity: 1024 ** 3,
      backingPath: first.base?.path,
    });
    expect(await seesBanner(VM_ONE)).toContain(BOX_BANNER);
  }, 240_000);

  it('the second read finds the base and uploads nothing', async () => {
    const before = await volumeNames();
    const { opened, end } = await readFromHost(boxPath);
    expect(end.phase).toBe('done');
    second = await stagedAppliance('box-it', opened.stageId);
    expect(second.base).toEqual({ path: first.base?.path, reused: true });
    expect(await volumeNames()).toEqual(before);
  }, 120_000);

  it('the second VM is another overlay on the same base, and both guests run', async () => {
    const vm = await createFromBox(VM_TWO, second);
    expect(vm.overlay.backingPath).toBe(first.base?.path);
    expect(vm.disk.file).not.toBe((await vmDisks(VM_ONE))[0]?.file);
    expect(await seesBanner(VM_TWO)).toContain(BOX_BANNER);
    expect(await seesBanner(VM_ONE)).toContain(BOX_BANNER);
  }, 240_000);

  it("deleting the first VM with its disk leaves the base, which the second VM's disk needs", async () => {
    const dom = await lookupDomainByName(rpc, VM_ONE);
    const uuid = uuidToString(dom.uuid);
    const plan = await planVmDelete(conn, uuid);
    const basePath = first.base?.path ?? '';
    expect(plan.disks.map((d) => d.path)).not.toContain(basePath);
    const own = plan.disks.filter((d) => d.defaultChecked).map((d) => d.path);
    expect(own).toHaveLength(1);
    await deleteVm(conn, uuid, { disks: own, forceOff: true });
    expect(await lookupDomainByName(rpc, VM_ONE).catch(() => undefined)).toBeUndefined();
    expect(
      readVolumeXml(await getVolumeXml(rpc, await lookupVolumeByPath(rpc, basePath))).name,
    ).toBe(`${BOX_FILE.replace(/\.box$/, '')}.box.img`);
    expect(await seesBanner(VM_TWO)).toContain(BOX_BANNER);
  }, 240_000);
});

describe('another box under the same file name', () => {
  it('of the same size but other bytes is refused, uploading nothing', async () => {
    const sub = join(work.dir, 'same-size');
    mkdirSync(sub, { mode: 0o755 });
    // One letter of the banner differs: the same qcow2 layout, the same file size.
    const path = await buildBox(sub, BOX_FILE, { banner: 'VIRTDECK BOY' });
    chmodSync(path, 0o644);
    const before = await volumeNames();
    const { end } = await readFromHost(path);
    expect(end.phase).toBe('failed');
    expect(end.error?.message).toContain(
      `already holds a different box named "${BOX_FILE.replace(/\.box$/, '')}"`,
    );
    expect(await volumeNames()).toEqual(before);
  }, 120_000);

  it('of another size (a new version) gets a base of its own, "<box>-2.box.img"', async () => {
    const sub = join(work.dir, 'new-version');
    mkdirSync(sub, { mode: 0o755 });
    const path = await buildBox(sub, BOX_FILE, { virtualSize: '2G' });
    chmodSync(path, 0o644);
    const { opened, end } = await readFromHost(path);
    expect(end.phase).toBe('done');
    const info = await stagedAppliance('box-it', opened.stageId);
    const stem = BOX_FILE.replace(/\.box$/, '');
    expect(info.base?.reused).toBe(false);
    expect(info.base?.path).toBe(`${pool.path}/${stem}-2.box.img`);
    expect(info.disks[0]?.capacityBytes).toBe(2 * 1024 ** 3);
    expect(await volumeNames()).toEqual(
      expect.arrayContaining([`${stem}.box.img`, `${stem}-2.box.img`, `${stem}-2.box.img.sha256`]),
    );
  }, 120_000);
});

describe('a read cancelled while box.img uploads', () => {
  it('leaves no base and no sidecar', async () => {
    const sub = join(work.dir, 'cancelled');
    mkdirSync(sub, { mode: 0o755 });
    const file = `${BOX_PREFIX}${tag} cancelled.box`;
    const path = await buildBox(sub, file, { fill: '192M' });
    chmodSync(path, 0o644);
    const before = await volumeNames();
    const opened = await openAppliance(
      { connectionId: 'box-it', host, rpc, pool: pool.name, origin: { from: 'host', path } },
      { jobs, gateway: noGateway },
    );
    // The base volume is there as soon as its upload starts: cancel then, as the user would.
    const base = `${BOX_PREFIX}${tag} cancelled.box.img`;
    for (;;) {
      if ((await volumeNames()).includes(base)) break;
      const ended = events.find((e) => e.jobId === opened.jobId && e.phase !== 'running');
      if (ended) throw new Error(`the read ended (${ended.phase}) before its upload was seen`);
      await new Promise((r) => setTimeout(r, 20));
    }
    jobs.cancel(opened.jobId);
    const end = await jobEnd(opened.jobId);
    expect(end.phase).toBe('cancelled');
    expect(await volumeNames()).toEqual(before);
  }, 180_000);
});

describe('a box for another provider is refused and leaves nothing', () => {
  it.each([
    ['metadata.json first', ['metadata.json', 'Vagrantfile', 'box.img']],
    ['metadata.json last, after box.img was staged', ['box.img', 'Vagrantfile', 'metadata.json']],
  ])(
    '%s',
    async (_case, order) => {
      const path = await buildBox(work.dir, `${BOX_PREFIX}${tag} vbox ${order[0]}.box`, {
        metadata: { provider: 'virtualbox' },
        order,
      });
      chmodSync(path, 0o644);
      const before = await volumeNames();
      const { end } = await readFromHost(path);
      expect(end.phase).toBe('failed');
      expect(end.error?.message).toContain(
        'This box is for the "virtualbox" provider; only boxes for "libvirt" can be imported',
      );
      expect(await volumeNames()).toEqual(before);
    },
    120_000,
  );
});
