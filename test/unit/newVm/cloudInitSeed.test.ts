/**
 * The NoCloud seed as Virtdeck writes it: SHA-512 crypt against the published vectors and
 * openssl, the seed ISO read back through the project's ISO reader and through xorriso (Rock
 * Ridge names) and xorriso again without Rock Ridge (the Joliet names), and blkid's label.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSeedIso } from '../../../src/main/services/newVm/cloudInit/seedIso';
import { sha512Crypt, hashPassword } from '../../../src/main/services/newVm/cloudInit/sha512Crypt';
import { readIsoFile, parseDirectory } from '../../../src/main/services/newVm/iso9660';
import { parseIsoHead } from '../../../src/main/services/newVm/isoMedia';

const work = mkdtempSync(join(tmpdir(), 'cloud-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('SHA-512 crypt', () => {
  // Ulrich Drepper's SHA-crypt specification, test vectors for $6$.
  it.each([
    [
      'Hello world!',
      'saltstring',
      5000,
      '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1',
    ],
    [
      'Hello world!',
      'saltstringsaltstring',
      10000,
      '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
    ],
    [
      'This is just a test',
      'toolongsaltstring',
      5000,
      '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0',
    ],
    [
      'we have a short salt string but not a short password',
      'short',
      77777,
      '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
    ],
  ])('%s / %s / %i rounds', (password, salt, rounds, expected) => {
    // The specification writes "rounds=5000" when it was asked for; glibc and openssl (and this
    // code) leave the default out. The salt and the hash are the same.
    expect(sha512Crypt(password, salt, rounds)).toBe(expected.replace('$rounds=5000$', '$'));
  });

  it('agrees with openssl passwd -6 on a unicode password with shell characters', () => {
    const password = `pä$$ "w" $(id); \`x\` ${Math.random()}`;
    const ours = sha512Crypt(password, 'Zx9./abcDEF01234');
    const openssl = execFileSync(
      'openssl',
      ['passwd', '-6', '-salt', 'Zx9./abcDEF01234', '-stdin'],
      {
        input: password,
        encoding: 'utf8',
      },
    ).trim();
    expect(ours).toBe(openssl);
  });

  it('a fresh salt each time, of 16 characters from the crypt alphabet', () => {
    const a = hashPassword('same');
    const b = hashPassword('same');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
  });
});

describe('seed ISO', () => {
  const userData = '#cloud-config\nhostname: ünïcode-host\nusers: [default]\n';
  const metaData = 'instance-id: iid-1\nlocal-hostname: h\n';
  // A file over one sector, to see extents of more than one sector read back whole.
  const big = `#cloud-config\nwrite_files:\n${'  - {path: /x, content: y}\n'.repeat(200)}`;
  const iso = buildSeedIso([
    { name: 'user-data', data: Buffer.from(big, 'utf8') },
    { name: 'meta-data', data: Buffer.from(metaData, 'utf8') },
    { name: 'vendor-data', data: Buffer.from(userData, 'utf8') },
  ]);
  const path = join(work, 'seed.iso');
  writeFileSync(path, iso);
  const readAt = (offset: number, length: number) =>
    Promise.resolve(iso.subarray(offset, offset + length));

  it('is labelled cidata and read back by the project reader (Rock Ridge names)', async () => {
    expect(parseIsoHead(iso.subarray(0, 17 * 2048))).toEqual({
      isIso: true,
      volumeLabel: 'cidata',
    });
    expect((await readIsoFile(readAt, '/user-data', 1 << 20))?.toString('utf8')).toBe(big);
    expect((await readIsoFile(readAt, '/meta-data'))?.toString('utf8')).toBe(metaData);
    expect((await readIsoFile(readAt, '/vendor-data'))?.toString('utf8')).toBe(userData);
    const root = parseDirectory(iso.subarray(23 * 2048, 24 * 2048));
    expect(root.map((e) => [e.name, e.isoName])).toEqual([
      ['meta-data', 'META_DAT.;1'],
      ['user-data', 'USER_DAT.;1'],
      ['vendor-data', 'VENDOR_D.;1'],
    ]);
  });

  it('xorriso reads the same names and bytes, with Rock Ridge and with Joliet only', () => {
    const list = (...mode: string[]) =>
      execFileSync('xorriso', [...mode, '-indev', path, '-find', '/', '-type', 'f'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .trim()
        .split('\n')
        .sort();
    const names = ["'/meta-data'", "'/user-data'", "'/vendor-data'"];
    expect(list()).toEqual(names);
    expect(list('-read_fs', 'norock')).toEqual(names);
    const out = join(work, 'user-data');
    execFileSync('xorriso', ['-osirrox', 'on', '-indev', path, '-extract', '/user-data', out], {
      stdio: 'ignore',
    });
    expect(readFileSync(out, 'utf8')).toBe(big);
  });

  it('blkid (what cloud-init looks for) sees an iso9660 file system labelled cidata', () => {
    const out = execFileSync('blkid', ['-o', 'export', path], { encoding: 'utf8' });
    expect(out).toContain('LABEL=cidata');
    expect(out).toContain('TYPE=iso9660');
  });
});
