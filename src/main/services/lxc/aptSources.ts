/**
 * What the wizard offers debootstrap by default: the Debian mirror the host's own apt fetches
 * from (one-line `deb URL SUITE ...` entries and deb822 `URIs:` stanzas), so the default is a
 * mirror the host is known to reach, and the host's own release codename.
 */
import type { Host } from '../../hosts/host';

/** Debian's redirector, when the host's sources name no usable mirror. */
const DEFAULT_MIRROR = 'http://deb.debian.org/debian';

/** The first http(s) archive in apt's sources text, leaving out security and cdrom entries. */
export function aptMirror(text: string): string | undefined {
  const urls: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(line);
    if (oneLine?.[1]) urls.push(oneLine[1]);
    const deb822 = /^URIs:\s*(.+)$/i.exec(line);
    if (deb822?.[1]) urls.push(...deb822[1].split(/\s+/));
  }
  return urls
    .map((url) => url.replace(/\/+$/, ''))
    .find((url) => /^https?:\/\//.test(url) && !/security/.test(url));
}

/** `VERSION_CODENAME=bookworm` in os-release text. */
export function osCodename(text: string): string | undefined {
  const value = /^VERSION_CODENAME=["']?([a-z0-9.+-]+)["']?\s*$/m.exec(text)?.[1];
  return value === '' ? undefined : value;
}

/** The host's apt mirror (else Debian's redirector) and codename, when it is a Debian-like host. */
export async function debootstrapDefaults(host: Host): Promise<{ mirror: string; suite?: string }> {
  // A fixed script: the files are apt's own, nothing the user typed.
  const read = await host
    .exec([
      'sh',
      '-c',
      'cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null; :',
    ])
    .catch(() => undefined);
  const release = await host.exec(['cat', '/etc/os-release']).catch(() => undefined);
  const suite = release?.code === 0 ? osCodename(release.stdout.toString('utf8')) : undefined;
  return {
    mirror: (read && aptMirror(read.stdout.toString('utf8'))) ?? DEFAULT_MIRROR,
    ...(suite ? { suite } : {}),
  };
}
