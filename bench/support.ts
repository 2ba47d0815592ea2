/** Shared pieces of the benchmarks: the test environment, test-driver host files, percentiles. */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestHost, type TestHostEnv } from '../test/support/testHost';

/** Starts libvirtd and the private sshd (scripts/test-host/up.sh) unless they already run. */
export function ensureTestEnvironment(): TestHostEnv {
  execFileSync('bash', [join(import.meta.dirname, '..', 'scripts', 'test-host', 'up.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return loadTestHost();
}

/**
 * A test-driver host file with `count` running domains, for test:///<file>. The daemon reads it,
 * so it lives in the state directory, not a private temp dir.
 */
export function testDriverHostFile(env: TestHostEnv, count: number): string {
  const file = join(env.stateDir, `test-host-${count}.xml`);
  if (existsSync(file)) return file;
  const domains = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(4, '0');
    const uuid = `00000000-0000-4000-8000-00000000${n.padStart(4, '0')}`;
    return `  <domain type='test'><name>vm-${n}</name><uuid>${uuid}</uuid>
    <memory>1048576</memory><currentMemory>524288</currentMemory><vcpu>2</vcpu>
    <os><type>hvm</type></os></domain>`;
  });
  writeFileSync(file, `<node>\n${domains.join('\n')}\n</node>\n`);
  return file;
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
