/**
 * The network's XML view: the persistent definition as libvirt returns it, and the user's edited
 * text defined as it is (nothing of it is rebuilt, so every node the app does not know survives).
 * It must still describe this network (same name, same UUID or none): another name or UUID would
 * silently define a second network. libvirt's own error is passed on in its words, and on any
 * error nothing has changed.
 */
import type { NetworkEditResult, NetworkSummary } from '../../../shared/api/networkTypes';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  defineNetwork,
  getNetworkXml,
  isNetworkActive,
  isNetworkPersistent,
} from '../../libvirt/network';
import type { RpcClient } from '../../libvirt/rpc/client';
import { LibvirtError } from '../../libvirt/rpc/errors';
import { readNetworkXml } from '../../xml/networkXml';
import { firstChild, parseXml } from '../../xml/xmlDocument';
import { findNetwork, readNetworkSummary } from './networkList';
import { virNetworkXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';

/** Checks that `xml` is a <network> named `name` with `uuid` (or none); throws invalid-input. */
export function checkSameNetwork(xml: string, name: string, uuid: string): void {
  const root = parseXml(xml).documentElement;
  if (root?.nodeName !== 'network') {
    throw InvalidInputError.ofFields({
      xml: msg('networks.xmlNotNetwork', { root: root?.nodeName ?? '' }),
    });
  }
  const ownName = firstChild(root, 'name')?.textContent?.trim();
  if (ownName !== name) {
    throw InvalidInputError.ofFields({ xml: msg('networks.xmlKeepName', { name }) });
  }
  const ownUuid = firstChild(root, 'uuid')?.textContent?.trim().toLowerCase();
  if (ownUuid !== undefined && ownUuid !== uuid.toLowerCase()) {
    throw InvalidInputError.ofFields({ xml: msg('networks.xmlKeepUuid', { uuid }) });
  }
}

export async function defineNetworkXmlByName(
  rpc: RpcClient,
  name: string,
  xml: string,
): Promise<NetworkEditResult> {
  const net = await findNetwork(rpc, name);
  if (!(await isNetworkPersistent(rpc, net))) {
    throw new VirtdeckError('invalid-input', msg('networks.transientXml', { name }));
  }
  const before = await getNetworkXml(rpc, net, virNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE);
  checkSameNetwork(xml, name, readNetworkXml(before).uuid);
  try {
    await defineNetwork(rpc, xml);
  } catch (err) {
    if (err instanceof LibvirtError) {
      throw new VirtdeckError('libvirt', msg('networks.xmlRefused', { why: err.message }), {
        cause: err,
      });
    }
    throw err;
  }
  const after = await getNetworkXml(rpc, net, virNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE);
  // A running network takes a new definition at its next start.
  return { pendingRestart: after !== before && (await isNetworkActive(rpc, net)) };
}

/**
 * The network as its persistent definition describes it (what the edit form starts from): a
 * running network's list row shows the live XML, which lacks edits waiting for a restart.
 */
export async function networkDefinitionByName(
  rpc: RpcClient,
  name: string,
): Promise<NetworkSummary> {
  const net = await findNetwork(rpc, name);
  const summary = await readNetworkSummary(rpc, net);
  if (!summary.persistent) return summary;
  const facts = readNetworkXml(
    await getNetworkXml(rpc, net, virNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE),
  );
  return {
    ...summary,
    forwardMode: facts.forwardMode,
    forwardDev: facts.forwardDev,
    bridge: facts.bridge,
    domain: facts.domain,
    ips: facts.ips,
  };
}
