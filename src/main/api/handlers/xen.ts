/** New Xen guests (shared/api/methods/xen.ts) onto services/xen/. */
import type { XenMethods } from '../../../shared/api/methods/xen';
import { createXenGuest, previewXenGuestXml } from '../../services/xen/createXenGuest';
import { xenHostFacts } from '../../services/xen/xenHostFacts';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function xenHandlers({ sessions }: HandlerDeps): HandlersOf<XenMethods> {
  const on = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  return {
    'xen.hostFacts': async (p) => xenHostFacts(on(p).host, on(p).rpc),
    'xen.previewXml': async (p) => previewXenGuestXml(on(p).host, on(p).connection, p),
    'xen.create': async (p) => createXenGuest(on(p).host, on(p).connection, p),
  };
}
