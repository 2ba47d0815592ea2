/**
 * The IPv4 DHCP range of a network: the first <range> of the first IPv4 <ip>'s <dhcp> is changed
 * in place (other ranges, <host>s and <bootp> stay); null removes the ranges, and <dhcp> with
 * them when nothing else is left in it.
 */
import { childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, removeIfEmpty, setAttr } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { invalidInput } from '../../../../shared/inputChecks';
import { formatAddress } from '../../cidr';
import type { XmlEdit } from '../editTypes';
import { DHCP_ORDER } from './networkOrder';
import { addressIn, ipv4Subnet } from './ipv4Subnet';

export interface DhcpRangeParams {
  range: { start: string; end: string } | null;
}

export function setNetworkDhcpRange(xml: string, params: DhcpRangeParams): string {
  return editXml(xml, 'network', (network) => {
    const { ip, cidr } = ipv4Subnet(network);
    const dhcp = firstChild(ip, 'dhcp');
    if (params.range === null) {
      if (!dhcp) return;
      for (const r of childElements(dhcp, 'range')) removeElement(r);
      removeIfEmpty(dhcp);
      return;
    }
    const { start, end } = params.range;
    const s = addressIn(cidr, start.trim(), 'The range start', 'ipv4.dhcpStart');
    const e = addressIn(cidr, end.trim(), 'The range end', 'ipv4.dhcpEnd');
    if (s > e)
      throw invalidInput(`The range ends (${end}) before it starts (${start})`, 'ipv4.dhcpEnd');
    const existing = dhcp && firstChild(dhcp, 'range');
    if (existing) {
      setAttr(existing, 'start', start.trim());
      setAttr(existing, 'end', end.trim());
      return;
    }
    insertSpec(ensureChild(ip, 'dhcp'), x('range', { start: start.trim(), end: end.trim() }), [
      ...DHCP_ORDER,
    ]);
  });
}

export const dhcpRangeEdit: XmlEdit<DhcpRangeParams> = {
  id: 'network.dhcpRange',
  root: 'network',
  scope: ['network/ip/dhcp'],
  applies: (network) => {
    try {
      return ipv4Subnet(network).cidr.prefix <= 29;
    } catch {
      return false;
    }
  },
  sample: (network) => {
    const { cidr } = ipv4Subnet(network);
    return {
      range: {
        start: formatAddress(cidr.last - 3n, 'ipv4'),
        end: formatAddress(cidr.last - 2n, 'ipv4'),
      },
    };
  },
  apply: setNetworkDhcpRange,
};
