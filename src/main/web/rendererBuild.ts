import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Newest modification time under `path` (a file or a directory tree); 0 when it is missing. */
async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((name) => newestMtime(join(path, name))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * Builds the renderer into out/renderer when it is missing or older than its sources, so that
 * `npm run web` works on a fresh clone and after every edit without a separate build step.
 */
export async function ensureRendererBuilt(projectRoot: string): Promise<string> {
  const outDir = join(projectRoot, 'out', 'renderer');
  // Written after a production build of ours; a build by other means (a dev build) is redone.
  const stamp = join(outDir, '.production-build');
  const built = await newestMtime(stamp);
  const sources = await Promise.all(
    ['src/renderer', 'src/shared', 'renderer.vite.config.ts', 'package-lock.json'].map((p) =>
      newestMtime(join(projectRoot, p)),
    ),
  );
  if (built === 0 || Math.max(...sources) > built) {
    console.warn('Virtdeck: building the renderer…');
    // In a child process: the server that keeps running then never holds Vite in its memory.
    // NODE_ENV is forced: Vite keeps an existing one (vitest sets "test"), and React would then
    // be bundled in its development build, several times slower.
    const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const config = join(projectRoot, 'renderer.vite.config.ts');
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', config, '--mode', 'production', '--logLevel', 'warn'],
      {
        cwd: projectRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`building the renderer failed (vite exited with ${code})`);
    await writeFile(stamp, `${new Date().toISOString()}\n`);
  }
  return outDir;
}
