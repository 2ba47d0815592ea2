import { describe, expect, it } from 'vitest';
import { sshKeygenRemoveCommand } from '../../../src/renderer/views/connections/hostKeyFix';
import { hostStateParts } from '../../../src/renderer/views/connections/hostState';

describe('hostStateParts', () => {
  it('describes each phase', () => {
    expect(hostStateParts(undefined, 0)).toEqual([{ key: 'state.closed' }]);
    expect(hostStateParts({ connectionId: 'c', phase: 'connecting' }, 0)).toEqual([
      { key: 'state.connecting' },
    ]);
    expect(hostStateParts({ connectionId: 'c', phase: 'connected' }, 0)).toEqual([
      { key: 'state.connected' },
    ]);
  });
  it('counts down to the next reconnect', () => {
    const status = {
      connectionId: 'c',
      phase: 'disconnected',
      reason: 'refused',
      retryAt: 10_000,
    } as const;
    expect(hostStateParts(status, 5_500)).toEqual([
      { key: 'state.disconnectedReason', params: { reason: 'refused' } },
      { key: 'state.reconnecting', params: { seconds: 5 } },
    ]);
    expect(hostStateParts(status, 10_000)).toHaveLength(1);
  });
});

describe('sshKeygenRemoveCommand', () => {
  it('uses [host]:port for a non-default port, the bare host for 22', () => {
    expect(sshKeygenRemoveCommand('qemu+ssh://root@kvm1:2222/system')).toBe(
      'ssh-keygen -R "[kvm1]:2222"',
    );
    expect(sshKeygenRemoveCommand('qemu+ssh://root@kvm1/system')).toBe('ssh-keygen -R kvm1');
    expect(sshKeygenRemoveCommand('qemu+ssh://kvm1:22/system')).toBe('ssh-keygen -R kvm1');
    expect(sshKeygenRemoveCommand('qemu:///system')).toBeUndefined();
  });
});
