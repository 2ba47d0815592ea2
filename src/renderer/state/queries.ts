import {
  keepPreviousData,
  QueryClient,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MethodName, MethodParams, MethodResult } from '../../shared/api/contract';
import type { HostResourcesChanged } from '../../shared/api/hostTypes';
import { errorMessage } from '../api/apiError';
import type { ApiClient } from '../api/client';
import { useClient } from './context';

/**
 * The one way a view loads data it does not get by events (a VM's details, pools, networks...):
 * TanStack Query's cache, keyed by `[method, params]`, refreshed when the backend's events say
 * the data changed (syncQueries below), not by polling. The live VM list and the stats stay in
 * the app store: the backend pushes them whole, there is nothing to load.
 */
export function createQueries(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fresh until an event (or the view itself, after a change) says otherwise.
        staleTime: Infinity,
        // Dropped when no view shows it: a view opened again reads afresh, as a page would
        // (some changes send no event: a volume made with virsh).
        gcTime: 0,
        // The backend already retries its host connection; a refused read is shown at once.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

export function queryKey<M extends MethodName>(method: M, params: MethodParams<M>): QueryKey {
  return [method, params];
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  /** A read is under way (the first or a refresh). */
  loading: boolean;
  /** Reads again; a read already under way is dropped for this newer one. */
  reload(): void;
}

/**
 * What a view asks `method` for: its parameters, `null` for a method that takes none, or
 * undefined while there is nothing to read yet.
 */
export type QueryParams<M extends MethodName> =
  MethodParams<M> extends void ? null : MethodParams<M>;

/**
 * Calls `method` with `params` (none while `params` is undefined: `data` is then undefined) and
 * keeps the result for every view that asks the same. The last data stays shown while the next
 * read runs, also when the parameters change (unless `keepPrevious` is false: data of another
 * host must not stand for this one's); after a failed read it stays too with `keepOnError`, else
 * the view shows only the error. `everyMs` re-reads on a timer while the window is visible, for
 * data libvirt sends no event for (DHCP leases, the host's usage); a read still under way when
 * the timer fires is not asked again.
 */
export function useApiQuery<M extends MethodName>(
  method: M,
  params: QueryParams<M> | undefined,
  options: { everyMs?: number; keepOnError?: boolean; keepPrevious?: boolean } = {},
): Loaded<MethodResult<M>> {
  const client = useClient();
  const queries = useQueryClient();
  const key: QueryKey = [method, params];
  const query = useQuery({
    queryKey: key,
    // `null` stands for "no parameters" (undefined would mean "nothing to read yet").
    queryFn: () => client.call(method, (params ?? undefined) as MethodParams<M>),
    enabled: params !== undefined,
    placeholderData: options.keepPrevious === false ? undefined : keepPreviousData,
    refetchInterval: options.everyMs ?? false,
  });
  // `key` is rebuilt on every render; its text says when it really changed.
  const serialized = JSON.stringify(key);
  const reload = useCallback(
    () => void queries.invalidateQueries({ queryKey: JSON.parse(serialized) as QueryKey }),
    [queries, serialized],
  );
  const failed = query.error ? errorMessage(query.error) : undefined;
  return {
    data: params === undefined || (failed && !options.keepOnError) ? undefined : query.data,
    error: params === undefined ? undefined : failed,
    loading: query.isFetching,
    reload,
  };
}

/** What each read of useApiQueries gave: its data, undefined while read or after a refusal. */
function dataOf(results: UseQueryResult[]): unknown[] {
  return results.map((r) => r.data);
}

/**
 * `method` once per entry of `paramsList`, all read at once (the command palette: the networks
 * of every connected host), in the same cache as useApiQuery: a view that shows one of them and
 * this share one read, and the backend's events refresh both. Returns the data in the order of
 * `paramsList` (undefined while read, or when the read was refused); the array is a new one only
 * when some data changed.
 */
export function useApiQueries<M extends MethodName>(
  method: M,
  paramsList: readonly MethodParams<M>[],
): (MethodResult<M> | undefined)[] {
  const client = useClient();
  return useQueries({
    queries: paramsList.map((params) => ({
      queryKey: queryKey(method, params),
      queryFn: () => client.call(method, params),
    })),
    // A stable function: TanStack then gives the same array until some data changes.
    combine: dataOf,
  }) as (MethodResult<M> | undefined)[];
}

/** A start sends several events in a row (defined, started): one reload per burst is enough. */
const BURST_MS = 150;

const RESOURCE_METHODS: Record<HostResourcesChanged['kind'], MethodName[]> = {
  network: ['networks.list'],
  pool: ['storage.pools.list', 'storage.volumes.list'],
};

/** What a VM's events make stale: its details and its snapshots. */
const VM_METHODS = ['vms.details', 'vms.snapshots.list'] as const;

/** Per cache: the keys being read again right after a change this window made. */
const readsAfterChange = new WeakMap<QueryClient, Set<string>>();

/**
 * Reads `queryKey` again after a change this window made (an edit), and resolves when it is
 * read. The event the change itself causes (a define's vms.delta) while this read is under way
 * joins it instead of starting a second one: the read began after the change.
 */
export async function readAfterChange(queries: QueryClient, queryKey: QueryKey): Promise<void> {
  let keys = readsAfterChange.get(queries);
  if (!keys) readsAfterChange.set(queries, (keys = new Set()));
  const hash = JSON.stringify(queryKey);
  keys.add(hash);
  try {
    await queries.invalidateQueries({ queryKey });
  } finally {
    keys.delete(hash);
  }
}

/**
 * Marks cached data stale when the backend says it changed, whoever changed it (this window,
 * another, virsh on the host); views showing it read it again, others when next shown. The
 * newest read wins: one under way is dropped for a new one, except a read after this window's
 * own change (readAfterChange), which an event of that VM joins, so an edit and the event its
 * define causes cost one `vms.details`. Returns a function that stops listening.
 */
export function syncQueries(client: ApiClient, queries: QueryClient): () => void {
  const invalidate = (queryKey: QueryKey) => {
    const joined = readsAfterChange.get(queries)?.has(JSON.stringify(queryKey)) === true;
    void queries.invalidateQueries({ queryKey }, { cancelRefetch: !joined });
  };
  const bursts = new Map<string, ReturnType<typeof setTimeout>>();
  const stops = [
    client.on('vms.delta', ({ connectionId, reset, upsert, remove }) => {
      // A VM's snapshots change with it: a revert, or a snapshot taken, is a domain event too.
      if (reset) {
        for (const method of VM_METHODS) invalidate([method, { connectionId }]);
        return;
      }
      for (const uuid of [...upsert.map((vm) => vm.uuid), ...remove]) {
        for (const method of VM_METHODS) invalidate(queryKey(method, { connectionId, uuid }));
      }
    }),
    client.on('host.resourcesChanged', ({ connectionId, kind }) => {
      const burst = `${connectionId}/${kind}`;
      clearTimeout(bursts.get(burst));
      bursts.set(
        burst,
        setTimeout(() => {
          bursts.delete(burst);
          for (const method of RESOURCE_METHODS[kind]) invalidate([method, { connectionId }]);
        }, BURST_MS),
      );
    }),
    // Events sent while the link was down are lost: whatever is shown is read again.
    client.onLink((state) => {
      if (state === 'open') void queries.invalidateQueries();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    for (const timer of bursts.values()) clearTimeout(timer);
  };
}
