import { readFile } from 'node:fs/promises';
// ssh2 is CommonJS: Node's ESM loader only sees its default export.
import ssh2, { type ParsedKey } from 'ssh2';
import { VirtdeckError } from '../../../shared/errors';

const MAX_PASSPHRASE_ATTEMPTS = 3;

export type AskPassphrase = (attempt: number) => Promise<string | null>;

function parse(data: Buffer, passphrase?: string): ParsedKey | Error {
  const parsed: ParsedKey | ParsedKey[] | Error = ssh2.utils.parseKey(data, passphrase);
  // OpenSSH's own format may hold several keys; ssh2 (like OpenSSH) uses the first.
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key ?? new Error('no key in file');
}

function needsPassphrase(err: Error): boolean {
  return /no passphrase given/i.test(err.message);
}

/**
 * Private keys read from identity files. A key decrypted once stays in memory for the life of
 * the host (as ssh-agent would keep it), so reconnects never ask for its passphrase again; the
 * passphrase itself is dropped as soon as the key is decrypted.
 */
export class IdentityKeys {
  private readonly cache = new Map<string, ParsedKey>();

  /**
   * The private key in `path`, or undefined when there is no usable key there (missing file,
   * unknown format, or a wrong passphrase three times: OpenSSH then moves on to the next key).
   * Rejects with 'cancelled' when the user cancels the passphrase prompt.
   */
  async load(path: string, ask: AskPassphrase): Promise<ParsedKey | undefined> {
    const cached = this.cache.get(path);
    if (cached) return cached;
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch {
      return undefined;
    }
    let key = parse(data);
    for (let attempt = 1; key instanceof Error && attempt <= MAX_PASSPHRASE_ATTEMPTS; attempt++) {
      if (attempt === 1 && !needsPassphrase(key)) return undefined;
      const passphrase = await ask(attempt);
      if (passphrase === null) {
        throw new VirtdeckError('cancelled', `Cancelled: no passphrase given for ${path}`);
      }
      key = parse(data, passphrase);
    }
    if (key instanceof Error || !key.isPrivateKey()) return undefined;
    this.cache.set(path, key);
    return key;
  }
}
