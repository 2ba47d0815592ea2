/** Deleting a VM with its storage (shared/api/methods/vmDelete.ts) onto services/vmDelete/. */
import type { VmDeleteMethods } from '../../../shared/api/methods/vmDelete';
import { planVmDelete } from '../../services/vmDelete/deletePlan';
import { deleteVm } from '../../services/vmDelete/deleteVm';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function vmDeleteHandlers({ sessions }: HandlerDeps): HandlersOf<VmDeleteMethods> {
  const on = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  return {
    'vms.deletePlan': async (p) => planVmDelete(on(p).connection, p.uuid),
    'vms.delete': async (p) => deleteVm(on(p).connection, p.uuid, p),
  };
}
