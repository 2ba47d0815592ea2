import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_EVENT, type PreloadBridge } from '../../../src/shared/api/wire';

// The preload runs at import, so the fake must exist before the module is loaded.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown): void => {
        exposed.set(key, api);
      },
    },
    ipcRenderer: null as null | (EventEmitter & { invoke: (...args: unknown[]) => unknown }),
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), {
    invoke: vi.fn((...args: unknown[]) => Promise.resolve({ ok: true, result: args })),
  });
  electron.ipcRenderer = ipcRenderer;
  return { contextBridge: electron.contextBridge, ipcRenderer };
});

async function loadBridge(): Promise<PreloadBridge> {
  await import('../../../src/preload/index');
  return electron.exposed.get('virtdeck') as PreloadBridge;
}

function ipc() {
  if (!electron.ipcRenderer) throw new Error('electron mock not loaded');
  return electron.ipcRenderer;
}

beforeEach(() => vi.clearAllMocks());

describe('preload bridge', () => {
  it('exposes window.virtdeck with exactly call and onEvent, and nothing else', async () => {
    const bridge = await loadBridge();
    expect([...electron.exposed.keys()]).toEqual(['virtdeck']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('call invokes the call channel with the method and params only', async () => {
    const bridge = await loadBridge();
    const reply = await bridge.call('connections.connect', { id: 'c1' });
    expect(ipc().invoke).toHaveBeenCalledWith(IPC_CALL, 'connections.connect', { id: 'c1' });
    expect(reply).toEqual({ ok: true, result: [IPC_CALL, 'connections.connect', { id: 'c1' }] });
  });

  it('onEvent passes name and payload, never the IpcRendererEvent, until unsubscribed', async () => {
    const bridge = await loadBridge();
    const listener = vi.fn();
    const unsubscribe = bridge.onEvent(listener);
    const ipcEvent = { sender: { send: vi.fn() }, ports: [] };
    ipc().emit(IPC_EVENT, ipcEvent, 'vms.delta', { uuid: 'u' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual(['vms.delta', { uuid: 'u' }]);
    ipc().emit('some-other-channel', ipcEvent, 'x', 1);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(ipc().listenerCount(IPC_EVENT)).toBe(0);
    ipc().emit(IPC_EVENT, ipcEvent, 'vms.delta', {});
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps each subscription separate', async () => {
    const bridge = await loadBridge();
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.onEvent(a);
    const offB = bridge.onEvent(b);
    offA();
    ipc().emit(IPC_EVENT, {}, 'stats.samples', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith('stats.samples', 1);
    offB();
  });
});
