import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiBackend } from '../../../src/main/api/apiBackend';
import { startApp } from '../../../src/main/electron/lifecycle';
import { rendererLocation } from '../../../src/main/electron/rendererLocation';
import { IPC_CALL } from '../../../src/shared/api/wire';
import { electronModule, fake, FakeBrowserWindow, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const platform = process.platform;
let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'virtdeck-lifecycle-'));
  fake.app.userData = dir;
});
afterEach(() => {
  Object.defineProperty(process, 'platform', { value: platform });
  rmSync(dir, { recursive: true, force: true });
});

function setPlatform(value: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value });
}

function backendDouble() {
  let resolveClose: () => void = () => undefined;
  const backend = {
    call: vi.fn(),
    consolePort: 41234,
    subscribe: vi.fn(() => () => undefined),
    close: vi.fn(() => new Promise<void>((resolve) => (resolveClose = resolve))),
  };
  return { backend, finishClose: () => resolveClose() };
}

async function start() {
  const double = backendDouble();
  const createBackend = vi.fn(() => Promise.resolve(double.backend as unknown as ApiBackend));
  startApp({
    createBackend,
    location: rendererLocation(undefined, '/app/out'),
    preloadPath: '/app/out/preload/index.cjs',
    csp: (gatewayPort: number) => `connect-src ws://127.0.0.1:${gatewayPort}`,
  });
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  return { ...double, createBackend };
}

describe('app lifecycle', () => {
  it('when ready: secures the session, starts the backend in userData, then IPC and window', async () => {
    const { createBackend, backend } = await start();
    expect(createBackend).toHaveBeenCalledWith({ configDir: dir });
    const session = fake.session.defaultSession;
    // The policy names the gateway's port, known once the backend runs.
    const [listener] = session.webRequest.onHeadersReceived.mock.calls[0] as unknown as [
      (details: object, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void,
    ];
    let policy: string[] | undefined;
    listener({}, (r) => (policy = r.responseHeaders['Content-Security-Policy']));
    expect(policy).toEqual(['connect-src ws://127.0.0.1:41234']);
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.ipcMain.handlers.has(IPC_CALL)).toBe(true);
    expect(backend.subscribe).toHaveBeenCalledTimes(1);
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
  });

  it('a second instance quits at once and focuses the first one instead', async () => {
    await start();
    const [first] = FakeBrowserWindow.instances;
    fake.app.emit('second-instance');
    expect(first?.focus).toHaveBeenCalled();

    resetFakeElectron();
    fake.app.requestSingleInstanceLock.mockImplementation(() => false);
    const createBackend = vi.fn(() => Promise.reject(new Error('must not run')));
    startApp({
      createBackend,
      location: rendererLocation(undefined, '/app/out'),
      preloadPath: '/p.cjs',
      csp: () => '',
    });
    expect(fake.app.quit).toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(createBackend).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('quits when the last window closes, except on macOS', async () => {
    await start();
    setPlatform('linux');
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    setPlatform('darwin');
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });

  it('on macOS, activate reopens a window when there is none', async () => {
    await start();
    const [first] = FakeBrowserWindow.instances;
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    first?.emit('closed');
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('closes the backend (once) before the process ends', async () => {
    const { backend, finishClose } = await start();
    const quitEvent = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', quitEvent);
    fake.app.emit('will-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalledTimes(2);
    expect(backend.close).toHaveBeenCalledTimes(1);
    expect(fake.ipcMain.handlers.has(IPC_CALL)).toBe(false);
    expect(fake.app.quit).not.toHaveBeenCalled();
    finishClose();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    const last = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('exits with an error when the backend cannot start', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    startApp({
      createBackend: () => Promise.reject(new Error('no config dir')),
      location: rendererLocation(undefined, '/app/out'),
      preloadPath: '/p.cjs',
      csp: () => '',
    });
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electronModule.shell.openExternal).not.toHaveBeenCalled();
    error.mockRestore();
  });
});
