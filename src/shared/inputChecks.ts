/**
 * Generic checks of user input (numbers, names, paths, MAC and IP addresses), made before anything
 * changes: the XML edits and builders, the services' form checks. Each throws the one
 * invalid-input error (InvalidInputError, ./errors.ts) naming the field at fault, so an edit
 * either applies whole or leaves nothing changed (edits work on a fresh parse, so a throw half way
 * through never reaches libvirt either).
 */
import { InvalidInputError } from './errors';
import type { Message } from './messages/message';

/** The error for one field (a Message, msg('area.name', params), for the user's language). */
export function invalidInput(message: string | Message, field?: string): InvalidInputError {
  return new InvalidInputError(message, field ? { [field]: message } : {});
}

/** An integer in [min, max]; `what` names it in the message ("Memory", "vCPUs"). */
export function checkInt(
  value: number,
  what: string,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isSafeInteger(value)) throw invalidInput(`${what} must be a whole number`, field);
  if (value < min) throw invalidInput(`${what} must be at least ${min}`, field);
  if (value > max) throw invalidInput(`${what} must be at most ${max}`, field);
  return value;
}

export function checkOneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  what: string,
  field: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidInput(`${what} must be one of ${allowed.join(', ')} (got "${value}")`, field);
  }
  return value as T;
}

export function checkNonEmpty(value: string, what: string, field: string): string {
  if (value.trim() === '') throw invalidInput(`${what} must not be empty`, field);
  if (hasControlChars(value)) {
    throw invalidInput(`${what} contains control characters`, field);
  }
  return value;
}

/** True when `value` has a control character other than tab, newline, carriage return. */
export function hasControlChars(value: string): boolean {
  return [...value].some((c) => c.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(c));
}

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i;

/** A unicast MAC address, lower-cased as libvirt prints it. */
export function checkMac(value: string, field = 'mac'): string {
  const mac = value.trim().toLowerCase().replaceAll('-', ':');
  if (!MAC.test(mac))
    throw invalidInput(`"${value}" is not a MAC address (aa:bb:cc:dd:ee:ff)`, field);
  if (parseInt(mac.slice(0, 2), 16) & 1) {
    throw invalidInput(`${mac} is a multicast address; a NIC needs a unicast one`, field);
  }
  if (mac === '00:00:00:00:00:00')
    throw invalidInput('The MAC address must not be all zeros', field);
  return mac;
}

/** A random locally administered MAC in QEMU's 52:54:00 prefix, as libvirt makes them. */
export function randomMac(random: () => number = Math.random): string {
  const byte = () =>
    Math.floor(random() * 256)
      .toString(16)
      .padStart(2, '0');
  return `52:54:00:${byte()}:${byte()}:${byte()}`;
}

export function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && p === String(Number(p)))
  );
}

export function ipv4ToInt(value: string): number {
  return value.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** An IPv6 address as a 128-bit bigint, or undefined when it is not one. */
export function ipv6ToBigInt(value: string): bigint | undefined {
  if (!/^[0-9a-f:.]+$/i.test(value) || value.split('::').length > 2) return undefined;
  let v = value;
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (v4?.[1]) {
    if (!isIpv4(v4[1])) return undefined;
    const n = ipv4ToInt(v4[1]);
    v = v.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = v.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

export function isIpv6(value: string): boolean {
  return ipv6ToBigInt(value) !== undefined;
}

/** A name libvirt accepts for an object and that is safe as a file name on the host. */
export function checkObjectName(value: string, what: string, field = 'name'): string {
  checkNonEmpty(value, what, field);
  if (value.includes('/')) throw invalidInput(`${what} must not contain "/"`, field);
  return value;
}

/** An absolute path on the host (no NUL, starts with /). */
export function checkAbsolutePath(value: string, what: string, field: string): string {
  checkNonEmpty(value, what, field);
  if (!value.startsWith('/')) throw invalidInput(`${what} must be an absolute path`, field);
  return value;
}
