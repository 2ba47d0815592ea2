#!/usr/bin/env node
/**
 * `npm run web [-- --port N]`: bundles the browser shell's backend (src/main/web/cli.ts and what
 * it imports, dependencies left in node_modules) with esbuild, then runs it in this process. A
 * bundle starts faster and needs far less memory than compiling TypeScript on the fly, and it
 * takes esbuild a fraction of a second, so it is simply redone at every start.
 */
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from './bundleForNode.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'out', 'web', 'cli.mjs');

await bundleForNode({
  entry: join(root, 'src', 'main', 'web', 'cli.ts'),
  outfile,
  sourcemap: true,
});
process.env.VIRTDECK_ROOT ??= root;
await import(pathToFileURL(outfile).href);
