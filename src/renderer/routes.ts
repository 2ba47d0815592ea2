/** The app's two screens, addressed by location.hash so that Back and reload work. */
export type Route = { page: 'list' } | { page: 'vm'; connectionId: string; uuid: string };

export function parseHash(hash: string): Route {
  const match = /^#\/vm\/([^/]+)\/([^/]+)$/.exec(hash);
  if (!match?.[1] || !match[2]) return { page: 'list' };
  try {
    return {
      page: 'vm',
      connectionId: decodeURIComponent(match[1]),
      uuid: decodeURIComponent(match[2]),
    };
  } catch {
    return { page: 'list' };
  }
}

export function vmHash(connectionId: string, uuid: string): string {
  return `#/vm/${encodeURIComponent(connectionId)}/${encodeURIComponent(uuid)}`;
}
