import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../../src/renderer/state/appStore';
import type { SessionSnapshot } from '../../../src/shared/api/types';
import { vm } from './fixtures';

const snapshot: SessionSnapshot = {
  connections: [{ id: 'c1', uri: 'qemu+ssh://kvm1:2222/system', autoconnect: true }],
  hosts: [{ connectionId: 'c1', phase: 'disconnected', errorCode: 'host-key-changed' }],
  vms: [vm('a'), vm('b')],
  prompts: [],
  settings: { language: 'ar', statsIntervalMs: 1000, theme: 'system' },
};

describe('app store', () => {
  it('explains a host-key refusal once, also across snapshots after a reconnect', () => {
    const store = createAppStore();
    store.applySnapshot(snapshot);
    expect(store.hostKeyAlerts.get()).toEqual(['c1']);
    store.dismissHostKeyAlert('c1');
    store.applySnapshot(snapshot);
    expect(store.hostKeyAlerts.get()).toEqual([]);
    expect(store.link.get()).toEqual({ state: 'open', loaded: true });
  });

  it('keeps slices apart: a stats tick does not wake VM subscribers', () => {
    const store = createAppStore();
    store.applySnapshot(snapshot);
    const onVms = vi.fn();
    store.vms.subscribe(onVms);
    store.statsSamples({
      connectionId: 'c1',
      time: 1,
      samples: [{ uuid: 'uuid-a', cpuPercent: 5 }],
    });
    expect(onVms).not.toHaveBeenCalled();
    store.vmDelta({ connectionId: 'c1', upsert: [], remove: ['uuid-a'] });
    expect(onVms).toHaveBeenCalledTimes(1);
    expect(store.stats.samples('c1/uuid-a')).toEqual([]);
  });

  it('drops the VMs of a removed connection', () => {
    const store = createAppStore();
    store.applySnapshot(snapshot);
    store.setConnections([]);
    expect(store.vms.get().size).toBe(0);
  });
});
