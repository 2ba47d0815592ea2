/** Virtual networks (shared/api/methods/networks.ts) onto services/networks/. */
import type { NetworkMethods } from '../../../shared/api/methods/networks';
import { networkLeases } from '../../services/networks/dhcpLeases';
import {
  deleteNetworkByName,
  networkXmlByName,
  setAutostartByName,
  startNetworkByName,
  stopNetworkByName,
} from '../../services/networks/networkActions';
import { createNetwork } from '../../services/networks/networkCreate';
import { editNetwork } from '../../services/networks/networkEdit';
import { listNetworks } from '../../services/networks/networkList';
import {
  defineNetworkXmlByName,
  networkDefinitionByName,
} from '../../services/networks/networkXmlDefine';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function networkHandlers({ sessions }: HandlerDeps): HandlersOf<NetworkMethods> {
  const on = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  return {
    'networks.list': async (p) => listNetworks(on(p).rpc),
    'networks.create': async (p) => {
      const { host, rpc } = on(p);
      return createNetwork(host, rpc, p.spec);
    },
    'networks.start': async (p) => startNetworkByName(on(p).rpc, p.name),
    'networks.stop': async (p) => stopNetworkByName(on(p).rpc, p.name),
    'networks.setAutostart': async (p) => setAutostartByName(on(p).rpc, p.name, p.autostart),
    'networks.delete': async (p) => deleteNetworkByName(on(p).rpc, p.name),
    'networks.edit': async (p) => {
      const { host, rpc } = on(p);
      return editNetwork(rpc, p.name, p.changes, host);
    },
    'networks.leases': async (p) => networkLeases(on(p).rpc, p.name),
    'networks.xml': async (p) => networkXmlByName(on(p).rpc, p.name),
    'networks.definition': async (p) => networkDefinitionByName(on(p).rpc, p.name),
    'networks.defineXml': async (p) => defineNetworkXmlByName(on(p).rpc, p.name, p.xml),
  };
}
