import { useCallback, useEffect, useState } from 'react';
import type { DhcpLease, NetworkSummary } from '../../../shared/api/networkTypes';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';

export interface Polled<T> {
  data: T | undefined;
  error: string | undefined;
  reload(): void;
}

/**
 * Calls `load` now, whenever `key` changes or reload() is called, and every `everyMs` while the
 * window is visible (0: never by itself). The last data stays shown while the next load runs.
 */
export function usePolled<T>(
  key: string | undefined,
  load: () => Promise<T>,
  everyMs = 0,
): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (key === undefined) {
      setData(undefined);
      setError(undefined);
      return;
    }
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      if (everyMs > 0 && document.visibilityState === 'hidden') {
        timer = setTimeout(run, everyMs);
        return;
      }
      load()
        .then(
          (value) => {
            if (!current) return;
            setData(value);
            setError(undefined);
          },
          (err: unknown) => {
            if (current) setError(errorMessage(err));
          },
        )
        .finally(() => {
          // The next poll is scheduled after this one ends, so polls never overlap.
          if (current && everyMs > 0) timer = setTimeout(run, everyMs);
        });
    };
    run();
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `load` is a fresh closure per render; `key` and `version` say when to load again.
  }, [key, version, everyMs]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}

export function useNetworks(connectionId: string): Polled<NetworkSummary[]> {
  const client = useClient();
  return usePolled(connectionId, () => client.call('networks.list', { connectionId }));
}

/** The leases of `name`, asked again every 5 s: a booting guest's lease shows by itself. */
export function useLeases(connectionId: string, name: string | undefined): Polled<DhcpLease[]> {
  const client = useClient();
  return usePolled(
    name === undefined ? undefined : `${connectionId}/${name}`,
    () => client.call('networks.leases', { connectionId, name: name ?? '' }),
    5000,
  );
}
