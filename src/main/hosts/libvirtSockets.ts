import type { LibvirtUri } from '../../shared/libvirtUri';

const SYSTEM_DIR = '/run/libvirt';

/** The modular daemon (libvirt >= 5.6) that serves each driver. */
const MODULAR_DAEMON: Record<LibvirtUri['driver'], string | undefined> = {
  qemu: 'virtqemud',
  xen: 'virtxend',
  lxc: 'virtlxcd',
  // The test driver lives in whatever daemon answers libvirt-sock (libvirtd or virtproxyd).
  test: undefined,
};

/**
 * The unix sockets on which a libvirt daemon may serve `uri`, best first: the modular driver
 * daemon, then the monolithic libvirtd (or virtproxyd, which listens on the same path).
 * `runtimeDir` is the user's runtime directory on the host where the sockets are (the value of
 * XDG_RUNTIME_DIR there, or ~/.cache when it is unset, as libvirt itself does); session URIs have
 * no candidates without it.
 */
export function libvirtSocketCandidates(uri: LibvirtUri, runtimeDir?: string): string[] {
  const daemon = MODULAR_DAEMON[uri.driver];
  if (uri.driver === 'qemu' && uri.path === '/session') {
    if (runtimeDir === undefined || runtimeDir === '') return [];
    const dir = `${runtimeDir.replace(/\/+$/, '')}/libvirt`;
    return [`${dir}/virtqemud-sock`, `${dir}/libvirt-sock`];
  }
  const monolithic = `${SYSTEM_DIR}/libvirt-sock`;
  return daemon === undefined ? [monolithic] : [`${SYSTEM_DIR}/${daemon}-sock`, monolithic];
}

/** Whether `uri` is served by a per-user daemon (started on demand) rather than a system one. */
export function isSessionUri(uri: LibvirtUri): boolean {
  return uri.driver === 'qemu' && uri.path === '/session';
}
