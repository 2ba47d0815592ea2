/**
 * The app as a user runs it in browser mode: `npm run web`'s program (scripts/web.mjs) in its
 * own process, with its own HOME (so ~/.ssh is the test's) and config directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface WebApp {
  url: string;
  origin: string;
  /** The process `npm run web` runs (scripts/web.mjs, the bundled backend in the same process). */
  pid: number;
  configDir: string;
  /** SIGTERM, as a user's Ctrl+C or a service manager; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** What the process wrote to stderr, for failure messages. */
  log(): string;
}

export async function startWebApp(home: string): Promise<WebApp> {
  const configDir = join(home, '.config', 'virtdeck');
  const child: ChildProcess = spawn(process.execPath, ['scripts/web.mjs', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, HOME: home, VIRTDECK_CONFIG_DIR: configDir, SSH_AUTH_SOCK: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL from the browser shell:\n${stderr}`)),
      120_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`the browser shell exited (${code}):\n${stderr}`)),
    );
    lines.on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\/#token=/.test(line)) {
        clearTimeout(timer);
        resolveUrl(line.trim());
      }
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid ?? 0,
    configDir,
    log: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
