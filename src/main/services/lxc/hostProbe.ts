/**
 * Questions to the host a container needs answered, asked as the connecting user with argv arrays
 * (no shell sees a user's path): whether a path exists or is a directory, and where a program
 * inside a root file system really is (its symlinks followed within that root, as the container
 * will see them: an absolute link target is read from the container's root, not the host's).
 */
import { posix } from 'node:path';
import type { Host } from '../../hosts/host';

/** At most this many links followed, as the kernel's own limit for a path (40) but smaller. */
const MAX_LINKS = 16;

export async function hostTest(host: Host, flag: '-e' | '-d' | '-f' | '-x' | '-b', path: string) {
  return (await host.exec(['test', flag, path])).code === 0;
}

/** The host path of `program` inside `rootfs`, its symlinks resolved inside `rootfs`. */
export async function resolveInRoot(host: Host, rootfs: string, program: string): Promise<string> {
  let inside = posix.normalize(program);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    const onHost = posix.join(rootfs, inside);
    const link = await host.exec(['readlink', '--', onHost]);
    if (link.code !== 0) return onHost;
    const target = link.stdout.toString('utf8').replace(/\n$/, '');
    inside = posix.normalize(
      target.startsWith('/') ? target : posix.join(posix.dirname(inside), target),
    );
  }
  return posix.join(rootfs, inside);
}

/** `command -v NAME` on the host: the program is on the connecting user's PATH. */
export async function hasProgram(host: Host, name: string): Promise<boolean> {
  // A fixed script; the program's name goes in as "$1", never into the script text.
  const found = await host.exec(['sh', '-c', 'command -v "$1" >/dev/null', 'sh', name]);
  return found.code === 0;
}
