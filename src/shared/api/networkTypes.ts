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

export type { NetworkChanges, NetworkIpSpec, NetworkSpec } from './methods/networks';

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
