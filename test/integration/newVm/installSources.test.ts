/**
 * The wizard's other install sources against the real libvirtd, each booting a real guest:
 *
 * - Network install: an install tree served over HTTP by the test, in the Fedora/RHEL layout
 *   (images/pxeboot/vmlinuz + initrd.img). Offline stand-ins: syslinux's memdisk (an x86 kernel
 *   image) as the kernel and the tiny ISO as the initrd, with "iso raw" as kernel arguments; QEMU's
 *   direct kernel boot runs memdisk, which boots the ISO, whose banner reaches the serial console.
 * - Import: an isohybrid build of the tiny ISO (isolinux's MBR in front) is a raw disk image that
 *   boots from the disk; its banner shows on the serial console.
 * - Manual / PXE: no media; the NIC's iPXE gets a real DHCP lease on an isolated network.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { InvalidInputError } from '../../../src/shared/errors';
import { getDomainState, getDomainXml, listAllDomains } from '../../../src/main/libvirt/domain';
import {
  createVolume,
  getVolumePath,
  listVolumes,
  uploadVolume,
} from '../../../src/main/libvirt/storageVolume';
import { networkLeases } from '../../../src/main/services/networks/dhcpLeases';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { buildTinyIso } from '../../support/testHost';
import {
  PREFIX,
  closeInstallEnv,
  createVm,
  installOptions,
  openInstallEnv,
  serialConsole,
  waitUntil,
  type InstallEnv,
} from './installFixtures';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const MEMDISK = '/usr/lib/syslinux/memdisk';
let env: InstallEnv;
let work: string;
let server: Server;
let treeUrl: string;
const requested: string[] = [];
/** The paths fetched with GET (the checks ask with HEAD first). */
const fetched: string[] = [];

beforeAll(async () => {
  env = await openInstallEnv();
  work = mkdtempSync(join(tmpdir(), `${PREFIX}sources-`));
  await buildTinyIso(join(work, 'tree.iso'), 'VDK WIZARD2 NETINSTALL');
  const files: Record<string, string> = {
    '/tree/images/pxeboot/vmlinuz': MEMDISK,
    '/tree/images/pxeboot/initrd.img': join(work, 'tree.iso'),
  };
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.method === 'GET') fetched.push(req.url ?? '');
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  treeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tree/`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
  await closeInstallEnv(env);
});

function root(xml: string): Element {
  return parseXml(xml).documentElement as Element;
}

function child(parent: Element, name: string): Element {
  const found = firstChild(parent, name);
  if (!found) throw new Error(`no <${name}>`);
  return found;
}

function osChild(xml: string, name: string): string | undefined {
  return firstChild(child(root(xml), 'os'), name)?.textContent ?? undefined;
}

function bootDevs(xml: string): string[] {
  return childElements(firstChild(root(xml), 'os') as Element, 'boot').map(
    (b) => attribute(b, 'dev') ?? '',
  );
}

describe('network install from a tree URL', () => {
  it('fetches the kernel and initrd into the pool, boots them with the kernel arguments', async () => {
    const name = `${PREFIX}url ${env.tag} "tree"`;
    const dom = await createVm(
      env,
      installOptions(env, name, {
        source: { kind: 'url', url: treeUrl, kernelArgs: 'iso raw' },
        disk: { kind: 'new', pool: env.pool.ref.name, sizeGiB: 0.1 },
      }),
    );
    expect(requested).toEqual(
      expect.arrayContaining(['/tree/images/pxeboot/vmlinuz', '/tree/images/pxeboot/initrd.img']),
    );
    // Fetched by the host's own curl (this host has it), the step saying so.
    const fetchSteps = env.events.filter((e) => e.step?.startsWith('Fetch kernel'));
    expect(fetchSteps[0]?.step).toBe('Fetch kernel and initrd on the host (curl)');
    const live = await getDomainXml(env.rpc, dom);
    const kernel = osChild(live, 'kernel');
    const initrd = osChild(live, 'initrd');
    // Copies in the chosen pool, named after the VM.
    expect(kernel).toBe(`${env.pool.path}/${name}-kernel`);
    expect(initrd).toBe(`${env.pool.path}/${name}-initrd`);
    expect(osChild(live, 'cmdline')).toBe('iso raw');

    // memdisk boots the ISO handed over as the initrd: the ISO's banner on the serial console.
    const serial = await serialConsole(env.rpc, dom);
    await serial.waitFor(/VDK WIZARD2 NETINSTALL/);
    serial.close();

    // The final definition boots the disk; the kernel and initrd copies are gone from the pool,
    // as virt-install leaves them (QEMU read them when it started).
    const saved = await getDomainXml(env.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    expect(osChild(saved, 'kernel')).toBeUndefined();
    expect(bootDevs(saved)).toEqual(['hd']);
    const names = (await listVolumes(env.rpc, env.pool.ref)).map((v) => v.name);
    expect(names).not.toContain(`${name}-kernel`);
    expect(names).not.toContain(`${name}-initrd`);
    expect(names).toContain(`${name}.qcow2`);
  });

  it('a tree with no kernel in a known layout is refused on the Source page, nothing made', async () => {
    const name = `${PREFIX}url-empty-${env.tag}`;
    const before = (await listVolumes(env.rpc, env.pool.ref)).map((v) => v.name);
    const err = await createVm(
      env,
      installOptions(env, name, {
        source: { kind: 'url', url: treeUrl.replace('/tree/', '/nothing/') },
        disk: { kind: 'new', pool: env.pool.ref.name, sizeGiB: 0.1 },
      }),
    ).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).fields['source.url']).toMatch(/^No kernel and initrd/);
    expect((await listVolumes(env.rpc, env.pool.ref)).map((v) => v.name)).toEqual(before);
  });
});

describe('import an existing disk image', () => {
  it('boots the image as the disk, with no media and no new disk', async () => {
    const local = join(work, 'hybrid.img');
    await buildTinyIso(local, 'VDK WIZARD2 IMPORTED DISK', { hybrid: true });
    const size = statSync(local).size;
    const vol = await createVolume(
      env.rpc,
      env.pool.ref,
      `<volume><name>${PREFIX}imported.img</name><capacity unit='B'>${size}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    await uploadVolume(env.rpc, vol, createReadStream(local), { length: size });
    const path = await getVolumePath(env.rpc, vol);
    const name = `${PREFIX}import-${env.tag}`;
    const dom = await createVm(
      env,
      installOptions(env, name, { source: { kind: 'import', path } }),
    );
    const saved = await getDomainXml(env.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    const disks = childElements(firstChild(root(saved), 'devices') as Element, 'disk');
    expect(disks.map((d) => attribute(d, 'device'))).toEqual(['disk']);
    expect(attribute(firstChild(disks[0] as Element, 'source'), 'file')).toBe(path);
    expect(attribute(firstChild(disks[0] as Element, 'driver'), 'type')).toBe('raw');
    expect(bootDevs(await getDomainXml(env.rpc, dom))).toEqual(['hd']);
    const serial = await serialConsole(env.rpc, dom);
    await serial.waitFor(/VDK WIZARD2 IMPORTED DISK/);
    serial.close();
  });
});

describe('paths that are not there', () => {
  it('an image to import and an existing disk: each refused on its page', async () => {
    const missing = `${env.pool.path}/${PREFIX}missing.img`;
    const err = await startCreateVm(
      env.host,
      env.rpc,
      env.jobs,
      installOptions(env, `${PREFIX}missing-${env.tag}`, {
        source: { kind: 'import', path: missing },
        disk: { kind: 'existing', path: `${missing}.qcow2` },
      }),
    ).catch((e: unknown) => e);
    expect((err as InvalidInputError).fields).toMatchObject({
      'source.path': `${missing} is not there`,
      'storage.path': `${missing}.qcow2 is not there`,
    });
  });
});

describe('manual install (PXE)', () => {
  it("boots from the network: the NIC's iPXE gets a DHCP lease", async () => {
    const name = `${PREFIX}pxe-${env.tag}`;
    const dom = await createVm(env, installOptions(env, name, { source: { kind: 'pxe' } }));
    const live = await getDomainXml(env.rpc, dom);
    expect(bootDevs(live)).toEqual(['network', 'hd']);
    const nic = child(child(root(live), 'devices'), 'interface');
    const mac = attribute(firstChild(nic, 'mac'), 'address');
    expect(attribute(firstChild(nic, 'source'), 'network')).toBe(env.network.name);
    const lease = await waitUntil(
      'a DHCP lease for the guest',
      async () =>
        (await networkLeases(env.rpc, env.network.name)).find((l) => l.mac === mac) ?? false,
      120_000,
    );
    expect(lease.ip.startsWith(`${env.network.subnet}.`)).toBe(true);
    expect(lease.vm?.name).toBe(name);
  });

  it('customized first: defined, not started, booting the disk then the network', async () => {
    const name = `${PREFIX}pxe-custom-${env.tag}`;
    const dom = await createVm(
      env,
      installOptions(env, name, { source: { kind: 'pxe' }, customize: true }),
    );
    expect((await getDomainState(env.rpc, dom)).state).toBe('shutoff');
    expect(
      bootDevs(await getDomainXml(env.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)),
    ).toEqual(['hd', 'network']);
  });
});

describe('customize before a network install', () => {
  it('is refused on the Name page before anything is fetched or made', async () => {
    const name = `${PREFIX}url-custom-${env.tag}`;
    const asked = fetched.length;
    const err = await startCreateVm(
      env.host,
      env.rpc,
      env.jobs,
      installOptions(env, name, {
        source: { kind: 'url', url: treeUrl },
        disk: { kind: 'new', pool: env.pool.ref.name, sizeGiB: 0.1 },
        customize: true,
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).fields['name.customize']).toMatch(/customize the VM after/);
    expect(fetched.length).toBe(asked);
    expect((await listAllDomains(env.rpc)).map((d) => d.name)).not.toContain(name);
  });
});
