/**
 * A VM from a cloud image with a cloud-init NoCloud seed, over SSH (the non-root test user,
 * through virt-ssh-helper), against the real libvirtd:
 *
 * - The base: the tiny isohybrid ISO converted to qcow2 (a disk image that boots and prints its
 *   banner on the serial console), uploaded into a pool. The VM's disk is an overlay on it (the
 *   banner proves the overlay boots) or a full copy, grown to the chosen size.
 * - The seed volume's bytes, read back from the pool through libvirt, are an ISO 9660 image
 *   labelled "cidata" whose user-data / meta-data say what the options asked (password hashed).
 * - The install definition carries the seed; the final one does not; the seed volume is gone
 *   once the VM started.
 * - The XML is compared with `virt-install --cloud-init ... --import --print-xml` on this host.
 * - A failed create leaves no volume; bad input is refused on its field with nothing made.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { createReadStream, statSync } from 'node:fs';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { getDomainXml, lookupDomainByName } from '../../../src/main/libvirt/domain';
import type { DomainRef, StoragePoolRef } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import {
  isPoolActive,
  refreshPool,
  stopPool,
  undefinePool,
} from '../../../src/main/libvirt/storagePool';
import {
  createVolume,
  downloadVolume,
  getVolumePath,
  getVolumeXml,
  listVolumes,
  lookupVolumeByName,
  uploadVolume,
} from '../../../src/main/libvirt/storageVolume';
import { readIsoFile } from '../../../src/main/services/newVm/iso9660';
import { parseIsoHead } from '../../../src/main/services/newVm/isoMedia';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { poolsOnDirectory } from '../../../src/main/services/vmClone/clonePlan';
import { readVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import type { JobProgress } from '../../../src/shared/api/types';
import { InvalidInputError } from '../../../src/shared/errors';
import { createTempPool, removeLeftovers, type TempPool } from '../../support/libvirtFixtures';
import { buildTinyIso, loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { serialConsole } from './installFixtures';

const PREFIX = 'cloud-';
const GiB = 1024 ** 3;
const PASSWORD = `pa$$ "wörd" $(reboot); ${Date.now()}`;
const BANNER = 'VDK CLOUD BASE IMAGE';

let host: Host;
let conn: LibvirtConnection;
let rpc: RpcClient;
let pool: TempPool;
let work: string;
let basePath: string;
let baseSize: number;
let server: Server;
let imageUrl: string;
const events: JobProgress[] = [];
const jobs = new JobRunner((e) => events.push(e));
const made: string[] = [];
const publicKey = readFileSync(`${loadTestHost().clientKey}.pub`, 'utf8').trim();

beforeAll(async () => {
  host = sshHostFor(loadTestHost(), loadTestHost().user);
  conn = await LibvirtConnection.open(host, 'qemu:///system');
  rpc = conn.rpc;
  pool = await createTempPool(rpc);
  work = mkdtempSync(join(tmpdir(), `${PREFIX}it-`));
  const iso = join(work, 'hybrid.iso');
  await buildTinyIso(iso, BANNER, { hybrid: true });
  const qcow2 = join(work, 'base.qcow2');
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', iso, qcow2]);
  const size = statSync(qcow2).size;
  const vol = await createVolume(
    rpc,
    pool.pool,
    `<volume><name>${PREFIX}base image ☁.qcow2</name><capacity unit='B'>${size}</capacity>` +
      `<target><format type='qcow2'/></target></volume>`,
  );
  await uploadVolume(rpc, vol, createReadStream(qcow2), { length: size });
  // libvirt reads the uploaded qcow2 header (its guest size) again.
  await refreshPool(rpc, pool.pool);
  basePath = await getVolumePath(rpc, vol);
  baseSize = readVolumeXml(await getVolumeXml(rpc, vol)).capacity;
  // The same image served over HTTP on this machine, which the host's curl fetches.
  server = createServer((req, res) => {
    if (req.url !== '/images/cloud%20base.qcow2') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(qcow2).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/images/cloud%20base.qcow2`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (rpc) await removeLeftovers(rpc, made);
  await pool?.destroy();
  await conn?.close();
  await host?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// virt-install writes its cloud-init seed into its scratch directory (virtinst's make_scratchdir:
// /var/lib/libvirt/boot for qemu:///system when it may write there, else the user's
// virt-manager/boot cache) and, as for any disk path in no pool, defines an autostarted dir pool
// named after that directory ("boot") on it, --print-xml or not. The comparison removes the pools
// it made there, and only those: a pool the host already had there stays, and so do the files.
const VIRTINST_SCRATCH = [
  '/var/lib/libvirt/boot',
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'virt-manager', 'boot'),
];

async function scratchPools(): Promise<StoragePoolRef[]> {
  return (await Promise.all(VIRTINST_SCRATCH.map((dir) => poolsOnDirectory(rpc, dir)))).flat();
}

/** Runs virt-install, then stops and undefines the pools it defined on its scratch directory. */
async function virtInstall(args: string[]): Promise<string> {
  const before = new Set((await scratchPools()).map((p) => p.name));
  try {
    return execFileSync('virt-install', args, { encoding: 'utf8' });
  } finally {
    for (const pool of await scratchPools()) {
      if (before.has(pool.name)) continue;
      if (await isPoolActive(rpc, pool)) await stopPool(rpc, pool);
      await undefinePool(rpc, pool);
    }
  }
}

function options(name: string, extra: Partial<NewVmOptions> = {}): NewVmOptions {
  made.push(name);
  return {
    connectionId: 'ssh',
    name,
    osId: 'generic',
    memoryMiB: 128,
    vcpus: 1,
    disk: { kind: 'new', pool: pool.pool.name, sizeGiB: 1 },
    network: { kind: 'none' },
    virtType: 'qemu',
    source: {
      kind: 'cloud',
      image: { from: 'path', path: basePath },
      diskMode: 'overlay',
      cloudInit: {
        userName: 'ana',
        password: PASSWORD,
        sshKeys: [`# from a file\n${publicKey}\n`],
        hostname: 'cloud-test',
      },
    },
    ...extra,
  };
}

async function create(opts: NewVmOptions): Promise<DomainRef> {
  const started = await startCreateVm(host, rpc, jobs, opts);
  await started.result;
  return lookupDomainByName(rpc, opts.name);
}

async function volumeNames(): Promise<string[]> {
  return (await listVolumes(rpc, pool.pool)).map((v) => v.name).sort();
}

async function volumeBytes(name: string): Promise<Buffer> {
  const vol = await lookupVolumeByName(rpc, pool.pool, name);
  const chunks: Buffer[] = [];
  await downloadVolume(
    rpc,
    vol,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}

function disks(xml: string): { device: string; file?: string; type?: string; bus?: string }[] {
  const devices = firstChild(parseXml(xml).documentElement as Element, 'devices') as Element;
  return childElements(devices, 'disk').map((d) => ({
    device: attribute(d, 'device') ?? '',
    file: attribute(firstChild(d, 'source'), 'file'),
    type: attribute(firstChild(d, 'driver'), 'type'),
    bus: attribute(firstChild(d, 'target'), 'bus'),
  }));
}

function textOf(xml: string, name: string): string | undefined {
  return firstChild(parseXml(xml).documentElement as Element, name)?.textContent ?? undefined;
}

describe('cloud image with cloud-init over SSH', () => {
  it('an overlay on the base boots; the install definition has the seed, the final one none', async () => {
    const name = `${PREFIX}overlay ☁ "q" ${process.pid}`;
    const dom = await create(options(name));
    const live = await getDomainXml(rpc, dom);
    const saved = await getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    const diskPath = `${pool.path}/${name}.qcow2`;
    const seedPath = `${pool.path}/${name}-cidata.iso`;
    expect(disks(live)).toEqual([
      { device: 'disk', file: diskPath, type: 'qcow2', bus: 'ide' },
      { device: 'cdrom', file: seedPath, type: 'raw', bus: 'ide' },
    ]);
    expect(textOf(live, 'on_reboot')).toBe('destroy');
    expect(disks(saved)).toEqual([{ device: 'disk', file: diskPath, type: 'qcow2', bus: 'ide' }]);
    // The overlay: backed by the base (kept), at the chosen size.
    const overlay = readVolumeXml(
      await getVolumeXml(rpc, await lookupVolumeByName(rpc, pool.pool, `${name}.qcow2`)),
    );
    expect(overlay.backingPath).toBe(basePath);
    expect(overlay.capacity).toBe(1 * GiB);
    // The seed went once the VM started (QEMU holds it open); the base stays.
    expect(await volumeNames()).toEqual([`${PREFIX}base image ☁.qcow2`, `${name}.qcow2`].sort());
    const serial = await serialConsole(rpc, dom);
    await serial.waitFor(new RegExp(BANNER));
    serial.close();
    // The password appears nowhere in the job's events.
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it("a customized VM keeps its seed: the pool's bytes are a cidata ISO with the user-data", async () => {
    const name = `${PREFIX}seed ${process.pid}`;
    await create(options(name, { customize: true }));
    const seed = await volumeBytes(`${name}-cidata.iso`);
    expect(parseIsoHead(seed.subarray(0, 17 * 2048)).volumeLabel).toBe('cidata');
    const readAt = (offset: number, length: number) =>
      Promise.resolve(seed.subarray(offset, offset + length));
    const userData = (await readIsoFile(readAt, '/user-data'))?.toString('utf8') ?? '';
    const metaData = (await readIsoFile(readAt, '/meta-data'))?.toString('utf8') ?? '';
    expect(userData.split('\n')[0]).toBe('#cloud-config');
    expect(userData).toContain('name: ana');
    expect(userData).toMatch(/passwd: \$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}\n/);
    expect(userData).not.toContain(PASSWORD);
    expect(userData).toContain(publicKey);
    expect(userData).toContain('hostname: cloud-test');
    expect(metaData).toMatch(/^instance-id: iid-[0-9a-f-]{36}\nlocal-hostname: cloud-test\n$/);
    // The hash really is the password's: openssl computes the same with the same salt.
    const hash = /passwd: (\$6\$[^\n]+)/.exec(userData)?.[1] ?? '';
    const salt = hash.split('$')[2] ?? '';
    const again = execFileSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], {
      input: PASSWORD,
      encoding: 'utf8',
    }).trim();
    expect(again).toBe(hash);
  });

  it('a full copy is a volume of its own, grown to the chosen size, and boots', async () => {
    const name = `${PREFIX}copy ${process.pid}`;
    const dom = await create(
      options(name, {
        source: {
          ...(options(name).source as Extract<NewVmOptions['source'], { kind: 'cloud' }>),
          diskMode: 'copy',
        },
      }),
    );
    const copy = readVolumeXml(
      await getVolumeXml(rpc, await lookupVolumeByName(rpc, pool.pool, `${name}.qcow2`)),
    );
    expect(copy.backingPath).toBeUndefined();
    expect(copy.format).toBe('qcow2');
    expect(copy.capacity).toBe(1 * GiB);
    const serial = await serialConsole(rpc, dom);
    await serial.waitFor(new RegExp(BANNER));
    serial.close();
  });

  it('matches virt-install --cloud-init --import --print-xml in disks, seed, boot and os', async () => {
    const name = `${PREFIX}cmp ${process.pid}`;
    const dom = await create(options(name));
    const live = await getDomainXml(rpc, dom);
    const saved = await getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    writeFileSync(join(work, 'user-data'), '#cloud-config\n');
    writeFileSync(join(work, 'meta-data'), 'instance-id: x\n');
    const poolsBefore = (await scratchPools()).map((p) => p.name);
    const printed = await virtInstall([
      ...['--connect', 'qemu:///system', '--name', 'cloud-virtinst-cmp', '--memory', '128'],
      ...['--vcpus', '1', '--osinfo', 'generic', '--virt-type', 'qemu', '--network', 'none'],
      ...['--import', '--disk', `path=${pool.path}/${name}.qcow2,format=qcow2`],
      '--cloud-init',
      `user-data=${join(work, 'user-data')},meta-data=${join(work, 'meta-data')}`,
      ...['--check', 'path_in_use=off', '--print-xml'],
    ]);
    const [install = '', final = ''] = printed.split(/(?=<domain )/);
    // virt-install's seed was in a scratch directory virtInstall knows, and no pool of its stays.
    expect(VIRTINST_SCRATCH).toContain(dirname(disks(install)[1]?.file ?? ''));
    expect((await scratchPools()).map((p) => p.name)).toEqual(poolsBefore);
    // Disks: the same disk; the seed a raw CD-ROM on the same bus, in the install phase only.
    // virt-install's seed is a temporary file (removed after --print-xml), ours a pool volume;
    // virt-install keeps an empty CD-ROM drive in the final definition, we drop the drive.
    const shape = (list: ReturnType<typeof disks>) =>
      list.filter((d) => d.file).map(({ device, type, bus }) => ({ device, type, bus }));
    expect(shape(disks(live))).toEqual(shape(disks(install)));
    expect(shape(disks(saved))).toEqual(shape(disks(final)));
    expect(disks(install)[1]?.file).toMatch(/cloudinit\.iso$/);
    expect(textOf(live, 'on_reboot')).toBe(textOf(install, 'on_reboot'));
    // virt-install also gives the install phase the SMBIOS serial "ds=nocloud"; we do not: the
    // seed's cidata label is what cloud-init finds it by, and with the hint it reports its seed as
    // "dmi,/dev/sr0" (cloudInitBoot.test.ts checks it found /dev/sr0 alone).
    expect(install).toMatch(/<entry name=["']serial["']>ds=nocloud<\/entry>/);
    expect(live).not.toContain('ds=nocloud');
    const boots = (xml: string) =>
      childElements(
        firstChild(parseXml(xml).documentElement as Element, 'os') as Element,
        'boot',
      ).map((b) => attribute(b, 'dev'));
    // virt-install's install phase names no boot device (the BIOS tries the disk first): ours says hd.
    expect(boots(live)).toEqual(['hd']);
    expect(boots(saved)).toEqual(boots(final));
  });

  it('an image fetched on the host from a URL is kept in the pool as the base and boots', async () => {
    const name = `${PREFIX}url ${process.pid}`;
    const base = options(name).source as Extract<NewVmOptions['source'], { kind: 'cloud' }>;
    const dom = await create(
      options(name, { source: { ...base, image: { from: 'url', url: imageUrl } } }),
    );
    const fetched = readVolumeXml(
      await getVolumeXml(rpc, await lookupVolumeByName(rpc, pool.pool, 'cloud base.qcow2')),
    );
    // libvirt probed the fetched file: a qcow2 of the image's guest size.
    expect(fetched.format).toBe('qcow2');
    expect(fetched.capacity).toBe(baseSize);
    const overlay = readVolumeXml(
      await getVolumeXml(rpc, await lookupVolumeByName(rpc, pool.pool, `${name}.qcow2`)),
    );
    expect(overlay.backingPath).toBe(`${pool.path}/cloud base.qcow2`);
    const serial = await serialConsole(rpc, dom);
    await serial.waitFor(new RegExp(BANNER));
    serial.close();
    // The job named the fetch as its own step (its bytes are throttled events: a local fetch
    // may end before one is sent, so only the step is asserted here; hostFetch.test.ts checks
    // the byte progress).
    expect(events.some((e) => e.title === `Create VM ${name}` && e.step === 'Fetch image')).toBe(
      true,
    );
  });

  it('a URL that cannot be fetched is refused on its field', async () => {
    const name = `${PREFIX}url-404 ${process.pid}`;
    const base = options(name).source as Extract<NewVmOptions['source'], { kind: 'cloud' }>;
    const err = await startCreateVm(host, rpc, jobs, {
      ...options(name),
      source: { ...base, image: { from: 'url', url: imageUrl.replace('images', 'nothing') } },
    }).catch((e: unknown) => e);
    expect((err as InvalidInputError).fields).toEqual({
      'source.cloudUrl': expect.stringMatching(/^Cannot fetch http:.* 404/),
    });
  });

  it('a failed create leaves no volume (overlay, seed)', async () => {
    const before = await volumeNames();
    const name = `${PREFIX}fails ${process.pid}`;
    made.push(name);
    const started = await startCreateVm(host, rpc, jobs, {
      ...options(name),
      emulator: '/nonexistent/qemu',
    });
    await expect(started.result).rejects.toThrow(/^Define VM failed/);
    expect(await volumeNames()).toEqual(before);
  });

  it('bad input is refused on its field before anything is made', async () => {
    const before = await volumeNames();
    const name = `${PREFIX}bad ${process.pid}`;
    const bad = async (source: Partial<Extract<NewVmOptions['source'], { kind: 'cloud' }>>) => {
      const base = options(name).source as Extract<NewVmOptions['source'], { kind: 'cloud' }>;
      const err = await startCreateVm(host, rpc, jobs, {
        ...options(name),
        source: { ...base, ...source },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInputError);
      return (err as InvalidInputError).fields;
    };
    expect(
      await bad({ cloudInit: { userName: 'ana', sshKeys: ['ssh-ed25519 AAAAnotakey me@here'] } }),
    ).toEqual({
      'source.cloudPassword': "Give ana's password",
      'source.cloudKeys': expect.stringMatching(
        /^Key 1 \("ssh-ed25519 AAAAnotakey me@here"\) is not/,
      ),
    });
    expect(
      await bad({
        cloudInit: { sshKeys: [], userData: '#cloud-config\nusers:\n  - name: a\n   b: c\n' },
      }),
    ).toEqual({ 'source.cloudUserData': expect.stringMatching(/^Line 4: /) });
    const missing = `${pool.path}/${PREFIX}missing.qcow2`;
    expect(await bad({ image: { from: 'path', path: missing } })).toEqual({
      'source.cloudImage': `${missing} is not there`,
    });
    // A file the SSH user owns that qemu-img cannot read as an image... is raw to it: a text file
    // it reads as raw. A directory it cannot read as an image at all.
    expect(await bad({ image: { from: 'path', path: '/etc' } })).toEqual({
      'source.cloudImage': expect.stringMatching(/^qemu-img cannot read \/etc: /),
    });
    const small = await startCreateVm(host, rpc, jobs, {
      ...options(name),
      disk: { kind: 'new', pool: pool.pool.name, sizeGiB: baseSize / GiB / 2 },
    }).catch((e: unknown) => e);
    expect((small as InvalidInputError).fields['storage.sizeGiB']).toMatch(/cannot be smaller/);
    expect(await volumeNames()).toEqual(before);
  });
});
