/**
 * The rest of the libvirt object modules against the real daemon, once per transport: host facts,
 * a virtual network's life, a volume cloned and resized, and snapshots of a real QEMU domain.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineDomain, undefineDomain } from '../../../src/main/libvirt/domain';
import {
  defineNetwork,
  getNetworkAutostart,
  getNetworkXml,
  isNetworkActive,
  isNetworkPersistent,
  listAllNetworks,
  setNetworkAutostart,
  startNetwork,
  stopNetwork,
  undefineNetwork,
} from '../../../src/main/libvirt/network';
import {
  createSnapshot,
  currentSnapshot,
  deleteSnapshot,
  getSnapshotXml,
  listSnapshots,
  lookupSnapshot,
  revertToSnapshot,
} from '../../../src/main/libvirt/snapshot';
import { getPoolInfo, getPoolXml, refreshPool } from '../../../src/main/libvirt/storagePool';
import {
  createVolumeFrom,
  getVolumeInfo,
  lookupVolumeByName,
  lookupVolumeByPath,
  resizeVolume,
} from '../../../src/main/libvirt/storageVolume';
import {
  createQcow2,
  tcgDomainXml,
  uploadTinyIso,
  xmlEscape,
  qemuWithTempPool,
} from '../../support/libvirtFixtures';
import { transports } from '../../support/transports';
import {
  virDomainSnapshotDeleteFlags,
  virDomainUndefineFlagsValues,
} from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

describe.each(transports())('host objects over $name', (transport) => {
  const session = qemuWithTempPool(transport);

  it('reports the host: versions, node info, CPU and memory stats, capabilities', async () => {
    const { conn } = session;
    const versions = await conn.versions();
    expect(versions.hypervisorType).toBe('QEMU');
    expect(versions.hypervisorVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const node = await conn.nodeInfo();
    expect(node.cpus).toBeGreaterThan(0);
    expect(node.memoryKiB).toBeGreaterThan(0);
    expect(node.cpuModel).toBe('x86_64');
    const cpu = await conn.nodeCpuStats();
    expect(cpu.idle).toBeGreaterThan(0);
    expect(Object.keys(cpu)).toEqual(expect.arrayContaining(['kernel', 'user', 'idle']));
    const memory = await conn.nodeMemoryStats();
    // The test host is this machine: libvirt's figure is the kernel's.
    const memTotal = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
    expect(memory.total).toBe(memTotal);
    expect(await conn.capabilitiesXml()).toContain('<arch>x86_64</arch>');
    expect(await conn.domainCapabilitiesXml({ virtType: 'qemu' })).toContain(
      '<domainCapabilities>',
    );
    expect((await conn.hostname()).length).toBeGreaterThan(0);
  });

  it('defines, starts, stops and undefines an isolated network', async () => {
    const { conn } = session;
    const name = `vd-net-${randomBytes(3).toString('hex')}`;
    const net = await defineNetwork(
      conn.rpc,
      `<network><name>${name}</name><bridge name='${name}'/></network>`,
    );
    try {
      expect((await listAllNetworks(conn.rpc)).map((n) => n.name)).toContain(name);
      expect(await isNetworkPersistent(conn.rpc, net)).toBe(true);
      await startNetwork(conn.rpc, net);
      expect(await isNetworkActive(conn.rpc, net)).toBe(true);
      await setNetworkAutostart(conn.rpc, net, true);
      expect(await getNetworkAutostart(conn.rpc, net)).toBe(true);
      expect(await getNetworkXml(conn.rpc, net)).toContain(`<bridge name='${name}'`);
      await stopNetwork(conn.rpc, net);
      expect(await isNetworkActive(conn.rpc, net)).toBe(false);
    } finally {
      await stopNetwork(conn.rpc, net).catch(() => {});
      await undefineNetwork(conn.rpc, net);
    }
    expect((await listAllNetworks(conn.rpc)).map((n) => n.name)).not.toContain(name);
  });

  it('clones and grows a volume', async () => {
    const { conn, pool } = session;
    const source = await createQcow2(conn.rpc, pool.pool, 'source disk.qcow2', 16);
    const clone = await createVolumeFrom(
      conn.rpc,
      pool.pool,
      `<volume><name>${xmlEscape('clone ü.qcow2')}</name><capacity unit='MiB'>16</capacity>` +
        `<target><format type='qcow2'/></target></volume>`,
      source.vol,
    );
    await resizeVolume(conn.rpc, clone, 32 << 20);
    expect((await getVolumeInfo(conn.rpc, clone)).capacity).toBe(32 << 20);
    const byName = await lookupVolumeByName(conn.rpc, pool.pool, 'clone ü.qcow2');
    expect(byName.key).toBe(clone.key);
    expect((await lookupVolumeByPath(conn.rpc, source.path)).name).toBe('source disk.qcow2');
    await refreshPool(conn.rpc, pool.pool);
    expect((await getPoolInfo(conn.rpc, pool.pool)).state).toBe('running');
    expect(await getPoolXml(conn.rpc, pool.pool)).toContain(pool.path);
  });

  it('creates, lists, reverts to and deletes snapshots of a shut-off guest', async () => {
    const { conn, pool } = session;
    const name = `vd-snap-${randomBytes(3).toString('hex')}`;
    const disk = await createQcow2(conn.rpc, pool.pool, `${name}.qcow2`);
    const iso = await uploadTinyIso(conn.rpc, pool.pool, `${name}.iso`);
    const dom = await defineDomain(conn.rpc, tcgDomainXml(name, disk.path, iso.path));
    try {
      const first = await createSnapshot(
        conn.rpc,
        dom,
        `<domainsnapshot><name>before "update"</name><description>ü</description></domainsnapshot>`,
      );
      expect(first.name).toBe('before "update"');
      await createSnapshot(conn.rpc, dom, `<domainsnapshot><name>after</name></domainsnapshot>`);
      expect((await listSnapshots(conn.rpc, dom)).map((s) => s.name).sort()).toEqual([
        'after',
        'before "update"',
      ]);
      expect((await currentSnapshot(conn.rpc, dom)).name).toBe('after');
      await revertToSnapshot(conn.rpc, await lookupSnapshot(conn.rpc, dom, 'before "update"'));
      expect((await currentSnapshot(conn.rpc, dom)).name).toBe('before "update"');
      expect(await getSnapshotXml(conn.rpc, first)).toContain('<description>ü</description>');
      // 'after' was taken from 'before "update"': deleting that one with its children takes both.
      const children = virDomainSnapshotDeleteFlags.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
      await deleteSnapshot(conn.rpc, first, children);
      expect(await listSnapshots(conn.rpc, dom)).toEqual([]);
    } finally {
      await undefineDomain(
        conn.rpc,
        dom,
        virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
      );
    }
  });
});
