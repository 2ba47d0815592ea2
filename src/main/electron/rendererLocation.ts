import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/**
 * Where the renderer comes from: electron-vite's dev server (ELECTRON_RENDERER_URL) or the built
 * out/renderer/index.html. Navigation guards and the IPC sender check compare against this, so it
 * is the one place that decides what "our own page" means.
 */
export interface RendererLocation {
  /** What the window loads: the dev server URL or the built index.html (a file path). */
  readonly load: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  /** True for a URL of our own page (any route, query or hash on it); false for anything else. */
  isAppUrl(url: string): boolean;
}

/** `outDir` is electron-vite's out/ (the main bundle lives in out/main). */
export function rendererLocation(
  devServerUrl: string | undefined,
  outDir: string,
): RendererLocation {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return {
      load: { kind: 'url', url: devServerUrl },
      isAppUrl: (url) => parse(url)?.origin === origin,
    };
  }
  const indexPath = resolve(join(outDir, 'renderer', 'index.html'));
  return {
    load: { kind: 'file', path: indexPath },
    isAppUrl: (url) => {
      const parsed = parse(url);
      if (parsed?.protocol !== 'file:' || parsed.host !== '') return false;
      // Compare decoded paths: the same file can be spelt with different escapes.
      return safeFilePath(parsed) === indexPath;
    },
  };
}

/** The out/ directory of the running bundle (out/main/index.js → out/). */
export function outDirOf(moduleUrl: string): string {
  return resolve(fileURLToPath(new URL('.', moduleUrl)), '..');
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function safeFilePath(url: URL): string | null {
  try {
    return resolve(fileURLToPath(url));
  } catch {
    return null;
  }
}

/**
 * electron-vite dev sets ELECTRON_RENDERER_URL. A packaged app ignores it: otherwise anyone able
 * to set the variable could point the window, bridge and all, at a page of their choosing.
 */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (isPackaged) return undefined;
  const url = env.ELECTRON_RENDERER_URL;
  if (!url) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    const local = hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
    return (protocol === 'http:' || protocol === 'https:') && local ? url : undefined;
  } catch {
    return undefined;
  }
}
