/** Start, stop, autostart and delete, each refused in words when it cannot apply. */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  getNetworkXml,
  isNetworkActive,
  isNetworkPersistent,
  setNetworkAutostart,
  startNetwork,
  stopNetwork,
  undefineNetwork,
} from '../../libvirt/network';
import type { RpcClient } from '../../libvirt/rpc/client';
import { findNetwork } from './networkList';
import { virNetworkXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';

export async function startNetworkByName(rpc: RpcClient, name: string): Promise<void> {
  const net = await findNetwork(rpc, name);
  if (await isNetworkActive(rpc, net)) return;
  await startNetwork(rpc, net);
}

export async function stopNetworkByName(rpc: RpcClient, name: string): Promise<void> {
  const net = await findNetwork(rpc, name);
  if (!(await isNetworkActive(rpc, net))) return;
  await stopNetwork(rpc, net);
}

export async function setAutostartByName(
  rpc: RpcClient,
  name: string,
  autostart: boolean,
): Promise<void> {
  const net = await findNetwork(rpc, name);
  if (!(await isNetworkPersistent(rpc, net))) {
    throw new VirtdeckError('invalid-input', msg('networks.transientAutostart', { name }));
  }
  await setNetworkAutostart(rpc, net, autostart);
}

/** Stops the network when it runs, then undefines it (a transient one is gone once stopped). */
export async function deleteNetworkByName(rpc: RpcClient, name: string): Promise<void> {
  const net = await findNetwork(rpc, name);
  const persistent = await isNetworkPersistent(rpc, net);
  if (await isNetworkActive(rpc, net)) await stopNetwork(rpc, net);
  if (persistent) await undefineNetwork(rpc, net);
}

/** The persistent definition when there is one, else the running network's XML. */
export async function networkXmlByName(rpc: RpcClient, name: string): Promise<string> {
  const net = await findNetwork(rpc, name);
  const persistent = await isNetworkPersistent(rpc, net);
  return getNetworkXml(rpc, net, persistent ? virNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE : 0);
}
