/**
 * A network libvirt defined with a static DHCP host outside its subnet (IPv4 and IPv6) is edited
 * through the service on the real libvirtd: the DHCP range, the host list and the IPv6 subnet
 * change, and the odd hosts stay as they were (before, each edit but the range refused them).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { defineNetwork, listAllNetworks, undefineNetwork } from '../../../src/main/libvirt/network';
import { editNetwork } from '../../../src/main/services/networks/networkEdit';
import { readNetworkXml } from '../../../src/main/xml/networkXml';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';

/** Not vdk-net-*: the network tests' leftover sweep must not take it from under this file. */
const NAME = 'vdk-xmlscope-odd-hosts';
const ODD_V4 = { mac: '52:54:00:7d:77:02', name: 'outside', ip: '10.250.1.5' };
const ODD_V6 = { id: '0:3:0:1:52:54:0:7d:77:3', ip: 'fd00:99::5' };

function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-c', 'qemu:///system', ...args]).toString();
}

/** The fixture with its own name, no fixed UUID or bridge (libvirt picks free ones). */
function oddXml(): string {
  return readFileSync(join(process.cwd(), 'test/fixtures/xml/network/odd-dhcp-hosts.xml'), 'utf8')
    .replace(/<name>[^<]*<\/name>/, `<name>${NAME}</name>`)
    .replace(/\s*<uuid>[^<]*<\/uuid>/, '')
    .replace(/\s*<bridge [^>]*\/>/, '');
}

function hosts(): { v4: unknown[]; v6: unknown[] } {
  const ips = readNetworkXml(virsh('net-dumpxml', '--inactive', NAME)).ips;
  return {
    v4: ips.find((ip) => ip.family === 'ipv4')?.hosts ?? [],
    v6: ips.find((ip) => ip.family === 'ipv6')?.hosts ?? [],
  };
}

describe('editing a network whose static DHCP hosts lie outside its subnets', () => {
  let host: Host;
  let conn: LibvirtConnection;

  const removeOwn = async () => {
    for (const net of await listAllNetworks(conn.rpc)) {
      if (net.name === NAME) await undefineNetwork(conn.rpc, net);
    }
  };

  beforeAll(async () => {
    host = sshHostFor(loadTestHost(), loadTestHost().user);
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeOwn();
    await defineNetwork(conn.rpc, oddXml());
  });

  afterAll(async () => {
    if (conn) await removeOwn();
    await conn?.close();
    await host?.close();
  });

  it('is a definition libvirt took as it is', () => {
    expect(hosts().v4).toContainEqual(ODD_V4);
    expect(hosts().v6).toContainEqual(ODD_V6);
  });

  it('changes the DHCP range', async () => {
    await editNetwork(conn.rpc, NAME, {
      ipv4Range: { start: '10.249.77.50', end: '10.249.77.60' },
    });
    expect(virsh('net-dumpxml', '--inactive', NAME)).toContain(
      "<range start='10.249.77.50' end='10.249.77.60'/>",
    );
    expect(hosts().v4).toContainEqual(ODD_V4);
  });

  it('adds a static host next to the odd one', async () => {
    const added = { mac: '52:54:00:7d:77:09', name: 'added', ip: '10.249.77.9' };
    await editNetwork(conn.rpc, NAME, {
      ipv4Hosts: [{ mac: '52:54:00:7d:77:01', name: 'inside', ip: '10.249.77.10' }, ODD_V4, added],
    });
    expect(hosts().v4).toEqual([
      { mac: '52:54:00:7d:77:01', name: 'inside', ip: '10.249.77.10' },
      ODD_V4,
      added,
    ]);
  });

  it('widens the IPv6 subnet and adds a DHCPv6 host', async () => {
    await editNetwork(conn.rpc, NAME, {
      ipv6: { address: 'fd00:77::1', prefix: 63 },
      ipv6Hosts: [ODD_V6, { name: 'added6', ip: 'fd00:77::9' }],
    });
    expect(virsh('net-dumpxml', '--inactive', NAME)).toContain(
      "<ip family='ipv6' address='fd00:77::1' prefix='63'>",
    );
    expect(hosts().v6).toEqual([ODD_V6, { name: 'added6', ip: 'fd00:77::9' }]);
    expect(hosts().v4).toContainEqual(ODD_V4);
  });
});
