import type {
  DhcpHost,
  NetworkMode,
  NetworkSpec,
  NetworkSummary,
} from '../../../shared/api/networkTypes';

export interface HostRow {
  mac: string;
  ip: string;
  name: string;
}

export interface IpForm {
  address: string;
  prefix: string;
  dhcp: boolean;
  dhcpStart: string;
  dhcpEnd: string;
  hosts: HostRow[];
}

export interface NetworkForm {
  name: string;
  mode: NetworkMode;
  bridge: string;
  forwardDev: string;
  ipv4: IpForm;
  ipv6Enabled: boolean;
  ipv6: IpForm;
  autostart: boolean;
  start: boolean;
}

/**
 * A new network's form as virt-manager fills it: the first 192.168.N.0/24 (N from 100) that no
 * network of the host uses, the host at .1 and DHCP over the upper half.
 */
export function defaultNetworkForm(existing: readonly NetworkSummary[]): NetworkForm {
  const used = new Set(
    existing.flatMap((n) => n.ips.map((ip) => ip.address.split('.').slice(0, 3).join('.'))),
  );
  let third = 100;
  while (third < 254 && used.has(`192.168.${third}`)) third++;
  const names = new Set(existing.map((n) => n.name));
  let index = 1;
  while (names.has(`network${index}`)) index++;
  const base = `192.168.${third}`;
  return {
    name: `network${index}`,
    mode: 'nat',
    bridge: '',
    forwardDev: '',
    ipv4: {
      address: `${base}.1`,
      prefix: '24',
      dhcp: true,
      dhcpStart: `${base}.128`,
      dhcpEnd: `${base}.254`,
      hosts: [],
    },
    ipv6Enabled: false,
    ipv6: {
      address: 'fd00:dead:beef::1',
      prefix: '64',
      dhcp: true,
      dhcpStart: 'fd00:dead:beef::100',
      dhcpEnd: 'fd00:dead:beef::1ff',
      hosts: [],
    },
    autostart: true,
    start: true,
  };
}

export function hostRowsToHosts(rows: readonly HostRow[]): DhcpHost[] {
  return rows.map((r) => ({
    mac: r.mac.trim() || undefined,
    ip: r.ip.trim(),
    name: r.name.trim() || undefined,
  }));
}

export function hostsToRows(hosts: readonly DhcpHost[]): HostRow[] {
  return hosts.map((h) => ({ mac: h.mac ?? '', ip: h.ip, name: h.name ?? '' }));
}

function ipPart(ip: IpForm, withHosts: boolean): NonNullable<NetworkSpec['ipv4']> {
  return {
    address: ip.address.trim(),
    prefix: Number(ip.prefix.trim() || NaN),
    dhcpStart: ip.dhcp ? ip.dhcpStart.trim() || undefined : undefined,
    dhcpEnd: ip.dhcp ? ip.dhcpEnd.trim() || undefined : undefined,
    hosts: withHosts && ip.dhcp ? hostRowsToHosts(ip.hosts) : undefined,
  };
}

/** The spec the backend checks; what the mode does not use is left out. */
export function formToSpec(form: NetworkForm): NetworkSpec {
  const bridged = form.mode === 'bridge';
  const routes = form.mode === 'nat' || form.mode === 'route';
  return {
    name: form.name,
    mode: form.mode,
    bridge: form.bridge.trim() || undefined,
    forwardDev: routes ? form.forwardDev.trim() || undefined : undefined,
    ipv4: bridged ? undefined : ipPart(form.ipv4, true),
    ipv6: bridged || !form.ipv6Enabled ? undefined : ipPart(form.ipv6, false),
    autostart: form.autostart,
    start: form.start,
  };
}
