/**
 * The running guest's copy of a config device: found by its address when the config and live
 * XML list the kind differently, by its key otherwise (no address; disks and NICs).
 */
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { liveCounterpart, findDevice } from '../../../src/main/xml/edits/domain/deviceKeys';
import { parseXml } from '../../../src/main/xml/xmlDocument';

const xmlOf = (el: Element | undefined) => el && new XMLSerializer().serializeToString(el);

const rng = (slot: string, alias?: string) =>
  `<rng model='virtio'><backend model='random'>/dev/urandom</backend>${
    alias ? `<alias name='${alias}'/>` : ''
  }<address type='pci' domain='0x0000' bus='0x00' slot='${slot}' function='0x0'/></rng>`;

const domain = (devices: string) => {
  const root = parseXml(`<domain><devices>${devices}</devices></domain>`).documentElement;
  if (!root) throw new Error('no root');
  return root;
};

describe('liveCounterpart', () => {
  // The middle RNG was removed from the config only.
  const config = domain(rng('0x0a') + rng('0x0c') + "<input type='mouse' bus='ps2'/>");
  const live = domain(
    rng('0x0a', 'rng0') +
      rng('0x0b', 'rng1') +
      rng('0x0c', 'rng2') +
      "<input type='mouse' bus='ps2'/>",
  );

  it('finds a device with an address by it, not by its position', () => {
    const third = findDevice(config, 'rng:1');
    expect(third && xmlOf(liveCounterpart(live, third, 'rng:1'))).toContain('name="rng2"');
    const first = findDevice(config, 'rng:0');
    expect(first && xmlOf(liveCounterpart(live, first, 'rng:0'))).toContain('name="rng0"');
  });

  it('finds none when the running guest lacks it, and falls back to the key without address', () => {
    const added = domain(rng('0x0d'));
    const el = findDevice(added, 'rng:0');
    expect(el && liveCounterpart(live, el, 'rng:0')).toBeUndefined();
    const mouse = findDevice(config, 'input:0');
    expect(mouse && liveCounterpart(live, mouse, 'input:0')).toBe(findDevice(live, 'input:0'));
  });
});
