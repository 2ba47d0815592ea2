/** The app's screens, addressed by location.hash so that Back and reload work. */
export type Route =
  | { page: 'list' }
  | { page: 'vm'; connectionId: string; uuid: string }
  /** A VM's console alone: "Open in new window" (or full page in Electron's one window). */
  | { page: 'console'; connectionId: string; uuid: string };

export function parseHash(hash: string): Route {
  const match = /^#\/(vm|console)\/([^/]+)\/([^/]+)$/.exec(hash);
  if (!match?.[2] || !match[3]) return { page: 'list' };
  try {
    return {
      page: match[1] === 'console' ? 'console' : 'vm',
      connectionId: decodeURIComponent(match[2]),
      uuid: decodeURIComponent(match[3]),
    };
  } catch {
    return { page: 'list' };
  }
}

export function vmHash(connectionId: string, uuid: string): string {
  return `#/vm/${encodeURIComponent(connectionId)}/${encodeURIComponent(uuid)}`;
}

export function consoleHash(connectionId: string, uuid: string): string {
  return `#/console/${encodeURIComponent(connectionId)}/${encodeURIComponent(uuid)}`;
}
