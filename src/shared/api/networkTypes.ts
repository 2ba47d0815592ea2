/** Virtual networks as the API carries them (virsh net-* in the words of the Networks tab). */

/** The modes a new network can have; an existing one may show others (passthrough, hostdev...). */
export const NETWORK_MODES = ['nat', 'route', 'isolated', 'open', 'bridge'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/**
 * A static DHCP host: this MAC (or this name) always gets this address. IPv6 hosts have no MAC:
 * they are named by their DHCPv6 client id (DUID) or their name.
 */
export interface DhcpHost {
  mac?: string;
  /** IPv6 only: the DUID, "0:3:0:1:52:54:0:12:34:56". */
  id?: string;
  ip: string;
  name?: string;
}

/** One <ip> of a network: the host's address on it, the prefix, and its DHCP part. */
export interface NetworkIp {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
  dhcpRanges: { start: string; end: string }[];
  hosts: DhcpHost[];
}

export interface NetworkSummary {
  name: string;
  uuid: string;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
  /** The <forward mode>, or 'isolated' when the network has no <forward>. */
  forwardMode: string;
  /** The host interface NAT / routed traffic leaves by (<forward dev>), when pinned. */
  forwardDev?: string;
  /** The bridge libvirt creates (virbr0...) or, in bridge mode, the host's bridge used. */
  bridge?: string;
  /** The DNS domain of the guests (<domain name>). */
  domain?: string;
  ips: NetworkIp[];
}

/** The IPv4 or IPv6 part of a network to create or edit. */
export interface NetworkIpSpec {
  /** The host's address on the network, e.g. 10.20.30.1. */
  address: string;
  prefix: number;
  /** Both or neither: the DHCP range. */
  dhcpStart?: string;
  dhcpEnd?: string;
  hosts?: DhcpHost[];
}

export interface NetworkSpec {
  name: string;
  mode: NetworkMode;
  /** bridge mode: the existing host bridge (br0); other modes: the bridge to create (optional). */
  bridge?: string;
  /** nat / route: the host interface traffic leaves by (optional). */
  forwardDev?: string;
  ipv4?: NetworkIpSpec;
  ipv6?: NetworkIpSpec;
  autostart?: boolean;
  /** Start it once defined (the default). */
  start?: boolean;
}

/** What an edit may change; fields left undefined stay as they are. */
export interface NetworkChanges {
  /** nat, route, isolated or open (a bridge-mode network stays one). */
  mode?: Exclude<NetworkMode, 'bridge'>;
  /** The IPv4 DHCP range; null removes it. */
  ipv4Range?: { start: string; end: string } | null;
  /** The IPv4 static hosts, the whole new list. */
  ipv4Hosts?: DhcpHost[];
  /** The IPv6 subnet (the host's address and the prefix), added when missing; null removes it. */
  ipv6?: { address: string; prefix: number } | null;
  /** The DHCPv6 range; null removes it. */
  ipv6Range?: { start: string; end: string } | null;
  /** The IPv6 static hosts (DUID or name -> address), the whole new list. */
  ipv6Hosts?: DhcpHost[];
  /** The bridge libvirt creates (virbrN), or in bridge mode the host bridge used. */
  bridge?: string;
  /** The DNS domain of the guests (<domain name>); '' removes it. */
  domain?: string;
}

export interface NetworkEditResult {
  /** Parts of the change that reach the running network only at its next start. */
  pendingRestart: boolean;
}

export interface DhcpLease {
  ip: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  mac?: string;
  hostname?: string;
  /** Epoch ms when the lease expires (0: never). */
  expiresAt: number;
  /** The VM with an interface of this MAC on the host, when there is one. */
  vm?: { name: string; uuid: string };
}
