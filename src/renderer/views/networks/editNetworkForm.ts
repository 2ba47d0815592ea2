import type {
  DhcpHost,
  NetworkChanges,
  NetworkIp,
  NetworkSummary,
} from '../../../shared/api/networkTypes';
import { hostRowsToHosts, hostsToRows, type HostRow } from './networkForm';

export const EDITABLE_MODES = ['nat', 'route', 'isolated', 'open'] as const;
export type EditableMode = (typeof EDITABLE_MODES)[number];

/** The edit dialog's fields, as text (what the inputs hold). */
export interface EditForm {
  mode: string;
  bridge: string;
  domain: string;
  ipv4Dhcp: boolean;
  ipv4Start: string;
  ipv4End: string;
  ipv4Hosts: HostRow[];
  ipv6: boolean;
  ipv6Address: string;
  ipv6Prefix: string;
  ipv6Dhcp: boolean;
  ipv6Start: string;
  ipv6End: string;
  /** IPv6 rows keep the DUID in `mac` (the row's first column). */
  ipv6Hosts: HostRow[];
}

const ipOf = (n: NetworkSummary, family: NetworkIp['family']) =>
  n.ips.find((ip) => ip.family === family);

/** NAT, routed, open and isolated networks have their own bridge, addresses and DNS. */
export function isRoutedLike(n: NetworkSummary): boolean {
  return (EDITABLE_MODES as readonly string[]).includes(n.forwardMode);
}

export function ipv6HostsToRows(hosts: readonly DhcpHost[]): HostRow[] {
  return hosts.map((h) => ({ mac: h.id ?? '', ip: h.ip, name: h.name ?? '' }));
}

export function rowsToIpv6Hosts(rows: readonly HostRow[]): DhcpHost[] {
  return rows.map((r) => ({
    id: r.mac.trim() || undefined,
    ip: r.ip.trim(),
    name: r.name.trim() || undefined,
  }));
}

/** The form filled from the network's persistent definition. */
export function editFormOf(n: NetworkSummary): EditForm {
  const v4 = ipOf(n, 'ipv4');
  const v6 = ipOf(n, 'ipv6');
  const r4 = v4?.dhcpRanges[0];
  const r6 = v6?.dhcpRanges[0];
  const prefix6 = v6?.address.replace(/::?[0-9a-f]*$/i, '') ?? 'fd00:dead:beef';
  return {
    mode: n.forwardMode,
    bridge: n.bridge ?? '',
    domain: n.domain ?? '',
    ipv4Dhcp: r4 !== undefined,
    ipv4Start: r4?.start ?? '',
    ipv4End: r4?.end ?? '',
    ipv4Hosts: hostsToRows(v4?.hosts ?? []),
    ipv6: v6 !== undefined,
    ipv6Address: v6?.address ?? 'fd00:dead:beef::1',
    ipv6Prefix: String(v6?.prefix ?? 64),
    ipv6Dhcp: r6 !== undefined || v6 === undefined,
    ipv6Start: r6?.start ?? `${prefix6}::100`,
    ipv6End: r6?.end ?? `${prefix6}::1ff`,
    ipv6Hosts: ipv6HostsToRows(v6?.hosts ?? []),
  };
}

const sameHosts = (a: readonly DhcpHost[], b: readonly DhcpHost[]) =>
  JSON.stringify(a.map((h) => [h.mac ?? '', h.id ?? '', h.name ?? '', h.ip])) ===
  JSON.stringify(b.map((h) => [h.mac ?? '', h.id ?? '', h.name ?? '', h.ip]));

/** What changed between the definition and the form: only those parts are sent. */
export function editChanges(n: NetworkSummary, f: EditForm): NetworkChanges {
  const out: NetworkChanges = {};
  const routed = isRoutedLike(n);
  if (routed && f.mode !== n.forwardMode) out.mode = f.mode as EditableMode;
  if (f.bridge.trim() !== '' && f.bridge.trim() !== (n.bridge ?? '')) out.bridge = f.bridge.trim();
  if (routed && f.domain.trim() !== (n.domain ?? '')) out.domain = f.domain.trim();
  const v4 = ipOf(n, 'ipv4');
  if (v4) {
    const range = v4.dhcpRanges[0];
    if (!f.ipv4Dhcp && range) out.ipv4Range = null;
    if (f.ipv4Dhcp && (f.ipv4Start !== range?.start || f.ipv4End !== range?.end)) {
      out.ipv4Range = { start: f.ipv4Start, end: f.ipv4End };
    }
    const hosts = f.ipv4Dhcp ? hostRowsToHosts(f.ipv4Hosts) : [];
    if (!sameHosts(hosts, v4.hosts)) out.ipv4Hosts = hosts;
  }
  if (!routed) return out;
  const v6 = ipOf(n, 'ipv6');
  if (!f.ipv6) {
    if (v6) out.ipv6 = null;
    return out;
  }
  const prefix = Number(f.ipv6Prefix.trim() || NaN);
  if (!v6 || f.ipv6Address.trim() !== v6.address || prefix !== v6.prefix) {
    out.ipv6 = { address: f.ipv6Address.trim(), prefix };
  }
  const range = v6?.dhcpRanges[0];
  if (!f.ipv6Dhcp && range) out.ipv6Range = null;
  if (f.ipv6Dhcp && (f.ipv6Start !== range?.start || f.ipv6End !== range?.end)) {
    out.ipv6Range = { start: f.ipv6Start, end: f.ipv6End };
  }
  const hosts = f.ipv6Dhcp ? rowsToIpv6Hosts(f.ipv6Hosts) : [];
  if (!sameHosts(hosts, v6?.hosts ?? [])) out.ipv6Hosts = hosts;
  return out;
}
