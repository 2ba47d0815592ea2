import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import type { EventListener } from '../../../src/main/api/apiBackend';
import { connectIpcBridge } from '../../../src/main/electron/ipcBridge';
import { IPC_CALL, IPC_EVENT, type Reply } from '../../../src/shared/api/wire';
import { APP_FILE_URL, FakeWebContents, fakeIpcMain, type FakeFrame } from './fakeElectron';

function fakeBackend() {
  const listeners = new Set<EventListener>();
  const backend = {
    call: vi.fn((method: string, params: unknown): Promise<Reply> =>
      Promise.resolve({ ok: true, result: { method, params } }),
    ),
    subscribe: vi.fn((listener: EventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    close: vi.fn(() => Promise.resolve()),
    consolePort: 41234,
  };
  const emit = (name: string, payload: unknown): void => {
    for (const listener of listeners) listener(name, payload);
  };
  return { backend, listeners, emit };
}

function setup() {
  const ipcMain = fakeIpcMain();
  const { backend, listeners, emit } = fakeBackend();
  const windows = [new FakeWebContents(), new FakeWebContents()];
  const dispose = connectIpcBridge({
    ipcMain,
    backend,
    appContents: () => windows as unknown as WebContents[],
    isAppUrl: (url) => url.startsWith(APP_FILE_URL),
  });
  const handler = ipcMain.handlers.get(IPC_CALL);
  if (!handler) throw new Error('no IPC_CALL handler');
  const call = (sender: FakeWebContents, frame: FakeFrame | null, method: unknown) =>
    handler({ sender, senderFrame: frame }, method, { id: 'c1' }) as Promise<Reply>;
  return { ipcMain, backend, listeners, emit, windows, dispose, call };
}

const refusedCaller = {
  ok: false,
  error: { code: 'invalid-input', message: 'This page may not call the Virtdeck API.' },
};

describe('IPC bridge: calls', () => {
  it('runs a known method from the main frame of an app window on the app page', async () => {
    const { call, windows, backend } = setup();
    const [win] = windows;
    if (!win) throw new Error('no window');
    await expect(call(win, win.mainFrame, 'connections.connect')).resolves.toEqual({
      ok: true,
      result: { method: 'connections.connect', params: { id: 'c1' } },
    });
    expect(backend.call).toHaveBeenCalledWith('connections.connect', { id: 'c1' });
  });

  it('refuses a sub-frame of the app window without calling the backend', async () => {
    const { call, windows, backend } = setup();
    const [win] = windows;
    if (!win) throw new Error('no window');
    // Even a sub-frame showing our own page (e.g. an <iframe> injected somehow) is refused.
    expect(await call(win, win.subFrame(APP_FILE_URL), 'session.snapshot')).toEqual(refusedCaller);
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('refuses the main frame once it shows another URL', async () => {
    const { call, windows, backend } = setup();
    const [win] = windows;
    if (!win) throw new Error('no window');
    win.mainFrame.url = 'https://evil.example/';
    expect(await call(win, win.mainFrame, 'session.snapshot')).toEqual(refusedCaller);
    win.mainFrame.url = 'file:///tmp/other.html';
    expect(await call(win, win.mainFrame, 'session.snapshot')).toEqual(refusedCaller);
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('refuses a webContents that is not an app window, even one on the app page', async () => {
    const { call, backend } = setup();
    const stranger = new FakeWebContents();
    expect(await call(stranger, stranger.mainFrame, 'session.snapshot')).toEqual(refusedCaller);
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('refuses a frame borrowed from another window, a missing frame and a destroyed window', async () => {
    const { call, windows, backend } = setup();
    const [a, b] = windows;
    if (!a || !b) throw new Error('no windows');
    expect(await call(a, b.mainFrame, 'session.snapshot')).toEqual(refusedCaller);
    expect(await call(a, null, 'session.snapshot')).toEqual(refusedCaller);
    a.destroyed = true;
    expect(await call(a, a.mainFrame, 'session.snapshot')).toEqual(refusedCaller);
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('refuses unknown method names and non-strings', async () => {
    const { call, windows, backend } = setup();
    const [win] = windows;
    if (!win) throw new Error('no window');
    for (const method of ['shell.exec', '__proto__', 'constructor', 42, undefined]) {
      const reply = await call(win, win.mainFrame, method);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('turns a backend that throws into an error reply', async () => {
    const { call, windows, backend } = setup();
    const [win] = windows;
    if (!win) throw new Error('no window');
    backend.call.mockRejectedValueOnce(new Error('boom'));
    expect(await call(win, win.mainFrame, 'session.snapshot')).toEqual({
      ok: false,
      error: { code: 'protocol', message: 'boom' },
    });
  });
});

describe('IPC bridge: events', () => {
  it('sends each backend event to every live app window, name and payload only', () => {
    const { emit, windows } = setup();
    const [a, b] = windows;
    if (!a || !b) throw new Error('no windows');
    b.destroyed = true;
    emit('vms.delta', { connectionId: 'c1' });
    expect(a.send).toHaveBeenCalledWith(IPC_EVENT, 'vms.delta', { connectionId: 'c1' });
    expect(b.send).not.toHaveBeenCalled();
  });

  it('keeps going when one window cannot take an event', () => {
    const { emit, windows } = setup();
    const [a, b] = windows;
    if (!a || !b) throw new Error('no windows');
    a.send.mockImplementationOnce(() => {
      throw new Error('An object could not be cloned');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    emit('stats.samples', {});
    expect(b.send).toHaveBeenCalledWith(IPC_EVENT, 'stats.samples', {});
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('stops answering and forwarding once disposed', () => {
    const { dispose, ipcMain, listeners } = setup();
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CALL);
    expect(ipcMain.handlers.has(IPC_CALL)).toBe(false);
    expect(listeners.size).toBe(0);
  });
});
