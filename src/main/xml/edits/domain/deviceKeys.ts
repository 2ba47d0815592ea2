/**
 * Devices named by one key across the app: a disk by its target dev ("disk:vda"), a NIC by its
 * MAC ("interface:52:54:00:12:34:56"), any other device by its element name and position among
 * the devices of that name ("tpm:0", "graphics:1"). Read-only: edits take the ref it resolves.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { invalidInput } from '../../validation';

export function deviceKey(el: Element, positionOfName: number): string {
  if (el.nodeName === 'disk') {
    const dev = attribute(firstChild(el, 'target'), 'dev');
    if (dev) return `disk:${dev}`;
  }
  if (el.nodeName === 'interface') {
    const mac = attribute(firstChild(el, 'mac'), 'address');
    if (mac) return `interface:${mac.toLowerCase()}`;
  }
  return `${el.nodeName}:${positionOfName}`;
}

/** Every device element (not <emulator>) with its key, in document order. */
export function keyedDevices(domain: Element): { key: string; el: Element }[] {
  const devices = firstChild(domain, 'devices');
  if (!devices) return [];
  const seen = new Map<string, number>();
  return childElements(devices)
    .filter((el) => el.nodeName !== 'emulator')
    .map((el) => {
      const n = seen.get(el.nodeName) ?? 0;
      seen.set(el.nodeName, n + 1);
      return { key: deviceKey(el, n), el };
    });
}

export function findDevice(domain: Element, key: string): Element | undefined {
  return keyedDevices(domain).find((d) => d.key === key)?.el;
}

/** The device's element name and index among the devices of that name (for devices.ts). */
export function deviceRef(domain: Element, key: string): { name: string; index: number } {
  const el = findDevice(domain, key);
  if (!el) throw invalidInput(`The guest has no device ${key}`, 'key');
  const index = keyedDevices(domain)
    .filter((d) => d.el.nodeName === el.nodeName)
    .findIndex((d) => d.el === el);
  return { name: el.nodeName, index };
}

/** A device's <address> as one comparable string (attributes sorted), if it has one. */
function addressOf(el: Element): string | undefined {
  const address = firstChild(el, 'address');
  if (!address) return undefined;
  const attrs: string[] = [];
  for (let i = 0; i < address.attributes.length; i++) {
    const a = address.attributes.item(i);
    if (a) attrs.push(`${a.name}=${a.value}`);
  }
  return attrs.sort().join(' ');
}

/**
 * The running guest's copy of `el`, the config's device named `key`. A position key ("rng:1")
 * names the config's device; once the config and the live XML list that kind differently (a
 * device removed at the next shutdown) the same position in the live XML is another device, so
 * a device with an address is found by it. Disks and NICs have keys of their own.
 */
export function liveCounterpart(live: Element, el: Element, key: string): Element | undefined {
  const address = addressOf(el);
  if (address === undefined || el.nodeName === 'disk' || el.nodeName === 'interface') {
    return findDevice(live, key);
  }
  return keyedDevices(live).find(
    (d) => d.el.nodeName === el.nodeName && addressOf(d.el) === address,
  )?.el;
}
