/**
 * How API calls and events travel: one JSON message per WebSocket frame in the browser shell; the
 * same reply shape over Electron IPC (an error travels as data, so that Electron does not turn it
 * into a generic "Error invoking remote method" string).
 */
import type { ApiErrorData } from './types';

export interface CallMessage {
  type: 'call';
  id: number;
  method: string;
  params: unknown;
}

export type Reply = { ok: true; result: unknown } | { ok: false; error: ApiErrorData };

export type ServerMessage =
  ({ type: 'reply'; id: number } & Reply) | { type: 'event'; name: string; payload: unknown };

/** The bridge the Electron preload exposes as `window.virtdeck`; nothing else is exposed. */
export interface PreloadBridge {
  call(method: string, params: unknown): Promise<Reply>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

/** IPC channel names shared by the preload and the Electron main process. */
export const IPC_CALL = 'virtdeck:call';
export const IPC_EVENT = 'virtdeck:event';
