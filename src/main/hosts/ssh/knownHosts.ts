import { createHash, createHmac } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { shellQuote } from '../shellQuote';
import { matchPatternList } from './sshPattern';

/** The known_hosts line that stands against the offered key. */
interface KnownKeyLine {
  file: string;
  line: number;
  knownKeyType: string;
  knownFingerprint: string;
}

export type HostKeyVerdict =
  | { kind: 'trusted' }
  | { kind: 'unknown' }
  /** Another key of the same type is known for the host. */
  | ({ kind: 'changed' } & KnownKeyLine)
  /**
   * No key of the offered type is known, but one of another type is (OpenSSH: "host key of a
   * different type is already known for this host"). Not a new host: the host dropped the key
   * we know, or someone who has only another type stands in between.
   */
  | ({ kind: 'other-type' } & KnownKeyLine)
  | { kind: 'revoked'; file: string; line: number };

/** SHA256 fingerprint as OpenSSH prints it: "SHA256:" + base64 without '=' padding of sha256(key blob). */
export function fingerprintSha256(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type ("ssh-ed25519", "ecdsa-sha2-nistp256", ...) read from the first string of the SSH wire-format key blob. */
export function keyTypeOf(keyBlob: Buffer): string {
  const type = parseKeyBlob(keyBlob);
  if (type === null) throw new VirtdeckError('protocol', msg('ssh.hostKeyInvalid'));
  return type;
}

/**
 * Returns the key type if the blob is a well-formed SSH public key: every field of every key
 * format (string, mpint) is a uint32 length plus bytes, so a blob that does not split exactly
 * into such fields, or whose first field is not a plausible type name, is garbage.
 */
function parseKeyBlob(blob: Buffer): string | null {
  const fields: Buffer[] = [];
  let off = 0;
  while (off < blob.length) {
    if (off + 4 > blob.length) return null;
    const len = blob.readUInt32BE(off);
    if (off + 4 + len > blob.length) return null;
    fields.push(blob.subarray(off + 4, off + 4 + len));
    off += 4 + len;
  }
  const type = fields[0]?.toString('latin1');
  if (fields.length < 2 || type === undefined || !/^[\x21-\x7e]{1,64}$/.test(type)) return null;
  return type;
}

interface Entry {
  marker: 'none' | 'revoked' | 'cert-authority';
  hosts: string;
  keyType: string;
  blob: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseLine(raw: string): Entry | null {
  const fields = raw.trim().split(/[ \t]+/);
  if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return null;
  let marker: Entry['marker'] = 'none';
  if (fields[0].startsWith('@')) {
    if (fields[0] === '@revoked') marker = 'revoked';
    else if (fields[0] === '@cert-authority') marker = 'cert-authority';
    else return null; // an unknown marker: OpenSSH ignores the line rather than guess
    fields.shift();
  }
  const [hosts, keyType, b64] = fields;
  if (hosts === undefined || keyType === undefined || b64 === undefined) return null;
  if (!BASE64.test(b64)) return null;
  const blob = Buffer.from(b64, 'base64');
  // Buffer.from silently skips garbage; re-encoding catches truncated or mangled text.
  if (blob.toString('base64') !== b64) return null;
  // The text type must agree with the blob, as OpenSSH's sshkey_read insists.
  if (parseKeyBlob(blob) !== keyType) return null;
  return { marker, hosts, keyType, blob };
}

/** The names OpenSSH looks up for host:port ("[host]:port" off port 22), lowercased as ssh does. */
function lookupNames(host: string, port: number): string[] {
  const h = host.toLowerCase();
  // OpenSSH itself only looks up the bare name on port 22; "[host]:22" is accepted too because
  // other tools write it and it names the same endpoint.
  return port === 22 ? [h, `[${h}]:22`] : [`[${h}]:${port}`];
}

const HASH_MAGIC = '|1|';
const SHA1_BYTES = 20;

function hostFieldMatches(field: string, names: readonly string[]): boolean {
  if (field.startsWith('|')) {
    // A hashed field holds exactly one name: |1|base64(salt)|base64(HMAC-SHA1(salt, name)).
    if (!field.startsWith(HASH_MAGIC)) return false;
    const [salt64, hash64, ...rest] = field.slice(HASH_MAGIC.length).split('|');
    if (salt64 === undefined || hash64 === undefined || rest.length > 0) return false;
    const salt = Buffer.from(salt64, 'base64');
    const hash = Buffer.from(hash64, 'base64');
    if (salt.length !== SHA1_BYTES || hash.length !== SHA1_BYTES) return false;
    return names.some((n) => createHmac('sha1', salt).update(n).digest().equals(hash));
  }
  const patterns = field.toLowerCase();
  const results = names.map((n) => matchPatternList(n, patterns));
  // A negation vetoes the line even if another spelling of the same endpoint matched positively,
  // so "*,!host" cannot be sneaked past via "[host]:22".
  return !results.includes(-1) && results.includes(1);
}

interface Located {
  entry: Entry;
  file: string;
  line: number;
}

/** Lines of the given files that apply to host:port, in file order; missing files are skipped. */
async function matchingEntries(
  files: readonly string[],
  host: string,
  port: number,
): Promise<Located[]> {
  const names = lookupNames(host, port);
  const found: Located[] = [];
  for (const file of files) {
    const text = await readIfExists(file);
    if (text === null) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const entry = parseLine(lines[i] ?? '');
      // Certificates are not supported, so CA lines can never vouch for a plain host key.
      if (entry === null || entry.marker === 'cert-authority') continue;
      if (hostFieldMatches(entry.hosts, names)) found.push({ entry, file, line: i + 1 });
    }
  }
  return found;
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    // An unreadable file might hold the line that says the key changed: treating it as empty
    // could turn a "changed" into a mere "unknown" prompt, so refuse instead.
    throw new VirtdeckError(
      'invalid-input',
      msg('ssh.knownHostsUnreadable', { file, reason: String(err) }),
      {
        cause: err,
      },
    );
  }
}

/** Checks the key the server presented against the given known_hosts files (missing files are fine). */
export async function checkHostKey(
  files: readonly string[],
  host: string,
  port: number,
  keyBlob: Buffer,
): Promise<HostKeyVerdict> {
  const type = keyTypeOf(keyBlob);
  let trusted = false;
  let changed: KnownKeyLine | null = null;
  let otherType: KnownKeyLine | null = null;
  for (const { entry, file, line } of await matchingEntries(files, host, port)) {
    const same = entry.blob.equals(keyBlob);
    const known = (): KnownKeyLine => ({
      file,
      line,
      knownKeyType: entry.keyType,
      knownFingerprint: fingerprintSha256(entry.blob),
    });
    if (entry.marker === 'revoked') {
      if (same) return { kind: 'revoked', file, line };
    } else if (same) {
      trusted = true;
    } else if (entry.keyType === type) {
      changed ??= known();
    } else {
      otherType ??= known();
    }
  }
  // Any line with the exact key trusts it, even if another line holds an older key of that type.
  if (trusted) return { kind: 'trusted' };
  if (changed) return { kind: 'changed', ...changed };
  if (otherType) return { kind: 'other-type', ...otherType };
  return { kind: 'unknown' };
}

/** The key types already known for host:port, in file order, so the client can prefer them (as OpenSSH orders HostKeyAlgorithms). */
export async function knownKeyTypes(
  files: readonly string[],
  host: string,
  port: number,
): Promise<string[]> {
  const types = new Set<string>();
  for (const { entry } of await matchingEntries(files, host, port)) {
    if (entry.marker === 'none') types.add(entry.keyType);
  }
  return [...types];
}

function hostField(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** Appends a line for host:port, creating the file (mode 0600) and its directory (0700) if needed. Uses "[host]:port" when port != 22, plain host otherwise. */
export async function appendKnownHost(
  file: string,
  host: string,
  port: number,
  keyBlob: Buffer,
): Promise<void> {
  // These characters would turn the name into a pattern, a list, a comment, a marker or a hash.
  if (host === '' || /[\s,*?!#|[\]]/.test(host) || host.startsWith('@')) {
    throw new VirtdeckError('invalid-input', msg('ssh.knownHostsBadName', { host }));
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new VirtdeckError('invalid-input', msg('ssh.knownHostsBadPort', { port }));
  }
  const line = `${hostField(host, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}\n`;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      // A hand-edited file may lack a final newline; gluing our line onto its last line would
      // corrupt both.
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.appendFile(prefix + line);
  } finally {
    await handle.close();
  }
}

/**
 * A short version of OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED" warning, or of its
 * "host key of a different type is already known" one: both are refused, and fixed the same way.
 */
export function describeChangedKey(
  host: string,
  port: number,
  newBlob: Buffer,
  verdict: Extract<HostKeyVerdict, { kind: 'changed' | 'other-type' }>,
): Message {
  const name = hostField(host, port);
  return msg(verdict.kind === 'changed' ? 'ssh.hostKeyChanged' : 'ssh.hostKeyOtherType', {
    host: name,
    knownType: verdict.knownKeyType,
    knownFingerprint: verdict.knownFingerprint,
    offeredType: parseKeyBlob(newBlob) ?? verdict.knownKeyType,
    offeredFingerprint: fingerprintSha256(newBlob),
    file: verdict.file,
    line: verdict.line,
    command: shellQuote(['ssh-keygen', '-R', name, '-f', verdict.file]),
  });
}
