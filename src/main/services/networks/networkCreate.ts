/**
 * Creating a network as virt-manager's "Add network" does: everything is checked first against
 * what is on the host (other networks' subnets and bridges, the host's interfaces), then the
 * network is defined, set to autostart and started. A failure after the define undefines it
 * again, so a failed create leaves nothing behind.
 */
import type { NetworkSpec, NetworkSummary } from '../../../shared/api/networkTypes';
import type { Host } from '../../hosts/host';
import {
  defineNetwork,
  setNetworkAutostart,
  startNetwork,
  stopNetwork,
  undefineNetwork,
} from '../../libvirt/network';
import type { RpcClient } from '../../libvirt/rpc/client';
import { buildNetworkXml } from '../../xml/networkXml';
import { listHostInterfaces } from '../host/hostInterfaces';
import { checkNetworkSpec, type NetworkCheckContext } from './networkChecks';
import { listNetworks, readNetworkSummary } from './networkList';

/** The host as the checks need it; interfaces stay unknown when they cannot be read. */
export async function networkCheckContext(
  host: Host,
  rpc: RpcClient,
  except?: string,
): Promise<NetworkCheckContext> {
  const [networks, interfaces] = await Promise.all([
    listNetworks(rpc),
    listHostInterfaces(host, rpc).then(
      (r) => r.interfaces,
      () => undefined,
    ),
  ]);
  return { networks: networks.filter((n) => n.name !== except), interfaces };
}

export async function createNetwork(
  host: Host,
  rpc: RpcClient,
  spec: NetworkSpec,
): Promise<NetworkSummary> {
  const checked = checkNetworkSpec(spec, await networkCheckContext(host, rpc));
  const net = await defineNetwork(rpc, buildNetworkXml(checked));
  let started = false;
  try {
    if (checked.autostart) await setNetworkAutostart(rpc, net, true);
    if (checked.start !== false) {
      await startNetwork(rpc, net);
      started = true;
    }
    return await readNetworkSummary(rpc, net);
  } catch (err) {
    if (started) await stopNetwork(rpc, net).catch(() => {});
    await undefineNetwork(rpc, net).catch(() => {});
    throw err;
  }
}
