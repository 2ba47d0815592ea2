import { VirtdeckError } from './errors';
import { msg } from './messages/message';

/** Hypervisor drivers Virtdeck knows how to manage. */
export type LibvirtDriver = 'qemu' | 'xen' | 'lxc' | 'test';

export interface LibvirtUri {
  driver: LibvirtDriver;
  /** 'ssh' for a remote host reached over SSH; undefined for the local host. */
  transport?: 'ssh' | 'unix';
  user?: string;
  host?: string;
  port?: number;
  /** '/system', '/session', '/default', or a test-driver file path. */
  path: string;
  /** The URI as the daemon on the host must see it: without transport, user, host or port. */
  localUri: string;
}

const DRIVERS: readonly LibvirtDriver[] = ['qemu', 'xen', 'lxc', 'test'];

/** Said for a URI holding a password; it names no part of the URI, so the password is not repeated. */
export const PASSWORD_IN_URI = msg('api.passwordInUri');

/** Whether `text` is a URI with a password in it ("user:password@host"). */
export function uriHasPassword(text: string): boolean {
  try {
    return new URL(text.trim()).password !== '';
  } catch {
    return false;
  }
}

/**
 * Parses and validates a libvirt connection URI. Anything the app cannot manage is rejected here,
 * before any connection is attempted.
 */
export function parseLibvirtUri(text: string): LibvirtUri {
  const invalid = (why: string): never => {
    throw new VirtdeckError('invalid-input', `Unsupported connection URI "${text}": ${why}`);
  };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return invalid('not a URI (expected e.g. qemu:///system or qemu+ssh://user@host/system)');
  }
  // Refused before anything else, with a message that does not quote the URI: it would be saved
  // in connections.json as typed, and error messages end up on screen and in logs.
  if (url.password !== '') throw new VirtdeckError('invalid-input', PASSWORD_IN_URI);
  const [scheme = '', transport, ...rest] = url.protocol.replace(/:$/, '').split('+');
  if (rest.length > 0) invalid('too many "+" parts in the scheme');
  if (!DRIVERS.includes(scheme as LibvirtDriver)) {
    invalid(`unknown hypervisor "${scheme}" (known: ${DRIVERS.join(', ')})`);
  }
  const driver = scheme as LibvirtDriver;
  if (transport !== undefined && transport !== 'ssh' && transport !== 'unix') {
    invalid(`transport "${transport}" is not supported (use ssh, or none for the local host)`);
  }
  if (url.search && url.search !== '') invalid('URI parameters are not supported');
  const path = decodeURIComponent(url.pathname);
  if (driver === 'qemu' && path !== '/system' && path !== '/session') {
    invalid('a QEMU URI must end in /system or /session');
  }
  if ((driver === 'xen' || driver === 'lxc') && path !== '/' && path !== '/system') {
    invalid(`a ${driver} URI must end in / or /system`);
  }
  if (driver === 'test' && path.length < 2) invalid('a test URI needs /default or a file path');
  const host = url.hostname || undefined;
  if (transport === 'ssh' && !host) invalid('qemu+ssh needs a host name');
  if (transport !== 'ssh' && host) invalid('a host name needs the +ssh transport');
  const port = url.port ? Number(url.port) : undefined;
  const localUri = `${driver}://${path}`;
  return {
    driver,
    transport: transport as LibvirtUri['transport'],
    user: url.username ? decodeURIComponent(url.username) : undefined,
    host,
    port,
    path,
    localUri,
  };
}
