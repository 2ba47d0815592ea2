/**
 * Device edits reach no further than their device: every registered edit, applied to each device
 * of its kind in turn on hand-written guests with several devices of every kind
 * (test/fixtures/xml), changes that device alone. And the judge itself catches an edit that
 * touches a sibling of the same kind or moves its device.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { runRoundTrip } from '../../../src/main/xml/roundTrip';
import { checkDeviceEdit } from '../../../src/main/xml/deviceRoundTrip';
import { diffXml } from '../../../src/main/xml/canonicalDiff';
import {
  editXml,
  insertChild,
  ownerDocument,
  removeElement,
  setAttr,
} from '../../../src/main/xml/xmlEdit';
import { deviceAt, devicesNamed, devicesOf } from '../../../src/main/xml/edits/domain/domainOrder';
import { deviceEdit, register } from '../../../src/main/xml/edits/editTypes';
import { XML_EDITS } from '../../../src/main/xml/edits/registry';
import { parseXml } from '../../../src/main/xml/xmlDocument';
import { XML_FIXTURES as FIXTURES } from '../../support/xmlFixtures';

const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const SIBLINGS = read('domain/sound-rng-siblings.xml');
const MANY = read('domain/many-devices.xml');

const byId = (id: string) => {
  const edit = XML_EDITS.find((e) => e.id === id);
  if (!edit) throw new Error(`no edit ${id}`);
  return edit;
};

/** A sound-model edit of device `index` that also does `extra` to the domain. */
const soundEdit = (extra: (domain: Element, index: number) => void = () => {}) =>
  register(
    deviceEdit<number>({
      id: 't.sound',
      root: 'domain',
      scope: ['domain/devices/sound/@model'],
      device: 'sound',
      sampleAt: (_domain, index) => index,
      apply: (xml, index) =>
        editXml(xml, 'domain', (domain) => {
          setAttr(deviceAt(domain, 'sound', index), 'model', 'sb16');
          extra(domain, index);
        }),
    }),
  );

describe('device edits on guests with many devices of each kind', () => {
  it('pass the round trip on every device of their kind, whatever its siblings hold', () => {
    // The hand-written guests only: edits/ holds the small in / out pairs of the edit tests.
    const reports = ['domain', 'network'].map((dir) => runRoundTrip(join(FIXTURES, dir)));
    const sum = (key: 'files' | 'edits' | 'passed') =>
      reports.reduce((total, report) => total + report[key], 0);
    expect(reports.flatMap((report) => report.failed)).toEqual([]);
    expect(sum('files')).toBeGreaterThanOrEqual(5);
    expect(sum('passed')).toBe(sum('edits'));
    // Hundreds of parses and diffs: seconds on a busy shared machine.
  }, 120_000);

  it('run once per device: first, middle and last', () => {
    const root = parseXml(MANY).documentElement;
    const targeted = XML_EDITS.filter((e) => e.target && root && e.applies(root));
    const kinds = new Set(targeted.map((e) => e.target?.device));
    for (const kind of ['sound', 'rng', 'video', 'watchdog', 'input', 'tpm', 'graphics']) {
      expect(kinds).toContain(kind);
    }
    for (const kind of ['serial', 'channel', 'controller', 'filesystem', 'hostdev']) {
      expect(kinds).toContain(kind);
    }
    for (const kind of ['interface', 'disk']) expect(kinds).toContain(kind);
    for (const edit of targeted) {
      const runs = checkDeviceEdit(MANY, edit);
      expect(runs.length, edit.id).toBeGreaterThan(0);
      expect(
        runs.filter((r) => r.why !== undefined),
        edit.id,
      ).toEqual([]);
    }
    const sounds = checkDeviceEdit(MANY, byId('domain.sound.settings')).map((r) => r.index);
    expect(sounds).toEqual([0, 1, 2, 3]);
    const rngs = checkDeviceEdit(SIBLINGS, byId('domain.rng.settings')).map((r) => r.index);
    expect(rngs).toEqual([0, 1, 2, 3, 4]);
  }, 120_000);

  it('change the targeted device in place and no other', () => {
    const after = byId('domain.sound.settings').target?.applyAt(
      SIBLINGS,
      parseXml(SIBLINGS).documentElement as Element,
      0,
    );
    const domain = parseXml(after ?? '').documentElement as Element;
    expect(devicesNamed(domain, 'sound').map((s) => s.getAttribute('model'))).toEqual([
      'ac97',
      'ac97',
      'es1370',
      'ac97',
    ]);
    // The old first sound, changed: its model, its codecs gone; read as such, not as a move.
    const changes = diffXml(SIBLINGS, after ?? '').changes.map((c) => `${c.kind} ${c.path}`);
    expect(changes).toEqual([
      'attribute domain/devices/sound/@model',
      'removed domain/devices/sound/codec',
      'removed domain/devices/sound/codec',
    ]);
  });
});

describe('the device judge', () => {
  it('passes an edit of its device alone', () => {
    expect(checkDeviceEdit(SIBLINGS, soundEdit())).toEqual([
      { index: 0, why: undefined },
      { index: 1, why: undefined },
      { index: 2, why: undefined },
      { index: 3, why: undefined },
    ]);
  });

  it('fails an edit that also changes a sibling of the same kind, though in the kind scope', () => {
    const careless = soundEdit((domain, index) => {
      const other = devicesNamed(domain, 'sound')[(index + 1) % 4];
      if (other) setAttr(other, 'model', 'sb16');
    });
    const runs = checkDeviceEdit(SIBLINGS, careless);
    expect(runs).toHaveLength(4);
    for (const run of runs) expect(run.why).toMatch(/outside the edited device's scope/);
  });

  it('fails an edit that re-inserts its device elsewhere', () => {
    const moving = soundEdit((domain, index) => {
      const el = deviceAt(domain, 'sound', index);
      removeElement(el);
      insertChild(devicesOf(domain), el);
    });
    const runs = checkDeviceEdit(SIBLINGS, moving);
    expect(runs).toHaveLength(4);
    // The last sound, at the end of <devices>, moved; the others left a sibling in their place.
    expect(runs[3]?.why).toBe('the edited sound #3 moved');
    for (const run of runs.slice(0, 3)) expect(run.why).toMatch(/outside the edited device/);
  });

  it('fails an add that also changes a device already there, though in the kind scope', () => {
    const add = (touch: boolean) =>
      register({
        id: 't.sound.add',
        root: 'domain',
        scope: ['domain/devices/sound'],
        adds: 'sound',
        applies: () => true,
        sample: () => 0,
        apply: (xml) =>
          editXml(xml, 'domain', (domain) => {
            const sound = ownerDocument(domain).createElement('sound');
            sound.setAttribute('model', 'sb16');
            insertChild(devicesOf(domain), sound, deviceAt(domain, 'sound', 2));
            if (touch) setAttr(deviceAt(domain, 'sound', 0), 'model', 'sb16');
          }),
      });
    expect(checkDeviceEdit(SIBLINGS, add(false))).toEqual([{ index: 2, why: undefined }]);
    const [run] = checkDeviceEdit(SIBLINGS, add(true));
    expect(run?.why).toMatch(/outside the edited device's scope at domain\/devices\/sound/);
  });
});
