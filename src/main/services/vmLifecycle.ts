/**
 * The lifecycle verbs of the VM list (Run, Pause, ... Restore) on a real domain. Each is checked
 * against the VM's state first, so a stale button press gets a clear refusal, not libvirt's.
 */
import type { LifecycleAction, VmSummary } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { msg, type Message, type MessageKey } from '../../shared/messages/message';
import { actionApplies, driverSupports, refusedAsTemplate } from '../../shared/vmActions';
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

/** The refusal of each action for a VM in a state it does not apply to. */
const REFUSED = {
  run: 'lifecycle.cannotRun',
  restore: 'lifecycle.cannotRestore',
  pause: 'lifecycle.cannotPause',
  resume: 'lifecycle.cannotResume',
  shutdown: 'lifecycle.cannotShutdown',
  reboot: 'lifecycle.cannotReboot',
  reset: 'lifecycle.cannotReset',
  forceOff: 'lifecycle.cannotForceOff',
  save: 'lifecycle.cannotSave',
} as const satisfies Record<LifecycleAction, MessageKey>;

export async function runLifecycleAction(
  rpc: RpcClient,
  vm: VmSummary,
  action: LifecycleAction,
): Promise<void> {
  const verb = VERBS[action];
  if (!verb) {
    throw new VirtdeckError(
      'invalid-input',
      msg('lifecycle.unknownAction', { action: String(action) }),
    );
  }
  if (refusedAsTemplate(action, vm)) {
    throw new VirtdeckError(
      'invalid-input',
      action === 'restore'
        ? msg('lifecycle.templateRestore', { name: vm.name })
        : msg('lifecycle.templateRun', { name: vm.name }),
    );
  }
  if (!actionApplies(action, vm)) {
    throw new VirtdeckError('invalid-input', refusal(action, vm));
  }
  const dom = await lookupDomainByUuid(rpc, uuidFromString(vm.uuid));
  await verb(rpc, dom);
}

/** Why the action does not apply to the VM now: the action, the VM and its state in one key. */
function refusal(action: LifecycleAction, vm: VmSummary): Message {
  const name = vm.name;
  if (!driverSupports(action, vm)) return msg('lifecycle.lxcUnsupported', { name });
  if (action === 'save' && !vm.persistent) return msg('lifecycle.saveTransient', { name });
  if (action === 'run' && vm.hasManagedSave) return msg('lifecycle.runSaved', { name });
  return msg(REFUSED[action], { name, state: STATE_WORDS[vm.state] });
}
