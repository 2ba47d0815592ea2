/** Virtual networks (virsh net-*): list, XML, define, start, stop, undefine, autostart. */
import type { RpcClient } from './rpc/client';
import type { NetworkRef } from './refs';

export async function listAllNetworks(rpc: RpcClient, flags = 0): Promise<NetworkRef[]> {
  return (await rpc.call('CONNECT_LIST_ALL_NETWORKS', { need_results: 1, flags })).nets;
}

export async function lookupNetworkByName(rpc: RpcClient, name: string): Promise<NetworkRef> {
  return (await rpc.call('NETWORK_LOOKUP_BY_NAME', { name })).net;
}

export async function getNetworkXml(rpc: RpcClient, net: NetworkRef, flags = 0): Promise<string> {
  return (await rpc.call('NETWORK_GET_XML_DESC', { net, flags })).xml;
}

export async function defineNetwork(rpc: RpcClient, xml: string): Promise<NetworkRef> {
  return (await rpc.call('NETWORK_DEFINE_XML', { xml })).net;
}

export async function undefineNetwork(rpc: RpcClient, net: NetworkRef): Promise<void> {
  await rpc.call('NETWORK_UNDEFINE', { net });
}

export async function startNetwork(rpc: RpcClient, net: NetworkRef): Promise<void> {
  await rpc.call('NETWORK_CREATE', { net });
}

export async function stopNetwork(rpc: RpcClient, net: NetworkRef): Promise<void> {
  await rpc.call('NETWORK_DESTROY', { net });
}

export async function isNetworkActive(rpc: RpcClient, net: NetworkRef): Promise<boolean> {
  return (await rpc.call('NETWORK_IS_ACTIVE', { net })).active !== 0;
}

export async function isNetworkPersistent(rpc: RpcClient, net: NetworkRef): Promise<boolean> {
  return (await rpc.call('NETWORK_IS_PERSISTENT', { net })).persistent !== 0;
}

export async function getNetworkAutostart(rpc: RpcClient, net: NetworkRef): Promise<boolean> {
  return (await rpc.call('NETWORK_GET_AUTOSTART', { net })).autostart !== 0;
}

export async function setNetworkAutostart(
  rpc: RpcClient,
  net: NetworkRef,
  autostart: boolean,
): Promise<void> {
  await rpc.call('NETWORK_SET_AUTOSTART', { net, autostart: autostart ? 1 : 0 });
}

/**
 * Changes one part of a network in place (virsh net-update): `xml` is the one element to add,
 * delete or modify (a <host/> for VIR_NETWORK_SECTION_IP_DHCP_HOST), `parentIndex` which <ip> it
 * belongs to (-1: the first that fits). `command`, `section` and `flags` are libvirt's
 * virNetworkUpdateCommand, virNetworkUpdateSection and virNetworkUpdateFlags.
 */
export async function updateNetwork(
  rpc: RpcClient,
  net: NetworkRef,
  change: { command: number; section: number; xml: string; parentIndex?: number; flags: number },
): Promise<void> {
  await rpc.call('NETWORK_UPDATE', {
    net,
    command: change.command,
    section: change.section,
    parentIndex: change.parentIndex ?? -1,
    xml: change.xml,
    flags: change.flags,
  });
}

export interface NetworkLease {
  iface: string;
  /** Epoch seconds. */
  expiryTime: number;
  /** 0 IPv4, 1 IPv6 (virIPAddrType). */
  type: number;
  mac: string | null;
  ip: string;
  prefix: number;
  hostname: string | null;
  clientId: string | null;
}

/** The DHCP leases dnsmasq handed out on a running network (virsh net-dhcp-leases). */
export async function getDhcpLeases(rpc: RpcClient, net: NetworkRef): Promise<NetworkLease[]> {
  const { leases } = await rpc.call('NETWORK_GET_DHCP_LEASES', {
    net,
    mac: null,
    need_results: 1,
    flags: 0,
  });
  return leases.map((l) => ({
    iface: l.iface,
    expiryTime: Number(l.expirytime),
    type: l.type,
    mac: l.mac,
    ip: l.ipaddr,
    prefix: l.prefix,
    hostname: l.hostname,
    clientId: l.clientid,
  }));
}
