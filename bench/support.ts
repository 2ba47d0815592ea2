/** Shared pieces of the benchmarks: the test environment, test-driver host files, percentiles. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestHost, type TestHostEnv } from '../test/support/testHost';

/**
 * The test environment: scripts/test-host/up.sh brings it up unless its sshd is already running
 * (a shared machine where others run tests on it must not have it touched).
 */
export function ensureTestEnvironment(): TestHostEnv {
  if (!sshdRunning()) {
    execFileSync('bash', [join(import.meta.dirname, '..', 'scripts', 'test-host', 'up.sh')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return loadTestHost();
}

function sshdRunning(): boolean {
  try {
    process.kill(sshdPid(loadTestHost()), 0);
    return true;
  } catch {
    return false;
  }
}

/** The test sshd's listening process (its session processes are children of it). */
export function sshdPid(env: TestHostEnv): number {
  return Number(readFileSync(env.sshdPidFile, 'utf8').trim());
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * A test+ssh:// URI for libvirt's own client (virsh, virt-manager) to test-driver `file` behind
 * the test sshd, with the test key. libvirt runs `ssh`, which reads ~/.ssh from the passwd entry
 * (not $HOME): the URI's command= is a wrapper in `dir` pointing it at a known_hosts there and no
 * user config, so nothing of the user running the bench is read or written.
 */
export function libvirtClientSshUri(env: TestHostEnv, file: string, dir: string): string {
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `${env.knownHostsLine}\n`);
  const wrapper = join(dir, 'ssh');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${knownHosts} "$@"\n`,
    { mode: 0o755 },
  );
  return `test+ssh://${env.user}@${env.sshHost}:${env.sshPort}${file}?keyfile=${env.clientKey}&command=${wrapper}`;
}

/**
 * How every benchmark process ends: the result as one JSON line on stdout and exit 0, or the
 * error on stderr and exit 1.
 */
export function printResultAndExit(result: Promise<unknown>): void {
  result.then(
    (value) => {
      console.log(JSON.stringify(value));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
