/** CPU time and resident memory of other processes, from /proc (Linux). */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Child PIDs of the `roots` and theirs, recursively, from one pass over /proc. */
export function descendants(...roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(
        readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1],
      );
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  for (const root of roots) walk(root);
  return out;
}

/**
 * User + system CPU seconds a process has used so far (0 when it is gone); with `reaped`, also
 * that of its children that have ended and been waited for.
 */
export function cpuSeconds(pid: number | 'self', reaped = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After "pid (comm) ", utime, stime, cutime and cstime are fields 11-14 (0-based: state is 0).
    const own = Number(fields[11]) + Number(fields[12]);
    const children = reaped ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + children) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used by processes `roots` and everything under them while tracked, sampled every
 * `intervalMs`: a daemon's workers and the helpers it starts (libvirtd's iohelper, sshd's session
 * processes and the scp or sftp-server under them). Each process's own CPU, last seen, less what
 * it had when first seen (nothing for one that started meanwhile). Sampling, because a session's
 * processes may be reparented to init before they end and so never show in their parent's
 * children's time; a process loses at most its last interval.
 */
export function trackTreeCpu(roots: number[], intervalMs = 100): { stop(): number } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = (initial: boolean): void => {
    for (const pid of [...roots, ...descendants(...roots)]) {
      const cpu = cpuSeconds(pid);
      if (cpu === 0 && last.has(pid)) continue; // ended between the listing and the read
      if (!first.has(pid)) first.set(pid, initial ? cpu : 0);
      last.set(pid, cpu);
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample(false);
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - (first.get(pid) ?? 0);
      return total;
    },
  };
}

/** A "Name:   N kB" line of a /proc file, in MiB; 0 when the process is gone. */
function kibField(path: string, name: string): number {
  try {
    const line = readFileSync(path, 'utf8').match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
    return line ? Number(line[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function rssMiB(pid: number): number {
  return kibField(`/proc/${pid}/status`, 'VmRSS');
}

/**
 * Proportional set size: pages shared between processes (Chromium's renderers and its browser
 * process share most of their code) are split among them instead of counted in full by each.
 */
export function pssMiB(pid: number): number {
  return kibField(`/proc/${pid}/smaps_rollup`, 'Pss');
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
