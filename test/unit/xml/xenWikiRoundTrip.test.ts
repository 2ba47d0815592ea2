/**
 * The Estonian wiki's example Xen guests (test/fixtures/xen/wiki-*.xml: memory, vcpus, a disk on
 * the xen bus, a vif on xenbr0, VNC for HVM) edited through the app's DOM-preserving edits: each
 * edit changes exactly the nodes it declares (canonicalDiff), and several in a row change only
 * their union, for a PV and an HVM guest alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesOutsideScope, diffXml } from '../../../src/main/xml/canonicalDiff';
import { graphicsListenEdit } from '../../../src/main/xml/edits/domain/graphics';
import { nicSourceEdit } from '../../../src/main/xml/edits/domain/interfaces';
import { memoryEdit } from '../../../src/main/xml/edits/domain/memory';
import { vcpusEdit } from '../../../src/main/xml/edits/domain/vcpus';
import { diskSettingsEdit } from '../../../src/main/xml/edits/domain/disks';
import type { XmlEdit } from '../../../src/main/xml/edits/editTypes';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'xen', name), 'utf8');

interface Step {
  edit: XmlEdit<never>;
  params: unknown;
  /** The paths the diff must show, exactly. */
  changed: string[];
}
const step = <P>(edit: XmlEdit<P>, params: P, changed: string[]): Step => ({
  edit: edit as unknown as XmlEdit<never>,
  params,
  changed,
});

const apply = (s: Step, xml: string) =>
  (s.edit.apply as (x: string, p: unknown) => string)(xml, s.params);

const common = (mac: string): Step[] => [
  step(memoryEdit, { maximumKiB: 1048576, currentKiB: 786432 }, [
    'domain/memory/#text',
    'domain/currentMemory/#text',
  ]),
  step(vcpusEdit, { maximum: 4, current: 2 }, ['domain/vcpu/#text', 'domain/vcpu/@current']),
  step(nicSourceEdit, { mac, source: { kind: 'bridge', bridge: 'xenbr1' } }, [
    'domain/devices/interface/source/@bridge',
  ]),
  step(diskSettingsEdit, { target: 'xvda', settings: { cache: 'none' } }, [
    'domain/devices/disk/driver/@cache',
  ]),
];

const GUESTS = [
  { file: 'wiki-pv.xml', steps: common('00:16:3e:8a:1c:01') },
  {
    file: 'wiki-hvm.xml',
    steps: [
      ...common('00:16:3e:8a:1c:03'),
      step(graphicsListenEdit, { index: 0, address: '0.0.0.0' }, [
        'domain/devices/graphics/@listen',
        'domain/devices/graphics/listen/@address',
      ]),
    ],
  },
];

describe.each(GUESTS)("the wiki's $file through the app's edits", ({ file, steps }) => {
  const original = fixture(file);

  it.each(steps.map((s) => [s.edit.id, s] as const))('%s changes only its nodes', (_id, s) => {
    const edited = apply(s, original);
    const diff = diffXml(original, edited);
    expect(changesOutsideScope(diff, s.edit.scope)).toEqual([]);
    expect(diff.changes.map((c) => c.path).sort()).toEqual([...s.changed].sort());
  });

  it('all the edits in a row change only their union', () => {
    const edited = steps.reduce((xml, s) => apply(s, xml), original);
    const diff = diffXml(original, edited);
    const union = steps.flatMap((s) => s.edit.scope);
    expect(changesOutsideScope(diff, union)).toEqual([]);
    expect(diff.changes.map((c) => c.path).sort()).toEqual(steps.flatMap((s) => s.changed).sort());
  });
});
