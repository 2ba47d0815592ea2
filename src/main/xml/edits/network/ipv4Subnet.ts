/** The subnet of a network's first IPv4 <ip>, for the DHCP edits to check addresses against. */
import type { Element } from '@xmldom/xmldom';
import { addressValue, cidrOf, contains, type Cidr } from '../../cidr';
import { readNetworkIp } from '../../networkXml';
import { invalidInput } from '../../../../shared/inputChecks';
import { firstIpv4 } from './networkOrder';

export function ipv4Subnet(network: Element): { ip: Element; cidr: Cidr; own: bigint } {
  const ip = firstIpv4(network);
  const facts = ip && readNetworkIp(ip);
  const cidr = facts && cidrOf(facts.address, facts.prefix, 'ipv4');
  const own = facts && addressValue(facts.address, 'ipv4');
  if (!ip || !cidr || own === undefined) {
    throw invalidInput('This network has no IPv4 address to serve DHCP on', 'ipv4.address');
  }
  return { ip, cidr, own };
}

/** The address as a number when it is an IPv4 address inside `cidr` (else invalid-input). */
export function addressIn(cidr: Cidr, address: string, what: string, field: string): bigint {
  const v = addressValue(address, 'ipv4');
  if (v === undefined) throw invalidInput(`${what} "${address}" is not an IPv4 address`, field);
  if (!contains(cidr, v) || v === cidr.first || v === cidr.last) {
    throw invalidInput(`${what} ${address} is outside the subnet ${cidr.text}`, field);
  }
  return v;
}
