/**
 * A display's protocol, VNC or SPICE, changed in place: its listeners and password stay; what
 * only the old protocol understands (SPICE's channels, compression, GL; VNC's websocket and
 * share policy) goes, since libvirt's schema refuses it on the other one.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements } from '../../xmlDocument';
import { editXml, removeElement, setAttr } from '../../xmlEdit';
import { checkOneOf, invalidInput } from '../../../../shared/inputChecks';
import { deviceAt, devicesNamed } from './domainOrder';
import { deviceEdit, type XmlEdit } from '../editTypes';

const SPICE_ONLY_CHILDREN = [
  'channel',
  'image',
  'jpeg',
  'zlib',
  'playback',
  'streaming',
  'clipboard',
  'mouse',
  'filetransfer',
  'gl',
];
const SPICE_ONLY_ATTRS = ['tlsPort', 'defaultMode'];
const VNC_ONLY_ATTRS = ['websocket', 'sharePolicy', 'powerControl'];

function changeType(domain: Element, g: Element, type: 'vnc' | 'spice'): void {
  checkOneOf(type, ['vnc', 'spice'], 'Display type', 'type');
  if (g.getAttribute('type') === type) return;
  if (devicesNamed(domain, 'graphics').some((o) => o !== g && o.getAttribute('type') === type)) {
    throw invalidInput(`The guest already has a ${type.toUpperCase()} display`, 'type');
  }
  if (type === 'vnc' && (g.getAttribute('passwd') ?? '').length > 8) {
    throw invalidInput('A VNC password is at most 8 characters; set a shorter one first', 'type');
  }
  setAttr(g, 'type', type);
  const dropped = type === 'vnc' ? SPICE_ONLY_ATTRS : VNC_ONLY_ATTRS;
  dropped.forEach((a) => setAttr(g, a, undefined));
  if (type === 'vnc') {
    childElements(g)
      .filter((c) => SPICE_ONLY_CHILDREN.includes(c.nodeName))
      .forEach(removeElement);
  }
}

export function setGraphicsType(xml: string, index: number, type: 'vnc' | 'spice'): string {
  return editXml(xml, 'domain', (domain) =>
    changeType(domain, deviceAt(domain, 'graphics', index), type),
  );
}

/**
 * The type the `index`-th display can switch to: the other of VNC and SPICE, when no other
 * display has it already (they would clash) and, for VNC, its password fits VNC's 8 characters.
 */
function switchTo(domain: Element, index: number): 'vnc' | 'spice' | undefined {
  const all = devicesNamed(domain, 'graphics');
  const now = all[index]?.getAttribute('type');
  if (now !== 'vnc' && now !== 'spice') return undefined;
  const to = now === 'vnc' ? 'spice' : 'vnc';
  if (all.some((g) => g.getAttribute('type') === to)) return undefined;
  if (to === 'vnc' && (all[index]?.getAttribute('passwd') ?? '').length > 8) return undefined;
  return to;
}

export const graphicsTypeEdit: XmlEdit<{ index: number; type: 'vnc' | 'spice' }> = deviceEdit({
  id: 'domain.graphics.type',
  root: 'domain',
  scope: [
    'domain/devices/graphics/@type',
    ...SPICE_ONLY_ATTRS.map((a) => `domain/devices/graphics/@${a}`),
    ...VNC_ONLY_ATTRS.map((a) => `domain/devices/graphics/@${a}`),
    ...SPICE_ONLY_CHILDREN.map((c) => `domain/devices/graphics/${c}`),
  ],
  device: 'graphics',
  sampleAt: (domain, index) => {
    const type = switchTo(domain, index);
    return type && { index, type };
  },
  apply: (xml, p) => setGraphicsType(xml, p.index, p.type),
});
