/**
 * The checks made before a network is created: each bad input is named on its field with a
 * message a user can act on; good input passes normalised.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkSpec, NetworkSummary } from '../../../src/shared/api/networkTypes';
import type { HostInterface } from '../../../src/shared/api/hostTypes';
import {
  checkNetworkSpec,
  type NetworkCheckContext,
} from '../../../src/main/services/networks/networkChecks';
import { InvalidInputError } from '../../../src/shared/errors';
import { cidrOf, formatAddress, overlaps } from '../../../src/main/xml/cidr';

const defaultNet: NetworkSummary = {
  name: 'default',
  uuid: 'u',
  active: true,
  persistent: true,
  autostart: true,
  forwardMode: 'nat',
  bridge: 'virbr0',
  ips: [{ family: 'ipv4', address: '192.168.122.1', prefix: 24, dhcpRanges: [], hosts: [] }],
};
const eth0: HostInterface = {
  name: 'eth0',
  type: 'ethernet',
  state: 'up',
  addresses: [
    { family: 'ipv4', address: '192.0.2.2', prefix: 24 },
    { family: 'ipv6', address: 'fe80::1', prefix: 64 },
  ],
  members: [],
};
const br0: HostInterface = { name: 'br0', type: 'bridge', state: 'up', addresses: [], members: [] };
const ctx: NetworkCheckContext = { networks: [defaultNet], interfaces: [eth0, br0] };

function fields(spec: NetworkSpec, context = ctx): Record<string, string> {
  try {
    checkNetworkSpec(spec, context);
  } catch (err) {
    if (err instanceof InvalidInputError) return err.fields;
    throw err;
  }
  return {};
}

const nat = (ipv4: NetworkSpec['ipv4'], extra: Partial<NetworkSpec> = {}): NetworkSpec => ({
  name: 'n1',
  mode: 'nat',
  ipv4,
  ...extra,
});

describe('network checks', () => {
  it('passes a good NAT network and lower-cases static host MACs', () => {
    const out = checkNetworkSpec(
      nat({
        address: '10.9.8.1',
        prefix: 24,
        dhcpStart: '10.9.8.100',
        dhcpEnd: '10.9.8.200',
        hosts: [{ mac: '52:54:00:AB:CD:EF', ip: '10.9.8.5', name: 'web' }],
      }),
      ctx,
    );
    expect(out.ipv4?.hosts).toEqual([{ mac: '52:54:00:ab:cd:ef', ip: '10.9.8.5', name: 'web' }]);
  });

  it('names overlaps with another network and with a host address', () => {
    expect(fields(nat({ address: '192.168.122.129', prefix: 25 }))).toEqual({
      'ipv4.address': '192.168.122.128/25 overlaps network "default" (192.168.122.0/24)',
    });
    expect(fields(nat({ address: '192.0.0.1', prefix: 16 }))).toEqual({
      'ipv4.address': "192.0.0.0/16 overlaps eth0's address 192.0.2.2/24",
    });
  });

  it('refuses DHCP ranges outside the subnet, backwards, or on the network address', () => {
    expect(
      fields(nat({ address: '10.1.1.1', prefix: 24, dhcpStart: '10.1.2.1', dhcpEnd: '10.1.1.9' })),
    ).toEqual({ 'ipv4.dhcpStart': 'The range start 10.1.2.1 is outside the subnet 10.1.1.0/24' });
    expect(
      fields(nat({ address: '10.1.1.1', prefix: 24, dhcpStart: '10.1.1.90', dhcpEnd: '10.1.1.9' })),
    ).toEqual({ 'ipv4.dhcpEnd': 'The range ends (10.1.1.9) before it starts (10.1.1.90)' });
    expect(
      fields(nat({ address: '10.1.1.1', prefix: 24, dhcpStart: '10.1.1.0', dhcpEnd: '10.1.1.9' })),
    ).toEqual({
      'ipv4.dhcpStart': 'The range start 10.1.1.0 is the network address of 10.1.1.0/24',
    });
    expect(fields(nat({ address: '10.1.1.1', prefix: 24, dhcpStart: '10.1.1.5' }))).toEqual({
      'ipv4.dhcpEnd': 'Give the last address of the range too',
    });
  });

  it('refuses the network address as the host address and bad prefixes', () => {
    expect(fields(nat({ address: '10.1.1.0', prefix: 24 }))['ipv4.address']).toMatch(
      /is the network address of 10\.1\.1\.0\/24/,
    );
    expect(fields(nat({ address: '10.1.1.1', prefix: 31 }))).toEqual({
      'ipv4.prefix': 'The prefix must be a whole number from 8 to 30',
    });
    expect(fields(nat({ address: '10.1.1.300', prefix: 24 }))).toEqual({
      'ipv4.address': '"10.1.1.300" is not an IPv4 address',
    });
  });

  it('names each bad static host: MAC, address outside, duplicates', () => {
    expect(
      fields(
        nat({
          address: '10.1.1.1',
          prefix: 24,
          hosts: [
            { mac: '52:54:00:00:00:01', ip: '10.1.1.5' },
            { mac: '52:54:00:00:00:01', ip: '10.1.1.5' },
            { mac: '01:00:5e:00:00:01', ip: '10.2.0.5' },
            { ip: '10.1.1.1' },
          ],
        }),
      ),
    ).toEqual({
      'ipv4.hosts.1.mac': '52:54:00:00:00:01 is listed twice',
      'ipv4.hosts.1.ip': '10.1.1.5 is listed twice',
      'ipv4.hosts.2.mac': '01:00:5e:00:00:01 is a multicast address; a NIC needs a unicast one',
      'ipv4.hosts.2.ip': 'The address 10.2.0.5 is outside the subnet 10.1.1.0/24',
      'ipv4.hosts.3.mac': 'Give a MAC address (or a host name)',
      'ipv4.hosts.3.ip': "10.1.1.1 is the host's own address on this network",
    });
  });

  it('checks names and bridges: duplicate, in use, host bridge exists', () => {
    expect(fields(nat({ address: '10.1.1.1', prefix: 24 }, { name: 'default' }))).toEqual({
      name: 'A network named "default" already exists on this host',
    });
    expect(fields(nat({ address: '10.1.1.1', prefix: 24 }, { bridge: 'virbr0' }))).toEqual({
      bridge: 'virbr0 is already used by network "default"',
    });
    expect(fields(nat({ address: '10.1.1.1', prefix: 24 }, { bridge: 'br0' }))).toEqual({
      bridge: 'The host already has an interface named br0',
    });
    expect(fields({ name: 'b', mode: 'bridge', bridge: 'br9' })).toEqual({
      bridge: 'The host has no interface named br9',
    });
    expect(fields({ name: 'b', mode: 'bridge', bridge: 'virbr0' })).toEqual({
      bridge: 'virbr0 is the bridge of network "default", not a host bridge',
    });
    expect(fields({ name: 'b', mode: 'bridge', bridge: 'br0' })).toEqual({});
    expect(fields({ name: 'b', mode: 'bridge', bridge: 'eth0' })).toEqual({
      bridge:
        'eth0 is an ethernet interface, not a bridge: pick a bridge from Host interfaces (e.g. br0)',
    });
    expect(fields({ name: 'n', mode: 'nat' })).toEqual({
      'ipv4.address': 'NAT needs an IPv4 subnet',
    });
  });

  it('checks IPv6 subnets too, ignoring link-local host addresses', () => {
    expect(
      fields(nat(undefined, { mode: 'route', ipv6: { address: 'fe80::1', prefix: 64 } })),
    ).toEqual({});
    const taken = {
      ...defaultNet,
      name: 'v6',
      ips: [
        { family: 'ipv6' as const, address: 'fd00:1::1', prefix: 64, dhcpRanges: [], hosts: [] },
      ],
    };
    expect(
      fields(nat(undefined, { mode: 'route', ipv6: { address: 'fd00:1::8000:1', prefix: 96 } }), {
        networks: [taken],
      }),
    ).toEqual({ 'ipv6.address': 'fd00:1::/96 overlaps network "v6" (fd00:1::/64)' });
  });
});

describe('subnet arithmetic', () => {
  it('computes subnets and overlaps for both families', () => {
    const a = cidrOf('10.0.0.77', 26, 'ipv4');
    expect(a?.text).toBe('10.0.0.64/26');
    expect(overlaps(a!, cidrOf('10.0.0.127', 32, 'ipv4')!)).toBe(true);
    expect(overlaps(a!, cidrOf('10.0.0.128', 25, 'ipv4')!)).toBe(false);
    expect(formatAddress(cidrOf('2001:db8:0:0:1::1', 64, 'ipv6')!.first, 'ipv6')).toBe(
      '2001:db8::',
    );
  });
});
