/** The networks of one connection as the Networks tab lists them. */
import type { NetworkSummary } from '../../../shared/api/networkTypes';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  getNetworkAutostart,
  getNetworkXml,
  isNetworkActive,
  isNetworkPersistent,
  listAllNetworks,
  lookupNetworkByName,
} from '../../libvirt/network';
import type { NetworkRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { isNotFound } from '../../libvirt/rpc/errors';
import { readNetworkXml } from '../../xml/networkXml';

export async function readNetworkSummary(rpc: RpcClient, net: NetworkRef): Promise<NetworkSummary> {
  const [xml, active, persistent, autostart] = await Promise.all([
    getNetworkXml(rpc, net),
    isNetworkActive(rpc, net),
    isNetworkPersistent(rpc, net),
    getNetworkAutostart(rpc, net),
  ]);
  const facts = readNetworkXml(xml);
  return {
    name: net.name,
    uuid: facts.uuid,
    active,
    persistent,
    autostart,
    forwardMode: facts.forwardMode,
    forwardDev: facts.forwardDev,
    bridge: facts.bridge,
    domain: facts.domain,
    ips: facts.ips,
  };
}

export async function listNetworks(rpc: RpcClient): Promise<NetworkSummary[]> {
  const refs = await listAllNetworks(rpc);
  // A network removed between the list and its reads is left out, not an error.
  const rows = await Promise.all(
    refs.map((ref) => readNetworkSummary(rpc, ref).catch(() => undefined)),
  );
  return rows
    .filter((r): r is NetworkSummary => r !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The network named `name`, or not-found in words. */
export async function findNetwork(rpc: RpcClient, name: string): Promise<NetworkRef> {
  try {
    return await lookupNetworkByName(rpc, name);
  } catch (err) {
    if (isNotFound(err)) {
      throw new VirtdeckError('not-found', msg('networks.notFound', { name }), {
        cause: err,
      });
    }
    throw err;
  }
}
