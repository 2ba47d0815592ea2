/**
 * Network XML: read a <network> into what the Networks tab shows, and build the XML of a new
 * network from the create form. Edits of existing networks are in edits/network/.
 */
import type { Element } from '@xmldom/xmldom';
import type { DhcpHost, NetworkIp, NetworkSpec } from '../../shared/api/networkTypes';
import { attribute, childElements, firstChild, parseXml } from './xmlDocument';
import { specToXml, x, type XmlSpec } from './xmlBuild';
import { ipv4ToInt, isIpv4 } from '../../shared/inputChecks';

export interface NetworkXmlFacts {
  name: string;
  uuid: string;
  /** The <forward mode> ('nat' when <forward/> has none), or 'isolated' without <forward>. */
  forwardMode: string;
  forwardDev?: string;
  /** <bridge name>: the bridge libvirt makes, or the host's bridge in bridge mode. */
  bridge?: string;
  /** <domain name>: the DNS domain of the guests. */
  domain?: string;
  ips: NetworkIp[];
}

/** A dotted netmask (255.255.255.0) as a prefix length; undefined when not contiguous. */
export function prefixFromNetmask(netmask: string): number | undefined {
  if (!isIpv4(netmask)) return undefined;
  const bits = ipv4ToInt(netmask).toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return undefined;
  const ones = bits.indexOf('0');
  return ones < 0 ? 32 : ones;
}

/** An <ip>'s prefix: its prefix attribute, its netmask, or the family's usual default. */
function ipPrefix(ip: Element, family: 'ipv4' | 'ipv6'): number {
  const prefix = attribute(ip, 'prefix');
  if (prefix !== undefined && /^\d+$/.test(prefix)) return Number(prefix);
  const netmask = attribute(ip, 'netmask');
  const fromMask = netmask === undefined ? undefined : prefixFromNetmask(netmask);
  return fromMask ?? (family === 'ipv6' ? 64 : 24);
}

export function readNetworkIp(ip: Element): NetworkIp {
  const family = attribute(ip, 'family') === 'ipv6' ? 'ipv6' : 'ipv4';
  const dhcp = firstChild(ip, 'dhcp');
  const dhcpRanges = dhcp
    ? childElements(dhcp, 'range').map((r) => ({
        start: attribute(r, 'start') ?? '',
        end: attribute(r, 'end') ?? '',
      }))
    : [];
  const hosts: DhcpHost[] = dhcp
    ? childElements(dhcp, 'host').map((h) => ({
        mac: attribute(h, 'mac'),
        id: attribute(h, 'id'),
        ip: attribute(h, 'ip') ?? '',
        name: attribute(h, 'name'),
      }))
    : [];
  return {
    family,
    address: attribute(ip, 'address') ?? '',
    prefix: ipPrefix(ip, family),
    dhcpRanges,
    hosts,
  };
}

export function readNetworkXml(xml: string): NetworkXmlFacts {
  const root = parseXml(xml).documentElement;
  if (!root || root.nodeName !== 'network') throw new Error('not a <network> document');
  const forward = firstChild(root, 'forward');
  const bridgeEl = firstChild(root, 'bridge');
  // In bridge mode the host bridge may also be named as <forward><bridge name=.../></forward>.
  const forwardBridge = forward && firstChild(forward, 'bridge');
  return {
    name: firstChild(root, 'name')?.textContent ?? '',
    uuid: firstChild(root, 'uuid')?.textContent ?? '',
    forwardMode: forward ? (attribute(forward, 'mode') ?? 'nat') : 'isolated',
    forwardDev: attribute(forward, 'dev'),
    bridge: attribute(bridgeEl, 'name') ?? attribute(forwardBridge, 'name'),
    domain: attribute(firstChild(root, 'domain'), 'name'),
    ips: childElements(root, 'ip')
      .filter((ip) => attribute(ip, 'address') !== undefined)
      .map(readNetworkIp),
  };
}

function ipSpec(family: 'ipv4' | 'ipv6', part: NonNullable<NetworkSpec['ipv4']>): XmlSpec {
  const hasRange = part.dhcpStart !== undefined && part.dhcpEnd !== undefined;
  const hosts = part.hosts ?? [];
  const dhcp =
    (hasRange || hosts.length > 0) &&
    x('dhcp', {}, [
      hasRange && x('range', { start: part.dhcpStart, end: part.dhcpEnd }),
      ...hosts.map((h) => dhcpHostSpec(h)),
    ]);
  return x(
    'ip',
    { family: family === 'ipv6' ? 'ipv6' : undefined, address: part.address, prefix: part.prefix },
    [dhcp],
  );
}

/** A <host/> of a network's <dhcp>: attributes in libvirt's own order (mac, name, ip). */
export function dhcpHostSpec(host: DhcpHost): XmlSpec {
  return x('host', { mac: host.mac, name: host.name, ip: host.ip });
}

/**
 * The XML of a new network. Bridge mode uses the host's bridge (<forward mode='bridge'/> plus
 * <bridge name/>), has no addresses of its own and no DHCP: the LAN's router serves the guests.
 */
export function buildNetworkXml(spec: NetworkSpec): string {
  const forward =
    spec.mode === 'isolated'
      ? undefined
      : x('forward', {
          mode: spec.mode,
          dev: spec.mode === 'nat' || spec.mode === 'route' ? spec.forwardDev : undefined,
        });
  const bridge =
    spec.mode === 'bridge'
      ? x('bridge', { name: spec.bridge })
      : x('bridge', { name: spec.bridge, stp: 'on', delay: 0 });
  return specToXml(
    x('network', {}, [
      x('name', {}, [], spec.name),
      forward,
      bridge,
      spec.mode !== 'bridge' && spec.ipv4 && ipSpec('ipv4', spec.ipv4),
      spec.mode !== 'bridge' && spec.ipv6 && ipSpec('ipv6', spec.ipv6),
    ]),
  );
}
