/**
 * Displays: VNC or SPICE, where they listen and their password. A listen address is kept in both
 * places libvirt reads it (the <listen type='address'> child and the legacy listen attribute).
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements, firstChild, parseXml } from '../../xmlDocument';
import { editXml, elementXml, removeElement, setAttr } from '../../xmlEdit';
import { insertSpec, insertSpecBefore, specToXml, x, type XmlSpec } from '../../xmlBuild';
import {
  checkOneOf,
  hasControlChars,
  invalidInput,
  isIpv4,
  isIpv6,
} from '../../../../shared/inputChecks';
import type { GraphicsRead } from '../../../../shared/api/vmDetailsTypes';
import { DEVICE_ORDER, deviceAt, devicesNamed, devicesOf } from './domainOrder';
import { deviceEdit, type XmlEdit } from '../editTypes';

export interface GraphicsSpec {
  type: 'vnc' | 'spice';
  /** Listen address; 127.0.0.1 when undefined. */
  listen?: string;
  password?: string;
}

function checkListen(address: string): string {
  if (!isIpv4(address) && !isIpv6(address))
    throw invalidInput(`"${address}" is not an IP address`, 'listen');
  return address;
}

function checkPassword(type: string, password: string): string {
  // QEMU's VNC authentication uses only the first 8 characters; libvirt refuses longer ones.
  if (type === 'vnc' && password.length > 8)
    throw invalidInput('A VNC password is at most 8 characters', 'password');
  if (hasControlChars(password))
    throw invalidInput('The password contains control characters', 'password');
  return password;
}

export function graphicsSpecXml(spec: GraphicsSpec): XmlSpec {
  checkOneOf(spec.type, ['vnc', 'spice'], 'Display type', 'type');
  const listen = checkListen(spec.listen ?? '127.0.0.1');
  if (spec.password !== undefined) checkPassword(spec.type, spec.password);
  return x('graphics', { type: spec.type, port: -1, autoport: 'yes', passwd: spec.password }, [
    x('listen', { type: 'address', address: listen }),
    spec.type === 'spice' && x('image', { compression: 'off' }),
  ]);
}

export function newGraphicsDevice(spec: GraphicsSpec): string {
  return specToXml(graphicsSpecXml(spec));
}

export function addGraphics(xml: string, spec: GraphicsSpec): string {
  return editXml(xml, 'domain', (domain) => {
    if (devicesNamed(domain, 'graphics').some((g) => g.getAttribute('type') === spec.type)) {
      throw invalidInput(`The guest already has a ${spec.type.toUpperCase()} display`, 'type');
    }
    insertSpec(devicesOf(domain), graphicsSpecXml(spec), DEVICE_ORDER);
  });
}

function changeListen(g: Element, address: string): void {
  checkListen(address);
  const listens = childElements(g, 'listen');
  const first = listens[0];
  if (g.hasAttribute('listen')) setAttr(g, 'listen', address);
  if (first && attribute(first, 'type') === 'address') setAttr(first, 'address', address);
  else if (first) {
    insertSpecBefore(g, x('listen', { type: 'address', address }), first);
    removeElement(first);
  } else insertSpec(g, x('listen', { type: 'address', address }), ['listen']);
}

/** Listens on `address`; a socket or network listener becomes an address listener. */
export function setGraphicsListen(xml: string, index: number, address: string): string {
  return editXml(xml, 'domain', (domain) =>
    changeListen(deviceAt(domain, 'graphics', index), address),
  );
}

/** Sets the display password; undefined removes it. */
export function setGraphicsPassword(
  xml: string,
  index: number,
  password: string | undefined,
): string {
  return editXml(xml, 'domain', (domain) => {
    const g = deviceAt(domain, 'graphics', index);
    if (password !== undefined) checkPassword(g.getAttribute('type') ?? '', password);
    setAttr(g, 'passwd', password);
  });
}

/** The display's XML with a new password, for DOMAIN_UPDATE_DEVICE_FLAGS on a running guest. */
export function graphicsWithPassword(
  domainXml: string,
  index: number,
  password: string | undefined,
): string {
  const domain = parseXml(domainXml).documentElement;
  if (!domain) throw invalidInput('Empty domain XML');
  const g = deviceAt(domain, 'graphics', index);
  if (password !== undefined) checkPassword(g.getAttribute('type') ?? '', password);
  setAttr(g, 'passwd', password);
  return elementXml(g);
}

/** The `index`-th display when it is a VNC or SPICE one (the kinds with a listen and password). */
function vncOrSpiceAt(domain: Element, index: number): Element | undefined {
  const g = devicesNamed(domain, 'graphics')[index];
  return g && ['vnc', 'spice'].includes(g.getAttribute('type') ?? '') ? g : undefined;
}

export const graphicsListenEdit: XmlEdit<{ index: number; address: string }> = deviceEdit({
  id: 'domain.graphics.listen',
  root: 'domain',
  scope: ['domain/devices/graphics/@listen', 'domain/devices/graphics/listen'],
  device: 'graphics',
  sampleAt: (domain, index) => {
    const g = vncOrSpiceAt(domain, index);
    if (!g) return undefined;
    const now = attribute(firstChild(g, 'listen'), 'address') ?? attribute(g, 'listen');
    return { index, address: now === '0.0.0.0' ? '127.0.0.1' : '0.0.0.0' };
  },
  apply: (xml, p) => setGraphicsListen(xml, p.index, p.address),
});

export const graphicsPasswordEdit: XmlEdit<{ index: number; password: string }> = deviceEdit({
  id: 'domain.graphics.password',
  root: 'domain',
  scope: ['domain/devices/graphics/@passwd'],
  device: 'graphics',
  sampleAt: (domain, index) =>
    vncOrSpiceAt(domain, index) ? { index, password: 'rt-pw1' } : undefined,
  apply: (xml, p) => setGraphicsPassword(xml, p.index, p.password),
});

export const addGraphicsEdit: XmlEdit<GraphicsSpec> = {
  id: 'domain.graphics.add',
  root: 'domain',
  adds: 'graphics',
  scope: ['domain/devices/graphics'],
  applies: (domain) =>
    firstChild(domain, 'devices') !== undefined &&
    !devicesNamed(domain, 'graphics').some((g) => g.getAttribute('type') === 'spice'),
  sample: () => ({ type: 'spice', listen: '127.0.0.1' }),
  apply: addGraphics,
};

/** What the display card shows of a <graphics> (labelled by its protocol, "VNC"). */
export function readGraphics(el: Element): GraphicsRead & { label: string } {
  const listen = firstChild(el, 'listen');
  const port = attribute(el, 'port');
  return {
    kind: 'graphics',
    label: (el.getAttribute('type') ?? '').toUpperCase(),
    type: attribute(el, 'type'),
    listen: attribute(listen, 'address') ?? attribute(listen, 'socket') ?? attribute(el, 'listen'),
    // -1: libvirt picks the port when the guest starts.
    port: port === '-1' ? undefined : port,
    // Only whether there is one: the XML read for the page has no secrets.
    hasPassword: attribute(el, 'passwd') !== undefined,
  };
}
