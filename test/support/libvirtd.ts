/** Stopping and starting the real libvirtd, for tests of what users see when it goes away. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './waitFor';

const PID_FILE = '/run/libvirtd.pid';

/** The running libvirtd's pid; a zombie (exited, not yet reaped by PID 1) counts as gone. */
function libvirtdPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' ? undefined : pid;
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

/** Starts libvirtd the way the test environment does (up.sh also checks polkit for non-root). */
export function startLibvirtd(): void {
  execFileSync('bash', [join(import.meta.dirname, '..', '..', 'scripts', 'test-host', 'up.sh')], {
    stdio: 'ignore',
  });
}
