import { readFile } from 'node:fs/promises';
// ssh2 is CommonJS: Node's ESM loader only sees its default export.
import ssh2, {
  type BaseAgent,
  type IdentityCallback,
  type ParsedKey,
  type SignCallback,
  type SigningRequestOptions,
} from 'ssh2';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';

const MAX_PASSPHRASE_ATTEMPTS = 3;

export type AskPassphrase = (attempt: number) => Promise<string | null>;

function parse(data: Buffer, passphrase?: string): ParsedKey | Error {
  // @types/ssh2 types parseKey's result as any; this is what its documentation says it returns.
  const parsed = ssh2.utils.parseKey(data, passphrase) as ParsedKey | ParsedKey[] | Error;
  // OpenSSH's own format may hold several keys; ssh2 (like OpenSSH) uses the first.
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key ?? new Error('no key in file');
}

/** The public key (SSH wire format) in a key's bytes: a public or an unencrypted private key. */
function publicKeyIn(data: Buffer): Buffer | undefined {
  const parsed = parse(data);
  return parsed instanceof Error ? undefined : parsed.getPublicSSH();
}

const SHA1_REFUSED =
  'SHA-1 RSA signatures (ssh-rsa) are disabled; the server must accept rsa-sha2-256 or rsa-sha2-512';

/** ssh2 asks for SHA-1 (an "ssh-rsa" signature) with no hash or "sha1". */
function isSha1(hash: string | undefined): boolean {
  return hash === undefined || hash === 'sha1';
}

function isRsa(key: ParsedKey | Buffer | string): boolean {
  const parsed = ssh2.utils.parseKey(key);
  return !(parsed instanceof Error) && !Array.isArray(parsed) && parsed.type === 'ssh-rsa';
}

/**
 * ssh2 signs with SHA-1 ("ssh-rsa") when the server does not list rsa-sha2-256/512 in its
 * server-sig-algs; OpenSSH 8.8+ refuses to, so an RSA key here signs with SHA-2 only. ssh2 takes
 * an Error from sign() as "skip this key" and goes on to the next one or the next method.
 */
function withoutSha1(key: ParsedKey): ParsedKey {
  if (key.type !== 'ssh-rsa') return key;
  const sign = key.sign.bind(key);
  // ssh2's typings say Buffer, but its sign() returns an Error on failure and ssh2 checks for one.
  key.sign = (data, algo) =>
    isSha1(algo) ? (new Error(SHA1_REFUSED) as unknown as Buffer) : sign(data, algo);
  return key;
}

/** The same guard for keys held by ssh-agent (or Pageant): the agent is asked for SHA-2 only. */
export class Sha2OnlyAgent extends ssh2.BaseAgent {
  constructor(private readonly inner: BaseAgent) {
    super();
  }

  getIdentities(cb: IdentityCallback): void {
    this.inner.getIdentities(cb);
  }

  sign(
    pubKey: ParsedKey | Buffer | string,
    data: Buffer,
    optionsOrCb: SigningRequestOptions | SignCallback,
    maybeCb?: SignCallback,
  ): void {
    const options = typeof optionsOrCb === 'function' ? {} : optionsOrCb;
    const cb = typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb;
    if (!cb) return;
    if (isSha1(options.hash) && isRsa(pubKey)) {
      cb(new Error(SHA1_REFUSED));
      return;
    }
    this.inner.sign(pubKey, data, options, cb);
  }
}

/** The agent ssh2 should use for `socket` ("pageant" on Windows), refusing SHA-1 signatures. */
export function sha2OnlyAgent(socket: string): BaseAgent {
  return new Sha2OnlyAgent(ssh2.createAgent(socket));
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
        throw new VirtdeckError('cancelled', msg('ssh.passphraseCancelled', { path }));
      }
      key = parse(data, passphrase);
    }
    if (key instanceof Error || !key.isPrivateKey()) return undefined;
    const safe = withoutSha1(key);
    this.cache.set(path, safe);
    return safe;
  }
}

/**
 * The public key (SSH wire format) of an identity file, as OpenSSH finds it for IdentitiesOnly:
 * from `<file>.pub`, else from the file itself (a public key, or a private key without a
 * passphrase). Undefined when neither gives one.
 */
export async function identityPublicKey(path: string): Promise<Buffer | undefined> {
  for (const candidate of [`${path}.pub`, path]) {
    const data = await readFile(candidate).catch(() => undefined);
    const publicKey = data && publicKeyIn(data);
    if (publicKey) return publicKey;
  }
  return undefined;
}

/**
 * IdentitiesOnly with an agent: only the agent's keys whose public key matches one of the
 * configured identity files are offered, so a server that locks out after N failures never sees
 * the agent's other keys.
 */
export class IdentitiesOnlyAgent extends ssh2.BaseAgent {
  constructor(
    private readonly inner: BaseAgent,
    private readonly identityFiles: readonly string[],
  ) {
    super();
  }

  getIdentities(cb: IdentityCallback): void {
    this.inner.getIdentities((err, keys) => {
      if (err || !keys) {
        cb(err);
        return;
      }
      Promise.all(this.identityFiles.map(identityPublicKey)).then(
        (wanted) => {
          const allowed = wanted.filter((k): k is Buffer => k !== undefined);
          cb(
            undefined,
            keys.filter((key) => {
              const publicKey = publicOf(key);
              return publicKey !== undefined && allowed.some((a) => a.equals(publicKey));
            }),
          );
        },
        (failure: unknown) => cb(failure instanceof Error ? failure : new Error(String(failure))),
      );
    });
  }

  sign(
    pubKey: ParsedKey | Buffer | string,
    data: Buffer,
    optionsOrCb: SigningRequestOptions | SignCallback,
    maybeCb?: SignCallback,
  ): void {
    if (typeof optionsOrCb === 'function') this.inner.sign(pubKey, data, optionsOrCb);
    else if (maybeCb) this.inner.sign(pubKey, data, optionsOrCb, maybeCb);
  }
}

/** An agent key in any of the shapes ssh2's typings allow, as SSH wire format. */
function publicOf(key: unknown): Buffer | undefined {
  if (typeof key === 'string' || Buffer.isBuffer(key)) return publicKeyIn(Buffer.from(key));
  if (typeof key !== 'object' || key === null) return undefined;
  if ('getPublicSSH' in key) return (key as ParsedKey).getPublicSSH();
  return 'pubKey' in key ? publicOf(key.pubKey) : undefined;
}
