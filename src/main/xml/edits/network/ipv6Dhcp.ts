/**
 * DHCPv6 of a network's first IPv6 <ip>: its range and its static hosts, edited as the IPv4 ones
 * are (dhcpRange.ts, dhcpHosts.ts): the first <range> is changed in place, a <host> equal to a
 * wanted one is kept untouched, the others go. An IPv6 static host is named by its DHCPv6 client
 * id (DUID, <host id=...>) or its host name, never by a MAC: libvirt refuses a MAC there.
 */
import type { Element } from '@xmldom/xmldom';
import type { DhcpHost } from '../../../../shared/api/networkTypes';
import { addressValue, cidrOf, contains, formatAddress, type Cidr } from '../../cidr';
import { readNetworkIp } from '../../networkXml';
import { invalidInput } from '../../../../shared/inputChecks';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, removeIfEmpty, setAttr } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import type { XmlEdit } from '../editTypes';
import { DHCP_ORDER } from './networkOrder';

/** A DUID: hex bytes separated by ":" (as libvirt writes them, "0:3:0:1:52:54:0:1:2:3"). */
const DUID = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){1,129}$/i;
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9-]+)*$/;

export function firstIpv6(network: Element): Element | undefined {
  return childElements(network, 'ip').find(
    (ip) => attribute(ip, 'family') === 'ipv6' && attribute(ip, 'address'),
  );
}

export function ipv6Subnet(network: Element): { ip: Element; cidr: Cidr; own: bigint } {
  const ip = firstIpv6(network);
  const facts = ip && readNetworkIp(ip);
  const cidr = facts && cidrOf(facts.address, facts.prefix, 'ipv6');
  const own = facts && addressValue(facts.address, 'ipv6');
  if (!ip || !cidr || own === undefined) {
    throw invalidInput('This network has no IPv6 address to serve DHCPv6 on', 'ipv6.address');
  }
  return { ip, cidr, own };
}

/** The address as a number when it is an IPv6 address inside `cidr` (else invalid-input). */
function addressIn(cidr: Cidr, address: string, what: string, field: string): bigint {
  const v = addressValue(address, 'ipv6');
  if (v === undefined) throw invalidInput(`${what} "${address}" is not an IPv6 address`, field);
  // The subnet's first address is its subnet-router anycast address, never a host's.
  if (!contains(cidr, v) || v === cidr.first) {
    throw invalidInput(`${what} ${address} is outside the subnet ${cidr.text}`, field);
  }
  return v;
}

export function setNetworkIpv6DhcpRange(
  xml: string,
  params: { range: { start: string; end: string } | null },
): string {
  return editXml(xml, 'network', (network) => {
    const { ip, cidr } = ipv6Subnet(network);
    const dhcp = firstChild(ip, 'dhcp');
    if (params.range === null) {
      if (!dhcp) return;
      for (const r of childElements(dhcp, 'range')) removeElement(r);
      removeIfEmpty(dhcp);
      return;
    }
    const start = params.range.start.trim();
    const end = params.range.end.trim();
    const s = addressIn(cidr, start, 'The range start', 'ipv6.dhcpStart');
    const e = addressIn(cidr, end, 'The range end', 'ipv6.dhcpEnd');
    if (s > e) {
      throw invalidInput(`The range ends (${end}) before it starts (${start})`, 'ipv6.dhcpEnd');
    }
    const existing = dhcp && firstChild(dhcp, 'range');
    if (existing) {
      setAttr(existing, 'start', start);
      setAttr(existing, 'end', end);
      return;
    }
    insertSpec(ensureChild(ip, 'dhcp'), x('range', { start, end }), [...DHCP_ORDER]);
  });
}

export function readIpv6DhcpHosts(network: Element): DhcpHost[] {
  const ip = firstIpv6(network);
  const dhcp = ip && firstChild(ip, 'dhcp');
  return (dhcp ? childElements(dhcp, 'host') : []).map(readHost);
}

function readHost(h: Element): DhcpHost {
  return { id: attribute(h, 'id'), name: attribute(h, 'name'), ip: attribute(h, 'ip') ?? '' };
}

/** Same DUID (ignoring case), name and address. */
export function sameIpv6Host(a: DhcpHost, b: DhcpHost): boolean {
  return (
    (a.id ?? '').toLowerCase() === (b.id ?? '').toLowerCase() &&
    (a.name ?? '') === (b.name ?? '') &&
    a.ip === b.ip
  );
}

/**
 * The hosts checked: invalid-input names the entry at fault (ipv6.hosts.N.id / .name / .ip). A
 * host the network has already, unchanged, is kept without a check, as the IPv4 ones are
 * (dhcpHosts.ts): the edit answers only for the hosts it adds.
 */
export function normaliseIpv6Hosts(network: Element, hosts: readonly DhcpHost[]): DhcpHost[] {
  const { cidr, own } = ipv6Subnet(network);
  const existing = readIpv6DhcpHosts(network);
  const trimmed = hosts.map((h) => ({
    mac: h.mac?.trim() || undefined,
    id: h.id?.trim() ? h.id.trim().toLowerCase() : undefined,
    name: h.name?.trim() || undefined,
    ip: h.ip.trim(),
  }));
  const kept = trimmed.map((h) => !h.mac && existing.some((e) => sameIpv6Host(e, h)));
  const keyOf = (ip: string) => {
    const v = addressValue(ip, 'ipv6');
    return v === undefined ? ip : formatAddress(v, 'ipv6');
  };
  const seen = new Set(trimmed.filter((_, i) => kept[i]).map((h) => keyOf(h.ip)));
  return trimmed.map((h, i) => {
    const { id, name, ip } = h;
    if (kept[i]) return { id, name, ip };
    const at = `ipv6.hosts.${i}`;
    if (h.mac) {
      throw invalidInput('An IPv6 static host is named by its DUID or host name, not a MAC', at);
    }
    if (id !== undefined && !DUID.test(id)) {
      throw invalidInput(`"${id}" is not a DUID (hex bytes separated by ":")`, `${at}.id`);
    }
    if (name !== undefined && !HOST_NAME.test(name)) {
      throw invalidInput(`"${name}" is not a host name (letters, digits and "-")`, `${at}.name`);
    }
    if (!id && !name) throw invalidInput('Give a DUID or a host name', `${at}.id`);
    const v = addressIn(cidr, ip, 'The address', `${at}.ip`);
    if (v === own) {
      throw invalidInput(`${ip} is the host's own address on this network`, `${at}.ip`);
    }
    const key = formatAddress(v, 'ipv6');
    if (seen.has(key)) throw invalidInput(`${ip} is listed twice`, `${at}.ip`);
    seen.add(key);
    return { id, name, ip };
  });
}

export function setNetworkIpv6DhcpHosts(xml: string, params: { hosts: DhcpHost[] }): string {
  return editXml(xml, 'network', (network) => {
    const wanted = normaliseIpv6Hosts(network, params.hosts);
    const { ip } = ipv6Subnet(network);
    const dhcp = firstChild(ip, 'dhcp');
    const kept: DhcpHost[] = [];
    for (const el of dhcp ? childElements(dhcp, 'host') : []) {
      const host = readHost(el);
      if (wanted.some((w) => sameIpv6Host(w, host))) kept.push(host);
      else removeElement(el);
    }
    const added = wanted.filter((w) => !kept.some((k) => sameIpv6Host(k, w)));
    if (added.length > 0) {
      const target = ensureChild(ip, 'dhcp');
      // libvirt's own attribute order for an IPv6 host: id, name, ip.
      for (const h of added) {
        insertSpec(target, x('host', { id: h.id, name: h.name, ip: h.ip }), [...DHCP_ORDER]);
      }
    } else if (dhcp) {
      removeIfEmpty(dhcp);
    }
  });
}

function dhcpv6Applies(network: Element): boolean {
  try {
    return ipv6Subnet(network).cidr.prefix <= 120;
  } catch {
    return false;
  }
}

export const ipv6DhcpRangeEdit: XmlEdit<{ range: { start: string; end: string } | null }> = {
  id: 'network.ipv6.dhcpRange',
  root: 'network',
  scope: ['network/ip/dhcp'],
  applies: dhcpv6Applies,
  sample: (network) => {
    const { cidr } = ipv6Subnet(network);
    return {
      range: {
        start: formatAddress(cidr.last - 9n, 'ipv6'),
        end: formatAddress(cidr.last - 2n, 'ipv6'),
      },
    };
  },
  apply: setNetworkIpv6DhcpRange,
};

export const ipv6DhcpHostsEdit: XmlEdit<{ hosts: DhcpHost[] }> = {
  id: 'network.ipv6.dhcpHosts',
  root: 'network',
  scope: ['network/ip/dhcp'],
  applies: (network) => {
    if (!dhcpv6Applies(network)) return false;
    try {
      normaliseIpv6Hosts(network, readIpv6DhcpHosts(network));
      return true;
    } catch {
      return false;
    }
  },
  sample: (network) => {
    // Drops the first host (when there is one) and adds one at the top of the subnet.
    const { cidr } = ipv6Subnet(network);
    const ip = formatAddress(cidr.last - 1n, 'ipv6');
    const others = readIpv6DhcpHosts(network)
      .slice(1)
      .filter((h) => addressValue(h.ip, 'ipv6') !== cidr.last - 1n);
    return { hosts: [...others, { id: '0:3:0:1:52:54:0:aa:bb:cc', name: 'vdk-sample6', ip }] };
  },
  apply: setNetworkIpv6DhcpHosts,
};
