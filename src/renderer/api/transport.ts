import type { Reply } from '../../shared/api/wire';

/**
 * The link state a transport reports, for the "lost connection" banner. `no-token`: the browser
 * shell's page was opened without the address `npm run web` printed (its #token=), so the server
 * refuses the socket; retrying cannot help, the user must open that address.
 */
export type LinkState = 'open' | 'lost' | 'no-token';

/**
 * How calls and events travel: the Electron preload bridge or the browser shell's WebSocket.
 * The client above it is the same either way.
 */
export interface Transport {
  call(method: string, params: unknown): Promise<Reply>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /** Called on every change of link state; a reconnect is reported as 'open' again. */
  onLink(listener: (state: LinkState) => void): () => void;
}
