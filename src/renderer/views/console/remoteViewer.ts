import type { ConsoleTarget } from '../../../shared/api/types';
import { parseLibvirtUri } from '../../../shared/libvirtUri';

/** Where a display listens, as the host sees it (ConsoleTarget.display). */
export type DisplayAddress = NonNullable<ConsoleTarget['display']>;

export function displayAddressOf(target: ConsoleTarget): DisplayAddress | undefined {
  return target.display && target.display.port > 0 ? target.display : undefined;
}

/** True when libvirt runs on this machine, so a display address on the host is reachable here. */
export function isLocalConnection(uri: string): boolean {
  try {
    const parsed = parseLibvirtUri(uri);
    return !parsed.host || parsed.host === 'localhost' || parsed.host === '127.0.0.1';
  } catch {
    return false;
  }
}

export type RemoteViewerPlan =
  | { ok: true; file: string }
  | { ok: false; why: 'unknown-address' | 'serial' }
  /** `command`: virt-viewer run on this machine, which makes its own SSH tunnel. */
  | { ok: false; why: 'remote'; command: string };

/** A word as a POSIX shell reads it back unchanged. */
const shellWord = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * A virt-viewer connection file (.vv) for remote-viewer. Only for a local connection: the
 * display listens on the host's own address (often its loopback), which this machine reaches
 * only when it is the host; a remote host needs an SSH tunnel that remote-viewer does not make
 * from a file (its `proxy` key is an HTTP proxy, for SPICE only). virt-viewer given the libvirt
 * URI makes that tunnel itself (with `nc` on the host): that command is offered instead.
 */
export function remoteViewerFile(
  target: ConsoleTarget,
  connectionUri: string,
  title: string,
  password?: string,
): RemoteViewerPlan {
  if (target.kind === 'serial') return { ok: false, why: 'serial' };
  if (!isLocalConnection(connectionUri)) {
    const command = ['virt-viewer', '--connect', connectionUri, title].map(shellWord).join(' ');
    return { ok: false, why: 'remote', command };
  }
  const address = displayAddressOf(target);
  if (!address) return { ok: false, why: 'unknown-address' };
  // A wildcard listen address is reachable on loopback from the host itself.
  const host = ['0.0.0.0', '::', ''].includes(address.host) ? '127.0.0.1' : address.host;
  const lines = [
    '[virt-viewer]',
    `type=${target.kind}`,
    `host=${host}`,
    `port=${address.port}`,
    ...(password ? [`password=${password}`] : []),
    `title=${title.replace(/[\r\n]/g, ' ')}`,
    // The file may hold a password: remote-viewer deletes it once read.
    'delete-this-file=1',
  ];
  return { ok: true, file: `${lines.join('\n')}\n` };
}
