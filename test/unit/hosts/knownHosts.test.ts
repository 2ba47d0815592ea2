import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  describeChangedKey,
  fingerprintSha256,
  keyTypeOf,
  knownKeyTypes,
} from '../../../src/main/hosts/ssh/knownHosts';
import { VirtdeckError } from '../../../src/shared/errors';
import { englishText } from '../../../src/shared/messages/message';

interface Key {
  pubFile: string;
  type: string;
  b64: string;
  blob: Buffer;
}

let dir: string;
let a: Key; // the key the server presents in most tests
let b: Key; // another key of the same type: the "old" key
let ec: Key; // a key of another type
let rsa: Key;
let counter = 0;

function makeKey(type: string, extra: string[] = []): Key {
  const file = join(dir, `key${counter++}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...extra, '-N', '', '-C', 'test', '-f', file]);
  const [keyType, b64] = readFileSync(`${file}.pub`, 'utf8').trim().split(' ');
  if (keyType === undefined || b64 === undefined) throw new Error('unexpected .pub format');
  return { pubFile: `${file}.pub`, type: keyType, b64, blob: Buffer.from(b64, 'base64') };
}

/** Writes a known_hosts file; `%a`, `%b`, `%ec` stand for "type base64" of those keys. */
function hostsFile(lines: string[]): string {
  const file = join(dir, `known_hosts${counter++}`);
  const keyText = (k: Key): string => `${k.type} ${k.b64}`;
  const text = lines
    .map((l) =>
      l.replaceAll('%ec', keyText(ec)).replaceAll('%a', keyText(a)).replaceAll('%b', keyText(b)),
    )
    .join('\n');
  writeFileSync(file, text + '\n');
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'virtdeck-knownhosts-'));
  a = makeKey('ed25519');
  b = makeKey('ed25519');
  ec = makeKey('ecdsa', ['-b', '256']);
  rsa = makeKey('rsa', ['-b', '2048']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('key blobs', () => {
  it('fingerprints keys exactly as ssh-keygen -l does', () => {
    for (const key of [a, b, ec, rsa]) {
      const out = execFileSync('ssh-keygen', ['-lf', key.pubFile, '-E', 'sha256'], {
        encoding: 'utf8',
      });
      expect(fingerprintSha256(key.blob)).toBe(out.split(' ')[1]);
    }
  });

  it('reads the key type from the blob', () => {
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(ec.blob)).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOf(rsa.blob)).toBe('ssh-rsa');
    expect(() => keyTypeOf(Buffer.from('not a key'))).toThrow(VirtdeckError);
    expect(() => keyTypeOf(a.blob.subarray(0, a.blob.length - 1))).toThrow(VirtdeckError);
  });
});

describe('checkHostKey', () => {
  it('trusts a plain host name, case-insensitively', async () => {
    const f = hostsFile([
      '# comment',
      '',
      'other.example %b',
      'Example.COM,10.0.0.1 %a some comment',
    ]);
    expect(await checkHostKey([f], 'example.com', 22, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], 'EXAMPLE.com', 22, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], '10.0.0.1', 22, a.blob)).toEqual({ kind: 'trusted' });
    // A plain name means port 22 only.
    expect(await checkHostKey([f], 'example.com', 2222, a.blob)).toEqual({ kind: 'unknown' });
  });

  it('uses [host]:port for other ports, and accepts [host]:22 for port 22', async () => {
    const f = hostsFile(['[ported.example]:2222 %a', '[both.example]:22 %a']);
    expect(await checkHostKey([f], 'ported.example', 2222, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], 'ported.example', 22, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([f], 'ported.example', 2223, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([f], 'both.example', 22, a.blob)).toEqual({ kind: 'trusted' });
  });

  it("matches lines hashed by OpenSSH's ssh-keygen -H", async () => {
    const f = hostsFile(['hashed.example %a', '[hashed.example]:2222 %a', '[::1]:2200 %a']);
    execFileSync('ssh-keygen', ['-H', '-f', f], { stdio: 'ignore' });
    const text = readFileSync(f, 'utf8');
    expect(text).not.toContain('hashed.example');
    expect(
      text
        .trim()
        .split('\n')
        .every((l) => l.startsWith('|1|')),
    ).toBe(true);

    expect(await checkHostKey([f], 'hashed.example', 22, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], 'hashed.example', 2222, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], '::1', 2200, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], 'hashed.example', 2223, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([f], 'hashed.example2', 22, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([f], 'hashed.example', 2222, b.blob)).toMatchObject({
      kind: 'changed',
      file: f,
      line: 2,
    });
  });

  it('honours * and ? wildcards and ! negation', async () => {
    const f = hostsFile(['*.lab.example,!secret.lab.example %a', 'node? %a']);
    expect(await checkHostKey([f], 'vm1.lab.example', 22, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], 'vm1.lab.example', 2222, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([f], 'secret.lab.example', 22, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([f], 'node7', 22, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([f], 'node', 22, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([f], 'node12', 22, a.blob)).toEqual({ kind: 'unknown' });
    // "*" also covers [host]:port names, as in OpenSSH.
    const all = hostsFile(['* %ec']);
    expect(await checkHostKey([all], 'anything', 2222, ec.blob)).toEqual({ kind: 'trusted' });
  });

  it('lets @revoked win over a trusting line, in any file', async () => {
    const trusting = hostsFile(['rev.example %a']);
    const revoking = hostsFile(['# revoked keys', '@revoked * %a']);
    expect(await checkHostKey([trusting, revoking], 'rev.example', 22, a.blob)).toEqual({
      kind: 'revoked',
      file: revoking,
      line: 2,
    });
    // A revoked line for some other key neither trusts nor changes anything.
    const other = hostsFile(['@revoked rev.example %b', 'rev.example %a']);
    expect(await checkHostKey([other], 'rev.example', 22, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([other], 'rev.example', 22, b.blob)).toMatchObject({
      kind: 'revoked',
    });
  });

  it('reports a changed key with the first offending file and line', async () => {
    const first = hostsFile(['elsewhere.example %a']);
    const second = hostsFile([
      '# header',
      'changed.example %ec',
      'x.example,changed.example %b',
      'changed.example %b',
    ]);
    const verdict = await checkHostKey([first, second], 'changed.example', 22, a.blob);
    expect(verdict).toEqual({
      kind: 'changed',
      file: second,
      line: 3,
      knownKeyType: 'ssh-ed25519',
      knownFingerprint: fingerprintSha256(b.blob),
    });
    // One line with the exact key is enough, even next to an old key of the same type.
    const both = hostsFile(['changed.example %b', 'changed.example %a']);
    expect(await checkHostKey([both], 'changed.example', 22, a.blob)).toEqual({ kind: 'trusted' });
  });

  it('says unknown when nothing matches', async () => {
    const f = hostsFile(['typed.example %ec']);
    expect(await checkHostKey([f], 'nobody.example', 22, a.blob)).toEqual({ kind: 'unknown' });
    expect(await checkHostKey([], 'nobody.example', 22, a.blob)).toEqual({ kind: 'unknown' });
  });

  it('says "other-type" when only keys of other types are known for the host (OpenSSH warns)', async () => {
    const missing = join(dir, 'missing');
    const f = hostsFile(['other.example,x.example %b', '@revoked other.example %a']);
    const g = hostsFile(['# mine', 'other.example %ec']);
    // The server shows an ECDSA key; only an ed25519 one is known: not a new host to trust blindly.
    expect(await checkHostKey([missing, f], 'other.example', 22, ec.blob)).toEqual({
      kind: 'other-type',
      file: f,
      line: 1,
      knownKeyType: 'ssh-ed25519',
      knownFingerprint: fingerprintSha256(b.blob),
    });
    // A revoked key of another type vouches for nothing, so it does not count as known.
    const revokedOnly = hostsFile(['@revoked other.example %ec']);
    expect(await checkHostKey([revokedOnly], 'other.example', 22, a.blob)).toEqual({
      kind: 'unknown',
    });
    // The same type known with another key is still "changed", whatever else is known.
    const both = hostsFile(['other.example %ec', 'other.example %b']);
    expect((await checkHostKey([both], 'other.example', 22, a.blob)).kind).toBe('changed');
    // And the exact key known is trusted.
    expect(await checkHostKey([g], 'other.example', 22, ec.blob)).toEqual({ kind: 'trusted' });
  });

  it('ignores @cert-authority lines', async () => {
    const f = hostsFile(['@cert-authority ca.example %a', '@cert-authority ca.example %b']);
    expect(await checkHostKey([f], 'ca.example', 22, a.blob)).toEqual({ kind: 'unknown' });
    expect(await knownKeyTypes([f], 'ca.example', 22)).toEqual([]);
  });

  it('skips malformed lines instead of failing', async () => {
    const f = hostsFile([
      `bad.example ssh-ed25519 ${b.b64.slice(0, 30)}!!`,
      `bad.example ssh-ed25519 ${b.b64.slice(0, -4)}`,
      `bad.example ssh-rsa ${b.b64}`,
      '@unknown-marker bad.example %b',
      'bad.example',
      '|1|notbase64|alsonot %b',
      'bad.example %a',
    ]);
    expect(await checkHostKey([f], 'bad.example', 22, a.blob)).toEqual({ kind: 'trusted' });
    expect(await knownKeyTypes([f], 'bad.example', 22)).toEqual(['ssh-ed25519']);
  });

  it('handles CRLF line endings and missing files', async () => {
    const f = join(dir, 'crlf');
    writeFileSync(f, `# windows\r\ncrlf.example ${a.type} ${a.b64}\r\n`);
    const missing = join(dir, 'no', 'such', 'known_hosts');
    expect(await checkHostKey([missing, f], 'crlf.example', 22, a.blob)).toEqual({
      kind: 'trusted',
    });
    expect(await checkHostKey([missing], 'crlf.example', 22, a.blob)).toEqual({ kind: 'unknown' });
    expect(await knownKeyTypes([missing], 'crlf.example', 22)).toEqual([]);
  });
});

describe('knownKeyTypes', () => {
  it('lists the known key types for host:port in file order, once each', async () => {
    const f1 = hostsFile([
      'multi.example %ec',
      '[multi.example]:2222 %b',
      '@revoked multi.example %b',
    ]);
    const f2 = hostsFile(['multi.example %a', 'multi.example %ec']);
    expect(await knownKeyTypes([f1, f2], 'multi.example', 22)).toEqual([
      'ecdsa-sha2-nistp256',
      'ssh-ed25519',
    ]);
    expect(await knownKeyTypes([f1, f2], 'multi.example', 2222)).toEqual(['ssh-ed25519']);
  });
});

describe('appendKnownHost', () => {
  it('creates a private file that both Virtdeck and OpenSSH then find the key in', async () => {
    const sshDir = join(dir, 'fresh', '.ssh');
    const file = join(sshDir, 'known_hosts');
    await appendKnownHost(file, '127.0.0.1', 2222, a.blob);
    await appendKnownHost(file, 'Plain.Example', 22, ec.blob);

    expect(statSync(sshDir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await checkHostKey([file], '127.0.0.1', 2222, a.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([file], 'plain.example', 22, ec.blob)).toEqual({ kind: 'trusted' });

    const found = spawnSync('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file], {
      encoding: 'utf8',
    });
    expect(found.status).toBe(0);
    expect(found.stdout).toContain(`[127.0.0.1]:2222 ssh-ed25519 ${a.b64}`);
    const plain = spawnSync('ssh-keygen', ['-F', 'plain.example', '-f', file], {
      encoding: 'utf8',
    });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain(`plain.example ${ec.type} ${ec.b64}`);
  });

  it('does not glue its line onto a last line without a newline', async () => {
    const file = join(dir, 'no-newline');
    writeFileSync(file, `first.example ${b.type} ${b.b64}`);
    await appendKnownHost(file, 'second.example', 22, a.blob);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3);
    expect(await checkHostKey([file], 'first.example', 22, b.blob)).toEqual({ kind: 'trusted' });
    expect(await checkHostKey([file], 'second.example', 22, a.blob)).toEqual({ kind: 'trusted' });
  });

  it('refuses names that would become patterns or break the line', async () => {
    const file = join(dir, 'refused');
    for (const host of ['', 'a b', 'a,b', '*.example', '#x', '|1|x', '@revoked']) {
      await expect(appendKnownHost(file, host, 22, a.blob)).rejects.toMatchObject({
        code: 'invalid-input',
      });
    }
  });
});

describe('describeChangedKey', () => {
  it('names both fingerprints and a working ssh-keygen -R command', async () => {
    const file = hostsFile(['# old entries', '[changed.example]:2222 %b', 'keep.example %b']);
    const verdict = await checkHostKey([file], 'changed.example', 2222, a.blob);
    if (verdict.kind !== 'changed') throw new Error(`expected changed, got ${verdict.kind}`);
    const message = englishText(describeChangedKey('changed.example', 2222, a.blob, verdict));

    expect(message).toContain('[changed.example]:2222');
    expect(message).toContain(fingerprintSha256(b.blob));
    expect(message).toContain(fingerprintSha256(a.blob));
    expect(message).toContain(`${file}:2`);
    const command = message.split('\n').find((l) => l.trim().startsWith('ssh-keygen -R'));
    expect(command?.trim()).toBe(`ssh-keygen -R '[changed.example]:2222' -f ${file}`);

    // Running the suggested command really removes the stale line, and only that one.
    execFileSync('sh', ['-c', command ?? 'false'], { stdio: 'ignore' });
    expect(await checkHostKey([file], 'changed.example', 2222, a.blob)).toEqual({
      kind: 'unknown',
    });
    expect(await checkHostKey([file], 'keep.example', 22, b.blob)).toEqual({ kind: 'trusted' });
  });

  it('says that a key of another type is known, with the same fix', async () => {
    const file = hostsFile(['[typed.example]:2222 %b']);
    const verdict = await checkHostKey([file], 'typed.example', 2222, ec.blob);
    if (verdict.kind !== 'other-type') throw new Error(`expected other-type, got ${verdict.kind}`);
    const message = englishText(describeChangedKey('typed.example', 2222, ec.blob, verdict));
    expect(message).toMatch(/^The host \[typed\.example\]:2222 offered a key of another type/);
    expect(message).toContain(`Known key (ssh-ed25519): ${fingerprintSha256(b.blob)}`);
    expect(message).toContain(`Offered key (ecdsa-sha2-nistp256): ${fingerprintSha256(ec.blob)}`);
    expect(message).toContain(`ssh-keygen -R '[typed.example]:2222' -f ${file}`);
  });

  it('uses the plain host name for port 22', () => {
    const message = englishText(
      describeChangedKey('h.example', 22, a.blob, {
        kind: 'changed',
        file: '/home/u/.ssh/known_hosts',
        line: 7,
        knownKeyType: 'ssh-ed25519',
        knownFingerprint: fingerprintSha256(b.blob),
      }),
    );
    expect(message).toContain('ssh-keygen -R h.example -f /home/u/.ssh/known_hosts');
    expect(message).toContain('/home/u/.ssh/known_hosts:7');
  });
});
