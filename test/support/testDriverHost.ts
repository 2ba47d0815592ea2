import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestHostEnv } from './testHost';

/**
 * A test-driver host file with `count` running domains named vm-0000, vm-0001, ..., for
 * test:///<file>. The daemon reads it, so it lives in the state directory, not a private temp dir.
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
