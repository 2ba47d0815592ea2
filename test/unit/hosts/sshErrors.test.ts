import { describe, expect, it } from 'vitest';
import { classifyConnectError, isRetryable } from '../../../src/main/hosts/ssh/sshErrors';
import { VirtdeckError } from '../../../src/shared/errors';

const target = { host: 'kvm1.example', port: 2222 };
const withProps = (message: string, props: object) => Object.assign(new Error(message), props);

describe('classifyConnectError', () => {
  it('names the host for DNS failures', () => {
    const err = classifyConnectError(
      withProps('getaddrinfo ENOTFOUND kvm1.example', { code: 'ENOTFOUND' }),
      target,
    );
    expect(err.code).toBe('unreachable');
    expect(err.message).toContain('kvm1.example');
    expect(classifyConnectError(withProps('x', { code: 'EAI_AGAIN' }), target).code).toBe(
      'unreachable',
    );
  });

  it('names host:port for refused connections and other socket errors', () => {
    const refused = classifyConnectError(
      withProps('connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      target,
    );
    expect(refused).toMatchObject({ code: 'unreachable' });
    expect(refused.message).toContain('kvm1.example:2222');
    const reset = classifyConnectError(
      withProps('read ECONNRESET', { code: 'ECONNRESET' }),
      target,
    );
    expect(reset.code).toBe('unreachable');
    expect(reset.message).toContain('kvm1.example:2222');
  });

  it('sorts authentication and handshake failures', () => {
    const auth = withProps('All configured authentication methods failed', {
      level: 'client-authentication',
    });
    expect(classifyConnectError(auth, target).code).toBe('auth-failed');
    const kex = withProps('no matching key exchange algorithm', { level: 'handshake' });
    expect(classifyConnectError(kex, target).code).toBe('unreachable');
  });

  it('keeps errors that are already classified', () => {
    const own = new VirtdeckError('host-key-changed', 'changed');
    expect(classifyConnectError(own, target)).toBe(own);
  });
});

describe('isRetryable', () => {
  it('retries network trouble but not what needs the user', () => {
    expect(isRetryable(new VirtdeckError('unreachable', ''))).toBe(true);
    expect(isRetryable(new VirtdeckError('disconnected', ''))).toBe(true);
    for (const code of [
      'auth-failed',
      'cancelled',
      'host-key-changed',
      'host-key-revoked',
    ] as const) {
      expect(isRetryable(new VirtdeckError(code, ''))).toBe(false);
    }
    expect(isRetryable(new VirtdeckError('host-key-unknown-rejected', ''))).toBe(false);
  });
});
