/**
 * The order in which libvirt formats a network's elements (virNetworkDefFormatBuf), and of the
 * children of <dhcp>. New elements go to their place in it, so the document reads as libvirt
 * would print it.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements } from '../../xmlDocument';

export const NETWORK_ORDER = [
  'name',
  'uuid',
  'metadata',
  'forward',
  'bridge',
  'mac',
  'mtu',
  'domain',
  'dns',
  'ip',
  'route',
  'virtualport',
  'portgroup',
  'port',
  'bandwidth',
  'vlan',
] as const;

export const DHCP_ORDER = ['range', 'host', 'bootp'] as const;

/** The network's first IPv4 <ip> with an address: the one the app's IPv4 fields edit. */
export function firstIpv4(network: Element): Element | undefined {
  return childElements(network, 'ip').find(
    (ip) => (attribute(ip, 'family') ?? 'ipv4') === 'ipv4' && attribute(ip, 'address'),
  );
}
