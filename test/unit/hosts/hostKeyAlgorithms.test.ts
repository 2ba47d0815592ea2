import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { preferredHostKeyAlgorithms } from '../../../src/main/hosts/ssh/hostKeyAlgorithms';

// ssh2's own list, read from the installed package at run time, so a change in ssh2 shows here
// instead of hiding behind a copy of the list in our code.
const ssh2Constants = createRequire(import.meta.url)('ssh2/lib/protocol/constants.js') as {
  DEFAULT_SERVER_HOST_KEY: string[];
};
const SSH2_DEFAULTS = ssh2Constants.DEFAULT_SERVER_HOST_KEY;

describe('preferredHostKeyAlgorithms', () => {
  it("offers ssh2's default host key algorithms in ssh2's order, minus SHA-1 ssh-rsa", () => {
    // Sanity: this ssh2 still has the list and still offers ssh-rsa by default.
    expect(SSH2_DEFAULTS).toContain('ssh-ed25519');
    expect(SSH2_DEFAULTS).toContain('ssh-rsa');
    // OpenSSH 8.8+ no longer accepts SHA-1 RSA signatures; RSA host keys sign with SHA-2.
    expect(preferredHostKeyAlgorithms([])).toEqual(SSH2_DEFAULTS.filter((a) => a !== 'ssh-rsa'));
  });

  it('puts known key types first', () => {
    const list = preferredHostKeyAlgorithms(['ecdsa-sha2-nistp256']);
    expect(list[0]).toBe('ecdsa-sha2-nistp256');
    expect([...list].sort()).toEqual([...preferredHostKeyAlgorithms([])].sort());
  });

  it('maps a known ssh-rsa key to the SHA-2 RSA signature algorithms only', () => {
    const list = preferredHostKeyAlgorithms(['ssh-rsa']);
    expect(list.slice(0, 2)).toEqual(['rsa-sha2-512', 'rsa-sha2-256']);
    expect(list).not.toContain('ssh-rsa');
  });

  it('orders several known types by preference and ignores types ssh2 cannot use', () => {
    const list = preferredHostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519', 'ssh-dss', 'sk-x']);
    expect(list.slice(0, 3)).toEqual(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256']);
    expect(list).not.toContain('ssh-dss');
    expect(list).not.toContain('sk-x');
  });
});
