import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it, vi } from 'vitest';
import { IdentityKeys } from '../../../src/main/hosts/ssh/identityKeys';

const dir = mkdtempSync(join(tmpdir(), 'virtdeck-keys-'));
const plainPath = join(dir, 'id_plain');
const encryptedPath = join(dir, 'id_encrypted');
writeFileSync(plainPath, ssh2.utils.generateKeyPairSync('ed25519').private);
writeFileSync(
  encryptedPath,
  ssh2.utils.generateKeyPairSync('ed25519', {
    passphrase: 'right',
    cipher: 'aes256-ctr',
    rounds: 2,
  }).private,
);
writeFileSync(join(dir, 'garbage'), 'not a key');
const rsaPath = join(dir, 'id_rsa');
writeFileSync(rsaPath, ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 }).private);

describe('IdentityKeys', () => {
  it('loads an unencrypted key without asking', async () => {
    const ask = vi.fn();
    const key = await new IdentityKeys().load(plainPath, ask);
    expect(key?.isPrivateKey()).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks again after a wrong passphrase, then keeps the decrypted key', async () => {
    const keys = new IdentityKeys();
    const ask = vi.fn(async (attempt: number) => (attempt === 1 ? 'wrong' : 'right'));
    const key = await keys.load(encryptedPath, ask);
    expect(key?.type).toBe('ssh-ed25519');
    expect(ask.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2]);
    // A reconnect must not ask again.
    expect(await keys.load(encryptedPath, ask)).toBe(key);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('gives up on the key after three wrong passphrases', async () => {
    const ask = vi.fn(async () => 'wrong');
    expect(await new IdentityKeys().load(encryptedPath, ask)).toBeUndefined();
    expect(ask).toHaveBeenCalledTimes(3);
  });

  it('turns a cancelled prompt into a cancelled connect', async () => {
    await expect(new IdentityKeys().load(encryptedPath, async () => null)).rejects.toMatchObject({
      code: 'cancelled',
    });
  });

  it('skips missing and unreadable files', async () => {
    const ask = vi.fn();
    const keys = new IdentityKeys();
    expect(await keys.load(join(dir, 'missing'), ask)).toBeUndefined();
    expect(await keys.load(join(dir, 'garbage'), ask)).toBeUndefined();
    expect(ask).not.toHaveBeenCalled();
  });

  it('signs with an RSA key only with SHA-2, never SHA-1 (as OpenSSH 8.8+)', async () => {
    const key = await new IdentityKeys().load(rsaPath, vi.fn());
    if (!key) throw new Error('the RSA key did not load');
    const data = Buffer.from('session data');
    // ssh2 asks for SHA-1 ("ssh-rsa") when the server does not list rsa-sha2-* in server-sig-algs.
    expect(key.sign(data, 'sha1')).toBeInstanceOf(Error);
    expect(key.sign(data)).toBeInstanceOf(Error);
    for (const hash of ['sha256', 'sha512']) {
      const signature = key.sign(data, hash);
      if (signature instanceof Error) throw signature;
      expect(key.verify(data, signature, hash)).toBe(true);
    }
  });
});
