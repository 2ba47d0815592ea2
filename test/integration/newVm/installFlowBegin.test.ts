/**
 * Customize before install, then "Begin installation" (as virt-manager), over SSH as the test
 * user: the wizard defines the VM without starting it and marks it as awaiting its install; the
 * user's later edit (memory, through the VM's definition) is kept by the install definition,
 * which boots the tiny ISO's banner onto the serial console; the saved definition is then the
 * final one (disk first, no mark, the first reboot pending). A VM that awaits nothing, or runs,
 * is refused with nothing changed.
 */
import { randomBytes } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  destroyDomain,
  getDomainState,
  getDomainXml,
  listAllDomains,
  lookupDomainByName,
  startDomain,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { awaitedInstall, startBeginInstall } from '../../../src/main/services/newVm/installBegin';
import { isInstallPending } from '../../../src/main/services/newVm/installMark';
import { installRestarter } from '../../../src/main/services/newVm/installRestarter';
import { editXml, setText } from '../../../src/main/xml/xmlEdit';
import { firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import { VirtdeckError } from '../../../src/shared/errors';
import { createTempPool, uploadTinyIso, type TempPool } from '../../support/libvirtFixtures';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { bootDevs, onReboot, serialConsole } from './installFixtures';

const PREFIX = 'installflow-';
const tag = randomBytes(3).toString('hex');
let host: Host;
let conn: LibvirtConnection;
let pool: TempPool;
let isoPath: string;
const jobs = new JobRunner(() => {});
const made: string[] = [];

beforeAll(async () => {
  const env = loadTestHost();
  host = sshHostFor(env, env.user);
  conn = await LibvirtConnection.open(host, 'qemu:///system');
  pool = await createTempPool(conn.rpc, `${PREFIX}begin-${process.pid}-${tag}`);
  isoPath = (await uploadTinyIso(conn.rpc, pool.pool, 'install ü.iso')).path;
});

afterAll(async () => {
  for (const dom of await listAllDomains(conn.rpc)) {
    if (!made.includes(dom.name)) continue;
    installRestarter(conn.rpc).unwatch(uuidToString(dom.uuid));
    await destroyDomain(conn.rpc, dom).catch(() => {});
    await undefineDomain(conn.rpc, dom).catch(() => {});
  }
  await pool?.destroy().catch(() => {});
  await conn?.close();
  await host?.close();
});

function options(name: string): NewVmOptions {
  return {
    connectionId: 'c',
    name,
    // Generic: i440fx with an IDE CD-ROM, where the tiny ISO's isolinux boots under SeaBIOS.
    osId: 'generic',
    source: { kind: 'iso', path: isoPath },
    memoryMiB: 128,
    vcpus: 1,
    disk: { kind: 'new', pool: pool.pool.name, sizeGiB: 0.05 },
    network: { kind: 'none' },
    virtType: 'qemu',
    customize: true,
  };
}

function memoryKiB(xml: string): string | undefined {
  return firstChild(parseXml(xml).documentElement as Element, 'memory')?.textContent ?? undefined;
}

async function rejection(promise: Promise<unknown>): Promise<VirtdeckError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof VirtdeckError)) throw new Error(`expected a VirtdeckError: ${String(err)}`);
  return err;
}

describe('customize, edit, then Begin installation', () => {
  it('installs from the VM’s current definition and leaves the final one saved', async () => {
    const name = `${PREFIX}custom ${tag} "ü" $(x)`;
    made.push(name);
    await (
      await startCreateVm(host, conn.rpc, jobs, options(name))
    ).result;
    const dom = await lookupDomainByName(conn.rpc, name);
    expect((await getDomainState(conn.rpc, dom)).state).toBe('shutoff');
    expect(await awaitedInstall(conn.rpc, dom)).toBe('cdrom');

    // The user's edit on the VM page: 160 MiB instead of 128.
    const saved = await getDomainXml(conn.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    const edited = editXml(saved, 'domain', (root) => {
      for (const el of ['memory', 'currentMemory']) {
        const found = firstChild(root, el);
        if (found) setText(found, '163840');
      }
    });
    await defineDomain(conn.rpc, edited);

    const started = await startBeginInstall(conn.rpc, jobs, {
      connectionId: 'c',
      uuid: uuidToString(dom.uuid),
    });
    await started.result;

    const live = await getDomainXml(conn.rpc, dom);
    expect(memoryKiB(live)).toBe('163840');
    expect(bootDevs(live)).toEqual(['cdrom', 'hd']);
    expect(onReboot(live)).toBe('destroy');
    const serial = await serialConsole(conn.rpc, dom);
    await serial.waitFor(/VIRTDECK TEST ISO/);
    serial.close();

    const final = await getDomainXml(conn.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    expect(memoryKiB(final)).toBe('163840');
    expect(bootDevs(final)).toEqual(['hd', 'cdrom']);
    expect(onReboot(final)).toBe('restart');
    expect(await awaitedInstall(conn.rpc, dom)).toBeUndefined();
    expect(await isInstallPending(conn.rpc, dom)).toBe(true);

    // Begun once: a second Begin is refused.
    const again = await rejection(
      startBeginInstall(conn.rpc, jobs, { connectionId: 'c', uuid: uuidToString(dom.uuid) }),
    );
    expect(again.message).toMatch(/no install waiting/);
  });

  it('refuses a running VM that awaits its install, changing nothing', async () => {
    const name = `${PREFIX}running ${tag}`;
    made.push(name);
    await (
      await startCreateVm(host, conn.rpc, jobs, options(name))
    ).result;
    const dom = await lookupDomainByName(conn.rpc, name);
    const before = await getDomainXml(conn.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    await startDomain(conn.rpc, dom);
    const err = await rejection(
      startBeginInstall(conn.rpc, jobs, { connectionId: 'c', uuid: uuidToString(dom.uuid) }),
    );
    expect(err.message).toMatch(/Shut .* down before its install begins/);
    expect(await getDomainXml(conn.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).toBe(
      before,
    );
    expect(await awaitedInstall(conn.rpc, dom)).toBe('cdrom');
  });
});
