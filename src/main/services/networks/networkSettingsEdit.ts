/**
 * The parts of a network edit that reach a running network only at its next start: the IPv6
 * subnet (add, change, remove), its DHCPv6 range and static hosts, the bridge libvirt creates
 * and the DNS domain. Each goes through the XML edit functions (only the edited nodes change);
 * the checks against the rest of the host (overlapping subnets, a bridge in use) come first.
 */
import type { NetworkChanges, NetworkSummary } from '../../../shared/api/networkTypes';
import { setNetworkBridge, setNetworkDomain } from '../../xml/edits/network/bridgeAndDomain';
import {
  addNetworkIpv6,
  checkDhcpWithinSubnet,
  removeNetworkIp,
  setNetworkIp,
} from '../../xml/edits/network/ipAddress';
import { setNetworkIpv6DhcpHosts, setNetworkIpv6DhcpRange } from '../../xml/edits/network/ipv6Dhcp';
import { readNetworkXml } from '../../xml/networkXml';
import { InvalidInputError } from '../../../shared/errors';
import { checkBridge, checkIpPart, throwIfAny, type NetworkCheckContext } from './networkChecks';

/** The changes this module applies (the rest is networkEdit.ts's, applied live). */
export function hasSettingsChanges(c: NetworkChanges): boolean {
  return [c.ipv6, c.ipv6Range, c.ipv6Hosts, c.bridge, c.domain].some((v) => v !== undefined);
}

/**
 * Checks the new IPv6 subnet and bridge name against the other networks and the host's
 * interfaces (`ctx` leaves this network out; its own bridge is not a clash either).
 */
export function checkSettingsOnHost(
  own: NetworkSummary,
  c: NetworkChanges,
  ctx: NetworkCheckContext,
): void {
  const errors: Record<string, string> = {};
  const others: NetworkCheckContext = {
    networks: ctx.networks,
    interfaces: ctx.interfaces?.filter((i) => i.name !== own.bridge),
  };
  if (c.ipv6)
    checkIpPart('ipv6', { address: c.ipv6.address, prefix: c.ipv6.prefix }, others, errors);
  const bridge = c.bridge?.trim();
  if (bridge !== undefined && bridge !== own.bridge) {
    const mode = own.forwardMode === 'bridge' ? 'bridge' : 'nat';
    checkBridge({ mode, bridge }, others, errors);
  }
  throwIfAny(errors);
}

/** Runs `edit`, naming its fields under `prefix` ("address" -> "ipv6.address") as the form does. */
function underField<T>(prefix: string, edit: () => T): T {
  try {
    return edit();
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    const fields = Object.fromEntries(
      Object.entries(err.fields).map(([k, v]) => [
        k.startsWith(`${prefix}.`) ? k : `${prefix}.${k}`,
        v,
      ]),
    );
    throw new InvalidInputError(err.message, fields);
  }
}

function ipv6Of(xml: string) {
  return readNetworkXml(xml).ips.find((ip) => ip.family === 'ipv6');
}

/** The DHCPv6 range, then the static hosts (each only when given). */
function applyDhcpv6(xml: string, c: NetworkChanges): string {
  let out = xml;
  if (c.ipv6Range !== undefined) out = setNetworkIpv6DhcpRange(out, { range: c.ipv6Range });
  if (c.ipv6Hosts !== undefined) out = setNetworkIpv6DhcpHosts(out, { hosts: c.ipv6Hosts });
  return out;
}

function applyIpv6(xml: string, c: NetworkChanges): string {
  const now = ipv6Of(xml);
  if (c.ipv6 === null) return now ? removeNetworkIp(xml, 'ipv6') : xml;
  if (c.ipv6 === undefined) return now ? applyDhcpv6(xml, c) : xml;
  const wanted = { family: 'ipv6' as const, address: c.ipv6.address.trim(), prefix: c.ipv6.prefix };
  if (!now) {
    const added = underField('ipv6', () =>
      addNetworkIpv6(xml, { address: wanted.address, prefix: wanted.prefix }),
    );
    return applyDhcpv6(added, c);
  }
  const moved = wanted.address !== now.address || wanted.prefix !== now.prefix;
  if (!moved) return applyDhcpv6(xml, c);
  try {
    // A subnet that still holds the DHCP range and hosts keeps their elements as they are.
    return applyDhcpv6(
      underField('ipv6', () => setNetworkIp(xml, wanted)),
      c,
    );
  } catch (err) {
    const dhcpGiven = c.ipv6Range !== undefined || c.ipv6Hosts !== undefined;
    if (!(err instanceof InvalidInputError) || !dhcpGiven) throw err;
    // The subnet moves away from the old range and new DHCPv6 settings are given: move the
    // address alone, then set the range and hosts in place (their elements, and children such as
    // <lease>, stay), and check the result against the new subnet (an old range left outside,
    // because only the hosts were given, is refused rather than dropped).
    const moved = underField('ipv6', () => setNetworkIp(xml, wanted, { dhcpFollows: true }));
    const out = applyDhcpv6(moved, c);
    underField('ipv6', () => checkDhcpWithinSubnet(out, wanted));
    return out;
  }
}

/** The new persistent XML for the IPv6, bridge and domain parts of `c`. */
export function applySettingsChanges(xml: string, c: NetworkChanges): string {
  let out = applyIpv6(xml, c);
  const bridge = c.bridge?.trim();
  if (bridge !== undefined && bridge !== readNetworkXml(out).bridge) {
    out = setNetworkBridge(out, { name: bridge });
  }
  if (c.domain !== undefined) out = setNetworkDomain(out, { name: c.domain.trim() });
  return out;
}
