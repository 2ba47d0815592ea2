/**
 * The IPv6, bridge and DNS domain edits of a network: exact outputs (only the edited nodes
 * change, everything else keeps its text; the pairs in test/fixtures/xml/edits/network, see
 * test/support/xmlFixtures.ts), and bad input refused on the form's field names.
 */
import { describe, expect, it } from 'vitest';
import {
  applySettingsChanges,
  checkSettingsOnHost,
} from '../../../src/main/services/networks/networkSettingsEdit';
import {
  setNetworkIpv6DhcpHosts,
  setNetworkIpv6DhcpRange,
} from '../../../src/main/xml/edits/network/ipv6Dhcp';
import { InvalidInputError } from '../../../src/shared/errors';
import type { NetworkSummary } from '../../../src/shared/api/networkTypes';
import { expectMatchesFixture, fixture } from '../../support/xmlFixtures';

/** The input of pair `edits/network/<name>`. */
const input = (name: string) => fixture(`edits/network/${name}`);
/** `actual` is exactly the output of pair `edits/network/<name>`. */
const matches = (actual: string, name: string) =>
  expectMatchesFixture(actual, `edits/network/${name}`);
/** A NAT network with an IPv4 subnet and DHCP range. */
const NAT = input('settings-ipv6-add');
/** IPv4 and IPv6, the IPv6 subnet with a DHCPv6 range (with a <lease>) and two static hosts. */
const DUAL = input('settings-ipv6-move');

function fields(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidInputError) return err.fields;
    throw err;
  }
  throw new Error('expected invalid input');
}

describe('IPv6, bridge and domain edits', () => {
  it('adds an IPv6 subnet with its DHCPv6 range and a static host after the IPv4 one', () => {
    const out = applySettingsChanges(input('settings-ipv6-add'), {
      ipv6: { address: 'fd00:100:5::1', prefix: 64 },
      ipv6Range: { start: 'fd00:100:5::100', end: 'fd00:100:5::1ff' },
      ipv6Hosts: [{ name: 'web', ip: 'fd00:100:5::10' }],
    });
    matches(out, 'settings-ipv6-add');
  });

  it('changes the DHCPv6 range in place (its <lease> stays) and keeps an unchanged host as it was', () => {
    const ranged = setNetworkIpv6DhcpRange(input('ipv6-dhcp-range'), {
      range: { start: 'fd00:100:6::200', end: 'fd00:100:6::2ff' },
    });
    matches(ranged, 'ipv6-dhcp-range');
    // The hosts edit starts from the changed range.
    expect(input('ipv6-dhcp-hosts')).toBe(ranged);
    const hosts = setNetworkIpv6DhcpHosts(ranged, {
      hosts: [
        { id: '0:3:0:1:52:54:0:1:2:3', name: 'keep', ip: 'fd00:100:6::10' },
        { id: '0:3:0:1:52:54:0:aa:bb:CC', ip: 'fd00:100:6::12' },
      ],
    });
    matches(hosts, 'ipv6-dhcp-hosts');
  });

  it('moves the IPv6 subnet together with its range and hosts; removes it with null', () => {
    const moved = applySettingsChanges(input('settings-ipv6-move'), {
      ipv6: { address: 'fd00:100:7::1', prefix: 64 },
      ipv6Range: { start: 'fd00:100:7::100', end: 'fd00:100:7::1ff' },
      ipv6Hosts: [{ name: 'keep', ip: 'fd00:100:7::10' }],
    });
    matches(moved, 'settings-ipv6-move');
    matches(
      applySettingsChanges(input('settings-ipv6-remove'), { ipv6: null }),
      'settings-ipv6-remove',
    );
  });

  it('refuses a move that would leave the old DHCPv6 range outside the new subnet', () => {
    const xml = input('settings-ipv6-move');
    const move = () =>
      applySettingsChanges(xml, {
        ipv6: { address: 'fd00:100:7::1', prefix: 64 },
        ipv6Hosts: [{ name: 'keep', ip: 'fd00:100:7::10' }],
      });
    let refusal: unknown;
    try {
      move();
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect((refusal as InvalidInputError).message).toMatch(
      /fd00:100:6::100 would be outside fd00:100:7::\/64/,
    );
    expect(Object.keys((refusal as InvalidInputError).fields)).toEqual(['ipv6.address']);
  });

  it('sets the bridge name and the DNS domain, and removes the domain with ""', () => {
    const out = applySettingsChanges(input('settings-bridge-domain'), {
      bridge: 'virbr-vdk',
      domain: 'lab.example',
    });
    matches(out, 'settings-bridge-domain');
    // The removal starts from the output above.
    expect(input('settings-domain-remove')).toBe(out);
    matches(applySettingsChanges(out, { domain: '' }), 'settings-domain-remove');
  });

  it('refuses bad input on the form fields, before anything changes', () => {
    expect(
      fields(() =>
        applySettingsChanges(DUAL, { ipv6Range: { start: 'fd00:999::5', end: 'fd00:100:6::9' } }),
      ),
    ).toEqual({
      'ipv6.dhcpStart': 'The range start fd00:999::5 is outside the subnet fd00:100:6::/64',
    });
    expect(
      fields(() =>
        applySettingsChanges(DUAL, {
          ipv6Hosts: [{ mac: '52:54:00:00:00:01', ip: 'fd00:100:6::5' }],
        }),
      ),
    ).toEqual({
      'ipv6.hosts.0': 'An IPv6 static host is named by its DUID or host name, not a MAC',
    });
    expect(
      fields(() => applySettingsChanges(NAT, { ipv6: { address: 'fd00::zz', prefix: 64 } })),
    ).toEqual({ 'ipv6.address': '"fd00::zz" is not an ipv6 address' });
    expect(fields(() => applySettingsChanges(NAT, { domain: 'bad domain' }))).toEqual({
      domain: '"bad domain" is not a DNS domain name',
    });
    expect(fields(() => applySettingsChanges(NAT, { bridge: 'a/b' }))).toHaveProperty('bridge');
  });

  it('refuses an IPv6 subnet overlapping another network and a bridge another network uses', () => {
    const own: NetworkSummary = {
      name: 'n1',
      uuid: 'u1',
      active: true,
      persistent: true,
      autostart: false,
      forwardMode: 'nat',
      bridge: 'virbr7',
      ips: [],
    };
    const other: NetworkSummary = {
      ...own,
      name: 'other',
      bridge: 'virbr9',
      ips: [{ family: 'ipv6', address: 'fd00:100:6::1', prefix: 64, dhcpRanges: [], hosts: [] }],
    };
    const ownBridge = {
      name: 'virbr7',
      type: 'bridge',
      state: 'up' as const,
      members: [],
      addresses: [{ family: 'ipv6' as const, address: 'fd00:100:5::1', prefix: 64 }],
    };
    const ctx = { networks: [other], interfaces: [ownBridge] };
    expect(
      fields(() =>
        checkSettingsOnHost(
          own,
          { ipv6: { address: 'fd00:100:6:0:1::1', prefix: 80 }, bridge: 'virbr9' },
          ctx,
        ),
      ),
    ).toEqual({
      'ipv6.address': 'fd00:100:6:0:1::/80 overlaps network "other" (fd00:100:6::/64)',
      bridge: 'virbr9 is already used by network "other"',
    });
    // Its own bridge's address is not a clash, nor keeping its own bridge name.
    expect(() =>
      checkSettingsOnHost(
        own,
        { ipv6: { address: 'fd00:100:5::1', prefix: 64 }, bridge: 'virbr7' },
        ctx,
      ),
    ).not.toThrow();
  });
});
