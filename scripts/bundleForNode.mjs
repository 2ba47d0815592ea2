/**
 * One TypeScript entry point and what it imports, bundled by esbuild into one ES module that
 * plain node runs, dependencies left in node_modules: how the browser shell's backend starts
 * (scripts/web.mjs) and how stats-500 runs its work (bench/stats500.ts), so the bench measures
 * the backend as users run it. Plain JavaScript because web.mjs runs before anything is built.
 */
import { build, stop } from 'esbuild';

/** Builds `entry` into `outfile` (with a linked source map when `sourcemap`). */
export async function bundleForNode({ entry, outfile, sourcemap = false }) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: sourcemap ? 'linked' : false,
    logLevel: 'warning',
  });
  // esbuild builds in a service process of its own that stays until stopped: 60 MB that the
  // process which asked for the bundle would otherwise carry for as long as it runs.
  await stop();
}
