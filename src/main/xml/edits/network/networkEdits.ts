/** The network edits the app offers, for the registry (../registry.ts). */
import { register, type RegisteredEdit } from '../editTypes';
import { dhcpHostsEdit } from './dhcpHosts';
import { dhcpRangeEdit } from './dhcpRange';
import { forwardModeEdit } from './forwardMode';

export const networkEdits: RegisteredEdit[] = [
  register(forwardModeEdit),
  register(dhcpRangeEdit),
  register(dhcpHostsEdit),
];
