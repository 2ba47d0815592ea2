import type { PreloadBridge } from '../../shared/api/wire';
import { bridgeTransport } from './bridgeTransport';
import { createClient, type ApiClient } from './client';
import { apiSocketUrl, tokenFromSearch, urlWithoutToken } from './token';
import { wsTransport, type SocketLike } from './wsTransport';

declare global {
  interface Window {
    virtdeck?: PreloadBridge;
  }
}

/** Picks the transport once at start: Electron's preload bridge when present, else WebSocket. */
export function startClient(): ApiClient {
  if (window.virtdeck) return createClient(bridgeTransport(window.virtdeck));
  const token = tokenFromSearch(window.location.search);
  const url = apiSocketUrl(window.location, token);
  if (token) window.history.replaceState(null, '', urlWithoutToken(window.location.href));
  return createClient(wsTransport(url, (u) => new WebSocket(u) as unknown as SocketLike));
}
