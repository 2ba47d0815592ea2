/**
 * The app window: locked-down web preferences, shown only once its first paint is ready (no
 * white flash), placed where the user left it.
 */
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './rendererLocation';
import {
  clampToDisplays,
  loadWindowState,
  MIN_SIZE,
  saveWindowState,
  trackWindowState,
  type WindowState,
} from './windowState';

export interface MainWindowOptions {
  location: RendererLocation;
  /** The built CommonJS preload (out/preload/index.cjs). */
  preloadPath: string;
  /** userData/window-state.json */
  stateFile: string;
}

export function mainWindowOptions(
  preloadPath: string,
  state: WindowState,
): BrowserWindowConstructorOptions {
  return {
    title: 'Virtdeck',
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: '#1b1d21',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A file dropped on the window must not replace the app with that file.
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = clampToDisplays(
    loadWindowState(options.stateFile),
    workAreas,
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath, state));
  window.once('ready-to-show', () => {
    // maximize() shows a hidden window by itself; doing it here keeps "shown when painted".
    if (state.maximized) window.maximize();
    window.show();
  });
  trackWindowState(window, (saved) => saveWindowState(options.stateFile, saved));

  const { load } = options.location;
  const loading = load.kind === 'url' ? window.loadURL(load.url) : window.loadFile(load.path);
  loading.catch((error: unknown) => console.error('Could not load the app page:', error));
  return window;
}
