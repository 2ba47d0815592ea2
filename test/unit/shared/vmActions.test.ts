import { describe, expect, it } from 'vitest';
import type { LifecycleAction, VmState, VmSummary } from '../../../src/shared/api/types';
import {
  LIFECYCLE_ACTIONS,
  actionApplies,
  driverSupports,
  refusedAsTemplate,
  templateBlock,
} from '../../../src/shared/vmActions';

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

  it('never runs or restores a template, and lets one started elsewhere be stopped', () => {
    expect(applicable(vm('shutoff', { template: true }))).toEqual([]);
    expect(applicable(vm('shutoff', { template: true, hasManagedSave: true }))).toEqual([]);
    expect(applicable(vm('crashed', { template: true }))).toEqual(['forceOff']);
    // Started behind the app's back (virsh): what stops it stays offered.
    expect(applicable(vm('running', { template: true }))).toEqual(
      applicable(vm('running', { template: false })),
    );
    expect(refusedAsTemplate('run', vm('shutoff', { template: true }))).toBe(true);
    expect(refusedAsTemplate('run', vm('shutoff', { template: false }))).toBe(false);
    expect(refusedAsTemplate('forceOff', vm('running', { template: true }))).toBe(false);
  });

  it('lets only a shut-off, persistent VM without a saved state become a template', () => {
    expect(templateBlock(vm('shutoff'))).toBeUndefined();
    expect(templateBlock(vm('crashed'))).toBeUndefined();
    expect(templateBlock(vm('running'))).toBe('active');
    expect(templateBlock(vm('paused'))).toBe('active');
    expect(templateBlock(vm('shutoff', { hasManagedSave: true }))).toBe('saved');
    expect(templateBlock(vm('running', { persistent: false }))).toBe('transient');
  });
});

describe("an LXC container (libvirt's LXC driver)", () => {
  const ct = (state: VmState, patch: Partial<VmSummary> = {}) => vm(state, { lxc: true, ...patch });

  it('is never offered Save, Restore or Reset: the driver has no managed save and no reset', () => {
    expect(applicable(ct('running'))).toEqual(['pause', 'shutdown', 'reboot', 'forceOff']);
    expect(applicable(ct('paused'))).toEqual(['resume', 'forceOff']);
    expect(applicable(ct('shutoff'))).toEqual(['run']);
    expect(applicable(ct('crashed'))).toEqual(['run', 'forceOff']);
    for (const action of ['save', 'restore', 'reset'] as const) {
      expect(driverSupports(action, { lxc: true })).toBe(false);
      expect(driverSupports(action, {})).toBe(true);
    }
  });

  it('keeps what the driver does: run, pause, resume, shut down, reboot, force off', () => {
    for (const action of ['run', 'pause', 'resume', 'shutdown', 'reboot', 'forceOff'] as const) {
      expect(driverSupports(action, { lxc: true })).toBe(true);
    }
  });

  it('leaves QEMU and other drivers as they were', () => {
    expect(applicable(vm('running', { lxc: false }))).toEqual(applicable(vm('running')));
    expect(applicable(vm('running'))).toContain('save');
    expect(applicable(vm('running'))).toContain('reset');
  });
});
