/**
 * Network and storage pool events from libvirt, so the Networks and Storage tabs learn of a
 * `virsh net-start` or `pool-destroy` done behind the app's back the moment it happens instead
 * of polling. The domain events live in ./events.ts; both share ./eventRegistry.
 */
import { subscribeAll, type EventSource } from './eventRegistry';
import type { RpcClient } from './rpc/client';
import { virNetworkEventID, virStoragePoolEventID } from './rpc/generated/libvirtEnums';

/** virNetworkEventLifecycleType, in order. */
const NETWORK_LIFECYCLE = ['defined', 'undefined', 'started', 'stopped'] as const;
/** virStoragePoolEventLifecycleType, in order. */
const POOL_LIFECYCLE = [
  'defined',
  'undefined',
  'started',
  'stopped',
  'created',
  'deleted',
] as const;

export type ResourceEvent =
  | { kind: 'network'; name: string; event: (typeof NETWORK_LIFECYCLE)[number] | 'changed' }
  | {
      kind: 'pool';
      name: string;
      event: (typeof POOL_LIFECYCLE)[number] | 'refreshed' | 'changed';
    };

const { VIR_NETWORK_EVENT_ID_LIFECYCLE } = virNetworkEventID;
const { VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_ID_REFRESH } =
  virStoragePoolEventID;

const NETWORK_LIFECYCLE_SOURCE: EventSource<'NETWORK_EVENT_LIFECYCLE'> = {
  key: `network:${VIR_NETWORK_EVENT_ID_LIFECYCLE}`,
  message: 'NETWORK_EVENT_LIFECYCLE',
  register: async (rpc) =>
    (
      await rpc.call('CONNECT_NETWORK_EVENT_REGISTER_ANY', {
        eventID: VIR_NETWORK_EVENT_ID_LIFECYCLE,
        net: null,
      })
    ).callbackID,
  deregister: (rpc, callbackID) => rpc.call('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', { callbackID }),
};

function poolSource<E extends 'STORAGE_POOL_EVENT_LIFECYCLE' | 'STORAGE_POOL_EVENT_REFRESH'>(
  eventID: number,
  message: E,
): EventSource<E> {
  return {
    key: `pool:${eventID}`,
    message,
    register: async (rpc) =>
      (await rpc.call('CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', { eventID, pool: null }))
        .callbackID,
    deregister: (rpc, callbackID) =>
      rpc.call('CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY', { callbackID }),
  };
}

/**
 * Calls `handler` with the network lifecycle and pool lifecycle / refresh events of every network
 * and pool. Returns the function that stops it. Listeners share the connection's one registration
 * per event (./eventRegistry).
 */
export function subscribeResourceEvents(
  rpc: RpcClient,
  handler: (event: ResourceEvent) => void,
): Promise<() => Promise<void>> {
  return subscribeAll(rpc, [
    (registry) =>
      registry.subscribe(NETWORK_LIFECYCLE_SOURCE, (m) =>
        handler({
          kind: 'network',
          name: m.net.name,
          event: NETWORK_LIFECYCLE[m.event] ?? 'changed',
        }),
      ),
    (registry) =>
      registry.subscribe(
        poolSource(VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, 'STORAGE_POOL_EVENT_LIFECYCLE'),
        (m) =>
          handler({ kind: 'pool', name: m.pool.name, event: POOL_LIFECYCLE[m.event] ?? 'changed' }),
      ),
    (registry) =>
      registry.subscribe(
        poolSource(VIR_STORAGE_POOL_EVENT_ID_REFRESH, 'STORAGE_POOL_EVENT_REFRESH'),
        (m) => handler({ kind: 'pool', name: m.pool.name, event: 'refreshed' }),
      ),
  ]);
}
