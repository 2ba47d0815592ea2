/**
 * The create service against the real libvirtd: a VM from an ISO in a pool (what libvirt then
 * holds: memory, vCPUs, a qcow2 disk of the chosen size in the pool, the network, install-time
 * boot from the CD-ROM and post-install boot from the disk), from an existing volume, the checks
 * made before anything exists, and rollback when the disk or the definition fails: nothing is
 * left, as libvirt and the file system show.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/api/types';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import { JobRunner } from '../../../src/main/api/jobs';
import { InvalidInputError } from '../../../src/shared/errors';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  destroyDomain,
  getDomainXml,
  listAllDomains,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import {
  defineNetwork,
  startNetwork,
  stopNetwork,
  undefineNetwork,
  lookupNetworkByName,
} from '../../../src/main/libvirt/network';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  startPool,
  stopPool,
  undefinePool,
} from '../../../src/main/libvirt/storagePool';
import type { StoragePoolRef } from '../../../src/main/libvirt/refs';
import {
  deleteVolume,
  getVolumeInfo,
  listVolumes,
  lookupVolumeByPath,
} from '../../../src/main/libvirt/storageVolume';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { createQcow2, uploadTinyIso } from '../../support/libvirtFixtures';
import { inLibvirtdMountNamespace } from '../../support/libvirtd';
import type { Element } from '@xmldom/xmldom';
import {
  virDomainUndefineFlagsValues,
  virDomainXMLFlags,
} from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const tag = randomBytes(3).toString('hex');
const host = new LocalHost();
let conn: LibvirtConnection;
let pool: { pool: StoragePoolRef; path: string };
let isoPath: string;
const NET = `vdk-wizard-net-${tag}`;
const events: JobProgress[] = [];
const jobs = new JobRunner((e) => events.push(e));

function options(name: string, extra: Partial<NewVmOptions> = {}): NewVmOptions {
  return {
    connectionId: 'local',
    name,
    osId: 'debian11',
    source: { kind: 'iso', path: isoPath },
    memoryMiB: 256,
    vcpus: 1,
    disk: { kind: 'new', pool: pool.pool.name, sizeGiB: 1 },
    network: { kind: 'network', name: NET },
    ...extra,
  };
}

async function removeVm(name: string): Promise<void> {
  for (const dom of await listAllDomains(conn.rpc)) {
    if (dom.name !== name) continue;
    await destroyDomain(conn.rpc, dom).catch(() => {});
    await undefineDomain(
      conn.rpc,
      dom,
      virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM,
    ).catch(() => {});
  }
}

beforeAll(async () => {
  conn = await LibvirtConnection.open(host, 'qemu:///system');
  // A pool of our own (virtdeck-test-* pools are removed by other tests' leftover cleanup).
  const poolName = `vdk-wizard-pool-${tag}`;
  const path = `/var/lib/libvirt/images/${poolName}`;
  const ref = await definePool(
    conn.rpc,
    `<pool type='dir'><name>${poolName}</name><target><path>${path}</path></target></pool>`,
  );
  await buildPool(conn.rpc, ref);
  await startPool(conn.rpc, ref);
  pool = { pool: ref, path };
  isoPath = (await uploadTinyIso(conn.rpc, pool.pool, 'install.iso')).path;
  // An isolated network of our own (no NAT rules to add or clean up), on a range of our own.
  const net = await defineNetwork(
    conn.rpc,
    `<network><name>${NET}</name><ip address='10.231.${Math.floor(Math.random() * 200) + 20}.1' netmask='255.255.255.0'/></network>`,
  );
  await startNetwork(conn.rpc, net);
});

afterAll(async () => {
  for (const dom of await listAllDomains(conn.rpc)) {
    if (dom.name.startsWith('vdk-wizard-')) await removeVm(dom.name);
  }
  for (const vol of await listVolumes(conn.rpc, pool.pool)) await deleteVolume(conn.rpc, vol);
  await stopPool(conn.rpc, pool.pool);
  await deletePoolStorage(conn.rpc, pool.pool);
  await undefinePool(conn.rpc, pool.pool);
  const net = await lookupNetworkByName(conn.rpc, NET).catch(() => null);
  if (net) {
    await stopNetwork(conn.rpc, net).catch(() => {});
    await undefineNetwork(conn.rpc, net);
  }
  await conn.close();
  await host.close();
});

function devices(xml: string): Element {
  return firstChild(parseXml(xml).documentElement as Element, 'devices') as Element;
}

function bootDevs(xml: string): string[] {
  const os = firstChild(parseXml(xml).documentElement as Element, 'os') as Element;
  return childElements(os, 'boot').map((b) => attribute(b, 'dev') ?? '');
}

describe('create a VM', () => {
  it('from an ISO in a pool: libvirt holds the chosen memory, vCPUs, disk and network', async () => {
    const name = `vdk-wizard-iso ${tag} "quoted" $(x); ünï`;
    const started = await startCreateVm(host, conn.rpc, jobs, options(name));
    await started.result;
    const steps = events
      .filter((e) => e.jobId === started.jobId && e.step !== undefined)
      .map((e) => e.step);
    expect([...new Set(steps)]).toEqual(['Check', 'Create disk', 'Define VM', 'Start install']);

    const dom = (await listAllDomains(conn.rpc)).find((d) => d.name === name);
    expect(dom).toBeDefined();
    const live = await getDomainXml(conn.rpc, dom!);
    const saved = await getDomainXml(conn.rpc, dom!, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    const root = parseXml(saved).documentElement as Element;
    expect(firstChild(root, 'name')?.textContent).toBe(name);
    expect(Number(firstChild(root, 'memory')?.textContent)).toBe(256 * 1024);
    expect(Number(firstChild(root, 'vcpu')?.textContent)).toBe(1);
    // The install runs from the CD-ROM; the next start boots the disk.
    expect(bootDevs(live)).toEqual(['cdrom', 'hd']);
    expect(bootDevs(saved)).toEqual(['hd']);

    const disk = childElements(devices(saved), 'disk').find(
      (d) => attribute(d, 'device') === 'disk',
    )!;
    expect(attribute(firstChild(disk, 'driver'), 'type')).toBe('qcow2');
    const diskPath = attribute(firstChild(disk, 'source'), 'file')!;
    expect(diskPath.startsWith(`${pool.path}/`)).toBe(true);
    const vol = await lookupVolumeByPath(conn.rpc, diskPath);
    expect((await getVolumeInfo(conn.rpc, vol)).capacity).toBe(1024 ** 3);
    const nic = firstChild(devices(saved), 'interface')!;
    expect(attribute(firstChild(nic, 'source'), 'network')).toBe(NET);
    expect(attribute(firstChild(nic, 'model'), 'type')).toBe('virtio');

    await removeVm(name);
    await deleteVolume(conn.rpc, vol);
  });

  it('from an existing volume, without a new disk', async () => {
    const { path } = await createQcow2(conn.rpc, pool.pool, `vdk-wizard-existing-${tag}.qcow2`, 32);
    const name = `vdk-wizard-existing-${tag}`;
    const started = await startCreateVm(
      host,
      conn.rpc,
      jobs,
      options(name, { disk: { kind: 'existing', path }, customize: true }),
    );
    await started.result;
    const dom = (await listAllDomains(conn.rpc)).find((d) => d.name === name)!;
    const saved = await getDomainXml(conn.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    const sources = childElements(devices(saved), 'disk').map((d) =>
      attribute(firstChild(d, 'source'), 'file'),
    );
    expect(sources).toEqual([path, isoPath]);
    // Customize: defined, not started; the disk first, the media while the disk is empty.
    expect(bootDevs(saved)).toEqual(['hd', 'cdrom']);
    await removeVm(name);
  });
});

describe('bad input is refused before anything is created', () => {
  it('names each field on its page', async () => {
    const notIso = `${pool.path}/vdk-wizard-not-an-iso.txt`;
    writeFileSync(notIso, 'hello'.repeat(10_000));
    const before = (await listVolumes(conn.rpc, pool.pool)).length;
    const err = await startCreateVm(host, conn.rpc, jobs, {
      ...options('vdk-wizard-bad'),
      source: { kind: 'iso', path: notIso },
      memoryMiB: 1024 * 1024 * 1024,
      disk: { kind: 'new', pool: pool.pool.name, sizeGiB: 1024 * 1024 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    const fields = (err as InvalidInputError).fields;
    expect(fields['source.path']).toMatch(/not an ISO/);
    expect(fields['resources.memoryMiB']).toMatch(/more than the host/);
    expect(fields['storage.sizeGiB']).toMatch(/more than the .* free in pool/);
    rmSync(notIso);
    expect((await listVolumes(conn.rpc, pool.pool)).length).toBe(before);
    expect((await listAllDomains(conn.rpc)).some((d) => d.name === 'vdk-wizard-bad')).toBe(false);
  });

  it('a name already used and a pool that is not active', async () => {
    const name = `vdk-wizard-taken-${tag}`;
    await (
      await startCreateVm(host, conn.rpc, jobs, options(name, { customize: true }))
    ).result;
    const off = await definePool(
      conn.rpc,
      `<pool type='dir'><name>vdk-wizard-off-${tag}</name><target><path>/var/lib/libvirt/images</path></target></pool>`,
    );
    const err = (await startCreateVm(
      host,
      conn.rpc,
      jobs,
      options(name, { disk: { kind: 'new', pool: off.name, sizeGiB: 1 } }),
    ).catch((e: unknown) => e)) as InvalidInputError;
    await undefinePool(conn.rpc, off);
    expect(err.fields['name.name']).toMatch(/already exists/);
    expect(err.fields['storage.pool']).toMatch(/not active/);
    await removeVm(name);
    for (const vol of await listVolumes(conn.rpc, pool.pool)) {
      if (vol.name.startsWith(name)) await deleteVolume(conn.rpc, vol);
    }
  });
});

describe('rollback', () => {
  it('when the definition fails (an emulator that does not exist): the new disk is removed', async () => {
    const name = `vdk-wizard-rollback-define-${tag}`;
    const started = await startCreateVm(host, conn.rpc, jobs, {
      ...options(name),
      emulator: '/nonexistent/qemu-system-x86_64',
    });
    const err = await started.result.catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^Define VM failed: /);
    const last = events.filter((e) => e.jobId === started.jobId).at(-1);
    expect(last).toMatchObject({ phase: 'failed', step: 'Define VM' });
    expect((await listAllDomains(conn.rpc)).some((d) => d.name === name)).toBe(false);
    expect((await listVolumes(conn.rpc, pool.pool)).map((v) => v.name)).not.toContain(
      `${name}.qcow2`,
    );
    expect(existsSync(`${pool.path}/${name}.qcow2`)).toBe(false);
  });

  it('when the disk cannot be created (a read-only pool): no domain, no file', async () => {
    const dir = mkdtempSync('/tmp/vdk-wizard-ro-');
    // The mounts are made where libvirtd sees them (its own mount namespace, see up.sh).
    inLibvirtdMountNamespace(['mount', '-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir]);
    const ro = await definePool(
      conn.rpc,
      `<pool type='dir'><name>vdk-wizard-ro-${tag}</name><target><path>${dir}</path></target></pool>`,
    );
    try {
      await buildPool(conn.rpc, ro).catch(() => {});
      await startPool(conn.rpc, ro);
      inLibvirtdMountNamespace(['mount', '-o', 'remount,ro', dir]);
      const name = `vdk-wizard-rollback-disk-${tag}`;
      const started = await startCreateVm(
        host,
        conn.rpc,
        jobs,
        options(name, { disk: { kind: 'new', pool: ro.name, sizeGiB: 0.01 } }),
      );
      const err = await started.result.catch((e: unknown) => e as Error);
      expect((err as Error).message).toMatch(/^Create disk failed: /);
      expect((await listAllDomains(conn.rpc)).some((d) => d.name === name)).toBe(false);
      expect(await listVolumes(conn.rpc, ro)).toEqual([]);
      expect(inLibvirtdMountNamespace(['ls', '-A', dir])).toBe('');
    } finally {
      await stopPool(conn.rpc, ro).catch(() => {});
      await undefinePool(conn.rpc, ro);
      inLibvirtdMountNamespace(['umount', dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
