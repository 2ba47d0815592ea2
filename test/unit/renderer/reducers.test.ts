import { describe, expect, it } from 'vitest';
import {
  applyHostStatus,
  applyVmDelta,
  promptClosed,
  promptOpened,
  retainConnections,
  vmsFromList,
} from '../../../src/renderer/state/reducers';
import type { Prompt } from '../../../src/shared/api/types';
import { vm } from './fixtures';

describe('applyVmDelta', () => {
  const start = vmsFromList([vm('a'), vm('b'), vm('x', { connectionId: 'c2' })]);

  it('upserts and removes by uuid on one connection', () => {
    const { vms, removed } = applyVmDelta(start, {
      connectionId: 'c1',
      upsert: [vm('a', { state: 'paused' }), vm('c')],
      remove: ['uuid-b'],
    });
    expect([...vms.keys()].sort()).toEqual(['c1/uuid-a', 'c1/uuid-c', 'c2/uuid-x']);
    expect(vms.get('c1/uuid-a')?.state).toBe('paused');
    expect(removed).toEqual(['c1/uuid-b']);
    expect(start.get('c1/uuid-a')?.state).toBe('running');
  });

  it('reset replaces only that connection’s VMs', () => {
    const { vms, removed } = applyVmDelta(start, {
      connectionId: 'c1',
      reset: true,
      upsert: [vm('b')],
      remove: [],
    });
    expect([...vms.keys()].sort()).toEqual(['c1/uuid-b', 'c2/uuid-x']);
    expect(removed).toEqual(['c1/uuid-a']);
  });

  it('drops VMs of removed connections', () => {
    const { vms, removed } = retainConnections(start, new Set(['c2']));
    expect([...vms.keys()]).toEqual(['c2/uuid-x']);
    expect(removed.sort()).toEqual(['c1/uuid-a', 'c1/uuid-b']);
    expect(retainConnections(start, new Set(['c1', 'c2'])).vms).toBe(start);
  });
});

describe('applyHostStatus', () => {
  it('raises the host-key alert once per occurrence', () => {
    const changed = {
      connectionId: 'c1',
      phase: 'disconnected',
      errorCode: 'host-key-changed',
    } as const;
    const first = applyHostStatus(new Map(), changed);
    expect(first.hostKeyRefused).toBe(true);
    const again = applyHostStatus(first.hosts, { ...changed, retryAt: 5 });
    expect(again.hostKeyRefused).toBe(false);
    const ok = applyHostStatus(again.hosts, { connectionId: 'c1', phase: 'connected' });
    expect(ok.hostKeyRefused).toBe(false);
    expect(applyHostStatus(ok.hosts, changed).hostKeyRefused).toBe(true);
  });

  it('raises the same alert for a key of another type than the known one', () => {
    const otherType = {
      connectionId: 'c1',
      phase: 'disconnected',
      errorCode: 'host-key-other-type',
    } as const;
    const first = applyHostStatus(new Map(), otherType);
    expect(first.hostKeyRefused).toBe(true);
    expect(applyHostStatus(first.hosts, otherType).hostKeyRefused).toBe(false);
    const unknown = { ...otherType, errorCode: 'host-key-unknown-rejected' } as const;
    expect(applyHostStatus(new Map(), unknown).hostKeyRefused).toBe(false);
  });
});

describe('prompts queue', () => {
  const p = (id: string): Prompt => ({
    id,
    connectionId: 'c1',
    hostLabel: 'kvm1',
    kind: 'password',
    user: 'root',
    attempt: 1,
    remember: 'offered',
  });
  it('keeps order, ignores duplicates and closes by id', () => {
    let q = promptOpened([], p('1'));
    q = promptOpened(q, p('2'));
    expect(promptOpened(q, p('1'))).toBe(q);
    expect(promptClosed(q, '1').map((x) => x.id)).toEqual(['2']);
    expect(promptClosed(q, 'nope')).toBe(q);
  });
});
