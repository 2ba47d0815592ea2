/**
 * What a serial port, parallel port or console is connected to on the host: a pty (what the
 * app's serial console opens), a log file, or a unix socket the host listens on. Only the
 * element's type and its <source> change; target, log, alias and address stay.
 */
import type { Element } from '@xmldom/xmldom';
import type { CharDeviceRead } from '../../../../shared/api/vmDetailsTypes';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, removeElement, setAttr } from '../../xmlEdit';
import { insertSpec, insertSpecBefore, x } from '../../xmlBuild';
import { checkAbsolutePath, checkOneOf } from '../../../../shared/inputChecks';
import { deviceAt, devicesNamed } from './domainOrder';
import { deviceEdit, type XmlEdit } from '../editTypes';
import { CHAR_TYPES } from '../../../../shared/deviceOptions';
export { CHAR_TYPES };

export const CHAR_DEVICES = ['serial', 'parallel', 'console'] as const;

export interface CharSource {
  type: (typeof CHAR_TYPES)[number];
  /** The log file (file) or the socket (unix); a pty has none. */
  path?: string;
}

/** libvirt's order of a character device's children (virDomainChrDefFormat). */
const CHR_ORDER = ['source', 'protocol', 'log', 'target', 'alias', 'address'];

function changeSource(el: Element, source: CharSource): void {
  checkOneOf(source.type, CHAR_TYPES, 'Connection type', 'type');
  const path =
    source.type === 'pty'
      ? undefined
      : checkAbsolutePath(
          source.path ?? '',
          source.type === 'file' ? 'The log file' : 'The socket',
          'path',
        );
  setAttr(el, 'type', source.type);
  // Sources of the old type (a pty's path, a TCP host) describe nothing the new type has.
  const old = childElements(el, 'source');
  childElements(el, 'protocol').forEach(removeElement);
  const spec =
    path === undefined
      ? undefined
      : x('source', source.type === 'unix' ? { mode: 'bind', path } : { path });
  if (spec && old[0]) insertSpecBefore(el, spec, old[0]);
  else if (spec) insertSpec(el, spec, CHR_ORDER);
  old.forEach(removeElement);
}

export function setCharSource(
  xml: string,
  name: (typeof CHAR_DEVICES)[number],
  index: number,
  source: CharSource,
): string {
  checkOneOf(name, CHAR_DEVICES, 'Device', 'device');
  return editXml(xml, 'domain', (domain) => changeSource(deviceAt(domain, name, index), source));
}

export const serialTypeEdit: XmlEdit<{ index: number; source: CharSource }> = deviceEdit({
  id: 'domain.serial.type',
  root: 'domain',
  scope: [
    'domain/devices/serial/@type',
    'domain/devices/serial/source',
    'domain/devices/serial/protocol',
  ],
  device: 'serial',
  sampleAt: (domain, index) => ({
    index,
    source:
      devicesNamed(domain, 'serial')[index]?.getAttribute('type') === 'file'
        ? { type: 'pty' }
        : { type: 'file', path: '/var/log/virtdeck-roundtrip.log' },
  }),
  apply: (xml, p) => setCharSource(xml, 'serial', p.index, p.source),
});

/** What the serial card shows and edits of a character device (labelled by its target name). */
export function readCharDevice(
  el: Element,
  kind: CharDeviceRead['kind'],
): CharDeviceRead & { label: string } {
  const target = firstChild(el, 'target');
  return {
    kind,
    label: attribute(target, 'name') ?? el.getAttribute('type') ?? '',
    type: attribute(el, 'type'),
    target: attribute(target, 'type') ?? attribute(target, 'name'),
    source: attribute(firstChild(el, 'source'), 'path') ?? attribute(el, 'tty'),
  };
}
