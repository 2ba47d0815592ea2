/**
 * The browser shell's per-launch secret arrives as #token=... in the URL that `npm run web`
 * prints: a fragment is never sent to a server. The page moves it to its session storage (this
 * origin and this tab only, kept across reloads and copied into a window it opens) and drops it
 * from the address bar, so that it is not copied, bookmarked or screenshotted. It is offered when
 * the API WebSocket opens (see apiProtocols), and nowhere else.
 */
import { TOKEN_STORAGE_KEY } from '../../shared/api/wire';

export interface TokenPlaces {
  location: { hash: string; pathname: string; search: string };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** history.replaceState with this same-document URL. */
  replaceUrl(url: string): void;
}

/** The token: from the address (stored, then removed from it), else from an earlier load. */
export function takeToken({ location, storage, replaceUrl }: TokenPlaces): string | undefined {
  const fromUrl = location.hash.startsWith('#token=')
    ? new URLSearchParams(location.hash.slice(1)).get('token')
    : null;
  if (fromUrl) {
    storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    replaceUrl(`${location.pathname}${location.search}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
}

export function apiSocketUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api`;
}
