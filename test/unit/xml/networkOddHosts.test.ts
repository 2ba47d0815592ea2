/**
 * A network edit checks what it changes, never the parts it leaves alone: on a network libvirt
 * accepted with a static DHCP host outside its subnet, the address, range and host edits work
 * and keep that host; what the edit itself brings in is still checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setNetworkIp } from '../../../src/main/xml/edits/network/ipAddress';
import { setNetworkDhcpRange } from '../../../src/main/xml/edits/network/dhcpRange';
import { setNetworkDhcpHosts } from '../../../src/main/xml/edits/network/dhcpHosts';
import { setNetworkIpv6DhcpHosts } from '../../../src/main/xml/edits/network/ipv6Dhcp';
import { changesOutsideScope, diffXml } from '../../../src/main/xml/canonicalDiff';
import { readNetworkXml } from '../../../src/main/xml/networkXml';
import { InvalidInputError } from '../../../src/shared/errors';
import { XML_FIXTURES } from '../../support/xmlFixtures';

const ODD = readFileSync(join(XML_FIXTURES, 'network/odd-dhcp-hosts.xml'), 'utf8');
const INSIDE = { mac: '52:54:00:7d:77:01', name: 'inside', ip: '10.249.77.10' };
const OUTSIDE = { mac: '52:54:00:7d:77:02', name: 'outside', ip: '10.250.1.5' };

/** The edit changed nothing but `scope`, and both odd hosts are still there. */
function onlyIn(after: string, scope: string[]): void {
  expect(changesOutsideScope(diffXml(ODD, after), scope)).toEqual([]);
  const hosts = readNetworkXml(after).ips.flatMap((ip) => ip.hosts);
  expect(hosts).toContainEqual(OUTSIDE);
  expect(hosts).toContainEqual({ id: '0:3:0:1:52:54:0:7d:77:3', ip: 'fd00:99::5' });
}

function fieldOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidInputError) return Object.keys(err.fields);
    throw err;
  }
  throw new Error('the edit did not refuse');
}

describe('edits of a network with a DHCP host outside its subnet', () => {
  it('widen or narrow the subnet around what it serves', () => {
    const wider = setNetworkIp(ODD, { family: 'ipv4', address: '10.249.77.1', prefix: 23 });
    onlyIn(wider, ['network/ip/@netmask']);
    expect(readNetworkXml(wider).ips[0]?.prefix).toBe(23);
    const v6 = setNetworkIp(ODD, { family: 'ipv6', address: 'fd00:77::1', prefix: 63 });
    onlyIn(v6, ['network/ip/@prefix']);
  });

  it('still refuse a subnet that would leave out a range or host that was inside', () => {
    expect(
      fieldOf(() => setNetworkIp(ODD, { family: 'ipv4', address: '10.249.77.1', prefix: 27 })),
    ).toEqual(['address']);
    expect(
      fieldOf(() => setNetworkIp(ODD, { family: 'ipv4', address: '10.249.78.1', prefix: 24 })),
    ).toEqual(['address']);
  });

  it('change the DHCP range', () => {
    const after = setNetworkDhcpRange(ODD, {
      range: { start: '10.249.77.50', end: '10.249.77.60' },
    });
    onlyIn(after, ['network/ip/dhcp/range']);
  });

  it('add and remove static hosts, keeping the odd one as it is', () => {
    const added = setNetworkDhcpHosts(ODD, {
      hosts: [INSIDE, OUTSIDE, { mac: '52:54:00:7d:77:09', ip: '10.249.77.9', name: 'new' }],
    });
    onlyIn(added, ['network/ip/dhcp/host']);
    expect(added).toContain('ip="10.249.77.9"');
    const fewer = setNetworkDhcpHosts(ODD, { hosts: [OUTSIDE] });
    onlyIn(fewer, ['network/ip/dhcp/host']);
    expect(fewer).not.toContain("name='inside'");
    expect(fewer).not.toContain('name="inside"');
    const v6 = setNetworkIpv6DhcpHosts(ODD, {
      hosts: [
        { id: '0:3:0:1:52:54:0:7d:77:3', ip: 'fd00:99::5' },
        { name: 'new6', ip: 'fd00:77::9' },
      ],
    });
    onlyIn(v6, ['network/ip/dhcp/host']);
    expect(v6).toContain('ip="fd00:77::9"');
  });

  it('still check the hosts they add, against the odd one too', () => {
    const add = (h: { mac?: string; ip: string; name?: string }) => () =>
      setNetworkDhcpHosts(ODD, { hosts: [INSIDE, OUTSIDE, h] });
    expect(fieldOf(add({ mac: '52:54:00:7d:77:09', ip: '10.250.1.6' }))).toEqual([
      'ipv4.hosts.2.ip',
    ]);
    expect(fieldOf(add({ mac: '52:54:00:7d:77:09', ip: '10.250.1.5' }))).toEqual([
      'ipv4.hosts.2.ip',
    ]);
    expect(fieldOf(add({ mac: '52:54:00:7d:77:02', ip: '10.249.77.11' }))).toEqual([
      'ipv4.hosts.2',
    ]);
    // The odd host changed (a new name) is a new entry: checked like any other.
    const renamed = () => setNetworkDhcpHosts(ODD, { hosts: [{ ...OUTSIDE, name: 'moved' }] });
    expect(fieldOf(renamed)).toEqual(['ipv4.hosts.0.ip']);
  });
});
