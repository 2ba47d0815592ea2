/**
 * What `npm start` (scripts/start.mjs) decides, kept apart from the launching so that it can be
 * unit-tested: which shell to run, whether out/ needs an electron-vite build, where Electron's
 * binary is. Plain JavaScript because it runs under plain Node before anything is built.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BROWSER_INSTEAD = 'starting the browser shell instead.';

/** A GUI session exists: always on macOS and Windows; on Linux and the BSDs, an X11 or Wayland one. */
export function hasDisplay(platform, env) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Whether `version` (e.g. "v20.20.2") satisfies a ">= x.y.z" engines range; true if unparsable. */
export function satisfiesMinimum(version, range) {
  const want = /^\s*>=\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(range ?? '');
  const have = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!want || !have) return true;
  for (let i = 1; i <= 3; i++) {
    const diff = Number(have[i]) - Number(want[i]);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

/**
 * What is known about Electron in node_modules, found without running it: the package (and the
 * Node version its engines field asks for) and the binary that its install script downloads to
 * dist/ (named in path.txt).
 */
export function probeElectron(root) {
  const dir = join(root, 'node_modules', 'electron');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return { installed: false, nodeRange: null, binary: null };
  }
  const nodeRange = manifest?.engines?.node ?? null;
  try {
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return { installed: true, nodeRange, binary: existsSync(binary) ? binary : null };
  } catch {
    return { installed: true, nodeRange, binary: null };
  }
}

/**
 * Electron's package is there but its binary is not (npm 11 does not run install scripts unless
 * allowed): worth one download attempt, when Electron could be used at all.
 */
export function shouldDownloadElectron({ electron, platform, env, forceBrowser }) {
  return !forceBrowser && hasDisplay(platform, env) && electron.installed && !electron.binary;
}

/**
 * The shell to run: Electron when its binary is there and there is a display to show a window
 * on, else the browser shell with one line saying why.
 */
export function chooseShell({
  electron,
  platform,
  env,
  nodeVersion,
  forceBrowser = false,
  downloadError,
}) {
  if (forceBrowser) return { shell: 'browser', why: `Asked for --browser; ${BROWSER_INSTEAD}` };
  if (!hasDisplay(platform, env)) {
    return { shell: 'browser', why: `No display found; ${BROWSER_INSTEAD}` };
  }
  if (electron.binary) return { shell: 'electron', binary: electron.binary };
  if (electron.installed) {
    return {
      shell: 'browser',
      why: `Electron is not installed here (its download failed${
        downloadError ? `: ${downloadError}` : ''
      }); ${BROWSER_INSTEAD}`,
    };
  }
  // npm silently skips an optional dependency whose engines field the running Node fails.
  const range = electron.nodeRange ?? REQUIRED_NODE_FOR_ELECTRON;
  const why = satisfiesMinimum(nodeVersion, range)
    ? 'npm did not install it'
    : `it needs Node ${range.replace(/\s+/g, ' ')} and this is ${nodeVersion}`;
  return { shell: 'browser', why: `Electron is not installed here (${why}); ${BROWSER_INSTEAD}` };
}

/** Electron's own engines field (package.json of electron 45), for when the package is absent. */
export const REQUIRED_NODE_FOR_ELECTRON = '>= 22.12.0';

/** What electron-vite builds, and what it builds them from. */
export const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
export const BUILD_INPUTS = [
  'src',
  'electron.vite.config.ts',
  'renderer.vite.config.ts',
  'package-lock.json',
];

function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** out/ is missing a bundle or older than any source: electron-vite must build. */
export function isBuildStale(root) {
  let oldestOutput = Infinity;
  for (const output of BUILD_OUTPUTS) {
    const time = newestMtime(join(root, output));
    if (time === 0) return true;
    oldestOutput = Math.min(oldestOutput, time);
  }
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > oldestOutput);
}
