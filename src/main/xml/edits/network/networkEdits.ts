/** The network edits the app offers, for the registry (../registry.ts). */
import { register, type RegisteredEdit } from '../editTypes';
import { dhcpHostsEdit } from './dhcpHosts';
import { dhcpRangeEdit } from './dhcpRange';
import { forwardModeEdit } from './forwardMode';
import { ipv6DhcpHostsEdit, ipv6DhcpRangeEdit } from './ipv6Dhcp';

export const networkEdits: RegisteredEdit[] = [
  register(forwardModeEdit),
  register(dhcpRangeEdit),
  register(dhcpHostsEdit),
  register(ipv6DhcpRangeEdit),
  register(ipv6DhcpHostsEdit),
];
