/**
 * The browser shell's per-launch secret arrives as ?token=... on the first page load. The server
 * sets a cookie from it; the WebSocket URL carries it too (a cookie may not reach a ws:// URL on
 * every browser), and the visible URL drops it so it is not copied, bookmarked or screenshotted.
 */
export function tokenFromSearch(search: string): string | undefined {
  const token = new URLSearchParams(search).get('token');
  return token ? token : undefined;
}

export function apiSocketUrl(
  location: { protocol: string; host: string },
  token: string | undefined,
): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/api${query}`;
}

/** The same URL without its token parameter (other parameters and the hash stay). */
export function urlWithoutToken(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('token');
  return url.toString();
}
