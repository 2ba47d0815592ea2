/**
 * The network XML edits change only what they edit: unknown elements, comments, attribute
 * order and the other <ip>s survive; new nodes take the document's indentation.
 */
import { describe, expect, it } from 'vitest';
import { setNetworkDhcpHosts } from '../../../src/main/xml/edits/network/dhcpHosts';
import { setNetworkDhcpRange } from '../../../src/main/xml/edits/network/dhcpRange';
import { setNetworkForwardMode } from '../../../src/main/xml/edits/network/forwardMode';
import { buildNetworkXml, readNetworkXml } from '../../../src/main/xml/networkXml';
import { InvalidInputError } from '../../../src/main/xml/validation';
import { parseIpJson } from '../../../src/main/services/host/hostInterfaces';

/** xmldom writes every attribute in double quotes; the tests compare in that form. */
const dq = (xml: string) => xml.replaceAll("'", '"');

const XML = `<network xmlns:vd="urn:x">
  <name>lab</name>
  <!-- keep me -->
  <forward mode='nat' dev='eth0'>
    <nat>
      <port start='1024' end='65535'/>
    </nat>
  </forward>
  <bridge name='virbr9' stp='on' delay='0'/>
  <vd:extra a='1'/>
  <ip address='10.5.5.1' netmask='255.255.255.0' localPtr='yes'>
    <dhcp>
      <range start='10.5.5.100' end='10.5.5.200'>
        <lease expiry='1' unit='hours'/>
      </range>
      <host mac='52:54:00:00:00:01' name='a' ip='10.5.5.10'/>
      <host mac='52:54:00:00:00:02' name='b' ip='10.5.5.11'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:5::1' prefix='64'/>
</network>
`;

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
    const out = setNetworkDhcpRange(XML, { range: { start: '10.5.5.50', end: '10.5.5.60' } });
    expect(out).toBe(
      dq(XML).replace(
        '<range start="10.5.5.100" end="10.5.5.200">',
        '<range start="10.5.5.50" end="10.5.5.60">',
      ),
    );
  });

  it('refuses a range outside the subnet', () => {
    expect(() =>
      setNetworkDhcpRange(XML, { range: { start: '10.6.0.1', end: '10.5.5.9' } }),
    ).toThrow(InvalidInputError);
  });

  it('keeps matching hosts untouched, removes the others, appends new ones indented', () => {
    const out = setNetworkDhcpHosts(XML, {
      hosts: [
        { mac: '52:54:00:00:00:02', name: 'b', ip: '10.5.5.11' },
        { mac: '52:54:00:00:00:03', ip: '10.5.5.12' },
      ],
    });
    expect(out).toBe(
      dq(XML)
        .replace('      <host mac="52:54:00:00:00:01" name="a" ip="10.5.5.10"/>\n', '')
        .replace(
          'ip="10.5.5.11"/>\n',
          'ip="10.5.5.11"/>\n      <host mac="52:54:00:00:00:03" ip="10.5.5.12"/>\n',
        ),
    );
  });

  it('switches NAT to routed (dropping <nat>) and to isolated (dropping <forward>)', () => {
    expect(setNetworkForwardMode(XML, { mode: 'route' })).toBe(
      dq(XML).replace(
        /<forward mode="nat" dev="eth0">[\s\S]*<\/forward>/,
        '<forward mode="route" dev="eth0"/>',
      ),
    );
    expect(setNetworkForwardMode(XML, { mode: 'isolated' })).toBe(
      dq(XML).replace(/ {2}<forward mode="nat" dev="eth0">[\s\S]*<\/forward>\n/, ''),
    );
  });

  it('builds a bridge-mode network with the host bridge and no addresses', () => {
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
