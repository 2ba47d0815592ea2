import { useCallback, useEffect, useState } from 'react';
import type { PoolSummary, VolumeSummary } from '../../../shared/api/methods/storage';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads with `load` whenever `key` changes or reload() is called; keeps the last data meanwhile. */
function useLoaded<T>(key: string | undefined, load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (key === undefined) {
      setData(undefined);
      setError(undefined);
      return;
    }
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setData(undefined);
        setError(errorMessage(err));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure per render; `key` and `version` say when to load again.
  }, [key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}

export function usePools(connectionId: string): Loaded<PoolSummary[]> {
  const client = useClient();
  return useLoaded(connectionId, () => client.call('storage.pools.list', { connectionId }));
}

/** The volumes of `pool` (none while no pool is picked or it is not running). */
export function useVolumes(
  connectionId: string,
  pool: PoolSummary | undefined,
): Loaded<VolumeSummary[]> {
  const client = useClient();
  const key = pool?.active ? `${pool.name}` : undefined;
  return useLoaded(key, () =>
    client.call('storage.volumes.list', { connectionId, pool: pool?.name ?? '' }),
  );
}
