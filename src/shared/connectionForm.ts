/**
 * The Add connection form: its checks (run in the renderer as the user types, and again on the
 * backend) and the libvirt URI it stands for. One place, so both sides agree.
 */
import type { ConnectionForm, FieldErrors, Hypervisor } from './api/types';
import { VirtdeckError } from './errors';
import { parseLibvirtUri } from './libvirtUri';

const SCHEME_AND_PATH: Record<Hypervisor, { scheme: string; path: string }> = {
  'qemu-system': { scheme: 'qemu', path: '/system' },
  'qemu-session': { scheme: 'qemu', path: '/session' },
  xen: { scheme: 'xen', path: '/system' },
  lxc: { scheme: 'lxc', path: '/' },
  test: { scheme: 'test', path: '/default' },
};

// A DNS name, an IPv4 address, a bracketed or bare IPv6 address, or a ~/.ssh/config alias
// (letters, digits, and . _ -). Anything else (spaces, @, /, quotes) cannot be a host.
const HOST_PATTERN = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?|\[?[0-9A-Fa-f:.]+\]?)$/;
const USER_PATTERN = /^[A-Za-z0-9._][A-Za-z0-9._@-]*$/;

/** Checks the form without touching the network. */
export function validateConnectionForm(form: ConnectionForm): FieldErrors {
  const errors: FieldErrors = {};
  const customUri = form.customUri?.trim();
  if (customUri) {
    try {
      parseLibvirtUri(customUri);
    } catch (err) {
      errors.customUri = err instanceof Error ? err.message : String(err);
    }
    return errors;
  }
  if (!form.remote) return errors;
  const host = form.host?.trim() ?? '';
  if (host === '') errors.host = 'Enter the host name, address or ~/.ssh/config alias';
  else if (!HOST_PATTERN.test(host)) errors.host = `"${host}" is not a valid host name or address`;
  const port = form.port?.trim() ?? '';
  if (port !== '') {
    const n = Number(port);
    if (!/^\d+$/.test(port) || n < 1 || n > 65535) errors.port = 'Port must be between 1 and 65535';
  }
  const user = form.user?.trim() ?? '';
  if (user !== '' && !USER_PATTERN.test(user)) errors.user = `"${user}" is not a valid user name`;
  return errors;
}

/** The libvirt URI the form stands for. Throws invalid-input (with the fields) when it is wrong. */
export function connectionUri(form: ConnectionForm): string {
  const errors = validateConnectionForm(form);
  if (Object.keys(errors).length > 0) {
    throw new VirtdeckError('invalid-input', Object.values(errors).join('; '));
  }
  const customUri = form.customUri?.trim();
  if (customUri) return customUri;
  const { scheme, path } = SCHEME_AND_PATH[form.hypervisor];
  if (!form.remote) return `${scheme}://${path}`;
  const user = form.user?.trim();
  const host = form.host?.trim() ?? '';
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const port = form.port?.trim();
  const authority = `${user ? `${encodeURIComponent(user)}@` : ''}${hostPart}${port ? `:${port}` : ''}`;
  return `${scheme}+ssh://${authority}${path}`;
}

/** What the app calls a connection when the user gave it no label: "QEMU/KVM on root@kvm1". */
export function describeConnectionUri(uri: string): { hypervisor: string; where: string } {
  try {
    const parsed = parseLibvirtUri(uri);
    const hypervisor =
      parsed.driver === 'qemu'
        ? parsed.path === '/session'
          ? 'QEMU/KVM user session'
          : 'QEMU/KVM'
        : parsed.driver === 'test'
          ? 'Test driver'
          : parsed.driver === 'xen'
            ? 'Xen'
            : 'LXC';
    if (!parsed.host) return { hypervisor, where: 'localhost' };
    const user = parsed.user ? `${parsed.user}@` : '';
    const port = parsed.port ? `:${parsed.port}` : '';
    return { hypervisor, where: `${user}${parsed.host}${port}` };
  } catch {
    return { hypervisor: uri, where: '' };
  }
}
