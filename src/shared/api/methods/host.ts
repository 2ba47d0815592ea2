import type { HostInterfaces, HostOverview, HostUsageSample } from '../hostTypes';

/** The host itself: what it is, how busy it is, and its network interfaces. */
export interface HostMethods {
  'host.overview': { params: { connectionId: string }; result: HostOverview };
  /**
   * One CPU / memory sample; the renderer asks every few seconds while the Overview tab is open.
   * It carries the CPU time counters: each caller computes the use against its own previous one.
   */
  'host.usage': { params: { connectionId: string }; result: HostUsageSample };
  'host.interfaces': { params: { connectionId: string }; result: HostInterfaces };
}

export const HOST_METHOD_NAMES = [
  'host.overview',
  'host.usage',
  'host.interfaces',
] as const satisfies readonly (keyof HostMethods)[];
