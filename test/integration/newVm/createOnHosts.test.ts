/**
 * The New VM create job on both libvirt generations, over SSH as a user reaches a remote host:
 * this machine's libvirt 9.0 / QEMU 7.2 and the modern host's libvirt 11.3 / QEMU 10.0. A VM from
 * an ISO in a pool: libvirt holds the chosen memory, vCPUs, a qcow2 disk of the chosen size (a
 * file on that host), the network and the install-time boot order, and the guest runs. A failed
 * definition leaves no domain and no disk on that host. (This machine's own checks, rollbacks
 * and bad input in detail: createVm.test.ts.)
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  destroyDomain,
  getDomainState,
  getDomainXml,
  listAllDomains,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import {
  defineNetwork,
  lookupNetworkByName,
  startNetwork,
  stopNetwork,
  undefineNetwork,
} from '../../../src/main/libvirt/network';
import { getVolumeInfo, lookupVolumeByPath } from '../../../src/main/libvirt/storageVolume';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import type { JobProgress } from '../../../src/shared/api/types';
import {
  createTempPool,
  removeLeftovers,
  uploadTinyIso,
  type TempPool,
} from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import {
  virDomainUndefineFlagsValues,
  virDomainXMLFlags,
} from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

describe.each(libvirtGenerations())('create a VM on the $name (libvirt $libvirtVersion)', (gen) => {
  const tag = randomBytes(3).toString('hex');
  const NAME = `vdk-create ${tag} "q" $(x); ü`;
  const FAILING = `vdk-create-fail-${tag}`;
  const NET = `vdk-create-net-${tag}`;
  const events: JobProgress[] = [];
  const jobs = new JobRunner((e) => events.push(e));
  let host: Host;
  let conn: LibvirtConnection;
  let pool: TempPool;
  let isoPath: string;

  const options = (name: string): NewVmOptions => ({
    connectionId: 'test',
    name,
    osId: 'debian11',
    source: { kind: 'iso', path: isoPath },
    memoryMiB: 256,
    vcpus: 1,
    disk: { kind: 'new', pool: pool.pool.name, sizeGiB: 1 },
    network: { kind: 'network', name: NET },
  });

  const removeVm = async (name: string) => {
    for (const dom of await listAllDomains(conn.rpc)) {
      if (dom.name !== name) continue;
      await destroyDomain(conn.rpc, dom).catch(() => {});
      await undefineDomain(conn.rpc, dom, virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM);
    }
  };

  beforeAll(async () => {
    host = gen.makeHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeLeftovers(conn.rpc, []);
    pool = await createTempPool(conn.rpc);
    isoPath = (await uploadTinyIso(conn.rpc, pool.pool, 'install.iso')).path;
    // An isolated network of our own (no NAT rules), on a range of our own.
    const octet = 20 + (parseInt(tag, 16) % 200);
    const net = await defineNetwork(
      conn.rpc,
      `<network><name>${NET}</name><ip address='10.232.${octet}.1' netmask='255.255.255.0'/></network>`,
    );
    await startNetwork(conn.rpc, net);
  });

  afterAll(async () => {
    if (!conn) return;
    for (const name of [NAME, FAILING]) await removeVm(name).catch(() => {});
    await pool?.destroy().catch(() => {});
    const net = await lookupNetworkByName(conn.rpc, NET).catch(() => null);
    if (net) {
      await stopNetwork(conn.rpc, net).catch(() => {});
      await undefineNetwork(conn.rpc, net);
    }
    await conn.close();
    await host?.close();
  });

  it('from an ISO in a pool: libvirt holds the choices, the disk is on the host, it runs', async () => {
    const started = await startCreateVm(host, conn.rpc, jobs, options(NAME));
    await started.result;
    expect(events.filter((e) => e.jobId === started.jobId).at(-1)).toMatchObject({
      phase: 'done',
    });

    const dom = (await listAllDomains(conn.rpc)).find((d) => d.name === NAME);
    expect(dom).toBeDefined();
    expect((await getDomainState(conn.rpc, dom!)).state).toBe('running');
    const saved = parseXml(
      await getDomainXml(conn.rpc, dom!, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE),
    ).documentElement as Element;
    const live = parseXml(await getDomainXml(conn.rpc, dom!)).documentElement as Element;
    expect(firstChild(saved, 'name')?.textContent).toBe(NAME);
    expect(Number(firstChild(saved, 'memory')?.textContent)).toBe(256 * 1024);
    expect(Number(firstChild(saved, 'vcpu')?.textContent)).toBe(1);
    const boots = (root: Element) =>
      childElements(firstChild(root, 'os')!, 'boot').map((b) => attribute(b, 'dev'));
    // The install runs from the CD-ROM; the next start boots the disk.
    expect(boots(live)).toEqual(['cdrom', 'hd']);
    expect(boots(saved)).toEqual(['hd']);

    const devices = firstChild(saved, 'devices')!;
    const disk = childElements(devices, 'disk').find((d) => attribute(d, 'device') === 'disk')!;
    expect(attribute(firstChild(disk, 'driver'), 'type')).toBe('qcow2');
    const diskPath = attribute(firstChild(disk, 'source'), 'file')!;
    expect(diskPath.startsWith(`${pool.path}/`)).toBe(true);
    // The file is on that host (the modern host's own file system for the modern host).
    expect(existsSync(gen.localPath(diskPath))).toBe(true);
    const vol = await lookupVolumeByPath(conn.rpc, diskPath);
    expect((await getVolumeInfo(conn.rpc, vol)).capacity).toBe(1024 ** 3);
    const nic = firstChild(devices, 'interface')!;
    expect(attribute(firstChild(nic, 'source'), 'network')).toBe(NET);
  });

  it('leaves no domain and no disk on the host when the definition fails', async () => {
    const started = await startCreateVm(host, conn.rpc, jobs, {
      ...options(FAILING),
      emulator: '/nonexistent/qemu-system-x86_64',
    });
    const err = await started.result.catch((e: unknown) => e as Error);
    expect((err as Error).message).toMatch(/^Define VM failed: /);
    expect((await listAllDomains(conn.rpc)).some((d) => d.name === FAILING)).toBe(false);
    expect(existsSync(gen.localPath(`${pool.path}/${FAILING}.qcow2`))).toBe(false);
  });
});
