/** The app's screens, addressed by location.hash so that Back and reload work. */
export type Route =
  | { page: 'list' }
  | { page: 'vm'; connectionId: string; uuid: string }
  /** A VM's console alone: "Open in new window" (or full page in Electron's one window). */
  | { page: 'console'; connectionId: string; uuid: string }
  /** A host's resources (virt-manager's Connection Details), one tab each. */
  | { page: 'host'; connectionId: string; tab: HostTab };

export const HOST_TABS = ['overview', 'storage', 'networks', 'interfaces'] as const;
export type HostTab = (typeof HOST_TABS)[number];

export function parseHash(hash: string): Route {
  const host = /^#\/host\/([^/]+)\/([a-z]+)$/.exec(hash);
  if (host?.[1] && HOST_TABS.includes(host[2] as HostTab)) {
    try {
      return { page: 'host', connectionId: decodeURIComponent(host[1]), tab: host[2] as HostTab };
    } catch {
      return { page: 'list' };
    }
  }
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

/** Where a guest a wizard just made opens: its console when it was started, else its page. */
export function newGuestHash(connectionId: string, uuid: string, started: boolean): string {
  return started ? consoleHash(connectionId, uuid) : vmHash(connectionId, uuid);
}

export function hostHash(connectionId: string, tab: HostTab = 'overview'): string {
  return `#/host/${encodeURIComponent(connectionId)}/${tab}`;
}
