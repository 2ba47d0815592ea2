/** The host's network interfaces as libvirt's interface driver sees them (virsh iface-*). */
import type { RemoteNonnullInterface } from './rpc/generated/remoteProtocol';
import type { RpcClient } from './rpc/client';

export type InterfaceRef = RemoteNonnullInterface;

export async function listAllInterfaces(rpc: RpcClient, flags = 0): Promise<InterfaceRef[]> {
  return (await rpc.call('CONNECT_LIST_ALL_INTERFACES', { need_results: 1, flags })).ifaces;
}

export async function getInterfaceXml(
  rpc: RpcClient,
  iface: InterfaceRef,
  flags = 0,
): Promise<string> {
  return (await rpc.call('INTERFACE_GET_XML_DESC', { iface, flags })).xml;
}
