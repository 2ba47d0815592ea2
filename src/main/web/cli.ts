/**
 * `npm run web [-- --port N]`: the browser shell. Prints the app's URL (with its access token) on
 * a line of its own on stdout; everything else goes to stderr. Exits cleanly on SIGTERM / SIGINT.
 */
import { resolve } from 'node:path';
import { createApiBackend } from '../api/createApiBackend';
import { defaultConfigDir } from '../api/configDir';
import { ensureRendererBuilt } from './rendererBuild';
import { startWebShell } from './server';

function parsePort(argv: readonly string[]): number {
  const index = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (index === -1) return 0;
  const arg = argv[index] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Virtdeck: --port needs a number from 0 to 65535, got "${value ?? ''}"`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  // Set by scripts/web.mjs, which runs this file bundled from out/web.
  const projectRoot = process.env.VIRTDECK_ROOT ?? resolve(import.meta.dirname, '..', '..', '..');
  const rendererDir = await ensureRendererBuilt(projectRoot);
  const configDir = defaultConfigDir();
  // The page's origin is known once the shell listens; consoles are opened only after that.
  let pageOrigins: string[] = [];
  const backend = await createApiBackend({ configDir, consoleOrigins: () => pageOrigins });
  const shell = await startWebShell({ backend, rendererDir, port });
  pageOrigins = [`http://127.0.0.1:${shell.port}`, `http://localhost:${shell.port}`];
  console.warn(`Virtdeck browser shell on 127.0.0.1:${shell.port} (config: ${configDir}). Open:`);
  process.stdout.write(`${shell.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([shell.close(), backend.close()]).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(
    'Virtdeck: the browser shell could not start:',
    err instanceof Error ? err.message : err,
  );
  process.exit(1);
});
