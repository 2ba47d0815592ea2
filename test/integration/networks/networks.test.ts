/**
 * Virtual networks over SSH on the real libvirtd: a NAT network with a DHCP range is created,
 * started, and a real guest (iPXE in QEMU's NIC ROM) gets a lease that names the guest; an edit
 * changes only the edited nodes of the definition and reaches the running network; bad input is
 * refused with the field at fault and leaves nothing defined; delete stops and undefines.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { createTransientDomain } from '../../../src/main/libvirt/domain';
import { listHostInterfaces } from '../../../src/main/services/host/hostInterfaces';
import { networkLeases } from '../../../src/main/services/networks/dhcpLeases';
import { deleteNetworkByName } from '../../../src/main/services/networks/networkActions';
import { createNetwork } from '../../../src/main/services/networks/networkCreate';
import { editNetwork } from '../../../src/main/services/networks/networkEdit';
import { listNetworks } from '../../../src/main/services/networks/networkList';
import { InvalidInputError } from '../../../src/shared/errors';
import type { NetworkSpec } from '../../../src/shared/api/networkTypes';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { freeSubnet, pxeGuestXml, removeNetworkLeftovers } from './networkFixtures';

function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-c', 'qemu:///system', ...args]).toString();
}

function netNames(): string[] {
  return virsh('net-list', '--all', '--name')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The fields of the InvalidInputError `run` throws (fails the test when it does not throw). */
async function fieldErrors(run: () => Promise<unknown>): Promise<Record<string, string>> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidInputError);
  return (err as InvalidInputError).fields;
}

describe('virtual networks over SSH on qemu:///system', () => {
  let host: Host;
  let conn: LibvirtConnection;
  let subnet: string;
  const name = `vdk-net-nat 'ü' $(x);`;
  const vmName = 'vdk-net-guest';
  const mac = '52:54:00:7d:31:01';

  beforeAll(async () => {
    host = sshHostFor(loadTestHost(), loadTestHost().user);
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeNetworkLeftovers(conn.rpc);
    subnet = await freeSubnet(conn.rpc);
  });

  afterAll(async () => {
    if (conn) await removeNetworkLeftovers(conn.rpc);
    await conn?.close();
    await host?.close();
  });

  const natSpec = (): NetworkSpec => ({
    name,
    mode: 'nat',
    ipv4: {
      address: `${subnet}.1`,
      prefix: 24,
      dhcpStart: `${subnet}.100`,
      dhcpEnd: `${subnet}.150`,
    },
    start: true,
  });

  it('creates and starts a NAT network with a DHCP range', async () => {
    const summary = await createNetwork(host, conn.rpc, natSpec());
    expect(summary).toMatchObject({ name, active: true, persistent: true, forwardMode: 'nat' });
    expect(summary.bridge).toMatch(/^virbr\d+$/);
    expect(summary.ips).toEqual([
      {
        family: 'ipv4',
        address: `${subnet}.1`,
        prefix: 24,
        dhcpRanges: [{ start: `${subnet}.100`, end: `${subnet}.150` }],
        hosts: [],
      },
    ]);
    // What the host itself says, behind the app's back.
    const xml = virsh('net-dumpxml', name);
    expect(xml).toContain("<forward mode='nat'>");
    expect(xml).toContain(`<range start='${subnet}.100' end='${subnet}.150'/>`);
    expect(virsh('net-info', name)).toMatch(/Active:\s+yes/);
    expect((await listNetworks(conn.rpc)).map((n) => n.name)).toContain(name);
  });

  it('a real guest on it gets a lease, joined with the guest name', async () => {
    await createTransientDomain(conn.rpc, pxeGuestXml(vmName, name, mac));
    let leases = await networkLeases(conn.rpc, name);
    for (let i = 0; i < 120 && leases.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      leases = await networkLeases(conn.rpc, name);
    }
    expect(leases).toHaveLength(1);
    const lease = leases[0];
    expect(lease?.mac).toBe(mac);
    expect(lease?.vm?.name).toBe(vmName);
    const last = Number(lease?.ip.split('.')[3]);
    expect(lease?.ip.startsWith(`${subnet}.`)).toBe(true);
    expect(last).toBeGreaterThanOrEqual(100);
    expect(last).toBeLessThanOrEqual(150);
    expect(virsh('net-dhcp-leases', name)).toContain(lease?.ip);
  });

  it('edits the range and static hosts: only those nodes change, live hosts too', async () => {
    const before = virsh('net-dumpxml', '--inactive', name);
    const result = await editNetwork(conn.rpc, name, {
      ipv4Range: { start: `${subnet}.110`, end: `${subnet}.160` },
      ipv4Hosts: [{ mac: '52:54:00:7D:31:02', ip: `${subnet}.20`, name: 'vdk-static' }],
    });
    expect(result.pendingRestart).toBe(false);
    const after = virsh('net-dumpxml', '--inactive', name);
    expect(after).toContain(`<range start='${subnet}.110' end='${subnet}.160'/>`);
    expect(after).toContain(`<host mac='52:54:00:7d:31:02' name='vdk-static' ip='${subnet}.20'/>`);
    // Everything outside <dhcp> is as it was.
    const outsideDhcp = (xml: string) => xml.replace(/<dhcp>[\s\S]*<\/dhcp>/, '');
    expect(outsideDhcp(after)).toBe(outsideDhcp(before));
    // The running network has the new host and range without a restart.
    const live = virsh('net-dumpxml', name);
    expect(live).toContain(`ip='${subnet}.20'`);
    expect(live).toContain(`<range start='${subnet}.110' end='${subnet}.160'/>`);

    // Removing the host again removes it from both.
    await editNetwork(conn.rpc, name, { ipv4Hosts: [] });
    expect(virsh('net-dumpxml', '--inactive', name)).not.toContain('vdk-static');
    expect(virsh('net-dumpxml', name)).not.toContain('vdk-static');
  });

  it('refuses overlapping subnets and bad DHCP ranges, defining nothing', async () => {
    const before = netNames();
    const overlap = await fieldErrors(() =>
      createNetwork(host, conn.rpc, {
        name: 'vdk-net-overlap',
        mode: 'nat',
        ipv4: { address: `${subnet}.129`, prefix: 25 },
      }),
    );
    expect(overlap['ipv4.address']).toBe(
      `${subnet}.128/25 overlaps network "${name}" (${subnet}.0/24)`,
    );

    const outside = await fieldErrors(() =>
      createNetwork(host, conn.rpc, {
        name: 'vdk-net-outside',
        mode: 'nat',
        ipv4: {
          address: '10.230.250.1',
          prefix: 24,
          dhcpStart: '10.230.251.10',
          dhcpEnd: '10.230.250.5',
        },
      }),
    );
    expect(outside['ipv4.dhcpStart']).toBe(
      'The range start 10.230.251.10 is outside the subnet 10.230.250.0/24',
    );

    const backwards = await fieldErrors(() =>
      createNetwork(host, conn.rpc, {
        name: 'vdk-net-backwards',
        mode: 'isolated',
        ipv4: {
          address: '10.230.250.1',
          prefix: 24,
          dhcpStart: '10.230.250.90',
          dhcpEnd: '10.230.250.10',
        },
      }),
    );
    expect(backwards['ipv4.dhcpEnd']).toBe(
      'The range ends (10.230.250.10) before it starts (10.230.250.90)',
    );

    // lo's 127.0.0.1/8 is on every host: a subnet inside it overlaps a host interface.
    const ifaces = await listHostInterfaces(host, conn.rpc);
    expect(ifaces.interfaces.map((i) => i.name)).toContain('lo');
    const onLo = await fieldErrors(() =>
      createNetwork(host, conn.rpc, {
        name: 'vdk-net-lo',
        mode: 'route',
        ipv4: { address: '127.77.0.1', prefix: 16 },
      }),
    );
    expect(onLo['ipv4.address']).toBe("127.77.0.0/16 overlaps lo's address 127.0.0.1/8");

    const dup = await fieldErrors(() =>
      createNetwork(host, conn.rpc, {
        ...natSpec(),
        ipv4: {
          address: '10.230.252.1',
          prefix: 24,
          hosts: [{ mac: 'zz:54:00:00:00:01', ip: '10.230.252.7' }],
        },
      }),
    );
    expect(dup.name).toBe(`A network named "${name}" already exists on this host`);
    expect(dup['ipv4.hosts.0.mac']).toBe(
      '"zz:54:00:00:00:01" is not a MAC address (aa:bb:cc:dd:ee:ff)',
    );

    const bridged = await fieldErrors(() =>
      createNetwork(host, conn.rpc, { name: 'vdk-net-br', mode: 'bridge', bridge: 'vdkbr-none' }),
    );
    expect(bridged.bridge).toBe('The host has no interface named vdkbr-none');

    expect(netNames()).toEqual(before);
  });

  it('deletes the network: stopped and undefined', async () => {
    virsh('destroy', vmName);
    await deleteNetworkByName(conn.rpc, name);
    expect(netNames()).not.toContain(name);
  });
});
