/**
 * The lifecycle verbs of the VM list (Run, Pause, ... Restore) on a real domain. Each is checked
 * against the VM's state first, so a stale button press gets a clear refusal, not libvirt's.
 */
import type { LifecycleAction, VmSummary } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import {
  actionApplies,
  driverSupports,
  refusedAsTemplate,
  TEMPLATE_REFUSAL,
} from '../../shared/vmActions';
import {
  destroyDomain,
  lookupDomainByUuid,
  managedSaveDomain,
  rebootDomain,
  resetDomain,
  resumeDomain,
  shutdownDomain,
  startDomain,
  suspendDomain,
} from '../libvirt/domain';
import { uuidFromString, type DomainRef } from '../libvirt/refs';
import type { RpcClient } from '../libvirt/rpc/client';

const VERBS: Record<LifecycleAction, (rpc: RpcClient, dom: DomainRef) => Promise<unknown>> = {
  run: (rpc, dom) => startDomain(rpc, dom),
  // Starting a domain that has a managed save image resumes it from that image.
  restore: (rpc, dom) => startDomain(rpc, dom),
  pause: suspendDomain,
  resume: resumeDomain,
  shutdown: (rpc, dom) => shutdownDomain(rpc, dom),
  reboot: (rpc, dom) => rebootDomain(rpc, dom),
  reset: resetDomain,
  forceOff: (rpc, dom) => destroyDomain(rpc, dom),
  save: (rpc, dom) => managedSaveDomain(rpc, dom),
};

const STATE_WORDS: Record<VmSummary['state'], string> = {
  nostate: 'in no state',
  running: 'running',
  blocked: 'blocked',
  paused: 'paused',
  shutdown: 'shutting down',
  shutoff: 'shut off',
  crashed: 'crashed',
  pmsuspended: 'suspended',
};

export async function runLifecycleAction(
  rpc: RpcClient,
  vm: VmSummary,
  action: LifecycleAction,
): Promise<void> {
  const verb = VERBS[action];
  if (!verb) throw new VirtdeckError('invalid-input', `Unknown action "${String(action)}"`);
  if (refusedAsTemplate(action, vm)) {
    throw new VirtdeckError('invalid-input', `Cannot ${action} "${vm.name}". ${TEMPLATE_REFUSAL}`);
  }
  if (!actionApplies(action, vm)) {
    const why = !driverSupports(action, vm)
      ? "it is an LXC container, and libvirt's LXC driver cannot do that"
      : action === 'save' && !vm.persistent
        ? 'it is a transient VM'
        : action === 'run' && vm.hasManagedSave
          ? 'it has a saved state (use Restore)'
          : `it is ${STATE_WORDS[vm.state]}`;
    throw new VirtdeckError('invalid-input', `Cannot ${actionWords(action)} "${vm.name}": ${why}`);
  }
  const dom = await lookupDomainByUuid(rpc, uuidFromString(vm.uuid));
  await verb(rpc, dom);
}

function actionWords(action: LifecycleAction): string {
  return action === 'forceOff' ? 'force off' : action === 'shutdown' ? 'shut down' : action;
}
