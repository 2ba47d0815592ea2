/**
 * The XmlSpec of an added device of the kinds without rules of their own, from the XML layer's
 * builders (deviceBuilders.ts); a host device is read from its node device XML first.
 */
import type { NewDevice } from '../../../shared/api/vmDetailsTypes';
import { getNodeDeviceXml } from '../../libvirt/nodeDevice';
import type { RpcClient } from '../../libvirt/rpc/client';
import {
  channelXml,
  controllerXml,
  inputXml,
  pciHostdevXml,
  rngXml,
  serialXml,
  soundXml,
  usbHostdevXml,
  watchdogXml,
} from '../../xml/edits/domain/deviceBuilders';
import { devicesNamed } from '../../xml/edits/domain/domainOrder';
import { invalidInput } from '../../../shared/inputChecks';
import type { XmlSpec } from '../../xml/xmlBuild';
import { attribute, firstChild, parseXml } from '../../xml/xmlDocument';

type Generic = Exclude<
  NewDevice,
  { kind: 'disk' | 'interface' | 'tpm' | 'graphics' | 'filesystem' }
>;

/** A host device's libvirt XML read into a hostdev builder's terms. */
export async function hostdevSpec(rpc: RpcClient, name: string): Promise<XmlSpec> {
  const dev = parseXml(await getNodeDeviceXml(rpc, name)).documentElement;
  const cap = dev ? firstChild(dev, 'capability') : undefined;
  const type = attribute(cap, 'type');
  const text = (n: string) => (cap ? firstChild(cap, n)?.textContent?.trim() : undefined);
  if (type === 'pci') {
    const num = (n: string) => Number(text(n) ?? 0).toString(16);
    return pciHostdevXml(`${num('domain')}:${num('bus')}:${num('slot')}.${num('function')}`);
  }
  if (type === 'usb_device') {
    const vendor = attribute(cap && firstChild(cap, 'vendor'), 'id');
    const product = attribute(cap && firstChild(cap, 'product'), 'id');
    if (vendor && product) return usbHostdevXml({ vendor, product });
    return usbHostdevXml({ bus: Number(text('bus')), device: Number(text('device')) });
  }
  throw invalidInput(`${name} is not a PCI or USB device`, 'nodeDevice');
}

/** The lowest controller index of `type` the guest does not use yet. */
export function freeControllerIndex(domainXml: string, type: string): number {
  const domain = parseXml(domainXml).documentElement;
  const used = new Set(
    (domain ? devicesNamed(domain, 'controller') : [])
      .filter((c) => c.getAttribute('type') === type)
      .map((c) => Number(c.getAttribute('index'))),
  );
  let i = 0;
  while (used.has(i)) i++;
  return i;
}

export async function genericDeviceSpec(
  rpc: RpcClient,
  device: Generic,
  currentXml: () => Promise<string>,
): Promise<XmlSpec> {
  switch (device.kind) {
    case 'input':
      return inputXml({ type: device.type, bus: device.bus });
    case 'sound':
      return soundXml(device.model);
    case 'serial':
      return serialXml({ kind: 'serial' });
    case 'channel':
      return channelXml(device.type);
    case 'hostdev':
      return hostdevSpec(rpc, device.nodeDevice);
    case 'rng':
      return rngXml({ backend: device.source });
    case 'watchdog':
      return watchdogXml({ model: device.model, action: device.action });
    case 'controller':
      return controllerXml({
        type: device.type,
        index: freeControllerIndex(await currentXml(), device.type),
        model: device.model,
      });
    default:
      throw invalidInput('Unknown device kind', 'kind');
  }
}
