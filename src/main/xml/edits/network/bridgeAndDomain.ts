/**
 * The network's bridge (name, STP, forward delay) and its DNS domain (<domain name localOnly>).
 * In bridge mode the bridge is the host's own (br0); otherwise libvirt creates it (virbrN).
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, setAttr } from '../../xmlEdit';
import { checkInt, invalidInput } from '../../../../shared/inputChecks';
import { NETWORK_ORDER } from './networkOrder';
import { routedLike } from './ipAddress';
import type { XmlEdit } from '../editTypes';

export interface BridgeParams {
  name: string;
  stp?: boolean;
  /** Forward delay, seconds. */
  delay?: number;
}

export function checkBridgeName(name: string): string {
  // Linux interface names: at most 15 bytes, no "/", no whitespace.
  if (!/^[A-Za-z0-9_.:-]{1,15}$/.test(name)) {
    throw invalidInput('A bridge name is 1-15 letters, digits or _ . : -', 'bridge');
  }
  return name;
}

function bridgeApplies(network: Element): boolean {
  const forward = firstChild(network, 'forward');
  return routedLike(network) || attribute(forward, 'mode') === 'bridge';
}

export function setNetworkBridge(xml: string, p: BridgeParams): string {
  checkBridgeName(p.name);
  if (p.delay !== undefined) checkInt(p.delay, 'Forward delay', 'delay', 0, 30);
  return editXml(xml, 'network', (network) => {
    if (!bridgeApplies(network)) throw invalidInput('This kind of network has no bridge', 'bridge');
    if (!routedLike(network) && (p.stp !== undefined || p.delay !== undefined)) {
      throw invalidInput('STP and forward delay belong to the host bridge, not to libvirt', 'stp');
    }
    const bridge = ensureChild(network, 'bridge', NETWORK_ORDER);
    setAttr(bridge, 'name', p.name);
    if (p.stp !== undefined) setAttr(bridge, 'stp', p.stp ? 'on' : 'off');
    if (p.delay !== undefined) setAttr(bridge, 'delay', p.delay);
  });
}

/** Sets the DNS domain of the network's guests; '' removes it. */
export function setNetworkDomain(xml: string, p: { name: string; localOnly?: boolean }): string {
  if (
    p.name !== '' &&
    !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(
      p.name,
    )
  ) {
    throw invalidInput(`"${p.name}" is not a DNS domain name`, 'domain');
  }
  return editXml(xml, 'network', (network) => {
    if (!routedLike(network))
      throw invalidInput('Only NAT, routed, open and isolated networks serve DNS', 'domain');
    const el = firstChild(network, 'domain');
    if (p.name === '') {
      if (el) removeElement(el);
      return;
    }
    const domain = el ?? ensureChild(network, 'domain', NETWORK_ORDER);
    setAttr(domain, 'name', p.name);
    if (p.localOnly !== undefined) setAttr(domain, 'localOnly', p.localOnly ? 'yes' : 'no');
  });
}

export const bridgeEdit: XmlEdit<BridgeParams> = {
  id: 'network.bridge',
  root: 'network',
  scope: ['network/bridge'],
  applies: bridgeApplies,
  sample: (network) => ({
    name:
      attribute(firstChild(network, 'bridge'), 'name') === 'virbr-rt' ? 'virbr-rt2' : 'virbr-rt',
    ...(routedLike(network) ? { stp: true, delay: 0 } : {}),
  }),
  apply: setNetworkBridge,
};

export const domainNameEdit: XmlEdit<{ name: string; localOnly?: boolean }> = {
  id: 'network.domain',
  root: 'network',
  scope: ['network/domain'],
  applies: routedLike,
  sample: (network) => ({
    name:
      attribute(firstChild(network, 'domain'), 'name') === 'rt.example'
        ? 'rt2.example'
        : 'rt.example',
    localOnly: true,
  }),
  apply: setNetworkDomain,
};
