/**
 * The page's tar of an .ovf and its files, read back by the backend's tar reader (and by GNU
 * tar): descriptor first, manifest next, names past ustar's limits (unicode, long) kept through
 * pax headers, bodies byte-identical.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarEntries } from '../../../src/main/services/appliances/tarReader';
import { applianceUpload, tarOf } from '../../../src/renderer/views/new-vm/appliance/tarBlob';

async function* blobChunks(blob: Blob): AsyncGenerator<Buffer> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield Buffer.from(value);
  }
}

const LONG = `${'very-long-disk-name-'.repeat(7)}ü "q" $(x).vmdk`;

describe('the page-side tar', () => {
  it('holds the files in order, with their names and bytes, as the backend reads it', async () => {
    const disk = randomBytes(5000);
    const files = [
      new File(['<Envelope/>'], 'appliance.ovf'),
      new File([disk], LONG),
      new File([], 'empty.nvram'),
    ];
    const read: [string, Buffer][] = [];
    for await (const { entry, body } of tarEntries(blobChunks(tarOf(files)))) {
      const parts: Buffer[] = [];
      for await (const piece of body) parts.push(piece);
      read.push([entry.name, Buffer.concat(parts)]);
    }
    expect(read.map(([name]) => name)).toEqual(['appliance.ovf', LONG, 'empty.nvram']);
    expect(read[1]![1].equals(disk)).toBe(true);
  });

  it('is a tar GNU tar lists, long unicode name included', async () => {
    const work = mkdtempSync(join(tmpdir(), 'ova-blob-'));
    try {
      const path = join(work, 'out.tar');
      const blob = tarOf([new File(['x'], 'a.ovf'), new File(['yy'], LONG)]);
      writeFileSync(path, Buffer.from(await blob.arrayBuffer()));
      expect(execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).split('\n')).toEqual([
        'a.ovf',
        LONG,
        '',
      ]);
      expect(readFileSync(path).length % 512).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('sends a single .ova or .box as it is, an .ovf with its files as a tar led by the descriptor and manifest', async () => {
    const ova = new File(['tar bytes'], 'x.ova');
    expect(applianceUpload([ova])).toEqual({ name: 'x.ova', blob: ova });
    const upload = applianceUpload([
      new File(['d'], 'disk1.vmdk'),
      new File(['m'], 'app.mf'),
      new File(['o'], 'app.ovf'),
    ]);
    expect(upload?.name).toBe('app.ovf');
    const names: string[] = [];
    for await (const { entry } of tarEntries(blobChunks(upload!.blob))) names.push(entry.name);
    expect(names).toEqual(['app.ovf', 'app.mf', 'disk1.vmdk']);
    expect(applianceUpload([new File(['a'], 'a.vmdk'), new File(['b'], 'b.vmdk')])).toBeUndefined();
  });
});
