import type { HostMethods } from '../../../shared/api/methods/host';
import { listHostInterfaces } from '../../services/host/hostInterfaces';
import { readHostOverview } from '../../services/host/hostOverview';
import { sampleHostUsage } from '../../services/host/hostUsage';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function hostHandlers({ sessions }: HandlerDeps): HandlersOf<HostMethods> {
  const on = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  return {
    'host.overview': async (p) => readHostOverview(on(p).connection),
    'host.usage': async (p) => sampleHostUsage(on(p).connection),
    'host.interfaces': async (p) => {
      const { host, rpc } = on(p);
      return listHostInterfaces(host, rpc);
    },
  };
}
