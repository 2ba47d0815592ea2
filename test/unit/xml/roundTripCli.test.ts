/** `npm run xml-roundtrip` on odd input: it never crashes, reports per file and edit, exits 1. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRoundTrip } from '../../../src/main/xml/roundTrip';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

function corpus(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtdeck-rt-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const GOOD = `<domain type='kvm'><name>a</name><memory>1048576</memory><vcpu>1</vcpu>
  <os><type>hvm</type></os><devices><disk type='file' device='cdrom'><source file='/a.iso'/><target dev='hdc' bus='ide'/></disk></devices></domain>`;

describe('xml round trip', () => {
  it('skips what is not libvirt XML and passes every edit on a plain guest', () => {
    const dir = corpus({
      'a/good.xml': GOOD,
      'broken.xml': '<domain><name>',
      'empty.xml': '',
      'other.xml': '<capabilities/>',
      'binary.xml': '\u0000\u0001\u0002',
      'notxml.txt': GOOD,
      'net.xml':
        "<network><name>n</name><bridge name='virbr5'/><ip address='10.1.1.1' prefix='24'/></network>",
      'vol.xml':
        "<volume><name>v</name><capacity>1024</capacity><target><format type='raw'/></target></volume>",
      'pool.xml': "<pool type='dir'><name>p</name><target><path>/p</path></target></pool>",
    });
    const report = runRoundTrip(dir);
    expect(report.failed).toEqual([]);
    expect(report.files).toBe(4);
    expect(report.edits).toBeGreaterThan(25);
    expect(report.passed).toBe(report.edits);
  });

  it('prints the JSON report last, with an exit status that says whether all passed', () => {
    const numa = `<domain type='kvm'><name>n</name><memory>1048576</memory><vcpu>1</vcpu><os><type>hvm</type></os>
      <cpu><numa><cell id='0' cpus='0' memory='1048576'/></numa></cpu><devices/></domain>`;
    const dir = corpus({ 'numa.xml': numa, 'good.xml': GOOD });
    const run = spawnSync(TSX, ['scripts/xml-roundtrip.ts', dir], { encoding: 'utf8' });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    const report = JSON.parse(last) as { name: string; files: number; failed: unknown[] };
    expect(report.name).toBe('xml-roundtrip');
    expect(report.files).toBe(2);
    expect(run.status).toBe(report.failed.length > 0 ? 1 : 0);
    expect(run.stderr).toContain('xml-roundtrip:');
    const noArgs = spawnSync(TSX, ['scripts/xml-roundtrip.ts'], { encoding: 'utf8' });
    expect(noArgs.status).toBe(2);
  }, 60_000);
});
