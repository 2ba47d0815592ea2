/**
 * What is at a path on the host, checked before a pool is created: over SFTP for an SSH host, the
 * file system for this machine (no shell, so no quoting of user-typed paths at all). A host whose
 * files cannot be read (no SFTP subsystem, no permission) answers 'unknown': libvirt then has the
 * last word.
 */
import type { Host } from '../../hosts/host';

export type PathKind = 'directory' | 'file' | 'other' | 'missing' | 'unknown';

export async function pathKind(host: Host, path: string): Promise<PathKind> {
  let files;
  try {
    files = await host.files();
  } catch {
    return 'unknown';
  }
  try {
    const entry = await files.stat(path);
    return entry.type === 'directory' ? 'directory' : entry.type === 'file' ? 'file' : 'other';
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unknown';
  } finally {
    files.close();
  }
}
