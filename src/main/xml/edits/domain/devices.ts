/**
 * Any device, by element name and index among its kind: add one built by a builder
 * (deviceBuilders.ts), remove one, or read one's XML for DOMAIN_DETACH_DEVICE_FLAGS. Devices with
 * their own rules (disks, NICs, TPM, displays, shares) have their own modules.
 */
import type { Element } from '@xmldom/xmldom';
import { firstChild, parseXml } from '../../xmlDocument';
import { editXml, elementXml, removeElement } from '../../xmlEdit';
import { insertSpec, type XmlSpec } from '../../xmlBuild';
import { invalidInput } from '../../../../shared/inputChecks';
import { DEVICE_ORDER, deviceAt, devicesNamed, devicesOf } from './domainOrder';
import { checkDeviceLimits } from './deviceBuilders';
import { deviceEdit, register, type RegisteredEdit, type XmlEdit } from '../editTypes';

/** Adds the device `spec` (from a builder) to <devices>, after the others of its kind. */
export function addDevice(xml: string, spec: XmlSpec): string {
  if (!(DEVICE_ORDER as readonly string[]).includes(spec.name)) {
    throw invalidInput(`<${spec.name}> is not a device`, 'device');
  }
  return editXml(xml, 'domain', (domain) => {
    checkDeviceLimits(domain, spec);
    insertSpec(devicesOf(domain), spec, DEVICE_ORDER);
  });
}

/** Removes the `index`-th device named `name` (0-based, in document order). */
export function removeDevice(xml: string, name: string, index: number): string {
  return editXml(xml, 'domain', (domain) => removeElement(deviceAt(domain, name, index)));
}

/** The XML of one device as it is in the domain (for detach, which matches on it). */
export function deviceXml(domainXml: string, name: string, index: number): string {
  const domain = parseXml(domainXml).documentElement;
  if (!domain) throw invalidInput('Empty domain XML');
  return elementXml(deviceAt(domain, name, index));
}

function removeEdit(name: string): XmlEdit<number> {
  return deviceEdit({
    id: `domain.${name}.remove`,
    root: 'domain',
    scope: [`domain/devices/${name}`],
    device: name,
    removes: true,
    sampleAt: (_domain, index) => index,
    apply: (xml, index) => removeDevice(xml, name, index),
  });
}

function addEdit(
  id: string,
  spec: XmlSpec,
  applies: (domain: Element) => boolean = () => true,
): XmlEdit<XmlSpec> {
  return {
    id: `domain.${id}.add`,
    root: 'domain',
    adds: spec.name,
    scope: [`domain/devices/${spec.name}`],
    applies: (domain) => firstChild(domain, 'devices') !== undefined && applies(domain),
    sample: () => spec,
    apply: addDevice,
  };
}

/** Round-trip entries for the generic device kinds, one sample device each. */
export function genericDeviceEdits(samples: Record<string, XmlSpec>): RegisteredEdit[] {
  const once = (name: string, test: (el: Element) => boolean) => (d: Element) =>
    !devicesNamed(d, name).some(test);
  const limits: Record<string, (domain: Element) => boolean> = {
    watchdog: once('watchdog', () => true),
    video: once('video', () => true),
    // The samples add a guest agent channel and a SCSI controller 7: not twice.
    channel: once(
      'channel',
      (c) => firstChild(c, 'target')?.getAttribute('name') === 'org.qemu.guest_agent.0',
    ),
    controller: once(
      'controller',
      (c) => c.getAttribute('type') === 'scsi' && c.getAttribute('index') === '7',
    ),
  };
  const adds = Object.entries(samples).map(([id, spec]) =>
    register(addEdit(id, spec, limits[spec.name])),
  );
  const removable = [
    'rng',
    'watchdog',
    'sound',
    'input',
    'channel',
    'serial',
    'console',
    'hostdev',
    'controller',
    'video',
    'graphics',
    'filesystem',
    'redirdev',
    'smartcard',
    'memballoon',
    'panic',
  ];
  return [...adds, ...removable.map((name) => register(removeEdit(name)))];
}
