/** Stopping and starting the real libvirtd, for tests of what users see when it goes away. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { waitFor } from './waitFor';

const PID_FILE = '/run/libvirtd.pid';

function libvirtdPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export async function stopLibvirtd(): Promise<void> {
  const pid = libvirtdPid();
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  await waitFor('libvirtd to exit', () => libvirtdPid() === undefined, 30_000);
}

export async function startLibvirtd(): Promise<void> {
  if (libvirtdPid() !== undefined) return;
  execFileSync('libvirtd', ['-d']);
  await waitFor(
    'libvirtd to answer',
    () => {
      try {
        execFileSync('virsh', ['-c', 'qemu:///system', 'version'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    },
    30_000,
    200,
  );
}
