/**
 * The streaming tar reader on archives GNU tar writes: GNU long names ('L'), pax headers (long
 * and unicode names), gzip compression, bodies read in pieces or skipped, and what is not a tar.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  entryBaseName,
  gunzipIfNeeded,
  tarEntries,
} from '../../../src/main/services/appliances/tarReader';
import { VirtdeckError } from '../../../src/shared/errors';

const work = mkdtempSync(join(tmpdir(), 'ova-tar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LONG = `${'a-very-long-directory-name-'.repeat(3)}/${'and-a-long-file-name-'.repeat(4)}ü.vmdk`;
const files: Record<string, Buffer> = {
  'desc.ovf': Buffer.from('<Envelope/>'),
  [LONG]: randomBytes(70_000),
  'empty.txt': Buffer.alloc(0),
  'block.bin': randomBytes(1024),
  'ünï cödé "q" $(x).img': randomBytes(513),
};

function makeTar(name: string, format: 'gnu' | 'pax' | 'ustar', gzip = false): string {
  const dir = join(work, `${name}-src`);
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), bytes);
  }
  const out = join(work, name);
  execFileSync('tar', [
    `--format=${format}`,
    gzip ? '-czf' : '-cf',
    out,
    '-C',
    dir,
    ...Object.keys(files),
  ]);
  return out;
}

/** The file as a stream of small, uneven chunks, the way a socket delivers it. */
async function* chunked(bytes: Buffer, size = 777): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function readAll(path: string, skip: (name: string) => boolean = () => false) {
  const out = new Map<string, Buffer>();
  for await (const { entry, body } of tarEntries(gunzipIfNeeded(chunked(readFileSync(path))))) {
    if (entry.type !== 'file' || skip(entry.name)) continue;
    const parts: Buffer[] = [];
    for await (const piece of body) parts.push(piece);
    out.set(entry.name, Buffer.concat(parts));
  }
  return out;
}

describe('tarEntries', () => {
  it.each(['gnu', 'pax'] as const)(
    'reads every file of a %s archive, long and unicode names included',
    async (format) => {
      const read = await readAll(makeTar(`all.${format}.tar`, format));
      expect([...read.keys()]).toEqual(Object.keys(files));
      for (const [name, bytes] of Object.entries(files))
        expect(read.get(name)?.equals(bytes)).toBe(true);
    },
  );

  it('inflates a gzip-compressed archive (a .box is a .tar.gz)', async () => {
    const read = await readAll(makeTar('all.tar.gz', 'gnu', true));
    expect(read.get(LONG)?.equals(files[LONG]!)).toBe(true);
  });

  it('skips the bodies a reader leaves unread and goes on with the next entry', async () => {
    const read = await readAll(makeTar('skip.tar', 'pax'), (name) => name === LONG);
    expect([...read.keys()]).toEqual(Object.keys(files).filter((n) => n !== LONG));
    expect(read.get('block.bin')?.equals(files['block.bin']!)).toBe(true);
  });

  it('refuses what is not a tar, and an archive cut in the middle of a file', async () => {
    const notTar = join(work, 'not.tar');
    writeFileSync(notTar, randomBytes(4096));
    await expect(readAll(notTar)).rejects.toThrow(/not a tar archive/);
    const cut = join(work, 'cut.tar');
    writeFileSync(cut, readFileSync(makeTar('whole.tar', 'gnu')).subarray(0, 30_000));
    const err = await readAll(cut).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VirtdeckError);
    expect((err as Error).message).toMatch(/ends in the middle/);
  });

  it('names entries without their "./"', () => {
    expect(entryBaseName('./box.img')).toBe('box.img');
    expect(entryBaseName('box.img')).toBe('box.img');
  });
});
