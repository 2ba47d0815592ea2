/**
 * Electron main process entry (electron-vite builds it to out/main/index.js). Everything here is
 * wiring; the pieces live in the modules next to it.
 */
import { join } from 'node:path';
import { app, Menu } from 'electron';
import { defaultConfigDir } from '../api/configDir';
import { createApiBackend } from '../api/createApiBackend';
import { contentSecurityPolicy } from './csp';
import { startApp } from './lifecycle';
import { appMenuTemplate } from './menu';
import { devServerUrl, outDirOf, rendererLocation } from './rendererLocation';
import { safeStorageCipher } from './safeStorageCipher';

// The same config directory as the browser shell, so that both see the same connections
// (and VIRTDECK_CONFIG_DIR works for both); Chromium's caches and storage go in a folder of their
// own inside it rather than beside connections.json. Both must be set before 'ready'.
const configDir = defaultConfigDir();
app.setPath('userData', configDir);
app.setPath('sessionData', join(configDir, 'electron-session'));

const outDir = outDirOf(import.meta.url);
const devUrl = devServerUrl(app.isPackaged, process.env);

startApp({
  // Console WebSockets come from our own page: file:// when built, the dev server in development.
  createBackend: (options) =>
    createApiBackend({
      ...options,
      consoleOrigins: () => (devUrl ? [new URL(devUrl).origin] : ['file://']),
      secretCipher: safeStorageCipher(),
    }),
  location: rendererLocation(devUrl, outDir),
  preloadPath: join(outDir, 'preload', 'index.cjs'),
  csp: (gatewayPort) => contentSecurityPolicy({ gatewayPort, devServerUrl: devUrl }),
});

void app.whenReady().then(() => {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform === 'darwin')));
});
