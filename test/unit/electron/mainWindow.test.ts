import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow } from '../../../src/main/electron/mainWindow';
import { rendererLocation } from '../../../src/main/electron/rendererLocation';
import { saveWindowState } from '../../../src/main/electron/windowState';
import { display, fake, FakeBrowserWindow, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'virtdeck-main-window-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(devUrl?: string): FakeBrowserWindow {
  createMainWindow({
    location: rendererLocation(devUrl, '/app/out'),
    preloadPath: '/app/out/preload/index.cjs',
    stateFile: join(dir, 'window-state.json'),
  });
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window created');
  return window;
}

describe('main window', () => {
  it('applies the security checklist to its web preferences', () => {
    const { options } = open();
    expect(options).toMatchObject({
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      },
    });
  });

  it('is created hidden and shown when ready to show', () => {
    const window = open();
    expect(window.options).toMatchObject({ show: false });
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(window.maximize).not.toHaveBeenCalled();
  });

  it('loads the built index.html, or the dev server URL in dev mode', () => {
    expect(open().loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
    const dev = open('http://localhost:5173/');
    expect(dev.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(dev.loadFile).not.toHaveBeenCalled();
  });

  it('comes back where it was, maximised again', () => {
    saveWindowState(join(dir, 'window-state.json'), {
      x: 2000,
      y: 100,
      width: 1500,
      height: 900,
      maximized: true,
    });
    fake.displays = [display(0, 0, 1920, 1080), display(1920, 0, 2560, 1440)];
    const window = open();
    expect(window.options).toMatchObject({ x: 2000, y: 100, width: 1500, height: 900 });
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
  });

  it('is put back on a display when the one it was on is gone', () => {
    saveWindowState(join(dir, 'window-state.json'), {
      x: 2000,
      y: 100,
      width: 1500,
      height: 900,
      maximized: false,
    });
    const window = open();
    expect(window.options).toMatchObject({ x: 210, y: 90, width: 1500, height: 900 });
  });

  it('remembers its bounds when closed', () => {
    const window = open();
    window.normalBounds = { x: 33, y: 44, width: 1111, height: 777 };
    window.emit('close');
    const again = open();
    expect(again.options).toMatchObject({ x: 33, y: 44, width: 1111, height: 777 });
  });
});
