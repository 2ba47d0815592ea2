/**
 * Network and pool events over SSH on the real libvirtd: what virsh does behind the app's back
 * (net-define / start / destroy / undefine, pool-define-as / start / refresh / destroy / undefine)
 * arrives as events naming the object; after the returned deregister nothing more arrives.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  subscribeResourceEvents,
  type ResourceEvent,
} from '../../../src/main/libvirt/resourceEvents';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { waitFor } from '../../support/waitFor';
import { freeSubnet, natNetworkXml, removeHost2Leftovers, virsh } from './hostFixtures';

describe('network and pool events over SSH', () => {
  let host: Host;
  let conn: LibvirtConnection;
  const net = 'vdk-host2-events';
  const pool = 'vdk-host2-events-pool';
  const dir = `/tmp/${pool}`;

  beforeAll(async () => {
    removeHost2Leftovers();
    rmSync(dir, { recursive: true, force: true });
    host = sshHostFor(loadTestHost(), loadTestHost().user);
    conn = await LibvirtConnection.open(host, 'qemu:///system');
  });

  afterAll(async () => {
    removeHost2Leftovers();
    rmSync(dir, { recursive: true, force: true });
    await conn?.close();
    await host?.close();
  });

  it('reports virsh net-* and pool-* as they happen, and stops after deregistering', async () => {
    const seen: ResourceEvent[] = [];
    const stop = await subscribeResourceEvents(conn.rpc, (e) => seen.push(e));
    const wait = (kind: string, name: string, event: string) =>
      waitFor(`${kind} ${name} ${event}`, () =>
        seen.some((e) => e.kind === kind && e.name === name && e.event === event),
      );

    const file = `/tmp/${net}.xml`;
    writeFileSync(file, natNetworkXml(net, freeSubnet()));
    virsh('net-define', file);
    rmSync(file);
    await wait('network', net, 'defined');
    virsh('net-start', net);
    await wait('network', net, 'started');
    virsh('net-destroy', net);
    await wait('network', net, 'stopped');
    virsh('net-undefine', net);
    await wait('network', net, 'undefined');

    mkdirSync(dir, { recursive: true });
    virsh('pool-define-as', pool, 'dir', '--target', dir);
    await wait('pool', pool, 'defined');
    virsh('pool-start', pool);
    await wait('pool', pool, 'started');
    virsh('pool-refresh', pool);
    await wait('pool', pool, 'refreshed');
    virsh('pool-destroy', pool);
    await wait('pool', pool, 'stopped');

    await stop();
    const count = seen.length;
    virsh('pool-undefine', pool);
    // The undefine's event would come within milliseconds; a ping round trip after it proves
    // the connection has delivered everything sent before.
    await conn.hostname();
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.length).toBe(count);
    // Only the objects touched here (other engineers' objects may change meanwhile).
    const mine = seen.filter((e) => e.name === net || e.name === pool).map((e) => e.event);
    expect(mine).toEqual([
      'defined',
      'started',
      'stopped',
      'undefined',
      'defined',
      'started',
      'refreshed',
      'stopped',
    ]);
  });
});
