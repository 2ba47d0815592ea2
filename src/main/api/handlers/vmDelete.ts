/** Deleting a VM with its storage (shared/api/methods/vmDelete.ts) onto services/vmDelete/. */
import type { VmDeleteMethods } from '../../../shared/api/methods/vmDelete';
import { planVmDelete } from '../../services/vmDelete/deletePlan';
import { deleteVm } from '../../services/vmDelete/deleteVm';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function vmDeleteHandlers({ sessions }: HandlerDeps): HandlersOf<VmDeleteMethods> {
  const on = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  // The host's other connections (e.g. qemu:///session beside qemu:///system): their VMs' disks
  // count as "used by another VM" too.
  const neighbours = (p: { connectionId: string }) =>
    sessions.sameHost(p.connectionId).map((s) => ({
      label: s.config.label ?? s.config.uri,
      rpc: s.libvirt().rpc,
    }));
  return {
    'vms.deletePlan': async (p) => planVmDelete(on(p).connection, p.uuid, neighbours(p)),
    'vms.delete': async (p) => deleteVm(on(p).connection, p.uuid, p, neighbours(p)),
  };
}
