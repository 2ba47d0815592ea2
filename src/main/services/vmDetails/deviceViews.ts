/**
 * The cards' view of a domain's devices: each device under <devices> with a key that edits use to
 * name it again, a label and the fields a card shows. Read-only: nothing here changes XML.
 */
import type { Element } from '@xmldom/xmldom';
import { DEVICE_KINDS, type DeviceKind, type DeviceView } from '../../../shared/api/vmDetailsTypes';
import { attribute, firstChild } from '../../xml/xmlDocument';
import { pairDevices } from '../../xml/edits/domain/deviceKeys';
import { elementXml } from '../../xml/xmlEdit';

type Fields = [string, string | undefined][];

const a = (el: Element | undefined, name: string) => attribute(el, name);
const child = (el: Element, name: string) => firstChild(el, name);

function kindOf(el: Element): DeviceKind {
  if (el.nodeName === 'disk') {
    const device = el.getAttribute('device');
    return device === 'cdrom' ? 'cdrom' : device === 'floppy' ? 'floppy' : 'disk';
  }
  // The other kinds are named as their elements (cdrom, floppy and other are no element names).
  const kinds: readonly string[] = DEVICE_KINDS;
  return kinds.includes(el.nodeName) ? (el.nodeName as DeviceKind) : 'other';
}

function diskSource(el: Element): string | undefined {
  const s = child(el, 'source');
  if (!s) return undefined;
  const pool = a(s, 'pool');
  if (pool) return `${pool}/${a(s, 'volume') ?? ''}`;
  const net = a(s, 'protocol');
  if (net) return `${net}://${a(child(s, 'host') ?? s, 'name') ?? ''}/${a(s, 'name') ?? ''}`;
  return a(s, 'file') ?? a(s, 'dev') ?? a(s, 'dir') ?? a(s, 'name');
}

function flag(el: Element, name: string): string | undefined {
  return child(el, name) ? 'yes' : undefined;
}

function fieldsOf(kind: DeviceKind, el: Element): { label: string; fields: Fields } {
  const driver = child(el, 'driver');
  const target = child(el, 'target');
  const source = child(el, 'source');
  const model = child(el, 'model');
  switch (kind) {
    case 'disk':
    case 'cdrom':
    case 'floppy':
      return {
        label: a(target, 'dev') ?? '',
        fields: [
          ['field.source', diskSource(el)],
          ['field.bus', a(target, 'bus')],
          ['field.format', a(driver, 'type')],
          ['field.cache', a(driver, 'cache')],
          ['field.io', a(driver, 'io')],
          ['field.readonly', flag(el, 'readonly')],
          ['field.shareable', flag(el, 'shareable')],
          ['field.serial', child(el, 'serial')?.textContent ?? undefined],
        ],
      };
    case 'interface': {
      const type = el.getAttribute('type') ?? '';
      const from =
        a(source, 'network') ?? a(source, 'bridge') ?? a(source, 'dev') ?? a(source, 'path');
      return {
        label: a(child(el, 'mac'), 'address') ?? type,
        fields: [
          ['field.type', type],
          ['field.source', from],
          ['field.model', a(model, 'type')],
          ['field.mac', a(child(el, 'mac'), 'address')],
          ['field.link', a(child(el, 'link'), 'state') ?? 'up'],
        ],
      };
    }
    case 'graphics': {
      const listen = child(el, 'listen');
      return {
        label: (el.getAttribute('type') ?? '').toUpperCase(),
        fields: [
          ['field.type', el.getAttribute('type') ?? undefined],
          ['field.listen', a(listen, 'address') ?? a(listen, 'socket') ?? a(el, 'listen')],
          ['field.port', a(el, 'port') === '-1' ? undefined : a(el, 'port')],
          // Only whether there is one: the XML read for the page has no secrets.
          ['field.password', a(el, 'passwd') !== undefined ? 'yes' : undefined],
        ],
      };
    }
    case 'hostdev': {
      const addr = child(source ?? el, 'address');
      const vendor = a(child(source ?? el, 'vendor'), 'id');
      const product = a(child(source ?? el, 'product'), 'id');
      const id =
        vendor !== undefined
          ? `${vendor}:${product ?? ''}`
          : addr
            ? [a(addr, 'domain'), a(addr, 'bus'), a(addr, 'slot'), a(addr, 'function')]
                .filter((x) => x !== undefined)
                .join(':')
            : undefined;
      return {
        label: el.getAttribute('type') ?? '',
        fields: [
          ['field.type', el.getAttribute('type') ?? undefined],
          ['field.source', id],
        ],
      };
    }
    case 'filesystem':
      return {
        label: a(target, 'dir') ?? '',
        fields: [
          ['field.driver', a(driver, 'type')],
          ['field.source', a(source, 'dir') ?? a(source, 'file') ?? a(source, 'name')],
          ['field.target', a(target, 'dir')],
        ],
      };
    case 'serial':
    case 'console':
    case 'channel':
    case 'parallel':
      return {
        label: a(target, 'name') ?? el.getAttribute('type') ?? '',
        fields: [
          ['field.type', el.getAttribute('type') ?? undefined],
          ['field.target', a(target, 'type') ?? a(target, 'name')],
          ['field.source', a(source, 'path') ?? a(el, 'tty')],
        ],
      };
    case 'tpm':
      return {
        label: el.getAttribute('model') ?? 'tpm',
        fields: [
          ['field.model', el.getAttribute('model') ?? undefined],
          ['field.backend', a(child(el, 'backend'), 'type')],
          ['field.version', a(child(el, 'backend'), 'version')],
        ],
      };
    case 'rng':
      return {
        label: el.getAttribute('model') ?? 'rng',
        fields: [
          ['field.model', el.getAttribute('model') ?? undefined],
          ['field.backend', child(el, 'backend')?.textContent?.trim() || undefined],
        ],
      };
    case 'watchdog':
      return {
        label: el.getAttribute('model') ?? 'watchdog',
        fields: [
          ['field.model', el.getAttribute('model') ?? undefined],
          ['field.action', el.getAttribute('action') ?? undefined],
        ],
      };
    case 'video':
      return {
        label: a(model, 'type') ?? 'video',
        fields: [
          ['field.model', a(model, 'type')],
          ['field.vram', a(model, 'vram')],
          ['field.heads', a(model, 'heads')],
        ],
      };
    case 'controller':
      return {
        label: `${el.getAttribute('type') ?? ''} ${el.getAttribute('index') ?? ''}`.trim(),
        fields: [
          ['field.type', el.getAttribute('type') ?? undefined],
          ['field.model', el.getAttribute('model') ?? undefined],
          ['field.index', el.getAttribute('index') ?? undefined],
        ],
      };
    default:
      return {
        label: el.getAttribute('model') ?? el.getAttribute('type') ?? el.nodeName,
        fields: [
          ['field.type', el.getAttribute('type') ?? undefined],
          ['field.model', el.getAttribute('model') ?? undefined],
          ['field.bus', el.getAttribute('bus') ?? undefined],
        ],
      };
  }
}

/** The device as the XML tab shows it: a display password is the backend's alone. */
function withoutSecrets(el: Element): Element {
  if (!el.hasAttribute('passwd')) return el;
  const copy = el.cloneNode(true) as Element;
  copy.removeAttribute('passwd');
  return copy;
}

/**
 * The devices of the persistent config, marked with whether the running guest has them, then
 * the devices only the running guest has (hot-plugged without the config, or removed from the
 * config at the next shutdown).
 */
export function deviceViews(config: Element, live: Element | undefined): DeviceView[] {
  return pairDevices(config, live).map((d) => {
    const el = d.config ?? d.live;
    if (!el) throw new Error(`device ${d.key} is in neither XML`);
    const kind = kindOf(el);
    const { label, fields } = fieldsOf(kind, el);
    const order = Number(a(child(el, 'boot'), 'order'));
    return {
      key: d.key,
      kind,
      element: el.nodeName,
      label,
      fields: fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== ''),
      inConfig: d.config !== undefined,
      inLive: d.live !== undefined,
      bootOrder: Number.isSafeInteger(order) && order > 0 ? order : undefined,
      xml: elementXml(withoutSecrets(el)),
    };
  });
}
