import { describe, expect, it } from 'vitest';
import type { LifecycleAction, VmState, VmSummary } from '../../../src/shared/api/types';
import { LIFECYCLE_ACTIONS, actionApplies } from '../../../src/shared/vmActions';

const vm = (state: VmState, patch: Partial<VmSummary> = {}): VmSummary => ({
  connectionId: 'c',
  uuid: 'u',
  name: 'n',
  state,
  vcpus: 1,
  memoryKiB: 1024,
  maxMemoryKiB: 1024,
  autostart: false,
  persistent: true,
  hasManagedSave: false,
  ...patch,
});

const applicable = (v: VmSummary): LifecycleAction[] =>
  LIFECYCLE_ACTIONS.filter((a) => actionApplies(a, v));

describe('which lifecycle actions apply', () => {
  it('matches virt-manager for each state', () => {
    expect(applicable(vm('shutoff'))).toEqual(['run']);
    expect(applicable(vm('shutoff', { hasManagedSave: true }))).toEqual(['restore']);
    expect(applicable(vm('running'))).toEqual([
      'pause',
      'shutdown',
      'reboot',
      'reset',
      'forceOff',
      'save',
    ]);
    expect(applicable(vm('paused'))).toEqual(['resume', 'reset', 'forceOff', 'save']);
    expect(applicable(vm('crashed'))).toEqual(['run', 'forceOff']);
    expect(applicable(vm('shutdown'))).toEqual(['forceOff']);
  });

  it('does not offer Save for a transient VM', () => {
    expect(applicable(vm('running', { persistent: false }))).not.toContain('save');
  });
});
