import * as v from 'valibot';
import type { HostInterfaces, HostOverview, HostUsageSample } from '../hostTypes';
import { connectionId, type ParamsIn } from '../schema';

const onHost = v.object({ connectionId });
type OnHost = ParamsIn<typeof onHost>;

export const hostParams = {
  'host.overview': onHost,
  'host.usage': onHost,
  'host.interfaces': onHost,
};

/** The host itself: what it is, how busy it is, and its network interfaces. */
export interface HostMethods {
  'host.overview': { params: OnHost; result: HostOverview };
  /**
   * One CPU / memory sample; the renderer asks every few seconds while the Overview tab is open.
   * It carries the CPU time counters: each caller computes the use against its own previous one.
   */
  'host.usage': { params: OnHost; result: HostUsageSample };
  'host.interfaces': { params: OnHost; result: HostInterfaces };
}
