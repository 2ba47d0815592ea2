/** CPU time and resident memory of other processes, from /proc (Linux). */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Child PIDs of `pid` and theirs, recursively. */
export function descendants(pid: number): number[] {
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
  walk(pid);
  return out;
}

/** User + system CPU seconds a process has used so far (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based: state is 0).
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
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
