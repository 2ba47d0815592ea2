/**
 * The host's interfaces and bridges, read-only, so a user can pick br0 for a bridged network or
 * VM. libvirt's interface driver is asked first; where it is missing (no netcf / udev backend)
 * `ip -j -d addr` on the host gives the list. The udev backend knows no addresses, so those come
 * from `ip` when it runs.
 */
import type { Element } from '@xmldom/xmldom';
import type {
  HostInterface,
  HostInterfaceAddress,
  HostInterfaces,
} from '../../../shared/api/hostTypes';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import { getInterfaceXml, listAllInterfaces } from '../../libvirt/hostInterface';
import type { RpcClient } from '../../libvirt/rpc/client';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';

export async function listHostInterfaces(host: Host, rpc: RpcClient): Promise<HostInterfaces> {
  // Either source may fail; the failure is kept as a value so the other can still answer.
  const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
  const [fromLibvirt, fromIp] = await Promise.all([
    libvirtInterfaces(rpc).catch(asError),
    ipInterfaces(host).catch(asError),
  ]);
  if (Array.isArray(fromLibvirt)) {
    if (!Array.isArray(fromIp)) return { source: 'libvirt', interfaces: fromLibvirt };
    const known = new Map(fromIp.map((i) => [i.name, i]));
    let filled = false;
    const interfaces = fromLibvirt.map((i) => {
      const seen = known.get(i.name);
      if (!seen) return i;
      const addresses = i.addresses.length > 0 ? i.addresses : seen.addresses;
      const members = i.members.length > 0 ? i.members : seen.members;
      filled ||= addresses !== i.addresses || members !== i.members;
      const type = i.type === 'ethernet' && seen.type !== 'ethernet' ? seen.type : i.type;
      return { ...i, type, addresses, members, bridge: i.bridge ?? seen.bridge };
    });
    return { source: 'libvirt', addressesFrom: filled ? 'ip' : undefined, interfaces };
  }
  if (Array.isArray(fromIp)) return { source: 'ip', interfaces: fromIp };
  const why = fromLibvirt.message;
  throw new VirtdeckError('not-supported', msg('hostInfo.interfacesUnread', { why }));
}

async function libvirtInterfaces(rpc: RpcClient): Promise<HostInterface[]> {
  const refs = await listAllInterfaces(rpc);
  const xmls = await Promise.all(refs.map((ref) => getInterfaceXml(rpc, ref)));
  const list = xmls.map((xml) => readInterfaceXml(xml));
  // A member lists no bridge of its own: take it from the bridges' member lists.
  for (const bridge of list) {
    for (const member of bridge.members) {
      const m = list.find((i) => i.name === member);
      if (m) m.bridge ??= bridge.name;
    }
  }
  return list.sort(byName);
}

export function readInterfaceXml(xml: string): HostInterface {
  const root = parseXml(xml).documentElement as Element;
  const name = attribute(root, 'name') ?? '';
  const linkState = attribute(firstChild(root, 'link'), 'state');
  const addresses: HostInterfaceAddress[] = childElements(root, 'protocol').flatMap((p) => {
    const family = attribute(p, 'family') === 'ipv6' ? 'ipv6' : 'ipv4';
    return childElements(p, 'ip').map((ip) => ({
      family,
      address: attribute(ip, 'address') ?? '',
      prefix: Number(attribute(ip, 'prefix') ?? (family === 'ipv6' ? 64 : 32)),
    }));
  });
  const bridge = firstChild(root, 'bridge');
  const members = bridge
    ? childElements(bridge, 'interface').map((i) => attribute(i, 'name') ?? '')
    : [];
  const mac = attribute(firstChild(root, 'mac'), 'address');
  return {
    name,
    type: name === 'lo' ? 'loopback' : (attribute(root, 'type') ?? 'ethernet'),
    mac,
    state: linkState === 'up' ? 'up' : linkState === 'down' ? 'down' : 'unknown',
    addresses,
    members,
  };
}

interface IpLink {
  ifname?: string;
  address?: string;
  operstate?: string;
  link_type?: string;
  master?: string;
  flags?: string[];
  linkinfo?: { info_kind?: string };
  addr_info?: { family?: string; local?: string; prefixlen?: number }[];
}

/** `ip` lives in /usr/sbin on some hosts, which a non-root user's PATH may lack. */
const IP_COMMANDS = ['ip', '/usr/sbin/ip', '/sbin/ip'];

async function ipInterfaces(host: Host): Promise<HostInterface[]> {
  let lastError = 'not found';
  for (const ip of IP_COMMANDS) {
    try {
      const res = await host.exec([ip, '-j', '-d', 'addr', 'show']);
      if (res.code === 0) return parseIpJson(res.stdout.toString());
      lastError = res.stderr.toString().trim() || `exit code ${String(res.code)}`;
    } catch (err) {
      if (err instanceof VirtdeckError && err.code === 'disconnected') throw err;
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  throw new Error(`ip: ${lastError}`);
}

export function parseIpJson(text: string): HostInterface[] {
  const links = JSON.parse(text) as IpLink[];
  const list: HostInterface[] = links.map((l) => {
    const up = l.operstate === 'UP' || (l.operstate === 'UNKNOWN' && l.flags?.includes('UP'));
    return {
      name: l.ifname ?? '',
      type:
        l.link_type === 'loopback' ? 'loopback' : (l.linkinfo?.info_kind ?? l.link_type ?? 'ether'),
      mac: l.address,
      state: up ? 'up' : l.operstate === 'DOWN' ? 'down' : 'unknown',
      addresses: (l.addr_info ?? [])
        .filter((a) => a.local && (a.family === 'inet' || a.family === 'inet6'))
        .map((a) => ({
          family: a.family === 'inet6' ? 'ipv6' : 'ipv4',
          address: a.local ?? '',
          prefix: a.prefixlen ?? 0,
        })),
      members: [],
      bridge: l.master,
    };
  });
  for (const i of list) {
    if (i.type === 'ether') i.type = 'ethernet';
    if (i.bridge) list.find((b) => b.name === i.bridge)?.members.push(i.name);
  }
  return list.sort(byName);
}

function byName(a: HostInterface, b: HostInterface): number {
  return a.name.localeCompare(b.name);
}
