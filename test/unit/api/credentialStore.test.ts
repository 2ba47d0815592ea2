/**
 * Remembered passwords and passphrases with Electron's safeStorage mocked: a real cipher (AES)
 * behind safeStorage's functions, so that "no clear text on disk" is tested against encryption.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CredentialStore, type SecretCipher } from '../../../src/main/api/credentialStore';
import { EventHub } from '../../../src/main/api/eventHub';
import { PromptBroker } from '../../../src/main/api/promptBroker';
import { waitFor } from '../../support/waitFor';
import type { ApiEvents } from '../../../src/shared/api/contract';

/** What safeStorage would do, with a key of its own per "machine". */
const machine = { key: randomBytes(32), backend: 'gnome_libsecret', available: true };
function encrypt(text: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', machine.key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}
function decrypt(data: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', machine.key, data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
}

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => machine.available,
    getSelectedStorageBackend: () => machine.backend,
    encryptString: encrypt,
    decryptString: decrypt,
  },
}));

const { safeStorageCipher } = await import('../../../src/main/electron/safeStorageCipher');

const root = mkdtempSync(join(tmpdir(), 'virtdeck-sshcreds-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirCount = 0;

// A password with quotes, unicode and shell syntax: it must come back byte for byte.
const SECRET = `pa"ss w'ö$(rd);`;

/** A store and a prompt broker over `dir` (a fresh one by default), as at one start of the app. */
async function setup(
  cipher: SecretCipher | null = safeStorageCipher(),
  dir = join(root, String(dirCount++)),
) {
  const store = new CredentialStore(dir, cipher ?? undefined);
  await store.load();
  const events = new EventHub();
  const opened: ApiEvents['prompts.opened'][] = [];
  events.subscribe((name, payload) => {
    if (name === 'prompts.opened') opened.push(payload as ApiEvents['prompts.opened']);
  });
  const broker = new PromptBroker(events, store);
  const prompter = broker.prompterFor('conn 1', 'root@kvm1');
  const file = join(dir, 'credentials.json');
  const answerNext = (values: string[], remember: boolean) => {
    const prompt = opened.at(-1);
    if (!prompt) throw new Error('no prompt is open');
    broker.answer(prompt.id, { values, remember });
  };
  return { dir, store, broker, prompter, opened, file, answerNext };
}

/** Waits for the n-th prompt to open (asking may first wait on the file being written). */
const promptOpened = (opened: unknown[], n = 1) =>
  waitFor(`prompt ${n} to open`, () => opened.length >= n, 5000, 5);

describe('remembered credentials', () => {
  beforeEach(() => {
    machine.available = true;
    machine.backend = 'gnome_libsecret';
  });

  it('remembers a password the user asked to, and gives it back without asking', async () => {
    const { prompter, opened, file, answerNext, dir } = await setup();
    const first = prompter.password({ host: 'kvm1', user: 'root', attempt: 1 });
    await promptOpened(opened);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ kind: 'password', remember: 'offered' });
    answerNext([SECRET], true);
    expect(await first).toBe(SECRET);

    // The file holds only ciphertext: not the secret, in clear or in base64, and is 0600.
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(text) as { secrets: Record<string, Record<string, string>> };
    const ciphertext = stored.secrets['conn 1']?.['password:root@kvm1'];
    expect(decrypt(Buffer.from(ciphertext ?? '', 'base64'))).toBe(SECRET);

    // A later start (a new store reading the same file) does not ask.
    const again = await setup(safeStorageCipher(), dir);
    expect(await again.prompter.password({ host: 'kvm1', user: 'root', attempt: 1 })).toBe(SECRET);
    expect(again.opened).toHaveLength(0);
    expect(again.store.connectionIds()).toEqual(['conn 1']);
  });

  it('does not remember what the user did not ask it to', async () => {
    const { prompter, opened, answerNext, store, file } = await setup();
    const pending = prompter.passphrase({ keyPath: '/keys/id_ed25519', attempt: 1 });
    await promptOpened(opened);
    answerNext(['not kept'], false);
    expect(await pending).toBe('not kept');
    expect(store.connectionIds()).toEqual([]);
    expect(() => readFileSync(file)).toThrow();
  });

  it('drops a remembered secret the server refused, and asks again', async () => {
    const { prompter, opened, answerNext, store } = await setup();
    await store.remember('conn 1', { kind: 'passphrase', keyPath: '/k' }, 'wrong');
    expect(await prompter.passphrase({ keyPath: '/k', attempt: 1 })).toBe('wrong');
    expect(opened).toHaveLength(0);
    // The second attempt is the sign that the first was refused.
    const retry = prompter.passphrase({ keyPath: '/k', attempt: 2 });
    await promptOpened(opened);
    expect(opened).toHaveLength(1);
    expect(store.connectionIds()).toEqual([]);
    answerNext(['right'], true);
    expect(await retry).toBe('right');
    expect(await store.recall('conn 1', { kind: 'passphrase', keyPath: '/k' })).toBe('right');
  });

  it('drops a secret it cannot decrypt (another machine) and asks again', async () => {
    const first = await setup();
    await first.store.remember('conn 1', { kind: 'password', user: 'root', host: 'kvm1' }, SECRET);
    // The file is copied to a machine whose keychain has another key.
    machine.key = randomBytes(32);
    const moved = await setup(safeStorageCipher(), first.dir);
    const answer = moved.prompter.password({ host: 'kvm1', user: 'root', attempt: 1 });
    await promptOpened(moved.opened);
    expect(moved.opened).toHaveLength(1);
    expect(moved.store.connectionIds()).toEqual([]);
    expect(readFileSync(moved.file, 'utf8')).not.toContain('password:root@kvm1');
    moved.answerNext(['typed again'], false);
    expect(await answer).toBe('typed again');
  });

  it('never stores anything in browser mode, and says so in the prompt', async () => {
    const { prompter, opened, answerNext, store, file } = await setup(null);
    expect(store.mode).toBe('browser-mode');
    const pending = prompter.password({ host: 'kvm1', user: 'root', attempt: 1 });
    await promptOpened(opened);
    expect(opened[0]).toMatchObject({ remember: 'browser-mode' });
    // Even an answer that asks to remember (a hand-made call) keeps nothing.
    answerNext([SECRET], true);
    expect(await pending).toBe(SECRET);
    expect(store.connectionIds()).toEqual([]);
    expect(() => readFileSync(file)).toThrow();
  });

  it("does not trust safeStorage's basic_text fallback on Linux", async () => {
    machine.backend = 'basic_text';
    const { store } = await setup();
    expect(store.mode).toBe(process.platform === 'linux' ? 'unavailable' : 'offered');
    machine.available = false;
    expect(store.mode).toBe('unavailable');
    await store.remember('c', { kind: 'password', user: 'u', host: 'h' }, SECRET);
    expect(store.connectionIds()).toEqual([]);
  });

  it('forgets every secret of a connection', async () => {
    const { store, file } = await setup();
    await store.remember('a', { kind: 'password', user: 'u', host: 'h' }, 'one');
    await store.remember('a', { kind: 'passphrase', keyPath: '/k' }, 'two');
    await store.remember('b', { kind: 'passphrase', keyPath: '/k' }, 'three');
    expect(store.connectionIds()).toEqual(['a', 'b']);
    await store.forget('a');
    expect(store.connectionIds()).toEqual(['b']);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { secrets: object };
    expect(Object.keys(saved.secrets)).toEqual(['b']);
  });
});
