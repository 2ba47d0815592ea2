/**
 * Remembered passwords and key passphrases (issue 18 §4). Each secret is encrypted by the shell's
 * SecretCipher (Electron's safeStorage: Keychain, DPAPI, libsecret) and only its ciphertext, in
 * base64, is written to credentials.json (mode 0600) in the config directory. Secrets are never
 * logged; the browser shell has no cipher, and then nothing is ever stored.
 */
import { join } from 'node:path';
import type { RememberMode } from '../../shared/api/types';
import { readJsonFile, writeJsonFile } from './jsonFile';

/** What the shell offers to keep secrets: Electron's safeStorage, or nothing (browser shell). */
export interface SecretCipher {
  /** False when the system has no usable keychain: nothing is stored then. */
  available(): boolean;
  encrypt(secret: string): Buffer;
  /** Throws when the ciphertext cannot be decrypted (another user, another machine). */
  decrypt(ciphertext: Buffer): string;
}

/**
 * Which secret of a connection: its password for one user on one hop (jump hosts have their
 * own), or the passphrase of one key file.
 */
export type SecretSlot =
  { kind: 'password'; user: string; host: string } | { kind: 'passphrase'; keyPath: string };

interface CredentialsFile {
  version: 1;
  /** connection id -> slot name -> base64 ciphertext */
  secrets: Record<string, Record<string, string>>;
}

function slotName(slot: SecretSlot): string {
  return slot.kind === 'password'
    ? `password:${slot.user}@${slot.host}`
    : `passphrase:${slot.keyPath}`;
}

export class CredentialStore {
  private readonly path: string;
  private file: CredentialsFile = { version: 1, secrets: {} };
  /** Writes one after the other, so that two remembers never race on the file. */
  private saving: Promise<void> = Promise.resolve();

  constructor(
    configDir: string,
    private readonly cipher: SecretCipher | undefined,
  ) {
    this.path = join(configDir, 'credentials.json');
  }

  async load(): Promise<void> {
    const read = await readJsonFile<Partial<CredentialsFile>>(this.path, {});
    this.file = { version: 1, secrets: { ...read.secrets } };
  }

  get mode(): RememberMode {
    if (!this.cipher) return 'browser-mode';
    return this.cipher.available() ? 'offered' : 'unavailable';
  }

  /** The connections with at least one remembered secret. */
  connectionIds(): string[] {
    return Object.entries(this.file.secrets)
      .filter(([, slots]) => Object.keys(slots).length > 0)
      .map(([id]) => id);
  }

  /**
   * The remembered secret, or undefined. One that cannot be decrypted (the file came from
   * another user or machine, or the keychain was reset) is dropped, so the user is asked again.
   */
  async recall(connectionId: string, slot: SecretSlot): Promise<string | undefined> {
    const ciphertext = this.file.secrets[connectionId]?.[slotName(slot)];
    if (ciphertext === undefined) return undefined;
    if (this.mode === 'offered' && this.cipher) {
      try {
        return this.cipher.decrypt(Buffer.from(ciphertext, 'base64'));
      } catch {
        // Not logged with the error: it could quote the ciphertext.
        console.warn(`Virtdeck: a remembered ${slot.kind} could not be decrypted; it is dropped`);
      }
    }
    await this.drop(connectionId, slot);
    return undefined;
  }

  /** Keeps `secret` for the slot; does nothing when the shell cannot keep secrets. */
  async remember(connectionId: string, slot: SecretSlot, secret: string): Promise<void> {
    if (this.mode !== 'offered' || !this.cipher) return;
    const ciphertext = this.cipher.encrypt(secret).toString('base64');
    this.file.secrets[connectionId] = {
      ...this.file.secrets[connectionId],
      [slotName(slot)]: ciphertext,
    };
    await this.save();
  }

  /** Forgets one secret (the server refused it, or it cannot be decrypted). */
  async drop(connectionId: string, slot: SecretSlot): Promise<void> {
    const slots = this.file.secrets[connectionId];
    const name = slotName(slot);
    if (!slots || !(name in slots)) return;
    const { [name]: _dropped, ...rest } = slots;
    this.file.secrets[connectionId] = rest;
    await this.save();
  }

  /** Forgets every secret of a connection ("Forget password", or the connection was removed). */
  async forget(connectionId: string): Promise<void> {
    if (!(connectionId in this.file.secrets)) return;
    const { [connectionId]: _forgotten, ...rest } = this.file.secrets;
    this.file.secrets = rest;
    await this.save();
  }

  private save(): Promise<void> {
    const snapshot = structuredClone(this.file);
    this.saving = this.saving.catch(() => {}).then(() => writeJsonFile(this.path, snapshot));
    return this.saving;
  }
}
