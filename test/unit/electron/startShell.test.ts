import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  chooseShell,
  hasDisplay,
  isBuildStale,
  probeElectron,
  satisfiesMinimum,
  shouldDownloadElectron,
  type ElectronFacts,
} from '../../../scripts/startShell.mjs';

const BINARY = '/p/node_modules/electron/dist/electron';
const present: ElectronFacts = { installed: true, nodeRange: '>= 22.12.0', binary: BINARY };
const noBinary: ElectronFacts = { ...present, binary: null };
const absent: ElectronFacts = { installed: false, nodeRange: null, binary: null };
const X11 = { DISPLAY: ':0' };

const roots: string[] = [];
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'virtdeck-start-'));
  roots.push(root);
  return root;
}
function write(root: string, path: string, text = '', mtimeSeconds?: number): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (mtimeSeconds !== undefined) utimesSync(file, mtimeSeconds, mtimeSeconds);
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('chooseShell', () => {
  it('runs Electron when its binary is there and there is a display', () => {
    const facts = { electron: present, nodeVersion: 'v22.12.0' };
    expect(chooseShell({ ...facts, platform: 'linux', env: X11 })).toEqual({
      shell: 'electron',
      binary: BINARY,
    });
    expect(
      chooseShell({ ...facts, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }),
    ).toMatchObject({ shell: 'electron' });
    // macOS and Windows always have a display, whatever the environment says.
    expect(chooseShell({ ...facts, platform: 'darwin', env: {} })).toMatchObject({
      shell: 'electron',
    });
    expect(chooseShell({ ...facts, platform: 'win32', env: {} })).toMatchObject({
      shell: 'electron',
    });
  });

  it('uses the browser shell without a display on Linux', () => {
    expect(
      chooseShell({
        electron: present,
        platform: 'linux',
        env: { DISPLAY: '' },
        nodeVersion: 'v22.12.0',
      }),
    ).toEqual({ shell: 'browser', why: 'No display found; starting the browser shell instead.' });
  });

  it('uses the browser shell when the binary did not download', () => {
    expect(
      chooseShell({ electron: noBinary, platform: 'linux', env: X11, nodeVersion: 'v22.12.0' }),
    ).toEqual({
      shell: 'browser',
      why: 'Electron is not installed here (its download failed); starting the browser shell instead.',
    });
  });

  it('passes on what the failed download said', () => {
    expect(
      chooseShell({
        electron: noBinary,
        platform: 'linux',
        env: X11,
        nodeVersion: 'v22.12.0',
        downloadError: 'Error: getaddrinfo ENOTFOUND github.com',
      }),
    ).toMatchObject({
      why:
        'Electron is not installed here (its download failed: Error: getaddrinfo ENOTFOUND ' +
        'github.com); starting the browser shell instead.',
    });
  });

  it('says when npm skipped Electron because this Node is too old for it', () => {
    expect(
      chooseShell({ electron: absent, platform: 'linux', env: X11, nodeVersion: 'v20.20.2' }),
    ).toEqual({
      shell: 'browser',
      why:
        'Electron is not installed here (it needs Node >= 22.12.0 and this is v20.20.2); ' +
        'starting the browser shell instead.',
    });
    expect(
      chooseShell({ electron: absent, platform: 'linux', env: X11, nodeVersion: 'v22.13.1' }),
    ).toMatchObject({ why: expect.stringContaining('(npm did not install it)') });
  });

  it('honours --browser', () => {
    expect(
      chooseShell({
        electron: present,
        platform: 'darwin',
        env: {},
        nodeVersion: 'v22.12.0',
        forceBrowser: true,
      }),
    ).toMatchObject({ shell: 'browser', why: expect.stringContaining('--browser') });
  });

  it('hasDisplay and satisfiesMinimum', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('freebsd', { DISPLAY: ':1' })).toBe(true);
    expect(satisfiesMinimum('v22.12.0', '>= 22.12.0')).toBe(true);
    expect(satisfiesMinimum('v22.11.9', '>= 22.12.0')).toBe(false);
    expect(satisfiesMinimum('v24.0.0', '>= 22.12.0')).toBe(true);
    expect(satisfiesMinimum('v20.20.2', '>=22.12.0')).toBe(false);
    expect(satisfiesMinimum('v20.0.0', '^18 || >=20')).toBe(true);
  });
});

describe('Electron on disk', () => {
  it('finds the binary through path.txt and dist, without running anything', () => {
    const root = tempRoot();
    expect(probeElectron(root)).toEqual(absent);
    write(
      root,
      'node_modules/electron/package.json',
      JSON.stringify({ engines: { node: '>= 22.12.0' } }),
    );
    expect(probeElectron(root)).toEqual(noBinary);
    write(root, 'node_modules/electron/path.txt', 'electron');
    expect(probeElectron(root)).toEqual(noBinary);
    write(root, 'node_modules/electron/dist/electron', '#!/bin/false');
    expect(probeElectron(root)).toEqual({
      ...present,
      binary: join(root, 'node_modules/electron/dist/electron'),
    });
  });

  it('tries a download only when the package is there without its binary and a window could open', () => {
    const base = { platform: 'linux' as const, env: X11 };
    expect(shouldDownloadElectron({ ...base, electron: noBinary })).toBe(true);
    expect(shouldDownloadElectron({ ...base, electron: present })).toBe(false);
    expect(shouldDownloadElectron({ ...base, electron: absent })).toBe(false);
    expect(shouldDownloadElectron({ ...base, env: {}, electron: noBinary })).toBe(false);
    expect(shouldDownloadElectron({ ...base, electron: noBinary, forceBrowser: true })).toBe(false);
  });
});

describe('isBuildStale', () => {
  it('builds when an output is missing, or a source is newer than the oldest output', () => {
    // Relative to now: directories count too (a deleted source changes its directory's mtime).
    const now = Math.floor(Date.now() / 1000);
    const root = tempRoot();
    write(root, 'src/main/electron/index.ts', '', now - 100);
    write(root, 'package-lock.json', '{}', now - 100);
    expect(isBuildStale(root)).toBe(true);
    for (const output of BUILD_OUTPUTS) write(root, output, '', now + 100);
    expect(isBuildStale(root)).toBe(false);
    write(root, 'src/renderer/views/new.tsx', '', now + 200);
    expect(isBuildStale(root)).toBe(true);
    for (const output of BUILD_OUTPUTS) write(root, output, '', now + 300);
    expect(isBuildStale(root)).toBe(false);
    write(root, 'electron.vite.config.ts', '', now + 400);
    expect(isBuildStale(root)).toBe(true);
  });
});
