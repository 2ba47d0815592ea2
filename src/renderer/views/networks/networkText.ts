import type { NetworkIp, NetworkSummary } from '../../../shared/api/networkTypes';

/** "10.1.2.1/24" for the network's addresses of one family ('' when none). */
export function addressesOf(network: NetworkSummary, family: NetworkIp['family']): string {
  return network.ips
    .filter((ip) => ip.family === family)
    .map((ip) => `${ip.address}/${ip.prefix}`)
    .join(', ');
}

/** "10.1.2.100 – 10.1.2.200" for every DHCP range of the network ('' when none). */
export function dhcpRangesOf(network: NetworkSummary): string {
  return network.ips
    .flatMap((ip) => ip.dhcpRanges)
    .map((r) => `${r.start} – ${r.end}`)
    .join(', ');
}

export const KNOWN_MODES = ['nat', 'route', 'isolated', 'open', 'bridge'];
