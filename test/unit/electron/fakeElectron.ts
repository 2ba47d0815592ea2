/**
 * A stand-in for the `electron` module (the binary cannot run here): just enough of app,
 * BrowserWindow, webContents, session, ipcMain, screen, shell, contextBridge and ipcRenderer for
 * the shell's wiring to be observed. Tests use it through `vi.mock('electron', ...)`.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export const APP_FILE_URL = 'file:///app/out/renderer/index.html';

let nextRoutingId = 1;

export class FakeFrame {
  constructor(
    public url: string,
    public readonly processId: number,
    public readonly routingId: number,
  ) {}
}

export interface OpenDetails {
  url: string;
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeFrame(APP_FILE_URL, 7, nextRoutingId++);
  windowOpenHandler: ((details: OpenDetails) => { action: string }) | undefined;
  destroyed = false;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: OpenDetails) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** A sub-frame of this page (an iframe), in the same renderer process. */
  subFrame(url: string): FakeFrame {
    return new FakeFrame(url, this.mainFrame.processId, nextRoutingId++);
  }
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(() => Promise.resolve());
  readonly loadFile = vi.fn(() => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly maximize = vi.fn(() => {
    this.maximized = true;
  });
  maximized = false;
  normalBounds: Bounds;
  constructor(readonly options: { x?: number; y?: number; width: number; height: number }) {
    super();
    this.normalBounds = { x: options.x ?? 0, y: options.y ?? 0, ...options };
    FakeBrowserWindow.instances.push(this);
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  getNormalBounds(): Bounds {
    return this.normalBounds;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances;
  }
}

type Handler = (...args: unknown[]) => unknown;

export class FakeApp extends EventEmitter {
  isPackaged = false;
  userData = '/tmp/virtdeck-test-userdata';
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly setPath = vi.fn();
  ready = Promise.resolve();
  whenReady(): Promise<void> {
    return this.ready;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  }
}

export function fakeSession() {
  return {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  };
}

export function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
}

export const display = (x: number, y: number, width: number, height: number) => ({
  workArea: { x, y, width, height },
});

/**
 * The module the mock hands out. Its objects stay the same for the whole file (the code under test
 * holds them through its imports); resetFakeElectron() puts their state back between tests.
 */
export const fake = {
  app: new FakeApp(),
  session: { defaultSession: fakeSession() },
  ipcMain: fakeIpcMain(),
  displays: [display(0, 0, 1920, 1080)],
};

export const electronModule = {
  app: fake.app,
  session: fake.session,
  ipcMain: fake.ipcMain,
  BrowserWindow: FakeBrowserWindow,
  screen: {
    getAllDisplays: () => fake.displays,
    getPrimaryDisplay: () => fake.displays[0],
  },
  shell: { openExternal: vi.fn(() => Promise.resolve()) },
};

export function resetFakeElectron(): void {
  vi.clearAllMocks();
  fake.app.removeAllListeners();
  fake.app.isPackaged = false;
  fake.app.ready = Promise.resolve();
  fake.app.requestSingleInstanceLock.mockImplementation(() => true);
  fake.ipcMain.handlers.clear();
  fake.displays = [display(0, 0, 1920, 1080)];
  FakeBrowserWindow.instances = [];
}
