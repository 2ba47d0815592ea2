import { API_PROTOCOL, apiProtocols, type PreloadBridge } from '../../shared/api/wire';
import { bridgeTransport } from './bridgeTransport';
import { createClient, type ApiClient } from './client';
import { apiSocketUrl, takeToken } from './token';
import { wsTransport, type SocketLike } from './wsTransport';

declare global {
  interface Window {
    virtdeck?: PreloadBridge;
  }
}

/** Picks the transport once at start: Electron's preload bridge when present, else WebSocket. */
export function startClient(): ApiClient {
  if (window.virtdeck) return createClient(bridgeTransport(window.virtdeck));
  const token = takeToken({
    location: window.location,
    storage: window.sessionStorage,
    replaceUrl: (url) => window.history.replaceState(null, '', url),
  });
  // Without a token the server refuses the socket; the page says to open the printed address.
  const protocols = token ? apiProtocols(token) : [API_PROTOCOL];
  return createClient(
    wsTransport(
      apiSocketUrl(window.location),
      (u) => new WebSocket(u, protocols) as unknown as SocketLike,
      { hasToken: token !== undefined },
    ),
  );
}
