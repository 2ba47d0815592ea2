/**
 * The only thing the renderer gets from Electron: `window.virtdeck`, with `call` and `onEvent`.
 * No ipcRenderer, no send, no event objects (an IpcRendererEvent carries `sender`, which would
 * let the page send on any channel). Built as one CommonJS file: a sandboxed preload cannot load
 * ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type PreloadBridge, type Reply } from '../shared/api/wire';

const bridge: PreloadBridge = {
  call(method: string, params: unknown): Promise<Reply> {
    return ipcRenderer.invoke(IPC_CALL, method, params) as Promise<Reply>;
  },
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown): void =>
      listener(name, payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
};

contextBridge.exposeInMainWorld('virtdeck', bridge);
