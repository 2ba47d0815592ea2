/**
 * A host directory mounted into an LXC container must be there, and be a directory, before the
 * definition names it: libvirt accepts any path at define and fails only when the container
 * starts. Checked through the host's own file access (SFTP for a remote host).
 */
import { InvalidInputError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';

export async function checkMountSource(host: Host, path: string): Promise<void> {
  // A relative path is refused by the edit itself, with its own message.
  if (!path.startsWith('/')) return;
  const files = await host.files();
  const entry = await files.stat(path).catch(() => undefined);
  if (!entry) throw InvalidInputError.ofFields({ source: msg('xen.mountSourceMissing', { path }) });
  if (entry.type !== 'directory') {
    throw InvalidInputError.ofFields({ source: msg('xen.mountSourceNotDirectory', { path }) });
  }
}
