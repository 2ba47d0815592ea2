/** Stopping and starting the real libvirtd, for tests of what users see when it goes away. */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './waitFor';

const PID_FILE = '/run/libvirtd.pid';

/** The running libvirtd's pid; a zombie (exited, not yet reaped by PID 1) counts as gone. */
export function libvirtdPid(): number | undefined {
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

/**
 * What libvirtd writes to its log file from now on (the file output virt-admin reports). Throws
 * when libvirtd keeps no file log of warnings, so that a test looking for one cannot pass blind.
 */
export function libvirtdLogFromNow(): { linesSince(): string[] } {
  const outputs = execFileSync('virt-admin', ['daemon-log-outputs'], { encoding: 'utf8' });
  const file = /\b(\d):file:(\S+)/.exec(outputs);
  if (!file || Number(file[1]) > 3) {
    throw new Error(`libvirtd writes no warnings to a log file: ${outputs.trim()}`);
  }
  const path = file[2]!;
  const start = statSync(path).size;
  return {
    linesSince: () => {
      const length = statSync(path).size - start;
      if (length <= 0) return [];
      const buf = Buffer.alloc(length);
      const fd = openSync(path, 'r');
      try {
        readSync(fd, buf, 0, length, start);
      } finally {
        closeSync(fd);
      }
      return buf.toString('utf8').split('\n').filter(Boolean);
    },
  };
}

/**
 * Runs a command in libvirtd's mount namespace and returns its output. up.sh starts the daemon in
 * a namespace of its own (private propagation), so a mount made by a test in the machine's
 * namespace is invisible to libvirtd: a test that needs the daemon to see a mount makes it here.
 */
export function inLibvirtdMountNamespace(argv: string[]): string {
  const pid = libvirtdPid();
  if (pid === undefined) throw new Error('libvirtd is not running');
  return execFileSync('nsenter', ['-t', String(pid), '-m', '--', ...argv], { encoding: 'utf8' });
}
