/**
 * Generates, in src/main/libvirt/rpc/generated/:
 * - remoteProtocol.ts from libvirt's remote_protocol.x, the way libvirt's own gendispatch does for
 *   its C client (the procedures listed in procedures.ts);
 * - libvirtEnums.ts from libvirt's API description, trimmed to libvirt-api.xml here by
 *   trim-api.ts (the flag and other enums listed in enums.ts, and the error numbers).
 * Run: npm run gen:rpc
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readApiDescription } from './apiXml';
import { emitProtocol } from './emit';
import { emitEnums } from './emitEnums';
import { ENUMS, ERROR_NUMBERS } from './enums';
import { parseXdrSource } from './parseX';
import { CALLS, EVENTS } from './procedures';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const generatedDir = join(repo, 'src', 'main', 'libvirt', 'rpc', 'generated');
export const SPEC = join(repo, '..', 'shared', 'reference', 'libvirt-rpc', 'remote_protocol.x');
export const OUTPUT = join(generatedDir, 'remoteProtocol.ts');
export const TRIMMED_API = join(here, 'libvirt-api.xml');
export const ENUMS_OUTPUT = join(generatedDir, 'libvirtEnums.ts');

export function generate(): string {
  const source = readFileSync(SPEC, 'utf8');
  return emitProtocol({
    definitions: parseXdrSource(source),
    calls: CALLS,
    events: EVENTS,
    source: 'remote_protocol.x (libvirt 9.0.0)',
  });
}

export function generateEnums(): string {
  return emitEnums({
    api: readApiDescription(readFileSync(TRIMMED_API, 'utf8')),
    enums: ENUMS,
    errorNumbers: ERROR_NUMBERS,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [output, text] of [
    [OUTPUT, generate()],
    [ENUMS_OUTPUT, generateEnums()],
  ] as const) {
    writeFileSync(output, text);
    console.log(`wrote ${relative(process.cwd(), output)}`);
  }
}
