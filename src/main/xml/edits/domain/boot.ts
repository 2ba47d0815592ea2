/**
 * Boot order, in either of libvirt's two ways (it refuses a mix): the <os><boot dev='...'/> list
 * (hd, cdrom, network, fd), or a <boot order='N'/> inside each bootable device.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, removeElement, setAttr } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { checkOneOf, invalidInput } from '../../../../shared/inputChecks';
import { OS_ORDER, devicesNamed } from './domainOrder';
import type { XmlEdit } from '../editTypes';

export const BOOT_DEVS = ['hd', 'cdrom', 'network', 'fd'] as const;
export type BootDev = (typeof BOOT_DEVS)[number];

/** Device kinds that can carry <boot order>. */
export const BOOTABLE = ['disk', 'interface', 'hostdev', 'redirdev', 'filesystem'] as const;
export type BootableKind = (typeof BOOTABLE)[number];

/** A bootable device: its element name and index among the devices of that name. */
export interface BootDeviceRef {
  kind: BootableKind;
  index: number;
}

export function osBootDevs(domain: Element): string[] {
  const os = firstChild(domain, 'os');
  return os ? childElements(os, 'boot').map((b) => b.getAttribute('dev') ?? '') : [];
}

/** The devices with a <boot order>, sorted by it. */
export function deviceBootOrder(domain: Element): (BootDeviceRef & { order: number })[] {
  const out: (BootDeviceRef & { order: number })[] = [];
  for (const kind of BOOTABLE) {
    devicesNamed(domain, kind).forEach((el, index) => {
      const order = Number(attribute(firstChild(el, 'boot'), 'order'));
      if (Number.isSafeInteger(order) && order > 0) out.push({ kind, index, order });
    });
  }
  return out.sort((a, b) => a.order - b.order);
}

/** Sets the <os> boot list. Existing <boot> elements are reused in place (their dev changed). */
export function setOsBootOrder(xml: string, devs: readonly BootDev[]): string {
  if (devs.length === 0) throw invalidInput('Choose at least one boot device', 'boot');
  devs.forEach((d) => checkOneOf(d, BOOT_DEVS, 'Boot device', 'boot'));
  if (new Set(devs).size !== devs.length)
    throw invalidInput('A boot device is listed twice', 'boot');
  return editXml(xml, 'domain', (domain) => {
    if (deviceBootOrder(domain).length > 0) {
      throw invalidInput('This guest sets the boot order per device; change it there', 'boot');
    }
    const os = firstChild(domain, 'os');
    if (!os) throw invalidInput('The guest has no <os> element', 'boot');
    const boots = childElements(os, 'boot');
    devs.forEach((dev, i) => {
      const el = boots[i];
      if (el) setAttr(el, 'dev', dev);
      else insertSpec(os, x('boot', { dev }), OS_ORDER);
    });
    boots.slice(devs.length).forEach(removeElement);
  });
}

/**
 * Boots from `devices` in the given order (<boot order='1'/>, '2'...). Other devices lose their
 * <boot>, and the <os> boot list goes (libvirt refuses both at once).
 */
export function setDeviceBootOrder(xml: string, devices: readonly BootDeviceRef[]): string {
  return editXml(xml, 'domain', (domain) => {
    const wanted = devices.map((ref) => {
      checkOneOf(ref.kind, BOOTABLE, 'Bootable device', 'boot');
      const el = devicesNamed(domain, ref.kind)[ref.index];
      if (!el) throw invalidInput(`The guest has no ${ref.kind} #${ref.index + 1}`, 'boot');
      return el;
    });
    if (new Set(wanted).size !== wanted.length)
      throw invalidInput('A device is listed twice', 'boot');
    for (const kind of BOOTABLE) {
      for (const el of devicesNamed(domain, kind)) {
        const boot = firstChild(el, 'boot');
        if (boot && !wanted.includes(el)) removeElement(boot);
      }
    }
    wanted.forEach((el, i) => {
      const boot = firstChild(el, 'boot');
      if (boot) setAttr(boot, 'order', i + 1);
      else
        insertSpec(el, x('boot', { order: i + 1 }), [
          'driver',
          'source',
          'target',
          'mac',
          'model',
          'boot',
        ]);
    });
    const os = firstChild(domain, 'os');
    if (os) childElements(os, 'boot').forEach(removeElement);
  });
}

function hasOsType(domain: Element): boolean {
  const os = firstChild(domain, 'os');
  // Only hvm guests boot from a device list; xen PV and containers have no boot devices.
  return (
    !!os &&
    (firstChild(os, 'type')?.textContent ?? '').trim() === 'hvm' &&
    !firstChild(os, 'kernel')
  );
}

export const osBootOrderEdit: XmlEdit<BootDev[]> = {
  id: 'domain.boot.os',
  root: 'domain',
  scope: ['domain/os/boot'],
  // Swapping two <boot dev> entries reads, in canonical form, as moving them.
  reorders: ['domain/os'],
  applies: (domain) => hasOsType(domain) && deviceBootOrder(domain).length === 0,
  sample: (domain) => {
    const now = osBootDevs(domain);
    return now[0] === 'cdrom' ? ['hd', 'cdrom'] : ['cdrom', 'hd'];
  },
  apply: setOsBootOrder,
};

export const deviceBootOrderEdit: XmlEdit<BootDeviceRef[]> = {
  id: 'domain.boot.devices',
  root: 'domain',
  scope: ['domain/devices/*/boot', 'domain/os/boot'],
  applies: (domain) =>
    hasOsType(domain) &&
    devicesNamed(domain, 'disk').length + devicesNamed(domain, 'interface').length > 0,
  sample: (domain) => {
    const refs: BootDeviceRef[] = [
      ...devicesNamed(domain, 'interface').map((_, index) => ({
        kind: 'interface' as const,
        index,
      })),
      ...devicesNamed(domain, 'disk').map((_, index) => ({ kind: 'disk' as const, index })),
    ];
    const now = deviceBootOrder(domain);
    const same = (c: BootDeviceRef[]) =>
      c.length === now.length &&
      c.every((r, i) => now[i]?.kind === r.kind && now[i]?.index === r.index);
    const first = refs.slice(0, 3);
    const reversed = [...first].reverse();
    // A change, whatever the guest has: that order, its reverse, or no boot devices at all.
    return !same(first) ? first : !same(reversed) ? reversed : [];
  },
  apply: setDeviceBootOrder,
};
