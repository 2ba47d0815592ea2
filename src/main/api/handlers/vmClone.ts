/** Clones and templates (shared/api/methods/vmClone.ts) onto services/vmClone/. */
import type { VmCloneMethods } from '../../../shared/api/methods/vmClone';
import { planClone } from '../../services/vmClone/clonePlan';
import { startCloneVm } from '../../services/vmClone/cloneVm';
import { setTemplate } from '../../services/vmClone/template';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function vmCloneHandlers({ sessions, jobs }: HandlerDeps): HandlersOf<VmCloneMethods> {
  const on = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  return {
    'vms.clonePlan': async (p) => planClone(on(p).host, on(p).connection, p.uuid),
    'vms.clone': async (p) => {
      const { result: _result, ...started } = await startCloneVm(
        on(p).host,
        on(p).connection,
        jobs,
        p,
      );
      return started;
    },
    'vms.setTemplate': async (p) => setTemplate(on(p).rpc, p.uuid, p.template),
  };
}
