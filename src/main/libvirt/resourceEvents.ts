/**
 * Network and storage pool events from libvirt, so the Networks and Storage tabs learn of a
 * `virsh net-start` or `pool-destroy` done behind the app's back the moment it happens instead
 * of polling. The domain events live in ./events.ts; these follow the same registration rules.
 */
import type { RpcClient } from './rpc/client';

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

/** VIR_NETWORK_EVENT_ID_LIFECYCLE. */
const NETWORK_EVENT_LIFECYCLE = 0;
/** VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE and _REFRESH. */
const POOL_EVENT_LIFECYCLE = 0;
const POOL_EVENT_REFRESH = 1;

/**
 * Registers for network lifecycle and pool lifecycle / refresh events of every network and pool
 * and calls `handler` with each. Returns a function that deregisters them all.
 */
export async function subscribeResourceEvents(
  rpc: RpcClient,
  handler: (event: ResourceEvent) => void,
): Promise<() => Promise<void>> {
  const networkIds = new Set<number>();
  const poolIds = new Set<number>();
  // Several subscribers share one connection: each only sees its own registrations.
  const unsubscribers = [
    rpc.onEvent('NETWORK_EVENT_LIFECYCLE', (m) => {
      if (!networkIds.has(m.callbackID)) return;
      handler({
        kind: 'network',
        name: m.net.name,
        event: NETWORK_LIFECYCLE[m.event] ?? 'changed',
      });
    }),
    rpc.onEvent('STORAGE_POOL_EVENT_LIFECYCLE', (m) => {
      if (!poolIds.has(m.callbackID)) return;
      handler({ kind: 'pool', name: m.pool.name, event: POOL_LIFECYCLE[m.event] ?? 'changed' });
    }),
    rpc.onEvent('STORAGE_POOL_EVENT_REFRESH', (m) => {
      if (poolIds.has(m.callbackID))
        handler({ kind: 'pool', name: m.pool.name, event: 'refreshed' });
    }),
  ];
  const deregister = async (): Promise<void> => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (rpc.closed) return;
    await Promise.allSettled([
      ...[...networkIds].map((callbackID) =>
        rpc.call('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', { callbackID }),
      ),
      ...[...poolIds].map((callbackID) =>
        rpc.call('CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY', { callbackID }),
      ),
    ]);
    networkIds.clear();
    poolIds.clear();
  };
  try {
    const net = await rpc.call('CONNECT_NETWORK_EVENT_REGISTER_ANY', {
      eventID: NETWORK_EVENT_LIFECYCLE,
      net: null,
    });
    networkIds.add(net.callbackID);
    for (const eventID of [POOL_EVENT_LIFECYCLE, POOL_EVENT_REFRESH]) {
      const pool = await rpc.call('CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', {
        eventID,
        pool: null,
      });
      poolIds.add(pool.callbackID);
    }
  } catch (err) {
    await deregister();
    throw err;
  }
  return deregister;
}
