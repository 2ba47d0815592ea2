/**
 * The backend API over IPC: the preload's `virtdeck.call` arrives here, and backend events go out
 * to every app window. Only our own page in our own window may call: a sub-frame, another
 * webContents or a page that navigated elsewhere is answered with an error and nothing runs.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiBackend } from '../api/apiBackend';
import { isMethodName } from '../../shared/api/contract';
import { IPC_CALL, IPC_EVENT, type Reply } from '../../shared/api/wire';

export interface IpcBridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  backend: ApiBackend;
  /** The webContents of the app's windows: the only callers, and who hears the events. */
  appContents(): WebContents[];
  isAppUrl(url: string): boolean;
}

type Sender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function isTrustedSender(
  event: Sender,
  appContents: WebContents[],
  isAppUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed meanwhile
  const contents = appContents.find((c) => c === event.sender);
  if (!contents || contents.isDestroyed()) return false;
  const main = contents.mainFrame;
  const isMain =
    frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  return isMain && isAppUrl(frame.url);
}

function refused(message: string): Reply {
  return { ok: false, error: { code: 'invalid-input', message } };
}

/** Starts answering calls and forwarding events; the returned function stops both. */
export function connectIpcBridge(options: IpcBridgeOptions): () => void {
  const { ipcMain, backend } = options;
  ipcMain.handle(
    IPC_CALL,
    async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<Reply> => {
      if (!isTrustedSender(event, options.appContents(), options.isAppUrl)) {
        return refused('This page may not call the Virtdeck API.');
      }
      if (!isMethodName(method)) return refused(`Unknown API method: ${String(method)}`);
      try {
        return await backend.call(method, params);
      } catch (error) {
        // ApiBackend.call does not reject by contract; if it ever does, the renderer still gets
        // a reply rather than Electron's opaque "Error invoking remote method".
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'protocol', message } };
      }
    },
  );
  const unsubscribe = backend.subscribe((name, payload) => {
    for (const contents of options.appContents()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(IPC_EVENT, name, payload);
      } catch (error) {
        console.warn(`Could not forward the event ${name}:`, error);
      }
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    unsubscribe();
  };
}
