/**
 * A network's DHCP leases (virsh net-dhcp-leases), each joined with the VM that owns its MAC:
 * the MACs come from every domain's <interface> elements, read in one burst of pipelined calls.
 */
import type { DhcpLease } from '../../../shared/api/networkTypes';
import { getDomainXml, listAllDomains } from '../../libvirt/domain';
import { getDhcpLeases, isNetworkActive } from '../../libvirt/network';
import { uuidToString } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { findNetwork } from './networkList';
import { virIPAddrType } from '../../libvirt/rpc/generated/libvirtEnums';

/** MAC (lower case) -> the VM with an interface of that MAC. */
export async function vmsByMac(
  rpc: RpcClient,
): Promise<Map<string, { name: string; uuid: string }>> {
  const doms = await listAllDomains(rpc);
  const xmls = await Promise.all(doms.map((d) => getDomainXml(rpc, d).catch(() => undefined)));
  const out = new Map<string, { name: string; uuid: string }>();
  doms.forEach((dom, i) => {
    const xml = xmls[i];
    if (!xml) return;
    const root = parseXml(xml).documentElement;
    const devices = root && firstChild(root, 'devices');
    for (const iface of devices ? childElements(devices, 'interface') : []) {
      const mac = attribute(firstChild(iface, 'mac'), 'address')?.toLowerCase();
      if (mac) out.set(mac, { name: dom.name, uuid: uuidToString(dom.uuid) });
    }
  });
  return out;
}

export async function networkLeases(rpc: RpcClient, name: string): Promise<DhcpLease[]> {
  const net = await findNetwork(rpc, name);
  // A stopped network has no dnsmasq and so no leases.
  if (!(await isNetworkActive(rpc, net))) return [];
  const [leases, owners] = await Promise.all([getDhcpLeases(rpc, net), vmsByMac(rpc)]);
  return leases
    .map((l) => ({
      ip: l.ip,
      prefix: l.prefix,
      family:
        l.type === virIPAddrType.VIR_IP_ADDR_TYPE_IPV6 ? ('ipv6' as const) : ('ipv4' as const),
      mac: l.mac ?? undefined,
      hostname: l.hostname ?? undefined,
      expiresAt: l.expiryTime * 1000,
      vm: l.mac ? owners.get(l.mac.toLowerCase()) : undefined,
    }))
    .sort((a, b) => a.ip.localeCompare(b.ip, undefined, { numeric: true }));
}
