import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST_KEY_ALGORITHMS,
  preferredHostKeyAlgorithms,
} from '../../../src/main/hosts/ssh/hostKeyAlgorithms';

describe('preferredHostKeyAlgorithms', () => {
  it('keeps the default order when nothing is known', () => {
    expect(preferredHostKeyAlgorithms([])).toEqual(DEFAULT_HOST_KEY_ALGORITHMS);
  });

  it('puts known key types first', () => {
    const list = preferredHostKeyAlgorithms(['ecdsa-sha2-nistp256']);
    expect(list[0]).toBe('ecdsa-sha2-nistp256');
    expect([...list].sort()).toEqual([...DEFAULT_HOST_KEY_ALGORITHMS].sort());
  });

  it('maps a known ssh-rsa key to the RSA signature algorithms, SHA-2 first', () => {
    expect(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
    ]);
  });

  it('orders several known types by preference and ignores types ssh2 cannot use', () => {
    const list = preferredHostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519', 'ssh-dss', 'sk-x']);
    expect(list.slice(0, 4)).toEqual(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(list).not.toContain('ssh-dss');
    expect(list).not.toContain('sk-x');
  });
});
