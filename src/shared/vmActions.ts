/**
 * Which lifecycle actions apply to a VM in a given state, as virt-manager enables its buttons.
 * The renderer disables the others; the backend refuses them with the same words.
 */
import type { LifecycleAction, VmState, VmSummary } from './api/types';

const ACTIVE: readonly VmState[] = ['running', 'blocked', 'paused', 'pmsuspended', 'shutdown'];

export function actionApplies(action: LifecycleAction, vm: VmSummary): boolean {
  const s = vm.state;
  const off = s === 'shutoff' || s === 'crashed' || s === 'nostate';
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
