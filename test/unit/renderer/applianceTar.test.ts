/**
 * The page's tar of an .ovf and its files, read back by GNU tar (the backend's reader is tested
 * on GNU tar's archives in test/unit/appliances): descriptor first, manifest next, names past
 * ustar's limits (unicode, long) kept through pax headers, bodies byte-identical.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applianceUpload, tarOf } from '../../../src/renderer/views/new-vm/appliance/tarBlob';

const work = mkdtempSync(join(tmpdir(), 'ova-blob-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LONG = `${'very-long-disk-name-'.repeat(7)}ü "q" $(x).vmdk`;

async function written(blob: Blob, name: string): Promise<string> {
  const path = join(work, name);
  writeFileSync(path, Buffer.from(await blob.arrayBuffer()));
  return path;
}

const listed = (path: string) =>
  execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).split('\n').filter(Boolean);

describe('the page-side tar', () => {
  it('holds the files in order with their names and bytes, long unicode names included', async () => {
    const disk = randomBytes(5000);
    const path = await written(
      tarOf([
        new File(['<Envelope/>'], 'appliance.ovf'),
        new File([disk], LONG),
        new File([], 'empty.nvram'),
      ]),
      'all.tar',
    );
    expect(readFileSync(path).length % 512).toBe(0);
    expect(listed(path)).toEqual(['appliance.ovf', LONG, 'empty.nvram']);
    const out = join(work, 'out');
    mkdirSync(out);
    execFileSync('tar', ['-xf', path, '-C', out]);
    expect(readFileSync(join(out, LONG)).equals(disk)).toBe(true);
    expect(readFileSync(join(out, 'appliance.ovf'), 'utf8')).toBe('<Envelope/>');
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
    expect(listed(await written(upload!.blob, 'ovf.tar'))).toEqual([
      'app.ovf',
      'app.mf',
      'disk1.vmdk',
    ]);
    expect(applianceUpload([new File(['a'], 'a.vmdk'), new File(['b'], 'b.vmdk')])).toBeUndefined();
  });
});
