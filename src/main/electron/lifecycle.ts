/**
 * The app's life: one instance, the backend started once Electron is ready and closed before
 * the process ends, the window (re)created as each platform expects.
 */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import type { ApiBackend } from '../api/apiBackend';
import { connectIpcBridge } from './ipcBridge';
import { createMainWindow } from './mainWindow';
import type { RendererLocation } from './rendererLocation';
import { guardAllWebContents, secureSession } from './security';

export interface StartOptions {
  createBackend(options: { configDir: string }): Promise<ApiBackend>;
  location: RendererLocation;
  preloadPath: string;
  /** The Content-Security-Policy, once the backend's console gateway has its port. */
  csp(gatewayPort: number): string;
}

/** How long quitting waits for the backend to close its connections. */
const CLOSE_TIMEOUT_MS = 5000;

export function startApp(options: StartOptions): void {
  // A second launch focuses the first window: two backends would fight over the same config.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let backend: ApiBackend | undefined;
  guardAllWebContents(app, {
    isAppUrl: options.location.isAppUrl,
    isDownloadUrl: (url) => backend?.isTransferUrl?.(url) ?? false,
    openExternal: (url) => shell.openExternal(url),
  });

  const windows = new Set<BrowserWindow>();
  let disconnect: (() => void) | undefined;
  let closed = false;

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow({
      location: options.location,
      preloadPath: options.preloadPath,
      stateFile: join(app.getPath('userData'), 'window-state.json'),
    });
    windows.add(window);
    window.on('closed', () => windows.delete(window));
    return window;
  };

  app.on('second-instance', () => {
    const [window] = windows;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  // macOS apps stay alive without windows; the dock icon brings one back ('activate').
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && windows.size === 0) openWindow();
  });

  app.on('will-quit', (event) => {
    if (!backend || closed) return;
    event.preventDefault();
    if (disconnect === undefined) return; // already closing
    disconnect();
    disconnect = undefined;
    closeWithin(backend, CLOSE_TIMEOUT_MS)
      .catch((error: unknown) => console.warn('The backend did not close cleanly:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      backend = await options.createBackend({ configDir: app.getPath('userData') });
      // Before any window exists, so that every page load gets the policy.
      secureSession(session.defaultSession, options.csp(backend.consolePort));
      disconnect = connectIpcBridge({
        ipcMain,
        backend,
        appContents: () => [...windows].map((window) => window.webContents),
        isAppUrl: options.location.isAppUrl,
      });
      openWindow();
    })
    .catch((error: unknown) => {
      console.error('Virtdeck could not start:', error);
      app.exit(1);
    });
}

function closeWithin(backend: ApiBackend, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still closing after ${ms} ms`)), ms);
  });
  return Promise.race([backend.close(), timeout]).finally(() => clearTimeout(timer));
}
