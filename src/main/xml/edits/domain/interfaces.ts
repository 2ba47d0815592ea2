/**
 * Network interfaces: the <interface> for a new NIC (virtual network, host bridge, or macvtap
 * "direct" on a host device), add, remove, and the live-changeable parts: source and link state.
 * A NIC is identified by its MAC address, as libvirt matches them for update and detach.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, firstChild, parseXml } from '../../xmlDocument';
import { editXml, elementXml, removeElement, setAttr } from '../../xmlEdit';
import { insertSpec, insertSpecBefore, specToXml, x, type XmlSpec } from '../../xmlBuild';
import {
  checkMac,
  checkNonEmpty,
  checkOneOf,
  invalidInput,
  randomMac,
} from '../../../../shared/inputChecks';
import type { InterfaceRead } from '../../../../shared/api/vmDetailsTypes';
import { DEVICE_ORDER, devicesNamed, devicesOf } from './domainOrder';
import { deviceEdit, type XmlEdit } from '../editTypes';
import { NIC_MODELS, DIRECT_MODES } from '../../../../shared/deviceOptions';
export { NIC_MODELS, DIRECT_MODES };

export type NicSource =
  | { kind: 'network'; network: string; portgroup?: string }
  | { kind: 'bridge'; bridge: string }
  | { kind: 'direct'; device: string; mode: (typeof DIRECT_MODES)[number] }
  | { kind: 'user' };

export interface NicSpec {
  source: NicSource;
  model?: string;
  /** Chosen at random in 52:54:00 when undefined. */
  mac?: string;
  linkState?: 'up' | 'down';
  bootOrder?: number;
  /** MACs already in use elsewhere (other guests on the same network): refused. */
  macsInUse?: readonly string[];
}

/** libvirt's order of an interface's children (virDomainNetDefFormat). */
const NIC_ORDER = [
  'mac',
  'source',
  'virtualport',
  'ip',
  'route',
  'script',
  'downscript',
  'backenddomain',
  'target',
  'guest',
  'model',
  'driver',
  'backend',
  'filterref',
  'tune',
  'teaming',
  'link',
  'mtu',
  'coalesce',
  'bandwidth',
  'vlan',
  'port',
  'rom',
  'boot',
  'alias',
  'address',
] as const;

export function nicMacs(domain: Element): string[] {
  return devicesNamed(domain, 'interface')
    .map((n) => attribute(firstChild(n, 'mac'), 'address')?.toLowerCase())
    .filter((m): m is string => m !== undefined);
}

function checkSource(source: NicSource): { type: string; attrs: XmlSpec['attrs'] | undefined } {
  switch (source.kind) {
    case 'network':
      checkNonEmpty(source.network, 'The network', 'network');
      return { type: 'network', attrs: { network: source.network, portgroup: source.portgroup } };
    case 'bridge':
      checkNonEmpty(source.bridge, 'The bridge', 'bridge');
      return { type: 'bridge', attrs: { bridge: source.bridge } };
    case 'direct':
      checkNonEmpty(source.device, 'The host device', 'device');
      checkOneOf(source.mode, DIRECT_MODES, 'The macvtap mode', 'mode');
      return { type: 'direct', attrs: { dev: source.device, mode: source.mode } };
    case 'user':
      return { type: 'user', attrs: undefined };
    default:
      throw invalidInput('Unknown NIC source', 'source');
  }
}

export function nicSpecXml(spec: NicSpec & { mac: string }): XmlSpec {
  const { type, attrs } = checkSource(spec.source);
  return x('interface', { type }, [
    x('mac', { address: spec.mac }),
    attrs && x('source', attrs),
    spec.model !== undefined && x('model', { type: spec.model }),
    spec.linkState !== undefined && x('link', { state: spec.linkState }),
    spec.bootOrder !== undefined && x('boot', { order: spec.bootOrder }),
  ]);
}

function resolveSpec(domain: Element, spec: NicSpec): NicSpec & { mac: string } {
  if (spec.model !== undefined && !/^[A-Za-z0-9_-]+$/.test(spec.model))
    throw invalidInput(`"${spec.model}" is not a NIC model`, 'model');
  if (spec.linkState !== undefined)
    checkOneOf(spec.linkState, ['up', 'down'], 'Link state', 'linkState');
  const taken = new Set([
    ...nicMacs(domain),
    ...(spec.macsInUse ?? []).map((m) => m.toLowerCase()),
  ]);
  let mac: string;
  if (spec.mac !== undefined) {
    mac = checkMac(spec.mac);
    if (taken.has(mac)) throw invalidInput(`MAC address ${mac} is already in use`, 'mac');
  } else {
    do mac = randomMac();
    while (taken.has(mac));
  }
  return { ...spec, mac };
}

/** The device XML for DOMAIN_ATTACH_DEVICE_FLAGS and the MAC it was given. */
export function newNicDevice(domainXml: string, spec: NicSpec): { xml: string; mac: string } {
  const domain = parseXml(domainXml).documentElement;
  if (!domain) throw invalidInput('Empty domain XML');
  const resolved = resolveSpec(domain, spec);
  return { xml: specToXml(nicSpecXml(resolved)), mac: resolved.mac };
}

export function addNic(xml: string, spec: NicSpec): string {
  return editXml(xml, 'domain', (domain) => {
    insertSpec(devicesOf(domain), nicSpecXml(resolveSpec(domain, spec)), DEVICE_ORDER);
  });
}

export function nicByMac(domain: Element, mac: string): Element {
  const want = mac.toLowerCase();
  const nic = devicesNamed(domain, 'interface').find(
    (n) => attribute(firstChild(n, 'mac'), 'address')?.toLowerCase() === want,
  );
  if (!nic) throw invalidInput(`The guest has no network interface with MAC ${mac}`, 'mac');
  return nic;
}

export function removeNic(xml: string, mac: string): string {
  return editXml(xml, 'domain', (domain) => removeElement(nicByMac(domain, mac)));
}

function changeSource(nic: Element, source: NicSource): void {
  const { type, attrs } = checkSource(source);
  setAttr(nic, 'type', type);
  const old = firstChild(nic, 'source');
  // User-mode networking has no port profile to carry over.
  const vport = firstChild(nic, 'virtualport');
  if (vport && type === 'user') removeElement(vport);
  if (!attrs) {
    if (old) removeElement(old);
    return;
  }
  if (old) {
    insertSpecBefore(nic, x('source', attrs), old);
    removeElement(old);
  } else insertSpec(nic, x('source', attrs), NIC_ORDER);
}

export function setNicSource(xml: string, mac: string, source: NicSource): string {
  return editXml(xml, 'domain', (domain) => changeSource(nicByMac(domain, mac), source));
}

function changeLink(nic: Element, state: 'up' | 'down'): void {
  checkOneOf(state, ['up', 'down'], 'Link state', 'linkState');
  const link = firstChild(nic, 'link');
  if (link) setAttr(link, 'state', state);
  else insertSpec(nic, x('link', { state }), NIC_ORDER);
}

export function setNicLinkState(xml: string, mac: string, state: 'up' | 'down'): string {
  return editXml(xml, 'domain', (domain) => changeLink(nicByMac(domain, mac), state));
}

export function setNicModel(xml: string, mac: string, model: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(model)) throw invalidInput(`"${model}" is not a NIC model`, 'model');
  return editXml(xml, 'domain', (domain) => {
    const nic = nicByMac(domain, mac);
    const el = firstChild(nic, 'model');
    if (el) setAttr(el, 'type', model);
    else insertSpec(nic, x('model', { type: model }), NIC_ORDER);
  });
}

/** The NIC's <interface> XML after a change, for DOMAIN_UPDATE_DEVICE_FLAGS on a running guest. */
export function nicUpdated(
  domainXml: string,
  mac: string,
  change: { source?: NicSource; linkState?: 'up' | 'down' },
): string {
  const domain = parseXml(domainXml).documentElement;
  if (!domain) throw invalidInput('Empty domain XML');
  const nic = nicByMac(domain, mac);
  if (change.source) changeSource(nic, change.source);
  if (change.linkState) changeLink(nic, change.linkState);
  return elementXml(nic);
}

const CHANGEABLE = ['network', 'bridge', 'direct', 'user', 'ethernet'];

/** The `index`-th NIC and its MAC, when the MAC names it (the first NIC with that MAC). */
function nicMacAt(domain: Element, index: number): { nic: Element; mac: string } | undefined {
  const nic = devicesNamed(domain, 'interface')[index];
  const mac = attribute(firstChild(nic ?? domain, 'mac'), 'address')?.toLowerCase();
  if (!nic || mac === undefined) return undefined;
  return nicByMac(domain, mac) === nic ? { nic, mac } : undefined;
}

export const addNicEdit: XmlEdit<NicSpec> = {
  id: 'domain.nic.add',
  root: 'domain',
  adds: 'interface',
  scope: ['domain/devices/interface'],
  applies: (domain) => firstChild(domain, 'devices') !== undefined,
  sample: () => ({
    source: { kind: 'network', network: 'default' },
    model: 'virtio',
    mac: '52:54:00:fe:dc:ba',
  }),
  apply: addNic,
};

export const removeNicEdit: XmlEdit<string> = deviceEdit({
  id: 'domain.nic.remove',
  root: 'domain',
  scope: ['domain/devices/interface'],
  device: 'interface',
  removes: true,
  sampleAt: (domain, index) => nicMacAt(domain, index)?.mac,
  apply: removeNic,
});

export const nicSourceEdit: XmlEdit<{ mac: string; source: NicSource }> = deviceEdit({
  id: 'domain.nic.source',
  root: 'domain',
  scope: [
    'domain/devices/interface/@type',
    'domain/devices/interface/source',
    'domain/devices/interface/virtualport',
  ],
  device: 'interface',
  sampleAt: (domain, index) => {
    const at = nicMacAt(domain, index);
    const type = at?.nic.getAttribute('type') ?? '';
    if (!at || !CHANGEABLE.includes(type)) return undefined;
    return {
      mac: at.mac,
      source:
        type === 'network'
          ? { kind: 'bridge', bridge: 'br0' }
          : { kind: 'network', network: 'default' },
    };
  },
  apply: (xml, p) => setNicSource(xml, p.mac, p.source),
});

export const nicLinkEdit: XmlEdit<{ mac: string; state: 'up' | 'down' }> = deviceEdit({
  id: 'domain.nic.link',
  root: 'domain',
  scope: ['domain/devices/interface/link'],
  device: 'interface',
  sampleAt: (domain, index) => {
    const at = nicMacAt(domain, index);
    if (!at) return undefined;
    const link = firstChild(at.nic, 'link');
    return { mac: at.mac, state: link?.getAttribute('state') === 'down' ? 'up' : 'down' };
  },
  apply: (xml, p) => setNicLinkState(xml, p.mac, p.state),
});

/** What the NIC card shows and edits of an <interface> (labelled by its MAC). */
export function readInterface(el: Element): InterfaceRead & { label: string } {
  const source = firstChild(el, 'source');
  const type = el.getAttribute('type') ?? '';
  const mac = attribute(firstChild(el, 'mac'), 'address');
  return {
    kind: 'interface',
    label: mac ?? type,
    type,
    source:
      attribute(source, 'network') ??
      attribute(source, 'bridge') ??
      attribute(source, 'dev') ??
      attribute(source, 'path'),
    model: attribute(firstChild(el, 'model'), 'type'),
    mac,
    // libvirt's default link state is up.
    linkUp: attribute(firstChild(el, 'link'), 'state') !== 'down',
  };
}
