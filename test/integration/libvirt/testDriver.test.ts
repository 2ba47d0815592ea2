/**
 * libvirt's test driver through the real daemon, once per transport: the fake host's domains,
 * host facts and bulk stats, and the clear errors for URIs the app does not know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  getDomainInfo,
  listAllDomains,
  lookupDomainByName,
} from '../../../src/main/libvirt/domain';
import { getAllDomainStats } from '../../../src/main/libvirt/domainStats';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { completeVmSummaries, firstVmSummaries } from '../../../src/main/services/vmInventory';
import type { VmSummary } from '../../../src/shared/api/types';
import { VirtdeckError } from '../../../src/shared/errors';
import { transports } from '../../support/transports';
import { virDomainStatsTypes } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

describe.each(transports())('test:///default over $name', (transport) => {
  let host: Host;
  let conn: LibvirtConnection;

  beforeAll(async () => {
    host = transport.makeHost();
    conn = await LibvirtConnection.open(host, 'test:///default');
  });
  afterAll(async () => {
    await conn?.close();
    await host?.close();
  });

  it('lists the fake host’s domain with its state', async () => {
    const domains = await listAllDomains(conn.rpc);
    expect(domains.map((d) => d.name)).toEqual(['test']);
    const [test] = domains;
    expect(uuidToString(test!.uuid)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const info = await getDomainInfo(conn.rpc, test!);
    expect(info.state).toBe('running');
    expect(info.vcpus).toBeGreaterThan(0);
  });

  it('answers host questions and bulk stats', async () => {
    const versions = await conn.versions();
    expect(versions.hypervisorType).toBe('TEST');
    expect(versions.libvirtVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await conn.nodeInfo()).cpus).toBeGreaterThan(0);
    expect(await conn.capabilitiesXml()).toContain('<capabilities>');
    const stats = await getAllDomainStats(
      conn.rpc,
      virDomainStatsTypes.VIR_DOMAIN_STATS_STATE | virDomainStatsTypes.VIR_DOMAIN_STATS_CPU_TOTAL,
    );
    expect(stats).toHaveLength(1);
    expect(stats[0]!.values['state.state']).toBe(1);
  });

  it('lists first from bulk calls, sizes pending where the driver’s bulk stats lack them', async () => {
    const [first] = await firstVmSummaries(conn.rpc, 'c', 'test');
    // This driver's bulk stats carry the state only: vcpus and memory come per VM afterwards.
    expect(first).toMatchObject({ name: 'test', state: 'running', pending: 'sizes' });
    const batches: VmSummary[][] = [];
    const [whole] = await completeVmSummaries(conn.rpc, [first!], (rows) => batches.push(rows));
    const info = await getDomainInfo(conn.rpc, (await listAllDomains(conn.rpc))[0]!);
    expect(whole).toMatchObject({
      name: 'test',
      vcpus: info.vcpus,
      memoryKiB: info.memoryKiB,
      maxMemoryKiB: info.maxMemKiB,
      tags: [],
      template: false,
    });
    expect(whole).not.toHaveProperty('pending');
    expect(batches).toEqual([[whole]]);
  });

  it('turns a missing domain into libvirt’s own error, coded not-found', async () => {
    const err = await lookupDomainByName(conn.rpc, 'no such vm').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VirtdeckError);
    // libvirt's "no such domain, network, pool or volume" is one not-found for the app.
    expect((err as VirtdeckError).code).toBe('not-found');
    expect((err as Error).message).toMatch(/not found/i);
  });
});

describe('URIs the app does not know', () => {
  it.each(['vbox:///session', 'qemu+tls://host/system', 'qemu:///nonsense', 'not a uri'])(
    'rejects %s before connecting',
    async (uri) => {
      let connected = false;
      const host = {
        label: 'never',
        connect: () => {
          connected = true;
          return Promise.resolve();
        },
      } as unknown as Host;
      const err = await LibvirtConnection.open(host, uri).catch((e: unknown) => e);
      expect((err as VirtdeckError).code).toBe('invalid-input');
      expect(connected).toBe(false);
    },
  );
});
