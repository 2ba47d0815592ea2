import * as v from 'valibot';
import { hostInterfaces, hostOverview, hostUsageSample } from '../hostTypes';
import { connectionId, type MethodsOf, type ResultSchemas } from '../schema';

const onHost = v.object({ connectionId });

export const hostParams = {
  'host.overview': onHost,
  /**
   * One CPU / memory sample; the renderer asks every few seconds while the Overview tab is open.
   * It carries the CPU time counters: each caller computes the use against its own previous one.
   */
  'host.usage': onHost,
  'host.interfaces': onHost,
};

export const hostResults = {
  'host.overview': hostOverview,
  'host.usage': hostUsageSample,
  'host.interfaces': hostInterfaces,
} satisfies ResultSchemas<typeof hostParams>;

/** The host itself: what it is, how busy it is, and its network interfaces. */
export type HostMethods = MethodsOf<typeof hostParams, typeof hostResults>;
