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

/** The browser shell's API WebSocket subprotocol: the one the server answers with. */
export const API_PROTOCOL = 'virtdeck';
const TOKEN_PROTOCOL_PREFIX = 'virtdeck.token.';

/**
 * The subprotocols a page offers when it opens the API WebSocket: the API's own, and the shell's
 * per-launch token as a second one. A header, unlike the URL, is not kept in logs or history, and
 * unlike a cookie it goes only where the page sends it. The server never echoes it back.
 */
export function apiProtocols(token: string): string[] {
  return [API_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}

/** Where the page keeps the token (sessionStorage: this origin and tab only). */
export const TOKEN_STORAGE_KEY = 'virtdeck.token';

/** The token among the offered subprotocols, if one is there. */
export function tokenFromProtocols(protocols: Iterable<string>): string | undefined {
  for (const protocol of protocols) {
    if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) {
      return protocol.slice(TOKEN_PROTOCOL_PREFIX.length);
    }
  }
  return undefined;
}
