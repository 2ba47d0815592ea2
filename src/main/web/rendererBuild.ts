import { readdir, stat } from 'node:fs/promises';
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
  const built = await newestMtime(join(outDir, 'index.html'));
  const sources = await Promise.all(
    ['src/renderer', 'src/shared', 'renderer.vite.config.ts', 'package-lock.json'].map((p) =>
      newestMtime(join(projectRoot, p)),
    ),
  );
  if (built === 0 || Math.max(...sources) > built) {
    console.warn('Virtdeck: building the renderer…');
    const { build } = await import('vite');
    await build({ configFile: join(projectRoot, 'renderer.vite.config.ts'), logLevel: 'warn' });
  }
  return outDir;
}
