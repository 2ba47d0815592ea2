/**
 * The consoles a domain offers, read from its live XML: graphics displays (VNC, SPICE) with where
 * they listen on the host, and serial / console character devices that libvirt's console stream
 * can open (pty ones). A <console> that is the same device as a <serial> is listed once.
 */
import type { Element } from '@xmldom/xmldom';
import type { ConsoleTarget } from '../../shared/api/types';
import { attribute, childElements, firstChild, parseXml } from './xmlDocument';

/** Where a display listens, as the host sees it. */
export type DisplayEndpoint =
  { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

export interface DomainConsole extends ConsoleTarget {
  /** Graphics: where to connect on the host. */
  endpoint?: DisplayEndpoint;
  /** Graphics: the display password (only in XML read with the secure flag). */
  password?: string;
  /** Serial / console: the device alias DOMAIN_OPEN_CONSOLE takes. */
  alias?: string;
}

export function domainConsoles(liveXml: string): DomainConsole[] {
  const domain = parseXml(liveXml).documentElement;
  const devices = domain ? firstChild(domain, 'devices') : undefined;
  if (!devices) return [];
  const graphics = childElements(devices, 'graphics')
    .filter((g) => g.getAttribute('type') === 'vnc' || g.getAttribute('type') === 'spice')
    .map((g, i) => graphicsConsole(g, i));
  return [...graphics, ...characterConsoles(devices)];
}

function graphicsConsole(g: Element, index: number): DomainConsole {
  const kind = g.getAttribute('type') === 'spice' ? 'spice' : 'vnc';
  const base = { id: `graphics:${index}`, kind, label: kind === 'vnc' ? 'VNC' : 'SPICE' } as const;
  const password = attribute(g, 'passwd');
  const listen = firstChild(g, 'listen');
  const socket = attribute(g, 'socket') ?? attribute(listen, 'socket');
  if (socket)
    return { ...base, supported: true, endpoint: { kind: 'unix', path: socket }, password };
  if (attribute(listen, 'type') === 'none') {
    return { ...base, supported: false, why: 'The display has no listener (listen type "none")' };
  }
  const port = Number(attribute(g, 'port') ?? -1);
  if (!Number.isInteger(port) || port <= 0) {
    return {
      ...base,
      supported: false,
      why: 'The display has no port yet (is the guest running?)',
    };
  }
  const address = attribute(listen, 'address') ?? attribute(g, 'listen') ?? '127.0.0.1';
  // A wildcard listener is reachable on the host's loopback; any other address is the host's own.
  const host = address === '0.0.0.0' || address === '::' || address === '' ? '127.0.0.1' : address;
  return { ...base, supported: true, endpoint: { kind: 'tcp', host, port }, password };
}

function characterConsoles(devices: Element): DomainConsole[] {
  const out: DomainConsole[] = [];
  const seen = new Set<string>();
  const add = (el: Element, role: 'serial' | 'console', index: number): void => {
    const alias = attribute(firstChild(el, 'alias'), 'name');
    if (alias && seen.has(alias)) return;
    if (alias) seen.add(alias);
    const target = firstChild(el, 'target');
    const port = Number(attribute(target, 'port') ?? index);
    const targetType = attribute(target, 'type');
    const label =
      role === 'serial'
        ? `Serial ${port + 1}`
        : `Console ${port + 1}${targetType ? ` (${targetType})` : ''}`;
    const type = el.getAttribute('type');
    const supported = type === 'pty' && alias !== undefined;
    out.push({
      id: `${role}:${index}`,
      kind: 'serial',
      label,
      supported,
      why: supported
        ? undefined
        : `A ${type ?? 'unknown'} device has no console stream; only pty ones do`,
      alias,
    });
  };
  childElements(devices, 'serial').forEach((el, i) => add(el, 'serial', i));
  childElements(devices, 'console').forEach((el, i) => add(el, 'console', i));
  return out;
}
