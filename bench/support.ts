/** Shared pieces of the benchmarks: the test environment, test-driver host files, percentiles. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadTestHost, type TestHostEnv } from '../test/support/testHost';

/** Starts libvirtd and the private sshd (scripts/test-host/up.sh) unless they already run. */
export function ensureTestEnvironment(): TestHostEnv {
  execFileSync('bash', [join(import.meta.dirname, '..', 'scripts', 'test-host', 'up.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return loadTestHost();
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
