/**
 * Generates src/main/libvirt/rpc/generated/remoteProtocol.ts from libvirt's remote_protocol.x,
 * the way libvirt's own gendispatch does for its C client. Run: npm run gen:rpc
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitProtocol } from './emit';
import { parseXdrSource } from './parseX';
import { CALLS, EVENTS } from './procedures';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC = join(repo, '..', 'shared', 'reference', 'libvirt-rpc', 'remote_protocol.x');
export const OUTPUT = join(repo, 'src', 'main', 'libvirt', 'rpc', 'generated', 'remoteProtocol.ts');

export function generate(): string {
  const source = readFileSync(SPEC, 'utf8');
  return emitProtocol({
    definitions: parseXdrSource(source),
    calls: CALLS,
    events: EVENTS,
    source: 'remote_protocol.x (libvirt 9.0.0)',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OUTPUT, generate());
  console.log(`wrote ${relative(process.cwd(), OUTPUT)}`);
}
