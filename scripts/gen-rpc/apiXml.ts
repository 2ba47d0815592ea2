/**
 * Reads the `<enum>` entries of libvirt's API description (libvirt-api.xml, as libvirt's docs
 * build writes it from its headers): the full file for trim-api.ts, the trimmed copy for the
 * generator. Each entry is one member of an enum typedef: `<enum name='VIR_DOMAIN_AFFECT_LIVE'
 * value='1' type='virDomainModificationImpact' info='...'/>`; a value may name another member.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

export interface ApiEnumMember {
  name: string;
  /** The typedef it belongs to, e.g. virDomainModificationImpact. */
  type: string;
  /** A number (decimal or 0x hex) or the name of another member. */
  value: string;
  /** The libvirt version that added it. */
  version: string;
  /** libvirt's one-line description; empty when it has none. */
  info: string;
}

export interface ApiDescription {
  /** The libvirt version the file is from: the root's `version` (the trimmed copy has one). */
  libvirtVersion: string | undefined;
  members: ApiEnumMember[];
}

export function readApiDescription(xml: string): ApiDescription {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (root?.nodeName !== 'api') throw new Error('not a libvirt API description: no <api> root');
  const members = Array.from(doc.getElementsByTagName('enum'), (el: Element) => ({
    name: required(el, 'name'),
    type: required(el, 'type'),
    value: required(el, 'value'),
    version: el.getAttribute('version') ?? '',
    info: (el.getAttribute('info') ?? '').replace(/\s+/g, ' ').trim(),
  }));
  return { libvirtVersion: root.getAttribute('version') ?? undefined, members };
}

function required(el: Element, attribute: string): string {
  const value = el.getAttribute(attribute);
  if (!value) {
    throw new Error(`<enum name='${el.getAttribute('name') ?? '?'}'> without ${attribute}`);
  }
  return value;
}

/**
 * Every member's number, each reference to another member followed (libvirt writes
 * VIR_DOMAIN_DEVICE_MODIFY_LIVE as `value='VIR_DOMAIN_AFFECT_LIVE'`).
 */
export function resolveValues(members: readonly ApiEnumMember[]): Map<string, number> {
  const raw = new Map(members.map((m) => [m.name, m.value]));
  const resolved = new Map<string, number>();
  const resolve = (name: string, seen: readonly string[]): number => {
    const known = resolved.get(name);
    if (known !== undefined) return known;
    const value = raw.get(name);
    if (value === undefined) throw new Error(`${seen.at(-1) ?? name} refers to unknown ${name}`);
    if (seen.includes(name))
      throw new Error(`circular enum value: ${[...seen, name].join(' -> ')}`);
    const number = /^(0x[0-9a-fA-F]+|-?[0-9]+)$/.test(value)
      ? Number(value)
      : /^[A-Z][A-Z0-9_]*$/.test(value)
        ? resolve(value, [...seen, name])
        : Number.NaN;
    if (!Number.isSafeInteger(number)) throw new Error(`${name}: value '${value}' is not a number`);
    resolved.set(name, number);
    return number;
  };
  for (const m of members) resolve(m.name, []);
  return resolved;
}
