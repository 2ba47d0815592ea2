/** Virtual networks (virsh net-*): list, XML, define, start, stop, undefine, autostart. */
import type { RpcClient } from './rpc/client';
import type { NetworkRef } from './refs';

/** virConnectListAllNetworksFlags */
export const ListNetworksFlags = {
  Inactive: 1,
  Active: 2,
  Persistent: 4,
  Transient: 8,
  Autostart: 16,
  NoAutostart: 32,
} as const;

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
