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
