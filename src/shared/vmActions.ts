/**
 * Which lifecycle actions apply to a VM in a given state, as virt-manager enables its buttons.
 * The renderer disables the others; the backend refuses them with the same words.
 */
import type { LifecycleAction, VmState, VmSummary } from './api/types';

const ACTIVE: readonly VmState[] = ['running', 'blocked', 'paused', 'pmsuspended', 'shutdown'];

/**
 * Why a template refuses an action, in the backend's words (the renderer shows its translation).
 * Run and Restore would change the disks every clone is made from (a linked clone's backing file).
 */
export const TEMPLATE_REFUSAL = 'A template is not run: clone it, or convert it back to a VM';

/** The actions a template refuses: those that would run it. */
export function refusedAsTemplate(action: LifecycleAction, vm: VmSummary): boolean {
  return vm.template === true && (action === 'run' || action === 'restore');
}

/** Why a VM cannot become a template now (undefined: it can); the backend and the button agree. */
export type TemplateBlock = 'transient' | 'active' | 'saved';

export function templateBlock(
  vm: Pick<VmSummary, 'state' | 'persistent' | 'hasManagedSave'>,
): TemplateBlock | undefined {
  // A transient VM has no definition to keep the mark; a running one or a saved state would
  // change the disks the clones are made from.
  if (!vm.persistent) return 'transient';
  if (!isOff(vm.state)) return 'active';
  if (vm.hasManagedSave) return 'saved';
  return undefined;
}

function isOff(state: VmState): boolean {
  return state === 'shutoff' || state === 'crashed' || state === 'nostate';
}

/**
 * The actions libvirt's LXC driver has no call for: a managed save (so no restore either) and a
 * reset (virDomainReset; its lxc driver implements reboot, shutdown and destroy only).
 */
const LXC_UNSUPPORTED: readonly LifecycleAction[] = ['save', 'restore', 'reset'];

/** The action exists for this VM's driver at all, whatever its state. */
export function driverSupports(action: LifecycleAction, vm: Pick<VmSummary, 'lxc'>): boolean {
  return !(vm.lxc === true && LXC_UNSUPPORTED.includes(action));
}

export function actionApplies(action: LifecycleAction, vm: VmSummary): boolean {
  if (refusedAsTemplate(action, vm)) return false;
  if (!driverSupports(action, vm)) return false;
  const s = vm.state;
  const off = isOff(s);
  const runningish = s === 'running' || s === 'blocked';
  switch (action) {
    case 'run':
      return off && !vm.hasManagedSave;
    case 'restore':
      return off && vm.hasManagedSave;
    case 'pause':
    case 'shutdown':
    case 'reboot':
      return runningish;
    case 'resume':
      return s === 'paused';
    case 'reset':
      return runningish || s === 'paused';
    case 'forceOff':
      return ACTIVE.includes(s) || s === 'crashed';
    case 'save':
      // A managed save needs a persistent domain to restore into.
      return vm.persistent && (runningish || s === 'paused');
  }
}

/** Actions that ask before they run, as virt-manager's: they can lose the guest's unsaved work. */
export const CONFIRMED_ACTIONS: readonly LifecycleAction[] = ['forceOff', 'reset', 'save'];

export const LIFECYCLE_ACTIONS = [
  'run',
  'pause',
  'resume',
  'shutdown',
  'reboot',
  'reset',
  'forceOff',
  'save',
  'restore',
] as const satisfies readonly LifecycleAction[];
