/**
 * A network's own addresses: the address and prefix of its IPv4 or IPv6 <ip>, adding an IPv6
 * subnet (with an optional DHCPv6 range), and removing one. DHCP ranges and static hosts of the
 * edited <ip> must stay inside its subnet; the edit refuses when they would not.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, removeElement, setAttr } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { addressValue, cidrOf, contains, type IpFamily } from '../../cidr';
import { checkInt, checkOneOf, invalidInput } from '../../../../shared/inputChecks';
import { NETWORK_ORDER } from './networkOrder';
import { prefixFromNetmask } from '../../networkXml';
import type { XmlEdit } from '../editTypes';

export interface NetworkIpParams {
  family: IpFamily;
  address: string;
  prefix: number;
}

function ipOf(network: Element, family: IpFamily): Element | undefined {
  return childElements(network, 'ip').find(
    (ip) => (attribute(ip, 'family') ?? 'ipv4') === family && attribute(ip, 'address'),
  );
}

function prefixOf(ip: Element, family: IpFamily): number | undefined {
  const p = attribute(ip, 'prefix');
  if (p !== undefined) return Number(p);
  const mask = attribute(ip, 'netmask');
  return mask ? prefixFromNetmask(mask) : family === 'ipv4' ? 24 : 64;
}

function netmask(prefix: number): string {
  const n = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function checkIp(p: NetworkIpParams): void {
  checkOneOf(p.family, ['ipv4', 'ipv6'], 'Address family', 'family');
  checkInt(
    p.prefix,
    'Prefix',
    'prefix',
    p.family === 'ipv4' ? 8 : 8,
    p.family === 'ipv4' ? 30 : 124,
  );
  const cidr = cidrOf(p.address, p.prefix, p.family);
  const own = addressValue(p.address, p.family);
  if (!cidr || own === undefined)
    throw invalidInput(`"${p.address}" is not an ${p.family} address`, 'address');
  if (own === cidr.first || (p.family === 'ipv4' && own === cidr.last)) {
    throw invalidInput(`${p.address} is the subnet's network or broadcast address`, 'address');
  }
}

/**
 * Every DHCP range end and static host address of `ip` that is in its subnet now must be in the
 * new one. An address already outside (libvirt defines such a network) is not this edit's to
 * judge: it stays outside, as it was.
 */
function checkDhcpInside(ip: Element, p: NetworkIpParams, judgeAll = false): void {
  const cidr = cidrOf(p.address, p.prefix, p.family);
  const dhcp = firstChild(ip, 'dhcp');
  const oldPrefix = prefixOf(ip, p.family);
  const old =
    judgeAll || oldPrefix === undefined
      ? undefined
      : cidrOf(attribute(ip, 'address') ?? '', oldPrefix, p.family);
  if (!cidr || !dhcp) return;
  const addresses = [
    ...childElements(dhcp, 'range').flatMap((r) => [attribute(r, 'start'), attribute(r, 'end')]),
    ...childElements(dhcp, 'host').map((h) => attribute(h, 'ip')),
  ].filter((a): a is string => a !== undefined);
  for (const a of addresses) {
    const v = addressValue(a, p.family);
    if (v === undefined || (old && !contains(old, v))) continue;
    if (!contains(cidr, v)) {
      throw invalidInput(
        `The DHCP address ${a} would be outside ${cidr.text}; change the DHCP range and hosts first`,
        'address',
      );
    }
  }
}

/**
 * Changes the address and prefix of the network's `family` <ip> (keeps netmask= style for IPv4).
 * `dhcpFollows`: the caller sets the DHCP range and hosts next and checks them against the new
 * subnet then (checkDhcpWithinSubnet), so the move itself does not judge the old ones.
 */
export function setNetworkIp(
  xml: string,
  p: NetworkIpParams,
  { dhcpFollows = false }: { dhcpFollows?: boolean } = {},
): string {
  checkIp(p);
  return editXml(xml, 'network', (network) => {
    const ip = ipOf(network, p.family);
    if (!ip) throw invalidInput(`The network has no ${p.family} address`, 'family');
    if (!dhcpFollows) checkDhcpInside(ip, p);
    setAttr(ip, 'address', p.address);
    if (ip.hasAttribute('netmask') && p.family === 'ipv4')
      setAttr(ip, 'netmask', netmask(p.prefix));
    else setAttr(ip, 'prefix', p.prefix);
  });
}

/** Every DHCP range end and host address of the `family` <ip> lies inside its subnet. */
export function checkDhcpWithinSubnet(xml: string, p: NetworkIpParams): void {
  editXml(xml, 'network', (network) => {
    const ip = ipOf(network, p.family);
    if (ip) checkDhcpInside(ip, p, true);
  });
}

/** Adds an IPv6 subnet (libvirt serves router advertisements; DHCPv6 when a range is given). */
export function addNetworkIpv6(
  xml: string,
  p: { address: string; prefix: number; dhcpRange?: { start: string; end: string } },
): string {
  const params: NetworkIpParams = { family: 'ipv6', address: p.address, prefix: p.prefix };
  checkIp(params);
  const cidr = cidrOf(p.address, p.prefix, 'ipv6');
  if (p.dhcpRange && cidr) {
    for (const a of [p.dhcpRange.start, p.dhcpRange.end]) {
      const v = addressValue(a, 'ipv6');
      if (v === undefined || !contains(cidr, v))
        throw invalidInput(`DHCPv6 address ${a} is outside ${cidr.text}`, 'dhcpRange');
    }
  }
  return editXml(xml, 'network', (network) => {
    if (ipOf(network, 'ipv6'))
      throw invalidInput('The network already has an IPv6 address', 'family');
    insertSpec(
      network,
      x('ip', { family: 'ipv6', address: p.address, prefix: p.prefix }, [
        p.dhcpRange &&
          x('dhcp', {}, [x('range', { start: p.dhcpRange.start, end: p.dhcpRange.end })]),
      ]),
      NETWORK_ORDER,
    );
  });
}

export function removeNetworkIp(xml: string, family: IpFamily): string {
  return editXml(xml, 'network', (network) => {
    const ip = ipOf(network, family);
    if (!ip) throw invalidInput(`The network has no ${family} address`, 'family');
    removeElement(ip);
  });
}

/** Modes whose network has its own bridge and addresses (not macvtap / hostdev pools). */
export function routedLike(network: Element): boolean {
  const forward = firstChild(network, 'forward');
  const mode = forward ? (attribute(forward, 'mode') ?? 'nat') : 'isolated';
  return ['nat', 'route', 'open', 'isolated'].includes(mode);
}

export const networkIpEdit: XmlEdit<NetworkIpParams> = {
  id: 'network.ip',
  root: 'network',
  scope: ['network/ip/@address', 'network/ip/@prefix', 'network/ip/@netmask'],
  applies: (network) => {
    const ip = ipOf(network, 'ipv4');
    const prefix = ip && prefixOf(ip, 'ipv4');
    return (
      !!ip &&
      prefix !== undefined &&
      prefix > 8 &&
      prefix <= 30 &&
      addressValue(attribute(ip, 'address') ?? '', 'ipv4') !== undefined
    );
  },
  // One bit wider: the same address, and everything in the old subnet stays in the new one.
  sample: (network) => {
    const ip = ipOf(network, 'ipv4');
    const address = attribute(ip, 'address') ?? '192.168.122.1';
    return { family: 'ipv4', address, prefix: (ip ? (prefixOf(ip, 'ipv4') ?? 24) : 24) - 1 };
  },
  apply: setNetworkIp,
};

export const addIpv6Edit: XmlEdit<{
  address: string;
  prefix: number;
  dhcpRange?: { start: string; end: string };
}> = {
  id: 'network.ipv6.add',
  root: 'network',
  scope: ['network/ip'],
  applies: (network) => routedLike(network) && !ipOf(network, 'ipv6'),
  sample: () => ({
    address: 'fd00:7d::1',
    prefix: 64,
    dhcpRange: { start: 'fd00:7d::100', end: 'fd00:7d::1ff' },
  }),
  apply: addNetworkIpv6,
};
