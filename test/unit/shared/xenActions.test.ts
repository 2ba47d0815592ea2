/**
 * The Estonian wiki's `xl` verbs on a Xen guest map to the lifecycle actions shared/vmActions.ts
 * offers, as virt-manager offers them (virtManager/object/domain.py: is_runable = shut off,
 * is_pauseable = running, is_unpauseable = paused, is_stoppable = running/paused/crashed/
 * pmsuspended, is_destroyable = stoppable or crashed; save and restore through managed save,
 * which libvirt's libxl driver supports, so it is offered there as for QEMU). `xl console` is the
 * console, not an action: it is not in this table. Each verb is checked for a Xen guest in every
 * state the libxl driver reports.
 */
import { describe, expect, it } from 'vitest';
import type { LifecycleAction, VmState, VmSummary } from '../../../src/shared/api/types';
import { LIFECYCLE_ACTIONS, actionApplies } from '../../../src/shared/vmActions';

/** xl verb -> the app's action. */
const XL_VERBS: Record<string, LifecycleAction> = {
  create: 'run',
  pause: 'pause',
  unpause: 'resume',
  save: 'save',
  restore: 'restore',
  shutdown: 'shutdown',
  reboot: 'reboot',
  destroy: 'forceOff',
  // `xl trigger DOMAIN reset`: virt-manager's Reset.
  'trigger reset': 'reset',
};

const xenGuest = (state: VmState, patch: Partial<VmSummary> = {}): VmSummary => ({
  connectionId: 'xen:///system',
  uuid: '6c8f0a52-3b5e-4d0e-9a7b-0e2b7d1f5a01',
  name: 'vdk-native-xen-pv',
  state,
  vcpus: 2,
  memoryKiB: 524288,
  maxMemoryKiB: 524288,
  autostart: false,
  persistent: true,
  hasManagedSave: false,
  ...patch,
});

const offered = (vm: VmSummary): string[] =>
  Object.entries(XL_VERBS)
    .filter(([, action]) => actionApplies(action, vm))
    .map(([verb]) => verb);

describe('xl verbs on a Xen guest, as virt-manager offers them', () => {
  it('maps every lifecycle action to an xl verb', () => {
    expect(new Set(Object.values(XL_VERBS))).toEqual(new Set(LIFECYCLE_ACTIONS));
  });

  it.each([
    ['shutoff', {}, ['create']],
    ['shutoff', { hasManagedSave: true }, ['restore']],
    ['running', {}, ['pause', 'save', 'shutdown', 'reboot', 'destroy', 'trigger reset']],
    // libxl reports a PV guest waiting on an event as blocked: running, for every verb.
    ['blocked', {}, ['pause', 'save', 'shutdown', 'reboot', 'destroy', 'trigger reset']],
    ['paused', {}, ['unpause', 'save', 'destroy', 'trigger reset']],
    ['shutdown', {}, ['destroy']],
    ['crashed', {}, ['create', 'destroy']],
    // A transient guest (`xl create` without a libvirt definition) has nothing to restore into.
    ['running', { persistent: false }, ['pause', 'shutdown', 'reboot', 'destroy', 'trigger reset']],
  ] as const)('%s %o: %o', (state, patch, verbs) => {
    expect(offered(xenGuest(state, patch))).toEqual(verbs);
  });
});
