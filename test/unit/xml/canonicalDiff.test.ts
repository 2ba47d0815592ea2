import { describe, expect, it } from 'vitest';
import { changesOutsideScope, diffXml } from '../../../src/main/xml/canonicalDiff';
import { checkEdit } from '../../../src/main/xml/roundTrip';
import { register } from '../../../src/main/xml/edits/editTypes';

const BASE = `<domain type='kvm'>
  <name>a</name>
  <memory unit='KiB'>1024</memory>
  <devices>
    <disk type='file' device='disk'><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>
    <x:unknown xmlns:x='urn:x' a='1'>text</x:unknown>
  </devices>
</domain>`;

const outside = (after: string, scope: string[], reorders: string[] = []) =>
  changesOutsideScope(diffXml(BASE, after), scope, reorders).map((c) => `${c.kind} ${c.path}`);

describe('canonical diff', () => {
  it('sees no change in attribute order, quotes, whitespace or namespace prefixes', () => {
    const same = `<domain type="kvm"><name>a</name><memory unit="KiB">1024</memory><devices>
      <disk device="disk" type="file"><target bus="virtio" dev="vda"/></disk>
      <disk type="file" device="cdrom"><target dev="sda" bus="sata"/></disk>
      <y:unknown xmlns:y="urn:x" a="1">text</y:unknown></devices></domain>`;
    expect(diffXml(BASE, same).changes).toEqual([]);
  });

  it('catches a dropped attribute', () => {
    const after = BASE.replace(" bus='sata'", '');
    expect(outside(after, ['domain/memory'])).toEqual([
      'attribute domain/devices/disk/target/@bus',
    ]);
  });

  it('catches a reordered sibling, even inside the scope of an edit of that kind', () => {
    const disks = /(<disk[^]*?<\/disk>)\s*(<disk[^]*?<\/disk>)/;
    const after = BASE.replace(disks, '$2\n    $1');
    expect(outside(after, ['domain/memory'])).toEqual(['moved domain/devices/disk']);
    expect(outside(after, ['domain/devices/disk/source'])).toEqual(['moved domain/devices/disk']);
    expect(outside(after, ['domain/memory'], ['domain/devices'])).toEqual([]);
  });

  it('catches a changed, a dropped and an added unknown element', () => {
    expect(outside(BASE.replace('>text<', '>other<'), ['domain/memory'])).toEqual([
      'text domain/devices/{urn:x}unknown/#text',
    ]);
    expect(
      outside(BASE.replace(/<x:unknown[^]*?<\/x:unknown>/, ''), ['domain/devices/disk']),
    ).toEqual(['removed domain/devices/{urn:x}unknown']);
    expect(
      outside(BASE.replace('</devices>', '<x:unknown xmlns:x="urn:x"/></devices>'), []),
    ).toEqual(['inserted domain/devices/{urn:x}unknown']);
  });

  it('accepts changes inside the scope, attribute-level scopes, and new bare containers', () => {
    expect(outside(BASE.replace('1024', '2048'), ['domain/memory'])).toEqual([]);
    expect(
      outside(BASE.replace("bus='sata'", "bus='scsi'"), ['domain/devices/disk/target/@bus']),
    ).toEqual([]);
    expect(
      outside(BASE.replace("dev='sda'", "dev='sdb'"), ['domain/devices/disk/target/@bus']),
    ).toEqual(['attribute domain/devices/disk/target/@dev']);
    const withCpu = BASE.replace('</domain>', "<cpu><topology sockets='1'/></cpu></domain>");
    expect(outside(withCpu, ['domain/cpu/topology'])).toEqual([]);
    const withModeCpu = BASE.replace('</domain>', "<cpu mode='x'><topology/></cpu></domain>");
    expect(outside(withModeCpu, ['domain/cpu/topology'])).toEqual(['inserted domain/cpu']);
  });

  it('judges a whole edit: a careless one fails, the same edit done right passes', () => {
    const edit = (apply: (xml: string) => string) =>
      register({
        id: 't',
        root: 'domain',
        scope: ['domain/memory'],
        applies: () => true,
        sample: () => 0,
        apply,
      });
    expect(
      checkEdit(
        BASE,
        edit((x) => x.replace('1024', '2048')),
      ),
    ).toBeUndefined();
    expect(
      checkEdit(
        BASE,
        edit((x) => x.replace('1024', '2048').replace(" a='1'", '')),
      ),
    ).toMatch(/attribute outside scope at domain\/devices\/\{urn:x\}unknown\/@a/);
    expect(
      checkEdit(
        BASE,
        edit((x) => x),
      ),
    ).toBe('the edit changed nothing');
    expect(
      checkEdit(
        BASE,
        edit(() => {
          throw new Error('boom');
        }),
      ),
    ).toBe('the edit threw: boom');
    expect(
      checkEdit(
        BASE,
        edit(() => '<domain'),
      ),
    ).toMatch(/^the result is not comparable/);
  });
});
