/**
 * The network XML edits change only what they edit: unknown elements, comments, attribute
 * order and the other <ip>s survive; new nodes take the document's indentation. Exact outputs are
 * the pairs in test/fixtures/xml/edits/network (see test/support/xmlFixtures.ts), all starting
 * from the same network.
 */
import { describe, expect, it } from 'vitest';
import { setNetworkDhcpHosts } from '../../../src/main/xml/edits/network/dhcpHosts';
import { setNetworkDhcpRange } from '../../../src/main/xml/edits/network/dhcpRange';
import { setNetworkForwardMode } from '../../../src/main/xml/edits/network/forwardMode';
import { buildNetworkXml, readNetworkXml } from '../../../src/main/xml/networkXml';
import { InvalidInputError } from '../../../src/shared/errors';
import { parseIpJson } from '../../../src/main/services/host/hostInterfaces';
import { expectMatchesFixture, fixture } from '../../support/xmlFixtures';

/** The input of pair `edits/network/<name>`. */
const input = (name: string) => fixture(`edits/network/${name}`);
/** `actual` is exactly the output of pair `edits/network/<name>`. */
const matches = (actual: string, name: string) =>
  expectMatchesFixture(actual, `edits/network/${name}`);
const XML = input('dhcp-range');

describe('network XML edits', () => {
  it('reads the network as the list shows it', () => {
    expect(readNetworkXml(XML)).toMatchObject({
      name: 'lab',
      forwardMode: 'nat',
      forwardDev: 'eth0',
      bridge: 'virbr9',
      ips: [
        {
          family: 'ipv4',
          address: '10.5.5.1',
          prefix: 24,
          dhcpRanges: [{ start: '10.5.5.100', end: '10.5.5.200' }],
        },
        { family: 'ipv6', address: 'fd00:5::1', prefix: 64, dhcpRanges: [], hosts: [] },
      ],
    });
  });

  it('changes the DHCP range in place, keeping its <lease> child', () => {
    matches(
      setNetworkDhcpRange(input('dhcp-range'), { range: { start: '10.5.5.50', end: '10.5.5.60' } }),
      'dhcp-range',
    );
  });

  it('refuses a range outside the subnet', () => {
    expect(() =>
      setNetworkDhcpRange(XML, { range: { start: '10.6.0.1', end: '10.5.5.9' } }),
    ).toThrow(InvalidInputError);
  });

  it('keeps matching hosts untouched, removes the others, appends new ones indented', () => {
    const out = setNetworkDhcpHosts(input('dhcp-hosts'), {
      hosts: [
        { mac: '52:54:00:00:00:02', name: 'b', ip: '10.5.5.11' },
        { mac: '52:54:00:00:00:03', ip: '10.5.5.12' },
      ],
    });
    matches(out, 'dhcp-hosts');
  });

  it('switches NAT to routed (dropping <nat>) and to isolated (dropping <forward>)', () => {
    matches(setNetworkForwardMode(input('forward-route'), { mode: 'route' }), 'forward-route');
    matches(
      setNetworkForwardMode(input('forward-isolated'), { mode: 'isolated' }),
      'forward-isolated',
    );
  });

  it('builds a bridge-mode network with the host bridge and no addresses', () => {
    // Inline: built from nothing, so there is no pair to diff.
    expect(buildNetworkXml({ name: 'lan', mode: 'bridge', bridge: 'br0' })).toBe(
      '<network>\n  <name>lan</name>\n  <forward mode="bridge"/>\n  <bridge name="br0"/>\n</network>',
    );
  });
});

describe('host interfaces from ip -j -d addr', () => {
  it('finds bridges, their members and addresses', () => {
    const list = parseIpJson(
      JSON.stringify([
        {
          ifname: 'lo',
          link_type: 'loopback',
          operstate: 'UNKNOWN',
          flags: ['UP'],
          addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }],
        },
        {
          ifname: 'br0',
          link_type: 'ether',
          address: 'aa:bb:cc:00:00:01',
          operstate: 'UP',
          linkinfo: { info_kind: 'bridge' },
          addr_info: [{ family: 'inet', local: '192.168.1.5', prefixlen: 24 }],
        },
        {
          ifname: 'eno1',
          link_type: 'ether',
          address: 'aa:bb:cc:00:00:02',
          operstate: 'UP',
          master: 'br0',
          addr_info: [],
        },
      ]),
    );
    expect(list).toEqual([
      {
        name: 'br0',
        type: 'bridge',
        mac: 'aa:bb:cc:00:00:01',
        state: 'up',
        addresses: [{ family: 'ipv4', address: '192.168.1.5', prefix: 24 }],
        members: ['eno1'],
        bridge: undefined,
      },
      {
        name: 'eno1',
        type: 'ethernet',
        mac: 'aa:bb:cc:00:00:02',
        state: 'up',
        addresses: [],
        members: [],
        bridge: 'br0',
      },
      {
        name: 'lo',
        type: 'loopback',
        mac: undefined,
        state: 'up',
        addresses: [{ family: 'ipv4', address: '127.0.0.1', prefix: 8 }],
        members: [],
        bridge: undefined,
      },
    ]);
  });
});
