/**
 * Remove a device. A shut-off guest loses it from its config. A running guest is asked to let go
 * of it (detach with LIVE|CONFIG); libvirt's refusal (a device that cannot be hot-unplugged)
 * reaches the user unchanged and nothing changes, and the page then offers "Remove at next
 * shutdown" (`configOnly`), as virt-manager does. A PCI unplug needs the guest's consent: libvirt
 * waits a few seconds for it and returns either way, so the live XML is read again and a device
 * the guest still holds is reported as such, not as removed.
 */
import type { Element } from '@xmldom/xmldom';
import type { EditResult } from '../../../shared/api/vmDetailsTypes';
import { detachDevice } from '../../libvirt/domain';
import {
  deviceRef,
  findDevice,
  findLiveDevice,
  keyedDevices,
  liveCounterpart,
} from '../../xml/edits/domain/deviceKeys';
import { removeDevice as removeDeviceAt } from '../../xml/edits/domain/devices';
import { invalidInput } from '../../../shared/inputChecks';
import { attribute, firstChild, parseXml } from '../../xml/xmlDocument';
import { elementXml } from '../../xml/xmlEdit';
import { defineEdited, secureConfigXml, secureLiveXml, type VmHandle } from './vmXml';
import { virDomainModificationImpact } from '../../libvirt/rpc/generated/libvirtEnums';

/** How long the guest gets, after libvirt's own wait, to release a device before we say so. */
const RELEASE_CHECKS = 5;
const RELEASE_INTERVAL_MS = 1000;

function domainOf(xml: string): Element {
  const root = parseXml(xml).documentElement;
  if (!root) throw invalidInput('Empty domain XML');
  return root;
}

function removeByKey(xml: string, key: string): string {
  const { name, index } = deviceRef(domainOf(xml), key);
  return removeDeviceAt(xml, name, index);
}

/**
 * Whether the running guest still has `device`: by its alias (stable while it runs; a key by
 * position would name the next device of its kind once this one is gone), else by its key.
 */
function stillHas(liveXml: string, device: Element, key: string): boolean {
  const alias = attribute(firstChild(device, 'alias'), 'name');
  const domain = domainOf(liveXml);
  if (!alias) return findLiveDevice(domain, key) !== undefined;
  return keyedDevices(domain).some(
    ({ el }) => attribute(firstChild(el, 'alias'), 'name') === alias,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function removeDevice(
  vm: VmHandle,
  key: string,
  configOnly = false,
): Promise<EditResult> {
  const inConfig = vm.persistent ? findDevice(domainOf(await secureConfigXml(vm)), key) : undefined;
  if (configOnly && !inConfig) {
    throw invalidInput(`The configuration has no device ${key}`, 'key');
  }
  const liveDomain = vm.active ? domainOf(await secureLiveXml(vm)) : undefined;
  // The config's device, as the running guest has it (not whatever holds its position there).
  const live =
    liveDomain &&
    (inConfig ? liveCounterpart(liveDomain, inConfig, key) : findLiveDevice(liveDomain, key));
  if (!live || configOnly) {
    await defineEdited(vm, (xml) => removeByKey(xml, key));
    return { needsRestart: live !== undefined };
  }
  const { VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG } = virDomainModificationImpact;
  await detachDevice(
    vm.rpc,
    vm.dom,
    elementXml(live),
    inConfig ? VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE,
  );
  for (let i = 0; i < RELEASE_CHECKS; i++) {
    if (!stillHas(await secureLiveXml(vm), live, key)) return { needsRestart: false };
    await sleep(RELEASE_INTERVAL_MS);
  }
  if (!stillHas(await secureLiveXml(vm), live, key)) return { needsRestart: false };
  return { needsRestart: true, stillPresent: true };
}
