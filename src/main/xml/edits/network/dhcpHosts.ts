/**
 * The static DHCP hosts (MAC -> address, name) of a network's first IPv4 <ip>. The new list is
 * given whole: a <host> already there with the same MAC, name and address is kept untouched (so
 * its position, unknown attributes and children survive), the others are removed, and new ones
 * are added after the last remaining host.
 */
import type { Element } from '@xmldom/xmldom';
import type { DhcpHost } from '../../../../shared/api/networkTypes';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, removeIfEmpty } from '../../xmlEdit';
import { insertSpec } from '../../xmlBuild';
import { checkMac, invalidInput } from '../../../../shared/inputChecks';
import { formatAddress } from '../../cidr';
import { dhcpHostSpec } from '../../networkXml';
import type { XmlEdit } from '../editTypes';
import { DHCP_ORDER, firstIpv4 } from './networkOrder';
import { addressIn, ipv4Subnet } from './ipv4Subnet';

export function readIpv4DhcpHosts(network: Element): DhcpHost[] {
  const ip = firstIpv4(network);
  const dhcp = ip && firstChild(ip, 'dhcp');
  return (dhcp ? childElements(dhcp, 'host') : []).map(readHost);
}

function readHost(h: Element): DhcpHost {
  return { mac: attribute(h, 'mac'), ip: attribute(h, 'ip') ?? '', name: attribute(h, 'name') };
}

/** Two hosts are the same entry when MAC, name and address all agree (MACs ignoring case). */
export function sameDhcpHost(a: DhcpHost, b: DhcpHost): boolean {
  return (
    (a.mac ?? '').toLowerCase() === (b.mac ?? '').toLowerCase() &&
    (a.name ?? '') === (b.name ?? '') &&
    a.ip === b.ip
  );
}

/**
 * The hosts checked and normalised (MACs lower-case): invalid-input names the entry at fault.
 * A host the network has already, unchanged, is kept as it is without a check (libvirt defined
 * it; it may even lie outside the subnet): the edit answers only for the hosts it adds.
 */
export function normaliseDhcpHosts(network: Element, hosts: readonly DhcpHost[]): DhcpHost[] {
  const { cidr, own } = ipv4Subnet(network);
  const existing = readIpv4DhcpHosts(network);
  const trimmed = hosts.map((h) => ({
    mac: h.mac?.trim() ? h.mac.trim().toLowerCase() : undefined,
    ip: h.ip.trim(),
    name: h.name?.trim() || undefined,
  }));
  const kept = trimmed.map((h) => existing.some((e) => sameDhcpHost(e, h)));
  const seen = new Set<string>();
  const keys = (mac: string | undefined, ip: string) => [mac && `mac ${mac}`, `ip ${ip}`];
  trimmed.forEach((h, i) => {
    if (kept[i]) keys(h.mac, h.ip).forEach((k) => k && seen.add(k));
  });
  return trimmed.map((h, i) => {
    if (kept[i]) return h;
    const at = `ipv4.hosts.${i}`;
    const mac = h.mac ? checkMac(h.mac, `${at}.mac`) : undefined;
    if (!mac && !h.name) throw invalidInput('Give a MAC address (or a host name)', `${at}.mac`);
    const v = addressIn(cidr, h.ip, 'The address', `${at}.ip`);
    if (v === own)
      throw invalidInput(`${h.ip} is the host's own address on this network`, `${at}.ip`);
    for (const key of keys(mac, h.ip)) {
      if (!key) continue;
      if (seen.has(key))
        throw invalidInput(`${key.slice(key.indexOf(' ') + 1)} is listed twice`, at);
      seen.add(key);
    }
    return { mac, ip: h.ip, name: h.name };
  });
}

export function setNetworkDhcpHosts(xml: string, params: { hosts: DhcpHost[] }): string {
  return editXml(xml, 'network', (network) => {
    const wanted = normaliseDhcpHosts(network, params.hosts);
    const { ip } = ipv4Subnet(network);
    const dhcp = firstChild(ip, 'dhcp');
    const kept: DhcpHost[] = [];
    for (const el of dhcp ? childElements(dhcp, 'host') : []) {
      const host = readHost(el);
      if (wanted.some((w) => sameDhcpHost(w, host))) kept.push(host);
      else removeElement(el);
    }
    const added = wanted.filter((w) => !kept.some((k) => sameDhcpHost(k, w)));
    if (added.length > 0) {
      const target = ensureChild(ip, 'dhcp');
      for (const h of added) insertSpec(target, dhcpHostSpec(h), [...DHCP_ORDER]);
    } else if (dhcp) {
      removeIfEmpty(dhcp);
    }
  });
}

export const dhcpHostsEdit: XmlEdit<{ hosts: DhcpHost[] }> = {
  id: 'network.dhcpHosts',
  root: 'network',
  scope: ['network/ip/dhcp'],
  applies: (network) => {
    try {
      const { cidr } = ipv4Subnet(network);
      normaliseDhcpHosts(network, readIpv4DhcpHosts(network));
      return cidr.prefix <= 29;
    } catch {
      return false;
    }
  },
  sample: (network) => {
    // Drops the first host (when there is one) and adds one at the top of the subnet.
    const { cidr } = ipv4Subnet(network);
    const hosts = readIpv4DhcpHosts(network).slice(1);
    const ip = formatAddress(cidr.last - 1n, 'ipv4');
    const mac = '52:54:00:aa:bb:cc';
    const others = hosts.filter((h) => h.ip !== ip && h.mac !== mac);
    return { hosts: [...others, { mac, ip, name: 'vdk-sample' }] };
  },
  apply: setNetworkDhcpHosts,
};
