import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ApiClient } from '../api/client';
import type { AppStore } from './appStore';
import type { Slice } from './slice';

interface Services {
  client: ApiClient;
  store: AppStore;
}

const ServicesContext = createContext<Services | null>(null);

/** The API client, the app store and the query cache (state/queries.ts) for every view below. */
export function ServicesProvider({
  client,
  store,
  queries,
  children,
}: Services & { queries: QueryClient; children: ReactNode }) {
  const value = useMemo(() => ({ client, store }), [client, store]);
  return (
    <ServicesContext.Provider value={value}>
      <QueryClientProvider client={queries}>{children}</QueryClientProvider>
    </ServicesContext.Provider>
  );
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing');
  return services;
}

export const useClient = (): ApiClient => useServices().client;
export const useStore = (): AppStore => useServices().store;

/**
 * Subscribes to one slice, re-rendering only when the selected value changes (by identity).
 * Selectors must return values already in the state (or primitives), not fresh objects.
 */
export function useSlice<T, R = T>(slice: Slice<T>, select?: (value: T) => R): R {
  const get = () => (select ? select(slice.get()) : (slice.get() as unknown as R));
  return useSyncExternalStore(slice.subscribe, get, get);
}

/** The stats version of one VM: a row re-renders when its own VM gets a sample, no other. */
export function useStatsVersion(key: string): number {
  const { stats } = useServices().store;
  // Stable per key: a new function each render would make React unsubscribe and subscribe again
  // on every render of every row (a filter keystroke re-renders all rows on screen).
  const subscribe = useCallback(
    (listener: () => void) => stats.subscribe(key, listener),
    [stats, key],
  );
  const version = useCallback(() => stats.version(key), [stats, key]);
  return useSyncExternalStore(subscribe, version, version);
}
