/**
 * Devices named by one key across the app: a disk by its target dev ("disk:vda"), a NIC by its
 * MAC ("interface:52:54:00:12:34:56"), any other device by its element name and position among
 * the devices of that name ("tpm:0", "graphics:1"). Read-only: edits take the ref it resolves.
 * A device only the running guest has, named by its position, is "live:rng:1": its position in
 * the live XML says nothing about the config, where "rng:1" may be another device.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { invalidInput } from '../../../../shared/inputChecks';

/** The key of a device that names itself (a disk by its target, a NIC by its MAC). */
function identityKey(el: Element): string | undefined {
  if (el.nodeName === 'disk') {
    const dev = attribute(firstChild(el, 'target'), 'dev');
    if (dev) return `disk:${dev}`;
  }
  if (el.nodeName === 'interface') {
    const mac = attribute(firstChild(el, 'mac'), 'address');
    if (mac) return `interface:${mac.toLowerCase()}`;
  }
  return undefined;
}

export function deviceKey(el: Element, positionOfName: number): string {
  return identityKey(el) ?? `${el.nodeName}:${positionOfName}`;
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

const aliasOf = (el: Element) => attribute(firstChild(el, 'alias'), 'name');

/**
 * The running guest's copy of `el`, the config's device named `key`. A position key ("rng:1")
 * names the config's device; once the config and the live XML list that kind differently (a
 * device removed at the next shutdown) the same position in the live XML is another device, so
 * a device with a user alias or an address is found by it. Disks and NICs have keys of their own.
 */
export function liveCounterpart(live: Element, el: Element, key: string): Element | undefined {
  if (el.nodeName === 'disk' || el.nodeName === 'interface') return findDevice(live, key);
  // Only user aliases ("ua-...") are in a config; they name the device in the live XML too.
  const alias = aliasOf(el);
  const address = addressOf(el);
  if (alias === undefined && address === undefined) {
    // libvirt gives no address to a PS/2 input, a display or a console, in either XML: such a
    // device is the one at its place among those of its kind without one (a removed USB tablet
    // before a PS/2 mouse shifts the mouse's position, not this place).
    const place = addressless(el.parentNode as Element | null, el.nodeName).indexOf(el);
    return addressless(firstChild(live, 'devices') ?? null, el.nodeName)[place];
  }
  return keyedDevices(live).find(
    (d) =>
      d.el.nodeName === el.nodeName &&
      (alias !== undefined ? aliasOf(d.el) === alias : addressOf(d.el) === address),
  )?.el;
}

/** The devices named `name` under `devices` that have no <address>, in document order. */
function addressless(devices: Element | null, name: string): Element[] {
  return devices ? childElements(devices, name).filter((d) => addressOf(d) === undefined) : [];
}

const LIVE_ONLY = 'live:';

/**
 * The config's devices, each with its copy in the running guest (none: it joins at the next
 * start), then the devices only the running guest has, under keys that name no config device.
 * Each live device is the copy of one config device at most.
 */
export function pairDevices(
  config: Element,
  live: Element | undefined,
): { key: string; config?: Element; live?: Element }[] {
  const claimed = new Set<Element>();
  const paired = keyedDevices(config).map(({ key, el }) => {
    const copy = live && liveCounterpart(live, el, key);
    if (!copy || claimed.has(copy)) return { key, config: el };
    claimed.add(copy);
    return { key, config: el, live: copy };
  });
  const liveOnly = (live ? keyedDevices(live) : [])
    .filter(({ el }) => !claimed.has(el))
    .map(({ key, el }) => ({ key: identityKey(el) ?? LIVE_ONLY + key, live: el }));
  return [...paired, ...liveOnly];
}

/**
 * The running guest's device named by a key of a device the config lacks: "live:rng:1", an
 * identity key ("disk:vdb"), or (a transient guest, whose every device is live) a position.
 */
export function findLiveDevice(live: Element, key: string): Element | undefined {
  return findDevice(live, key.startsWith(LIVE_ONLY) ? key.slice(LIVE_ONLY.length) : key);
}
